package themetest

import (
	"weak"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// FirstFrame does to o what the desktop driver's next frame does to a
// window's content before drawing it, and returns the visible objects (o
// first). Fyne 2.7.1 (internal/driver/common/canvas.go EnsureMinSize and
// WalkTrees) walks the visible tree through each widget's cached renderer
// (creating those not yet created), refreshes each image the first time it
// is seen on a canvas (its texture scale may differ) and asks every visible
// object its minimum size. It does not refresh the other objects, and it
// never makes a second renderer for a widget.
//
// Fyne's test.LaidOutObjects is not this: it calls CreateRenderer on every
// widget, so each walk builds a second, throwaway renderer for every widget
// of the window (the shell's too), each decoding its icons again; a screen
// benchmark built on it measures work the program never does.
func FirstFrame(o fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		out = append(out, o)
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		case *canvas.Image:
			if k := weak.Make(c); !seen[k] {
				seen[k] = true
				c.Refresh()
			}
		}
		o.MinSize()
	}
	walk(o)
	return out
}

// seen holds the images FirstFrame has refreshed, weakly (as the driver's
// canvas-for-object cache forgets an object gone from the window); an
// entry for an image collected stays as a few bytes.
var seen = map[weak.Pointer[canvas.Image]]bool{}
