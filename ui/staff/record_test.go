package staff_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// TestPersonRecord builds 王丽娟's year by hand — three sign-ins (one
// late), two study sessions called (present once, on leave once) and one
// planned, a substantiated complaint about her (which makes an
// accountability entry) and one entry entered directly — and checks the
// figures her record shows.
func TestPersonRecord(t *testing.T) {
	r := adminRig(t) // today: Thursday 5 March 2026
	ctx := context.Background()
	admin, ok := r.d.Session()
	require.True(t, ok)
	wang := data.Session{StaffID: r.ids["王丽娟"]}
	at := func(day, hm string) time.Time {
		x, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, data.China)
		require.NoError(t, err)
		return x
	}

	for _, in := range []time.Time{at("2026-03-02", "08:20"), at("2026-03-03", "09:05"), at("2026-03-04", "08:30")} {
		r.now = in
		_, err := r.s.SignIn(ctx, wang)
		require.NoError(t, err)
	}
	r.now = fixedNow

	jan, err := r.s.AddStudySession(ctx, admin, at("2026-01-16", "14:00"), "医保参保政策", data.StudyMonthly, "")
	require.NoError(t, err)
	feb, err := r.s.AddStudySession(ctx, admin, at("2026-02-06", "14:00"), "首问负责制度", data.StudyMonthly, "")
	require.NoError(t, err)
	_, err = r.s.AddStudySession(ctx, admin, at("2026-03-20", "14:00"), "廉洁从业", data.StudyEthics, "")
	require.NoError(t, err)
	require.NoError(t, r.s.RollCall(ctx, admin, jan, map[int64]bool{wang.StaffID: true, admin.StaffID: true}, nil))
	require.NoError(t, r.s.RollCall(ctx, admin, feb, map[int64]bool{wang.StaffID: false, admin.StaffID: true},
		map[int64]string{wang.StaffID: "请假（病假）"}))

	rc, err := r.s.EnterComplaint(ctx, admin, data.NewComplaint{Channel: "phone", About: data.AboutStaff,
		StaffID: wang.StaffID, Body: "办理医保时态度生硬。", ContactName: "李秀英", ContactPhone: "13700137000"})
	require.NoError(t, err)
	require.NoError(t, r.s.AssignComplaint(ctx, admin, rc.ID, admin.StaffID))
	require.NoError(t, r.s.RecordInvestigation(ctx, admin, rc.ID, "询问当事人及同窗口人员，情况属实。"))
	_, err = r.s.DecideComplaint(ctx, admin, rc.ID, data.ComplaintDecision{Substantiated: true,
		Result: "经查属实，已批评教育。", Kind: data.AccCriticism})
	require.NoError(t, err)
	_, err = r.s.AddAccountability(ctx, admin, data.NewAccountability{StaffID: wang.StaffID, Kind: data.AccRectify,
		Note: "3月3日迟到。", Deadline: at("2026-03-31", "00:00")})
	require.NoError(t, err)

	// The 首问 figures come from the report (synthetic requests own some).
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, data.China)
	rep, err := r.s.Report(ctx, from, from.AddDate(1, 0, 0))
	require.NoError(t, err)
	var person data.PersonReport
	for _, p := range rep.People {
		if p.StaffID == wang.StaffID {
			person = p
		}
	}
	att, err := r.s.AttendanceReport(ctx, from, from.AddDate(1, 0, 0))
	require.NoError(t, err)
	var days data.AttendanceSummary
	for _, a := range att {
		if a.StaffID == wang.StaffID {
			days = a
		}
	}
	require.Equal(t, 3, days.Present)

	r.d.Admin.Show(staff.SectionAccountability)
	s := r.d.Admin.Accountability
	s.SetTab(staff.AcctAll)
	require.Len(t, s.Rows, 2)
	test.Tap(s.Rows[0].Name)
	rec := s.Record
	require.NotNil(t, rec)
	require.True(t, rec.Loaded, rec.Status.Text)
	assert.Equal(t, "本年", rec.Period.Selected)

	fig := func(k string) string { return rec.Figures[k].Text }
	assert.Equal(t, itoa(person.FirstOwned)+" 件", fig(staff.RecOwned))
	assert.Contains(t, fig(staff.RecOnTime), "（"+itoa(person.OnTime.N)+"/"+itoa(person.OnTime.Of)+"）")
	assert.Equal(t, "3 天", fig(staff.RecSignIn))
	assert.Equal(t, itoa(days.Workdays)+" 天", fig(staff.RecWorkdays))
	assert.Equal(t, itoa(days.Workdays-3)+" 天", fig(staff.RecAbsent), "not signed in, not on leave")
	assert.Equal(t, "0 天", fig(staff.RecLeave))
	assert.Equal(t, "1 次", fig(staff.RecLate))
	assert.Equal(t, []string{"2026年3月3日签到时间09:05，晚于上班时间08:30。"}, rec.LateLines)
	assert.Equal(t, "50.0%（1/2）", fig(staff.RecStudy), "the planned session counts for nobody")
	assert.Equal(t, "1 次", fig(staff.RecStudyLeave))
	assert.Equal(t, []string{"2026-01-16  每月集中学习  医保参保政策  —  出席",
		"2026-02-06  每月集中学习  首问负责制度  —  请假（病假）"}, rec.StudyLines)
	assert.Equal(t, "1 件", fig(staff.RecComplaints))
	assert.Equal(t, "1 件", fig(staff.RecSubstantiated))
	require.Len(t, rec.ComplaintLines, 1)
	assert.Equal(t, "2026-03-05  "+rc.Code+"  已查明，正在答复  属实：经查属实，已批评教育。", rec.ComplaintLines[0])
	assert.NotContains(t, rec.ComplaintLines[0], "李秀英")
	assert.Equal(t, "2 条", fig(staff.RecAccountability))
	require.Len(t, rec.AccountLines, 2)
	assert.Contains(t, rec.AccountLines[0], "限期整改  3月3日迟到。  整改期限 2026-03-31")
	assert.Contains(t, rec.AccountLines[1], "批评教育  经查属实，已批评教育。")

	// This month only: the January and February sessions drop out.
	rec.SetPeriod(staff.PeriodThisMonth)
	assert.Equal(t, "—（0/0）", fig(staff.RecStudy))
	assert.Equal(t, "3 天", fig(staff.RecSignIn))

	// The administrator's own record leaves the complaints out (回避).
	test.Tap(rec.Back)
	r.d.Admin.Show(staff.SectionStudy)
	st := r.d.Admin.Study
	test.Tap(personRow(t, st, "张建华").Name)
	require.NotNil(t, st.Record)
	assert.Contains(t, st.Record.ComplaintNotice.Text, "回避")
	assert.Equal(t, "100.0%（2/2）", st.Record.Figures[staff.RecStudy].Text)
}

// A leave whose note says only 请假 is shown once, not as 请假（请假）.
func TestRecordLeaveNoteOnce(t *testing.T) {
	r := adminRig(t)
	ctx := context.Background()
	admin, ok := r.d.Session()
	require.True(t, ok)
	people, err := r.s.LoginChoices(ctx)
	require.NoError(t, err)
	var wang data.LoginChoice
	for _, p := range people {
		if p.Name == "王丽娟" {
			wang = p
		}
	}
	day := time.Date(2026, 2, 6, 14, 0, 0, 0, data.China)
	id, err := r.s.AddStudySession(ctx, admin, day, "首问负责制度", data.StudyMonthly, "")
	require.NoError(t, err)
	require.NoError(t, r.s.RollCall(ctx, admin, id, map[int64]bool{wang.StaffID: false},
		map[int64]string{wang.StaffID: "请假"}))
	r.d.Admin.Show(staff.SectionStudy)
	r.d.Admin.Study.OpenRecord(wang.StaffID, wang.Name)
	rec := r.d.Admin.Study.Record
	require.NotNil(t, rec)
	require.True(t, rec.Loaded, rec.Status.Text)
	assert.Contains(t, rec.StudyLines, "2026-02-06  每月集中学习  首问负责制度  —  请假")
}

// The record's period list offers months and the year, each in words (no
// untranslated custom period).
func TestRecordPeriodsTranslated(t *testing.T) {
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionStudy)
	people, err := r.s.LoginChoices(context.Background())
	require.NoError(t, err)
	r.d.Admin.Study.OpenRecord(people[0].StaffID, people[0].Name)
	rec := r.d.Admin.Study.Record
	require.NotNil(t, rec)
	assert.Equal(t, []string{"本月", "上月", "本年"}, rec.Period.Options)
}
