package kiosk

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bmtheme "bianmin/ui/theme"
)

// RegisterChoice is one big option: a radio button (one of several) or a
// check button (any of several) drawn as a card as wide as its column,
// with the option's text large and, below it, optional detail (the badges
// of a material, a line of explanation). The whole card is the touch
// target; a chosen card has a thick primary border and a tinted fill.
type RegisterChoice struct {
	widget.BaseWidget

	Text    string
	Multi   bool // a check button; otherwise a radio button
	Checked bool
	// OnTapped runs on a tap; the step decides what it changes.
	OnTapped func()

	detail fyne.CanvasObject
}

var _ fyne.Tappable = (*RegisterChoice)(nil)

func newRegisterChoice(text string, multi bool, detail fyne.CanvasObject, tapped func()) *RegisterChoice {
	c := &RegisterChoice{Text: text, Multi: multi, OnTapped: tapped, detail: detail}
	c.ExtendBaseWidget(c)
	return c
}

// SetChecked marks the option chosen or not.
func (c *RegisterChoice) SetChecked(on bool) {
	if c.Checked != on {
		c.Checked = on
		c.Refresh()
	}
}

// Tapped runs OnTapped.
func (c *RegisterChoice) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// CreateRenderer is part of fyne.Widget.
func (c *RegisterChoice) CreateRenderer() fyne.WidgetRenderer {
	r := &regChoiceRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), icon: canvas.NewImageFromResource(nil)}
	r.icon.FillMode = canvas.ImageFillContain
	r.label = widget.NewLabel(c.Text)
	r.label.Wrapping = fyne.TextWrapWord
	r.label.SizeName = fynetheme.SizeNameSubHeadingText
	r.Refresh()
	return r
}

type regChoiceRenderer struct {
	c     *RegisterChoice
	bg    *canvas.Rectangle
	icon  *canvas.Image
	label *widget.Label
}

func (r *regChoiceRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.icon, r.label}
	if r.c.detail != nil {
		objs = append(objs, r.c.detail)
	}
	return objs
}

func (r *regChoiceRenderer) Destroy() {}

func (r *regChoiceRenderer) iconSide() float32 {
	return r.c.Theme().Size(fynetheme.SizeNameSubHeadingText) * 1.5
}

func (r *regChoiceRenderer) pad() float32 { return r.c.Theme().Size(fynetheme.SizeNamePadding) }

// textWidth is the width the label wraps at inside a card of width w.
func (r *regChoiceRenderer) textWidth(w float32) float32 {
	return max(w-r.iconSide()-3*r.pad(), 10)
}

// heights measures the label and the detail at the card's width.
func (r *regChoiceRenderer) heights(w float32) (label, detail float32) {
	tw := r.textWidth(w)
	r.label.Resize(fyne.NewSize(tw, r.label.MinSize().Height))
	label = r.label.MinSize().Height
	if d := r.c.detail; d != nil && d.Visible() {
		d.Resize(fyne.NewSize(tw, d.MinSize().Height))
		detail = d.MinSize().Height
	}
	return label, detail
}

func (r *regChoiceRenderer) Layout(size fyne.Size) {
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(size)
	pad, side := r.pad(), r.iconSide()
	lh, dh := r.heights(size.Width)
	ip := r.c.Theme().Size(fynetheme.SizeNameInnerPadding)
	overlap := float32(0)
	if dh > 0 {
		overlap = ip / 2
	}
	total := lh + dh - overlap
	y := max((size.Height-total)/2, 0)
	r.icon.Resize(fyne.NewSquareSize(side))
	r.icon.Move(fyne.NewPos(pad*1.5, (size.Height-side)/2))
	x := side + pad*2
	tw := r.textWidth(size.Width)
	r.label.Move(fyne.NewPos(x, y))
	r.label.Resize(fyne.NewSize(tw, lh))
	if d := r.c.detail; d != nil {
		d.Move(fyne.NewPos(x+r.label.Theme().Size(fynetheme.SizeNameInnerPadding)/2, y+lh-overlap))
		d.Resize(fyne.NewSize(tw-ip/2, dh))
	}
}

func (r *regChoiceRenderer) MinSize() fyne.Size {
	th := r.c.Theme()
	touch := themeSize(th, bmtheme.SizeNameTouchTarget, bmtheme.MinTouchTarget)
	w := r.c.Size().Width
	if w <= 0 {
		w = touch * 5
	}
	lh, dh := r.heights(w)
	if dh > 0 {
		dh -= th.Size(fynetheme.SizeNameInnerPadding) / 2
	}
	return fyne.NewSize(touch*3, max(touch*1.2, lh+dh+r.pad()))
}

func (r *regChoiceRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	card := th.Color(bmtheme.ColorNameCard, v)
	if isTransparent(card) {
		card = th.Color(fynetheme.ColorNameInputBackground, v)
	}
	r.bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	if c.Checked {
		r.bg.FillColor = blend(card, th.Color(fynetheme.ColorNameSelection, v))
		r.bg.StrokeColor = th.Color(fynetheme.ColorNamePrimary, v)
		r.bg.StrokeWidth = 4
		r.label.Importance = widget.HighImportance
	} else {
		r.bg.FillColor = card
		r.bg.StrokeColor = th.Color(fynetheme.ColorNameInputBorder, v)
		r.bg.StrokeWidth = 2
		r.label.Importance = widget.MediumImportance
	}
	var icon fyne.Resource
	switch {
	case c.Multi && c.Checked:
		icon = fynetheme.NewPrimaryThemedResource(fynetheme.CheckButtonCheckedIcon())
	case c.Multi:
		icon = fynetheme.CheckButtonIcon()
	case c.Checked:
		icon = fynetheme.NewPrimaryThemedResource(fynetheme.RadioButtonCheckedIcon())
	default:
		icon = fynetheme.RadioButtonIcon()
	}
	r.icon.Resource = icon
	r.label.Text = c.Text
	r.bg.Refresh()
	r.icon.Refresh()
	r.label.Refresh()
	r.Layout(c.Size())
}

// regChoiceGrid lays option cards in as many columns (up to maxCols) as
// fit at minWidth each.
func regChoiceGrid(minWidth float32, maxCols int, choices []*RegisterChoice) *fyne.Container {
	g := container.New(newGrid(minWidth, maxCols, false))
	for _, c := range choices {
		g.Add(c)
	}
	return g
}
