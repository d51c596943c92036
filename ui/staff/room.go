package staff

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/touch"
)

// The desk is laid out for a 1280×800 window. On a larger monitor (a
// 1920×1080 service-hall screen) a few fixed heights grow with the window,
// so that a chart is not a flat strip across a wide screen.
const (
	baseWidth, baseHeight = 1280, 800
	maxRoomScale          = 1.6
)

// roomScale is how much larger than 1280×800 the window showing o is: the
// smaller of the width and height ratios, 1 at 1280×800 or below (and when
// o is not on a canvas yet), at most maxRoomScale.
func roomScale(o fyne.CanvasObject) float32 {
	app := fyne.CurrentApp()
	if app == nil {
		return 1
	}
	c := app.Driver().CanvasForObject(o)
	if c == nil {
		return 1
	}
	s := c.Size()
	return min(max(min(s.Width/baseWidth, s.Height/baseHeight), 1), maxRoomScale)
}

// hintWidth is the width (at least w) at which a one-line entry shows its
// placeholder whole: the text, the entry's inner padding on both sides (and
// half again, so a typed date fits as well) and the border. A narrower entry scrolls its hint and shows a scroll bar.
func hintWidth(e *widget.Entry, w float32) float32 {
	th := e.Theme()
	text := fyne.MeasureText(e.PlaceHolder, th.Size(fynetheme.SizeNameText), e.TextStyle)
	inner := th.Size(fynetheme.SizeNameInnerPadding)
	return max(w, float32(math.Ceil(float64(text.Width+3*inner+2*th.Size(fynetheme.SizeNameInputBorder)))))
}

// followedBy lays out a row that may scroll sideways with a button just
// after it: the row gets what it needs, or what is left once the button has
// its room, so on a wide screen the button sits next to the row and on a
// narrow one it stays in view while the row scrolls.
func followedBy(row fyne.CanvasObject, button fyne.CanvasObject) *fyne.Container {
	return container.New(&followedByLayout{row: row}, touch.NewHScroll(row), button)
}

type followedByLayout struct{ row fyne.CanvasObject }

func (l *followedByLayout) Layout(o []fyne.CanvasObject, size fyne.Size) {
	pad := fynetheme.Padding()
	b := o[1].MinSize()
	w := max(0, min(l.row.MinSize().Width, size.Width-b.Width-pad))
	o[0].Move(fyne.NewPos(0, 0))
	o[0].Resize(fyne.NewSize(w, size.Height))
	o[1].Move(fyne.NewPos(w+pad, (size.Height-b.Height)/2))
	o[1].Resize(b)
}

func (l *followedByLayout) MinSize(o []fyne.CanvasObject) fyne.Size {
	b := o[1].MinSize()
	return fyne.NewSize(b.Width+fynetheme.Padding(), max(o[0].MinSize().Height, b.Height))
}
