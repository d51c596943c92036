// Package stack has a layout that stacks its visible objects top to bottom,
// each at its minimum height and the full width, a chosen gap apart: a VBox
// whose gap is not the theme's padding.
package stack

import "fyne.io/fyne/v2"

// Layout stacks the visible objects Gap apart.
type Layout struct{ Gap float32 }

// Layout places the visible objects one under another, Gap apart.
func (l Layout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.Gap
	}
}

// MinSize is the widest visible object's width and the visible objects'
// heights with a gap between each two.
func (l Layout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
		n++
	}
	if n > 1 {
		s.Height += float32(n-1) * l.Gap
	}
	return s
}
