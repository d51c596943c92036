package data

import (
	"bianmin/internal/fakeclock"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fixtures under testdata are a FICTIONAL 2027 schedule (22 holidays,
// 4 swapped working days), in the JSON and the text form.
const (
	fixtureJSON = "testdata/calendar-2027-fictional.json"
	fixtureText = "testdata/calendar-2027-fictional.txt"
	fixtureDays = 26
)

func storedDay(t testing.TB, s *Store, day string) CalendarDay {
	t.Helper()
	tm, err := ParseDay(day)
	require.NoError(t, err)
	d, err := s.CalendarDay(context.Background(), tm)
	if err != nil {
		require.ErrorIs(t, err, ErrNotFound)
		return CalendarDay{}
	}
	return d
}

func calAuditCount(t testing.TB, s *Store, action string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Scan(&n))
	return n
}

func TestSetCalendarDay(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	require.NoError(t, s.PutCalendarDays(ctx, OfficialCalendarDays()))

	tests := map[string]struct {
		day        time.Time
		kind, name string
		note       string
		field      string // the refused field, "" when accepted
		want       CalendarDay
		added      int
		changed    int
		removed    int
	}{
		"OKLocalHoliday": {day: date(2026, 12, 1), kind: DayHoliday, name: "县庆", note: "县政府通知放假一天",
			want: CalendarDay{"2026-12-01", DayHoliday, "县庆"}, added: 1},
		"OKWorkdayDefaultName": {day: date(2026, 12, 5), kind: DayWorkday,
			want: CalendarDay{"2026-12-05", DayWorkday, "调休上班"}, added: 1},
		"OKRename": {day: date(2026, 10, 1), kind: DayHoliday, name: "国庆",
			want: CalendarDay{"2026-10-01", DayHoliday, "国庆"}, changed: 1},
		"OKHolidayBecomesWorkday": {day: date(2026, 10, 3), kind: DayWorkday, name: "值班",
			want: CalendarDay{"2026-10-03", DayWorkday, "值班"}, changed: 1},
		"OKOrdinaryRemoves":       {day: date(2026, 10, 10), kind: DayOrdinary, removed: 1},
		"OKOrdinaryNothingStored": {day: date(2026, 12, 2), kind: DayOrdinary},
		"OKSameAgain":             {day: date(2026, 10, 2), kind: DayHoliday, name: "国庆节", want: CalendarDay{"2026-10-02", DayHoliday, "国庆节"}},
		"ErrHolidayName":          {day: date(2026, 12, 3), kind: DayHoliday, field: "name"},
		"ErrWorkdayOnWeekday":     {day: date(2026, 12, 3), kind: DayWorkday, field: "kind"},
		"ErrKind":                 {day: date(2026, 12, 3), kind: "off", name: "x", field: "kind"},
		"ErrNoDay":                {kind: DayHoliday, name: "x", field: "day"},
		"ErrYear":                 {day: date(2150, 1, 1), kind: DayHoliday, name: "x", field: "day"},
		"ErrNoteTooLong":          {day: date(2026, 12, 4), kind: DayHoliday, name: "x", note: strings.Repeat("长", 201), field: "note"},
		"ErrNameTwoLines":         {day: date(2026, 12, 4), kind: DayHoliday, name: "国庆\n节", field: "name"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			before := calAuditCount(t, s, AuditCalendarSet)
			ch, err := s.SetCalendarDay(ctx, clerk, tc.day, tc.kind, tc.name, tc.note)
			if tc.field != "" {
				ie := invalidOf(t, err)
				assert.Equal(t, tc.field, ie.Field)
				assert.True(t, hasHan(ie.Msg), ie.Msg)
				assert.Equal(t, before, calAuditCount(t, s, AuditCalendarSet), "nothing audited")
				return
			}
			require.NoError(t, err)
			assert.Len(t, ch.Added, tc.added)
			assert.Len(t, ch.Changed, tc.changed)
			assert.Len(t, ch.Removed, tc.removed)
			assert.Equal(t, tc.want, storedDay(t, s, Day(tc.day)))
			wantAudit := before + 1
			if ch.Empty() {
				wantAudit = before
			}
			assert.Equal(t, wantAudit, calAuditCount(t, s, AuditCalendarSet))
		})
	}

	_, err := s.SetCalendarDay(ctx, Session{}, date(2026, 12, 7), DayHoliday, "x", "")
	assert.Equal(t, "session", invalidOf(t, err).Field)

	page, err := s.Audit(ctx, AuditFilter{Action: AuditCalendarSet})
	require.NoError(t, err)
	var details []string
	for _, e := range page.Entries {
		details = append(details, e.Target+" "+e.Detail)
	}
	assert.Contains(t, strings.Join(details, "\n"),
		"工作日历 2026-12-01 2026年12月1日（星期二）设为法定节假日（县庆）。涉及2026年；新增1天，修改0天，删除0天。备注：县政府通知放假一天")
	assert.Equal(t, "修改工作日历", AuditLabel(AuditCalendarSet))
	assert.Contains(t, AuditActions(), AuditCalendarImport)
}

// TestCalendarEditMovesDueDays: a new holiday inside a running clock moves
// the due day of open requests (with their pauses) and complaints, in the
// same transaction, and says so on the request's timeline; finished and
// waiting requests keep theirs.
func TestCalendarEditMovesDueDays(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	// Thursday 2026-11-26: 10 working days → Thursday 2026-12-10.
	open := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	escalated := requestIn(t, s, clerk, "JZZ", StatusEscalated)
	paused := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	require.NoError(t, s.PauseClock(ctx, clerk, paused, "公示", date(2026, 11, 30))) // Fri 11-27 paused
	waiting := requestIn(t, s, clerk, "JZZ", StatusWaiting)
	finished := requestIn(t, s, clerk, "JZZ", StatusFinished)
	later := requestIn(t, s, clerk, "JZZ", StatusSubmitted)
	clk.Set(time.Date(2026, 12, 3, 9, 0, 0, 0, China))
	require.NoError(t, s.Accept(ctx, clerk, later, "", "")) // Thu 12-03 → Thu 12-17
	cr, err := s.FileComplaint(ctx, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "窗口排队时间太长了"})
	require.NoError(t, err)

	due := func(id int64) string { return column[string](t, s, id, "due_day") }
	require.Equal(t, "2026-12-10", due(open))
	require.Equal(t, "2026-12-10", due(escalated))
	require.Equal(t, "2026-12-11", due(paused))
	require.Equal(t, "2026-12-17", due(later))
	require.Equal(t, "", due(waiting))
	finishedDue := due(finished)
	complaintDue := func() string {
		var d string
		require.NoError(t, s.db.QueryRow(`SELECT due_day FROM complaints WHERE code = ?`, cr.Code).Scan(&d))
		return d
	}
	cdue := complaintDue()

	// Tuesday 12-08 becomes a holiday: every clock running over it moves
	// one working day.
	ch, err := s.SetCalendarDay(ctx, clerk, date(2026, 12, 8), DayHoliday, "县庆", "")
	require.NoError(t, err)
	assert.Equal(t, 4, ch.RequestMoves())
	assert.Equal(t, "2026-12-11", due(open))
	assert.Equal(t, "2026-12-11", due(escalated))
	assert.Equal(t, "2026-12-14", due(paused))
	assert.Equal(t, "2026-12-18", due(later))
	assert.Equal(t, "", due(waiting))
	assert.Equal(t, finishedDue, due(finished))
	cdueNow := complaintDue()
	require.Greater(t, cdue, "2026-12-08", "the complaint's limit runs over the new holiday")
	assert.Equal(t, 1, ch.ComplaintMoves())
	assert.NotEqual(t, cdue, cdueNow)
	assert.Contains(t, ch.Summary(), "4件办件的承诺办结日期随之调整")
	for _, m := range ch.Moves {
		if m.ID == open && !m.Complaint {
			assert.Equal(t, DueMove{ID: open, Number: column[string](t, s, open, "receipt_no"), ItemName: "居住证申领",
				From: "2026-12-10", To: "2026-12-11"}, m)
		}
	}

	tr, err := s.TrackByToken(ctx, column[string](t, s, open, "token"))
	require.NoError(t, err)
	last := tr.Events[len(tr.Events)-1]
	assert.Equal(t, EventNote, last.Kind)
	assert.Equal(t, "因节假日安排调整，承诺办结日期由2026年12月10日调整为2026年12月11日。", last.Note)

	// Removing the holiday moves them back; a weekend edit moves nothing.
	ch, err = s.SetCalendarDay(ctx, clerk, date(2026, 12, 8), DayOrdinary, "", "误设")
	require.NoError(t, err)
	assert.Equal(t, 4, ch.RequestMoves())
	assert.Equal(t, "2026-12-10", due(open))
	assert.Equal(t, cdue, complaintDue())
	ch, err = s.SetCalendarDay(ctx, clerk, date(2026, 12, 12), DayHoliday, "周六", "")
	require.NoError(t, err)
	assert.Empty(t, ch.Moves)
	assert.Len(t, ch.Added, 1)
}

func TestParseCalendarFile(t *testing.T) {
	tests := map[string]struct {
		in    string
		days  int
		first CalendarDay
		msg   string // part of the refusal, "" when accepted
	}{
		"OKArray": {in: `[{"day":"2027-01-01","kind":"holiday","name":"元旦"},
			{"day":"2027-02-20","kind":"workday"}]`, days: 2, first: CalendarDay{"2027-01-01", DayHoliday, "元旦"}},
		"OKCatalogObject": {in: `{"format":1,"center":{"name":"x"},"calendar":[{"day":"2027-01-01","kind":"holiday","name":"元旦"}]}`,
			days: 1, first: CalendarDay{"2027-01-01", DayHoliday, "元旦"}},
		"OKText": {in: "\ufeff# 2027\n日期,类型,名称\n2027-01-01,holiday,元旦\n\n2027/2/20，班，春节调休上班\r\n2027-2-6\t休\t春节\n2027.2.7 休 春节\n2027-02-08,holiday\n",
			days: 5, first: CalendarDay{"2027-01-01", DayHoliday, "元旦"}},
		"ErrJSONSyntax":       {in: "[\n{\"day\":\"2027-01-01\",\"kind\":\"holiday\"},\n{\"day\":\"2027-01-02\" \"kind\":\"holiday\"}\n]", msg: "第3行：JSON 格式错误"},
		"ErrJSONField":        {in: "[\n{\"day\":\"2027-01-01\",\n\"knid\":\"holiday\"}\n]", msg: "第3行：不认识的字段 \"knid\""},
		"ErrJSONDate":         {in: "[\n  {\"day\":\"2027-01-01\",\"kind\":\"holiday\"},\n  {\"day\":\"2027-13-01\",\"kind\":\"holiday\"}\n]", msg: "第3行：日期“2027-13-01”不对"},
		"ErrJSONKind":         {in: "[{\"day\":\"2027-01-01\",\"kind\":\"off day\"}]", msg: "第1行：类型“off day”不对"},
		"ErrJSONNoList":       {in: `{"calendar": {"day": "2027-01-01"}}`, msg: "应是日期的列表"},
		"ErrJSONNoMember":     {in: `{"days": []}`, msg: "没有 \"calendar\" 部分"},
		"ErrJSONTrailing":     {in: "[{\"day\":\"2027-01-01\",\"kind\":\"holiday\"}]\n]", msg: "第2行：文件在日期列表之后还有多余的内容"},
		"ErrJSONCut":          {in: `[{"day":"2027-01-01","kind":"holiday"}`, msg: "不完整"},
		"ErrTextDate":         {in: "2027-01-01,休,元旦\n2027-01-32,休,元旦\n", msg: "第2行：日期“2027-01-32”不对"},
		"ErrTextKind":         {in: "2027-01-01,休,元旦\n\n2027-01-02,假日,元旦\n", msg: "第3行：类型“假日”不对"},
		"ErrTextFields":       {in: "2027-01-01\n", msg: "第1行：每行应写“日期,类型,名称”"},
		"ErrTextTooMany":      {in: "2027-01-01,休,元旦,多余\n", msg: "第1行"},
		"ErrDuplicate":        {in: "2027-01-01,休,元旦\n2027-01-01,休,新年\n", msg: "第2行：2027-01-01 在第1行已经出现过"},
		"ErrWorkdayOnWeekday": {in: "2027-01-05,班\n", msg: "第1行：2027-01-05是星期二，本来就是工作日"},
		"ErrEmpty":            {in: "# nothing\n\n", msg: "文件中没有任何日期"},
		"ErrEmptyJSON":        {in: "[]", msg: "文件中没有任何日期"},
		"ErrNotUTF8":          {in: "2027-01-01,\xd4\xaa\xb5\xa9\n", msg: "UTF-8"},
		"ErrYear":             {in: "1927-01-01,休,元旦\n", msg: "年份不对"},
		"ErrNameTooLong":      {in: "2027-01-01,休," + strings.Repeat("节", 41) + "\n", msg: "第1行："},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			days, err := ParseCalendarFile(strings.NewReader(tc.in))
			if tc.msg != "" {
				assert.Nil(t, days)
				assert.Contains(t, Message(err), tc.msg)
				return
			}
			require.NoError(t, err)
			assert.Len(t, days, tc.days)
			assert.Equal(t, tc.first, days[0])
		})
	}
	t.Run("ErrTooLarge", func(t *testing.T) {
		_, err := ParseCalendarFile(strings.NewReader(strings.Repeat("#", MaxCalendarFileBytes+1)))
		assert.Contains(t, Message(err), "文件过大")
	})
	t.Run("OKFixturesAgree", func(t *testing.T) {
		var both [][]CalendarDay
		for _, p := range []string{fixtureJSON, fixtureText} {
			f, err := os.Open(p)
			require.NoError(t, err)
			days, err := ParseCalendarFile(f)
			f.Close()
			require.NoError(t, err, p)
			require.Len(t, days, fixtureDays)
			both = append(both, days)
		}
		assert.Equal(t, both[0], both[1])
	})
	t.Run("OKOfficialSchedules", func(t *testing.T) {
		// The shipped schedules pass the import's checks.
		assert.NoError(t, checkImportDays(OfficialCalendarDays()))
	})
}

// TestImportCalendar: preview writes nothing; the import is all or
// nothing, replaces the years it covers, moves the due days that run over
// the year boundary into the new holidays, and is audited.
func TestImportCalendar(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2")
	require.NoError(t, s.PutCalendarDays(ctx, OfficialCalendarDays()))
	early := requestIn(t, s, clerk, "JZZ", StatusAccepted) // 2026-11-26 → 2026-12-10
	clk.Set(time.Date(2026, 12, 24, 10, 0, 0, 0, China))
	// Thursday 12-24, 10 working days: 12-25, 12-28…31, 2027-01-01 and
	// 01-04…07 without a 2027 schedule.
	boundary := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	due := func(id int64) string { return column[string](t, s, id, "due_day") }
	require.Equal(t, "2027-01-07", due(boundary))

	cov, err := s.CalendarCoverage(ctx)
	require.NoError(t, err)
	assert.Equal(t, "2027年节假日安排尚未导入，截止日期按普通周末计算。", cov.Warning())

	// A corrupt file changes nothing.
	_, err = s.ImportCalendar(ctx, clerk, strings.NewReader("2027-01-01,休,元旦\n2027-02-30,休,春节\n"))
	assert.Equal(t, "第2行：日期“2027-02-30”不对，应写成 2027-01-01 这样的格式。", Message(err))
	assert.Equal(t, CalendarDay{}, storedDay(t, s, "2027-01-01"))
	assert.Equal(t, 0, calAuditCount(t, s, AuditCalendarImport))

	f, err := os.Open(fixtureJSON)
	require.NoError(t, err)
	days, err := ParseCalendarFile(f)
	f.Close()
	require.NoError(t, err)

	pre, err := s.PreviewCalendarImport(ctx, days)
	require.NoError(t, err)
	assert.Len(t, pre.Added, fixtureDays)
	assert.Empty(t, pre.Changed)
	assert.Empty(t, pre.Removed)
	assert.Equal(t, []int{2027}, pre.Years)
	require.Len(t, pre.Moves, 1)
	assert.Equal(t, DueMove{ID: boundary, Number: column[string](t, s, boundary, "receipt_no"), ItemName: "居住证申领",
		From: "2027-01-07", To: "2027-01-08"}, pre.Moves[0])
	assert.Equal(t, "2027-01-07", due(boundary), "the preview writes nothing")
	assert.Equal(t, CalendarDay{}, storedDay(t, s, "2027-01-01"))

	ch, err := s.ImportCalendarDays(ctx, clerk, days)
	require.NoError(t, err)
	assert.Equal(t, pre, ch)
	assert.Equal(t, "涉及2027年；新增26天，修改0天，删除0天；1件办件的承诺办结日期随之调整。", ch.Summary())
	assert.Equal(t, "2027-01-08", due(boundary))
	assert.Equal(t, "2026-12-10", due(early))
	assert.Equal(t, CalendarDay{"2027-01-01", DayHoliday, "元旦"}, storedDay(t, s, "2027-01-01"))
	assert.Equal(t, 1, calAuditCount(t, s, AuditCalendarImport))
	cov, err = s.CalendarCoverage(ctx)
	require.NoError(t, err)
	assert.Empty(t, cov.Warning())
	assert.Equal(t, []int{2025, 2026, 2027}, cov.Years)

	// The same file again changes nothing.
	f, err = os.Open(fixtureText)
	require.NoError(t, err)
	ch, err = s.ImportCalendar(ctx, clerk, f)
	f.Close()
	require.NoError(t, err)
	assert.True(t, ch.Empty())
	assert.Equal(t, fixtureDays, ch.Unchanged)

	// A corrected file replaces the year: 元旦 only on 01-01, renamed.
	fixed := "2027-01-01,休,元旦节\n2027-02-20,班,春节调休上班\n"
	ch, err = s.ImportCalendar(ctx, clerk, strings.NewReader(fixed))
	require.NoError(t, err)
	assert.Len(t, ch.Changed, 1)
	assert.Len(t, ch.Removed, fixtureDays-2)
	assert.Equal(t, 1, ch.Unchanged)
	assert.Empty(t, ch.Moves, "01-01 stays a holiday")
	assert.Equal(t, CalendarDay{}, storedDay(t, s, "2027-10-01"))
	assert.Equal(t, CalendarDay{"2026-10-01", DayHoliday, "国庆节"}, storedDay(t, s, "2026-10-01"), "other years stay")

	// Days given directly are checked too.
	_, err = s.ImportCalendarDays(ctx, clerk, []CalendarDay{{Day: "2027-01-05", Kind: DayWorkday}})
	assert.Equal(t, "[0].kind", invalidOf(t, err).Field)
	_, err = s.ImportCalendarDays(ctx, clerk, nil)
	assert.Error(t, err)
}

func TestCalendarCoverage(t *testing.T) {
	ctx := context.Background()
	clk := fakeclock.New(fixedNow)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "bianmin.db"), WithClock(clk.Now), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	require.NoError(t, s.PutCalendarDays(ctx, OfficialCalendarDays())) // 2025, 2026
	tests := map[string]struct {
		now  time.Time
		want string
	}{
		"OKSeptember":         {date(2026, 9, 30), ""},
		"NextYearInOctober":   {date(2026, 10, 1), "2027年节假日安排尚未导入，截止日期按普通周末计算。"},
		"NextYearDecember":    {time.Date(2026, 12, 31, 23, 59, 0, 0, China), "2027年节假日安排尚未导入，截止日期按普通周末计算。"},
		"OKEarlier":           {date(2025, 11, 1), ""},
		"ThisYearMissing":     {date(2027, 3, 1), "2027年节假日安排尚未导入，截止日期按普通周末计算。"},
		"BothMissing":         {date(2027, 11, 1), "2027年、2028年节假日安排尚未导入，截止日期按普通周末计算。"},
		"ChinaNewYearAlready": {time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC), "2027年节假日安排尚未导入，截止日期按普通周末计算。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			clk.Set(tc.now)
			c, err := s.CalendarCoverage(ctx)
			require.NoError(t, err)
			assert.Equal(t, tc.want, c.Warning())
		})
	}
	clk.Set(date(2026, 10, 1))
	c, err := s.CalendarCoverage(ctx)
	require.NoError(t, err)
	assert.Equal(t, CalendarCoverage{Years: []int{2025, 2026}, Year: 2026, MissingNextYear: true}, c)
	assert.Equal(t, []int{2027}, c.Missing())
}

// TestRequestDueDayCountsWorkingDaysOutsidePauses: the due day is the
// promised number of working days from the clock start, not counting the
// days of a pause; unknown while a pause is open. A new holiday on the way
// moves it.
func TestRequestDueDayCountsWorkingDaysOutsidePauses(t *testing.T) {
	plain, err := CalendarFromDays(nil)
	require.NoError(t, err)
	holiday, err := CalendarFromDays([]CalendarDay{{Day: "2026-12-02", Kind: "holiday", Name: "假日"}})
	require.NoError(t, err)
	day := func(d string) time.Time { t, _ := ParseDay(d); return t }
	start := day("2026-11-30") // a Monday
	tests := map[string]struct {
		cal    *Calendar
		days   int
		pauses []Pause
		want   string
	}{
		"FiveWorkingDays":       {cal: plain, days: 5, want: "2026-12-07"},
		"OverAHoliday":          {cal: holiday, days: 5, want: "2026-12-08"},
		"ZeroDaysIsTheStartDay": {cal: plain, days: 0, want: "2026-11-30"},
		"AClosedPause":          {cal: plain, days: 5, pauses: []Pause{{From: day("2026-12-01"), To: day("2026-12-03")}}, want: "2026-12-09"},
		"AnOpenPauseIsUnknown":  {cal: plain, days: 5, pauses: []Pause{{From: day("2026-12-01")}}, want: ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, RequestDueDay(tc.cal, start, tc.days, tc.pauses))
		})
	}
}

// TestCalendarChangeMovesAComplaintsReplyDate: the working days a complaint
// was given are counted again on the new calendar.
func TestCalendarChangeMovesAComplaintsReplyDate(t *testing.T) {
	plain, err := CalendarFromDays(nil)
	require.NoError(t, err)
	holiday, err := CalendarFromDays([]CalendarDay{{Day: "2026-12-02", Kind: "holiday", Name: "假日"}})
	require.NoError(t, err)
	filed := time.Date(2026, 11, 30, 10, 0, 0, 0, China)
	due := plain.AddWorkdays(filed, 5)
	was, will := ComplaintDueMoveRule(plain, holiday, filed, due)
	assert.Equal(t, "2026-12-07", was)
	assert.Equal(t, "2026-12-08", will, "a new holiday on the way moves it a day later")
	was, will = ComplaintDueMoveRule(holiday, plain, filed, holiday.AddWorkdays(filed, 5))
	assert.Equal(t, "2026-12-08", was)
	assert.Equal(t, "2026-12-07", will, "a holiday removed moves it back")
	was, will = ComplaintDueMoveRule(plain, plain, filed, due)
	assert.Equal(t, was, will)
}
