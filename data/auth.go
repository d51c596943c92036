package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Staff mode sign-in (§三1 签到). A staff member signs in with their 工号
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

// Session is a signed-in staff member. Staff actions take it to know who
// acted; the store checks on every action that the person is still active.
type Session struct {
	StaffID  int64
	Code     string
	Name     string
	Role     Role
	WindowID int64 // 0 when the staff member has no window
	Since    time.Time
	// PINChange, when not empty, says (in Chinese) why the PIN just used
	// must be replaced before anything else: an administrator whose PIN
	// was set under older rules (4 or 5 digits, or one of the PINs a
	// guesser tries first, see CheckPINFor). The sign-in screen asks for
	// a new one (SetPIN on their own account) and opens the desk only
	// after it is set.
	PINChange string
}

// Admin reports whether the session may administer staff and content.
func (s Session) Admin() bool { return s.Role == RoleAdmin }

// LoginChoice is a staff member as the sign-in screen lists them.
type LoginChoice struct {
	StaffID                int64
	Code, Name, WindowName string
	Role                   Role
	HasPIN                 bool
}

// LoginChoices lists the active staff for the sign-in screen (tap your
// name, then type your PIN), by window and post.
func (s *Store) LoginChoices(ctx context.Context) ([]LoginChoice, error) {
	return readRows(ctx, s, "login choices", func(c *LoginChoice) []any {
		return []any{&c.StaffID, &c.Code, &c.Name, &c.WindowName, &c.Role, &c.HasPIN}
	}, `SELECT s.id, s.code, s.name, coalesce(w.name, ''), s.role, s.pin_hash != ''
		FROM staff s LEFT JOIN windows w ON w.id = s.window_id WHERE s.active = 1
		ORDER BY coalesce(w.ord, 999), s.ab, s.ord, s.id`)
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
		typed := []rune(fmt.Sprint(who))
		return s.loginRefused(ctx, now, nil, "工号 "+string(typed[:min(len(typed), 32)]), "工号不存在或已停用",
			Invalid("pin", badMsg))
	}
	target := staffTarget(row.sess.Code, row.sess.Name)
	if now.Before(row.until) {
		return s.loginRefused(ctx, now, row.sess.StaffID, target, "锁定期间尝试登录",
			lockedError(row.until, now))
	}
	if row.hash == "" {
		burnPIN(pin, s.pin)
		return s.loginRefused(ctx, now, row.sess.StaffID, target, "尚未设置密码", Invalid("pin", badMsg))
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
			outcome = lockedError(t, now)
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
		lockUntil, refusal, err := wrongPIN(ctx, tx, now, row.sess, target, badMsg, failed)
		if err != nil {
			return err
		}
		outcome = refusal
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
	row.sess.PINChange = pinChange(row.sess.Role, pin)
	return row.sess, nil
}

// loginRefused audits a sign-in refused before its PIN is checked (staffID
// nil: no such active staff member) and returns refusal, what the person
// is told.
func (s *Store) loginRefused(ctx context.Context, now time.Time, staffID any, target, detail string,
	refusal error) (Session, error) {
	err := s.tx(ctx, "login", func(tx *sql.Tx) error {
		return audit(ctx, tx, formatTime(now), staffID, AuditLoginFailed, target, detail)
	})
	if err != nil {
		return Session{}, err
	}
	return Session{}, refusal
}

// wrongPIN audits the failed-th wrong PIN in a row and, every
// MaxPINFailures-th, the lockout it starts (for longer each time: lockFor).
// It returns when the lock ends ("" if none) and what the person is told.
func wrongPIN(ctx context.Context, tx *sql.Tx, now time.Time, sess Session, target, badMsg string,
	failed int) (lockUntil string, refusal error, err error) {
	at := formatTime(now)
	if err := audit(ctx, tx, at, sess.StaffID, AuditLoginFailed, target,
		fmt.Sprintf("密码错误（连续第%d次）", failed)); err != nil {
		return "", nil, err
	}
	refusal = Invalid("pin", badMsg)
	if failed%MaxPINFailures == 0 {
		n := failed / MaxPINFailures
		t := now.Add(lockFor(n, sess.Role))
		lockUntil = formatTime(t)
		refusal = lockedError(t, now)
		if err := audit(ctx, tx, at, sess.StaffID, AuditLockout, target,
			fmt.Sprintf("连续%d次密码错误，第%d次锁定，至 %s", failed, n, t.In(China).Format("01-02 15:04:05"))); err != nil {
			return "", nil, err
		}
	}
	return lockUntil, refusal, nil
}

// pinChange says why a PIN that just signed someone in no longer meets the
// rules of their role, or "" when it does. Only administrators are held to
// it at sign-in: their PIN unlocks and resets everyone else's.
func pinChange(role Role, pin string) string {
	if role != RoleAdmin {
		return ""
	}
	if _, err := CheckPINFor("pin", pin, true); err != nil {
		return Message(err)
	}
	return ""
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
	return s.txAs(ctx, "set pin", by, actorOf, func(tx *sql.Tx, actor Session) error {
		if actor.StaffID != staffID && actor.Role != RoleAdmin {
			return Invalid("staff", msgOwnPINOnly)
		}
		var code, name string
		var now Role
		err := tx.QueryRowContext(ctx, `SELECT code, name, role FROM staff WHERE id = ? AND active = 1`, staffID).
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
	return readValue(ctx, s, "first admin", func(tx *sql.Tx) (bool, error) { return needsFirstAdmin(ctx, tx) })
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
