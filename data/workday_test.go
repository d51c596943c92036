package data

import (
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// date is midnight China time.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, China) }

func officialCalendar(t testing.TB) *Calendar {
	t.Helper()
	c, err := CalendarFromDays(OfficialCalendarDays())
	require.NoError(t, err)
	return c
}

func TestIsWorkday(t *testing.T) {
	c := officialCalendar(t)
	tests := map[string]struct {
		day  time.Time
		want bool
	}{
		"Thursday":             {date(2026, 11, 26), true},
		"Saturday":             {date(2026, 11, 28), false},
		"Sunday":               {date(2026, 11, 29), false},
		"NationalDayThursday":  {date(2026, 10, 1), false},
		"NationalDayWednesday": {date(2026, 10, 7), false},
		"SwappedSaturday":      {date(2026, 10, 10), true},
		"SwappedSunday":        {date(2026, 9, 20), true},
		"SwappedNewYear":       {date(2026, 1, 4), true},
		"SpringFestivalMon":    {date(2026, 2, 23), false},
		"MidAutumnFriday":      {date(2026, 9, 25), false},
		"NationalDay2025Wed":   {date(2025, 10, 8), false},
		"Swapped2025Sat":       {date(2025, 10, 11), true},
		"UTCTimeIsChinaDay":    {time.Date(2026, 9, 30, 16, 30, 0, 0, time.UTC), false}, // 10-01 00:30 CST
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, c.IsWorkday(tc.day))
		})
	}
}

func TestAddWorkdays(t *testing.T) {
	c := officialCalendar(t)
	tests := map[string]struct {
		start time.Time
		n     int
		want  time.Time
	}{
		"DirectSameDay":          {date(2026, 11, 26), 0, date(2026, 11, 26)},
		"DirectOnSaturday":       {date(2026, 11, 28), 0, date(2026, 11, 28)},
		"NegativeIsSameDay":      {date(2026, 11, 26), -3, date(2026, 11, 26)},
		"NextDay":                {date(2026, 11, 23), 1, date(2026, 11, 24)},
		"PlainWeekdays":          {date(2026, 11, 23), 3, date(2026, 11, 26)},
		"FridayPlusOne":          {date(2026, 11, 27), 1, date(2026, 11, 30)},
		"OverWeekend":            {date(2026, 11, 26), 3, date(2026, 12, 1)},
		"AcceptedOnSaturday":     {date(2026, 11, 28), 1, date(2026, 11, 30)},
		"AcceptedOnSunday":       {date(2026, 11, 29), 1, date(2026, 11, 30)},
		"TwoWeeks":               {date(2026, 11, 2), 10, date(2026, 11, 16)},
		"LateEveningChinaTime":   {time.Date(2026, 11, 26, 16, 30, 0, 0, time.UTC), 1, date(2026, 11, 30)}, // Fri 00:30 CST
		"OverNationalDay2026":    {date(2026, 9, 30), 1, date(2026, 10, 8)},
		"SwappedSaturdayCounts":  {date(2026, 9, 30), 3, date(2026, 10, 10)},
		"SwappedSundayCounts":    {date(2026, 9, 18), 1, date(2026, 9, 20)},
		"OverMidAutumn":          {date(2026, 9, 24), 1, date(2026, 9, 28)},
		"OverNationalDay2025":    {date(2025, 9, 30), 1, date(2025, 10, 9)},
		"NationalDay2025Span":    {date(2025, 9, 26), 2, date(2025, 9, 29)}, // Sun 9-28 is day 1
		"AfterNationalDay2025":   {date(2025, 10, 9), 2, date(2025, 10, 11)},
		"AcceptedInHoliday":      {date(2026, 10, 3), 1, date(2026, 10, 8)},
		"SpringFestivalSwap":     {date(2026, 2, 13), 1, date(2026, 2, 14)},
		"OverSpringFestival":     {date(2026, 2, 14), 1, date(2026, 2, 24)},
		"SpringFestivalSwapBack": {date(2026, 2, 26), 2, date(2026, 2, 28)},
		"OverLabourDay":          {date(2026, 4, 30), 1, date(2026, 5, 6)},
		"LabourDaySwap":          {date(2026, 4, 30), 4, date(2026, 5, 9)},
		"YearBoundary":           {date(2025, 12, 31), 1, date(2026, 1, 4)},
		"YearBoundaryTwo":        {date(2025, 12, 31), 2, date(2026, 1, 5)},
		"YearBoundaryThree":      {date(2025, 12, 30), 3, date(2026, 1, 5)},
		"YearEnd2026":            {date(2026, 12, 30), 3, date(2027, 1, 4)}, // no 2027 data: plain weeks
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := c.AddWorkdays(tc.start, tc.n)
			assert.Equal(t, Day(tc.want), Day(got))
			assert.Equal(t, tc.want, got, "midnight China time")
		})
	}
}

func TestPlainCalendar(t *testing.T) {
	var nilCal *Calendar
	assert.Equal(t, Day(date(2026, 10, 2)), Day(nilCal.AddWorkdays(date(2026, 10, 1), 1)), "nil: Monday–Friday only")
	assert.True(t, nilCal.IsWorkday(date(2026, 10, 1)))
	var zero Calendar
	assert.Equal(t, Day(date(2026, 11, 30)), Day(zero.AddWorkdays(date(2026, 11, 27), 1)))
	assert.Equal(t, 5, zero.WorkdaysBetween(date(2026, 11, 22), date(2026, 11, 29)))
}

func TestWorkdaysBetween(t *testing.T) {
	c := officialCalendar(t)
	tests := map[string]struct {
		a, b time.Time
		want int
	}{
		"SameDay":          {date(2026, 11, 26), date(2026, 11, 26), 0},
		"SameDayOtherHour": {time.Date(2026, 11, 26, 8, 0, 0, 0, China), time.Date(2026, 11, 26, 23, 0, 0, 0, China), 0},
		"Tomorrow":         {date(2026, 11, 26), date(2026, 11, 27), 1},
		"OverWeekend":      {date(2026, 11, 26), date(2026, 11, 30), 2},
		"Backwards":        {date(2026, 11, 30), date(2026, 11, 26), -2},
		"SaturdayToSunday": {date(2026, 11, 28), date(2026, 11, 29), 0},
		"OverNationalDay":  {date(2026, 9, 30), date(2026, 10, 8), 1},
		"YearBoundary":     {date(2025, 12, 31), date(2026, 1, 5), 2},
		"Year2025":         {date(2024, 12, 31), date(2025, 12, 31), 248},
		"Year2026":         {date(2025, 12, 31), date(2026, 12, 31), 248},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, c.WorkdaysBetween(tc.a, tc.b))
		})
	}
}

// TestAddWorkdaysInverse: for every start day over 13 months and every n up to
// 25, WorkdaysBetween undoes AddWorkdays and the due date is a working day.
func TestAddWorkdaysInverse(t *testing.T) {
	c := officialCalendar(t)
	for s := date(2025, 12, 1); s.Before(date(2027, 1, 1)); s = s.AddDate(0, 0, 1) {
		for n := 0; n <= 25; n++ {
			due := c.AddWorkdays(s, n)
			require.Equal(t, n, c.WorkdaysBetween(s, due), "start %s n %d", Day(s), n)
			if n > 0 {
				require.True(t, c.IsWorkday(due), "due %s", Day(due))
				require.Equal(t, n-1, c.WorkdaysBetween(s, due.AddDate(0, 0, -1)), "due is the first day reaching n")
			}
		}
	}
}

func TestDueDateWithPauses(t *testing.T) {
	c := officialCalendar(t)
	tests := map[string]struct {
		start  time.Time
		n      int
		pauses []Pause
		want   time.Time // zero: not known (open pause reached)
	}{
		"NoPause":  {date(2026, 11, 2), 5, nil, date(2026, 11, 9)},
		"MidWeek":  {date(2026, 11, 2), 5, []Pause{{date(2026, 11, 4), date(2026, 11, 9)}}, date(2026, 11, 12)},
		"OneDay":   {date(2026, 11, 2), 5, []Pause{{date(2026, 11, 4), date(2026, 11, 5)}}, date(2026, 11, 10)},
		"Weekend":  {date(2026, 11, 2), 5, []Pause{{date(2026, 11, 7), date(2026, 11, 9)}}, date(2026, 11, 9)},
		"Empty":    {date(2026, 11, 2), 5, []Pause{{date(2026, 11, 4), date(2026, 11, 4)}}, date(2026, 11, 9)},
		"Backward": {date(2026, 11, 2), 5, []Pause{{date(2026, 11, 6), date(2026, 11, 4)}}, date(2026, 11, 9)},
		"BeforeStart": {date(2026, 11, 2), 5,
			[]Pause{{date(2026, 10, 20), date(2026, 10, 30)}}, date(2026, 11, 9)},
		"CoversStart": {date(2026, 11, 2), 1,
			[]Pause{{date(2026, 10, 30), date(2026, 11, 4)}}, date(2026, 11, 4)},
		"AfterDue": {date(2026, 11, 2), 2,
			[]Pause{{date(2026, 11, 10), date(2026, 11, 20)}}, date(2026, 11, 4)},
		"Overlapping": {date(2026, 11, 2), 5,
			[]Pause{{date(2026, 11, 5), date(2026, 11, 9)}, {date(2026, 11, 4), date(2026, 11, 6)}}, date(2026, 11, 12)},
		"Touching": {date(2026, 11, 2), 5,
			[]Pause{{date(2026, 11, 4), date(2026, 11, 6)}, {date(2026, 11, 6), date(2026, 11, 9)}}, date(2026, 11, 12)},
		"TwoPauses": {date(2026, 11, 2), 5,
			[]Pause{{date(2026, 11, 3), date(2026, 11, 4)}, {date(2026, 11, 5), date(2026, 11, 6)}}, date(2026, 11, 11)},
		"OverHoliday": {date(2026, 9, 28), 3,
			[]Pause{{date(2026, 9, 29), date(2026, 9, 30)}}, date(2026, 10, 9)},
		"ResumeOnSwappedSaturday": {date(2026, 9, 28), 3,
			[]Pause{{date(2026, 9, 29), date(2026, 10, 10)}}, date(2026, 10, 13)},
		"TimesWithinDays": {time.Date(2026, 11, 2, 15, 0, 0, 0, China), 5,
			[]Pause{{time.Date(2026, 11, 4, 9, 0, 0, 0, China), time.Date(2026, 11, 9, 17, 0, 0, 0, China)}}, date(2026, 11, 12)},
		"DirectIgnoresPause": {date(2026, 11, 2), 0,
			[]Pause{{date(2026, 11, 1), time.Time{}}}, date(2026, 11, 2)},
		"OpenPauseReached": {date(2026, 11, 2), 5,
			[]Pause{{date(2026, 11, 4), time.Time{}}}, time.Time{}},
		"OpenPauseAfterDue": {date(2026, 11, 2), 2,
			[]Pause{{date(2026, 11, 10), time.Time{}}}, date(2026, 11, 4)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := c.DueDate(tc.start, tc.n, tc.pauses)
			if tc.want.IsZero() {
				assert.False(t, ok)
				assert.True(t, got.IsZero())
				return
			}
			require.True(t, ok)
			assert.Equal(t, Day(tc.want), Day(got))
		})
	}
}

// TestSupplementRestart: 补正 restarts the full limit from the day the
// materials are complete (the store moves the clock's start there).
func TestSupplementRestart(t *testing.T) {
	c := officialCalendar(t)
	received := date(2026, 11, 2)
	assert.Equal(t, Day(date(2026, 11, 9)), Day(c.SupplementNoticeDeadline(received)))
	complete := date(2026, 11, 10)
	assert.Equal(t, Day(date(2026, 11, 17)), Day(c.AddWorkdays(complete, 5)))
	// Over 国庆: received Monday 9-28, the notice is due on the swapped Saturday.
	assert.Equal(t, Day(date(2026, 10, 10)), Day(c.SupplementNoticeDeadline(date(2026, 9, 28))))
}

func TestWorkdaysLeft(t *testing.T) {
	c := officialCalendar(t)
	start := date(2026, 11, 2)
	closed := []Pause{{date(2026, 11, 4), date(2026, 11, 9)}}
	open := []Pause{{date(2026, 11, 4), time.Time{}}}
	tests := map[string]struct {
		pauses []Pause
		now    time.Time
		want   int
	}{
		"BeforeStart":     {nil, date(2026, 10, 30), 5},
		"OnStart":         {nil, time.Date(2026, 11, 2, 17, 0, 0, 0, China), 5},
		"AfterTwo":        {nil, date(2026, 11, 4), 3},
		"Weekend":         {nil, date(2026, 11, 8), 1},
		"DueDay":          {nil, date(2026, 11, 9), 0},
		"OverdueOne":      {nil, date(2026, 11, 10), -1},
		"ClosedPauseIn":   {closed, date(2026, 11, 6), 4},
		"ClosedPauseDone": {closed, date(2026, 11, 9), 3},
		"OpenPauseFrozen": {open, date(2026, 11, 30), 4},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, c.WorkdaysLeft(start, 5, tc.pauses, tc.now))
		})
	}
}

func TestDueState(t *testing.T) {
	c := officialCalendar(t)
	thu := time.Date(2026, 11, 26, 15, 0, 0, 0, China)
	tests := map[string]struct {
		now, due time.Time
		want     DueState
	}{
		"NoDueDate":          {thu, time.Time{}, DueNone},
		"OverdueYesterday":   {thu, date(2026, 11, 25), DueOverdue},
		"DueToday":           {thu, date(2026, 11, 26), DueSoon},
		"DueTomorrow":        {thu, date(2026, 11, 27), DueSoon},
		"TwoLeft":            {thu, date(2026, 11, 30), DueOK},
		"FridayToMonday":     {time.Date(2026, 11, 27, 9, 0, 0, 0, China), date(2026, 11, 30), DueSoon},
		"FridayToTuesday":    {time.Date(2026, 11, 27, 9, 0, 0, 0, China), date(2026, 12, 1), DueOK},
		"OverNationalDay":    {date(2026, 9, 30), date(2026, 10, 8), DueSoon},
		"OverNationalDayTwo": {date(2026, 9, 30), date(2026, 10, 9), DueOK},
		"LateNightUTC":       {time.Date(2026, 11, 26, 16, 30, 0, 0, time.UTC), date(2026, 11, 26), DueOverdue}, // Fri 00:30 CST
		"FarAhead":           {thu, date(2027, 3, 1), DueOK},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, c.DueState(tc.now, tc.due))
		})
	}
}

// TestDueSoonBefore: the SQL form of due soon agrees with DueState.
func TestDueSoonBefore(t *testing.T) {
	c := officialCalendar(t)
	for now := date(2026, 9, 15); now.Before(date(2026, 10, 20)); now = now.AddDate(0, 0, 1) {
		before := c.DueSoonBefore(now)
		for due := now.AddDate(0, 0, -3); due.Before(now.AddDate(0, 0, 20)); due = due.AddDate(0, 0, 1) {
			inRange := Day(due) >= Day(now) && Day(due) < Day(before)
			require.Equal(t, inRange, c.DueState(now, due) == DueSoon, "now %s due %s", Day(now), Day(due))
		}
	}
}

func TestNewCalendar(t *testing.T) {
	c := NewCalendar(
		[]time.Time{date(2026, 10, 1), time.Date(2026, 10, 2, 18, 0, 0, 0, China), date(2026, 10, 10)},
		[]time.Time{date(2026, 10, 10), date(2026, 9, 20)})
	assert.False(t, c.IsWorkday(date(2026, 10, 1)))
	assert.False(t, c.IsWorkday(date(2026, 10, 2)))
	assert.True(t, c.IsWorkday(date(2026, 10, 10)), "a date in both lists is a working day")
	assert.True(t, c.IsWorkday(date(2026, 9, 20)))
	assert.True(t, c.IsWorkday(date(2026, 10, 5)), "not listed: an ordinary Monday")
}

func TestCalendarFromDaysRefuses(t *testing.T) {
	tests := map[string]struct {
		days  []CalendarDay
		field string
		msg   string
	}{
		"ErrBadDate": {[]CalendarDay{{Day: "2026-10-01", Kind: "holiday"}, {Day: "2026-02-30", Kind: "holiday"}},
			"[1].day", "日期应写成 2026-10-01 这样的格式。"},
		"ErrKind": {[]CalendarDay{{Day: "2026-10-01", Kind: "off"}},
			"[0].kind", "日期类型应为 holiday（放假）或 workday（调休上班）。"},
		"ErrBoth": {[]CalendarDay{{Day: "2026-10-10", Kind: "workday"}, {Day: "2026-10-10", Kind: "holiday"}},
			"[1].day", "2026-10-10 不能既是放假日又是调休上班日，请核对。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := CalendarFromDays(tc.days)
			assert.Nil(t, c)
			var ie *InvalidError
			require.True(t, errors.As(err, &ie), "got %v", err)
			assert.Equal(t, tc.field, ie.Field)
			assert.Equal(t, tc.msg, ie.Msg)
		})
	}
}

// TestOfficialCalendarDays checks the shipped schedules against the notices:
// 13 statutory days off a year since 2025 (weekday holidays minus swapped
// working days), every swapped working day on a weekend, dates unique and in
// order.
func TestOfficialCalendarDays(t *testing.T) {
	days := OfficialCalendarDays()
	require.NotEmpty(t, days)
	assert.True(t, sort.SliceIsSorted(days, func(i, j int) bool { return days[i].Day < days[j].Day }), "in date order")
	seen := map[string]bool{}
	weekdayOff := map[int]int{}
	swapped := map[int]int{}
	for _, d := range days {
		require.NoError(t, d.Validate(), d.Day)
		require.False(t, seen[d.Day], "duplicate %s", d.Day)
		seen[d.Day] = true
		require.NotEmpty(t, d.Name)
		day, err := ParseDay(d.Day)
		require.NoError(t, err)
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		switch d.Kind {
		case "workday":
			assert.True(t, weekend, "swapped working day %s is on a weekend", d.Day)
			swapped[day.Year()]++
		case "holiday":
			if !weekend {
				weekdayOff[day.Year()]++
			}
		}
	}
	assert.Equal(t, map[int]int{2025: 18, 2026: 19}, weekdayOff)
	assert.Equal(t, map[int]int{2025: 5, 2026: 6}, swapped)
	for _, y := range []int{2025, 2026} {
		assert.Equal(t, 13, weekdayOff[y]-swapped[y], "statutory days off in %d", y)
	}
	days[0].Name = "changed"
	assert.NotEqual(t, "changed", OfficialCalendarDays()[0].Name, "a fresh slice each call")
}
