package touch

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// BringIntoView scrolls every scroll that holds o, innermost first, so that
// o is in sight. A screen calls it right after a tap made o appear or
// change (an error, a confirmation, a result), so a resident never taps and
// sees nothing because the answer lies below the fold. It first lays out
// the objects from the window down to o, as the next frame would: a message
// that has just grown, or a keyboard that has just closed and given the
// scroll more room, would otherwise be measured as they were. o not on a
// canvas (the screen is not shown) is left alone.
func BringIntoView(o fyne.CanvasObject) {
	if o == nil || !o.Visible() || fyne.CurrentApp() == nil {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return
	}
	var path []fyne.CanvasObject
	roots := []fyne.CanvasObject{}
	if ov := c.Overlays(); ov != nil {
		list := ov.List()
		for i := len(list) - 1; i >= 0; i-- {
			roots = append(roots, list[i])
		}
	}
	roots = append(roots, c.Content())
	for _, r := range roots {
		if path = pathTo(r, o); path != nil {
			break
		}
	}
	first := -1
	for i, x := range path {
		if _, ok := x.(*container.Scroll); ok {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	for _, x := range path {
		relayout(x)
	}
	for i := len(path) - 1; i >= first; i-- {
		if s, ok := path[i].(*container.Scroll); ok {
			Reveal(s, o)
		}
	}
}

// pathTo is the chain of objects from root down to o, or nil.
func pathTo(root, o fyne.CanvasObject) []fyne.CanvasObject {
	if root == nil {
		return nil
	}
	if root == o {
		return []fyne.CanvasObject{o}
	}
	for _, c := range children(root) {
		if p := pathTo(c, o); p != nil {
			return append([]fyne.CanvasObject{root}, p...)
		}
	}
	return nil
}

// relayout lays x's children out again at x's present size.
func relayout(x fyne.CanvasObject) {
	switch c := x.(type) {
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	case fyne.Widget:
		if r, ok := cachedRenderer(c); ok && r != nil {
			r.Layout(c.Size())
		}
	}
}
