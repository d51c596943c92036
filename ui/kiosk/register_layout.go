package kiosk

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/input"
	bmtheme "bianmin/ui/theme"
)

// The layouts of the self-registration screens: they keep the large-text
// fields, the option cards and the keyboard readable on a landscape or a
// portrait screen, and never let the keys cover the field being filled.

// regWidth gives its objects at most width (a name field need not span a
// wide screen) and at least their MinSize, left-aligned, full height.
type regWidth struct{ width float32 }

func (l regWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		w := min(size.Width, max(l.width, o.MinSize().Width))
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l regWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// regSized wraps o at the given width, at most the space there is.
func regSized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(regWidth{width: width}, o)
}

// regSplit shows two parts side by side on a wide screen (first on the
// left at its MinSize width) and one above the other on a narrow one
// (first on top at its MinSize height); the second gets the rest.
type regSplit struct {
	minSecond float32
	// pref, if set, is the height the first part would like when on top at
	// the given width (it gets at least its MinSize, at most half).
	pref func(objects []fyne.CanvasObject, width float32) float32
}

func (l *regSplit) wide(objects []fyne.CanvasObject, size fyne.Size) bool {
	return size.Width >= objects[0].MinSize().Width+l.minSecond && size.Width > size.Height
}

func (l *regSplit) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	first, second := objects[0], objects[1]
	gap := fynetheme.Padding() * 2
	m := first.MinSize()
	if l.wide(objects, size) {
		first.Move(fyne.NewPos(0, 0))
		first.Resize(fyne.NewSize(m.Width, size.Height))
		second.Move(fyne.NewPos(m.Width+gap, 0))
		second.Resize(fyne.NewSize(size.Width-m.Width-gap, size.Height))
		return
	}
	h := m.Height
	if l.pref != nil {
		h = max(h, min(l.pref(objects, size.Width), size.Height/2))
	}
	first.Move(fyne.NewPos(0, 0))
	first.Resize(fyne.NewSize(size.Width, h))
	second.Move(fyne.NewPos(0, h+gap))
	second.Resize(fyne.NewSize(size.Width, max(size.Height-h-gap, 0)))
}

// MinSize is what either arrangement needs at the least; the second part
// scrolls.
func (l *regSplit) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), max(a.Height, b.Height))
}

// regFocus gives e the focus, which opens the panel's keypad or keyboard
// for it; the panel is activated directly too, for when e is not on a
// canvas yet.
func regFocus(p *input.Panel, e *input.Entry) {
	p.Activate(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() != e {
		c.Focus(e)
	}
}

// regClosePanel closes the panel and takes the focus from its field.
func regClosePanel(p *input.Panel) {
	e := p.Active()
	p.Close()
	p.Keyboard.Reset()
	if e == nil {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Unfocus()
	}
}

// regMinWidth stretches its objects over its area and asks for at least
// width: the 年 月 日 fields in a row.
type regMinWidth struct{ width float32 }

func (l regMinWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l regMinWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.width, 0)
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// regPanelLayout places a screen's keypad or keyboard so that it never
// covers the field being filled: on a landscape screen beside the form, on
// the right (a short screen has no height to spare above a keyboard); on a
// portrait one below it, full width. Objects: top (full width, may be an
// empty container), body (a scroll with the form), the panel.
type regPanelLayout struct {
	panel *input.Panel
}

// regMinForm is the narrowest the form beside a panel may be.
const regMinForm = 300

func (l *regPanelLayout) open() bool { return l.panel != nil && l.panel.Active() != nil }

// beside reports whether the panel goes to the right, and how wide it is.
func (l *regPanelLayout) beside(panel fyne.CanvasObject, size fyne.Size) (bool, float32) {
	if !l.open() || size.Width <= size.Height {
		return false, 0
	}
	pm := panel.MinSize()
	want := min(size.Width*0.6, 1400)
	if l.panel.Active().Kind().Keypad() {
		want = min(size.Width*0.45, 660)
	}
	w := max(pm.Width, want)
	if size.Width-w-fynetheme.Padding()*2 < regMinForm {
		return false, 0
	}
	return true, w
}

func (l *regPanelLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	top, body, panel := objects[0], objects[1], objects[2]
	gap := fynetheme.Padding() * 2
	th := top.MinSize().Height
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, th))
	y := th
	if th > 0 {
		y += gap
	}
	rest := max(size.Height-y, 0)
	if ok, pw := l.beside(panel, size); ok {
		ph := min(rest, panel.MinSize().Height*1.4)
		body.Move(fyne.NewPos(0, y))
		body.Resize(fyne.NewSize(size.Width-pw-gap, rest))
		panel.Move(fyne.NewPos(size.Width-pw, y))
		panel.Resize(fyne.NewSize(pw, ph))
		return
	}
	ph := float32(0)
	if l.open() {
		ph = panel.MinSize().Height
	}
	body.Move(fyne.NewPos(0, y))
	body.Resize(fyne.NewSize(size.Width, max(rest-ph, 0)))
	panel.Move(fyne.NewPos(0, size.Height-ph))
	panel.Resize(fyne.NewSize(size.Width, ph))
}

func (l *regPanelLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	top, body, panel := objects[0].MinSize(), objects[1].MinSize(), objects[2].MinSize()
	return fyne.NewSize(max(top.Width, body.Width, panel.Width), top.Height+panel.Height)
}

// regPanelBox lays out top, body and panel with regPanelLayout; a nil
// top takes no room. The panel may be given later with setPanel (a step
// makes its keyboard only when first shown).
type regPanelBox struct {
	*fyne.Container
	layout *regPanelLayout
	slot   *fyne.Container
	nav    *Nav
}

func newRegPanelBox(nav *Nav, top, body fyne.CanvasObject, panel *input.Panel) *regPanelBox {
	if top == nil {
		top = container.NewStack()
	}
	b := &regPanelBox{layout: &regPanelLayout{}, slot: container.NewStack(), nav: nav}
	b.Container = container.New(b.layout, top, body, b.slot)
	if panel != nil {
		b.setPanel(panel)
	}
	return b
}

func (b *regPanelBox) setPanel(p *input.Panel) {
	b.layout.panel = p
	b.slot.Objects = []fyne.CanvasObject{regPanel(b.nav, p)}
	if b.Container.Size().IsZero() {
		// Never laid out (a step given its keyboard as it is first
		// shown): the screen's first layout places the panel. A refresh
		// now would lay the form out at no width, wrapping every
		// paragraph a word to a line, measured word by word, only to
		// wrap it again at its width a moment later.
		return
	}
	b.slot.Refresh()
	b.Container.Refresh()
}

// regRowOrColumn lays its objects in a row, left-aligned, when they fit
// the width, else one above the other: the 年 月 日 fields.
type regRowOrColumn struct{ row bool }

func (l *regRowOrColumn) fits(objects []fyne.CanvasObject, width float32) bool {
	w := float32(0)
	for _, o := range objects {
		w += o.MinSize().Width
	}
	return w+fynetheme.Padding()*float32(len(objects)-1) <= width
}

func (l *regRowOrColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.row = l.fits(objects, size.Width)
	pad := fynetheme.Padding()
	pos := fyne.NewPos(0, 0)
	for _, o := range objects {
		m := o.MinSize()
		o.Move(pos)
		o.Resize(m)
		if l.row {
			pos.X += m.Width + pad
		} else {
			pos.Y += m.Height + pad
		}
	}
}

func (l *regRowOrColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		if l.row {
			s.Height = max(s.Height, m.Height)
		} else {
			s.Height += m.Height
		}
	}
	if !l.row && len(objects) > 1 {
		s.Height += fynetheme.Padding() * float32(len(objects)-1)
	}
	return s
}

// regPanel returns the object to place for a panel: the panel, with
// normal-mode key sizes in elder mode on a short landscape window, which
// would otherwise leave no room for the form beside the keys. Colours stay
// elder mode's.
func regPanel(nav *Nav, p *input.Panel) fyne.CanvasObject {
	if regTight(nav) {
		p.SetKeySizes(regNormalTheme())
	} else {
		p.SetKeySizes(nil)
	}
	return p
}

var regNormalTheme = sync.OnceValue(func() fyne.Theme { return bmtheme.New(false) })

// regWide is a footer button wider than the shell's, for the step's main
// action.
func regWide(b *widget.Button) fyne.CanvasObject {
	return container.New(&minLayout{width: 320, touchScale: 1.25}, b)
}

// regColumn stacks its visible objects, each as wide as the column and as
// tall as it needs at that width: unlike a VBox it measures wrapped text
// after giving it its width, so a paragraph that wraps to three lines gets
// three lines of room on the first layout.
type regColumn struct{ width float32 }

func (l *regColumn) heights(objects []fyne.CanvasObject, width float32) []float32 {
	hs := make([]float32, len(objects))
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		if width > 0 {
			o.Resize(fyne.NewSize(width, o.MinSize().Height))
		}
		hs[i] = o.MinSize().Height
	}
	return hs
}

func (l *regColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	pad := fynetheme.Padding()
	y := float32(0)
	for i, h := range l.heights(objects, size.Width) {
		o := objects[i]
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}

func (l *regColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := fynetheme.Padding()
	var s fyne.Size
	n := 0
	for i, h := range l.heights(objects, l.width) {
		if !objects[i].Visible() {
			continue
		}
		s.Width = max(s.Width, objects[i].MinSize().Width)
		s.Height += h
		n++
	}
	if n > 1 {
		s.Height += pad * float32(n-1)
	}
	return s
}

// regTight reports whether the window is a short landscape one in elder
// mode, where the question is set a size smaller to leave room for the
// field beside the keyboard.
func regTight(nav *Nav) bool {
	size := nav.Window().Canvas().Size()
	return bmtheme.IsElder(fyne.CurrentApp().Settings().Theme()) && size.Width > size.Height && size.Height < 1000
}

// regAskLayout puts the question (objects[0]) in a column on the left and
// the answer (objects[1]) on the right, each measured at its width: a
// short landscape screen in elder mode, where the question above the
// options would leave them no room.
type regAskLayout struct{ width float32 }

const regAskShare = 0.36

func (l *regAskLayout) measure(objects []fyne.CanvasObject, width float32) (lw, rw, h float32) {
	gap := fynetheme.Padding() * 2
	lw = width * regAskShare
	rw = max(width-lw-gap, 0)
	for i, w := range []float32{lw, rw} {
		o := objects[i]
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return lw, rw, h
}

func (l *regAskLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	lw, rw, _ := l.measure(objects, size.Width)
	gap := fynetheme.Padding() * 2
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(lw, objects[0].MinSize().Height))
	objects[1].Move(fyne.NewPos(lw+gap, 0))
	objects[1].Resize(fyne.NewSize(rw, objects[1].MinSize().Height))
}

func (l *regAskLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if l.width <= 0 {
		a, b := objects[0].MinSize(), objects[1].MinSize()
		return fyne.NewSize(a.Width+b.Width, max(a.Height, b.Height))
	}
	_, _, h := l.measure(objects, l.width)
	return fyne.NewSize(0, h)
}
