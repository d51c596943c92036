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
// candidate is never drawn smaller to fit.
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
	x := float32(0)
	for i, o := range objects {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(ws[i], size.Height))
		x += ws[i] + pad
	}
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
	return fyne.NewSize(w, h)
}
