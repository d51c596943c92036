package kiosk

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// RegisterHours keeps registration from starting outside office hours
// (the room's hours, §一(一)2 便民措施). It reads the center's hours and the calendar (holidays,
// swapped working days) off the UI goroutine; while the room is open it
// shows the screen's own content, otherwise a polite notice with today's
// hours, the next opening time and the phone, and a button to the guides,
// which stay open.
type RegisterHours struct {
	// Closed is the notice, empty until the room is known to be closed.
	Closed *fitlabel.Label
	// GuidesButton opens 办事指南.
	GuidesButton *widget.Button

	nav    *Nav
	store  RegisterStore
	open   bool
	known  bool
	holder *fyne.Container
	body   fyne.CanvasObject
	onOpen func()
}

func newRegisterHours(nav *Nav, store RegisterStore, body fyne.CanvasObject, onOpen func()) *RegisterHours {
	h := &RegisterHours{nav: nav, store: store, body: body, onOpen: onOpen}
	h.Closed = para("")
	h.GuidesButton = widget.NewButtonWithIcon(lang.L("register.closed.openGuides"), fynetheme.FileTextIcon(), h.onGuides)
	h.GuidesButton.Importance = widget.HighImportance
	h.holder = container.NewStack(status(lang.L("register.hours.checking")))
	return h
}

// Content is what the screen shows: its body once open, the notice when
// closed.
func (h *RegisterHours) Content() fyne.CanvasObject { return h.holder }

// Open reports whether the room was found open (registration may start).
func (h *RegisterHours) Open() bool { return h.open }

// check reads the hours and the calendar and shows the result.
func (h *RegisterHours) check() {
	h.nav.Async(func() func() {
		ctx := h.nav.Context()
		c, err := h.store.Center(ctx)
		var cal *data.Calendar
		if err == nil {
			cal, err = h.store.Calendar(ctx)
		}
		return func() { h.show(c, cal, err) }
	})
}

func (h *RegisterHours) show(c data.Center, cal *data.Calendar, err error) {
	now := h.nav.Now()
	h.known = true
	switch {
	case err != nil:
		// The hours could not be read: registering is still better than
		// sending a resident away for a fault of ours.
		fyne.LogError("kiosk: register: office hours", err)
		h.open = true
	case len(c.Hours) == 0: // no hours configured: no restriction
		h.open = true
	default:
		h.open = c.OpenAt(now, cal)
	}
	if h.open {
		h.holder.Objects = []fyne.CanvasObject{h.body}
		h.holder.Refresh()
		if h.onOpen != nil {
			h.onOpen()
		}
		return
	}
	h.Closed.SetText(regClosedText(c, cal, now))
	h.holder.Objects = []fyne.CanvasObject{vscroll(container.NewVBox(
		heading(lang.L("register.closed.title")),
		h.Closed,
		container.NewHBox(bigButton(h.GuidesButton)),
	))}
	h.holder.Refresh()
}

func (h *RegisterHours) onGuides() { h.nav.Open(FeatureGuides) }

// regClosedText is the closed notice: sorry, today's hours, the next
// opening, the phone, and what can be done now.
func regClosedText(c data.Center, cal *data.Calendar, now time.Time) string {
	lines := []string{lang.L("register.closed.body")}
	var sessions []string
	for _, s := range c.HoursOn(now, cal) {
		sessions = append(sessions, s.Opens+"–"+s.Closes)
	}
	if len(sessions) > 0 {
		lines = append(lines, lang.L("register.closed.today", map[string]any{"Sessions": strings.Join(sessions, "  ")}))
	} else {
		lines = append(lines, lang.L("register.closed.todayNone"))
	}
	if next := c.NextOpening(now, cal); !next.IsZero() {
		lines = append(lines, lang.L("register.closed.next", map[string]any{"When": regWhenText(next, now)}))
	}
	if c.Phone != "" {
		lines = append(lines, lang.L("register.closed.phone", map[string]any{"Phone": c.Phone}))
	}
	lines = append(lines, lang.L("register.closed.guides"))
	return strings.Join(lines, "\n")
}

// regWhenText is an opening time in words: 今天14:30, 明天（星期五）08:30,
// 3月9日（星期一）08:30.
func regWhenText(t, now time.Time) string {
	t, now = t.In(data.China), now.In(data.China)
	clock := t.Format("15:04")
	days := int(time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, data.China).
		Sub(time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, data.China)).Hours() / 24)
	switch days {
	case 0:
		return lang.L("register.when.today", map[string]any{"Time": clock})
	case 1:
		return lang.L("register.when.tomorrow", map[string]any{"Weekday": weekdayText(t.Weekday()), "Time": clock})
	}
	return lang.L("register.when.day", map[string]any{"Month": int(t.Month()), "Day": t.Day(),
		"Weekday": weekdayText(t.Weekday()), "Time": clock})
}
