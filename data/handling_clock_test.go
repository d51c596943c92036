package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEffectiveClockStart(t *testing.T) {
	cal := officialCalendar(t)
	// Monday; 5 working days: 9-29, 9-30, (国庆 10-1…7), 10-8, 10-9 and Saturday 10-10 (调休上班).
	received := date(2026, 9, 28)
	require.Equal(t, date(2026, 10, 10), cal.SupplementNoticeDeadline(received))
	for name, tc := range map[string]struct {
		accepted, notice, want time.Time
	}{
		"AcceptedAtOnce":            {accepted: date(2026, 9, 28), want: date(2026, 9, 28)},
		"AcceptedOnDeadline":        {accepted: date(2026, 10, 10), want: date(2026, 10, 10)},
		"AcceptedLateWithoutNotice": {accepted: date(2026, 10, 12), want: date(2026, 9, 28)},
		"AcceptedLateAfterNotice":   {accepted: date(2026, 10, 20), notice: date(2026, 9, 30), want: date(2026, 10, 20)},
		"NoticeItselfLate":          {accepted: date(2026, 10, 20), notice: date(2026, 10, 13), want: date(2026, 9, 28)},
	} {
		t.Run(name, func(t *testing.T) {
			got := EffectiveClockStart(cal, received.Add(10*time.Hour), tc.accepted.Add(15*time.Hour), tc.notice)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestAcceptLateCountsFromReceipt(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	id := register(t, s, "JZZ", false)                 // Thursday 2026-11-26
	clk.Set(time.Date(2026, 12, 4, 9, 0, 0, 0, China)) // 6 working days later
	require.NoError(t, s.Accept(ctx, clerk, id, "", ""))
	assert.Equal(t, "2026-11-26", column[string](t, s, id, "clock_start_day"))
	cal, err := s.Calendar(ctx)
	require.NoError(t, err)
	assert.Equal(t, Day(cal.AddWorkdays(fixedNow, 10)), column[string](t, s, id, "due_day"))
	d, err := s.RequestDetail(ctx, id)
	require.NoError(t, err)
	assert.Contains(t, d.Events[1].Note, "逾期未告知补正，自收件之日2026年11月26日起计算办理时限")
}

func TestPauseResume(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	id := requestIn(t, s, clerk, "JZZ", StatusAccepted) // Thursday 2026-11-26, 10 working days
	cal, err := s.Calendar(ctx)
	require.NoError(t, err)
	start := fixedNow
	assert.Equal(t, Day(cal.AddWorkdays(start, 10)), column[string](t, s, id, "due_day"))

	restart := date(2026, 12, 3)
	assert.Equal(t, "reason", invalidOf(t, s.PauseClock(ctx, clerk, id, "", restart)).Field)
	assert.Equal(t, "restart_day", invalidOf(t, s.PauseClock(ctx, clerk, id, "公示", fixedNow)).Field)
	assert.Equal(t, "restart_day", invalidOf(t, s.PauseClock(ctx, clerk, id, "公示", time.Time{})).Field)
	require.NoError(t, s.PauseClock(ctx, clerk, id, "入户核查，需公示7天", restart))
	want, ok := cal.DueDate(start, 10, []Pause{{From: date(2026, 11, 26), To: restart}})
	require.True(t, ok)
	assert.Equal(t, Day(want), column[string](t, s, id, "due_day"))
	assert.Equal(t, "2026-12-16", Day(want), "4 working days later than without the pause")
	err = s.PauseClock(ctx, clerk, id, "再停", restart.AddDate(0, 0, 1))
	assert.ErrorIs(t, err, ErrConflict)

	rows, err := s.Queue(ctx, QueueFilter{Group: QueueInProgress})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.True(t, rows[0].Paused)

	// Resumed early, on Monday 11-30: only Friday 11-27 was paused.
	clk.Set(time.Date(2026, 11, 30, 9, 0, 0, 0, China))
	require.NoError(t, s.ResumeClock(ctx, clerk, id, "公示提前结束"))
	want, _ = cal.DueDate(start, 10, []Pause{{From: date(2026, 11, 26), To: date(2026, 11, 30)}})
	assert.Equal(t, Day(want), column[string](t, s, id, "due_day"))
	assert.Equal(t, "2026-12-11", Day(want))
	err = s.ResumeClock(ctx, clerk, id, "")
	assert.Equal(t, "该办件没有在暂停计时，无需恢复。", Message(err))

	tr, err := s.TrackByToken(ctx, column[string](t, s, id, "token"))
	require.NoError(t, err)
	assert.Equal(t, []string{EventSubmitted, EventAccepted, EventPaused, EventResumed}, kinds(tr.Events))
	assert.Equal(t, "暂停计时至2026年12月3日，理由：入户核查，需公示7天；承诺办结日期调整为2026年12月16日", tr.Events[2].Note)
}

// TestClockPausesForAWrittenReasonUntilALaterDay: a pause runs from today to
// a restart day after today, at most MaxPauseDays ahead, one at a time.
func TestClockPausesForAWrittenReasonUntilALaterDay(t *testing.T) {
	now := time.Date(2026, 11, 26, 16, 0, 0, 0, China)
	tests := map[string]struct {
		restart time.Time
		paused  bool
		field   string // "" allowed; "conflict" for ErrConflict
	}{
		"Tomorrow":         {restart: now.AddDate(0, 0, 1)},
		"AYearAheadAtMost": {restart: now.AddDate(0, 0, MaxPauseDays)},
		"Today":            {restart: now.Add(time.Hour), field: "restart_day"},
		"Yesterday":        {restart: now.AddDate(0, 0, -1), field: "restart_day"},
		"MoreThanAYear":    {restart: now.AddDate(0, 0, MaxPauseDays+1), field: "restart_day"},
		"AlreadyPaused":    {restart: now.AddDate(0, 0, 3), paused: true, field: "conflict"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := ClockPauseRule(now, tc.restart, tc.paused)
			switch tc.field {
			case "":
				assert.NoError(t, err)
			case "conflict":
				assert.ErrorIs(t, err, ErrConflict)
			default:
				assert.Equal(t, tc.field, invalidOf(t, err).Field)
			}
		})
	}
}
