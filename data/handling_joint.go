package data

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
)

// 联合办理 (§三5 3): the lead window coordinates, each participating window
// records its part, the lead window closes the request.

// setUpParts creates the parts of a joint request from the item's windows
// and returns the lead window.
func (st *step) setUpParts(fallbackLead int64) (int64, error) {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT window_id, role FROM item_windows WHERE item_id = ?
		ORDER BY role DESC, window_id`, st.req.ItemID)
	if err != nil {
		return 0, err
	}
	var lead int64
	var joints []int64
	for rows.Next() {
		var w int64
		var role string
		if err := rows.Scan(&w, &role); err != nil {
			rows.Close()
			return 0, err
		}
		if role == "lead" {
			lead = w
		} else {
			joints = append(joints, w)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if lead == 0 {
		lead = fallbackLead
	}
	joints = slices.DeleteFunc(joints, func(w int64) bool { return w == lead })
	if lead == 0 {
		return 0, Invalid("mode", "该事项没有设置牵头窗口，不能联合办理。请在事项目录中设置后再受理。")
	}
	if len(joints) == 0 {
		return 0, Invalid("mode", "该事项没有设置配合窗口，不能选择联合办理，请改选其他办理方式。")
	}
	if err := st.exec(`INSERT OR IGNORE INTO request_parts (request_id, window_id, role) VALUES (?, ?, 'lead')`,
		st.req.ID, lead); err != nil {
		return 0, err
	}
	for _, w := range joints {
		if err := st.exec(`INSERT OR IGNORE INTO request_parts (request_id, window_id, role) VALUES (?, ?, 'joint')`,
			st.req.ID, w); err != nil {
			return 0, err
		}
	}
	return lead, nil
}

// JointPart records a participating window's part of a 联合办理 request
// (windowID 0: the actor's window), with what it did. The lead window does
// not record a part: it finishes the request once every part is in.
func (s *Store) JointPart(ctx context.Context, by Session, requestID, windowID int64, note string) error {
	note, err := need("note", "办理情况", note, MaxNoteRunes, "请填写本窗口的办理情况。")
	if err != nil {
		return err
	}
	return s.apply(ctx, "joint part", by, requestID, ActJointPart, func(st *step) error {
		if st.req.Mode != ModeJoint {
			return conflict("该办件不是联合办理，不需要登记配合窗口的办理情况。")
		}
		if windowID == 0 {
			windowID = st.by.WindowID
		}
		var role, done, wname string
		err := st.tx.QueryRowContext(ctx, `SELECT p.role, p.done_at, w.name FROM request_parts p
			JOIN windows w ON w.id = p.window_id WHERE p.request_id = ? AND p.window_id = ?`, st.req.ID, windowID).
			Scan(&role, &done, &wname)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("window", "该窗口不是本办件的配合窗口。")
		}
		if err != nil {
			return err
		}
		if role == "lead" {
			return Invalid("window", "牵头窗口不需要单独登记，待各配合窗口完成后直接办结即可。")
		}
		if done != "" {
			return conflict(wname + "的办理情况已经登记过了。")
		}
		if err := st.exec(`UPDATE request_parts SET done_at = ?, staff_id = ?, note = ? WHERE request_id = ? AND window_id = ?`,
			st.at, st.by.StaffID, note, st.req.ID, windowID); err != nil {
			return err
		}
		pub := wname + "已完成配合办理"
		if err := st.event(EventPartDone, true, pub, map[string]any{"window": windowID}); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		return st.audit(AuditJointPart, pub+"："+note)
	})
}

func (st *step) checkJointDone() error {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT p.window_id, p.role, p.done_at, w.name FROM request_parts p
		JOIN windows w ON w.id = p.window_id WHERE p.request_id = ? ORDER BY p.role DESC, w.ord, w.id`, st.req.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var lead int64
	var leadName string
	var pending []string
	for rows.Next() {
		var w int64
		var role, done, name string
		if err := rows.Scan(&w, &role, &done, &name); err != nil {
			return err
		}
		switch {
		case role == "lead":
			lead, leadName = w, name
		case done == "":
			pending = append(pending, name)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if lead != 0 && st.by.WindowID != lead && st.by.StaffID != st.req.Owner {
		return conflict("联合办理事项由牵头窗口（" + leadName + "）办结，请转交牵头窗口办结。")
	}
	if len(pending) > 0 {
		return conflict("还有配合窗口未完成：" + strings.Join(pending, "、") + "。全部完成后才能办结。")
	}
	return st.exec(`UPDATE request_parts SET done_at = ?, staff_id = ? WHERE request_id = ? AND role = 'lead'`,
		st.at, st.by.StaffID, st.req.ID)
}
