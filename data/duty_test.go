package data

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storeWithNow is the test catalog in a store whose clock the test moves: set
// *now. It starts at fixedNow (Thursday 26 November 2026, 09:30).
func storeWithNow(t *testing.T) (*Store, *time.Time) {
	t.Helper()
	now := fixedNow
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "bianmin.db"),
		WithClock(func() time.Time { return now }), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	return s, &now
}

// sessionOf is a session for the staff member with code.
func sessionOf(t *testing.T, s *Store, code string) Session {
	t.Helper()
	var sess Session
	var role string
	require.NoError(t, s.db.QueryRow(`SELECT id, code, name, role FROM staff WHERE code = ?`, code).
		Scan(&sess.StaffID, &sess.Code, &sess.Name, &role))
	sess.Role = Role(role)
	return sess
}

// fieldOf is the field of the *InvalidError err, which has a message.
func fieldOf(t *testing.T, err error) string {
	t.Helper()
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.NotEmpty(t, ie.Msg)
	return ie.Field
}

func at(day, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, China)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDutyBoardRoutesByABPost(t *testing.T) {
	// Test catalog: window 1 has A 王芳 (s1, admin) and B 李强 (s2).
	tests := map[string]struct {
		setup     func(t *testing.T, s *Store, now *time.Time, a, b Session)
		want      string // "A", "B" or "" for nobody
		covering  bool
		reason    string
		boardA    DutyStatus
		boardB    DutyStatus
		boardNote string // A's note on the board
	}{
		"ASignedIn": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				_, err := s.SignIn(ctx0, a)
				require.NoError(t, err)
				_, err = s.SignIn(ctx0, b)
				require.NoError(t, err)
			},
			want: "A", reason: "A岗王芳在岗", boardA: DutyOnDuty, boardB: DutyOnDuty,
		},
		"ANotSignedIn": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				_, err := s.SignIn(ctx0, b)
				require.NoError(t, err)
			},
			want: "B", covering: true, reason: "A岗王芳未签到，由B岗李强顶岗", boardA: DutyAbsent, boardB: DutyOnDuty,
		},
		"AOut": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				_, err := s.SignIn(ctx0, a)
				require.NoError(t, err)
				_, err = s.SignIn(ctx0, b)
				require.NoError(t, err)
				require.NoError(t, s.SetWhereabouts(ctx0, a, DutyOut, "到街道办送材料", now.Add(2*time.Hour)))
			},
			want: "B", covering: true, reason: "A岗王芳外出办事，由B岗李强顶岗", boardA: DutyOut, boardB: DutyOnDuty,
			boardNote: "到街道办送材料",
		},
		"AOnLeaveSetYesterday": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				today := *now
				*now = at("2026-11-25", "16:00")
				require.NoError(t, s.SetWhereabouts(ctx0, a, DutyLeave, "家中有事", at("2026-11-27", "08:30")))
				*now = today
				_, err := s.SignIn(ctx0, b)
				require.NoError(t, err)
			},
			want: "B", covering: true, reason: "A岗王芳请假，由B岗李强顶岗", boardA: DutyLeave, boardB: DutyOnDuty,
		},
		"ASignedOut": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				_, err := s.SignIn(ctx0, a)
				require.NoError(t, err)
				_, err = s.SignIn(ctx0, b)
				require.NoError(t, err)
				_, err = s.SignOut(ctx0, a)
				require.NoError(t, err)
			},
			want: "B", covering: true, reason: "A岗王芳已签退，由B岗李强顶岗", boardA: DutySignedOut, boardB: DutyOnDuty,
		},
		"ABackFromOut": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				_, err := s.SignIn(ctx0, a)
				require.NoError(t, err)
				require.NoError(t, s.SetWhereabouts(ctx0, a, DutyVillage, "三组", time.Time{}))
				*now = now.Add(time.Hour)
				require.NoError(t, s.SetWhereabouts(ctx0, a, DutyOnDuty, "", time.Time{}))
			},
			want: "A", reason: "A岗王芳在岗", boardA: DutyOnDuty, boardB: DutyAbsent,
		},
		"BothAbsent": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {},
			want:  "", reason: "A岗王芳未签到，B岗李强未签到，暂无人员在岗", boardA: DutyAbsent, boardB: DutyAbsent,
		},
		"AOutBOnLeave": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				_, err := s.SignIn(ctx0, a)
				require.NoError(t, err)
				require.NoError(t, s.SetWhereabouts(ctx0, a, DutyVillage, "入户核查", time.Time{}))
				require.NoError(t, s.SetWhereabouts(ctx0, b, DutyLeave, "病假", time.Time{}))
			},
			want: "", reason: "A岗王芳下村入户，B岗李强请假，暂无人员在岗", boardA: DutyVillage, boardB: DutyLeave,
			boardNote: "入户核查",
		},
		"StaleOutFromYesterday": {
			setup: func(t *testing.T, s *Store, now *time.Time, a, b Session) {
				today := *now
				*now = at("2026-11-25", "15:00")
				_, err := s.SignIn(ctx0, a)
				require.NoError(t, err)
				require.NoError(t, s.SetWhereabouts(ctx0, a, DutyOut, "开会", time.Time{}))
				*now = today
			},
			want: "", reason: "A岗王芳未签到，B岗李强未签到，暂无人员在岗", boardA: DutyAbsent, boardB: DutyAbsent,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, now := storeWithNow(t)
			a, b := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
			tc.setup(t, s, now, a, b)
			w1 := windowID(t, s, "1")

			r, err := s.RouteWindow(ctx0, w1)
			require.NoError(t, err)
			switch tc.want {
			case "A":
				assert.Equal(t, a.StaffID, r.StaffID)
			case "B":
				assert.Equal(t, b.StaffID, r.StaffID)
			default:
				assert.Zero(t, r.StaffID, "nobody on duty")
			}
			assert.Equal(t, tc.want, r.AB)
			assert.Equal(t, tc.covering, r.Covering)
			assert.Equal(t, tc.reason, r.Reason)

			board, err := s.OnDuty(ctx0)
			require.NoError(t, err)
			require.Len(t, board.Staff, 2)
			byID := map[int64]DutyEntry{}
			for _, e := range board.Staff {
				byID[e.StaffID] = e
			}
			assert.Equal(t, tc.boardA, byID[a.StaffID].Status)
			assert.Equal(t, tc.boardA.Label(), byID[a.StaffID].Label)
			assert.Equal(t, tc.boardB, byID[b.StaffID].Status)
			assert.Equal(t, tc.boardNote, byID[a.StaffID].Note)
			assert.Empty(t, byID[b.StaffID].Note, "a leave's reason is never on the board")
			assert.Equal(t, "A", board.Staff[0].AB, "A before B")
			assert.Equal(t, "社会保障窗口", board.Staff[0].WindowName)

			require.Len(t, board.Windows, 2)
			assert.Equal(t, tc.reason, board.Windows[0].Reason)
			assert.Equal(t, "本窗口未设置A、B岗人员", board.Windows[1].Reason)
			assert.Nil(t, board.Windows[1].OnDuty)
		})
	}
}

var ctx0 = context.Background()

func TestRouteWindowUnknown(t *testing.T) {
	s, _ := storeWithNow(t)
	_, err := s.RouteWindow(ctx0, 999)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestSignInOut(t *testing.T) {
	s, now := storeWithNow(t)
	a := sessionOf(t, s, "s1")

	_, err := s.SignOut(ctx0, a)
	assert.Equal(t, "attendance", fieldOf(t, err), "signing out before signing in")

	got, err := s.SignIn(ctx0, a)
	require.NoError(t, err)
	assert.False(t, got.Already)
	assert.Equal(t, "2026-11-26", got.Day)
	assert.True(t, got.SignIn.Equal(*now))

	*now = now.Add(10 * time.Minute)
	again, err := s.SignIn(ctx0, a)
	require.NoError(t, err)
	assert.True(t, again.Already, "a second sign-in is a polite no-op")
	assert.True(t, again.SignIn.Equal(fixedNow), "the first time stays")
	assert.Equal(t, 1, count(t, s, "attendance"))
	assert.Equal(t, 1, auditCount(t, s, AuditSignIn))

	*now = at("2026-11-26", "17:30")
	out, err := s.SignOut(ctx0, a)
	require.NoError(t, err)
	assert.False(t, out.Already)
	out, err = s.SignOut(ctx0, a)
	require.NoError(t, err)
	assert.True(t, out.Already)
	assert.Equal(t, 1, auditCount(t, s, AuditSignOut))

	// Back after signing out: the day reopens.
	*now = at("2026-11-26", "18:10")
	back, err := s.SignIn(ctx0, a)
	require.NoError(t, err)
	assert.False(t, back.Already)
	assert.True(t, back.SignOut.IsZero())
	assert.True(t, back.SignIn.Equal(fixedNow))
	assert.Equal(t, 1, count(t, s, "attendance"))
	assert.Equal(t, 2, auditCount(t, s, AuditSignIn))
	today, err := s.TodayAttendance(ctx0, a.StaffID)
	require.NoError(t, err)
	assert.True(t, today.SignOut.IsZero())

	// The next day is a new row.
	*now = at("2026-11-27", "08:25")
	_, err = s.SignIn(ctx0, a)
	require.NoError(t, err)
	assert.Equal(t, 2, count(t, s, "attendance"))

	// An inactive staff member cannot sign in.
	_, err = s.db.Exec(`UPDATE staff SET active = 0 WHERE id = ?`, a.StaffID)
	require.NoError(t, err)
	_, err = s.SignIn(ctx0, a)
	assert.Equal(t, "session", fieldOf(t, err))
}

func TestSetWhereabouts(t *testing.T) {
	s, now := storeWithNow(t)
	admin, b := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	_, err := s.SignIn(ctx0, b)
	require.NoError(t, err)

	tests := map[string]struct {
		by     Session
		staff  int64
		status DutyStatus
		note   string
		ret    time.Time
		field  string
	}{
		"ErrStatus":         {by: b, staff: b.StaffID, status: "lunch", field: "status"},
		"ErrBoardOnly":      {by: b, staff: b.StaffID, status: DutyAbsent, field: "status"},
		"ErrReturnPast":     {by: b, staff: b.StaffID, status: DutyOut, ret: now.Add(-time.Hour), field: "expected_return"},
		"ErrReturnFar":      {by: b, staff: b.StaffID, status: DutyLeave, ret: now.AddDate(2, 0, 0), field: "expected_return"},
		"ErrNoteLong":       {by: b, staff: b.StaffID, status: DutyOut, note: strings.Repeat("远", 61), field: "note"},
		"ErrNoteNewline":    {by: b, staff: b.StaffID, status: DutyOut, note: "街道\n开会", field: "note"},
		"ErrOnDutyUnsigned": {by: admin, staff: admin.StaffID, status: DutyOnDuty, field: "status"},
		"ErrOtherNotAdmin":  {by: b, staff: admin.StaffID, status: DutyLeave, field: "staff"},
		"ErrUnknownStaff":   {by: admin, staff: 9999, status: DutyLeave, field: "staff"},
		"ErrNoSession":      {by: Session{}, staff: 0, status: DutyOut, field: "session"},
	}
	before := count(t, s, "whereabouts")
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := s.SetStaffWhereabouts(ctx0, tc.by, tc.staff, tc.status, tc.note, tc.ret)
			assert.Equal(t, tc.field, fieldOf(t, err))
		})
	}
	assert.Equal(t, before, count(t, s, "whereabouts"), "nothing stored")

	// An administrator records a colleague's leave; it shows without its
	// reason, with the return.
	ret := at("2026-11-30", "08:30")
	require.NoError(t, s.SetStaffWhereabouts(ctx0, admin, b.StaffID, DutyLeave, "看病", ret))
	board, err := s.OnDuty(ctx0)
	require.NoError(t, err)
	e := board.Staff[1]
	assert.Equal(t, DutyLeave, e.Status)
	assert.Equal(t, "请假", e.Label)
	assert.Empty(t, e.Note)
	assert.True(t, e.ExpectedReturn.Equal(ret))
	assert.False(t, e.OnDuty)
	page, err := s.Audit(ctx0, AuditFilter{Action: AuditWhereabouts})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Contains(t, page.Entries[0].Detail, "管理员代为登记")
	assert.Equal(t, admin.StaffID, page.Entries[0].StaffID)

	// Over the weekend the leave still holds; on Monday at 09:00 it is over.
	signedIn := *now
	*now = at("2026-11-28", "10:00")
	board, err = s.OnDuty(ctx0)
	require.NoError(t, err)
	assert.Equal(t, DutyLeave, board.Staff[1].Status)
	*now = at("2026-11-30", "09:00")
	board, err = s.OnDuty(ctx0)
	require.NoError(t, err)
	assert.Equal(t, DutyAbsent, board.Staff[1].Status)

	// Back in the past the board shows what was true then.
	*now = signedIn.Add(-time.Hour)
	board, err = s.OnDuty(ctx0)
	require.NoError(t, err)
	assert.Equal(t, DutyAbsent, board.Staff[1].Status, "before signing in")
}

func TestEffectiveDuty(t *testing.T) {
	now := at("2026-11-26", "10:00")
	in := at("2026-11-26", "08:30")
	tests := map[string]struct {
		a    Attendance
		w    whereRow
		want DutyStatus
	}{
		"Nothing":           {want: DutyAbsent},
		"SignedIn":          {a: Attendance{SignIn: in}, want: DutyOnDuty},
		"SignedInLater":     {a: Attendance{SignIn: now.Add(time.Hour)}, want: DutyAbsent},
		"SignedOut":         {a: Attendance{SignIn: in, SignOut: now.Add(-time.Minute)}, want: DutySignedOut},
		"OutToday":          {a: Attendance{SignIn: in}, w: whereRow{Status: DutyOut, At: in.Add(time.Hour)}, want: DutyOut},
		"LeaveNotSignedIn":  {w: whereRow{Status: DutyLeave, At: in}, want: DutyLeave},
		"OldLeaveRunning":   {w: whereRow{Status: DutyLeave, At: in.AddDate(0, 0, -3), Return: now.Add(time.Hour)}, want: DutyLeave},
		"OldLeaveOver":      {w: whereRow{Status: DutyLeave, At: in.AddDate(0, 0, -3), Return: now.Add(-time.Hour)}, want: DutyAbsent},
		"OldLeaveNoReturn":  {w: whereRow{Status: DutyLeave, At: in.AddDate(0, 0, -1)}, want: DutyAbsent},
		"OldOnDutyIgnored":  {w: whereRow{Status: DutyOnDuty, At: in.AddDate(0, 0, -1)}, want: DutyAbsent},
		"VillageThenSignIn": {a: Attendance{SignIn: in}, w: whereRow{Status: DutyOnDuty, At: in}, want: DutyOnDuty},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, _ := effectiveDuty(now, tc.a, tc.w)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestAttendanceReport(t *testing.T) {
	s, now := storeWithNow(t)
	a, b := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	signIn := func(who Session, day, hm string) {
		*now = at(day, hm)
		_, err := s.SignIn(ctx0, who)
		require.NoError(t, err)
	}
	// 王芳: Monday in; Tuesday in and out; on leave Wednesday until Friday
	// 08:30 (set Tuesday evening); Friday not signed in.
	signIn(a, "2026-11-23", "08:30")
	signIn(a, "2026-11-24", "08:30")
	*now = at("2026-11-24", "17:30")
	_, err := s.SignOut(ctx0, a)
	require.NoError(t, err)
	*now = at("2026-11-24", "17:40")
	require.NoError(t, s.SetWhereabouts(ctx0, a, DutyLeave, "", at("2026-11-27", "08:30")))
	// 李强: only the Saturday before (a weekend worked).
	signIn(b, "2026-11-21", "09:00")

	*now = at("2026-11-27", "17:00") // Friday
	got, err := s.AttendanceReport(ctx0, at("2026-11-21", "00:00"), at("2026-11-30", "00:00"))
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, AttendanceSummary{StaffID: a.StaffID, Name: "王芳", Workdays: 5, Present: 2, SignedOut: 1, Leave: 2, Absent: 1}, got[0])
	assert.Equal(t, AttendanceSummary{StaffID: b.StaffID, Name: "李强", Workdays: 5, Present: 1, Absent: 5}, got[1])

	// A holiday is no working day.
	require.NoError(t, s.PutCalendarDays(ctx0, []CalendarDay{{Day: "2026-11-23", Kind: "holiday", Name: "测试假日"}}))
	got, err = s.AttendanceReport(ctx0, at("2026-11-21", "00:00"), at("2026-11-27", "00:00")) // to Thursday
	require.NoError(t, err)
	assert.Equal(t, 3, got[1].Workdays, "Tuesday to Thursday")
	assert.Equal(t, 3, got[1].Absent)
	assert.Equal(t, 1, got[1].Present, "the Saturday")
	assert.Equal(t, AttendanceSummary{StaffID: a.StaffID, Name: "王芳", Workdays: 3, Present: 2, SignedOut: 1, Leave: 2}, got[0],
		"Monday worked on a holiday still counts as present")

	// A period starting mid-day leaves that day out.
	got, err = s.AttendanceReport(ctx0, at("2026-11-24", "12:00"), at("2026-11-28", "00:00"))
	require.NoError(t, err)
	assert.Equal(t, 3, got[0].Workdays, "Wednesday to Friday")
}
