package input

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"

	"bianmin/ui/touch"
)

// candidateRow lays a page of candidate keys out left to right: each takes
// one slot (the bar's width shared by CandidatesPerPage, as the letter keys
// share theirs) or, for a word too long for a slot (居住证 among single
// characters), as much as its text needs at the full candidate size. A
// page wider than the bar scrolls with a finger (newCandidateArea): a
// candidate is never drawn smaller to fit. While it scrolls, the keys leave
// the bottom of the strip to the scroll bar (as wide as it grows under a
// finger), which Fyne draws over the content's bottom edge: no key lies
// under it.
type candidateRow struct {
	view *container.Scroll // the viewport the slots share
}

// newCandidateArea is the scrolling strip of candidate keys.
func newCandidateArea(keys []*Key) *container.Scroll {
	l := &candidateRow{}
	objs := make([]fyne.CanvasObject, len(keys))
	for i, k := range keys {
		objs[i] = k
	}
	s := touch.NewHScroll(&fyne.Container{Layout: l, Objects: objs})
	l.view = s
	return s
}

func (l *candidateRow) widths(objects []fyne.CanvasObject) (ws []float32, pad float32) {
	pad = fynetheme.Padding()
	if len(objects) > 0 {
		pad = objects[0].(*Key).sizeTheme().Size(fynetheme.SizeNamePadding)
	}
	slot := float32(0)
	if l.view != nil && l.view.Size().Width > 0 {
		slot = (l.view.Size().Width+pad)/CandidatesPerPage - pad
	}
	ws = make([]float32, len(objects))
	for i, o := range objects {
		k := o.(*Key)
		ws[i] = max(slot, k.MinSize().Width, k.labelWidth())
	}
	return ws, pad
}

func (l *candidateRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	ws, pad := l.widths(objects)
	h := size.Height - l.barRoom(objects, ws, pad)
	x := float32(0)
	for i, o := range objects {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(ws[i], h))
		x += ws[i] + pad
	}
}

// barRoom is the height the scroll bar takes at the bottom of the strip:
// none while the page fits (no bar), else the bar's largest height.
func (l *candidateRow) barRoom(objects []fyne.CanvasObject, ws []float32, pad float32) float32 {
	if l.view == nil || len(objects) == 0 {
		return 0
	}
	total := float32(len(ws)-1) * pad
	for _, w := range ws {
		total += w
	}
	if l.fits(total) {
		return 0
	}
	return objects[0].(*Key).sizeTheme().Size(fynetheme.SizeNameScrollBar)
}

func (l *candidateRow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	ws, pad := l.widths(objects)
	var w, h float32
	for i, o := range objects {
		if i > 0 {
			w += pad
		}
		w += ws[i]
		h = max(h, o.MinSize().Height)
	}
	if l.fits(w) { // slots that fill the bar, give or take a rounding: no bar
		w = min(w, l.view.Size().Width)
	}
	return fyne.NewSize(w, h)
}

// fits is whether a page width fits in the bar, with a rounding's leeway
// (the slots share the bar's width exactly, in floating point).
func (l *candidateRow) fits(width float32) bool {
	return l.view != nil && width <= l.view.Size().Width+0.5
}
