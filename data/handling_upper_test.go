package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEscalate(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := requestIn(t, s, clerk, "JZZ", StatusAccepted)

	for name, tc := range map[string]struct {
		sent, expected time.Time
		field          string
	}{
		"ErrSentTomorrow":   {sent: fixedNow.AddDate(0, 0, 1), field: "sent_day"},
		"ErrExpectedBefore": {sent: fixedNow, expected: fixedNow.AddDate(0, 0, -1), field: "expected_day"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.field, invalidOf(t, s.Escalate(ctx, clerk, id, "", tc.sent, tc.expected, "")).Field)
		})
	}
	require.NoError(t, s.Escalate(ctx, clerk, id, "", fixedNow.AddDate(0, 0, -1), fixedNow.AddDate(0, 0, 10), "材料已装订"))
	d, err := s.RequestDetail(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, StatusEscalated, d.Status)
	assert.Equal(t, "派出所", d.UpperDepartment, "the guide's department by default")
	assert.Equal(t, "2026-11-25", d.UpperSentDay)
	assert.Equal(t, "2026-12-06", d.UpperExpectedDay)

	require.NoError(t, s.AddNote(ctx, clerk, id, "已电话催办", false))
	assert.Equal(t, "请填写审批结果。", Message(s.UpperResult(ctx, clerk, id, "")))
	require.NoError(t, s.UpperResult(ctx, clerk, id, "审批通过，证件已制作"))
	assert.Equal(t, StatusAccepted, statusOf(t, s, id))
	require.NoError(t, s.Finish(ctx, clerk, id, "居住证已领取", ReplyInPerson))

	d, err = s.RequestDetail(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, []string{EventSubmitted, EventAccepted, EventEscalated, EventNote, EventNote, EventUpperResult,
		EventFinished}, kinds(d.Events))
	assert.Equal(t, "2026年11月25日已报送派出所审批，预计2026年12月6日前反馈", d.Events[2].Note)
}

// TestEscalationSentNotLaterThanTodayAnsweredNotBefore: a 上报 is sent today
// or on an earlier day; a reply is expected, if at all, not before it was
// sent.
func TestEscalationSentNotLaterThanTodayAnsweredNotBefore(t *testing.T) {
	now := time.Date(2026, 11, 26, 16, 0, 0, 0, China)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, China) }
	tests := map[string]struct {
		sent, expected time.Time
		wantSent       string
		wantExpected   string
		field          string
	}{
		"TodayByDefault":          {wantSent: "2026-11-26"},
		"AnEarlierDay":            {sent: day(20), expected: day(30), wantSent: "2026-11-20", wantExpected: "2026-11-30"},
		"ExpectedTheSameDay":      {sent: day(20), expected: day(20), wantSent: "2026-11-20", wantExpected: "2026-11-20"},
		"SentInTheFuture":         {sent: day(27), field: "sent_day"},
		"ExpectedBeforeSent":      {sent: day(20), expected: day(19), field: "expected_day"},
		"ExpectedBeforeTodaySent": {expected: day(25), field: "expected_day"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			sent, expected, err := EscalationDaysRule(now, tc.sent, tc.expected)
			if tc.field != "" {
				assert.Equal(t, tc.field, invalidOf(t, err).Field)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantSent, Day(sent))
			assert.Equal(t, tc.wantExpected, expected)
		})
	}
}
