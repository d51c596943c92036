package data

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/argon2"

	"bianmin/internal/fakeclock"
)

// testPINParams make a PIN hash cost microseconds; TestHashPINDefault checks
// the real parameters.
var testPINParams = PINParams{Memory: 64, Time: 1, Threads: 1}

// cheapPINs is the store option every test store of this package opens
// with.
var cheapPINs = WithPINParams(testPINParams)

// fakeClock is the clock a test moves by hand.
type fakeClock = fakeclock.Clock

// movingStore is seeded (the test catalog) with a clock the test moves,
// starting at fixedNow.
func movingStore(t testing.TB) (*Store, *fakeClock) {
	t.Helper()
	clk := fakeclock.New(fixedNow)
	s, err := Open(context.Background(), testDSN(t), WithClock(clk.Now), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	return s, clk
}

func staffID(t testing.TB, s *Store, code string) int64 {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM staff WHERE code = ?`, code).Scan(&id))
	return id
}

// loginAs signs a staff member of the test catalog in, setting up the first
// administrator (s1) and the member's PIN as needed.
func loginAs(t testing.TB, s *Store, code string) Session {
	t.Helper()
	ctx := context.Background()
	need, err := s.NeedsFirstAdmin(ctx)
	require.NoError(t, err)
	if need {
		_, err := s.SetupFirstAdmin(ctx, staffID(t, s, "s1"), "604917")
		require.NoError(t, err)
	}
	admin, err := s.Login(ctx, "s1", "604917")
	require.NoError(t, err)
	if code == "s1" {
		return admin
	}
	require.NoError(t, s.SetPIN(ctx, admin, staffID(t, s, code), "1357"))
	sess, err := s.Login(ctx, code, "1357")
	require.NoError(t, err)
	return sess
}

func auditRows(t testing.TB, s *Store, action string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Scan(&n))
	return n
}

func invalidOf(t testing.TB, err error) *InvalidError {
	t.Helper()
	require.Error(t, err)
	ie := asInvalid(err)
	require.NotNil(t, ie)
	return ie
}

func TestHashPINDefault(t *testing.T) {
	h, err := HashPIN("2580", DefaultPINParams)
	require.NoError(t, err)
	assert.Regexp(t, `^\$argon2id\$v=19\$m=65536,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`, h)
	ok, err := VerifyPIN(h, "2580")
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = VerifyPIN(h, "2581")
	require.NoError(t, err)
	assert.False(t, ok)

	h2, err := HashPIN("2580", DefaultPINParams)
	require.NoError(t, err)
	assert.NotEqual(t, h, h2, "a fresh salt every time")
}

func TestVerifyPINMalformed(t *testing.T) {
	good, err := HashPIN("2580", testPINParams)
	require.NoError(t, err)
	for name, enc := range map[string]string{
		"Empty":      "",
		"Bcrypt":     "$2a$10$abcdefghijklmnopqrstuv",
		"Argon2i":    strings.Replace(good, "argon2id", "argon2i", 1),
		"OldVersion": strings.Replace(good, "v=19", "v=16", 1),
		"HugeMemory": strings.Replace(good, "m=64,", "m=99999999,", 1),
		"BadSalt":    strings.Replace(good, "$", "$!", 4),
	} {
		t.Run(name, func(t *testing.T) {
			ok, err := VerifyPIN(enc, "2580")
			assert.Error(t, err)
			assert.False(t, ok)
		})
	}
}

func TestCheckPIN(t *testing.T) {
	for name, tc := range map[string]struct {
		pin, want, msg string
	}{
		"OK":             {pin: "1357", want: "1357"},
		"OKEight":        {pin: "20197807", want: "20197807"},
		"OKFullWidth":    {pin: "１３５７", want: "1357"},
		"OKSpaces":       {pin: " 13 57 ", want: "1357"},
		"ErrShort":       {pin: "135", msg: "4至8位数字"},
		"ErrLong":        {pin: "135792468", msg: "4至8位数字"},
		"ErrLetters":     {pin: "13a7", msg: "4至8位数字"},
		"ErrEmpty":       {pin: "", msg: "4至8位数字"},
		"ErrSame":        {pin: "0000", msg: "同一个数字"},
		"ErrSameLong":    {pin: "77777777", msg: "同一个数字"},
		"ErrUp":          {pin: "1234", msg: "连续"},
		"ErrUpLong":      {pin: "12345678", msg: "连续"},
		"ErrDown":        {pin: "4321", msg: "连续"},
		"ErrUpWrap":      {pin: "7890", msg: "连续"},
		"ErrDownWrap":    {pin: "1098", msg: "连续"},
		"OKAlmostSeries": {pin: "1235", want: "1235"},
		"ErrRepeat":      {pin: "1212", msg: "重复的数字组合"},
		"ErrRepeatSix":   {pin: "123123", msg: "重复的数字组合"},
		"ErrLove520":     {pin: "520520", msg: "重复"},
		"ErrLove1314":    {pin: "1314", msg: "谐音"},
		"ErrLove5201314": {pin: "5201314", msg: "谐音"},
		"ErrLove1314520": {pin: "1314520", msg: "谐音"},
		"ErrPad2580":     {pin: "2580", msg: "键盘"},
		"ErrPad0852":     {pin: "0852", msg: "键盘"},
		"ErrPad147258":   {pin: "147258", msg: "键盘"},
		"ErrPad258369":   {pin: "258369", msg: "键盘"},
		"ErrPad159357":   {pin: "159357", msg: "键盘"},
		"ErrPad1478":     {pin: "1478", msg: "键盘"},
		"ErrPad3698":     {pin: "3698", msg: "键盘"},
		"ErrPadRing":     {pin: "12369874", msg: "键盘"},
		"ErrPadCorners":  {pin: "1397", msg: "键盘"},
		"ErrPad3690":     {pin: "3692580", msg: "键盘"},
		"ErrDate8":       {pin: "19900101", msg: "日期"},
		"ErrDate8Old":    {pin: "19300101", msg: "日期"},
		"ErrDate6":       {pin: "900101", msg: "日期"},
		"ErrDate6New":    {pin: "080917", msg: "日期"},
		"ErrDate4":       {pin: "0917", msg: "日期"},
		"ErrDate4Leap":   {pin: "0229", msg: "日期"},
		"ErrDate4Dec":    {pin: "1231", msg: "日期"},
		"ErrYear":        {pin: "1990", msg: "日期"},
		"OKTooOld":       {pin: "19291231", want: "19291231"},
		"OKFuture":       {pin: "20990101", want: "20990101"},
		"OKNoSuchDay":    {pin: "19900231", want: "19900231"},
		"OKNoSuchDay4":   {pin: "0230", want: "0230"},
		"OKYearEarly":    {pin: "1929", want: "1929"},
		"OKSix":          {pin: "604917", want: "604917"},
		"OKPadNotLine":   {pin: "2589", want: "2589"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := CheckPIN("pin", tc.pin)
			if tc.msg != "" {
				assert.Contains(t, invalidOf(t, err).Msg, tc.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// An administrator's PIN has 6 to 8 digits; the message says so.
func TestCheckPINAdmin(t *testing.T) {
	_, err := CheckPINFor("pin", "5291", true)
	assert.Equal(t, "管理员密码应为6至8位数字，请重新设置。", invalidOf(t, err).Msg)
	_, err = CheckPINFor("pin", "19900101", true)
	assert.Contains(t, invalidOf(t, err).Msg, "日期")
	got, err := CheckPINFor("pin", "６０４９１７", true)
	require.NoError(t, err)
	assert.Equal(t, "604917", got)
	got, err = CheckPINFor("pin", "5291", false)
	require.NoError(t, err)
	assert.Equal(t, "5291", got)

	// The store applies it to whoever the PIN is for.
	ctx := context.Background()
	s, _ := movingStore(t)
	admin := loginAs(t, s, "s1")
	err = s.SetPIN(ctx, admin, admin.StaffID, "5291")
	assert.Contains(t, invalidOf(t, err).Msg, "6至8位")
	require.NoError(t, s.SetPIN(ctx, admin, staffID(t, s, "s2"), "5291"), "4 digits do for other staff")
	err = s.SetPIN(ctx, admin, staffID(t, s, "s2"), "147258")
	assert.Contains(t, invalidOf(t, err).Msg, "请换一个不易被猜到的密码")
}

// TestPINHashBounds: a stored hash with parameters beyond what the program
// writes (memory 2×64 MiB, 4 passes, 4 lanes) is refused, never computed,
// and the sign-in sends the person to an administrator.
func TestPINHashBounds(t *testing.T) {
	good, err := HashPIN("2580", testPINParams)
	require.NoError(t, err)
	withParams := func(m, tm, p int) string {
		return strings.Replace(good, "m=64,t=1,p=1", fmt.Sprintf("m=%d,t=%d,p=%d", m, tm, p), 1)
	}
	for _, enc := range []string{withParams(64*1024*2, 4, 4), withParams(64, 1, 1), withParams(32, 1, 4)} {
		_, _, _, err := parsePIN(enc)
		assert.NoError(t, err, enc)
	}
	for _, enc := range []string{withParams(64*1024*2+1, 2, 1), withParams(1<<20, 2, 1), withParams(65536, 5, 1),
		withParams(65536, 2, 5), withParams(65536, 0, 1), withParams(65536, 2, 0), withParams(16, 1, 4)} {
		_, _, _, err := parsePIN(enc)
		assert.Error(t, err, enc)
		ok, err := VerifyPIN(enc, "2580")
		assert.Error(t, err, enc)
		assert.False(t, ok)
	}

	ctx := context.Background()
	s, _ := movingStore(t)
	loginAs(t, s, "s2")
	// 1 GiB and 16 passes: a check would take many seconds; it is refused at once.
	huge := strings.Replace(good, "m=64,t=1,p=1", "m=1048576,t=16,p=1", 1)
	_, err = s.db.Exec(`UPDATE staff SET pin_hash = ? WHERE code = 's2'`, huge)
	require.NoError(t, err)
	for range MaxPINFailures + 1 {
		_, err = s.Login(ctx, "s2", "2580")
		ie := invalidOf(t, err)
		assert.Equal(t, "pin", ie.Field, "not counted towards a lockout")
		assert.Equal(t, msgBadHash, ie.Msg)
	}
	assert.True(t, lockedUntil(t, s, "s2").IsZero())
	admin := loginAs(t, s, "s1")
	require.NoError(t, s.SetPIN(ctx, admin, staffID(t, s, "s2"), "8024"), "an administrator resets it")
	_, err = s.Login(ctx, "s2", "8024")
	require.NoError(t, err)
}

func TestLoginLockout(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	loginAs(t, s, "s2") // s1 is admin with 604917, s2 has 1357

	for i := 1; i < MaxPINFailures; i++ {
		_, err := s.Login(ctx, "s2", "9999")
		ie := invalidOf(t, err)
		assert.Equal(t, "pin", ie.Field)
		assert.Equal(t, msgBadLogin, ie.Msg)
		clk.Add(10 * time.Second)
	}
	_, err := s.Login(ctx, "s2", "9999") // 09:30:40
	ie := invalidOf(t, err)
	assert.Equal(t, "locked", ie.Field)
	assert.Equal(t, "密码输错次数过多，该账号已暂时锁定。请于 09:35 后再试，或请管理员解除锁定。", ie.Msg)
	assert.Equal(t, 1, auditRows(t, s, AuditLockout))
	assert.Equal(t, MaxPINFailures, auditRows(t, s, AuditLoginFailed))

	// The right PIN does not open a locked account; the time is told.
	clk.Add(4*time.Minute + 30*time.Second)
	_, err = s.Login(ctx, "s2", "1357")
	ie = invalidOf(t, err)
	assert.Equal(t, "locked", ie.Field)
	assert.Contains(t, ie.Msg, "请于 09:35 后再试")
	assert.Equal(t, MaxPINFailures+1, auditRows(t, s, AuditLoginFailed), "a try while locked is logged")

	// Others are not affected.
	_, err = s.Login(ctx, "s1", "604917")
	require.NoError(t, err)

	// Five minutes after the lockout began, the right PIN works again and
	// the count starts afresh.
	clk.Add(30 * time.Second)
	sess, err := s.Login(ctx, "s2", "1357")
	require.NoError(t, err)
	assert.Equal(t, "李强", sess.Name)
	assert.Equal(t, RoleStaff, sess.Role)
	assert.NotZero(t, sess.WindowID)
	assert.Equal(t, fixedNow.Add(5*time.Minute+40*time.Second), sess.Since)
	for i := 1; i < MaxPINFailures; i++ {
		_, err := s.Login(ctx, "s2", "9999")
		assert.Equal(t, "pin", invalidOf(t, err).Field)
	}
	_, err = s.Login(ctx, "s2", "1357")
	require.NoError(t, err, "a success resets the count")
	_, err = s.Login(ctx, "s2", "9999")
	assert.Equal(t, "pin", invalidOf(t, err).Field, "one failure after a success does not lock")
}

// lockedUntil is the end of a staff member's lockout as stored.
func lockedUntil(t testing.TB, s *Store, code string) time.Time {
	t.Helper()
	var until string
	err := s.db.QueryRow(`SELECT coalesce((SELECT locked_until FROM staff_lockouts WHERE staff_id = ?), '')`,
		staffID(t, s, code)).Scan(&until)
	require.NoError(t, err)
	return parseTime(until)
}

// TestLockDoubles: the count of wrong PINs goes on after a lockout ends,
// and each lockout lasts twice the one before.
func TestLockDoubles(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	loginAs(t, s, "s2")
	for n, want := range []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 40 * time.Minute} {
		for i := 1; i < MaxPINFailures; i++ {
			_, err := s.Login(ctx, "s2", "9999")
			assert.Equal(t, "pin", invalidOf(t, err).Field, "lock %d, try %d", n+1, i)
		}
		_, err := s.Login(ctx, "s2", "9999")
		ie := invalidOf(t, err)
		assert.Equal(t, "locked", ie.Field)
		until := lockedUntil(t, s, "s2")
		assert.Equal(t, want, until.Sub(clk.Now()), "lock %d", n+1)
		assert.Contains(t, ie.Msg, "请于 "+until.In(China).Format("15:04")+" 后再试")
		clk.Set(until)
	}
	var failures int
	require.NoError(t, s.db.QueryRow(`SELECT failures FROM staff_lockouts WHERE staff_id = ?`, staffID(t, s, "s2")).Scan(&failures))
	assert.Equal(t, 4*MaxPINFailures, failures, "kept across lockouts")

	// A lock that ends on another day says which day.
	clk.Set(time.Date(2026, 11, 26, 23, 58, 0, 0, China))
	for range MaxPINFailures {
		_, _ = s.Login(ctx, "s2", "9999")
	}
	_, err := s.Login(ctx, "s2", "1357")
	assert.Contains(t, invalidOf(t, err).Msg, "请于 11月27日 01:18 后再试") // the fifth lock: 80 minutes

	// Only a right PIN, an administrator's unlock or a new PIN resets it.
	admin := loginAs(t, s, "s1")
	require.NoError(t, s.UnlockStaff(ctx, admin, staffID(t, s, "s2")))
	_, err = s.Login(ctx, "s2", "9999")
	assert.Equal(t, "pin", invalidOf(t, err).Field)
	_, err = s.Login(ctx, "s2", "1357")
	require.NoError(t, err, "unlocked at once by an administrator")
}

func TestLockFor(t *testing.T) {
	var staff, admin []time.Duration
	for n := 1; n <= 12; n++ {
		staff = append(staff, lockFor(n, RoleStaff))
		admin = append(admin, lockFor(n, RoleAdmin))
	}
	m := time.Minute
	assert.Equal(t, []time.Duration{5 * m, 10 * m, 20 * m, 40 * m, 80 * m, 160 * m, 320 * m, 640 * m, 1280 * m,
		24 * time.Hour, 24 * time.Hour, 24 * time.Hour}, staff)
	assert.Equal(t, []time.Duration{5 * m, 10 * m, 15 * m, 15 * m, 15 * m, 15 * m, 15 * m, 15 * m, 15 * m,
		15 * m, 15 * m, 15 * m}, admin)
	assert.Equal(t, 24*time.Hour, lockFor(1000, RoleStaff))
}

// guessesPerDay tries wrong PINs for code as fast as the store lets them
// in, waiting out every lockout, for 24 hours of the store's clock; it
// returns the wrong PINs the store checked and the longest lockout seen.
func guessesPerDay(t *testing.T, s *Store, clk *fakeClock, code string) (int, time.Duration) {
	ctx := context.Background()
	end := clk.Now().Add(24 * time.Hour)
	n, longest := 0, time.Duration(0)
	for clk.Now().Before(end) {
		_, err := s.Login(ctx, code, "975318")
		ie := invalidOf(t, err)
		n++
		if ie.Field == "locked" {
			until := lockedUntil(t, s, code)
			longest = max(longest, until.Sub(clk.Now()))
			clk.Set(until)
		}
	}
	return n, longest
}

// TestLockScheduleGuessesPerDay: a guesser at the kiosk gets 45 PINs a day
// against a staff member (then 5 a day), 485 against an administrator,
// where the fixed 5-minute lock with the count reset gave 1,440: 5 tries
// every 5 minutes.
func TestLockScheduleGuessesPerDay(t *testing.T) {
	s, clk := movingStore(t)
	loginAs(t, s, "s2")
	staff, longest := guessesPerDay(t, s, clk, "s2")
	assert.Equal(t, 45, staff)
	assert.Equal(t, 1280*time.Minute, longest)
	next, longest := guessesPerDay(t, s, clk, "s2")
	assert.Equal(t, 5, next, "the second day")
	assert.Equal(t, MaxLockout, longest)

	admin, longest := guessesPerDay(t, s, clk, "s1")
	assert.Equal(t, 485, admin)
	assert.Equal(t, MaxAdminLockout, longest, "an administrator is never locked out longer")
	before := 24 * time.Hour / LockoutPeriod * MaxPINFailures
	t.Logf("guesses a day against one account: before %d; now staff %d (then %d a day), administrator %d",
		before, staff, next, admin)
}

// TestAdminUnlocksKioskLockout: anyone at the kiosk can lock a staff
// member out for a day; an administrator, locked out at most 15 minutes
// themselves, signs in and unlocks them at once.
func TestAdminUnlocksKioskLockout(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	loginAs(t, s, "s2")
	lockOut := func(code, pin string, locks int) {
		for n := 0; n < locks; {
			_, err := s.Login(ctx, code, pin)
			if invalidOf(t, err).Field != "locked" {
				continue
			}
			n++
			u := lockedUntil(t, s, code)
			if code == "s1" {
				assert.LessOrEqual(t, u.Sub(clk.Now()), MaxAdminLockout)
			}
			if n < locks {
				clk.Set(u)
			}
		}
	}
	lockOut("s2", "9999", 10) // the tenth: a day
	lockOut("s1", "999999", 10)
	_, err := s.Login(ctx, "s2", "1357")
	assert.Equal(t, "locked", invalidOf(t, err).Field)
	clk.Set(lockedUntil(t, s, "s1"))
	admin, err := s.Login(ctx, "s1", "604917")
	require.NoError(t, err, "the administrator is in when their short lock ends")
	require.NoError(t, s.UnlockStaff(ctx, admin, staffID(t, s, "s2")))
	_, err = s.Login(ctx, "s2", "1357")
	require.NoError(t, err)
}

func TestLoginNoEnumeration(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	loginAs(t, s, "s1")
	_, wrongPIN := s.Login(ctx, "s1", "9999")
	_, unknown := s.Login(ctx, "nobody", "9999")
	_, unknownID := s.LoginID(ctx, 987654, "9999")
	_, wrongPINByID := s.LoginID(ctx, staffID(t, s, "s1"), "9999")
	_, noPIN := s.Login(ctx, "s2", "9999") // s2 has no PIN yet
	for _, err := range []error{unknown, noPIN} {
		assert.Equal(t, invalidOf(t, wrongPIN), invalidOf(t, err))
	}
	assert.Equal(t, invalidOf(t, wrongPINByID), invalidOf(t, unknownID), "picked by name: the same words too")
	// Deactivated staff cannot sign in, with the same words.
	gone := loginAs(t, s, "s2")
	_, err := s.db.Exec(`UPDATE staff SET active = 0 WHERE code = 's2'`)
	require.NoError(t, err)
	_, inactive := s.Login(ctx, "s2", "1357")
	assert.Equal(t, invalidOf(t, wrongPIN), invalidOf(t, inactive))
	// And a session of theirs no longer acts.
	err = s.AddNote(ctx, gone, 1, "测试", false)
	assert.Equal(t, "session", invalidOf(t, err).Field)

	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = ? AND staff_id IS NULL`,
		AuditLoginFailed).Scan(&n))
	assert.Equal(t, 3, n, "unknown and inactive codes are logged too")
}

func TestLoginID(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	loginAs(t, s, "s2")
	sess, err := s.LoginID(ctx, staffID(t, s, "s2"), "1357")
	require.NoError(t, err)
	assert.Equal(t, "s2", sess.Code)

	choices, err := s.LoginChoices(ctx)
	require.NoError(t, err)
	require.Len(t, choices, 2)
	for _, c := range choices {
		assert.True(t, c.HasPIN)
		assert.Equal(t, "社会保障窗口", c.WindowName)
	}
}

func TestFirstAdmin(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	need, err := s.NeedsFirstAdmin(ctx)
	require.NoError(t, err)
	assert.True(t, need, "no default PIN: the first start asks for one")

	_, err = s.Login(ctx, "s1", "0000")
	assert.Error(t, err, "there is no default PIN")

	_, err = s.SetupFirstAdmin(ctx, staffID(t, s, "s2"), "604917")
	assert.Equal(t, "请选择一位管理员来设置第一个密码。", invalidOf(t, err).Msg)
	_, err = s.SetupFirstAdmin(ctx, staffID(t, s, "s1"), "111111")
	assert.Contains(t, invalidOf(t, err).Msg, "同一个数字")

	sess, err := s.SetupFirstAdmin(ctx, staffID(t, s, "s1"), "604917")
	require.NoError(t, err)
	assert.True(t, sess.Admin())
	assert.Equal(t, "王芳", sess.Name)
	need, err = s.NeedsFirstAdmin(ctx)
	require.NoError(t, err)
	assert.False(t, need)

	_, err = s.SetupFirstAdmin(ctx, staffID(t, s, "s1"), "864209")
	assert.Contains(t, invalidOf(t, err).Msg, "已经设置过")
	_, err = s.Login(ctx, "s1", "604917")
	require.NoError(t, err, "the first PIN still stands")
	assert.Equal(t, 1, auditRows(t, s, AuditFirstAdmin))

	var hash string
	require.NoError(t, s.db.QueryRow(`SELECT pin_hash FROM staff WHERE code = 's1'`).Scan(&hash))
	assert.True(t, strings.HasPrefix(hash, "$argon2id$v=19$"))
	assert.NotContains(t, hash, "604917")
}

func TestFirstAdminWithoutAdminInCatalog(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	_, err := s.db.Exec(`UPDATE staff SET role = 'staff'`)
	require.NoError(t, err)
	sess, err := s.SetupFirstAdmin(ctx, staffID(t, s, "s2"), "604917")
	require.NoError(t, err)
	assert.Equal(t, RoleAdmin, sess.Role, "the one chosen becomes administrator")
	var role string
	require.NoError(t, s.db.QueryRow(`SELECT role FROM staff WHERE code = 's2'`).Scan(&role))
	assert.Equal(t, "admin", role)
}

func TestSetPIN(t *testing.T) {
	ctx := context.Background()
	s, _ := movingStore(t)
	staff := loginAs(t, s, "s2")
	admin := loginAs(t, s, "s1")

	require.NoError(t, s.SetPIN(ctx, staff, staff.StaffID, "5291"), "one's own")
	_, err := s.Login(ctx, "s2", "5291")
	require.NoError(t, err)

	err = s.SetPIN(ctx, staff, admin.StaffID, "5291")
	assert.Contains(t, invalidOf(t, err).Msg, "只能修改自己的密码")
	err = s.SetPIN(ctx, Session{}, staff.StaffID, "5291")
	assert.Equal(t, "session", invalidOf(t, err).Field)

	// An administrator's reset also lifts a lockout.
	for range MaxPINFailures {
		_, _ = s.Login(ctx, "s2", "0001")
	}
	_, err = s.Login(ctx, "s2", "5291")
	assert.Equal(t, "locked", invalidOf(t, err).Field)
	require.NoError(t, s.SetPIN(ctx, admin, staff.StaffID, "8024"))
	_, err = s.Login(ctx, "s2", "8024")
	require.NoError(t, err)

	page, err := s.Audit(ctx, AuditFilter{Action: AuditPINSet})
	require.NoError(t, err)
	require.Len(t, page.Entries, 3)
	assert.Equal(t, "管理员重设密码", page.Entries[0].Detail)
	assert.Equal(t, "本人修改密码", page.Entries[1].Detail)
	assert.Equal(t, "王芳", page.Entries[0].StaffName)
}

func TestLoginRehashesWeakPIN(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	weak, err := HashPIN("604917", PINParams{Memory: 8, Time: 1, Threads: 1})
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE staff SET pin_hash = ? WHERE code = 's1'`, weak)
	require.NoError(t, err)
	_, err = s.Login(ctx, "s1", "604917")
	require.NoError(t, err)
	var hash string
	require.NoError(t, s.db.QueryRow(`SELECT pin_hash FROM staff WHERE code = 's1'`).Scan(&hash))
	assert.Contains(t, hash, "m=64,t=1,p=1", "rehashed with the current parameters")
	_, err = s.Login(ctx, "s1", "604917")
	require.NoError(t, err)
}

func TestLogout(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	sess := loginAs(t, s, "s1")
	require.NoError(t, s.Logout(ctx, sess, "无操作自动锁定"))
	page, err := s.Audit(ctx, AuditFilter{Action: AuditLogout})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Equal(t, "无操作自动锁定", page.Entries[0].Detail)
	assert.Equal(t, "退出登录", page.Entries[0].Label)
}

// BenchmarkHashPIN times hashing a PIN with DefaultPINParams (aimed at 50–100
// ms) against the floor: argon2.IDKey with the same parameters, without the
// salt and the encoding.
//
//	go test ./data/ -run '^$' -bench HashPIN -benchtime 20x
func BenchmarkHashPIN(b *testing.B) {
	p := DefaultPINParams
	salt := make([]byte, pinSaltLen)
	ours := make([]time.Duration, 0, b.N)
	floors := make([]time.Duration, 0, b.N)
	for range b.N {
		start := time.Now()
		if _, err := HashPIN("2580", p); err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(start))
		start = time.Now()
		argon2.IDKey([]byte("2580"), salt, p.Time, p.Memory, p.Threads, pinKeyLen)
		floors = append(floors, time.Since(start))
	}
	b.ReportMetric(percentileMS(ours, 50), "p50-ms")
	b.ReportMetric(percentileMS(ours, 99), "p99-ms")
	b.ReportMetric(percentileMS(ours, 50)/percentileMS(floors, 50), "x-floor")
}

// TestWrongPINMessageNamesWhatWasTyped: signed in by 工号, a wrong PIN
// says 工号或密码; picked by name from the list, it says only 密码.
func TestWrongPINMessageNamesWhatWasTyped(t *testing.T) {
	ctx := context.Background()
	s, _ := movingStore(t)
	loginAs(t, s, "s2")
	_, err := s.Login(ctx, "s2", "9999")
	assert.Equal(t, msgBadLogin, invalidOf(t, err).Msg)
	_, err = s.LoginID(ctx, staffID(t, s, "s2"), "9999")
	ie := invalidOf(t, err)
	assert.Equal(t, "pin", ie.Field)
	assert.Equal(t, "密码不正确，请重新输入。", ie.Msg)
	assert.NotContains(t, ie.Msg, "工号")
}

// The 64 MiB work area of a default-cost hash is handed back to the system
// as soon as the hash is done, not left in the heap.
func TestIDKeyGivesBackItsMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	key := idKey([]byte("135792"), make([]byte, pinSaltLen), 1, DefaultPINParams.Memory, 1, pinKeyLen)
	runtime.ReadMemStats(&after)
	require.Len(t, key, pinKeyLen)
	kept := func(m runtime.MemStats) uint64 { return m.HeapInuse + m.HeapIdle - m.HeapReleased }
	assert.Less(t, kept(after), kept(before)+16<<20, "heap memory the process still holds after the hash")
}

// An administrator whose PIN was set under older rules (4 digits, or one a
// guesser tries first) signs in, but is told to choose a new PIN first;
// once they have, the sign-in is plain again. Other staff keep theirs.
func TestAdminWithOldPINMustChangeIt(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	for pin, why := range map[string]string{
		"5291":   "管理员密码应为6至8位数字",
		"147258": "键盘上的一条线",
		"520520": "重复的数字组合",
	} {
		old, err := HashPIN(pin, testPINParams) // as stored before the rules
		require.NoError(t, err)
		_, err = s.db.Exec(`UPDATE staff SET pin_hash = ? WHERE code = 's1'`, old)
		require.NoError(t, err)
		admin, err := s.Login(ctx, "s1", pin)
		require.NoError(t, err, pin)
		assert.Contains(t, admin.PINChange, why, pin)
		err = s.SetPIN(ctx, admin, admin.StaffID, pin)
		assert.Error(t, err, "the old PIN is not taken again")
		require.NoError(t, s.SetPIN(ctx, admin, admin.StaffID, "604917"))
		again, err := s.Login(ctx, "s1", "604917")
		require.NoError(t, err)
		assert.Empty(t, again.PINChange)
	}
	old, err := HashPIN("2580", testPINParams)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE staff SET pin_hash = ? WHERE id = ?`, old, clerk.StaffID)
	require.NoError(t, err)
	sess, err := s.Login(ctx, "s2", "2580")
	require.NoError(t, err)
	assert.Empty(t, sess.PINChange, "a clerk is not held to the administrators' rule at sign-in")
}
