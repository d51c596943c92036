package touch

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Select is a widget.Select whose list of options scrolls with a finger.
// Fyne's own drop-down is a PopUpMenu that scrolls by the wheel and its bar
// only (fyne-io/fyne#5755: the desktop driver gives its scroll no drags),
// so a long list on a touchscreen showed its first options and no more.
// Select opens instead a pop-up holding a List under this package's drag
// surface: a drag scrolls it, a flick glides, a tap chooses, a tap outside
// closes it. Everything else (Options, Selected, OnChanged, SetSelected,
// PlaceHolder, Disable, the look of the closed widget) is widget.Select's.
//
// A screen that built widget.NewSelect(opts, f) builds NewSelect(opts, f)
// and holds a *touch.Select where it held a *widget.Select.
type Select struct {
	widget.Select

	// List is the open list of options (nil while closed), for tests.
	List  *widget.List
	popUp *widget.PopUp
}

// NewSelect is widget.NewSelect with a finger-scrolled list of options.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// Tapped is part of fyne.Tappable: it opens the list of options.
func (s *Select) Tapped(*fyne.PointEvent) {
	if s.Disabled() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s)
	if c == nil {
		return
	}
	if !fyne.CurrentDevice().IsMobile() && c.Focused() != s {
		c.Focus(s)
	}
	s.open(c)
}

// TypedKey is part of fyne.Focusable: space and the arrows up and down
// open the list, as on widget.Select; left and right step through it.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil && !s.Disabled() {
			s.open(c)
		}
	default:
		s.Select.TypedKey(ev)
	}
}

// Hide hides the list of options with the widget.
func (s *Select) Hide() {
	s.close()
	s.Select.Hide()
}

// IsOpen is whether the list of options is shown.
func (s *Select) IsOpen() bool { return s.popUp != nil && s.popUp.Visible() }

func (s *Select) close() {
	if s.popUp != nil {
		s.popUp.Hide()
		s.popUp, s.List = nil, nil
	}
}

// open shows the options in a pop-up by the widget (showOptions).
func (s *Select) open(c fyne.Canvas) {
	s.close()
	var pop *widget.PopUp
	pop, s.List = showOptions(c, s, s.Options, s.SelectedIndex(), s.Alignment, func(id int) {
		if s.popUp != pop {
			return
		}
		s.close()
		s.SetSelectedIndex(id) // calls OnChanged, for the same option too, as Fyne's menu does
	})
	s.popUp = pop
}

// showOptions shows options in a pop-up under the widget by, as wide as
// by (or the longest option) and as tall as the options, within the
// window: above by when there is more room there, and scrolling in the
// room on that side when the list is longer; by stays in sight unless the
// window leaves no room by it. The option current (-1: none) is bold and
// first in sight; a tap on an option calls chosen with its index.
func showOptions(c fyne.Canvas, by fyne.Widget, options []string, current int, align fyne.TextAlign,
	chosen func(int)) (*widget.PopUp, *widget.List) {
	opts := append([]string(nil), options...)
	th := fyne.CurrentApp().Settings().Theme()
	if t, ok := by.(interface{ Theme() fyne.Theme }); ok {
		th = t.Theme()
	}
	pad := th.Size(theme.SizeNamePadding)
	inner := th.Size(theme.SizeNameInnerPadding)

	row := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Alignment = align
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	list := widget.NewList(func() int { return len(opts) }, row, func(id widget.ListItemID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = id == current
		l.SetText(opts[id])
	})
	list.OnSelected = func(id widget.ListItemID) { chosen(id) }
	pop := widget.NewPopUp(List(list), c)

	// Size: the rows as List lays them out, one padding between two.
	rowH := row().MinSize().Height
	n := float32(len(opts))
	listH := max(rowH, n*(rowH+pad)-pad)
	width := by.Size().Width
	textSize := th.Size(theme.SizeNameText)
	for i, o := range opts {
		if i == 200 { // enough to know the width; a long list scrolls anyway
			break
		}
		width = max(width, fyne.MeasureText(o, textSize, fyne.TextStyle{Bold: true}).Width+4*inner)
	}
	area := c.Size()
	width = min(width, area.Width)
	h := listH + inner

	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(by)
	border := th.Size(theme.SizeNameInputBorder)
	below := area.Height - (at.Y + by.Size().Height - border)
	above := at.Y + border
	y := at.Y + by.Size().Height - border
	room := 3 * (rowH + pad) // a list shorter than this would hardly scroll
	switch {
	case h <= below:
	case h <= above || above > below && above >= room:
		h = min(h, above)
		y = at.Y + border - h
	case below >= room:
		h = below // longer than the room either side: it scrolls below the widget
	default:
		h = min(h, area.Height) // no room by the widget: over it, inside the window
		y = area.Height - h
	}
	pop.Resize(fyne.NewSize(width, h))
	pop.ShowAtPosition(fyne.NewPos(at.X, max(y, 0)))
	if current >= 0 { // the chosen option first in sight
		offsetTarget{list}.scrollTo(fyne.NewPos(0, float32(current)*(rowH+pad)))
	}
	return pop, list
}
