package data

import (
	"context"
	"slices"
	"strings"
)

// 联合办理 (§三5 3): the lead window coordinates, each participating window
// records its part, the lead window closes the request.

// JointWindowsRule is who handles a 联合办理 request (§三5 3: 需要两个或两个
// 以上职能窗口审批的项目，由主办窗口牵头协调): the item's lead window (or,
// when the item names none, fallback: the window the request is at) leads,
// and the item's other windows take part. Without a lead, or with no other
// window taking part, the request cannot be handled jointly.
func JointWindowsRule(itemLead int64, itemJoints []int64, fallback int64) (lead int64, joints []int64, err error) {
	lead = itemLead
	if lead == 0 {
		lead = fallback
	}
	joints = slices.DeleteFunc(slices.Clone(itemJoints), func(w int64) bool { return w == lead })
	if lead == 0 {
		return 0, nil, Invalid("mode", "该事项没有设置牵头窗口，不能联合办理。请在事项目录中设置后再受理。")
	}
	if len(joints) == 0 {
		return 0, nil, Invalid("mode", "该事项没有设置配合窗口，不能选择联合办理，请改选其他办理方式。")
	}
	return lead, joints, nil
}

// JointPartRule is what a participating window may record of a 联合办理
// request: the request is joint, the window is one of its participating
// windows (part, found among the request's parts), and has not recorded
// its part yet. The lead window records no part: it finishes the request.
func JointPartRule(mode Mode, part JointPartState, found bool) error {
	switch {
	case mode != ModeJoint:
		return conflict("该办件不是联合办理，不需要登记配合窗口的办理情况。")
	case !found:
		return Invalid("window", "该窗口不是本办件的配合窗口。")
	case part.Lead:
		return Invalid("window", "牵头窗口不需要单独登记，待各配合窗口完成后直接办结即可。")
	case !part.Done.IsZero():
		return conflictOf(Invalid("status", part.WindowName+"的办理情况已经登记过了。").
			keyed("data.handling_joint.done", map[string]any{"Window": part.WindowName}))
	}
	return nil
}

// JointFinishRule is the close of a 联合办理 request (§三5 3, 主办窗口牵头):
// it is finished by its lead window, or by its owner, and only once every
// participating window's part is in. parts are the request's parts, lead
// first; actorWindow and actor are who finishes it.
func JointFinishRule(parts []JointPartState, actorWindow, actor, owner int64) error {
	var lead *JointPartState
	var pending []string
	for i, p := range parts {
		switch {
		case p.Lead:
			lead = &parts[i]
		case p.Done.IsZero():
			pending = append(pending, p.WindowName)
		}
	}
	if lead != nil && actorWindow != lead.WindowID && actor != owner {
		return conflictOf(Invalid("status", "联合办理事项由牵头窗口（"+lead.WindowName+"）办结，请转交牵头窗口办结。").
			keyed("data.handling_joint.lead", map[string]any{"Window": lead.WindowName}))
	}
	if len(pending) > 0 {
		return conflictOf(Invalid("status", "还有配合窗口未完成："+strings.Join(pending, "、")+"。全部完成后才能办结。").
			keyed("data.handling_joint.pending", map[string]any{"Windows": strings.Join(pending, "、")}))
	}
	return nil
}

// setUpParts creates the parts of a joint request from the item's windows
// (JointWindowsRule) and returns the lead window.
func (st *step) setUpParts(fallbackLead int64) (int64, error) {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT window_id, role FROM item_windows WHERE item_id = ?
		ORDER BY role DESC, window_id`, st.req.ItemID)
	if err != nil {
		return 0, err
	}
	var itemLead int64
	var itemJoints []int64
	for rows.Next() {
		var w int64
		var role string
		if err := rows.Scan(&w, &role); err != nil {
			rows.Close()
			return 0, err
		}
		if role == "lead" {
			itemLead = w
		} else {
			itemJoints = append(itemJoints, w)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	lead, joints, err := JointWindowsRule(itemLead, itemJoints, fallbackLead)
	if err != nil {
		return 0, err
	}
	if err := st.exec(`INSERT INTO request_parts (request_id, window_id, role) VALUES (?, ?, 'lead') ON CONFLICT DO NOTHING`,
		st.req.ID, lead); err != nil {
		return 0, err
	}
	for _, w := range joints {
		if err := st.exec(`INSERT INTO request_parts (request_id, window_id, role) VALUES (?, ?, 'joint') ON CONFLICT DO NOTHING`,
			st.req.ID, w); err != nil {
			return 0, err
		}
	}
	return lead, nil
}

// JointPart records a participating window's part of a 联合办理 request
// (windowID 0: the actor's window), with what it did (JointPartRule). The
// lead window does not record a part: it finishes the request once every
// part is in.
func (s *Store) JointPart(ctx context.Context, by Session, requestID, windowID int64, note string) error {
	note, err := need("note", "办理情况", note, MaxNoteRunes, "请填写本窗口的办理情况。")
	if err != nil {
		return err
	}
	return s.apply(ctx, "joint part", by, requestID, ActJointPart, func(st *step) error {
		return st.jointPart(windowID, note)
	})
}

// jointPart is the step of JointPart inside its transaction.
func (st *step) jointPart(windowID int64, note string) error {
	if windowID == 0 {
		windowID = st.by.WindowID
	}
	var part JointPartState
	found := false
	if st.req.Mode == ModeJoint {
		parts, err := partsOf(st.ctx, st.tx, st.req.ID)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(parts, func(p JointPartState) bool { return p.WindowID == windowID }); i >= 0 {
			part, found = parts[i], true
		}
	}
	if err := JointPartRule(st.req.Mode, part, found); err != nil {
		return err
	}
	if err := st.exec(`UPDATE request_parts SET done_at = ?, staff_id = ?, note = ? WHERE request_id = ? AND window_id = ?`,
		st.at, st.by.StaffID, note, st.req.ID, windowID); err != nil {
		return err
	}
	pub := part.WindowName + "已完成配合办理"
	if err := st.event(EventPartDone, true, pub, map[string]any{"window": windowID}); err != nil {
		return err
	}
	if err := st.internalNote(note); err != nil {
		return err
	}
	return st.audit(AuditJointPart, pub+"："+note)
}

// checkJointDone applies JointFinishRule to the request's parts and marks
// the lead window's part done.
func (st *step) checkJointDone() error {
	parts, err := partsOf(st.ctx, st.tx, st.req.ID)
	if err != nil {
		return err
	}
	if err := JointFinishRule(parts, st.by.WindowID, st.by.StaffID, st.req.Owner); err != nil {
		return err
	}
	return st.exec(`UPDATE request_parts SET done_at = ?, staff_id = ? WHERE request_id = ? AND role = 'lead'`,
		st.at, st.by.StaffID, st.req.ID)
}
