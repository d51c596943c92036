package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Attendance (按时签到, §三1): signing in and out, and the attendance report.

// Attendance is one staff member's sign-in record for one day.
type Attendance struct {
	StaffID int64
	Day     string // 'YYYY-MM-DD', China time
	SignIn  time.Time
	SignOut time.Time // zero until signed out
	// Already is true when the call changed nothing: signing in when
	// already signed in, or out when already signed out. The screen says so
	// politely ("您今天已签到") instead of an error.
	Already bool
}

// SignIn signs the session's staff member in for today and marks them 在岗.
// Signing in again the same day changes nothing (Attendance.Already).
// Signing in after signing out (back in the afternoon) reopens the day: the
// first sign-in time stays, the sign-out is cleared.
func (s *Store) SignIn(ctx context.Context, by Session) (Attendance, error) {
	return s.changeAttendance(ctx, "sign in", by, func(tx *sql.Tx, actor Session, now time.Time, a *Attendance) error {
		at := formatTime(now)
		detail := ""
		switch {
		case !a.SignIn.IsZero() && a.SignOut.IsZero():
			a.Already = true
			return nil
		case !a.SignIn.IsZero():
			if _, err := tx.ExecContext(ctx, `UPDATE attendance SET sign_out = '' WHERE staff_id = ? AND day = ?`,
				actor.StaffID, a.Day); err != nil {
				return err
			}
			a.SignOut = time.Time{}
			detail = "签退后重新签到"
		default:
			if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (staff_id, day, sign_in) VALUES (?, ?, ?)`,
				actor.StaffID, a.Day, at); err != nil {
				return err
			}
			a.SignIn = now
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO whereabouts (staff_id, status, at) VALUES (?, 'on_duty', ?)`,
			actor.StaffID, at); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditSignIn, staffTarget(actor.Code, actor.Name), detail)
	})
}

// SignOut signs the session's staff member out for today. Signing out
// twice changes nothing (Attendance.Already); signing out without having
// signed in is refused with a message.
func (s *Store) SignOut(ctx context.Context, by Session) (Attendance, error) {
	return s.changeAttendance(ctx, "sign out", by, func(tx *sql.Tx, actor Session, now time.Time, a *Attendance) error {
		switch {
		case a.SignIn.IsZero():
			return Invalid("attendance", "您今天还没有签到，无需签退。")
		case !a.SignOut.IsZero():
			a.Already = true
			return nil
		}
		at := formatTime(now)
		if _, err := tx.ExecContext(ctx, `UPDATE attendance SET sign_out = ? WHERE staff_id = ? AND day = ?`,
			at, actor.StaffID, a.Day); err != nil {
			return err
		}
		a.SignOut = now
		return audit(ctx, tx, at, actor.StaffID, AuditSignOut, staffTarget(actor.Code, actor.Name), "")
	})
}

// changeAttendance runs change in one transaction on the session's staff
// member's record for today (zero times when they have not signed in) at
// the store's now, and returns the record as change leaves it.
func (s *Store) changeAttendance(ctx context.Context, op string, by Session,
	change func(tx *sql.Tx, actor Session, now time.Time, a *Attendance) error) (Attendance, error) {
	var a Attendance
	err := s.txAs(ctx, op, by, actorOf, func(tx *sql.Tx, actor Session) error {
		now := s.now()
		var err error
		if a, err = attendanceOn(ctx, tx, actor.StaffID, Day(now)); err != nil {
			return err
		}
		return change(tx, actor, now, &a)
	})
	if err != nil {
		return Attendance{}, err
	}
	return a, nil
}

// TodayAttendance is the session's staff member's record for today (zero
// times when they have not signed in), for the staff mode's header.
func (s *Store) TodayAttendance(ctx context.Context, staffID int64) (Attendance, error) {
	return readValue(ctx, s, "attendance", func(tx *sql.Tx) (Attendance, error) {
		return attendanceOn(ctx, tx, staffID, Day(s.now()))
	})
}

func attendanceOn(ctx context.Context, tx *sql.Tx, staffID int64, day string) (Attendance, error) {
	var in, out string
	err := tx.QueryRowContext(ctx, `SELECT sign_in, sign_out FROM attendance WHERE staff_id = ? AND day = ?`,
		staffID, day).Scan(&in, &out)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil // not signed in: zero times
	}
	return Attendance{StaffID: staffID, Day: day, SignIn: parseTime(in), SignOut: parseTime(out)}, err
}

// AttendanceSummary is one staff member's attendance over a period.
type AttendanceSummary struct {
	StaffID  int64
	Name     string
	Workdays int // working days in the period, up to today
	Present  int // days signed in (a weekend or holiday worked counts too)
	Leave    int // working days not signed in, on 请假
	Absent   int // working days not signed in and not on leave
	// SignedOut is how many of the Present days ended with a sign-out.
	SignedOut int
}

// AttendanceReport summarises every active staff member's attendance over
// the period [from, to), in the convention of Report: a day counts when its
// midnight (China time) is in the period, so MonthPeriod gives a month.
// Days after today are not counted: they have not happened yet.
func (s *Store) AttendanceReport(ctx context.Context, from, to time.Time) ([]AttendanceSummary, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	first, end := periodDays(from, to)
	last := min(end-1, dayNum(s.now()))
	var out []AttendanceSummary
	err = s.read(ctx, "attendance report", func(tx *sql.Tx) error {
		if err := collectRows(ctx, tx, &out, func(a *AttendanceSummary) []any { return []any{&a.StaffID, &a.Name} },
			`SELECT id, name FROM staff WHERE active = 1 ORDER BY ord, id`); err != nil {
			return err
		}
		for i := range out {
			if err := attendanceOf(ctx, tx, cal, &out[i], first, last); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// attendanceOf fills a's counts for day numbers first..last.
func attendanceOf(ctx context.Context, tx *sql.Tx, cal *Calendar, a *AttendanceSummary, first, last int) error {
	if last < first {
		return nil
	}
	from, end := Day(dayTime(first)), Day(dayTime(last))
	signed := map[int]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT day, sign_out FROM attendance
		WHERE staff_id = ? AND day >= ? AND day <= ? AND sign_in != ''`, a.StaffID, from, end)
	if err != nil {
		return err
	}
	for rows.Next() {
		var day, out string
		if err := rows.Scan(&day, &out); err != nil {
			rows.Close()
			return err
		}
		t, err := ParseDay(day)
		if err != nil {
			continue
		}
		signed[dayNum(t)] = true
		a.Present++
		if out != "" {
			a.SignedOut++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Whereabouts from the last row before the period on, to tell leave
	// from absence.
	var ws []whereRow
	rows, err = tx.QueryContext(ctx, `SELECT status, expected_return, at FROM whereabouts WHERE staff_id = ? AND at < ?
		AND at >= coalesce((SELECT max(at) FROM whereabouts WHERE staff_id = ? AND at < ?), '')
		ORDER BY at, id`, a.StaffID, formatTime(dayTime(last+1)), a.StaffID, formatTime(dayTime(first)))
	if err != nil {
		return err
	}
	for rows.Next() {
		var w whereRow
		var status, ret, at string
		if err := rows.Scan(&status, &ret, &at); err != nil {
			rows.Close()
			return err
		}
		w.Status, w.Return, w.At = DutyStatus(status), parseTime(ret), parseTime(at)
		ws = append(ws, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	a.Workdays, a.Leave, a.Absent = AttendanceRule(cal, first, last, signed, ws)
	return nil
}

// AttendanceRule counts a person's working days first..last (day numbers;
// 按时签到, §三1; 考勤, §一(二)2): each working day of cal is present when
// signed in that day (signed); otherwise on leave when the latest
// whereabouts row set by the day's end (ws, oldest first) is a 请假 set that
// day, or an earlier one expected back only on a later day (someone due
// back at 08:30 who never signed in was absent); otherwise absent.
// Weekends and holidays do not count.
func AttendanceRule(cal *Calendar, first, last int, signed map[int]bool, ws []whereRow) (workdays, leave, absent int) {
	j := -1 // index of the latest row set before the end of day d
	for d := first; d <= last; d++ {
		if !cal.isWork(d) {
			continue
		}
		workdays++
		if signed[d] {
			continue
		}
		next := dayTime(d + 1)
		for j+1 < len(ws) && ws[j+1].At.Before(next) {
			j++
		}
		if j >= 0 && ws[j].Status == DutyLeave && (dayNum(ws[j].At) == d || !ws[j].Return.Before(next)) {
			leave++
			continue
		}
		absent++
	}
	return workdays, leave, absent
}

// periodDays is the day numbers whose midnight (China) is in [from, to):
// the first, and the one after the last.
func periodDays(from, to time.Time) (first, end int) {
	first, end = dayNum(from), dayNum(to)
	if dayTime(first).Before(from) {
		first++
	}
	if dayTime(end).Before(to) {
		end++
	}
	return first, end
}
