package touch

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// target is what a surface scrolls.
type target interface {
	offset() fyne.Position
	scrollTo(fyne.Position) // clamps to the content's edges
	scrolls(vertical bool) bool
}

type scrollTarget struct{ s *container.Scroll }

func (t scrollTarget) offset() fyne.Position { return t.s.Offset }

func (t scrollTarget) scrollTo(p fyne.Position) {
	switch t.s.Direction {
	case container.ScrollVerticalOnly:
		p.X = 0
	case container.ScrollHorizontalOnly:
		p.Y = 0
	}
	t.s.ScrollToOffset(p) // clamps
}

func (t scrollTarget) scrolls(vertical bool) bool {
	switch t.s.Direction {
	case container.ScrollNone:
		return false
	case container.ScrollVerticalOnly:
		return vertical
	case container.ScrollHorizontalOnly:
		return !vertical
	}
	return true
}

// offsetScroller is a widget that scrolls up and down by an offset of its
// own: a List or a GridWrap.
type offsetScroller interface {
	fyne.Widget
	GetScrollOffset() float32
	ScrollToOffset(float32)
}

// offsetTarget scrolls a List or a GridWrap.
type offsetTarget struct{ w offsetScroller }

func (t offsetTarget) offset() fyne.Position { return fyne.NewPos(0, t.w.GetScrollOffset()) }

func (t offsetTarget) scrollTo(p fyne.Position) {
	max := t.w.Size().Height
	if sc := innerScroll(t.w); sc != nil {
		max = sc.Content.Size().Height - sc.Size().Height
	}
	t.w.ScrollToOffset(clamp(p.Y, max))
}

func (t offsetTarget) scrolls(vertical bool) bool { return vertical }

type tableTarget struct{ t *widget.Table }

// offset reads the table's cell scroll, as Table has no offset getter.
func (t *tableTarget) offset() fyne.Position {
	if sc := innerScroll(t.t); sc != nil {
		return sc.Offset
	}
	return fyne.Position{}
}

func (t *tableTarget) scrollTo(p fyne.Position) {
	if sc := innerScroll(t.t); sc != nil {
		p.X = clamp(p.X, sc.Content.Size().Width-sc.Size().Width)
		p.Y = clamp(p.Y, sc.Content.Size().Height-sc.Size().Height)
	}
	t.t.ScrollToOffset(p)
}

func (t *tableTarget) scrolls(bool) bool { return true }

// innerScroll is the largest container.Scroll a widget draws: the one that
// scrolls its rows or cells (a table's headers scroll in smaller ones).
func innerScroll(w fyne.Widget) *container.Scroll {
	var best *container.Scroll
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if sc, ok := o.(*container.Scroll); ok {
			if best == nil || sc.Size().Width*sc.Size().Height > best.Size().Width*best.Size().Height {
				best = sc
			}
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(w)
	return best
}

func clamp(v, max float32) float32 {
	if v > max {
		v = max
	}
	if v < 0 {
		v = 0
	}
	return v
}

func typeName(o any) string { return fmt.Sprintf("%T", o) }
