package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// A/B posts, daily sign-in and whereabouts (§三1 AB岗、按时签到; §四2 在岗情况
// 和去向). Sign-in and the attendance report are in duty_attendance.go.
//
// Every staff member signs in (签到) once a day and signs out (签退) when
// they leave: one attendance row per person per day. Signing in also marks
// them 在岗. During the day they change their whereabouts (去向): 在岗,
// 外出办事, 下村入户 or 请假, with a note and an expected return. The latest
// whereabouts row is where they are.
//
// Who is on duty at a window (OnDuty, RouteWindow; ABPostRule): its A post if
// A signed in today, has not signed out and is 在岗 (effectiveDuty);
// otherwise its B post on the same terms; otherwise nobody, with the
// reason. A request handed over to a window goes by the same rule
// (WindowReceiverRule), and every list of a window's staff puts A before B
// (postRank). A whereabouts row counts for a
// day if it was set that day, or if it is not 在岗 and its expected return is
// still ahead (a leave of several days set beforehand); an older row is
// stale and ignored. A 请假 without an expected return therefore lasts the
// day it was set.
//
// The board (DutyBoard.Staff) is what the kiosk's disclosure shows and staff
// see: name, post, window, A/B, where they are, the note and the expected
// return. The note of a 请假 never appears on the board: why someone is on
// leave is their own business, not a public matter (§一(一)1 discloses name,
// photo, post and duties, not health or family).

// DutyStatus is where a staff member is. The first four are what staff set
// (table whereabouts); DutyAbsent and DutySignedOut are only ever computed
// for the board.
type DutyStatus string

// Duty statuses.
const (
	DutyOnDuty    DutyStatus = "on_duty"    // 在岗
	DutyOut       DutyStatus = "out"        // 外出办事
	DutyVillage   DutyStatus = "village"    // 下村入户
	DutyLeave     DutyStatus = "leave"      // 请假
	DutyAbsent    DutyStatus = "absent"     // 未签到 (board only)
	DutySignedOut DutyStatus = "signed_out" // 已签退 (board only)
)

// DutyStatuses lists the statuses staff may choose, in the order a form
// offers them.
var DutyStatuses = []DutyStatus{DutyOnDuty, DutyOut, DutyVillage, DutyLeave}

// Label is the status's Chinese name.
func (d DutyStatus) Label() string { return labelIn(dutyLabels, d) }

var dutyLabels = map[DutyStatus]string{
	DutyOnDuty:    "在岗",
	DutyOut:       "外出办事",
	DutyVillage:   "下村入户",
	DutyLeave:     "请假",
	DutyAbsent:    "未签到",
	DutySignedOut: "已签退",
}

// settable reports whether staff may set this status.
func (d DutyStatus) settable() bool {
	return d == DutyOnDuty || d == DutyOut || d == DutyVillage || d == DutyLeave
}

// Limits of whereabouts.
const (
	MaxWhereaboutsNoteRunes = 60
	MaxReturnAhead          = 366 * 24 * time.Hour // how far ahead an expected return may be
)

// Audit actions of duty. AuditLabel names them through DutyAuditLabel.
const (
	AuditSignIn      = "sign_in"
	AuditSignOut     = "sign_out"
	AuditWhereabouts = "whereabouts"
)

// DutyAuditLabel is the Chinese name of a duty audit action, "" for others.
func DutyAuditLabel(action string) string { return dutyAuditLabels[action] }

var dutyAuditLabels = map[string]string{AuditSignIn: "签到", AuditSignOut: "签退", AuditWhereabouts: "登记去向"}

// SetWhereabouts records where the session's staff member is now. 在岗
// needs today's sign-in (signing in marks 在岗 by itself) and takes no
// expected return. For the other statuses the note (at most
// MaxWhereaboutsNoteRunes characters, one line) and the expected return
// are optional; an expected return must lie ahead. The note of 外出办事 and
// 下村入户 shows on the public board, so it says where, not whom: "到街道
// 送材料", not a resident's name.
func (s *Store) SetWhereabouts(ctx context.Context, by Session, status DutyStatus, note string, expectedReturn time.Time) error {
	return s.SetStaffWhereabouts(ctx, by, by.StaffID, status, note, expectedReturn)
}

// SetStaffWhereabouts is SetWhereabouts for staffID: the session's own, or
// anyone's when the session is an administrator (a colleague phones in
// sick, someone forgot to say they went out).
func (s *Store) SetStaffWhereabouts(ctx context.Context, by Session, staffID int64, status DutyStatus, note string,
	expectedReturn time.Time) error {
	if !status.settable() {
		return Invalid("status", "请选择去向：在岗、外出办事、下村入户或请假。")
	}
	note, err := Text("note", "去向说明", note, MaxWhereaboutsNoteRunes, false, false)
	if err != nil {
		return err
	}
	now := s.now()
	if status == DutyOnDuty {
		expectedReturn = time.Time{}
	}
	if err := ExpectedReturnRule(now, expectedReturn); err != nil {
		return err
	}
	return s.tx(ctx, "whereabouts", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		code, name, err := whereaboutsOf(ctx, tx, actor, staffID, status, now)
		if err != nil {
			return err
		}
		at := formatTime(now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO whereabouts (staff_id, status, note, expected_return, at)
			VALUES (?, ?, ?, ?, ?)`, staffID, string(status), note, formatTime(expectedReturn), at); err != nil {
			return err
		}
		detail := status.Label()
		if note != "" {
			detail += "：" + note
		}
		if !expectedReturn.IsZero() {
			detail += "，预计" + expectedReturn.In(China).Format("1月2日15:04") + "返回"
		}
		if staffID != actor.StaffID {
			detail += "（管理员代为登记）"
		}
		return audit(ctx, tx, at, actor.StaffID, AuditWhereabouts, staffTarget(code, name), detail)
	})
}

// whereaboutsOf checks that actor may set staffID's whereabouts to status
// at now (their own, or anyone's for an administrator; 在岗 by
// OnDutyNeedsSignInRule) and returns the staff member's 工号 and name.
func whereaboutsOf(ctx context.Context, tx *sql.Tx, actor Session, staffID int64, status DutyStatus,
	now time.Time) (code, name string, err error) {
	if staffID != actor.StaffID && actor.Role != RoleAdmin {
		return "", "", Invalid("staff", "只能登记自己的去向；为他人登记请由管理员操作。")
	}
	err = tx.QueryRowContext(ctx, `SELECT code, name FROM staff WHERE id = ? AND active = 1`, staffID).Scan(&code, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", Invalid("staff", "找不到该工作人员，或其已停用。")
	}
	if err != nil || status != DutyOnDuty {
		return code, name, err
	}
	a, err := attendanceOn(ctx, tx, staffID, Day(now))
	if err != nil {
		return "", "", err
	}
	return code, name, OnDutyNeedsSignInRule(a)
}

// OnDutyNeedsSignInRule is 在岗 by the day's attendance (按时签到, §三1):
// only someone signed in today, and not signed out, is 在岗; signing in
// marks it by itself.
func OnDutyNeedsSignInRule(a Attendance) error {
	switch {
	case a.SignIn.IsZero():
		return Invalid("status", "今天还没有签到。请先签到，签到后即为在岗。")
	case !a.SignOut.IsZero():
		return Invalid("status", "今天已经签退。如需继续办公，请重新签到。")
	}
	return nil
}

// ExpectedReturnRule is when someone away may say they will be back (去向,
// §四2, for residents told where staff are): not in the past (to the
// minute), at most MaxReturnAhead ahead; zero when not given.
func ExpectedReturnRule(now, expectedReturn time.Time) error {
	switch {
	case expectedReturn.IsZero():
		return nil
	case expectedReturn.Before(now.Truncate(time.Minute)):
		return Invalid("expected_return", "预计返回时间已经过去，请重新选择。")
	case expectedReturn.After(now.Add(MaxReturnAhead)):
		return Invalid("expected_return", "预计返回时间不能超过一年，请重新选择。")
	}
	return nil
}

// DutyEntry is one staff member on the duty board: only what §一(一)1
// already discloses (name, post, window, A/B) and where they are.
type DutyEntry struct {
	StaffID        int64
	Name           string
	Post           string
	WindowID       int64 // 0 when not at a window
	WindowCode     string
	WindowName     string
	AB             string     // "A", "B" or ""
	Status         DutyStatus // effective: one of DutyStatuses, DutyAbsent or DutySignedOut
	Label          string     // Status.Label()
	Note           string     // the whereabouts note; always empty for 请假
	ExpectedReturn time.Time  // zero when not given
	Since          time.Time  // when the status began (zero for 未签到)
	OnDuty         bool       // signed in, not signed out, 在岗
}

// WindowDuty is who serves a window now.
type WindowDuty struct {
	WindowID int64
	Code     string
	Name     string
	A, B     *DutyEntry // the window's A and B posts; nil when not set
	// OnDuty is the staff member new requests route to: A when A is on
	// duty, else B when B is, else nil.
	OnDuty   *DutyEntry
	Covering bool   // B is on duty because A is not (B岗顶岗)
	Reason   string // in words, e.g. "A岗王芳外出办事，由B岗李强顶岗"
}

// DutyBoard is the on-duty board at one moment: per window who serves it,
// and every active staff member with where they are.
type DutyBoard struct {
	At      time.Time
	Windows []WindowDuty
	Staff   []DutyEntry // by window (A, B, others), staff without a window last
}

// OnDuty computes the duty board at the store's now.
func (s *Store) OnDuty(ctx context.Context) (DutyBoard, error) {
	return readValue(ctx, s, "on duty", func(tx *sql.Tx) (DutyBoard, error) { return dutyBoard(ctx, tx, s.now()) })
}

// DutyRoute is where a window's new requests go.
type DutyRoute struct {
	WindowID int64
	StaffID  int64 // 0: nobody on duty; the request waits at the window
	Name     string
	AB       string
	Covering bool
	Reason   string
}

// RouteWindow says which staff member new requests for the window route to
// at the store's now: A if on duty, else B, else nobody (StaffID 0) with
// the reason. An unknown window is ErrNotFound.
func (s *Store) RouteWindow(ctx context.Context, windowID int64) (DutyRoute, error) {
	return readValue(ctx, s, "route window", func(tx *sql.Tx) (DutyRoute, error) {
		return routeWindow(ctx, tx, windowID, s.now())
	})
}

// routeWindow is RouteWindow inside a transaction (the queue routes
// requests with it).
func routeWindow(ctx context.Context, tx *sql.Tx, windowID int64, now time.Time) (DutyRoute, error) {
	b, err := dutyBoard(ctx, tx, now)
	if err != nil {
		return DutyRoute{}, err
	}
	for _, w := range b.Windows {
		if w.WindowID != windowID {
			continue
		}
		r := DutyRoute{WindowID: windowID, Covering: w.Covering, Reason: w.Reason}
		if w.OnDuty != nil {
			r.StaffID, r.Name, r.AB = w.OnDuty.StaffID, w.OnDuty.Name, w.OnDuty.AB
		}
		return r, nil
	}
	return DutyRoute{}, ErrNotFound
}

// whereRow is a whereabouts row as read.
type whereRow struct {
	Status DutyStatus
	Note   string
	Return time.Time
	At     time.Time
}

// current reports whether the row still says where the person is on day
// (China time) at now: set that day, or not 在岗 with the expected return
// still ahead.
func (w whereRow) current(day string, now time.Time) bool {
	if w.At.IsZero() {
		return false
	}
	if Day(w.At) == day {
		return true
	}
	return w.Status != DutyOnDuty && w.Return.After(now)
}

// effectiveDuty is where a person is at now, from today's attendance and
// their latest whereabouts row (zero if none): a current 外出/下村/请假 wins;
// then 已签退; then 在岗 if signed in; else 未签到.
func effectiveDuty(now time.Time, a Attendance, w whereRow) (DutyStatus, time.Time) {
	day := Day(now)
	signedIn := !a.SignIn.IsZero() && !a.SignIn.After(now)
	signedOut := signedIn && !a.SignOut.IsZero() && !a.SignOut.After(now)
	cur := w.current(day, now)
	switch {
	case cur && w.Status != DutyOnDuty:
		return w.Status, w.At
	case signedOut:
		return DutySignedOut, a.SignOut
	case signedIn:
		if cur {
			return DutyOnDuty, w.At
		}
		return DutyOnDuty, a.SignIn
	}
	return DutyAbsent, time.Time{}
}

func dutyBoard(ctx context.Context, tx *sql.Tx, now time.Time) (DutyBoard, error) {
	b := DutyBoard{At: now}
	day := Day(now)
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, s.post, coalesce(s.window_id, 0), coalesce(w.code, ''),
		coalesce(w.name, ''), s.ab, coalesce(a.sign_in, ''), coalesce(a.sign_out, ''), coalesce(h.status, ''),
		coalesce(h.note, ''), coalesce(h.expected_return, ''), coalesce(h.at, '')
		FROM staff s
		LEFT JOIN windows w ON w.id = s.window_id
		LEFT JOIN attendance a ON a.staff_id = s.id AND a.day = ?
		LEFT JOIN whereabouts h ON h.id = (SELECT x.id FROM whereabouts x WHERE x.staff_id = s.id AND x.at <= ?
			ORDER BY x.at DESC, x.id DESC LIMIT 1)
		WHERE s.active = 1
		ORDER BY w.id IS NULL, coalesce(w.ord, 0), coalesce(w.code, ''), w.id, s.ord, s.id`, day, formatTime(now))
	if err != nil {
		return b, err
	}
	defer rows.Close()
	for rows.Next() {
		var e DutyEntry
		var in, out, status, ret, at string
		var w whereRow
		if err := rows.Scan(&e.StaffID, &e.Name, &e.Post, &e.WindowID, &e.WindowCode, &e.WindowName, &e.AB,
			&in, &out, &status, &w.Note, &ret, &at); err != nil {
			return b, err
		}
		w.Status, w.Return, w.At = DutyStatus(status), parseTime(ret), parseTime(at)
		a := Attendance{StaffID: e.StaffID, Day: day, SignIn: parseTime(in), SignOut: parseTime(out)}
		e.Status, e.Since = effectiveDuty(now, a, w)
		e.Label, e.OnDuty = e.Status.Label(), e.Status == DutyOnDuty
		if e.Status == DutyOut || e.Status == DutyVillage {
			e.Note, e.ExpectedReturn = w.Note, w.Return
		}
		if e.Status == DutyLeave {
			e.ExpectedReturn = w.Return
		}
		b.Staff = append(b.Staff, e)
	}
	if err := rows.Err(); err != nil {
		return b, err
	}
	sortByPost(b.Staff, func(e DutyEntry) int64 { return e.WindowID }, func(e DutyEntry) string { return e.AB })
	windows, err := listWindows(ctx, tx)
	if err != nil {
		return b, err
	}
	for _, win := range windows {
		if !win.Active {
			continue // out of service: no board line, no routing
		}
		wd := WindowDuty{WindowID: win.ID, Code: win.Code, Name: win.Name}
		for i := range b.Staff {
			e := &b.Staff[i]
			if e.WindowID != win.ID {
				continue
			}
			if e.AB == "A" && wd.A == nil {
				wd.A = e
			}
			if e.AB == "B" && wd.B == nil {
				wd.B = e
			}
		}
		wd.OnDuty, wd.Covering, wd.Reason = ABPostRule(wd.A, wd.B)
		b.Windows = append(b.Windows, wd)
	}
	return b, nil
}

// ABPostRule is AB岗 (§三1 AB岗轮流担任窗口工作人员): a window is served by
// its A post when A is on duty (signed in, not signed out, 在岗); when A is
// away or not set, its B post covers (顶岗, covering true) if on duty;
// otherwise nobody serves it. a and b are the window's posts (nil: not
// set); reason says so in words for the board, e.g. "A岗王芳外出办事，由B岗
// 李强顶岗". It is the one place that decides who is on duty at a window:
// the board, the routing of new requests and the hand-over to a window all
// go through it.
func ABPostRule(a, b *DutyEntry) (onDuty *DutyEntry, covering bool, reason string) {
	who := func(post string, e *DutyEntry) string { return post + "岗" + e.Name + e.Label }
	switch {
	case a != nil && a.OnDuty:
		return a, false, fmt.Sprintf("A岗%s在岗", a.Name)
	case b != nil && b.OnDuty && a != nil:
		return b, true, fmt.Sprintf("%s，由B岗%s顶岗", who("A", a), b.Name)
	case b != nil && b.OnDuty:
		return b, true, fmt.Sprintf("未设A岗，由B岗%s在岗", b.Name)
	case a == nil && b == nil:
		return nil, false, "本窗口未设置A、B岗人员"
	case a == nil:
		return nil, false, "未设A岗，" + who("B", b) + "，暂无人员在岗"
	case b == nil:
		return nil, false, who("A", a) + "，未设B岗，暂无人员在岗"
	}
	return nil, false, who("A", a) + "，" + who("B", b) + "，暂无人员在岗"
}

// postRank is the order of the posts of a window (AB岗, §三1): the A post,
// then the B post, then staff without a post. Every list of a window's staff
// and the choice of who takes a request at a window use it.
func postRank(ab string) int {
	switch ab {
	case "A":
		return 0
	case "B":
		return 1
	}
	return 2
}

// sortByPost orders, stably, each run of consecutive elements with the same
// group (a window) by postRank.
func sortByPost[T any, K comparable](xs []T, group func(T) K, ab func(T) string) {
	for i := 0; i < len(xs); {
		j := i + 1
		for j < len(xs) && group(xs[j]) == group(xs[i]) {
			j++
		}
		slices.SortStableFunc(xs[i:j], func(x, y T) int { return postRank(ab(x)) - postRank(ab(y)) })
		i = j
	}
}

// away reports whether the entry's person is out, in the villages or on
// leave by a whereabouts that counts now (not merely not signed in).
func (e DutyEntry) away() bool {
	return e.Status == DutyOut || e.Status == DutyVillage || e.Status == DutyLeave
}

// WindowReceiverRule is who takes a request handed over to a window (首问负
// 责, §五1: 引导给具体经办人员处，直到有人办理为止), from the duty board at
// the window: w with its staff (any order): the staff member on duty by
// ABPostRule, unless that is the request's owner; otherwise, so that the
// request never goes without an owner, another staff member of the window,
// those not away first, then by post (postRank), then in the given order.
// note says, for the audit, how the receiver was found when it was not by
// duty. A window with nobody else is refused with an *InvalidError.
func WindowReceiverRule(w WindowDuty, staff []DutyEntry, owner int64) (to int64, note string, err error) {
	if w.OnDuty != nil && w.OnDuty.StaffID != owner {
		return w.OnDuty.StaffID, "", nil
	}
	var others []DutyEntry
	for _, e := range staff {
		if e.WindowID == w.WindowID && e.StaffID != owner {
			others = append(others, e)
		}
	}
	if len(others) == 0 {
		return 0, "", Invalid("to", "该窗口没有其他可以接收的工作人员，请直接选择接收人。")
	}
	slices.SortStableFunc(others, func(x, y DutyEntry) int {
		if x.away() != y.away() {
			return boolInt(x.away()) - boolInt(y.away())
		}
		return postRank(x.AB) - postRank(y.AB)
	})
	if w.OnDuty == nil {
		note = "窗口当前无人在岗：" + w.Reason
	} else {
		note = "在岗人员即当前负责人"
	}
	return others[0].StaffID, note, nil
}
