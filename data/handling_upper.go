package data

import (
	"cmp"
	"context"
	"time"
)

// 上报办理 (§三5 4, §七3): sent to the upper department and its result.

// Escalate sends an accepted request to an upper department (上报办理):
// dept (default the guide's), the day it was sent (default today; not in
// the future) and the day a reply is expected (optional, not before the
// day sent). note is an internal note. Follow-up notes go through AddNote;
// the reply through UpperResult.
func (s *Store) Escalate(ctx context.Context, by Session, requestID int64, dept string, sentDay, expectedDay time.Time,
	note string) error {
	dept, errDept := text("department", "上级部门", dept, 60, false)
	note, errNote := text("note", "备注", note, MaxNoteRunes, false)
	if err := cmp.Or(errDept, errNote); err != nil {
		return err
	}
	return s.apply(ctx, "escalate", by, requestID, ActEscalate, func(st *step) error {
		return st.escalate(dept, sentDay, expectedDay, note)
	})
}

// EscalationDaysRule is the dates of a 上报 (§三5 4, §七3: 尽快与上级主管部门
// 联系): the day it was sent, today when sentDay is zero, never after today;
// the day a reply is expected, optional ("" when expectedDay is zero), never
// before the day sent.
func EscalationDaysRule(now, sentDay, expectedDay time.Time) (sent time.Time, expected string, err error) {
	sent = dayTime(dayNum(now))
	if !sentDay.IsZero() {
		sent = dayTime(dayNum(sentDay))
	}
	if dayNum(sent) > dayNum(now) {
		return sent, "", Invalid("sent_day", "报送日期不能晚于今天。")
	}
	if expectedDay.IsZero() {
		return sent, "", nil
	}
	if dayNum(expectedDay) < dayNum(sent) {
		return sent, "", Invalid("expected_day", "预计反馈日期不能早于报送日期。")
	}
	return sent, Day(expectedDay), nil
}

// escalate is the step of Escalate inside its transaction.
func (st *step) escalate(dept string, sentDay, expectedDay time.Time, note string) error {
	if dept == "" {
		dept = st.req.ItemUpper
	}
	if dept == "" {
		return Invalid("department", "请填写报送的上级部门。")
	}
	sent, expected, err := EscalationDaysRule(st.now, sentDay, expectedDay)
	if err != nil {
		return err
	}
	if err := st.exec(`UPDATE requests SET status = ?, upper_department = ?, upper_sent_day = ?,
		upper_expected_day = ? WHERE id = ?`, StatusEscalated, dept, Day(sent), expected, st.req.ID); err != nil {
		return err
	}
	pub := cnDay(Day(sent)) + "已报送" + dept + "审批"
	if expected != "" {
		pub += "，预计" + cnDay(expected) + "前反馈"
	}
	if err := st.event(EventEscalated, true, pub, map[string]any{"department": dept, "sent_day": Day(sent),
		"expected_day": expected}); err != nil {
		return err
	}
	if err := st.internalNote(note); err != nil {
		return err
	}
	return st.audit(AuditEscalate, pub)
}

// UpperResult records the upper department's reply to an escalated
// request; the request is back in progress, to be finished (Finish) or
// refused (Refuse) and the resident told.
func (s *Store) UpperResult(ctx context.Context, by Session, requestID int64, result string) error {
	result, err := text("result", "审批结果", result, MaxResultRunes, true)
	if err != nil {
		return err
	}
	return s.apply(ctx, "upper result", by, requestID, ActUpperResult, func(st *step) error {
		if err := st.exec(`UPDATE requests SET status = ? WHERE id = ?`, StatusAccepted, st.req.ID); err != nil {
			return err
		}
		pub := "上级部门审批结果：" + result
		if err := st.event(EventUpperResult, true, pub, map[string]any{"result": result}); err != nil {
			return err
		}
		return st.audit(AuditUpperResult, pub)
	})
}
