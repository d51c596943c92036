package theme

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/touch"
)

// Tighter spacing without container.NewThemeOverride.
//
// Fyne 2.7.1 gives every ThemeOverride (and every Refresh of one) a new
// font-cache scope: the first text drawn in it parses the whole CJK font
// again and keeps the copy for the life of the program (fyne
// internal/cache/theme.go OverrideTheme, internal/painter/font.go
// CachedFontFace). An override per card or list row cost hundreds of MB.
// The helpers here give the same look with layouts alone; nothing in the
// program may use container.NewThemeOverride.

// Inset shows o with every side moved out by by() dp: o is laid out that
// much larger than the room it is given, and asks for that much less. For
// a label this takes back part of its inner padding (which Fyne sizes for
// buttons, and which breaks a card of text into loose lines) while the
// text wraps and aligns exactly as with a smaller inner padding. by is
// read on every layout, so a theme change (elder mode) applies.
//
// The wrapper is visible exactly when o is: hiding or showing o leaves no
// gap in a box, as with o itself.
func Inset(o fyne.CanvasObject, by func() float32) fyne.CanvasObject {
	w := &insetBox{content: o, by: by}
	w.ExtendBaseWidget(w)
	return w
}

type insetBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
	by      func() float32
	keep    bool // lay the content out in the room given (Shrink)
}

// Visible follows the content, so that a box skips a hidden label.
func (w *insetBox) Visible() bool { return w.content.Visible() }

// Show shows the content.
func (w *insetBox) Show() { w.content.Show() }

// Hide hides the content.
func (w *insetBox) Hide() { w.content.Hide() }

// MinSize is the content's less twice the inset, and nothing while the
// content is hidden.
func (w *insetBox) MinSize() fyne.Size {
	if !w.content.Visible() {
		return fyne.Size{}
	}
	d := w.by()
	m := w.content.MinSize()
	return fyne.NewSize(max(m.Width-2*d, 0), max(m.Height-2*d, 0))
}

// CreateRenderer is part of fyne.Widget.
func (w *insetBox) CreateRenderer() fyne.WidgetRenderer { return &insetRenderer{w: w} }

type insetRenderer struct{ w *insetBox }

func (r *insetRenderer) Layout(size fyne.Size) {
	d := r.w.by()
	if r.w.keep {
		d = 0
	}
	r.w.content.Move(fyne.NewPos(-d, -d))
	r.w.content.Resize(size.AddWidthHeight(2*d, 2*d))
}

func (r *insetRenderer) MinSize() fyne.Size           { return r.w.MinSize() }
func (r *insetRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.w.content} }
func (r *insetRenderer) Destroy()                     {}
func (r *insetRenderer) Refresh() {
	r.Layout(r.w.Size())
	r.w.content.Refresh()
}

// Shrink gives o by() dp less on every side than it asks for, and lays it
// out at the size it is given. For a widget that centres its content (a
// button) this is a smaller inner padding: the background shrinks around
// the same text and icon. Like Inset it is visible exactly when o is.
func Shrink(o fyne.CanvasObject, by func() float32) fyne.CanvasObject {
	w := &insetBox{content: o, by: by, keep: true}
	w.ExtendBaseWidget(w)
	return w
}

// InsetLabels walks the containers of o and wraps every label and rich
// text in them (and o itself if it is one) with Inset(·, by), so that a
// card of text built from ordinary labels sits as closely as with a
// smaller inner padding. It changes the containers in place and returns o
// (or the wrapper of o).
//
// A label placed directly in a Border container is left alone, since a
// Border knows its sides by identity: put such a label in a Stack first.
// Objects added to the containers later are not wrapped.
func InsetLabels(o fyne.CanvasObject, by func() float32) fyne.CanvasObject {
	if isText(o) {
		return Inset(o, by)
	}
	if c, ok := o.(*fyne.Container); ok {
		insetContainer(c, by)
	}
	return o
}

func insetContainer(c *fyne.Container, by func() float32) {
	border := c.Layout != nil && reflect.TypeOf(c.Layout) == borderType
	for i, o := range c.Objects {
		switch {
		case isText(o):
			if !border {
				c.Objects[i] = Inset(o, by)
			}
		default:
			if cc, ok := o.(*fyne.Container); ok {
				insetContainer(cc, by)
			}
		}
	}
}

var borderType = reflect.TypeOf(layout.NewBorderLayout(nil, nil, nil, nil))

// isText reports whether o is a label of text that wraps or may: Fyne's,
// or a wrapped fitlabel (a label cut with … is a one-line label, left as
// it is).
func isText(o fyne.CanvasObject) bool {
	switch x := o.(type) {
	case *widget.Label, *widget.RichText:
		return true
	case *fitlabel.Label:
		return x.Wraps()
	}
	return false
}

// Tighten lays out o as if the theme's inner padding were inner() and its
// padding pad(), for the objects where that can be done without a theme
// override: labels, rich text and checks are inset (Inset), buttons and
// selects, which centre their content, shrink (Shrink), and boxes, padded
// containers and borders use pad() between and around their objects. It
// walks o's containers, changing them in place, and returns o or its
// wrapper. Calling it again on the same o wraps only what was added since
// (a list filled after it was built).
//
// Not reached: entries (whose text sits at the top of their inner
// padding), and the inside of other widgets (a widget.List's rows: tighten
// each row as it is made).
func Tighten(o fyne.CanvasObject, inner, pad func() float32) fyne.CanvasObject {
	by := func() float32 {
		return fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameInnerPadding) - inner()
	}
	return tighten(o, by, pad)
}

func tighten(o fyne.CanvasObject, by, pad func() float32) fyne.CanvasObject {
	switch x := o.(type) {
	case *widget.Label, *widget.RichText, *widget.Check:
		return Inset(o, by)
	case *fitlabel.Label:
		if x.Wraps() {
			return Inset(o, by)
		}
	case *widget.Button, *widget.Select, *touch.Select:
		return Shrink(o, by)
	case *container.Scroll:
		x.Content = tighten(x.Content, by, pad)
	case *container.AppTabs:
		for _, it := range x.Items {
			it.Content = tighten(it.Content, by, pad)
		}
	case *fyne.Container:
		switch l := x.Layout.(type) {
		case *borderBox:
			// Its sides are kept by identity: walk inside, replace nothing.
			for _, c := range x.Objects {
				if cc, ok := c.(*fyne.Container); ok {
					tighten(cc, by, pad)
				}
			}
			return x
		default:
			switch reflect.TypeOf(l) {
			case borderType:
				sides, ok := borderSides(l, x.Objects)
				if !ok {
					for _, c := range x.Objects {
						if cc, ok := c.(*fyne.Container); ok {
							tighten(cc, by, pad)
						}
					}
					return x
				}
				b := &borderBox{pad: pad}
				for i, c := range x.Objects {
					t := tighten(c, by, pad)
					x.Objects[i] = t
					for j, side := range sides {
						if side == c {
							b.sides[j] = t
						}
					}
				}
				x.Layout = b
				return x
			case vboxType:
				x.Layout = &gapBox{pad: pad}
			case hboxType:
				x.Layout = &gapBox{pad: pad, horizontal: true}
			case paddedType:
				x.Layout = &paddedBox{pad: pad}
			}
		}
		for i, c := range x.Objects {
			x.Objects[i] = tighten(c, by, pad)
		}
	}
	return o
}

// borderSides finds, among objects, the top, bottom, left and right of
// Fyne's border layout l. The layout keeps them in unexported fields; they
// are only compared here (reflect may read, not use, them). ok is false if
// the layout is not as in Fyne 2.7.1.
func borderSides(l fyne.Layout, objects []fyne.CanvasObject) (sides [4]fyne.CanvasObject, ok bool) {
	v := reflect.ValueOf(l)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct || v.Elem().NumField() != 4 {
		return sides, false
	}
	e := v.Elem()
	for i := range 4 {
		f := e.Field(i)
		if f.Kind() != reflect.Interface {
			return sides, false
		}
		if f.IsNil() {
			continue
		}
		p := f.Elem()
		if p.Kind() != reflect.Pointer {
			return sides, false
		}
		for _, o := range objects {
			ov := reflect.ValueOf(o)
			if ov.Kind() == reflect.Pointer && ov.Type() == p.Type() && ov.Pointer() == p.Pointer() {
				sides[i] = o
			}
		}
		if sides[i] == nil {
			return sides, false
		}
	}
	return sides, true
}

// borderBox is Fyne's border layout with pad() between the parts.
type borderBox struct {
	sides [4]fyne.CanvasObject // top, bottom, left, right; nil if none
	pad   func() float32
}

func (b *borderBox) side(o fyne.CanvasObject) bool {
	return o == b.sides[0] || o == b.sides[1] || o == b.sides[2] || o == b.sides[3]
}

func shown(o fyne.CanvasObject) bool { return o != nil && o.Visible() }

func (b *borderBox) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	padding := b.pad()
	top, bottom, left, right := b.sides[0], b.sides[1], b.sides[2], b.sides[3]
	var topSize, bottomSize, leftSize, rightSize fyne.Size
	if shown(top) {
		h := top.MinSize().Height
		top.Resize(fyne.NewSize(size.Width, h))
		top.Move(fyne.NewPos(0, 0))
		topSize = fyne.NewSize(size.Width, h+padding)
	}
	if shown(bottom) {
		h := bottom.MinSize().Height
		bottom.Resize(fyne.NewSize(size.Width, h))
		bottom.Move(fyne.NewPos(0, size.Height-h))
		bottomSize = fyne.NewSize(size.Width, h+padding)
	}
	middleH := size.Height - topSize.Height - bottomSize.Height
	if shown(left) {
		w := left.MinSize().Width
		left.Resize(fyne.NewSize(w, middleH))
		left.Move(fyne.NewPos(0, topSize.Height))
		leftSize = fyne.NewSize(w+padding, middleH)
	}
	if shown(right) {
		w := right.MinSize().Width
		right.Resize(fyne.NewSize(w, middleH))
		right.Move(fyne.NewPos(size.Width-w, topSize.Height))
		rightSize = fyne.NewSize(w+padding, middleH)
	}
	middleSize := fyne.NewSize(size.Width-leftSize.Width-rightSize.Width, middleH)
	middlePos := fyne.NewPos(leftSize.Width, topSize.Height)
	for _, c := range objects {
		if c.Visible() && !b.side(c) {
			c.Resize(middleSize)
			c.Move(middlePos)
		}
	}
}

func (b *borderBox) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, c := range objects {
		if c.Visible() && !b.side(c) {
			s = s.Max(c.MinSize())
		}
	}
	padding := b.pad()
	top, bottom, left, right := b.sides[0], b.sides[1], b.sides[2], b.sides[3]
	for _, o := range []fyne.CanvasObject{left, right} {
		if shown(o) {
			m := o.MinSize()
			s = fyne.NewSize(s.Width+m.Width+padding, max(s.Height, m.Height))
		}
	}
	for _, o := range []fyne.CanvasObject{top, bottom} {
		if shown(o) {
			m := o.MinSize()
			s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height+padding)
		}
	}
	return s
}

var (
	vboxType   = reflect.TypeOf(layout.NewVBoxLayout())
	hboxType   = reflect.TypeOf(layout.NewHBoxLayout())
	paddedType = reflect.TypeOf(layout.NewPaddedLayout())
)

// gapBox is Fyne's VBox or HBox with pad() between its objects.
type gapBox struct {
	pad        func() float32
	horizontal bool
}

func (l *gapBox) box() fyne.Layout {
	if l.horizontal {
		return layout.NewCustomPaddedHBoxLayout(l.pad())
	}
	return layout.NewCustomPaddedVBoxLayout(l.pad())
}

func (l *gapBox) Layout(objects []fyne.CanvasObject, size fyne.Size) { l.box().Layout(objects, size) }
func (l *gapBox) MinSize(objects []fyne.CanvasObject) fyne.Size      { return l.box().MinSize(objects) }

// paddedBox is Fyne's padded layout with pad() around.
type paddedBox struct{ pad func() float32 }

func (l *paddedBox) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	p := l.pad()
	for _, o := range objects {
		o.Move(fyne.NewPos(p, p))
		o.Resize(size.SubtractWidthHeight(2*p, 2*p))
	}
}

func (l *paddedBox) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	p := l.pad()
	return s.AddWidthHeight(2*p, 2*p)
}
