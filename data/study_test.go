package data

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddStudySession(t *testing.T) {
	s, now := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	day := at("2026-11-20", "14:30")

	tests := map[string]struct {
		by    Session
		day   time.Time
		topic string
		kind  StudyKind
		field string
	}{
		"ErrNotAdmin":  {li, day, "社会救助政策", StudyMonthly, "session"},
		"ErrKind":      {wang, day, "社会救助政策", "party", "kind"},
		"ErrTopic":     {wang, day, "  ", StudyMonthly, "topic"},
		"ErrTopicLong": {wang, day, strings.Repeat("学", 101), StudyMonthly, "topic"},
		"ErrNoDay":     {wang, time.Time{}, "社会救助政策", StudyMonthly, "day"},
		"ErrFarAhead":  {wang, now.AddDate(2, 0, 0), "社会救助政策", StudyMonthly, "day"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddStudySession(ctx0, tc.by, tc.day, tc.topic, tc.kind, "")
			assert.Equal(t, tc.field, fieldOf(t, err))
		})
	}
	assert.Equal(t, 0, count(t, s, "study_sessions"))

	id, err := s.AddStudySession(ctx0, wang, day, "社会救助政策解读", StudyMonthly, "地点：二楼会议室")
	require.NoError(t, err)
	got, err := s.StudySessions(ctx0, at("2026-11-01", "00:00"), at("2026-12-01", "00:00"))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, StudySession{ID: id, Day: "2026-11-20", Topic: "社会救助政策解读", Kind: StudyMonthly,
		KindLabel: "每月集中学习", Note: "地点：二楼会议室"}, got[0])
	assert.Equal(t, 1, auditCount(t, s, AuditStudySession))
	got, err = s.StudySessions(ctx0, at("2026-11-21", "00:00"), at("2026-12-01", "00:00"))
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestRollCall(t *testing.T) {
	s, _ := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	id, err := s.AddStudySession(ctx0, wang, at("2026-11-20", "00:00"), "首问负责制度", StudyMonthly, "")
	require.NoError(t, err)
	future, err := s.AddStudySession(ctx0, wang, at("2026-12-18", "00:00"), "年终业务培训", StudyTraining, "")
	require.NoError(t, err)

	roll, err := s.StudyRoll(ctx0, id)
	require.NoError(t, err)
	require.Len(t, roll, 2)
	assert.False(t, roll[0].Recorded)

	tests := map[string]struct {
		by      Session
		session int64
		present map[int64]bool
		notes   map[int64]string
		field   string
	}{
		"ErrNotAdmin":    {li, id, map[int64]bool{li.StaffID: true}, nil, "session"},
		"ErrEmpty":       {wang, id, nil, nil, "present"},
		"ErrUnknown":     {wang, id, map[int64]bool{999: true}, nil, "present"},
		"ErrNoteOffRoll": {wang, id, map[int64]bool{wang.StaffID: true}, map[int64]string{li.StaffID: "请假"}, "notes"},
		"ErrNoteLong":    {wang, id, map[int64]bool{li.StaffID: false}, map[int64]string{li.StaffID: strings.Repeat("假", 61)}, "notes"},
		"ErrNotYet":      {wang, future, map[int64]bool{li.StaffID: true}, nil, "session"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := s.RollCall(ctx0, tc.by, tc.session, tc.present, tc.notes)
			assert.Equal(t, tc.field, fieldOf(t, err))
		})
	}
	assert.Equal(t, 0, count(t, s, "study_attendance"))
	assert.ErrorIs(t, s.RollCall(ctx0, wang, 999, map[int64]bool{li.StaffID: true}, nil), ErrNotFound)

	require.NoError(t, s.RollCall(ctx0, wang, id, map[int64]bool{wang.StaffID: true, li.StaffID: false},
		map[int64]string{li.StaffID: "请假"}))
	roll, err = s.StudyRoll(ctx0, id)
	require.NoError(t, err)
	assert.Equal(t, []RollLine{{StaffID: wang.StaffID, Name: "王芳", Present: true, Recorded: true},
		{StaffID: li.StaffID, Name: "李强", Recorded: true, Note: "请假"}}, roll)
	sessions, err := s.StudySessions(ctx0, at("2026-11-01", "00:00"), at("2026-12-01", "00:00"))
	require.NoError(t, err)
	assert.Equal(t, 1, sessions[0].Present)
	assert.Equal(t, 1, sessions[0].Absent)
	assert.True(t, sessions[0].RollCalled)

	// A correction: 李强 came after all. 王芳 keeps her mark.
	require.NoError(t, s.RollCall(ctx0, wang, id, map[int64]bool{li.StaffID: true}, nil))
	roll, err = s.StudyRoll(ctx0, id)
	require.NoError(t, err)
	assert.True(t, roll[0].Present)
	assert.True(t, roll[1].Present)
	assert.Empty(t, roll[1].Note)
	assert.Equal(t, 2, count(t, s, "study_attendance"))
	page, err := s.Audit(ctx0, AuditFilter{Action: AuditRollCall})
	require.NoError(t, err)
	require.Len(t, page.Entries, 2)
	assert.Equal(t, "出席：王芳；缺席：李强", page.Entries[1].Detail)
	assert.Equal(t, "学习 2026-11-20 首问负责制度", page.Entries[1].Target)
	_, err = s.StudyRoll(ctx0, 999)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestStudyRecord(t *testing.T) {
	s, _ := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	add := func(day, topic string, kind StudyKind) int64 {
		id, err := s.AddStudySession(ctx0, wang, at(day, "09:00"), topic, kind, "")
		require.NoError(t, err)
		return id
	}
	oct := add("2026-10-15", "医保参保政策", StudyMonthly)
	nov := add("2026-11-20", "首问负责制度", StudyMonthly)
	add("2026-11-25", "廉洁从业", StudyEthics) // no roll-call yet: counts for nobody
	add("2026-12-18", "年终业务培训", StudyTraining)
	require.NoError(t, s.RollCall(ctx0, wang, oct, map[int64]bool{wang.StaffID: true, li.StaffID: false}, nil))
	require.NoError(t, s.RollCall(ctx0, wang, nov, map[int64]bool{wang.StaffID: true}, nil))

	from, to := at("2026-10-01", "00:00"), at("2027-01-01", "00:00")
	r, err := s.StudyRecord(ctx0, li.StaffID, from, to)
	require.NoError(t, err)
	assert.Equal(t, "李强", r.Name)
	require.Len(t, r.Sessions, 2)
	assert.Equal(t, 0, r.Attended)
	assert.Equal(t, 1, r.Missed)
	assert.Equal(t, 1, r.NotRecorded)
	assert.Equal(t, "医保参保政策", r.Sessions[0].Topic)
	assert.False(t, r.Sessions[0].Present)
	assert.True(t, r.Sessions[0].Recorded)
	assert.False(t, r.Sessions[1].Recorded)

	r, err = s.StudyRecord(ctx0, wang.StaffID, from, to)
	require.NoError(t, err)
	assert.Equal(t, 2, r.Attended)
	assert.Equal(t, 0, r.Missed)

	r, err = s.StudyRecord(ctx0, wang.StaffID, at("2026-11-01", "00:00"), to)
	require.NoError(t, err)
	assert.Equal(t, 1, r.Attended, "October is outside the period")

	_, err = s.StudyRecord(ctx0, 999, from, to)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestMonthsWithoutStudy(t *testing.T) {
	s, _ := storeWithNow(t) // today is 26 November 2026
	wang := sessionOf(t, s, "s1")
	add := func(day string, kind StudyKind) {
		_, err := s.AddStudySession(ctx0, wang, at(day, "09:00"), "业务学习", kind, "")
		require.NoError(t, err)
	}
	for _, m := range []string{"01", "02", "04", "05", "06", "08", "09", "10"} {
		add("2026-"+m+"-10", StudyMonthly)
	}
	add("2026-03-12", StudyEthics)   // ethics alone is not the monthly business study
	add("2026-07-20", StudyTraining) // a central training is
	add("2026-11-05", StudyWindow)   // a window's own study is not
	add("2025-12-31", StudyMonthly)  // another year

	got, err := s.MonthsWithoutStudy(ctx0, 2026)
	require.NoError(t, err)
	assert.Equal(t, []time.Month{time.March, time.November}, got, "December is not over yet")

	add("2026-11-30", StudyMonthly) // planned for later this month
	got, err = s.MonthsWithoutStudy(ctx0, 2026)
	require.NoError(t, err)
	assert.Equal(t, []time.Month{time.March}, got)

	got, err = s.MonthsWithoutStudy(ctx0, 2025)
	require.NoError(t, err)
	assert.Len(t, got, 11, "only December 2025 had a session")
	assert.NotContains(t, got, time.December)

	got, err = s.MonthsWithoutStudy(ctx0, 2027)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestStudyLeaveAndRecords(t *testing.T) {
	s, _ := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	zhao := secondAdmin(t, s)
	add := func(day string) int64 {
		id, err := s.AddStudySession(ctx0, wang, at(day, "09:00"), "业务学习", StudyMonthly, "")
		require.NoError(t, err)
		return id
	}
	oct, nov := add("2026-10-15"), add("2026-11-20")
	add("2026-12-18") // planned: no roll-call, counts for nobody
	require.NoError(t, s.RollCall(ctx0, wang, oct, map[int64]bool{wang.StaffID: true, li.StaffID: false,
		zhao.StaffID: false}, map[int64]string{li.StaffID: "请假（病假）", zhao.StaffID: "迟到未参加"}))
	require.NoError(t, s.RollCall(ctx0, wang, nov, map[int64]bool{wang.StaffID: true, li.StaffID: true}, nil))

	roll, err := s.StudyRoll(ctx0, oct)
	require.NoError(t, err)
	marks := map[string]RollMark{}
	for _, l := range roll {
		marks[l.Name] = l.Mark()
	}
	assert.Equal(t, map[string]RollMark{"王芳": MarkPresent, "李强": MarkLeave, "赵敏": MarkAbsent}, marks)
	assert.Equal(t, "请假", MarkLeave.Label())
	assert.Equal(t, "未点名", MarkNone.Label())

	from, to := at("2026-01-01", "00:00"), at("2027-01-01", "00:00")
	recs, err := s.StudyRecords(ctx0, from, to)
	require.NoError(t, err)
	got := map[string][3]int{} // attended, held with a roll-call, leave
	for _, r := range recs {
		got[r.Name] = [3]int{r.Rate().N, r.Rate().Of, r.Leave}
	}
	assert.Equal(t, map[string][3]int{"王芳": {2, 2, 0}, "李强": {1, 2, 1}, "赵敏": {0, 2, 0}}, got)
	for _, r := range recs {
		if r.Name == "李强" {
			assert.Equal(t, MarkLeave, r.Sessions[0].Mark())
			assert.Equal(t, MarkPresent, r.Sessions[1].Mark())
		}
		if r.Name == "赵敏" {
			assert.Equal(t, MarkNone, r.Sessions[1].Mark(), "not on November's roll-call")
			assert.Equal(t, 1, r.NotRecorded)
		}
	}
}

// TestStudyAgreesWithReport: the report's study figure for a person is
// StudyRecord's rate: sessions attended over sessions held with a roll-call
// (2 here; the session not yet called and the planned one count for nobody).
func TestStudyAgreesWithReport(t *testing.T) {
	s, _ := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	add := func(day string) int64 {
		id, err := s.AddStudySession(ctx0, wang, at(day, "09:00"), "业务学习", StudyMonthly, "")
		require.NoError(t, err)
		return id
	}
	oct, nov := add("2026-10-15"), add("2026-11-20")
	add("2026-11-25") // held, roll-call not taken yet
	add("2026-12-18") // planned
	require.NoError(t, s.RollCall(ctx0, wang, oct, map[int64]bool{wang.StaffID: true, li.StaffID: false}, nil))
	require.NoError(t, s.RollCall(ctx0, wang, nov, map[int64]bool{wang.StaffID: true}, nil))

	from, to := at("2026-01-01", "00:00"), at("2027-01-01", "00:00")
	rep, err := s.Report(ctx0, from, to)
	require.NoError(t, err)
	require.NotEmpty(t, rep.People)
	for _, p := range rep.People {
		r, err := s.StudyRecord(ctx0, p.StaffID, from, to)
		require.NoError(t, err)
		assert.Equal(t, r.Rate().N, p.Study.N, "%s: sessions attended", p.Name)
		assert.Equal(t, r.Rate().Of, p.Study.Of, "%s: sessions held", p.Name)
		assert.Equal(t, 2, p.Study.Of, "%s: sessions held", p.Name)
	}
}
