// Package input is the kiosk's own touch input. Fyne has no input method
// on Linux and no on-screen keyboard, so a resident without a physical
// keyboard could not type at all, let alone in Chinese; this package
// provides:
//
//   - Keypad: large keys 0–9, X, 退格, 清空, 完成 for numbers and ID
//     numbers;
//   - Keyboard: QWERTY with pinyin composition and a paged candidate bar
//     (package input/pinyin ranks the candidates), Latin letters, digits
//     and Chinese punctuation, and a surname-first order for name fields;
//   - Entry and Panel: a screen puts one Panel at the bottom of its layout
//     (container.NewBorder(nil, panel, nil, nil, form)) and makes its
//     fields with panel.NewEntry(kind); touching a field shows the right
//     keypad or keyboard in the panel, which is part of the layout, never
//     an overlay, so the field stays visible above it;
//   - Auto: the same Panel for every plain widget.Entry of a window
//     (staff mode), in its screens and in its dialogs, with no code per
//     field;
//   - Scanner: tells a keyboard-wedge barcode/QR scanner's burst of keys
//     from typing, and a scan that stalls from both.
//
// Every label goes through fyne's lang package (keys "input.*").
package input

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Widest the keypad and keyboard grow, in dp, on a wide screen.
const (
	keypadMaxWidth   = 640
	keyboardMaxWidth = 1400
)

// Panel holds the keypad and the keyboard and shows the one that suits
// the entry being filled. Place it at the bottom of a Border layout; it
// takes no room while no entry is active. Create it with NewPanel.
type Panel struct {
	widget.BaseWidget

	// Keypad and Keyboard are the panel's two inputs, exposed for tests
	// and for screens that want to tune them.
	Keypad   *Keypad
	Keyboard *Keyboard

	// OnShow runs when the panel opens or switches to an entry; a screen
	// whose fields sit in a container.Scroll can call ScrollIntoView.
	OnShow func(e *Entry)
	// OnDone runs when 完成 is tapped, after Enter went to the entry.
	// When nil, the panel closes.
	OnDone func(e *Entry)

	obj     focusObject   // what has the focus while the keys type
	active  *Entry        // the Entry served, nil for a plain one
	field   *widget.Entry // the entry the keys type into
	kind    Kind
	typing  *Entry // the entry the keyboard composes for
	scanner *Scanner
	sizes   fyne.Theme // Panel.SetKeySizes
	keypad  fyne.CanvasObject
	keybd   fyne.CanvasObject
}

// NewPanel returns a closed panel.
func NewPanel() *Panel {
	p := &Panel{Keypad: NewKeypad(), Keyboard: NewKeyboard()}
	p.ExtendBaseWidget(p)
	p.Keypad.OnDone = p.done
	p.Keyboard.OnDone = p.done
	p.Keypad.after = p.refocus
	p.Keyboard.after = p.refocus
	p.Keyboard.composed = p.composed
	p.keypad = container.New(maxWidth{keypadMaxWidth}, p.Keypad)
	p.keybd = container.New(maxWidth{keyboardMaxWidth}, p.Keyboard)
	return p
}

// SetKeySizes makes the panel, its keys and the gaps between them take
// their sizes (touch target, text, padding) from th instead of the app's
// theme; colours stay the app theme's. The register flow uses it for
// normal-mode keys in elder mode on a short landscape window. (A theme
// override would do the same but makes Fyne 2.7.1 parse the CJK font
// again for every panel.)
func (p *Panel) SetKeySizes(th fyne.Theme) {
	if th == p.sizes {
		return
	}
	p.sizes = th
	for _, o := range []fyne.CanvasObject{p.Keypad.body, p.Keyboard.body} {
		setKeySizes(o, th)
	}
	p.Refresh()
}

func setKeySizes(o fyne.CanvasObject, th fyne.Theme) {
	switch x := o.(type) {
	case *Key:
		x.sizes = th
		x.Refresh()
	case *fyne.Container:
		if w, ok := x.Layout.(*weighted); ok {
			w.sizes = th
		}
		for _, c := range x.Objects {
			setKeySizes(c, th)
		}
	case *container.Scroll:
		setKeySizes(x.Content, th)
	}
}

// padding is the padding around the panel's input.
func (p *Panel) padding() float32 {
	if p.sizes != nil {
		return p.sizes.Size(fynetheme.SizeNamePadding)
	}
	return fynetheme.Padding()
}

// NewEntry returns a new entry of the given kind attached to the panel.
func (p *Panel) NewEntry(kind Kind) *Entry {
	e := NewEntry(kind)
	p.Attach(e, kind)
	return e
}

// Attach makes the panel serve e as a field of the given kind.
func (p *Panel) Attach(e *Entry, kind Kind) {
	e.kind = kind
	e.panel = p
}

// SetScanner makes the attached entries feed their key events to s, so
// that a scan works while one of them has the focus. Hook s to the canvas
// too, for when none has.
func (p *Panel) SetScanner(s *Scanner) { p.scanner = s }

// Active returns the entry the panel is serving, or nil when closed or
// serving a plain widget.Entry (see Serve).
func (p *Panel) Active() *Entry { return p.active }

// Field returns the entry the keys type into, an Entry's or a plain one
// given to Serve; nil when closed.
func (p *Panel) Field() *widget.Entry { return p.field }

// Activate opens the panel for e (which must be attached) with the input
// for its kind. Touching or focusing an attached entry calls it.
func (p *Panel) Activate(e *Entry) {
	if e == nil || e == p.active || e.Disabled() {
		return
	}
	p.open(e, &e.Entry, e.kind, e)
	if p.OnShow != nil {
		p.OnShow(e)
	}
}

// Serve opens the panel for a plain widget.Entry as a field of the given
// kind. A window that serves its fields through Auto calls it; the entry
// keeps its own filtering (none) for a physical keyboard.
func (p *Panel) Serve(e *widget.Entry, kind Kind) { p.serve(e, e, kind) }

// serve opens the panel for the entry field inside the focusable object
// obj (itself, or a widget that embeds it such as widget.SelectEntry).
func (p *Panel) serve(obj focusObject, field *widget.Entry, kind Kind) {
	if field == nil || (field == p.field && kind == p.kind) || field.Disabled() {
		return
	}
	p.open(obj, field, kind, nil)
}

// focusObject is an object in the canvas that takes the focus.
type focusObject interface {
	fyne.CanvasObject
	fyne.Focusable
}

func (p *Panel) open(obj focusObject, field *widget.Entry, kind Kind, e *Entry) {
	p.obj, p.active, p.field, p.kind = obj, e, field, kind
	switch kind {
	case Digits, Phone, IDNumber, Date, Times:
		p.Keyboard.SetTarget(nil)
		p.typing = nil
		p.Keypad.SetTarget(field)
		p.Keypad.SetX(kind == IDNumber)
		p.Keypad.SetPlus(kind == Phone)
		p.Keypad.SetDash(kind == Date)
		p.Keypad.SetTimes(kind == Times)
	default:
		p.Keypad.SetTarget(nil)
		kb := p.Keyboard
		kb.SetTarget(field)
		p.typing = e
		kb.accept = kind.accept
		kb.SetNames(kind == Name)
		// A code has no Chinese: no way to switch to pinyin.
		if kind == Code {
			kb.Switch.Hide()
			kb.SetUpper(true)
			kb.SetMode(Letters)
		} else {
			kb.Switch.Show()
			kb.SetUpper(false)
			kb.SetMode(Pinyin)
		}
	}
	p.Refresh()
}

// Close hides the keypad and keyboard, dropping any composition. Screens
// call it when they are left.
func (p *Panel) Close() {
	p.obj, p.active, p.field = nil, nil, nil
	p.Keypad.SetTarget(nil)
	p.Keyboard.SetTarget(nil)
	p.typing = nil
	p.Refresh()
}

// composed tells the entry the keyboard composes for that its pinyin
// changed.
func (p *Panel) composed(s string) {
	e := p.typing
	if e == nil {
		return
	}
	e.composing = s
	if e.OnComposing != nil {
		e.OnComposing(s)
	}
}

func (p *Panel) done() {
	if p.OnDone != nil && (p.active != nil || p.field == nil) {
		p.OnDone(p.active)
		return
	}
	p.Dismiss()
}

// Dismiss closes the panel (Close) and takes the focus from the field it
// served, so that no cursor is left in it.
func (p *Panel) Dismiss() {
	e := p.obj
	p.Close()
	if e == nil {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Unfocus()
	}
}

// refocus gives the focus back to the active entry after a key, so its
// cursor shows and a physical keyboard keeps typing into it. (On the
// desktop driver a key tap does not take the focus, see keepsFocus; a tap
// on the panel's background or Fyne's test driver does.)
func (p *Panel) refocus() {
	e := p.obj
	if e == nil || p.field.Disabled() {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() != e {
		c.Focus(e)
	}
}

// CreateRenderer implements fyne.Widget.
func (p *Panel) CreateRenderer() fyne.WidgetRenderer {
	r := &panelRenderer{p: p, bg: &canvas.Rectangle{}, line: &canvas.Rectangle{}}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p        *Panel
	bg, line *canvas.Rectangle
}

func (r *panelRenderer) content() fyne.CanvasObject {
	switch {
	case r.p.field == nil:
		return nil
	case r.p.kind.Keypad():
		return r.p.keypad
	}
	return r.p.keybd
}

func (r *panelRenderer) Layout(size fyne.Size) {
	pad := r.p.padding()
	r.bg.Resize(size)
	r.line.Resize(fyne.NewSize(size.Width, fynetheme.SeparatorThicknessSize()))
	if c := r.content(); c != nil {
		c.Move(fyne.NewPos(pad, pad))
		c.Resize(fyne.NewSize(max(size.Width-2*pad, 0), max(size.Height-2*pad, 0)))
	}
}

// MinSize is zero while closed, so the layout gives the screen all the
// room; open, the input plus a padding around it. (The panel stays
// visible either way: Fyne does not lay a container out again when a
// child is shown or hidden, but it does when a child's MinSize changes.)
func (r *panelRenderer) MinSize() fyne.Size {
	c := r.content()
	if c == nil {
		return fyne.Size{}
	}
	pad := r.p.padding()
	return c.MinSize().AddWidthHeight(2*pad, 2*pad)
}

func (r *panelRenderer) Refresh() {
	th := r.p.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(fynetheme.ColorNameHeaderBackground, v)
	r.line.FillColor = th.Color(fynetheme.ColorNameSeparator, v)
	open := r.p.field != nil
	for _, o := range []fyne.CanvasObject{r.bg, r.line} {
		if open {
			o.Show()
		} else {
			o.Hide()
		}
	}
	r.p.keypad.Hide()
	r.p.keybd.Hide()
	if c := r.content(); c != nil {
		c.Show()
	}
	r.bg.Refresh()
	r.line.Refresh()
	r.Layout(r.p.Size())
}

func (r *panelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.line, r.p.keypad, r.p.keybd}
}

func (r *panelRenderer) Destroy() {}

// ScrollIntoView scrolls s so that o, an object inside it, is fully
// visible, moving as little as possible. A screen calls it from
// Panel.OnShow when the panel takes room from a scrolled form.
func ScrollIntoView(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y + s.Offset.Y
	bottom := top + o.Size().Height
	off := s.Offset
	switch {
	case top < off.Y:
		off.Y = top
	case bottom > off.Y+s.Size().Height:
		off.Y = bottom - s.Size().Height
	default:
		return
	}
	s.ScrollToOffset(off)
}
