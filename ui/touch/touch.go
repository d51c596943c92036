package touch

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewVScroll is container.NewVScroll whose content follows a finger.
// The result is a plain *container.Scroll to place and to drive as usual
// (ScrollToTop, Offset, ScrollToOffset); its Content is the given content
// stacked under the drag surface.
func NewVScroll(content fyne.CanvasObject) *container.Scroll {
	return wrap(container.NewVScroll, content)
}

// NewHScroll is container.NewHScroll whose content follows a finger.
func NewHScroll(content fyne.CanvasObject) *container.Scroll {
	return wrap(container.NewHScroll, content)
}

// NewScroll is container.NewScroll whose content follows a finger.
func NewScroll(content fyne.CanvasObject) *container.Scroll {
	return wrap(container.NewScroll, content)
}

func wrap(mk func(fyne.CanvasObject) *container.Scroll, content fyne.CanvasObject) *container.Scroll {
	s := &surface{}
	s.ExtendBaseWidget(s)
	scroll := mk(container.NewStack(content, s))
	s.target = scrollTarget{scroll}
	s.tree = content
	return scroll
}

// List lets a finger scroll l; place the result where l would go.
func List(l *widget.List) fyne.CanvasObject {
	return over(l, offsetTarget{l})
}

// GridWrap lets a finger scroll g; place the result where g would go.
func GridWrap(g *widget.GridWrap) fyne.CanvasObject {
	return over(g, offsetTarget{g})
}

// Table lets a finger scroll t; place the result where t would go.
func Table(t *widget.Table) fyne.CanvasObject {
	return over(t, &tableTarget{t: t})
}

// over stacks the surface over a widget that scrolls inside itself. Unlike
// a container.Scroll's content, such a widget's own scroll bar lies under
// the surface, so a press on the bar's strip hands the drag to the bar.
func over(w fyne.CanvasObject, t target) fyne.CanvasObject {
	s := &surface{target: t, tree: w, barStrip: true}
	s.ExtendBaseWidget(s)
	return container.NewStack(w, s)
}

// Reveal scrolls s, moving as little as possible, so that o (an object
// inside s's content) is fully in sight, or its top is when o is taller
// than the viewport. A screen calls it after a tap that shows a message,
// so the message never appears below the fold. Call it after o is shown
// and laid out (after Refresh of its text).
func Reveal(s *container.Scroll, o fyne.CanvasObject) {
	if s == nil || o == nil || !o.Visible() {
		return
	}
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(o) == nil || d.CanvasForObject(s) == nil {
		return
	}
	rel := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(s))
	off := s.Offset
	view := s.Size()
	off.Y = into(off.Y, rel.Y+off.Y, o.Size().Height, view.Height)
	if s.Direction == container.ScrollHorizontalOnly || s.Direction == container.ScrollBoth {
		off.X = into(off.X, rel.X+off.X, o.Size().Width, view.Width)
	}
	off = fyne.NewPos(max(off.X, 0), max(off.Y, 0)) // ScrollToOffset clamps the far edge
	if off != s.Offset {
		stopGlide(s)
		s.ScrollToOffset(off)
	}
}

// into is the offset, nearest to off, that shows the span [start,
// start+size) in a viewport of length view, with a padding's room around
// it when there is room; the span's start when it is longer than view.
func into(off, start, size, view float32) float32 {
	pad := theme.Padding()
	if size+2*pad > view {
		pad = max(0, (view-size)/2)
	}
	switch {
	case size > view || start-pad < off:
		return start - pad
	case start+size+pad > off+view:
		return start + size + pad - view
	}
	return off
}
