package data

import (
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
// of receipt; after that the request counts as accepted from receipt and no
// notice may be sent. A later notice asking again for materials already
// told is allowed; one naming a material that no earlier notice named
// breaches 一次性告知: it needs secondReason, and is recorded as a breach
// (supplements.second_reason) for the reports.
func (s *Store) RequestSupplement(ctx context.Context, by Session, requestID int64, materialIDs []int64,
	note, secondReason string) (SupplementNotice, error) {
	var n SupplementNotice
	note, err := text("note", "补正说明", note, MaxNoteRunes, false)
	if err != nil {
		return n, err
	}
	if secondReason, err = text("second_reason", "再次补正的理由", secondReason, MaxReasonRunes, false); err != nil {
		return n, err
	}
	ids := slices.Clone(materialIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return n, Invalid("materials", "请勾选需要补正的材料（一次列全）。")
	}
	err = s.apply(ctx, "supplement", by, requestID, ActSupplement, func(st *step) error {
		names := make([]string, 0, len(ids))
		for _, id := range ids {
			var name string
			err := st.tx.QueryRowContext(ctx, `SELECT name FROM materials WHERE id = ? AND item_id = ?`, id, st.req.ItemID).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				return Invalid("materials", "所勾选的材料不属于该事项，请重新勾选。")
			}
			if err != nil {
				return err
			}
			names = append(names, name)
		}
		told := map[int64]bool{}
		var earlier int
		rows, err := st.tx.QueryContext(ctx, `SELECT materials FROM supplements WHERE request_id = ?`, st.req.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var raw string
			var prev []int64
			if err := rows.Scan(&raw); err != nil {
				rows.Close()
				return err
			}
			earlier++
			_ = json.Unmarshal([]byte(raw), &prev) // a malformed list told nothing
			for _, id := range prev {
				told[id] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		deadline := st.cal.SupplementNoticeDeadline(st.req.Created)
		n.Deadline = Day(deadline)
		if earlier == 0 && dayNum(st.now) > dayNum(deadline) {
			return Invalid("materials", fmt.Sprintf("补正告知应在收件后%d个工作日内（%s前）发出，现已逾期。依规定该申请自收件之日起视为受理，请直接受理办理。",
				SupplementNoticeWorkdays, cnDay(n.Deadline)))
		}
		var fresh []string
		for i, id := range ids {
			if !told[id] {
				fresh = append(fresh, names[i])
			}
		}
		second := earlier > 0 && len(fresh) > 0
		if second && secondReason == "" {
			return Invalid("second_reason", "按一次性告知制度，首次补正通知未列出的材料（"+strings.Join(fresh, "、")+
				"）再次要求补正须写明理由，并将计入考核。")
		}
		if !second {
			secondReason = ""
		}
		raw, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		res, err := st.tx.ExecContext(ctx, `INSERT INTO supplements (request_id, at, staff_id, materials, note, second_reason)
			VALUES (?, ?, ?, ?, ?, ?)`, st.req.ID, st.at, st.by.StaffID, string(raw), note, secondReason)
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := st.exec(`UPDATE requests SET status = ?, due_day = '' WHERE id = ?`, StatusWaiting, st.req.ID); err != nil {
			return err
		}
		pub := "请补正以下材料：" + strings.Join(names, "、") + "。"
		if note != "" {
			pub += note
		}
		data := map[string]any{"materials": ids, "supplement_id": n.ID}
		if second {
			data["second_reason"] = secondReason
		}
		if err := st.event(EventSupplement, true, pub, data); err != nil {
			return err
		}
		detail := pub
		if second {
			detail = "再次要求补正（违反一次性告知，计入考核），理由：" + secondReason + "。" + pub
		}
		n.RequestID, n.ReceiptNo, n.ItemName, n.At = st.req.ID, st.req.ReceiptNo, st.req.ItemName, st.now
		n.Materials, n.Note, n.Second, n.SecondReason = names, note, second, secondReason
		return st.audit(AuditSupplement, detail)
	})
	if err != nil {
		return SupplementNotice{}, err
	}
	return n, nil
}

// MaterialsComplete records that the missing materials are in: the open
// notices are closed with today's date, and the full time limit runs again
// from today (a new clock start and due day). A request not yet accepted
// is accepted by this step, in its registered mode.
func (s *Store) MaterialsComplete(ctx context.Context, by Session, requestID int64) error {
	return s.apply(ctx, "complete", by, requestID, ActComplete, func(st *step) error {
		// What the open notices asked for is now received (已收).
		if err := st.exec(`UPDATE requests SET brought = (SELECT json_group_array(v) FROM (
			SELECT value AS v FROM json_each(requests.brought) UNION
			SELECT j.value FROM supplements s, json_each(s.materials) j
			WHERE s.request_id = requests.id AND s.complete_day = '' ORDER BY 1)) WHERE id = ?`, st.req.ID); err != nil {
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
