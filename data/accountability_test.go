package data

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accFixture is three entries about 李强 (s2) recorded by 王芳 (s1) on 26
// November 2026: one from a substantiated complaint (rectify by 15
// December), one direct with a deadline of 27 November, one direct
// without a deadline that already has its outcome.
type accFixture struct {
	s                           *Store
	now                         *time.Time
	wang, li                    Session
	fromComplaint, soon, closed int64
	complaintID                 int64
}

func newAccFixture(t *testing.T) accFixture {
	t.Helper()
	s, now := storeWithNow(t)
	f := accFixture{s: s, now: now, wang: sessionOf(t, s, "s1"), li: sessionOf(t, s, "s2")}
	rc, err := s.EnterComplaint(ctx0, f.wang, NewComplaint{Channel: "phone", About: AboutStaff, StaffID: f.li.StaffID,
		Body: "办低保时态度生硬。", ContactName: "陈大文", ContactPhone: "13912345678"})
	require.NoError(t, err)
	f.complaintID = rc.ID
	require.NoError(t, s.AssignComplaint(ctx0, f.wang, rc.ID, f.wang.StaffID))
	require.NoError(t, s.RecordInvestigation(ctx0, f.wang, rc.ID, "询问当事人，情况属实。"))
	f.fromComplaint, err = s.DecideComplaint(ctx0, f.wang, rc.ID, ComplaintDecision{Substantiated: true,
		Result: "经查属实，限期整改。", Kind: AccRectify, Deadline: at("2026-12-15", "00:00")})
	require.NoError(t, err)
	f.soon, err = s.AddAccountability(ctx0, f.wang, NewAccountability{StaffID: f.li.StaffID, Kind: AccRectify,
		Note: "连续三天迟到。", Deadline: at("2026-11-27", "00:00")})
	require.NoError(t, err)
	f.closed, err = s.AddAccountability(ctx0, f.wang, NewAccountability{StaffID: f.li.StaffID, Kind: AccCriticism,
		Note: "窗口无人值守。"})
	require.NoError(t, err)
	require.NoError(t, s.SetAccountabilityOutcome(ctx0, f.wang, f.closed, "已当面批评教育，本人已认识错误。"))
	return f
}

func TestAccountabilityList(t *testing.T) {
	f := newAccFixture(t)
	ids := func(rows []AccountabilityRow) []int64 {
		var out []int64
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	tests := map[string]struct {
		filter AccountabilityFilter
		want   []int64
	}{
		"All":           {AccountabilityFilter{}, []int64{f.soon, f.fromComplaint, f.closed}},
		"FromComplaint": {AccountabilityFilter{Source: AccFromComplaint}, []int64{f.fromComplaint}},
		"Direct":        {AccountabilityFilter{Source: AccFromDirect}, []int64{f.soon, f.closed}},
		"Open":          {AccountabilityFilter{Open: true}, []int64{f.soon, f.fromComplaint}},
		"Closed":        {AccountabilityFilter{Closed: true}, []int64{f.closed}},
		"DueSoon":       {AccountabilityFilter{Due: DueSoon}, []int64{f.soon}},
		"Overdue":       {AccountabilityFilter{Due: DueOverdue}, nil},
		"OtherStaff":    {AccountabilityFilter{Staff: f.wang.StaffID}, nil},
		"Period":        {AccountabilityFilter{From: at("2026-11-27", "00:00")}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := f.s.AccountabilityList(ctx0, f.wang, tc.filter)
			require.NoError(t, err)
			assert.Equal(t, tc.want, ids(got))
		})
	}

	got, err := f.s.AccountabilityList(ctx0, f.wang, AccountabilityFilter{})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, DueSoon, got[0].Due, "Friday 27 November is the next working day")
	assert.Equal(t, 1, got[0].WorkdaysLeft)
	assert.Equal(t, DueOK, got[1].Due)
	assert.NotEmpty(t, got[1].ComplaintCode)
	assert.Equal(t, "限期整改", got[1].KindLabel)
	assert.Equal(t, DueNone, got[2].Due, "an entry with its outcome has no running deadline")

	*f.now = at("2026-11-30", "09:00")
	got, err = f.s.AccountabilityList(ctx0, f.wang, AccountabilityFilter{Due: DueOverdue})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, f.soon, got[0].ID)
	assert.True(t, got[0].Overdue)
	assert.Equal(t, -1, got[0].WorkdaysLeft)

	refusals := map[string]struct {
		by     Session
		filter AccountabilityFilter
		field  string
	}{
		"ErrNotAdmin":  {f.li, AccountabilityFilter{}, "session"},
		"ErrNoSession": {Session{}, AccountabilityFilter{}, "session"},
		"ErrSource":    {f.wang, AccountabilityFilter{Source: "kiosk"}, "source"},
		"ErrOpenBoth":  {f.wang, AccountabilityFilter{Open: true, Closed: true}, "open"},
		"ErrDue":       {f.wang, AccountabilityFilter{Due: DueOK}, "due"},
	}
	for name, tc := range refusals {
		t.Run(name, func(t *testing.T) {
			_, err := f.s.AccountabilityList(ctx0, tc.by, tc.filter)
			assert.Equal(t, tc.field, fieldOf(t, err))
		})
	}
}

func TestBreaches(t *testing.T) {
	s, now := storeWithNow(t) // office hours: Monday 08:30–12:00 only
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	sign := func(who Session, day, hm string) {
		*now = at(day, hm)
		_, err := s.SignIn(ctx0, who)
		require.NoError(t, err)
	}
	sign(li, "2026-11-23", "08:29")   // Monday, on time
	sign(wang, "2026-11-23", "08:30") // on the minute: on time
	sign(li, "2026-11-24", "08:47")   // Tuesday: no hours of its own, the earliest (08:30) applies
	sign(wang, "2026-11-30", "09:05") // Monday, late
	sign(li, "2026-12-07", "10:00")   // outside the period below

	rc, err := s.Register(ctx0, goodRegistration(t, s))
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO supplements (request_id, at, staff_id, materials, note, second_reason)
		VALUES (?, ?, ?, '[1]', '', ''), (?, ?, ?, '[2]', '', '申请人后来说明户籍已迁出')`,
		rc.RequestID, formatTime(at("2026-11-24", "10:00")), li.StaffID,
		rc.RequestID, formatTime(at("2026-11-25", "15:00")), li.StaffID)
	require.NoError(t, err)

	from, to := at("2026-11-01", "00:00"), at("2026-12-01", "00:00")
	got, err := s.Breaches(ctx0, 0, from, to)
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, BreachLate, got[0].Kind)
	assert.Equal(t, "李强", got[0].StaffName)
	assert.Equal(t, "2026-11-24", got[0].Day)
	assert.Equal(t, "08:30", got[0].Opens)
	assert.Equal(t, "2026年11月24日签到时间08:47，晚于上班时间08:30。", got[0].Text)
	assert.Equal(t, BreachSupplement, got[1].Kind)
	assert.Equal(t, "违反一次性告知", got[1].KindLabel)
	assert.Equal(t, rc.RequestID, got[1].RequestID)
	assert.Contains(t, got[1].Text, rc.ReceiptNo)
	assert.Contains(t, got[1].Text, "户籍已迁出")
	assert.Equal(t, "王芳", got[2].StaffName)
	assert.Equal(t, "2026-11-30", got[2].Day)

	got, err = s.Breaches(ctx0, wang.StaffID, from, to)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, wang.StaffID, got[0].StaffID)

	got, err = s.Breaches(ctx0, li.StaffID, at("2026-12-01", "00:00"), at("2027-01-01", "00:00"))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "2026-12-07", got[0].Day)
}

func TestComplaintsAbout(t *testing.T) {
	f := newAccFixture(t)
	zhao := secondAdmin(t, f.s)
	got, err := f.s.ComplaintsAbout(ctx0, f.wang, f.li.StaffID, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, f.complaintID, got[0].ID)
	require.NotNil(t, got[0].Substantiated)
	assert.True(t, *got[0].Substantiated)
	assert.Equal(t, "经查属实，限期整改。", got[0].Result)
	assert.Empty(t, got[0].ContactName, "the record leaves the complainant out")
	assert.Empty(t, got[0].ContactPhone)

	got, err = f.s.ComplaintsAbout(ctx0, zhao, f.li.StaffID, at("2026-11-27", "00:00"), time.Time{})
	require.NoError(t, err)
	assert.Empty(t, got, "outside the period")

	tests := map[string]struct {
		by    Session
		staff int64
		field string
	}{
		"ErrNotAdmin": {f.li, f.li.StaffID, "session"},
		"ErrSelf":     {f.wang, f.wang.StaffID, "staff"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := f.s.ComplaintsAbout(ctx0, tc.by, tc.staff, time.Time{}, time.Time{})
			assert.Equal(t, tc.field, fieldOf(t, err))
		})
	}
}
