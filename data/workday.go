package data

import (
	"math"
	"time"
)

// Working-day arithmetic for the time limits of §七 (限时办结) and the 补正
// rules of §六.
//
// Dates are calendar days in China time (the fixed zone China, UTC+8): every
// time.Time argument is reduced to its date there, and every date returned is
// midnight China time of that day.
//
// Counting rule. A time limit of n working days runs from the day after
// acceptance (期间开始之日不计算在内: the day of acceptance is not counted,
// as in 民法典 §201 and the practice of 行政许可法 §82, "期限以工作日计算，不含
// 法定节假日"): the due date is the n-th working day after the day of
// acceptance. n = 0 (直接办理, 即收即办) makes the due date the day of
// acceptance itself. Acceptance on a day off changes nothing: the count
// still starts the next day, so it is the first working day that is day 1.
//
// A working day is Monday to Friday, minus official holidays that fall on
// them, plus swapped working days (调休上班) that fall on a weekend.
//
// Pauses. A Pause [From, To) stops the clock: working days D with
// From ≤ D < To are not counted, and counting resumes on To, which counts if
// it is a working day. Use a pause for steps that do not count toward the
// limit (特别程序) and for an extension by stopping. A 补正 (missing
// materials) is not a pause but a restart: when the materials are complete
// the full limit runs again from that day, so the store sets the clock's
// start to the completion day and calls DueDate from there.

// Calendar knows which dates are working days. The zero value and a nil
// *Calendar are the plain Monday–Friday week.
type Calendar struct {
	off map[int]bool // holidays (day numbers), whatever the weekday
	on  map[int]bool // swapped working days (调休), whatever the weekday
}

// Pause is a span [From, To) of dates during which the clock stands still.
// A zero To means the pause is still open (the clock is stopped now).
type Pause struct {
	From, To time.Time
}

// DueState is how a request stands against its due date.
type DueState string

// Due states.
const (
	DueNone    DueState = ""         // no due date (none set, or the clock is stopped)
	DueOK      DueState = "ok"       // more than DueSoonWorkdays working days left
	DueSoon    DueState = "due_soon" // due today, or within DueSoonWorkdays working days
	DueOverdue DueState = "overdue"  // the due date has passed
)

// DueSoonWorkdays: a request is due soon when at most this many working days
// are left after today (§七: staff see what is due soon).
const DueSoonWorkdays = 1

// SupplementNoticeWorkdays: a 补正通知 must go out within this many working
// days of receiving the request; without one by then, the request counts as
// accepted on the day it was received (§六).
const SupplementNoticeWorkdays = 5

// NewCalendar makes a calendar from holiday dates (off although a weekday)
// and swapped working days (on although a weekend). A date in both lists is
// a working day: the explicit swap wins.
func NewCalendar(holidays, workdays []time.Time) *Calendar {
	c := &Calendar{off: make(map[int]bool, len(holidays)), on: make(map[int]bool, len(workdays))}
	for _, d := range holidays {
		c.off[dayNum(d)] = true
	}
	for _, d := range workdays {
		n := dayNum(d)
		c.on[n] = true
		delete(c.off, n)
	}
	return c
}

// CalendarFromDays makes a calendar from the stored calendar exceptions
// (table calendar_days, the catalog's "calendar", OfficialCalendarDays). It
// refuses a malformed entry and a date listed both as holiday and as
// working day, naming the entry ("[3].day").
func CalendarFromDays(days []CalendarDay) (*Calendar, error) {
	c := &Calendar{off: map[int]bool{}, on: map[int]bool{}}
	for i, d := range days {
		if err := d.Validate(); err != nil {
			return nil, err.(*InvalidError).Prefix("[" + itoa(i) + "]")
		}
		t, _ := ParseDay(d.Day)
		n := dayNum(t)
		if (d.Kind == "holiday" && c.on[n]) || (d.Kind == "workday" && c.off[n]) {
			return nil, Invalid("["+itoa(i)+"].day", d.Day+" 不能既是放假日又是调休上班日，请核对。").
				keyed("data.workday.both", map[string]any{"Day": d.Day})
		}
		if d.Kind == "holiday" {
			c.off[n] = true
		} else {
			c.on[n] = true
		}
	}
	return c, nil
}

// IsWorkday reports whether the date of d is a working day.
func (c *Calendar) IsWorkday(d time.Time) bool { return c.isWork(dayNum(d)) }

func (c *Calendar) isWork(n int) bool {
	if c != nil {
		if c.on[n] {
			return true
		}
		if c.off[n] {
			return false
		}
	}
	wd := weekdayOf(n)
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkdays returns the n-th working day after the date of start (the
// due date of an n-working-day limit accepted on start; see the counting
// rule above). n ≤ 0 gives the date of start.
func (c *Calendar) AddWorkdays(start time.Time, n int) time.Time {
	due, _ := c.DueDate(start, n, nil)
	return due
}

// DueDate is AddWorkdays with pauses: working days inside a pause are not
// counted. If a pause is still open (zero To) and the count reaches it, the
// due date is not known yet: DueDate returns the zero time and false.
func (c *Calendar) DueDate(start time.Time, n int, pauses []Pause) (time.Time, bool) {
	d := dayNum(start)
	if n <= 0 {
		return dayTime(d), true
	}
	spans := pauseSpans(pauses)
	for counted := 0; counted < n; {
		d++
		if end, paused := pausedUntil(spans, d); paused {
			if end == math.MaxInt {
				return time.Time{}, false
			}
			d = end - 1 // resume on end
			continue
		}
		if c.isWork(d) {
			counted++
		}
	}
	return dayTime(d), true
}

// WorkdaysBetween counts the working days after the date of a up to and
// including the date of b, so WorkdaysBetween(s, AddWorkdays(s, n)) == n.
// If b is before a the count is negative: -WorkdaysBetween(b, a). For "time
// left" pass today and the due date: 0 means due today (or on the next
// working day when today is a day off), 1 means one more working day.
func (c *Calendar) WorkdaysBetween(a, b time.Time) int {
	x, y := dayNum(a), dayNum(b)
	sign := 1
	if y < x {
		x, y, sign = y, x, -1
	}
	n := 0
	for d := x + 1; d <= y; d++ {
		if c.isWork(d) {
			n++
		}
	}
	return sign * n
}

// WorkdaysLeft is the time left on an n-working-day clock started on start
// with pauses, as seen on the date of now: n minus the working days counted
// after start up to and including now (not counting paused days, and
// nothing from the start of a pause that is still open). Negative once the
// due date has passed (the number of working days overdue).
func (c *Calendar) WorkdaysLeft(start time.Time, n int, pauses []Pause, now time.Time) int {
	s, t := dayNum(start), dayNum(now)
	spans := pauseSpans(pauses)
	used := 0
	for d := s + 1; d <= t; d++ {
		if end, paused := pausedUntil(spans, d); paused {
			if end == math.MaxInt {
				break
			}
			d = end - 1
			continue
		}
		if c.isWork(d) {
			used++
		}
	}
	return n - used
}

// DueState says where a due date stands on the date of now: DueOverdue after
// the due date, DueSoon on it or when at most DueSoonWorkdays working days
// are left after today, DueOK before that, DueNone for a zero due date. A
// request whose clock is stopped (waiting for materials) has no due state:
// the caller does not ask.
//
// In SQL terms: overdue is due_day < today; due soon is today ≤ due_day <
// DueSoonBefore(now).
func (c *Calendar) DueState(now, due time.Time) DueState {
	if due.IsZero() {
		return DueNone
	}
	today, d := dayNum(now), dayNum(due)
	switch {
	case d < today:
		return DueOverdue
	case c.WorkdaysBetween(now, due) <= DueSoonWorkdays:
		return DueSoon
	default:
		return DueOK
	}
}

// DueSoonBefore is the first due date that is not yet due soon on the date
// of now: a due date D is due soon when today ≤ D < DueSoonBefore(now). The
// queue filters with it in SQL.
func (c *Calendar) DueSoonBefore(now time.Time) time.Time {
	return c.AddWorkdays(now, DueSoonWorkdays+1)
}

// SupplementNoticeDeadline is the last day a 补正通知 may go out for a
// request received on received: SupplementNoticeWorkdays working days after.
func (c *Calendar) SupplementNoticeDeadline(received time.Time) time.Time {
	return c.AddWorkdays(received, SupplementNoticeWorkdays)
}

// span is a pause in day numbers, [from, to); to = math.MaxInt if open.
type span struct{ from, to int }

func pauseSpans(pauses []Pause) []span {
	out := make([]span, 0, len(pauses))
	for _, p := range pauses {
		s := span{from: dayNum(p.From), to: math.MaxInt}
		if !p.To.IsZero() {
			s.to = dayNum(p.To)
		}
		if s.to > s.from {
			out = append(out, s)
		}
	}
	return out
}

// pausedUntil reports whether day d is paused and, if so, the first day
// after d that no pause covers (math.MaxInt if an open pause covers it).
// Overlapping and touching pauses chain.
func pausedUntil(spans []span, d int) (int, bool) {
	end, paused := d, false
	for moved := true; moved; {
		moved = false
		for _, s := range spans {
			if s.from <= end && end < s.to {
				end, paused, moved = s.to, true, true
				if end == math.MaxInt {
					return end, true
				}
			}
		}
	}
	return end, paused
}

// dayNum is the date of t in China as a count of days since 1970-01-01.
func dayNum(t time.Time) int {
	y, m, d := t.In(China).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayTime is midnight China time of day number n.
func dayTime(n int) time.Time {
	y, m, d := time.Unix(int64(n)*86400, 0).UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, China)
}

// weekdayOf day number n (1970-01-01 was a Thursday).
func weekdayOf(n int) time.Weekday { return time.Weekday(((n % 7) + 7 + 4) % 7) }
