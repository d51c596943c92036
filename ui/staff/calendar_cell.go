package staff

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
)

// DayCell is one day of the calendar's month grid: a large touch target
// with the day's number, 休 (holiday) or 班 (swapped working day) in a
// coloured badge, and the holiday's name. Weekends are shaded, days of the
// next and previous month dimmed, today outlined.
type DayCell struct {
	widget.BaseWidget

	Day     time.Time
	Entry   data.CalendarDay // the stored entry; Kind "" for an ordinary day
	InMonth bool
	Today   bool
	// OnTapped opens the day's dialog.
	OnTapped func()
}

func newDayCell() *DayCell {
	c := &DayCell{}
	c.ExtendBaseWidget(c)
	return c
}

// Mark is what the badge shows: 休, 班 or "".
func (c *DayCell) Mark() string {
	switch c.Entry.Kind {
	case data.DayHoliday:
		return lang.L("calendar.mark.holiday")
	case data.DayWorkday:
		return lang.L("calendar.mark.workday")
	}
	return ""
}

// Weekend reports whether the cell's day is a Saturday or Sunday.
func (c *DayCell) Weekend() bool {
	wd := c.Day.In(data.China).Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// Tapped runs OnTapped.
func (c *DayCell) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// CreateRenderer draws the cell.
func (c *DayCell) CreateRenderer() fyne.WidgetRenderer {
	r := &dayCellRenderer{c: c,
		bg:        canvas.NewRectangle(color.Transparent),
		number:    canvas.NewText("", color.Black),
		badge:     canvas.NewRectangle(color.Transparent),
		badgeText: canvas.NewText("", color.White),
		name:      canvas.NewText("", color.Black),
	}
	r.number.TextStyle = fyne.TextStyle{Bold: true}
	r.badgeText.TextStyle = fyne.TextStyle{Bold: true}
	r.badgeText.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

type dayCellRenderer struct {
	c                 *DayCell
	bg, badge         *canvas.Rectangle
	number, badgeText *canvas.Text
	name              *canvas.Text
	size              fyne.Size
}

const dayBadge = 26

func (r *dayCellRenderer) Layout(size fyne.Size) {
	r.size = size
	r.bg.Resize(size)
	r.bg.Move(fyne.NewPos(0, 0))
	pad := float32(8)
	r.number.Move(fyne.NewPos(pad, 2))
	r.number.Resize(r.number.MinSize())
	r.badge.Resize(fyne.NewSquareSize(dayBadge))
	r.badge.Move(fyne.NewPos(size.Width-dayBadge-5, 5))
	r.badgeText.Resize(fyne.NewSquareSize(dayBadge))
	r.badgeText.Move(r.badge.Position())
	r.name.Text = fitText(r.nameText(), r.name.TextSize, r.name.TextStyle, size.Width-2*pad)
	ns := r.name.MinSize()
	r.name.Resize(ns)
	top := r.number.Position().Y + r.number.MinSize().Height - 4
	r.name.Move(fyne.NewPos(pad, max(top, size.Height-ns.Height-4)))
}

func (r *dayCellRenderer) MinSize() fyne.Size { return fyne.NewSize(96, 50) }

func (r *dayCellRenderer) nameText() string {
	return r.c.Entry.Name
}

func (r *dayCellRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	col := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	bg := col(bmtheme.ColorNameCard)
	if c.Weekend() {
		bg = col(fynetheme.ColorNameHeaderBackground)
	}
	r.bg.FillColor = bg
	r.bg.CornerRadius = 6
	r.bg.StrokeWidth = 1
	r.bg.StrokeColor = col(fynetheme.ColorNameSeparator)
	if c.Today {
		r.bg.StrokeWidth = 3
		r.bg.StrokeColor = col(fynetheme.ColorNamePrimary)
	}
	fg := col(fynetheme.ColorNameForeground)
	if !c.InMonth {
		fg = col(fynetheme.ColorNameDisabled)
	}
	r.number.Text = strconv.Itoa(c.Day.In(data.China).Day())
	r.number.Color = fg
	r.number.TextSize = th.Size(fynetheme.SizeNameSubHeadingText)
	r.name.Color = fg
	r.name.TextSize = th.Size(fynetheme.SizeNameCaptionText) + 1
	r.badgeText.Text = c.Mark()
	r.badgeText.TextSize = th.Size(fynetheme.SizeNameText)
	r.badge.CornerRadius = 4
	switch c.Entry.Kind {
	case data.DayHoliday:
		r.badge.FillColor = col(bmtheme.ColorNameAccent)
		r.badgeText.Color = col(bmtheme.ColorNameOnAccent)
	case data.DayWorkday:
		r.badge.FillColor = col(bmtheme.ColorNameStatusInfo)
		r.badgeText.Color = col(bmtheme.ColorNameOnStatus)
	default:
		r.badge.FillColor = color.Transparent
	}
	if !c.InMonth && c.Entry.Kind != "" {
		r.badge.FillColor = fadeColor(r.badge.FillColor)
	}
	if !r.size.IsZero() {
		r.Layout(r.size)
	}
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *dayCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.number, r.badge, r.badgeText, r.name}
}

func (r *dayCellRenderer) Destroy() {}

// fitText cuts s with "…" to fit width.
func fitText(s string, size float32, style fyne.TextStyle, width float32) string {
	if s == "" || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := string(rs[:n]) + "…"
		if fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return ""
}

// fadeColor is c at half opacity.
func fadeColor(c color.Color) color.Color {
	r, g, b, a := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a >> 9)}
}
