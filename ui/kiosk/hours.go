package kiosk

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
)

// Office hours (§一(一)2 便民措施): the header's "today's hours" line, which
// knows holidays and swapped working days, and whether the room is open
// now, which the home screen shows and the registration flow can ask.
// The rules are data's (Center.OpenAt, NextOpening, HoursOn with the
// stored calendar); this file only says them.

// CalendarStore is what the office hours read besides the profile: the
// working-day calendar, and the calendar entry of one day for a holiday's
// name (今日休息（国庆节）). *data.Store satisfies it.
type CalendarStore interface {
	Calendar(ctx context.Context) (*data.Calendar, error)
	CalendarDay(ctx context.Context, day time.Time) (data.CalendarDay, error)
}

// Calendar is the working-day calendar as last loaded: nil before it has
// loaded, which data reads as the plain Monday–Friday week.
func (n *Nav) Calendar() *data.Calendar { return n.cal }

// OpenNow reports whether the service room is open now, by the center's
// office hours and the calendar (holidays, swapped working days), and when
// it is closed the next time it opens (zero if none within 60 days). While
// open, next is the zero time.
//
// Until the profile has loaded, and for a profile without office hours, it
// reports open: the kiosk never tells a resident the room is closed without
// knowing. The registration flow can use it to wait for opening time.
func (n *Nav) OpenNow() (open bool, next time.Time) {
	if !n.centerLoaded || len(n.center.Hours) == 0 {
		return true, time.Time{}
	}
	now := n.now()
	if n.center.OpenAt(now, n.cal) {
		return true, time.Time{}
	}
	return false, n.center.NextOpening(now, n.cal)
}

// Holiday is the name of today's holiday (国庆节), or "" on any other day.
func (n *Nav) Holiday() string {
	return holidayName(n.today, n.now())
}

// holidayName is the name of the calendar entry day if it is a holiday on
// the date of t.
func holidayName(day data.CalendarDay, t time.Time) string {
	if day.Kind != "holiday" || day.Day != data.Day(t) {
		return ""
	}
	return strings.TrimSpace(day.Name)
}

// loadCalendar reads the calendar and today's entry in it off the UI
// goroutine, then shows them in the header and on the home screen.
func (k *Kiosk) loadCalendar() {
	now := k.opts.Now()
	k.Nav.calDay = data.Day(now) // not again until the date changes
	k.Nav.Async(func() func() {
		cal, day, err := readCalendar(k.opts.Context, k.store, now)
		if err != nil {
			fyne.LogError("kiosk: calendar", err)
			return nil
		}
		return func() { k.applyCalendar(cal, day) }
	})
}

// applyCalendar shows the working-day calendar and today's entry in it.
func (k *Kiosk) applyCalendar(cal *data.Calendar, day data.CalendarDay) {
	k.Nav.cal, k.Nav.today = cal, day
	k.Header.SetCalendar(cal, day)
	k.Home.refreshHours()
}

// readCalendar reads the calendar and the entry of the date of now
// (ErrNotFound, an ordinary day, is no error).
func readCalendar(ctx context.Context, cs CalendarStore, now time.Time) (*data.Calendar, data.CalendarDay, error) {
	cal, err := cs.Calendar(ctx)
	if err != nil {
		return nil, data.CalendarDay{}, err
	}
	day, err := cs.CalendarDay(ctx, now)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return nil, data.CalendarDay{}, err
	}
	return cal, day, nil
}

// hoursLine is the header's office-hours line for the date of t: that day's
// sessions by the calendar ("今日办公时间 08:30–12:00  14:30–17:30", Monday's
// on a swapped working Saturday), "今日休息（国庆节）" on a named holiday, or
// that the room is closed that day.
func hoursLine(c data.Center, cal *data.Calendar, today data.CalendarDay, t time.Time) string {
	if sessions := c.HoursOn(t, cal); len(sessions) > 0 {
		return lang.L("kiosk.hours.today", map[string]any{"Sessions": sessionsText(sessions)})
	}
	if name := holidayName(today, t); name != "" {
		return lang.L("kiosk.hours.holiday", map[string]any{"Name": name})
	}
	return lang.L("kiosk.hours.closedToday")
}

// sessionsText is a day's sessions: "08:30–12:00  14:30–17:30".
func sessionsText(hs []data.OfficeHours) string {
	parts := make([]string, 0, len(hs))
	for _, h := range hs {
		parts = append(parts, h.Opens+"–"+h.Closes)
	}
	return strings.Join(parts, "  ")
}

// weekOrder is Monday first, as a Chinese week is read.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday,
	time.Saturday, time.Sunday}

// weeklyHours is the week's office hours in one line, days with the same
// sessions run together: "星期一至星期五 08:30–12:00  14:30–17:30". Empty
// for a profile without hours.
func weeklyHours(c data.Center) string {
	type group struct {
		from, to time.Weekday
		sessions string
	}
	var groups []group
	prev := -2
	for i, wd := range weekOrder {
		var hs []data.OfficeHours
		for _, h := range c.Hours {
			if h.Weekday == wd {
				hs = append(hs, h)
			}
		}
		if len(hs) == 0 {
			continue
		}
		s := sessionsText(hs)
		if n := len(groups); n > 0 && prev == i-1 && groups[n-1].sessions == s {
			groups[n-1].to = wd
		} else {
			groups = append(groups, group{wd, wd, s})
		}
		prev = i
	}
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		days := weekdayText(g.from)
		if g.to != g.from {
			days = lang.L("kiosk.hours.dayRange", map[string]any{"From": weekdayText(g.from), "To": weekdayText(g.to)})
		}
		parts = append(parts, days+" "+g.sessions)
	}
	return strings.Join(parts, lang.L("kiosk.hours.groupSep"))
}

// nextOpeningText says when the room opens next, seen from now: "今天
// 14:30", "明天（3月6日 星期五）08:30" or "3月9日 星期一 08:30".
func nextOpeningText(now, next time.Time) string {
	now, next = now.In(data.China), next.In(data.China)
	args := map[string]any{
		"Time":    next.Format("15:04"),
		"Month":   int(next.Month()),
		"Day":     next.Day(),
		"Weekday": weekdayText(next.Weekday()),
	}
	switch data.Day(next) {
	case data.Day(now):
		return lang.L("kiosk.hours.nextToday", args)
	case data.Day(now.AddDate(0, 0, 1)):
		return lang.L("kiosk.hours.nextTomorrow", args)
	}
	return lang.L("kiosk.hours.nextDay", args)
}

// closedLines are the lines under 现在是非办公时间 on the home screen: when
// the room opens next, its weekly hours, its phone, and what still works.
func closedLines(c data.Center, now, next time.Time) []string {
	var out []string
	if !next.IsZero() {
		out = append(out, lang.L("kiosk.hours.next", map[string]any{"When": nextOpeningText(now, next)}))
	}
	if w := weeklyHours(c); w != "" {
		out = append(out, lang.L("kiosk.hours.weekly", map[string]any{"Hours": w}))
	}
	if c.Phone != "" {
		out = append(out, lang.L("kiosk.hours.phone", map[string]any{"Phone": c.Phone}))
	}
	return append(out, lang.L("kiosk.hours.stillOpen"))
}
