package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// 补正 notices (一次性告知, §六2) and the materials coming in.

// SupplementNotice is a 补正通知 as sent: what the 补正通知单 prints.
type SupplementNotice struct {
	ID           int64
	RequestID    int64
	ReceiptNo    string
	ItemName     string
	At           time.Time
	Materials    []string // every material asked for on this notice
	Note         string
	Second       bool   // a later notice asking for something the first did not (一次性告知 breached)
	SecondReason string // why, when Second
	Deadline     string // the last day a first notice was allowed (SupplementNoticeDeadline)
}

// RequestSupplement sends the one-time notice of missing materials (一次性
// 告知): materialIDs are ticked from the item's list (all of them at once),
// note is printed on the notice. The request waits with its clock stopped;
// MaterialsComplete restarts it.
//
// The first notice must go out within SupplementNoticeWorkdays working days
// of receipt (FirstNoticeDeadlineRule). A later notice is judged by
// OneTimeNoticeRule: asking again for materials already told is allowed;
// naming a material that no earlier notice named needs secondReason, and is
// recorded as a breach (supplements.second_reason) for the reports. An
// earlier notice whose stored list cannot be read refuses the step with an
// error: it is not taken to have told nothing, which would book a breach.
func (s *Store) RequestSupplement(ctx context.Context, by Session, requestID int64, materialIDs []int64,
	note, secondReason string) (SupplementNotice, error) {
	var n SupplementNotice
	note, errNote := text("note", "补正说明", note, MaxNoteRunes, false)
	secondReason, errReason := text("second_reason", "再次补正的理由", secondReason, MaxReasonRunes, false)
	ids, errIDs := chosenIDs("materials", materialIDs, "请勾选需要补正的材料（一次列全）。")
	if err := cmp.Or(errNote, errReason, errIDs); err != nil {
		return n, err
	}
	err := s.apply(ctx, "supplement", by, requestID, ActSupplement, func(st *step) error {
		var err error
		n, err = st.supplement(ids, note, secondReason)
		return err
	})
	if err != nil {
		return SupplementNotice{}, err
	}
	return n, nil
}

// FirstNoticeDeadlineRule is the deadline of the first 补正 notice: it goes
// out within SupplementNoticeWorkdays working days of receipt (deadline is
// Calendar.SupplementNoticeDeadline); after that the request counts as
// accepted from receipt (逾期不告知的，自收到申请材料之日起即为受理, see
// EffectiveClockStart) and is to be accepted, not sent a notice. Later
// notices (first false) are not bound by it.
func FirstNoticeDeadlineRule(first bool, now, deadline time.Time) error {
	if !first || dayNum(now) <= dayNum(deadline) {
		return nil
	}
	return Invalid("materials", fmt.Sprintf("补正告知应在收件后%d个工作日内（%s前）发出，现已逾期。依规定该申请自收件之日起视为受理，请直接受理办理。",
		SupplementNoticeWorkdays, cnDay(Day(deadline)))).keyed("data.supplement.late",
		map[string]any{"Days": SupplementNoticeWorkdays, "Date": Day(deadline)})
}

// OneTimeNoticeRule is 一次性告知 (§六2: 在补办通知单中一次性告知服务对象所需
// 补充的有关材料) for a 补正 notice asking for asked, after the earlier
// notices told (each the material ids it named). Asking again for what an
// earlier notice named is no breach, nor is any first notice. A later
// notice naming a material no earlier notice named breaches the rule: it
// needs a written reason (refused with an *InvalidError naming those
// materials when reason is empty) and, given one, breach is true: the
// notice is recorded as a breach that counts in the person's evaluation
// (§六4).
func OneTimeNoticeRule(told [][]int64, asked []Material, reason string) (breach bool, err error) {
	if len(told) == 0 {
		return false, nil
	}
	named := map[int64]bool{}
	for _, ids := range told {
		for _, id := range ids {
			named[id] = true
		}
	}
	var fresh []Material
	for _, m := range asked {
		if !named[m.ID] {
			fresh = append(fresh, m)
		}
	}
	if len(fresh) == 0 {
		return false, nil
	}
	if strings.TrimSpace(reason) == "" {
		list := materialList(fresh)
		return false, Invalid("second_reason", "按一次性告知制度，首次补正通知未列出的材料（"+list+
			"）再次要求补正须写明理由，并将计入考核。").keyed("data.supplement.secondReason", map[string]any{"Materials": list})
	}
	return true, nil
}

// supplement is the step of RequestSupplement inside its transaction.
func (st *step) supplement(ids []int64, note, reason string) (SupplementNotice, error) {
	var n SupplementNotice
	asked, err := st.itemMaterialsByID(ids)
	if err != nil {
		return n, err
	}
	told, err := st.toldMaterials()
	if err != nil {
		return n, err
	}
	deadline := st.cal.SupplementNoticeDeadline(st.req.Created)
	if err := FirstNoticeDeadlineRule(len(told) == 0, st.now, deadline); err != nil {
		return n, err
	}
	second, err := OneTimeNoticeRule(told, asked, reason)
	if err != nil {
		return n, err
	}
	if !second {
		reason = ""
	}
	if n.ID, err = st.insertSupplement(ids, note, reason); err != nil {
		return n, err
	}
	if err := st.exec(`UPDATE requests SET status = ?, due_day = '' WHERE id = ?`, StatusWaiting, st.req.ID); err != nil {
		return n, err
	}
	names := make([]string, len(asked))
	for i, m := range asked {
		names[i] = m.Name
	}
	pub := "请补正以下材料：" + strings.Join(names, "、") + "。" + note
	data := map[string]any{"materials": ids, "supplement_id": n.ID}
	detail := pub
	if second {
		data["second_reason"] = reason
		detail = "再次要求补正（违反一次性告知，计入考核），理由：" + reason + "。" + pub
	}
	if err := st.event(EventSupplement, true, pub, data); err != nil {
		return n, err
	}
	n.RequestID, n.ReceiptNo, n.ItemName, n.At, n.Deadline = st.req.ID, st.req.ReceiptNo, st.req.ItemName, st.now, Day(deadline)
	n.Materials, n.Note, n.Second, n.SecondReason = names, note, second, reason
	return n, st.audit(AuditSupplement, detail)
}

// itemMaterialsByID is the materials ids of the request's item, in the
// order of ids; an id of another item is refused.
func (st *step) itemMaterialsByID(ids []int64) ([]Material, error) {
	out := make([]Material, 0, len(ids))
	for _, id := range ids {
		m := Material{ID: id}
		err := st.tx.QueryRowContext(st.ctx, `SELECT name FROM materials WHERE id = ? AND item_id = ?`, id,
			st.req.ItemID).Scan(&m.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, Invalid("materials", "所勾选的材料不属于该事项，请重新勾选。")
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// toldMaterials is what the request's earlier 补正 notices named, one list
// of material ids per notice, oldest first. A stored list that cannot be
// read is an error naming the notice.
func (st *step) toldMaterials() ([][]int64, error) {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT id, materials FROM supplements WHERE request_id = ? ORDER BY id`,
		st.req.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var told [][]int64
	for rows.Next() {
		var id int64
		var raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		var ids []int64
		if err := json.Unmarshal([]byte(raw), &ids); err != nil {
			return nil, fmt.Errorf("data: 补正 notice %d of request %s: materials list %q unreadable: %w",
				id, st.req.ReceiptNo, clip(raw, 40), err)
		}
		told = append(told, ids)
	}
	return told, rows.Err()
}

// insertSupplement stores a 补正 notice and returns its id.
func (st *step) insertSupplement(ids []int64, note, secondReason string) (int64, error) {
	raw, err := json.Marshal(ids)
	if err != nil {
		return 0, err
	}
	res, err := st.tx.ExecContext(st.ctx, `INSERT INTO supplements (request_id, at, staff_id, materials, note,
		second_reason) VALUES (?, ?, ?, ?, ?, ?)`, st.req.ID, st.at, st.by.StaffID, string(raw), note, secondReason)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// MaterialsComplete records that the missing materials are in: the open
// notices are closed with today's date, and the full time limit runs again
// from today (a new clock start and due day). A request not yet accepted
// is accepted by this step, in its registered mode.
func (s *Store) MaterialsComplete(ctx context.Context, by Session, requestID int64) error {
	return s.apply(ctx, "complete", by, requestID, ActComplete, func(st *step) error {
		// What the open notices asked for is now received (已收).
		if err := st.receiveAsked(); err != nil {
			return err
		}
		if err := st.exec(`UPDATE supplements SET complete_day = ? WHERE request_id = ? AND complete_day = ''`,
			Day(st.now), st.req.ID); err != nil {
			return err
		}
		due, err := st.acceptCore(st.req.Mode, st.today)
		if err != nil {
			return err
		}
		pub := "材料已补齐，自" + cnDay(Day(st.now)) + "起重新计算办理时限"
		if due != "" {
			pub += "，承诺于" + cnDay(due) + "前办结"
		}
		if err := st.event(EventComplete, true, pub, map[string]any{"clock_start": Day(st.now), "due_day": due,
			"mode": st.req.Mode}); err != nil {
			return err
		}
		return st.audit(AuditComplete, pub)
	})
}

// receiveAsked adds what the open notices asked for to what the request's
// applicant brought: the union of the material ids, in order (read and
// merged here rather than with SQLite's JSON functions, so that it is the
// same on PostgreSQL).
func (st *step) receiveAsked() error {
	ids := map[int64]bool{}
	add := func(list string) error {
		var v []int64
		if err := json.Unmarshal([]byte(list), &v); err != nil {
			return fmt.Errorf("material ids %q: %w", list, err)
		}
		for _, id := range v {
			ids[id] = true
		}
		return nil
	}
	var brought string
	if err := st.tx.QueryRowContext(st.ctx, `SELECT brought FROM requests WHERE id = ?`, st.req.ID).Scan(&brought); err != nil {
		return err
	}
	if err := add(brought); err != nil {
		return err
	}
	var asked []string
	if err := collect(st.ctx, st.tx, &asked, `SELECT materials FROM supplements WHERE request_id = ? AND complete_day = ''`,
		st.req.ID); err != nil {
		return err
	}
	for _, a := range asked {
		if err := add(a); err != nil {
			return err
		}
	}
	out := make([]int64, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	slices.Sort(out)
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return st.exec(`UPDATE requests SET brought = ? WHERE id = ?`, string(b), st.req.ID)
}
