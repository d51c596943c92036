package kiosk

import (
	"image/color"

	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
)

// HeaderStore is what the header reads.
type HeaderStore interface {
	Center(ctx context.Context) (data.Center, error)
}

// Header is the banner on top of every screen: the center's name (hold it
// three seconds for staff login), the time, the date and today's office
// hours by the calendar.
type Header struct {
	Name     *canvas.Text
	NameArea *HoldArea
	Clock    *canvas.Text
	Date     *canvas.Text
	Hours    *canvas.Text

	now       func() time.Time
	center    data.Center
	cal       *data.Calendar   // nil: the plain Monday–Friday week
	today     data.CalendarDay // today's calendar entry, for a holiday's name
	nameWidth float32          // the room the name had at the last layout
	bg        *canvas.Rectangle
	content   fyne.CanvasObject
}

func newHeader(now func() time.Time, hold time.Duration, after AfterFunc, onHold func()) *Header {
	h := &Header{
		Name:  canvas.NewText(lang.L("app.title"), nil),
		Clock: canvas.NewText("", nil),
		Date:  canvas.NewText("", nil),
		Hours: canvas.NewText("", nil),
		now:   now,
		bg:    canvas.NewRectangle(color.Transparent),
	}
	h.Clock.Alignment = fyne.TextAlignTrailing
	h.Date.Alignment = fyne.TextAlignTrailing
	h.NameArea = newHoldArea(h.Name, hold, after, onHold)
	left := container.NewVBox(h.NameArea, h.Hours)
	right := container.NewVBox(h.Clock, h.Date)
	h.content = container.NewStack(h.bg, container.NewPadded(container.New(&bannerLayout{h: h}, left, right)))
	h.Refresh()
	return h
}

// setCompact keeps the header to one line, the center's name and the
// time, without the hours and the date (the slim shell, see Kiosk.Slim).
func (h *Header) setCompact(on bool) {
	setVisible(h.Hours, !on)
	setVisible(h.Date, !on)
}

// SetCenter shows the center's name and office hours.
func (h *Header) SetCenter(c data.Center) {
	h.center = c
	h.Refresh()
}

// SetCalendar makes today's hours follow the calendar: none on a holiday
// (今日休息（国庆节）, named by today's entry), Monday's on a swapped working
// Saturday.
func (h *Header) SetCalendar(cal *data.Calendar, today data.CalendarDay) {
	h.cal, h.today = cal, today
	h.Refresh()
}

// Refresh reads the clock and the theme again: the ticking clock calls it
// every second, and the shell after switching elder mode.
func (h *Header) Refresh() {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := th.Color(bmtheme.ColorNameAccent, v)
	fg := th.Color(bmtheme.ColorNameOnAccent, v)
	if isTransparent(bg) { // not Bianmin's theme (a test's default)
		bg = th.Color(fynetheme.ColorNamePrimary, v)
		fg = th.Color(fynetheme.ColorNameForegroundOnPrimary, v)
	}
	h.bg.FillColor = bg
	h.bg.Refresh()

	now := h.now()
	set := func(t *canvas.Text, text string, size fyne.ThemeSizeName) {
		t.Text, t.Color, t.TextSize = text, fg, th.Size(size)
		t.Refresh()
	}
	h.Name.Color = fg
	h.fitName(h.nameWidth)
	set(h.Clock, clockText(now), fynetheme.SizeNameHeadingText)
	set(h.Date, dateText(now), fynetheme.SizeNameText)
	set(h.Hours, hoursLine(h.center, h.cal, h.today, now), fynetheme.SizeNameText)
	h.NameArea.Refresh()
}

// fitName shows the center's name in the heading size if it fits in width,
// else the short name, else the name in smaller type (never below body
// text). Width 0 means not laid out yet.
func (h *Header) fitName(width float32) {
	th := fyne.CurrentApp().Settings().Theme()
	name := h.center.Name
	if name == "" {
		name = lang.L("app.title")
	}
	size := th.Size(fynetheme.SizeNameHeadingText)
	measure := func(text string, size float32) float32 {
		return fyne.MeasureText(text, size, h.Name.TextStyle).Width
	}
	if width > 0 && measure(name, size) > width && h.center.ShortName != "" {
		name = h.center.ShortName
	}
	if w := measure(name, size); width > 0 && w > width {
		size = max(th.Size(fynetheme.SizeNameText), size*width/w)
	}
	if h.Name.Text != name || h.Name.TextSize != size {
		h.Name.Text, h.Name.TextSize = name, size
		h.Name.Refresh()
	}
}

// bannerLayout puts the name and hours on the left and the clock and date
// on the right, fitting the name into the room left over.
type bannerLayout struct{ h *Header }

func (l *bannerLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	left, right := objects[0], objects[1]
	rw := right.MinSize().Width
	gap := fynetheme.Padding() * 2
	lw := max(0, size.Width-rw-gap)
	if l.h.nameWidth != lw {
		l.h.nameWidth = lw
		l.h.fitName(lw)
	}
	left.Move(fyne.NewPos(0, 0))
	left.Resize(fyne.NewSize(lw, size.Height))
	right.Move(fyne.NewPos(size.Width-rw, 0))
	right.Resize(fyne.NewSize(rw, size.Height))
}

func (l *bannerLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	left, right := objects[0], objects[1]
	r := right.MinSize()
	// The name shrinks to fit, so the left side asks only for its height.
	return fyne.NewSize(r.Width+fynetheme.Padding()*2, max(left.MinSize().Height, r.Height))
}

// Content is the header's canvas object.
func (h *Header) Content() fyne.CanvasObject { return h.content }
