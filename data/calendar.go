package data

import (
	"context"
	"database/sql"
	"time"
)

// Calendar reads the working-day calendar: the stored holidays and swapped
// working days over a Monday–Friday week.
func (s *Store) Calendar(ctx context.Context) (*Calendar, error) {
	days, err := readValue(ctx, s, "calendar", func(tx *sql.Tx) ([]CalendarDay, error) { return calendarDays(ctx, tx) })
	if err != nil {
		return nil, err
	}
	return CalendarFromDays(days)
}

// calendarOf is the working-day calendar as stored, inside a transaction.
func calendarOf(ctx context.Context, tx *sql.Tx) (*Calendar, error) {
	days, err := calendarDays(ctx, tx)
	if err != nil {
		return nil, err
	}
	return CalendarFromDays(days)
}

func calendarDays(ctx context.Context, tx *sql.Tx) ([]CalendarDay, error) {
	return queryRows(ctx, tx, func(d *CalendarDay) []any { return []any{&d.Day, &d.Kind, &d.Name} },
		`SELECT day, kind, name FROM calendar_days ORDER BY day`)
}

// PutCalendarDays adds or replaces calendar exceptions (for example next
// year's official schedule), all or nothing.
func (s *Store) PutCalendarDays(ctx context.Context, days []CalendarDay) error {
	if _, err := CalendarFromDays(days); err != nil {
		return err
	}
	return s.tx(ctx, "calendar", func(tx *sql.Tx) error {
		for _, d := range days {
			if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?)
				ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name`, d.Day, d.Kind, d.Name); err != nil {
				return err
			}
		}
		return nil
	})
}

// OpenAt reports whether the service room is open at t: a working day by
// the calendar, within one of the day's opening sessions. A swapped working
// day on a weekend (调休) keeps Monday's hours.
func (c *Center) OpenAt(t time.Time, cal *Calendar) bool {
	t = t.In(China)
	if !cal.IsWorkday(t) {
		return false
	}
	hm := t.Format("15:04")
	for _, h := range c.hoursOn(t.Weekday()) {
		if hm >= h.Opens && hm < h.Closes {
			return true
		}
	}
	return false
}

// NextOpening is the next time at or after t when the room opens, within
// 60 days; the zero time if it has no hours at all.
func (c *Center) NextOpening(t time.Time, cal *Calendar) time.Time {
	t = t.In(China)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, China)
	for i := 0; i < 60; i++ {
		d := day.AddDate(0, 0, i)
		if !cal.IsWorkday(d) {
			continue
		}
		for _, h := range c.hoursOn(d.Weekday()) {
			open, err := time.ParseInLocation("2006-01-02 15:04", d.Format("2006-01-02")+" "+h.Opens, China)
			if err != nil {
				continue
			}
			closes, err := time.ParseInLocation("2006-01-02 15:04", d.Format("2006-01-02")+" "+h.Closes, China)
			if err != nil {
				continue
			}
			if t.Before(open) {
				return open
			}
			if t.Before(closes) {
				return t // open now
			}
		}
	}
	return time.Time{}
}

// HoursOn lists the opening sessions that apply on the date of t (Monday's
// on a weekend working day; none on a holiday).
func (c *Center) HoursOn(t time.Time, cal *Calendar) []OfficeHours {
	t = t.In(China)
	if !cal.IsWorkday(t) {
		return nil
	}
	return c.hoursOn(t.Weekday())
}

func (c *Center) hoursOn(wd time.Weekday) []OfficeHours {
	var out []OfficeHours
	for _, h := range c.Hours {
		if h.Weekday == wd {
			out = append(out, h)
		}
	}
	if len(out) == 0 && (wd == time.Saturday || wd == time.Sunday) {
		return c.hoursOn(time.Monday)
	}
	return out
}
