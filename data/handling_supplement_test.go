package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOneTimeNoticeRule: a 补正 notice may name again what an earlier one
// named; naming something new after a first notice needs a reason and is a
// breach of 一次性告知.
func TestOneTimeNoticeRule(t *testing.T) {
	hukou, idCard, income := Material{ID: 1, Name: "户口簿"}, Material{ID: 2, Name: "身份证"}, Material{ID: 3, Name: "收入证明"}
	tests := map[string]struct {
		told    [][]int64
		asked   []Material
		reason  string
		breach  bool
		refused string // the materials the refusal names, "" when not refused
	}{
		"FirstNoticeNeverBreaches":           {asked: []Material{hukou, idCard, income}},
		"FirstNoticeIgnoresAReason":          {asked: []Material{hukou}, reason: "多余的理由"},
		"AskingAgainForWhatWasTold":          {told: [][]int64{{1, 2}}, asked: []Material{idCard}},
		"ToldOverSeveralNotices":             {told: [][]int64{{1}, {2, 3}}, asked: []Material{hukou, idCard, income}},
		"SomethingNewWithoutReasonRefused":   {told: [][]int64{{1}}, asked: []Material{hukou, idCard, income}, refused: "身份证、收入证明"},
		"BlankReasonIsNoReason":              {told: [][]int64{{1}}, asked: []Material{idCard}, reason: "  ", refused: "身份证"},
		"SomethingNewWithReasonIsABreach":    {told: [][]int64{{1}}, asked: []Material{income}, reason: "申请人补充了新的收入来源", breach: true},
		"AnEarlierEmptyNoticeToldNothingYet": {told: [][]int64{{}}, asked: []Material{hukou}, reason: "理由", breach: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			breach, err := OneTimeNoticeRule(tc.told, tc.asked, tc.reason)
			if tc.refused != "" {
				ie := invalidOf(t, err)
				assert.Equal(t, "second_reason", ie.Field)
				assert.Contains(t, ie.Msg, "（"+tc.refused+"）")
				assert.False(t, breach)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.breach, breach)
		})
	}
}

// TestFirstNoticeOnlyWithinDeadline: the first 补正 notice goes out by the
// deadline day (inclusive, China time); later notices are not bound by it.
func TestFirstNoticeOnlyWithinDeadline(t *testing.T) {
	deadline := time.Date(2026, 12, 3, 0, 0, 0, 0, China)
	tests := map[string]struct {
		first bool
		now   time.Time
		ok    bool
	}{
		"BeforeTheDeadline":            {true, time.Date(2026, 12, 2, 9, 0, 0, 0, China), true},
		"OnTheDeadlineDayEvening":      {true, time.Date(2026, 12, 3, 23, 59, 0, 0, China), true},
		"TheDayAfter":                  {true, time.Date(2026, 12, 4, 0, 0, 0, 0, China), false},
		"ALaterNoticeAfterTheDeadline": {false, time.Date(2026, 12, 20, 9, 0, 0, 0, China), true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := FirstNoticeDeadlineRule(tc.first, tc.now, deadline)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, "materials", invalidOf(t, err).Field)
			assert.Contains(t, Message(err), "2026年12月3日前")
		})
	}
}

// TestOneTimeNoticeRefusesAnUnreadableEarlierNotice: an earlier notice whose
// stored materials list cannot be read is not taken to have told nothing
// (which would book a breach against the clerk): the step is refused with
// an error, and nothing is written.
func TestOneTimeNoticeRefusesAnUnreadableEarlierNotice(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	mats := materialIDs(t, s, "DB")
	id := register(t, s, "DB", false)
	clk.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, China))
	_, err := s.RequestSupplement(ctx, clerk, id, mats[:1], "", "")
	require.NoError(t, err)
	for _, bad := range []string{`[1,`, `{"ids":[1]}`, `["户口簿"]`} {
		_, err = s.db.Exec(`UPDATE supplements SET materials = ? WHERE request_id = ?`, bad, id)
		require.NoError(t, err)
		_, err = s.RequestSupplement(ctx, clerk, id, mats, "", "理由")
		require.Error(t, err, bad)
		assert.NotErrorIs(t, err, ErrInvalid, "not the clerk's mistake: %s", bad)
		assert.Contains(t, err.Error(), "materials list", bad)
		var n int
		require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM supplements WHERE request_id = ?`, id).Scan(&n))
		assert.Equal(t, 1, n, "no second notice, no breach booked: %s", bad)
	}
}

func TestSupplement(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	mats := materialIDs(t, s, "DB") // 户口簿, 收入证明
	id := register(t, s, "DB", false)

	_, err := s.RequestSupplement(ctx, clerk, id, nil, "", "")
	assert.Equal(t, "materials", invalidOf(t, err).Field)
	_, err = s.RequestSupplement(ctx, clerk, id, materialIDs(t, s, "JZZ"), "", "")
	assert.Equal(t, "所勾选的材料不属于该事项，请重新勾选。", Message(err))

	// The first notice, on day 3 of 5.
	clk.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, China))
	n, err := s.RequestSupplement(ctx, clerk, id, mats[:1], "请带户口簿原件", "")
	require.NoError(t, err)
	assert.Equal(t, []string{"户口簿"}, n.Materials)
	assert.False(t, n.Second)
	assert.Equal(t, "2026-12-03", n.Deadline)
	assert.Equal(t, StatusWaiting, statusOf(t, s, id))
	assert.Empty(t, column[string](t, s, id, "due_day"), "the clock stands while waiting")

	tr, err := s.TrackByToken(ctx, column[string](t, s, id, "token"))
	require.NoError(t, err)
	assert.Equal(t, []string{"户口簿"}, tr.Missing)

	// Asking again for what was told: a reminder, no reason needed.
	n, err = s.RequestSupplement(ctx, clerk, id, mats[:1], "", "")
	require.NoError(t, err)
	assert.False(t, n.Second)

	// Asking for something new breaches 一次性告知: a reason is required and
	// recorded.
	_, err = s.RequestSupplement(ctx, clerk, id, mats, "", "")
	ie := invalidOf(t, err)
	assert.Equal(t, "second_reason", ie.Field)
	assert.Contains(t, ie.Msg, "收入证明")
	n, err = s.RequestSupplement(ctx, clerk, id, mats, "", "申请人补充说明了新的收入来源")
	require.NoError(t, err)
	assert.True(t, n.Second)
	assert.Equal(t, []string{"户口簿", "收入证明"}, n.Materials)
	var breaches int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM supplements WHERE request_id = ? AND second_reason != ''`, id).Scan(&breaches))
	assert.Equal(t, 1, breaches)

	// Complete on 2026-12-07 (Monday): the full 30 days run from that day.
	clk.Set(time.Date(2026, 12, 7, 15, 0, 0, 0, China))
	require.NoError(t, s.MaterialsComplete(ctx, clerk, id))
	cal, err := s.Calendar(ctx)
	require.NoError(t, err)
	assert.Equal(t, StatusAccepted, statusOf(t, s, id))
	assert.Equal(t, "2026-12-07", column[string](t, s, id, "clock_start_day"))
	assert.Equal(t, Day(cal.AddWorkdays(clk.Now(), 30)), column[string](t, s, id, "due_day"))
	var open int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM supplements WHERE request_id = ? AND complete_day = ''`, id).Scan(&open))
	assert.Zero(t, open)
	var parts int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM request_parts WHERE request_id = ?`, id).Scan(&parts))
	assert.Equal(t, 2, parts, "completion accepts a joint request with its parts")
}

func TestSupplementDeadline(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	id := register(t, s, "JZZ", false) // Thursday 2026-11-26: the deadline is Thursday 2026-12-03

	clk.Set(time.Date(2026, 12, 3, 17, 0, 0, 0, China))
	rows, err := s.Queue(ctx, QueueFilter{Group: QueueNew})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "2026-12-03", rows[0].NoticeDeadline)
	assert.Equal(t, DueSoon, rows[0].NoticeState, "the queue warns before the deadline")

	clk.Set(time.Date(2026, 12, 4, 9, 0, 0, 0, China))
	_, err = s.RequestSupplement(ctx, clerk, id, materialIDs(t, s, "JZZ"), "", "")
	assert.Equal(t, "补正告知应在收件后5个工作日内（2026年12月3日前）发出，现已逾期。依规定该申请自收件之日起视为受理，请直接受理办理。",
		Message(err))
	rows, err = s.Queue(ctx, QueueFilter{Group: QueueNew})
	require.NoError(t, err)
	assert.Equal(t, DueOverdue, rows[0].NoticeState)
}
