package data

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Staff mode sign-in (issue 5 §1). A staff member signs in with their 工号
// (or by picking their card) and a PIN of 4 to 8 digits (6 to 8 for an
// administrator). PINs are stored only as argon2id hashes; every fifth
// wrong PIN in a row locks that staff member out, for twice as long as the
// lock before (see lockFor); every success, failure and lockout goes to the
// audit log. There is no default PIN: on first start NeedsFirstAdmin is true and
// SetupFirstAdmin lets one administrator choose theirs.

// Sign-in limits.
const (
	MinPINDigits      = 4
	MinAdminPINDigits = 6 // an administrator unlocks and resets the others
	MaxPINDigits      = 8
	MaxPINFailures    = 5                // wrong PINs in a row before each lockout
	LockoutPeriod     = 5 * time.Minute  // the first lockout; each next one doubles
	MaxLockout        = 24 * time.Hour   // the longest lockout of a staff member
	MaxAdminLockout   = 15 * time.Minute // the longest lockout of an administrator
)

// lockFor is how long the n-th lockout (n ≥ 1) in a row lasts: 5 minutes,
// 10, 20 … doubling up to MaxLockout. The count of wrong PINs is kept across
// lockouts (only a right PIN, an administrator's unlock or a new PIN resets
// it), so a guesser gets 5 tries per lock: 45 in the first day and 5 a day
// after that (TestLockScheduleGuessesPerDay), where a fixed 5-minute lock
// with the count reset allowed 1,440.
//
// The sign-in is reachable from the kiosk's hidden entry, so anyone there
// can lock a staff member out on purpose. Two rules keep that short:
// an administrator, once signed in, unlocks anyone at once (UnlockStaff,
// the 解除锁定 button in 人员管理), and an administrator's own lockout never
// exceeds MaxAdminLockout, so some administrator can always get in within
// 15 minutes to unlock the others. Their longer PIN (MinAdminPINDigits)
// pays for the shorter lock: 5 tries per 15 minutes is under 500 a day
// against a million PINs.
func lockFor(n int, role Role) time.Duration {
	d, limit := LockoutPeriod, MaxLockout
	if role == RoleAdmin {
		limit = MaxAdminLockout
	}
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// PINParams are the argon2id cost parameters. Every hash records its own,
// so changing them only affects PINs set afterwards (and PINs rehashed at
// their next sign-in).
type PINParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultPINParams: 64 MiB, 2 passes, 1 lane. About 80 ms per hash on the
// project's 2-core test machine (measured: 43 ms at t=1, 79 ms at t=2),
// inside the 50–100 ms aimed at: slow for a guesser with a copy of the data
// file, unnoticeable on a PIN pad. Above the OWASP minimum for argon2id
// (19 MiB, t=2, p=1) and RFC 9106's memory-constrained choice (64 MiB).
var DefaultPINParams = PINParams{Memory: 64 * 1024, Time: 2, Threads: 1}

const (
	pinSaltLen = 16
	pinKeyLen  = 32
)

var b64 = base64.RawStdEncoding

// HashPIN hashes pin with argon2id and a fresh random salt, in the PHC
// string format: $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash> (unpadded
// standard base64). It does not check the PIN's rules: see CheckPIN.
func HashPIN(pin string, p PINParams) (string, error) {
	salt := make([]byte, pinSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("data: hash pin: %w", err)
	}
	key := idKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, pinKeyLen)
	return encodePIN(p, salt, key), nil
}

func encodePIN(p PINParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Bounds of the parameters of a stored hash: what this program writes
// (DefaultPINParams) with room to double the memory and the passes. A hash
// outside them is refused without being computed (a tampered row must not
// make a sign-in take seconds or a gigabyte); the account then needs a new
// PIN from an administrator.
const (
	maxPINMemory  = 2 * 64 * 1024 // KiB
	maxPINTime    = 4
	maxPINThreads = 4
)

// parsePIN reads an encoded hash. It refuses other algorithms and versions
// and parameters outside the bounds above.
func parsePIN(encoded string) (PINParams, []byte, []byte, error) {
	var p PINParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errors.New("data: pin hash: not argon2id v19")
	}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return p, nil, nil, errors.New("data: pin hash: bad parameters")
		}
		switch k {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			p.Threads = uint8(min(n, 255))
		}
	}
	if p.Threads < 1 || p.Threads > maxPINThreads || p.Memory < 8*uint32(p.Threads) || p.Memory > maxPINMemory ||
		p.Time < 1 || p.Time > maxPINTime {
		return p, nil, nil, errors.New("data: pin hash: parameters out of range")
	}
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return p, nil, nil, errors.New("data: pin hash: bad salt or hash")
	}
	return p, salt, key, nil
}

// VerifyPIN reports whether pin matches the encoded hash, comparing in
// constant time. A malformed hash is an error (and never a match).
func VerifyPIN(encoded, pin string) (bool, error) {
	p, salt, key, err := parsePIN(encoded)
	if err != nil {
		return false, err
	}
	got := idKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// burnPIN spends the time of one verification with the parameters p,
// so that an unknown staff code answers as slowly as a wrong PIN.
func burnPIN(pin string, p PINParams) {
	idKey([]byte(pin), make([]byte, pinSaltLen), p.Time, p.Memory, p.Threads, pinKeyLen)
}

// releaseAbove is the argon2id memory (KiB) from which idKey hands the
// hash's work area back to the operating system at once.
const releaseAbove = 16 * 1024

// idKey is argon2.IDKey. The hash allocates its whole memory cost (64 MiB
// by default) and drops it when done; left to the garbage collector, that
// one allocation raises the heap's target to over twice the program's
// live memory, and the process keeps ~100 MB more for minutes after a
// sign-in (it was most of the memory with the staff queue open). So above
// releaseAbove it returns the freed memory to the system right away: a
// collection of a few ms, on the goroutine that hashed, never the UI's.
func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	key := argon2.IDKey(password, salt, time, memory, threads, keyLen)
	if memory >= releaseAbove {
		debug.FreeOSMemory()
	}
	return key
}

// CheckPIN applies the rules for a new PIN of a staff member who is not an
// administrator: see CheckPINFor.
func CheckPIN(field, pin string) (string, error) { return CheckPINFor(field, pin, false) }

// CheckPINFor applies the rules for a new PIN: 4 to 8 digits (6 to 8 for
// an administrator), and none of the PINs a guesser tries first: the same
// digit (0000), a run (1234, 4321, 7890), a block repeated (1212, 123123,
// 520520), a line or walk on the PIN pad (2580, 147258, 1478, 1397), the
// love numbers (1314, 5201314) and a date or year from 1930 to today
// (19900101, 900101, 0101, 1990). It returns the PIN with spaces removed
// and full-width digits folded.
func CheckPINFor(field, pin string, admin bool) (string, error) {
	pin = normalizePIN(pin)
	if strings.Trim(pin, "0123456789") != "" || len(pin) > MaxPINDigits || len(pin) < MinPINDigits ||
		(admin && len(pin) < MinAdminPINDigits) {
		if admin {
			return "", Invalid(field, "管理员密码应为6至8位数字，请重新设置。")
		}
		return "", Invalid(field, "密码应为4至8位数字，请重新设置。")
	}
	const choose = "请换一个不易被猜到的密码，例如几个没有规律的数字。"
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		a, b := int(pin[i-1]-'0'), int(pin[i]-'0')
		same = same && a == b
		up = up && b == (a+1)%10
		down = down && a == (b+1)%10
	}
	switch {
	case same:
		return "", Invalid(field, "密码不能全部是同一个数字。"+choose)
	case up || down:
		return "", Invalid(field, "密码不能是连续的数字（如1234、4321）。"+choose)
	case repeatedBlock(pin):
		return "", Invalid(field, "密码不能是重复的数字组合（如1212、123123）。"+choose)
	case padPattern(pin):
		return "", Invalid(field, "密码不能是按键盘上的一条线或一圈按出的数字（如2580、147258）。"+choose)
	case splitsInto(pin, lovePINs):
		return "", Invalid(field, "密码不能是520、1314这类谐音数字。"+choose)
	case dateLike(pin, time.Now().In(China)):
		return "", Invalid(field, "密码不能是日期或年份（如生日19900101、0101）。"+choose)
	}
	return pin, nil
}

// repeatedBlock reports whether pin is a shorter block said again: 1212,
// 123123, 52005200.
func repeatedBlock(pin string) bool {
	for n := 1; n <= len(pin)/2; n++ {
		if len(pin)%n == 0 && strings.Repeat(pin[:n], len(pin)/n) == pin {
			return true
		}
	}
	return false
}

// The PIN pad (and a phone's keypad):
//
//	1 2 3
//	4 5 6
//	7 8 9
//	  0
//
// padLines are its straight lines of three or four keys, both ways; a PIN
// made of whole lines one after another (2580, 147258, 159357, 789456) is
// a pattern. padRing is the ring of keys around 5; four to eight keys of it
// in a row (1478, 1236, 36987412) are a pattern, and so are the four
// corners in turn (1397, 7931).
var (
	padLines = []string{"123", "456", "789", "147", "258", "369", "2580", "159", "357",
		"321", "654", "987", "741", "852", "963", "0852", "951", "753"}
	padRing = "12369874"
)

func padPattern(pin string) bool {
	if splitsInto(pin, padLines) {
		return true
	}
	ring := padRing + padRing
	rev := []byte(ring)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if strings.Contains(ring, pin) || strings.Contains(string(rev), pin) {
		return true
	}
	if len(pin) == 4 {
		corners, back := "13971397", "17931793"
		return strings.Contains(corners, pin) || strings.Contains(back, pin)
	}
	return false
}

// lovePINs are the 谐音 numbers of love: 520 我爱你, 521, 1314 一生一世,
// 9420 就是爱你, 7758 亲亲我吧; a PIN made of them (1314, 5201314,
// 1314520) is among the first a guesser tries.
var lovePINs = []string{"520", "521", "1314", "9420", "7758"}

// splitsInto reports whether pin is one or more of parts one after another.
func splitsInto(pin string, parts []string) bool {
	if pin == "" {
		return true
	}
	for _, p := range parts {
		if strings.HasPrefix(pin, p) && splitsInto(pin[len(p):], parts) {
			return true
		}
	}
	return false
}

// dateLike reports whether pin reads as a date from 1 January 1930 to
// today — YYYYMMDD, YYMMDD or MMDD (any day of the year) — or as a year
// from 1930 to this year (YYYY): birthdays and years come first in any
// list of guesses.
func dateLike(pin string, today time.Time) bool {
	first := time.Date(1930, 1, 1, 0, 0, 0, 0, China)
	valid := func(layout, s string) (time.Time, bool) {
		t, err := time.ParseInLocation(layout, s, China)
		return t, err == nil && t.Format(layout) == s
	}
	switch len(pin) {
	case 8:
		t, ok := valid("20060102", pin)
		return ok && !t.Before(first) && !t.After(today)
	case 6:
		// A two-digit year is the latest from 1930 on that is not later than today.
		for _, century := range []string{"20", "19"} {
			if t, ok := valid("20060102", century+pin); ok && !t.Before(first) && !t.After(today) {
				return true
			}
		}
		return false
	case 4:
		if y, err := strconv.Atoi(pin); err == nil && y >= 1930 && y <= today.Year() {
			return true
		}
		_, ok := valid("20060102", "2000"+pin) // 2000 is a leap year: 0229 counts
		return ok
	}
	return false
}

// normalizePIN folds full-width digits and drops spaces, as a PIN pad or a
// keyboard may give them.
func normalizePIN(pin string) string {
	return strings.Join(strings.Fields(foldWidth(pin, true)), "")
}

// Session is a signed-in staff member. Staff actions take it to know who
// acted; the store checks on every action that the person is still active.
type Session struct {
	StaffID  int64
	Code     string
	Name     string
	Role     Role
	WindowID int64 // 0 when the staff member has no window
	Since    time.Time
}

// Admin reports whether the session may administer staff and content.
func (s Session) Admin() bool { return s.Role == RoleAdmin }

// LoginChoice is a staff member as the sign-in screen lists them.
type LoginChoice struct {
	StaffID    int64
	Code       string
	Name       string
	WindowName string
	Role       Role
	HasPIN     bool
}

// LoginChoices lists the active staff for the sign-in screen (tap your
// name, then type your PIN), by window and post.
func (s *Store) LoginChoices(ctx context.Context) ([]LoginChoice, error) {
	var out []LoginChoice
	err := s.read(ctx, "login choices", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.id, s.code, s.name, coalesce(w.name, ''), s.role, s.pin_hash != ''
			FROM staff s LEFT JOIN windows w ON w.id = s.window_id WHERE s.active = 1
			ORDER BY coalesce(w.ord, 999), s.ab, s.ord, s.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c LoginChoice
			if err := rows.Scan(&c.StaffID, &c.Code, &c.Name, &c.WindowName, &c.Role, &c.HasPIN); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Messages of sign-in. A wrong PIN and an unknown staff member get the same
// words, so the screen does not tell a guesser which codes exist.
// A staff member without a PIN gets them too (the sign-in list shows who
// has none: LoginChoice.HasPIN).
const msgBadLogin = "工号或密码不正确，请重新输入。"

// msgBadPIN is msgBadLogin for a staff member picked by name from the
// sign-in list (LoginID): they typed no 工号, so the message names only
// the PIN.
const msgBadPIN = "密码不正确，请重新输入。"

// msgBadHash: the stored hash is not one this program writes (another
// algorithm, or parameters out of bounds); no PIN can open it.
const msgBadHash = "该账号的密码记录无法识别，请联系管理员重新设置密码。"

// lockedMsg says until when (China time; with the date when not today) a
// locked account waits, and that an administrator can unlock it sooner.
func lockedMsg(until, now time.Time) string {
	u, n := until.In(China), now.In(China)
	at := u.Format("15:04")
	if u.YearDay() != n.YearDay() || u.Year() != n.Year() {
		at = fmt.Sprintf("%d月%d日 %s", u.Month(), u.Day(), at)
	}
	return fmt.Sprintf("密码输错次数过多，该账号已暂时锁定。请于 %s 后再试，或请管理员解除锁定。", at)
}

// Login signs a staff member in by their 工号 (staff code) and PIN.
//
// Errors are *InvalidError: Field "pin" for a wrong PIN or an unknown or
// inactive staff member (the same message for both), Field "locked" while
// the staff member is locked out (the message says how long to wait). The
// fifth wrong PIN in a row starts a lockout of LockoutPeriod.
func (s *Store) Login(ctx context.Context, code, pin string) (Session, error) {
	return s.login(ctx, `s.code = ?`, strings.TrimSpace(code), pin, msgBadLogin)
}

// LoginID is Login for a staff member picked from LoginChoices; a wrong
// PIN is told as such (msgBadPIN), with no word of a 工号 never typed.
func (s *Store) LoginID(ctx context.Context, staffID int64, pin string) (Session, error) {
	return s.login(ctx, `s.id = ?`, staffID, pin, msgBadPIN)
}

type loginRow struct {
	sess   Session
	hash   string
	failed int
	until  time.Time
}

func (s *Store) login(ctx context.Context, where string, who any, pin, badMsg string) (Session, error) {
	pin = normalizePIN(pin)
	var row loginRow
	found := true
	err := s.read(ctx, "login", func(tx *sql.Tx) error {
		var until string
		var window sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT s.id, s.code, s.name, s.role, s.window_id, s.pin_hash,
			coalesce(l.failures, 0), coalesce(l.locked_until, '')
			FROM staff s LEFT JOIN staff_lockouts l ON l.staff_id = s.id WHERE s.active = 1 AND `+where, who).Scan(
			&row.sess.StaffID, &row.sess.Code, &row.sess.Name, &row.sess.Role, &window, &row.hash, &row.failed, &until)
		if errors.Is(err, sql.ErrNoRows) {
			found = false
			return nil
		}
		row.sess.WindowID, row.until = window.Int64, parseTime(until)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	now := s.now()
	if !found {
		burnPIN(pin, s.pin)
		err := s.tx(ctx, "login", func(tx *sql.Tx) error {
			typed := []rune(fmt.Sprint(who))
			return audit(ctx, tx, formatTime(now), nil, AuditLoginFailed, "工号 "+string(typed[:min(len(typed), 32)]),
				"工号不存在或已停用")
		})
		if err != nil {
			return Session{}, err
		}
		return Session{}, Invalid("pin", badMsg)
	}
	target := staffTarget(row.sess.Code, row.sess.Name)
	if now.Before(row.until) {
		err := s.tx(ctx, "login", func(tx *sql.Tx) error {
			return audit(ctx, tx, formatTime(now), row.sess.StaffID, AuditLoginFailed, target, "锁定期间尝试登录")
		})
		if err != nil {
			return Session{}, err
		}
		return Session{}, Invalid("locked", lockedMsg(row.until, now))
	}
	if row.hash == "" {
		burnPIN(pin, s.pin)
		err := s.tx(ctx, "login", func(tx *sql.Tx) error {
			return audit(ctx, tx, formatTime(now), row.sess.StaffID, AuditLoginFailed, target, "尚未设置密码")
		})
		if err != nil {
			return Session{}, err
		}
		return Session{}, Invalid("pin", badMsg)
	}
	ok, verr := VerifyPIN(row.hash, pin)
	var rehash string
	if ok {
		if p, _, _, _ := parsePIN(row.hash); p.Memory < s.pin.Memory || p.Time < s.pin.Time {
			rehash, _ = HashPIN(pin, s.pin) // best effort: the old hash stays on failure
		}
	}
	var outcome error
	err = s.tx(ctx, "login", func(tx *sql.Tx) error {
		at := formatTime(now)
		// Another terminal may have locked this person meanwhile.
		var failed int
		var until string
		err := tx.QueryRowContext(ctx, `SELECT failures, locked_until FROM staff_lockouts WHERE staff_id = ?`,
			row.sess.StaffID).Scan(&failed, &until)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if t := parseTime(until); now.Before(t) {
			outcome = Invalid("locked", lockedMsg(t, now))
			return audit(ctx, tx, at, row.sess.StaffID, AuditLoginFailed, target, "锁定期间尝试登录")
		}
		if ok {
			if _, err := tx.ExecContext(ctx, `DELETE FROM staff_lockouts WHERE staff_id = ?`, row.sess.StaffID); err != nil {
				return err
			}
			if rehash != "" {
				if _, err := tx.ExecContext(ctx, `UPDATE staff SET pin_hash = ? WHERE id = ? AND pin_hash = ?`,
					rehash, row.sess.StaffID, row.hash); err != nil {
					return err
				}
			}
			return audit(ctx, tx, at, row.sess.StaffID, AuditLogin, target, "")
		}
		if verr != nil {
			// Never computed (parsePIN refused it), so no guess is spent:
			// not counted, and the message sends them to an administrator.
			outcome = Invalid("pin", msgBadHash)
			return audit(ctx, tx, at, row.sess.StaffID, AuditLoginFailed, target, "密码记录无法识别，请管理员重设密码")
		}
		// The count goes on across lockouts: every MaxPINFailures-th wrong
		// PIN locks, each time for longer (lockFor).
		failed++
		if err := audit(ctx, tx, at, row.sess.StaffID, AuditLoginFailed, target,
			fmt.Sprintf("密码错误（连续第%d次）", failed)); err != nil {
			return err
		}
		lockUntil := ""
		outcome = Invalid("pin", badMsg)
		if failed%MaxPINFailures == 0 {
			n := failed / MaxPINFailures
			t := now.Add(lockFor(n, row.sess.Role))
			lockUntil = formatTime(t)
			outcome = Invalid("locked", lockedMsg(t, now))
			if err := audit(ctx, tx, at, row.sess.StaffID, AuditLockout, target,
				fmt.Sprintf("连续%d次密码错误，第%d次锁定，至 %s", failed, n, t.In(China).Format("01-02 15:04:05"))); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO staff_lockouts (staff_id, failures, locked_until) VALUES (?, ?, ?)
			ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
			row.sess.StaffID, failed, lockUntil)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	if outcome != nil {
		return Session{}, outcome
	}
	row.sess.Since = now
	return row.sess, nil
}

// Logout records that a session ended (signed out, or locked back to the
// kiosk after idle time: reason says which).
func (s *Store) Logout(ctx context.Context, by Session, reason string) error {
	return s.tx(ctx, "logout", func(tx *sql.Tx) error {
		return audit(ctx, tx, s.stamp(), nullID(by.StaffID), AuditLogout, staffTarget(by.Code, by.Name), reason)
	})
}

// SetPIN sets a staff member's PIN: their own (by is that staff member) or
// anyone's when by is an administrator. It clears a lockout. An
// administrator's PIN has at least MinAdminPINDigits digits.
func (s *Store) SetPIN(ctx context.Context, by Session, staffID int64, pin string) error {
	var role Role
	err := s.read(ctx, "set pin", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if actor.StaffID != staffID && actor.Role != RoleAdmin {
			return Invalid("staff", msgOwnPINOnly)
		}
		err = tx.QueryRowContext(ctx, `SELECT role FROM staff WHERE id = ?`, staffID).Scan(&role)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // told below, inside the write
		}
		return err
	})
	if err != nil {
		return err
	}
	pin, err = CheckPINFor("pin", pin, role == RoleAdmin)
	if err != nil {
		return err
	}
	hash, err := HashPIN(pin, s.pin) // outside the write lock: it takes ~80 ms
	if err != nil {
		return err
	}
	return s.tx(ctx, "set pin", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if actor.StaffID != staffID && actor.Role != RoleAdmin {
			return Invalid("staff", msgOwnPINOnly)
		}
		var code, name string
		var now Role
		err = tx.QueryRowContext(ctx, `SELECT code, name, role FROM staff WHERE id = ? AND active = 1`, staffID).
			Scan(&code, &name, &now)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("staff", "找不到该工作人员，或其已停用。")
		}
		if err != nil {
			return err
		}
		if now != role { // made administrator meanwhile: their rules
			if _, err := CheckPINFor("pin", pin, now == RoleAdmin); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET pin_hash = ? WHERE id = ?`, hash, staffID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_lockouts WHERE staff_id = ?`, staffID); err != nil {
			return err
		}
		detail := "本人修改密码"
		if actor.StaffID != staffID {
			detail = "管理员重设密码"
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditPINSet, staffTarget(code, name), detail)
	})
}

const msgOwnPINOnly = "只能修改自己的密码；如需为他人重设密码，请由管理员操作。"

// NeedsFirstAdmin reports whether no active administrator has a PIN yet:
// the first start, when SetupFirstAdmin must run before staff mode opens.
func (s *Store) NeedsFirstAdmin(ctx context.Context) (bool, error) {
	var need bool
	err := s.read(ctx, "first admin", func(tx *sql.Tx) error {
		var err error
		need, err = needsFirstAdmin(ctx, tx)
		return err
	})
	return need, err
}

func needsFirstAdmin(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND pin_hash != ''`).Scan(&n)
	return n == 0, err
}

// SetupFirstAdmin lets the first administrator choose a PIN, only while
// NeedsFirstAdmin is true, and signs them in. The staff member must be an
// administrator in the catalog; when the catalog names none, the one chosen
// becomes administrator.
func (s *Store) SetupFirstAdmin(ctx context.Context, staffID int64, pin string) (Session, error) {
	pin, err := CheckPINFor("pin", pin, true)
	if err != nil {
		return Session{}, err
	}
	hash, err := HashPIN(pin, s.pin)
	if err != nil {
		return Session{}, err
	}
	var sess Session
	err = s.tx(ctx, "first admin", func(tx *sql.Tx) error {
		need, err := needsFirstAdmin(ctx, tx)
		if err != nil {
			return err
		}
		if !need {
			return Invalid("staff", "管理员密码已经设置过了。请用管理员账号登录后再管理其他人员的密码。")
		}
		var role Role
		var window sql.NullInt64
		err = tx.QueryRowContext(ctx, `SELECT code, name, role, window_id FROM staff WHERE id = ? AND active = 1`, staffID).
			Scan(&sess.Code, &sess.Name, &role, &window)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("staff", "找不到该工作人员，或其已停用。")
		}
		if err != nil {
			return err
		}
		var admins int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1`).Scan(&admins); err != nil {
			return err
		}
		if role != RoleAdmin && admins > 0 {
			return Invalid("staff", "请选择一位管理员来设置第一个密码。")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET pin_hash = ?, role = 'admin' WHERE id = ?`, hash, staffID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_lockouts WHERE staff_id = ?`, staffID); err != nil {
			return err
		}
		sess.StaffID, sess.Role, sess.WindowID, sess.Since = staffID, RoleAdmin, window.Int64, s.now()
		detail := "首次启动，设置第一位管理员密码"
		if role != RoleAdmin {
			detail += "（目录中没有管理员，设为管理员）"
		}
		return audit(ctx, tx, formatTime(sess.Since), staffID, AuditFirstAdmin, staffTarget(sess.Code, sess.Name), detail)
	})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

// actorOf checks that the session's staff member still exists and is
// active, and returns them as stored now (role and window may have changed
// since sign-in).
func actorOf(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	if by.StaffID == 0 {
		return Session{}, Invalid("session", "请先登录工作人员账号。")
	}
	var window sql.NullInt64
	a := Session{StaffID: by.StaffID, Since: by.Since}
	err := tx.QueryRowContext(ctx, `SELECT code, name, role, window_id FROM staff WHERE id = ? AND active = 1`, by.StaffID).
		Scan(&a.Code, &a.Name, &a.Role, &window)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, Invalid("session", "登录已失效，请重新登录。")
	}
	a.WindowID = window.Int64
	return a, err
}

func staffTarget(code, name string) string { return "工作人员 " + code + " " + name }
