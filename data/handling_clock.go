package data

import (
	"context"
	"time"
)

// The time limit of a request (限时办结, §七): when the clock starts, and
// pausing it for a written reason.

// EffectiveClockStart is the day the time limit of a request received on
// received and accepted on accepted runs from: the day of acceptance;
// but when no 补正 notice went out within SupplementNoticeWorkdays working
// days of receipt (firstNotice zero, or after that deadline) and acceptance
// came after the deadline, the request counts as accepted on the day it
// was received (逾期不告知的，自收到申请材料之日起即为受理; the 补正 notice of
// §六2 and the time limit of §七). After a notice,
// the clock runs again from the day the materials are complete instead
// (Store.MaterialsComplete), whatever this says.
func EffectiveClockStart(cal *Calendar, received, accepted, firstNotice time.Time) time.Time {
	deadline := dayNum(cal.SupplementNoticeDeadline(received))
	if !firstNotice.IsZero() && dayNum(firstNotice) <= deadline {
		return dayTime(dayNum(accepted))
	}
	if dayNum(accepted) > deadline {
		return dayTime(dayNum(received))
	}
	return dayTime(dayNum(accepted))
}

// RequestDueDay is the due day of a request's time limit (限时办结 §七2: 在
// 承诺的时限内办结): days working days of cal (its guide's 承诺期限) from
// start, the working days inside its clock pauses not counted; "" while an
// open pause makes it unknown. The handling steps and a calendar change
// (requestDueMoves) both compute it here.
func RequestDueDay(cal *Calendar, start time.Time, days int, pauses []Pause) string {
	due, ok := cal.DueDate(start, days, pauses)
	if !ok {
		return ""
	}
	return Day(due)
}

// PauseClock stops an accepted request's clock from today until restart
// (the day counting resumes), for a written reason (特别程序 such as 公示 or
// 实地核查, or an approved extension). The due day moves accordingly. The
// event is public: the resident sees why the date moved.
func (s *Store) PauseClock(ctx context.Context, by Session, requestID int64, reason string, restart time.Time) error {
	reason, err := need("reason", "暂停计时的理由", reason, MaxReasonRunes, "暂停或延长办理时限须写明理由。")
	if err != nil {
		return err
	}
	if restart.IsZero() {
		return Invalid("restart_day", "请选择恢复计时的日期。")
	}
	return s.apply(ctx, "pause", by, requestID, ActPause, func(st *step) error {
		return st.pause(reason, restart)
	})
}

// ClockPauseRule is when a request's clock may stand still (限时办结, §七2:
// 在承诺的时限内办结; a 特别程序 or an approved extension stops it, for a
// written reason): from today until restart, a day after today and at most
// MaxPauseDays ahead, and not while another pause runs (paused).
func ClockPauseRule(now, restart time.Time, paused bool) error {
	switch {
	case dayNum(restart) <= dayNum(now):
		return Invalid("restart_day", "恢复计时的日期应晚于今天。")
	case dayNum(restart)-dayNum(now) > MaxPauseDays:
		return Invalid("restart_day", "一次暂停计时不能超过一年，请核对恢复日期。")
	case paused:
		return conflict("该办件正在暂停计时，请先恢复计时或等到恢复日期。")
	}
	return nil
}

// pause is the step of PauseClock inside its transaction.
func (st *step) pause(reason string, restart time.Time) error {
	id, _, err := st.activePause()
	if err != nil {
		return err
	}
	if err := ClockPauseRule(st.now, restart, id != 0); err != nil {
		return err
	}
	if err := st.exec(`INSERT INTO clock_pauses (request_id, from_day, to_day, reason, staff_id) VALUES (?, ?, ?, ?, ?)`,
		st.req.ID, Day(st.now), Day(restart), reason, st.by.StaffID); err != nil {
		return err
	}
	due, err := st.redue()
	if err != nil {
		return err
	}
	pub := "暂停计时至" + cnDay(Day(restart)) + "，理由：" + reason
	if due != "" {
		pub += "；承诺办结日期调整为" + cnDay(due)
	}
	if err := st.event(EventPaused, true, pub, map[string]any{"from": Day(st.now), "to": Day(restart), "due_day": due}); err != nil {
		return err
	}
	return st.audit(AuditPause, pub)
}

// redue recomputes the due day from the clock start and the pauses.
func (st *step) redue() (string, error) {
	start, err := ParseDay(st.req.ClockStart)
	if err != nil {
		return "", Invalid("clock", "该办件没有计时起点，无法计算办结期限。")
	}
	due, err := st.dueFrom(start)
	if err != nil {
		return "", err
	}
	return due, st.exec(`UPDATE requests SET due_day = ? WHERE id = ?`, due, st.req.ID)
}

// ResumeClock ends the running pause today (earlier than planned); note is
// optional. The due day moves back accordingly.
func (s *Store) ResumeClock(ctx context.Context, by Session, requestID int64, note string) error {
	note, err := text("note", "备注", note, MaxNoteRunes, false)
	if err != nil {
		return err
	}
	return s.apply(ctx, "resume", by, requestID, ActResume, func(st *step) error {
		id, _, err := st.activePause()
		if err != nil {
			return err
		}
		if id == 0 {
			return conflict("该办件没有在暂停计时，无需恢复。")
		}
		if err := st.exec(`UPDATE clock_pauses SET to_day = ? WHERE id = ?`, Day(st.now), id); err != nil {
			return err
		}
		due, err := st.redue()
		if err != nil {
			return err
		}
		pub := "自" + cnDay(Day(st.now)) + "起恢复计时"
		if due != "" {
			pub += "，承诺于" + cnDay(due) + "前办结"
		}
		if err := st.event(EventResumed, true, pub, map[string]any{"due_day": due}); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		return st.audit(AuditResume, pub)
	})
}
