package data

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// entry is a duty board entry for the rule tests.
func entry(id int64, window int64, ab, name string, st DutyStatus) DutyEntry {
	return DutyEntry{StaffID: id, WindowID: window, AB: ab, Name: name, Status: st, Label: st.Label(),
		OnDuty: st == DutyOnDuty}
}

// TestDutyRoutesToBWhenAIsAway: the A post serves its window while on duty;
// when A is away, signed out, not signed in or not set, the B post covers
// if on duty; otherwise nobody does, and the reason says why.
func TestDutyRoutesToBWhenAIsAway(t *testing.T) {
	tests := map[string]struct {
		a, b     *DutyEntry
		want     string // "A", "B" or "" for nobody
		covering bool
		reason   string
	}{
		"AOnDuty":           {a: ptr(entry(1, 1, "A", "王芳", DutyOnDuty)), b: ptr(entry(2, 1, "B", "李强", DutyOnDuty)), want: "A", reason: "A岗王芳在岗"},
		"AOnDutyBAway":      {a: ptr(entry(1, 1, "A", "王芳", DutyOnDuty)), b: ptr(entry(2, 1, "B", "李强", DutyLeave)), want: "A", reason: "A岗王芳在岗"},
		"AOutBCovers":       {a: ptr(entry(1, 1, "A", "王芳", DutyOut)), b: ptr(entry(2, 1, "B", "李强", DutyOnDuty)), want: "B", covering: true, reason: "A岗王芳外出办事，由B岗李强顶岗"},
		"AOnLeaveBCovers":   {a: ptr(entry(1, 1, "A", "王芳", DutyLeave)), b: ptr(entry(2, 1, "B", "李强", DutyOnDuty)), want: "B", covering: true, reason: "A岗王芳请假，由B岗李强顶岗"},
		"ASignedOutBCovers": {a: ptr(entry(1, 1, "A", "王芳", DutySignedOut)), b: ptr(entry(2, 1, "B", "李强", DutyOnDuty)), want: "B", covering: true, reason: "A岗王芳已签退，由B岗李强顶岗"},
		"ANotSetBServes":    {b: ptr(entry(2, 1, "B", "李强", DutyOnDuty)), want: "B", covering: true, reason: "未设A岗，由B岗李强在岗"},
		"BothAway":          {a: ptr(entry(1, 1, "A", "王芳", DutyVillage)), b: ptr(entry(2, 1, "B", "李强", DutyAbsent)), reason: "A岗王芳下村入户，B岗李强未签到，暂无人员在岗"},
		"AAwayBNotSet":      {a: ptr(entry(1, 1, "A", "王芳", DutyOut)), reason: "A岗王芳外出办事，未设B岗，暂无人员在岗"},
		"ANotSetBAway":      {b: ptr(entry(2, 1, "B", "李强", DutyLeave)), reason: "未设A岗，B岗李强请假，暂无人员在岗"},
		"NoPosts":           {reason: "本窗口未设置A、B岗人员"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, covering, reason := ABPostRule(tc.a, tc.b)
			switch tc.want {
			case "A":
				assert.Same(t, tc.a, got)
			case "B":
				assert.Same(t, tc.b, got)
			default:
				assert.Nil(t, got)
			}
			assert.Equal(t, tc.covering, covering)
			assert.Equal(t, tc.reason, reason)
		})
	}
}

// TestHandOverToAWindowAlwaysFindsAnOwner: a request handed to a window goes
// to whoever is on duty there (A before B); when that is the request's own
// owner, or nobody is on duty, to another staff member of the window, those
// present first, then A before B, so that it never goes without an owner.
func TestHandOverToAWindowAlwaysFindsAnOwner(t *testing.T) {
	const owner = 9
	tests := map[string]struct {
		staff []DutyEntry // the window's staff, in board order
		want  int64
		note  string // "" when by duty; "duty" for 在岗人员即当前负责人; "nobody" for 窗口当前无人在岗
	}{
		"AOnDuty": {staff: []DutyEntry{entry(1, 1, "A", "王芳", DutyOnDuty), entry(2, 1, "B", "李强", DutyOnDuty)}, want: 1},
		"BCoversForA": {staff: []DutyEntry{entry(1, 1, "A", "王芳", DutyOut), entry(2, 1, "B", "李强", DutyOnDuty)},
			want: 2},
		"OnDutyIsTheOwnerSoTheOtherPost": {staff: []DutyEntry{entry(owner, 1, "A", "王芳", DutyOnDuty),
			entry(2, 1, "B", "李强", DutyAbsent)}, want: 2, note: "duty"},
		"NobodyOnDutyAThenB": {staff: []DutyEntry{entry(3, 1, "", "赵六", DutyAbsent), entry(2, 1, "B", "李强", DutyAbsent),
			entry(1, 1, "A", "王芳", DutyAbsent)}, want: 1, note: "nobody"},
		"NobodyOnDutyPresentBeforeAway": {staff: []DutyEntry{entry(1, 1, "A", "王芳", DutyLeave),
			entry(2, 1, "B", "李强", DutyVillage), entry(3, 1, "", "赵六", DutySignedOut)}, want: 3, note: "nobody"},
		"AllAwayStillSomeone": {staff: []DutyEntry{entry(1, 1, "A", "王芳", DutyLeave), entry(2, 1, "B", "李强", DutyOut)},
			want: 1, note: "nobody"},
		"BoardOrderBreaksTies": {staff: []DutyEntry{entry(5, 1, "", "孙八", DutyAbsent), entry(4, 1, "", "周九", DutyAbsent)},
			want: 5, note: "nobody"},
		"OtherWindowsDoNotCount": {staff: []DutyEntry{entry(owner, 1, "A", "王芳", DutyOnDuty),
			entry(2, 2, "A", "李强", DutyOnDuty)}},
		"OnlyTheOwner": {staff: []DutyEntry{entry(owner, 1, "A", "王芳", DutyOnDuty)}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			w := WindowDuty{WindowID: 1}
			for i := range tc.staff {
				e := &tc.staff[i]
				if e.WindowID != 1 {
					continue
				}
				if e.AB == "A" {
					w.A = e
				}
				if e.AB == "B" {
					w.B = e
				}
			}
			w.OnDuty, w.Covering, w.Reason = ABPostRule(w.A, w.B)
			to, note, err := WindowReceiverRule(w, tc.staff, owner)
			if tc.want == 0 {
				assert.Equal(t, "to", invalidOf(t, err).Field)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, to)
			switch tc.note {
			case "":
				assert.Empty(t, note)
			case "duty":
				assert.Equal(t, "在岗人员即当前负责人", note)
			case "nobody":
				assert.Equal(t, "窗口当前无人在岗："+w.Reason, note)
			}
		})
	}
}

// TestStaffListedAThenBByWindow: within each window, the A post, then the
// B post, then the others in their own order; windows keep their order.
func TestStaffListedAThenBByWindow(t *testing.T) {
	staff := []DutyEntry{entry(1, 1, "", "甲", DutyAbsent), entry(2, 1, "B", "乙", DutyAbsent),
		entry(3, 1, "A", "丙", DutyAbsent), entry(4, 1, "", "丁", DutyAbsent), entry(5, 2, "B", "戊", DutyAbsent),
		entry(6, 2, "A", "己", DutyAbsent), entry(7, 0, "", "庚", DutyAbsent)}
	sortByPost(staff, func(e DutyEntry) int64 { return e.WindowID }, func(e DutyEntry) string { return e.AB })
	var ids []int64
	for _, e := range staff {
		ids = append(ids, e.StaffID)
	}
	assert.Equal(t, []int64{3, 2, 1, 4, 6, 5, 7}, ids)
}

func ptr[T any](v T) *T { return &v }

// TestAttendanceCountsLeaveApartFromAbsence: a working day not signed in is
// leave when a 请假 covers it (set that day, or expected back only on a
// later day), else absence; weekends and holidays do not count, and a
// working weekend day (调休) does.
func TestAttendanceCountsLeaveApartFromAbsence(t *testing.T) {
	// Monday 30 November to Sunday 6 December 2026; Wednesday 2 December is
	// a holiday, Saturday 5 December a working day.
	cal, err := CalendarFromDays([]CalendarDay{{Day: "2026-12-02", Kind: "holiday", Name: "假日"},
		{Day: "2026-12-05", Kind: "workday", Name: "调休"}})
	require.NoError(t, err)
	first, last := dayNum(at("2026-11-30", "00:00")), dayNum(at("2026-12-06", "00:00"))
	day := func(d string) int { return dayNum(at(d, "00:00")) }
	leave := func(set, back string) whereRow {
		w := whereRow{Status: DutyLeave, At: at(set[:10], set[11:])}
		if back != "" {
			w.Return = at(back[:10], back[11:])
		}
		return w
	}
	tests := map[string]struct {
		signed        []string
		ws            []whereRow
		leave, absent int
	}{
		"EveryDaySignedIn": {signed: []string{"2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04", "2026-12-05"}},
		"NeverSignedIn":    {absent: 5},
		"LeaveSetThatDay":  {signed: []string{"2026-11-30", "2026-12-03", "2026-12-04", "2026-12-05"}, ws: []whereRow{leave("2026-12-01 08:00", "")}, leave: 1},
		"LeaveOverSeveralDays": {signed: []string{"2026-11-30", "2026-12-05"},
			ws: []whereRow{leave("2026-11-30 17:00", "2026-12-05 08:30")}, leave: 3},
		"BackInTheMorningButNeverCame": {signed: []string{"2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04"},
			ws: []whereRow{leave("2026-12-04 17:00", "2026-12-05 08:30")}, absent: 1},
		"OutIsNotLeave": {signed: []string{"2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04"},
			ws: []whereRow{{Status: DutyOut, At: at("2026-12-05", "08:00")}}, absent: 1},
		"BackOnDutyEndsTheLeave": {signed: []string{"2026-11-30", "2026-12-05"},
			ws:    []whereRow{leave("2026-11-30 17:00", "2026-12-10 08:30"), {Status: DutyOnDuty, At: at("2026-12-03", "18:00")}},
			leave: 1, absent: 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			signed := map[int]bool{}
			for _, d := range tc.signed {
				signed[day(d)] = true
			}
			workdays, leave, absent := AttendanceRule(cal, first, last, signed, tc.ws)
			assert.Equal(t, 5, workdays)
			assert.Equal(t, tc.leave, leave, "leave")
			assert.Equal(t, tc.absent, absent, "absent")
		})
	}
}

// TestOnDutyOnlyWhenSignedIn: 在岗 needs today's sign-in, and no sign-out.
func TestOnDutyOnlyWhenSignedIn(t *testing.T) {
	in, out := at("2026-11-26", "08:30"), at("2026-11-26", "17:30")
	assert.NoError(t, OnDutyNeedsSignInRule(Attendance{SignIn: in}))
	assert.Contains(t, Message(OnDutyNeedsSignInRule(Attendance{})), "请先签到")
	assert.Contains(t, Message(OnDutyNeedsSignInRule(Attendance{SignIn: in, SignOut: out})), "已经签退")
}

// TestExpectedReturnAheadWithinAYear: an expected return is not in the past
// (to the minute) and at most MaxReturnAhead ahead.
func TestExpectedReturnAheadWithinAYear(t *testing.T) {
	now := at("2026-11-26", "10:00").Add(30 * time.Second)
	tests := map[string]struct {
		ret time.Time
		ok  bool
	}{
		"NotGiven":      {ok: true},
		"ThisMinute":    {ret: at("2026-11-26", "10:00"), ok: true},
		"InAnHour":      {ret: now.Add(time.Hour), ok: true},
		"AYearAhead":    {ret: now.Add(MaxReturnAhead), ok: true},
		"AMinuteAgo":    {ret: at("2026-11-26", "09:59")},
		"MoreThanAYear": {ret: now.Add(MaxReturnAhead + time.Minute)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := ExpectedReturnRule(now, tc.ret)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, "expected_return", invalidOf(t, err).Field)
		})
	}
}
