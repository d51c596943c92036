package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bmtheme "bianmin/ui/theme"
)

// footerLayout puts 返回 on the left, 首页 on the right, the screen's own
// buttons between them and 朗读 (for a screen that can be read aloud) just
// before 首页. When that does not fit in one row it tries 返回, 首页 and 朗读
// at their natural width (a portrait screen), then 朗读 as its icon alone
// (elder mode on a 1280×800 screen); when that does not fit either, the
// screen's buttons and 朗读 go in a row above the other two.
//
// Layout decides the mode from the width it is given. MinSize asks only for
// the width of the narrowest mode (two rows), so the footer never makes a
// full-screen window wider than the screen; its height is that of the mode
// the window's content width will give (width), since the height must be
// known before Layout.
// Objects: back, actions, speak (icon and word), speak icon, home.
type footerLayout struct {
	width func() float32 // the window's content width, known before Layout
	speak bool           // the screen on top can be read aloud
}

type footerMode int

const (
	footerOneRow  footerMode = iota // everything at its full width
	footerNarrow                    // one row, 返回, 首页 and 朗读 at their natural width
	footerCompact                   // the same with 朗读 as an icon
	footerTwoRows                   // the screen's buttons above 返回 and 首页
)

func (l *footerLayout) gap() float32 { return fynetheme.Padding() * 2 }

// expected is the width MinSize expects Layout to be given: the window's
// content width less the footer's padding; 0 when not known yet.
func (l *footerLayout) expected() float32 {
	if w := l.width(); w > 0 {
		return max(w-2*fynetheme.Padding(), 0)
	}
	return 0
}

// natural is the width of a big button's own button, without the minimum
// width bigButton gives it.
func natural(o fyne.CanvasObject) float32 {
	if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 1 {
		return c.Objects[0].MinSize().Width
	}
	return o.MinSize().Width
}

// widths are the widths of 返回, the screen's buttons, 朗读 and 首页 in a
// one-row mode; 0 for what is not shown.
func (l *footerLayout) widths(objects []fyne.CanvasObject, mode footerMode) (back, actions, speak, home float32) {
	b, a, sp, icon, h := objects[0], objects[1], objects[2], objects[3], objects[4]
	if b.Visible() {
		back, home = b.MinSize().Width, h.MinSize().Width
		if mode == footerNarrow || mode == footerCompact {
			back, home = natural(b), natural(h)
		}
	}
	if len(a.(*fyne.Container).Objects) > 0 {
		actions = a.MinSize().Width
	}
	if l.speak {
		switch mode {
		case footerNarrow:
			speak = natural(sp)
		case footerCompact:
			speak = icon.MinSize().Width
		default:
			speak = sp.MinSize().Width
		}
	}
	return back, actions, speak, home
}

// need is the width one row of the mode takes.
func (l *footerLayout) need(objects []fyne.CanvasObject, mode footerMode) float32 {
	n := float32(0)
	parts := 0
	back, actions, speak, home := l.widths(objects, mode)
	for _, w := range []float32{back, actions, speak, home} {
		if w > 0 {
			n += w
			parts++
		}
	}
	return n + float32(max(parts-1, 0))*l.gap()
}

func (l *footerLayout) mode(objects []fyne.CanvasObject, width float32) footerMode {
	back, actions, speak, _ := l.widths(objects, footerOneRow)
	if back == 0 || actions+speak == 0 || width <= 0 || l.need(objects, footerOneRow) <= width {
		return footerOneRow
	}
	for _, m := range []footerMode{footerNarrow, footerCompact} {
		if l.need(objects, m) <= width {
			return m
		}
	}
	return footerTwoRows
}

// rowHeight is the height of the tallest visible object of a row.
func rowHeight(objects ...fyne.CanvasObject) float32 {
	h := float32(0)
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return h
}

func (l *footerLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	back, actions, speak, icon, home := objects[0], objects[1], objects[2], objects[3], objects[4]
	gap := l.gap()
	mode := l.mode(objects, size.Width)
	setVisible(speak, l.speak && mode != footerCompact)
	setVisible(icon, l.speak && mode == footerCompact)
	sp := speak
	if mode == footerCompact {
		sp = icon
	}
	bw, aw, sw, hw := l.widths(objects, mode)
	if mode == footerTwoRows {
		_, aw, sw, _ = l.widths(objects, footerOneRow)
		bw, hw = back.MinSize().Width, home.MinSize().Width
	}
	place := func(o fyne.CanvasObject, x, y, w, h float32) {
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
	}

	top, navY, navH := size.Height, float32(0), size.Height
	if mode == footerTwoRows {
		top = rowHeight(actions, sp)
		navY, navH = top+gap, max(0, size.Height-top-gap)
	}
	if bw > 0 {
		place(back, 0, navY, bw, navH)
		place(home, size.Width-hw, navY, hw, navH)
	}
	// The screen's buttons fill what is left of their row; 朗读 sits at its
	// right end.
	left, right := float32(0), size.Width
	if mode != footerTwoRows && bw > 0 {
		left, right = bw+gap, size.Width-hw-gap
	}
	if sw > 0 {
		place(sp, right-sw, 0, sw, top)
		right -= sw + gap
	}
	if aw == 0 && sw > 0 {
		right = left // nothing of the screen's own
	}
	place(actions, left, 0, max(0, right-left), top)
}

func (l *footerLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	back, actions, speak, icon, home := objects[0], objects[1], objects[2], objects[3], objects[4]
	gap := l.gap()
	mode := l.mode(objects, l.expected())
	navH := float32(0)
	if back.Visible() {
		navH = max(back.MinSize().Height, home.MinSize().Height)
	}
	var sp fyne.CanvasObject
	if l.speak {
		sp = speak
		if mode == footerCompact {
			sp = icon
		}
	}
	topH := actions.MinSize().Height
	if sp != nil {
		topH = max(topH, sp.MinSize().Height)
	}
	// The width two rows need: Layout can always fall back to them.
	_, aw, sw, _ := l.widths(objects, footerOneRow)
	topW := aw + sw
	if aw > 0 && sw > 0 {
		topW += gap
	}
	navW := float32(0)
	if back.Visible() {
		navW = back.MinSize().Width + home.MinSize().Width + gap
	}
	width := max(navW, topW)
	if mode != footerTwoRows {
		return fyne.NewSize(min(width, l.need(objects, mode)), max(navH, topH))
	}
	return fyne.NewSize(width, topH+gap+navH)
}

// bigButton gives a footer button room for an elderly finger: at least a
// quarter of a 1080-wide screen and 1.25 touch targets tall.
func bigButton(b *widget.Button) fyne.CanvasObject {
	return container.New(&minLayout{width: 240, touchScale: 1.25}, b)
}

// minLayout stretches its objects over its area and asks for at least
// width × (touch target × touchScale), read from the theme each time so
// elder mode grows it.
type minLayout struct {
	width      float32
	touchScale float32
}

func (l *minLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *minLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	th := fyne.CurrentApp().Settings().Theme()
	touch := themeSize(th, bmtheme.SizeNameTouchTarget, bmtheme.MinTouchTarget)
	s := fyne.NewSize(l.width, touch*l.touchScale)
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}
