package touch

import (
	_ "unsafe" // for go:linkname, see cachedRenderer

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// cachedRenderer is Fyne's own renderer lookup. Fyne exports no way to
// reach the objects a widget draws (only its test package, whose init
// replaces the running app), yet a tap the overlay delivers itself must find
// the same widget the driver would have found. The lookup only reads the
// cache: a widget that was never rendered is not on the screen either.
//
//go:linkname cachedRenderer fyne.io/fyne/v2/internal/cache.CachedRenderer
func cachedRenderer(wid fyne.Widget) (fyne.WidgetRenderer, bool)

// hit is one object under a point, with the point in its own coordinates.
type hit struct {
	obj fyne.CanvasObject
	pos fyne.Position // the point, relative to obj
	at  fyne.Position // obj's position relative to the walk's root
}

// objectsAt lists the visible objects under p (relative to root) in the
// order the glfw driver walks them (internal/driver/util.go
// FindObjectAtPositionMatching): depth first, parents before children,
// earlier siblings first, so the driver's pick is the last that matches.
// Objects outside a scroll's viewport are left out, as the driver clips.
func objectsAt(root fyne.CanvasObject, p fyne.Position) []hit {
	var out []hit
	var walk func(o fyne.CanvasObject, offset fyne.Position, clipPos fyne.Position, clipSize fyne.Size)
	walk = func(o fyne.CanvasObject, offset fyne.Position, clipPos fyne.Position, clipSize fyne.Size) {
		if o == nil || !o.Visible() {
			return
		}
		pos := o.Position().Add(offset)
		if o == root {
			pos = fyne.Position{}
		}
		size := o.Size()
		if _, ok := o.(*container.Scroll); ok || isScrollable(o) {
			clipPos, clipSize = pos, size
		}
		if p.X < clipPos.X || p.Y < clipPos.Y || p.X >= clipPos.X+clipSize.Width || p.Y >= clipPos.Y+clipSize.Height {
			return
		}
		if p.X >= pos.X && p.Y >= pos.Y && p.X < pos.X+size.Width && p.Y < pos.Y+size.Height {
			out = append(out, hit{obj: o, pos: p.Subtract(pos), at: pos})
		}
		for _, c := range children(o) {
			walk(c, pos, clipPos, clipSize)
		}
	}
	walk(root, fyne.Position{}, fyne.Position{}, root.Size())
	return out
}

func isScrollable(o fyne.CanvasObject) bool {
	_, ok := o.(fyne.Scrollable)
	return ok
}

// children are the objects o draws: a container's objects or a rendered
// widget's renderer objects.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch c := o.(type) {
	case *fyne.Container:
		return c.Objects
	case fyne.Widget:
		if r, ok := cachedRenderer(c); ok && r != nil {
			return r.Objects()
		}
	}
	return nil
}
