package kiosk

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/fitlabel"
	bmtheme "bianmin/ui/theme"
)

// Tile is a large touch target on a card: an optional icon, a title and a
// subtitle. The home screen's six functions are large tiles (icon above,
// heading text, centred); categories and notices are row tiles (icon or
// nothing on the left, a chevron on the right).
type Tile struct {
	widget.BaseWidget

	Icon     fyne.Resource
	Title    string
	Subtitle string
	OnTapped func()

	large   bool
	hovered bool
}

var (
	_ fyne.Tappable       = (*Tile)(nil)
	_ desktop.Hoverable   = (*Tile)(nil)
	_ fyne.CanvasObject   = (*Tile)(nil)
	_ fyne.WidgetRenderer = (*tileRenderer)(nil)
)

// NewHomeTile makes a large tile for the home screen.
func NewHomeTile(icon fyne.Resource, title, subtitle string, tapped func()) *Tile {
	t := &Tile{Icon: icon, Title: title, Subtitle: subtitle, OnTapped: tapped, large: true}
	t.ExtendBaseWidget(t)
	return t
}

// NewRowTile makes a row tile for a list of categories or notices.
func NewRowTile(icon fyne.Resource, title, subtitle string, tapped func()) *Tile {
	t := &Tile{Icon: icon, Title: title, Subtitle: subtitle, OnTapped: tapped}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped runs OnTapped.
func (t *Tile) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// MouseIn highlights the tile under a mouse (touchscreens send no hover).
func (t *Tile) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (t *Tile) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (t *Tile) MouseOut() { t.hovered = false; t.Refresh() }

// CreateRenderer is part of fyne.Widget.
func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	r := &tileRenderer{t: t, bg: canvas.NewRectangle(color.Transparent)}
	r.title = fitlabel.New("")
	r.sub = widget.NewLabel("")
	r.sub.Wrapping = fyne.TextWrapWord
	r.sub.Importance = widget.MediumImportance
	r.icon = &canvas.Image{FillMode: canvas.ImageFillContain}
	r.chevron = bmtheme.NewIcon(fynetheme.NavigateNextIcon())
	r.Refresh()
	return r
}

type tileRenderer struct {
	t       *Tile
	bg      *canvas.Rectangle
	icon    *canvas.Image
	title   *fitlabel.Label
	sub     *widget.Label
	chevron *bmtheme.Icon
}

func (r *tileRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.icon, r.title, r.sub, r.chevron}
}

func (r *tileRenderer) Destroy() {}

func (r *tileRenderer) Refresh() {
	t := r.t
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(bmtheme.ColorNameCard, v)
	if isTransparent(r.bg.FillColor) {
		r.bg.FillColor = th.Color(fynetheme.ColorNameInputBackground, v)
	}
	if t.hovered {
		r.bg.FillColor = blend(r.bg.FillColor, th.Color(fynetheme.ColorNameHover, v))
	}
	r.bg.StrokeColor = th.Color(fynetheme.ColorNamePrimary, v)
	r.bg.StrokeWidth = 2
	if !t.large {
		r.bg.StrokeColor = th.Color(fynetheme.ColorNameSeparator, v)
	}
	r.bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	r.bg.Refresh()

	// The icon is drawn by Layout, at its size (bmtheme.DrawIcon).
	setVisible(r.icon, t.Icon != nil)

	r.title.Text = t.Title
	r.sub.Text = t.Subtitle
	if t.large {
		r.title.SizeName = fynetheme.SizeNameHeadingText
		r.title.Alignment = fyne.TextAlignCenter
		r.title.Importance = widget.HighImportance
		r.sub.Alignment = fyne.TextAlignCenter
		r.chevron.Hide()
	} else {
		r.title.SizeName = fynetheme.SizeNameSubHeadingText
		r.title.Alignment = fyne.TextAlignLeading
		r.title.Importance = widget.MediumImportance
		r.sub.Alignment = fyne.TextAlignLeading
		r.chevron.Show()
	}
	if t.Subtitle == "" {
		r.sub.Hide()
	} else {
		r.sub.Show()
	}
	r.title.Refresh()
	r.sub.Refresh()
	r.chevron.Refresh()
	r.Layout(t.Size())
}

// iconSide is the icon's side: the theme's tile icon on a home tile, a
// little more than the text on a row tile.
func (r *tileRenderer) iconSide() float32 {
	th := r.t.Theme()
	if r.t.large {
		return themeSize(th, bmtheme.SizeNameTileIcon, 64)
	}
	return th.Size(fynetheme.SizeNameSubHeadingText) * 1.6
}

func (r *tileRenderer) pad() float32 { return r.t.Theme().Size(fynetheme.SizeNamePadding) * 2 }

func (r *tileRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bg.Move(fyne.NewPos(0, 0))
	pad := r.pad()
	if r.t.large {
		r.layoutLarge(size, pad)
		return
	}
	r.layoutRow(size, pad)
}

// layoutLarge centres icon, title and subtitle in the tile. The labels
// span the whole width (their inner padding is the margin) and overlap by
// one inner padding, so title and subtitle read as one block. A tile too
// short for all three (elder mode on a small screen) drops the subtitle,
// then shrinks the icon, so nothing is ever clipped.
func (r *tileRenderer) layoutLarge(size fyne.Size, pad float32) {
	ip := r.t.Theme().Size(fynetheme.SizeNameInnerPadding)
	w := size.Width
	// A tall tile (a portrait screen) gets a bigger icon, up to twice the
	// theme's.
	base := r.iconSide()
	side := max(base, min(base*2, min(size.Width, size.Height)*0.28))
	titleH := r.title.MinSize().Height
	r.sub.Resize(fyne.NewSize(w, r.sub.MinSize().Height))
	subH := r.sub.MinSize().Height
	showSub := r.t.Subtitle != ""
	need := func() float32 {
		n := side + titleH - ip/2
		if showSub {
			n += subH - ip
		}
		return n
	}
	avail := size.Height - pad
	if need() > avail && showSub {
		showSub = false
	}
	if need() > avail {
		side = max(0, avail-titleH+ip/2)
	}
	setVisible(r.sub, showSub)
	setVisible(r.icon, side >= 24 && r.t.Icon != nil)

	y := max(0, (size.Height-need())/2)
	if r.icon.Visible() {
		r.drawIcon(side)
		r.icon.Move(fyne.NewPos((size.Width-side)/2, y))
		y += side - ip/2
	}
	r.title.Resize(fyne.NewSize(w, titleH))
	r.title.Move(fyne.NewPos(0, y))
	y += titleH - ip
	r.sub.Resize(fyne.NewSize(w, subH))
	r.sub.Move(fyne.NewPos(0, y))
}

func setVisible(o fyne.CanvasObject, on bool) {
	if on && !o.Visible() {
		o.Show()
	} else if !on && o.Visible() {
		o.Hide()
	}
}

// drawIcon sizes the icon and draws it in the primary colour, a picture
// drawn once per size and shared (Fyne would decode the SVG at every
// refresh).
func (r *tileRenderer) drawIcon(side float32) {
	r.icon.Resize(fyne.NewSquareSize(side))
	bmtheme.DrawIcon(r.icon, r.t.Icon, fynetheme.ColorNamePrimary, side)
}

func (r *tileRenderer) layoutRow(size fyne.Size, pad float32) {
	x := pad / 2
	if r.icon.Visible() {
		side := r.iconSide()
		r.drawIcon(side)
		r.icon.Move(fyne.NewPos(pad, (size.Height-side)/2))
		x = pad + side
	}
	chev := r.chevron.MinSize()
	r.chevron.Resize(chev)
	r.chevron.Move(fyne.NewPos(size.Width-chev.Width-pad/2, (size.Height-chev.Height)/2))
	w := size.Width - x - chev.Width - pad
	r.sub.Resize(fyne.NewSize(w, r.sub.MinSize().Height))
	titleH := r.title.MinSize().Height
	ip := r.t.Theme().Size(fynetheme.SizeNameInnerPadding)
	subH, overlap := float32(0), float32(0)
	if r.sub.Visible() {
		subH, overlap = r.sub.MinSize().Height, ip
	}
	y := (size.Height - titleH - subH + overlap) / 2
	r.title.Resize(fyne.NewSize(w, titleH))
	r.title.Move(fyne.NewPos(x, y))
	r.sub.Resize(fyne.NewSize(w, subH))
	r.sub.Move(fyne.NewPos(x, y+titleH-overlap))
}

// MinSize is what the tile cannot do without: the title and a touch
// target. The home grid gives large tiles far more, and they fill it.
func (r *tileRenderer) MinSize() fyne.Size {
	th := r.t.Theme()
	pad := r.pad()
	touch := themeSize(th, bmtheme.SizeNameTouchTarget, bmtheme.MinTouchTarget)
	titleH := r.title.MinSize().Height
	if r.t.large {
		return fyne.NewSize(max(touch*3, r.title.MinSize().Width), max(touch*1.5, titleH+pad))
	}
	subH := float32(0)
	if r.sub.Visible() {
		subH = r.sub.MinSize().Height - th.Size(fynetheme.SizeNameInnerPadding)
	}
	return fyne.NewSize(touch*4, max(touch*1.25, titleH+subH+pad))
}

// themeSize reads a Bianmin size name, with a fallback under a theme that
// does not know it (Fyne's default theme answers 0).
func themeSize(th fyne.Theme, name fyne.ThemeSizeName, fallback float32) float32 {
	if v := th.Size(name); v > 0 {
		return v
	}
	return fallback
}

// onCard puts content on a card: the theme's card colour, a thin border
// and rounded corners. Registration, tracking and the other resident
// screens group their parts on it.
func onCard(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(cardBackground(2, 1.5), container.NewPadded(content))
}

// cardBackground is a card's rectangle: the theme's card colour (the input
// background under a theme without one), a separator-coloured border
// stroke wide, and corners of radius times the theme's input radius.
func cardBackground(stroke, radius float32) *canvas.Rectangle {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := canvas.NewRectangle(th.Color(bmtheme.ColorNameCard, v))
	if isTransparent(bg.FillColor) {
		bg.FillColor = th.Color(fynetheme.ColorNameInputBackground, v)
	}
	bg.StrokeColor = th.Color(fynetheme.ColorNameSeparator, v)
	bg.StrokeWidth = stroke
	bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * radius
	return bg
}

func isTransparent(c color.Color) bool {
	if c == nil {
		return true
	}
	_, _, _, a := c.RGBA()
	return a == 0
}

// blend lays the translucent over on top of the opaque base.
func blend(base, over color.Color) color.Color {
	br, bg, bb, _ := base.RGBA()
	or, og, ob, oa := over.RGBA() // premultiplied by oa
	f := float64(oa) / 0xffff
	c := func(b, o uint32) uint8 { return uint8(math.Round((float64(b)*(1-f) + float64(o)) / 257)) }
	return color.NRGBA{R: c(br, or), G: c(bg, og), B: c(bb, ob), A: 0xff}
}

// gridLayout lays tiles out in columns. With fill set (the home screen) the
// tiles share the whole area and the column count is the one whose cells are
// closest to a landscape card (3×2 on a wide screen, 2×3 on a portrait one);
// otherwise (lists in a scroll) as many columns as fit at the minimum cell
// width, each row as tall as its tallest tile.
type gridLayout struct {
	minWidth float32 // minimum cell width; 0 takes the tiles' own
	maxCols  int
	fill     bool
	cols     int // of the last Layout, for MinSize
}

func newGrid(minWidth float32, maxCols int, fill bool) *gridLayout {
	return &gridLayout{minWidth: minWidth, maxCols: maxCols, fill: fill, cols: 1}
}

func (g *gridLayout) gap() float32 { return fynetheme.Padding() * 2 }

func visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

func (g *gridLayout) cellMin(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	if g.minWidth > s.Width {
		s.Width = g.minWidth
	}
	return s
}

func (g *gridLayout) columns(size fyne.Size, objects []fyne.CanvasObject) int {
	n := len(objects)
	if n == 0 {
		return 1
	}
	gap := g.gap()
	cell := g.cellMin(objects)
	fit := int((size.Width + gap) / (cell.Width + gap))
	fit = max(1, min(fit, g.maxCols, n))
	if !g.fill {
		return fit
	}
	// Pick the column count whose cells are closest to a 3:2 card.
	best, bestScore := 1, math.Inf(1)
	for c := 1; c <= min(g.maxCols, n); c++ {
		rows := (n + c - 1) / c
		w := (size.Width - float32(c-1)*gap) / float32(c)
		h := (size.Height - float32(rows-1)*gap) / float32(rows)
		if w <= 0 || h <= 0 {
			continue
		}
		score := math.Abs(math.Log(float64(w/h) / 1.5))
		score += float64(c*rows-n) * 0.3 // empty cells look unfinished
		if w < cell.Width {
			score += 10
		}
		if score < bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

func (g *gridLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects = visible(objects)
	if len(objects) == 0 {
		return
	}
	cols := g.columns(size, objects)
	g.cols = cols
	rows := (len(objects) + cols - 1) / cols
	gap := g.gap()
	w := (size.Width - float32(cols-1)*gap) / float32(cols)
	fillH := (size.Height - float32(rows-1)*gap) / float32(rows)
	y := float32(0)
	for r := 0; r < rows; r++ {
		row := objects[r*cols : min((r+1)*cols, len(objects))]
		h := fillH
		if !g.fill {
			h = 0
			for _, o := range row {
				o.Resize(fyne.NewSize(w, o.MinSize().Height)) // wrapped text measures at its width
				h = max(h, o.MinSize().Height)
			}
		}
		for c, o := range row {
			o.Move(fyne.NewPos(float32(c)*(w+gap), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + gap
	}
}

func (g *gridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objects = visible(objects)
	if len(objects) == 0 {
		return fyne.Size{}
	}
	cell := g.cellMin(objects)
	gap := g.gap()
	cols := max(1, min(g.cols, len(objects)))
	rows := (len(objects) + cols - 1) / cols
	if g.fill {
		return fyne.NewSize(cell.Width, float32(rows)*cell.Height+float32(rows-1)*gap)
	}
	h := float32(0)
	for r := 0; r < rows; r++ {
		rowH := float32(0)
		for _, o := range objects[r*cols : min((r+1)*cols, len(objects))] {
			rowH = max(rowH, o.MinSize().Height)
		}
		h += rowH
	}
	return fyne.NewSize(cell.Width, h+float32(rows-1)*gap)
}
