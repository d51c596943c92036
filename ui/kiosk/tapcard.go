package kiosk

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bmtheme "bianmin/ui/theme"
)

// TapCard is a card that can be tapped: a staff member, a window, a level
// of satisfaction. The whole card is the touch target.
type TapCard struct {
	widget.BaseWidget
	OnTapped func()

	content  fyne.CanvasObject
	bg       *canvas.Rectangle
	selected bool
}

// NewTapCard makes content a touch target that runs tapped.
func NewTapCard(content fyne.CanvasObject, tapped func()) *TapCard {
	t := &TapCard{OnTapped: tapped, content: content, bg: canvas.NewRectangle(color.Transparent)}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped is part of fyne.Tappable.
func (t *TapCard) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// SetSelected marks the card as chosen with a thick primary border.
func (t *TapCard) SetSelected(on bool) {
	t.selected = on
	t.Refresh()
}

// Selected reports whether the card is marked as chosen.
func (t *TapCard) Selected() bool { return t.selected }

// CreateRenderer is part of fyne.Widget.
func (t *TapCard) CreateRenderer() fyne.WidgetRenderer {
	r := &tapCardRenderer{t: t}
	r.Refresh()
	return r
}

type tapCardRenderer struct{ t *TapCard }

func (r *tapCardRenderer) Layout(size fyne.Size) {
	r.t.bg.Resize(size)
	r.t.content.Resize(size)
}

func (r *tapCardRenderer) MinSize() fyne.Size {
	th, _ := trackTheme()
	touch := themeSize(th, bmtheme.SizeNameTouchTarget, bmtheme.MinTouchTarget)
	return r.t.content.MinSize().Max(fyne.NewSize(touch, touch))
}

func (r *tapCardRenderer) Refresh() {
	th, v := trackTheme()
	r.t.bg.FillColor = color.Transparent
	r.t.bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	if r.t.selected {
		r.t.bg.StrokeColor = th.Color(fynetheme.ColorNamePrimary, v)
		r.t.bg.StrokeWidth = th.Size(fynetheme.SizeNamePadding) * 0.6
	} else {
		r.t.bg.StrokeWidth = 0
	}
	r.t.bg.Refresh()
	r.t.content.Refresh()
}

func (r *tapCardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.content, r.t.bg}
}

func (r *tapCardRenderer) Destroy() {}
