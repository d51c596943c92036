package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func queueIDs(t testing.TB, s *Store, f QueueFilter) []int64 {
	t.Helper()
	rows, err := s.Queue(context.Background(), f)
	require.NoError(t, err)
	ids := []int64{}
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestQueue(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	admin := loginAs(t, s, "s1")
	w1, w2 := windowID(t, s, "1"), windowID(t, s, "2")

	// Thursday 2026-11-26. JZZ: 10 working days → due 2026-12-10; DB: 30.
	a := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	b := requestIn(t, s, clerk, "DB", StatusAccepted)
	c := register(t, s, "JZZ", true) // 协助办理
	require.NoError(t, s.Accept(ctx, admin, c, "", ""))
	d := requestIn(t, s, clerk, "JZZ", StatusSubmitted)
	e := requestIn(t, s, clerk, "JZZ", StatusWaiting)
	f := requestIn(t, s, clerk, "JZZ", StatusEscalated)
	g := requestIn(t, s, clerk, "YB", StatusFinished) // 直接办理
	clk.Add(time.Minute)
	h := requestIn(t, s, clerk, "JZZ", StatusRefused)

	for name, tc := range map[string]struct {
		f    QueueFilter
		want []int64
	}{
		"Open":            {QueueFilter{}, []int64{c, a, f, b, d, e}},
		"New":             {QueueFilter{Group: QueueNew}, []int64{d}},
		"InProgress":      {QueueFilter{Group: QueueInProgress}, []int64{c, a, b}},
		"Waiting":         {QueueFilter{Group: QueueWaiting}, []int64{e}},
		"Escalated":       {QueueFilter{Group: QueueEscalated}, []int64{f}},
		"Finished":        {QueueFilter{Group: QueueFinished}, []int64{h, g}},
		"DueSoonNone":     {QueueFilter{Group: QueueDueSoon}, []int64{}},
		"OverdueNone":     {QueueFilter{Group: QueueOverdue}, []int64{}},
		"Window1":         {QueueFilter{Group: QueueInProgress, Window: w1}, []int64{c, a}},
		"Window2":         {QueueFilter{Group: QueueInProgress, Window: w2}, []int64{b}},
		"OwnerAdmin":      {QueueFilter{Owner: admin.StaffID}, []int64{c}},
		"ItemDB":          {QueueFilter{Item: itemIDOf(t, s, "DB")}, []int64{b}},
		"ModeJoint":       {QueueFilter{Mode: ModeJoint}, []int64{b}},
		"ModeUpper":       {QueueFilter{Mode: ModeUpper, Group: QueueInProgress}, []int64{c, a}},
		"Page1":           {QueueFilter{PageSize: 4}, []int64{c, a, f, b}},
		"Page2":           {QueueFilter{PageSize: 4, Page: 2}, []int64{d, e}},
		"Page3":           {QueueFilter{PageSize: 4, Page: 3}, []int64{}},
		"FinishedByOwner": {QueueFilter{Group: QueueFinished, Owner: clerk.StaffID, Window: w1}, []int64{h, g}},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, queueIDs(t, s, tc.f))
		})
	}

	rows, err := s.Queue(ctx, QueueFilter{Group: QueueInProgress})
	require.NoError(t, err)
	first := rows[0]
	assert.Equal(t, "张小三", first.Applicant, "staff mode shows the full name")
	assert.Equal(t, "13800138000", first.Phone)
	assert.Equal(t, "王芳", first.Owner)
	assert.Equal(t, "居住证申领", first.Item)
	assert.True(t, first.NeedsHelp)
	assert.Equal(t, "2026-12-10", first.DueDay)
	assert.Equal(t, 10, first.WorkdaysLeft)
	assert.Equal(t, DueOK, first.DueState)
	assert.Equal(t, ChannelKiosk, first.Channel)
	assert.Equal(t, fixedNow, first.Created.In(China))
	assert.Empty(t, first.NoticeDeadline, "only new requests carry the notice deadline")

	counts, err := s.QueueCounts(ctx, QueueFilter{})
	require.NoError(t, err)
	assert.Equal(t, QueueCounts{QueueOpen: 6, QueueNew: 1, QueueInProgress: 3, QueueWaiting: 1, QueueEscalated: 1,
		QueueDueSoon: 0, QueueOverdue: 0, QueueFinished: 2}, counts)
	counts, err = s.QueueCounts(ctx, QueueFilter{Window: w2})
	require.NoError(t, err)
	assert.Equal(t, QueueCounts{QueueOpen: 1, QueueNew: 0, QueueInProgress: 1, QueueWaiting: 0, QueueEscalated: 0,
		QueueDueSoon: 0, QueueOverdue: 0, QueueFinished: 0}, counts)

	// Wednesday 2026-12-09: one working day left on the JZZ requests.
	clk.Set(time.Date(2026, 12, 9, 9, 0, 0, 0, China))
	assert.Equal(t, []int64{c, a, f}, queueIDs(t, s, QueueFilter{Group: QueueDueSoon}))
	rows, err = s.Queue(ctx, QueueFilter{Group: QueueDueSoon})
	require.NoError(t, err)
	assert.Equal(t, 1, rows[0].WorkdaysLeft)
	assert.Equal(t, DueSoon, rows[0].DueState)
	counts, err = s.QueueCounts(ctx, QueueFilter{})
	require.NoError(t, err)
	assert.Equal(t, 3, counts[QueueDueSoon])

	// Friday 2026-12-11: overdue by one working day.
	clk.Set(time.Date(2026, 12, 11, 9, 0, 0, 0, China))
	assert.Equal(t, []int64{c, a, f}, queueIDs(t, s, QueueFilter{Group: QueueOverdue}))
	assert.Equal(t, []int64{}, queueIDs(t, s, QueueFilter{Group: QueueDueSoon}))
	rows, err = s.Queue(ctx, QueueFilter{Group: QueueOverdue, Window: w1})
	require.NoError(t, err)
	assert.Equal(t, -1, rows[0].WorkdaysLeft)
	assert.Equal(t, DueOverdue, rows[0].DueState)
	counts, err = s.QueueCounts(ctx, QueueFilter{})
	require.NoError(t, err)
	assert.Equal(t, 3, counts[QueueOverdue])
	assert.Zero(t, counts[QueueDueSoon])
}

// TestQueueSynth checks the queue's order and paging against a plain query
// over a few thousand synthetic requests.
func TestQueueSynth(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	_, err := s.AddSynthRequests(ctx, 3000, 5)
	require.NoError(t, err)
	w1 := windowID(t, s, "1")
	counts, err := s.QueueCounts(ctx, QueueFilter{})
	require.NoError(t, err)
	var finished, fresh int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM requests WHERE status IN ('finished', 'refused', 'withdrawn')`).Scan(&finished))
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM requests WHERE status = 'submitted'`).Scan(&fresh))
	require.Greater(t, finished, QueueCountCap)
	assert.Equal(t, QueueCountCap, counts[QueueFinished], "counting stops at the cap")
	assert.Equal(t, fresh, counts[QueueNew])
	for name, f := range map[string]QueueFilter{
		"Open":       {},
		"InProgress": {Group: QueueInProgress, Window: w1},
		"Finished":   {Group: QueueFinished},
		"Overdue":    {Group: QueueOverdue},
		"New":        {Group: QueueNew},
	} {
		t.Run(name, func(t *testing.T) {
			where, args := f.where("")
			order := `needs_help DESC, due_day = '', due_day, id`
			if f.Group == QueueFinished {
				order = `finished_at DESC, id DESC`
			}
			var statuses string
			for i, st := range f.norm().Group.statuses() {
				if i > 0 {
					statuses += ","
				}
				statuses += "'" + string(st) + "'"
			}
			if f.Group == QueueOverdue {
				where += ` AND due_day > '' AND due_day < '` + Day(fixedNow) + `'`
			}
			var want []int64
			require.NoError(t, collectDB(ctx, s.db, &want, `SELECT id FROM requests WHERE status IN (`+statuses+`)`+
				where+` ORDER BY `+order, args...))
			require.NotEmpty(t, want)
			var got []int64
			for page := 1; ; page++ {
				rows, err := s.Queue(ctx, QueueFilter{Group: f.Group, Window: f.Window, Page: page, PageSize: 100})
				require.NoError(t, err)
				for _, r := range rows {
					got = append(got, r.ID)
				}
				if len(rows) < 100 {
					break
				}
			}
			assert.Equal(t, want, got)
		})
	}
}
