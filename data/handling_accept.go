package data

import (
	"context"
	"time"
)

// Accepting a request (受理, §三5 and §七1–2): the clock starts, the due day
// is set, 直接办理 finishes at once.

// Accept takes a submitted request up in mode (the item's mode when empty).
// The actor becomes its owner (and its first owner if it has none). The
// clock starts on the day of acceptance (or on the day of receipt when the
// 补正 deadline has passed: EffectiveClockStart) and the due day is the
// guide's 承诺期限 in working days from there. 直接办理 finishes in the same
// step: note is then the result told to the resident in person (default
// "当场办结"); otherwise note is an internal note. 联合办理 sets up a part
// for the lead window and each participating window of the item.
//
// Accept takes the request up whatever materials are still missing, as
// one who has already asked; the missing ones are recorded with the
// acceptance. The desk uses AcceptChecked, which asks first.
func (s *Store) Accept(ctx context.Context, by Session, requestID int64, mode Mode, note string) error {
	return s.accept(ctx, by, requestID, mode, note, true)
}

// AcceptChecked is Accept at the desk: with required materials not ticked
// 已收 it is refused with an *InvalidError on MissingField naming them
// (AcceptMissingRule) unless confirm is set; a confirmed acceptance records
// what was missing on the request's timeline and in the audit log.
func (s *Store) AcceptChecked(ctx context.Context, by Session, requestID int64, mode Mode, note string,
	confirm bool) error {
	return s.accept(ctx, by, requestID, mode, note, confirm)
}

func (s *Store) accept(ctx context.Context, by Session, requestID int64, mode Mode, note string, confirm bool) error {
	note, err := text("note", "备注", note, MaxNoteRunes, false)
	if err != nil {
		return err
	}
	if mode != "" && !mode.Valid() {
		return Invalid("mode", "请选择一种办理方式。")
	}
	return s.apply(ctx, "accept", by, requestID, ActAccept, func(st *step) error {
		return st.accept(mode, note, confirm)
	})
}

// accept is the step of Accept inside its transaction.
func (st *step) accept(mode Mode, note string, confirm bool) error {
	if mode == "" {
		mode = st.req.Mode
	}
	missing, err := st.missingNow()
	if err != nil {
		return err
	}
	if err := AcceptMissingRule(missing, confirm); err != nil {
		return err
	}
	prev := st.req.Owner
	if err := st.exec(`UPDATE requests SET owner_id = ? WHERE id = ?`, st.by.StaffID, st.req.ID); err != nil {
		return err
	}
	start := EffectiveClockStart(st.cal, st.req.Created, st.now, time.Time{})
	due, err := st.acceptCore(mode, start)
	if err != nil {
		return err
	}
	data := map[string]any{"mode": mode, "clock_start": Day(start), "due_day": due}
	if prev != 0 && prev != st.by.StaffID {
		data["previous_owner"] = prev
	}
	confirmed := "" // for the audit log
	if len(missing) > 0 {
		data["missing_confirmed"] = materialList(missing)
		confirmed = "（必需材料未收齐，经确认受理：" + materialList(missing) + "）"
	}
	if mode == ModeDirect {
		result := note
		if result == "" {
			result = "当场办结"
		}
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ?, reply_method = ?
			WHERE id = ?`, StatusFinished, st.at, result, ReplyInPerson, st.req.ID); err != nil {
			return err
		}
		if err := st.event(EventAccepted, true, "直接办理，即收即办", data); err != nil {
			return err
		}
		if err := st.event(EventFinished, true, result+"（"+ReplyInPerson.Label()+"）",
			map[string]any{"reply_method": ReplyInPerson}); err != nil {
			return err
		}
		return st.audit(AuditAccept, "直接办理，当场办结："+result+confirmed)
	}
	pub := mode.Label() + "，承诺于" + cnDay(due) + "前办结"
	if due == "" {
		pub = mode.Label()
	}
	if Day(start) != Day(st.now) {
		pub += "（逾期未告知补正，自收件之日" + cnDay(Day(start)) + "起计算办理时限）"
	}
	if err := st.event(EventAccepted, true, pub, data); err != nil {
		return err
	}
	if err := st.internalNote(note); err != nil {
		return err
	}
	return st.audit(AuditAccept, pub+confirmed)
}

// acceptCore makes the request accepted in mode with its clock started on
// start: status, mode, accepted_at, clock, due day, window, the 协助/代办
// flags and the parts of 联合办理. It returns the due day.
func (st *step) acceptCore(mode Mode, start time.Time) (string, error) {
	window := st.req.Window
	if window == 0 {
		window = st.by.WindowID
	}
	if mode == ModeJoint && st.req.AcceptedAt == "" {
		lead, err := st.setUpParts(window)
		if err != nil {
			return "", err
		}
		window = lead
	}
	due, err := st.dueFrom(start)
	if err != nil {
		return "", err
	}
	accepted := st.req.AcceptedAt
	if accepted == "" {
		accepted = st.at
	}
	err = st.exec(`UPDATE requests SET status = ?, mode = ?, accepted_at = ?, clock_start_day = ?, due_day = ?,
		window_id = ?, needs_help = max(needs_help, ?), proxy = max(proxy, ?) WHERE id = ?`,
		StatusAccepted, mode, accepted, Day(start), due, nullID(window), boolInt(mode == ModeAssist),
		boolInt(mode == ModeProxy), st.req.ID)
	return due, err
}
