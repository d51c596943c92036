package kiosk

import (
	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
)

// trackColumns lays its visible objects side by side, equally wide and as
// tall as the tallest, when the window is landscape and wide enough for
// min each; otherwise one above the other, full width. (Inside a scroll
// the layout cannot see the screen's shape, hence the window.) With
// lastFirst, a landscape window too narrow for columns (elder mode on a
// small screen) shows the last object first: the form to fill rather than
// the picture beside it.
type trackColumns struct {
	win       fyne.Window
	min       float32
	lastFirst bool
}

// stackOrder is the order of objects one above the other.
func (l *trackColumns) stackOrder(objects []fyne.CanvasObject) []fyne.CanvasObject {
	s := l.win.Canvas().Size()
	if !l.lastFirst || s.Width < s.Height || len(objects) < 2 {
		return objects
	}
	out := make([]fyne.CanvasObject, 0, len(objects))
	for i := len(objects) - 1; i >= 0; i-- {
		out = append(out, objects[i])
	}
	return out
}

func (l *trackColumns) gap() float32 { return fynetheme.Padding() * 2 }

func (l *trackColumns) side(objects []fyne.CanvasObject, width float32) bool {
	n := len(objects)
	if n < 2 {
		return false
	}
	s := l.win.Canvas().Size()
	if s.Width < s.Height {
		return false
	}
	if width <= 0 {
		width = s.Width
	}
	need := float32(n-1) * l.gap()
	for _, o := range objects {
		need += max(l.min, o.MinSize().Width)
	}
	return width >= need
}

func (l *trackColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects = visible(objects)
	if l.side(objects, size.Width) {
		n := float32(len(objects))
		w := (size.Width - (n-1)*l.gap()) / n
		h := float32(0)
		for _, o := range objects {
			o.Resize(fyne.NewSize(w, o.MinSize().Height)) // wrapped text measures at its width
			h = max(h, o.MinSize().Height)
		}
		for i, o := range objects {
			o.Move(fyne.NewPos(float32(i)*(w+l.gap()), 0))
			o.Resize(fyne.NewSize(w, h))
		}
		return
	}
	y := float32(0)
	for _, o := range l.stackOrder(objects) {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap()
	}
}

func (l *trackColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objects = visible(objects)
	var s fyne.Size
	if l.side(objects, 0) {
		for i, o := range objects {
			m := o.MinSize()
			s.Width += m.Width
			if i > 0 {
				s.Width += l.gap()
			}
			s.Height = max(s.Height, m.Height)
		}
		return s
	}
	for i, o := range objects {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height += l.gap()
		}
	}
	return s
}
