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
// (or by picking their card) and a PIN of 4 to 8 digits. PINs are stored
// only as argon2id hashes; five wrong PINs in a row lock that staff member
// out for five minutes; every success, failure and lockout goes to the audit
// log. There is no default PIN: on first start NeedsFirstAdmin is true and
// SetupFirstAdmin lets one administrator choose theirs.

// Sign-in limits.
const (
	MinPINDigits   = 4
	MaxPINDigits   = 8
	MaxPINFailures = 5               // wrong PINs in a row before a lockout
	LockoutPeriod  = 5 * time.Minute // how long a lockout lasts
)

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

// pinParams is what the store hashes new PINs with. Tests of this package
// lower it (auth_test.go) so that a sign-in costs microseconds; nothing else
// changes it.
var pinParams = DefaultPINParams

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

// parsePIN reads an encoded hash. It refuses other algorithms and versions
// and parameters outside sane bounds (a tampered row must not make a
// sign-in take minutes or gigabytes).
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
	if p.Memory < 8 || p.Memory > 1<<20 || p.Time < 1 || p.Time > 16 || p.Threads < 1 || p.Threads > 16 {
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

// burnPIN spends the time of one verification with the current parameters,
// so that an unknown staff code answers as slowly as a wrong PIN.
func burnPIN(pin string) {
	idKey([]byte(pin), make([]byte, pinSaltLen), pinParams.Time, pinParams.Memory, pinParams.Threads, pinKeyLen)
}

// releaseAbove is the argon2id memory (KiB) from which idKey hands the
// hash's work area back to the operating system at once.
const releaseAbove = 16 * 1024

// idKey is argon2.IDKey. The hash allocates its whole memory cost (64 MiB
// by default) and drops it when done; left to the garbage collector, that
// one allocation raises the heap's target to over twice the program's
// live memory, and the process keeps ~100 MB more for minutes after a
// sign-in (issue 16: memory with the staff queue open). So above
// releaseAbove it returns the freed memory to the system right away: a
// collection of a few ms, on the goroutine that hashed, never the UI's.
func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	key := argon2.IDKey(password, salt, time, memory, threads, keyLen)
	if memory >= releaseAbove {
		debug.FreeOSMemory()
	}
	return key
}

// CheckPIN applies the rules for a new PIN: 4 to 8 digits, not all the same
// digit, not a run such as 1234, 4321 or 7890. It returns the PIN with
// spaces removed and full-width digits folded.
func CheckPIN(field, pin string) (string, error) {
	pin = normalizePIN(pin)
	if len(pin) < MinPINDigits || len(pin) > MaxPINDigits || strings.Trim(pin, "0123456789") != "" {
		return "", Invalid(field, "密码应为4至8位数字，请重新设置。")
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		a, b := int(pin[i-1]-'0'), int(pin[i]-'0')
		same = same && a == b
		up = up && b == (a+1)%10
		down = down && a == (b+1)%10
	}
	switch {
	case same:
		return "", Invalid(field, "密码不能全部是同一个数字，请换一个不易被猜到的密码。")
	case up || down:
		return "", Invalid(field, "密码不能是连续的数字（如1234、4321），请换一个不易被猜到的密码。")
	}
	return pin, nil
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

func lockedMsg(wait time.Duration) string {
	mins := int((wait + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("密码连续输错%d次，该账号已暂时锁定，请%d分钟后再试。", MaxPINFailures, max(mins, 1))
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
		burnPIN(pin)
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
		return Session{}, Invalid("locked", lockedMsg(row.until.Sub(now)))
	}
	if row.hash == "" {
		burnPIN(pin)
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
		if p, _, _, _ := parsePIN(row.hash); p.Memory < pinParams.Memory || p.Time < pinParams.Time {
			rehash, _ = HashPIN(pin, pinParams) // best effort: the old hash stays on failure
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
			outcome = Invalid("locked", lockedMsg(t.Sub(now)))
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
		failed++
		detail := fmt.Sprintf("密码错误（连续第%d次）", failed)
		if verr != nil {
			detail = "密码记录无法识别，请管理员重设密码"
		}
		if err := audit(ctx, tx, at, row.sess.StaffID, AuditLoginFailed, target, detail); err != nil {
			return err
		}
		lockUntil := ""
		outcome = Invalid("pin", badMsg)
		if failed >= MaxPINFailures {
			lockUntil, failed = formatTime(now.Add(LockoutPeriod)), 0
			outcome = Invalid("locked", lockedMsg(LockoutPeriod))
			if err := audit(ctx, tx, at, row.sess.StaffID, AuditLockout, target,
				fmt.Sprintf("连续%d次密码错误，锁定至 %s", MaxPINFailures, now.Add(LockoutPeriod).In(China).Format("15:04:05"))); err != nil {
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
// anyone's when by is an administrator. It clears a lockout.
func (s *Store) SetPIN(ctx context.Context, by Session, staffID int64, pin string) error {
	pin, err := CheckPIN("pin", pin)
	if err != nil {
		return err
	}
	hash, err := HashPIN(pin, pinParams) // outside the write lock: it takes ~80 ms
	if err != nil {
		return err
	}
	return s.tx(ctx, "set pin", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if actor.StaffID != staffID && actor.Role != RoleAdmin {
			return Invalid("staff", "只能修改自己的密码；如需为他人重设密码，请由管理员操作。")
		}
		var code, name string
		err = tx.QueryRowContext(ctx, `SELECT code, name FROM staff WHERE id = ? AND active = 1`, staffID).Scan(&code, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("staff", "找不到该工作人员，或其已停用。")
		}
		if err != nil {
			return err
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
	pin, err := CheckPIN("pin", pin)
	if err != nil {
		return Session{}, err
	}
	hash, err := HashPIN(pin, pinParams)
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
