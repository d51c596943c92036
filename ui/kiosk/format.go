package kiosk

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"bianmin/data"
)

// This file turns domain values into the words a resident reads. Every
// phrase comes from the translations; the rules (what counts as a working
// day, which sessions are today's) come from data.

// dateText is the date line of the header: 2026年3月5日 星期四.
func dateText(t time.Time) string {
	t = t.In(data.China)
	return lang.L("kiosk.date", map[string]any{
		"Year":    t.Year(),
		"Month":   int(t.Month()),
		"Day":     t.Day(),
		"Weekday": weekdayText(t.Weekday()),
	})
}

// clockText is the time of the header: 09:05.
func clockText(t time.Time) string { return t.In(data.China).Format("15:04") }

func weekdayText(d time.Weekday) string {
	return lang.L("kiosk.weekday." + strconv.Itoa(int(d)))
}

// promisedText is a time limit in working days; 0 is an item done on the
// spot (即办).
func promisedText(days int) string {
	if days == 0 {
		return lang.L("kiosk.days.onTheSpot")
	}
	return lang.L("kiosk.days.working", map[string]any{"N": days})
}

// tripsText is 到现场次数.
func tripsText(n int) string {
	if n == 0 {
		return lang.L("kiosk.trips.none")
	}
	return lang.L("kiosk.trips.n", map[string]any{"N": n})
}

// modeText is a handling mode's name. The Chinese is data.Mode.Label; the
// translations carry it so the English UI can say it too (a test keeps the
// two equal).
func modeText(m data.Mode) string {
	return lang.X("kiosk.mode."+string(m), m.Label())
}

// formText is a material form's name (原件, 复印件 …), like modeText.
func formText(f data.MaterialForm) string {
	return lang.X("kiosk.form."+string(f), f.Label())
}

// windowText names a window: "1号窗口（社会保障窗口）".
func windowText(code string, names map[string]string) string {
	if name := names[code]; name != "" {
		return lang.L("kiosk.window.named", map[string]any{"Code": code, "Name": name})
	}
	return lang.L("kiosk.window.code", map[string]any{"Code": code})
}

// publishedText is a disclosure's publication line.
func publishedText(t time.Time, publisher string, version int) string {
	t = t.In(data.China)
	return lang.L("kiosk.notice.published", map[string]any{
		"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day(),
		"Publisher": publisher, "Version": version,
	})
}

// shortDate is a date in a list: 2026年1月5日.
func shortDate(t time.Time) string {
	t = t.In(data.China)
	return lang.L("kiosk.shortDate", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day()})
}
