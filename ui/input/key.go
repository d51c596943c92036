package input

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bntheme "bianmin/ui/theme"
)

// role is what a key is for, which sets its look.
type role int

const (
	roleChar      role = iota // a letter, digit or symbol: white, large text
	roleCandidate             // a candidate in the bar: white, larger text
	roleAction                // backspace, clear, mode switches: tinted
	rolePrimary               // 完成: the primary colour
	roleDisplay               // the composing pinyin: text only, not a key
)

// Key is one key of the keypad or keyboard: a large rounded button that
// does not take the focus away from the entry being typed into. A key
// with neither label nor icon is blank: drawn as nothing, taps ignored.
type Key struct {
	widget.BaseWidget

	// OnTapped runs when the key is tapped.
	OnTapped func()

	label     string
	icon      fyne.Resource
	role      role
	highlight bool    // drawn with a primary-coloured border (the first candidate)
	hint      bool    // label is a placeholder, drawn dim (roleDisplay)
	tall      float32 // height as a multiple of the touch target (≥ 1)
	wide      float32 // minimum width as a multiple of the touch target (≥ 1)
	fixedMin  bool    // MinSize ignores the label; long labels shrink to fit
	pressed   bool
	sizes     fyne.Theme // sizes to use instead of the key's theme (Panel.SetKeySizes); nil: its own
}

// sizeTheme is the theme the key takes its sizes from; colours always come
// from its own theme.
func (k *Key) sizeTheme() fyne.Theme {
	if k.sizes != nil {
		return k.sizes
	}
	return k.Theme()
}

var (
	_ fyne.Tappable     = (*Key)(nil)
	_ desktop.Mouseable = (*Key)(nil)
)

func newKey(label string, r role, tapped func()) *Key {
	k := &Key{label: label, role: r, OnTapped: tapped, tall: 1, wide: 1}
	k.ExtendBaseWidget(k)
	return k
}

func newIconKey(icon fyne.Resource, r role, tapped func()) *Key {
	k := newKey("", r, tapped)
	k.icon = icon
	return k
}

// Label returns the text on the key.
func (k *Key) Label() string { return k.label }

// SetLabel changes the text on the key.
func (k *Key) SetLabel(s string) {
	if s == k.label {
		return
	}
	k.label = s
	k.Refresh()
}

// SetIcon changes the icon on the key; nil removes it.
func (k *Key) SetIcon(r fyne.Resource) {
	k.icon = r
	k.Refresh()
}

func (k *Key) setHighlight(on bool) {
	if on != k.highlight {
		k.highlight = on
		k.Refresh()
	}
}

// Blank reports whether the key shows nothing and ignores taps.
func (k *Key) Blank() bool { return k.label == "" && k.icon == nil }

// Tapped runs OnTapped unless the key is blank or only a display.
func (k *Key) Tapped(*fyne.PointEvent) {
	k.pressed = false
	k.Refresh()
	if k.Blank() || k.role == roleDisplay || k.OnTapped == nil {
		return
	}
	k.OnTapped()
}

// MouseDown shows the key pressed while a finger or the mouse is on it.
func (k *Key) MouseDown(*desktop.MouseEvent) {
	if !k.Blank() && k.role != roleDisplay {
		k.pressed = true
		k.Refresh()
	}
}

// MouseUp releases the pressed look.
func (k *Key) MouseUp(*desktop.MouseEvent) {
	if k.pressed {
		k.pressed = false
		k.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (k *Key) CreateRenderer() fyne.WidgetRenderer {
	r := &keyRenderer{
		k:       k,
		bg:      &canvas.Rectangle{},
		overlay: &canvas.Rectangle{},
		text:    canvas.NewText(k.label, color.Black),
		icon:    bntheme.NewIcon(k.icon),
	}
	r.text.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

// touchTarget is the smallest side of a key: the theme's touch target
// (64 dp, 72 in elder mode, from bianmin/ui/theme), never under 60 dp.
func touchTarget(th fyne.Theme) float32 {
	return max(th.Size(bntheme.SizeNameTouchTarget), bntheme.MinTouchTarget)
}

type keyRenderer struct {
	k       *Key
	bg      *canvas.Rectangle
	overlay *canvas.Rectangle
	text    *canvas.Text
	icon    *bntheme.Icon
}

func (r *keyRenderer) textSize(th fyne.Theme) float32 { return r.k.textSize(th) }

// labelWidth is how wide the key must be to show its label at its full
// text size, with a padding each side.
func (k *Key) labelWidth() float32 {
	if k.label == "" {
		return 0
	}
	th := k.sizeTheme()
	return fyne.MeasureText(k.label, k.textSize(th), fyne.TextStyle{}).Width + 2*th.Size(fynetheme.SizeNamePadding)
}

// textSize is the size of the key's label in theme th.
func (k *Key) textSize(th fyne.Theme) float32 {
	base := th.Size(fynetheme.SizeNameText)
	switch k.role {
	case roleChar:
		return base * 1.3
	case roleCandidate, roleDisplay:
		return base * 1.4
	}
	return base
}

func (r *keyRenderer) Layout(size fyne.Size) {
	th := r.k.sizeTheme()
	pad := th.Size(fynetheme.SizeNamePadding)
	r.bg.Resize(size)
	r.overlay.Resize(size)

	// Shrink a label that does not fit (a long candidate word).
	ts := r.textSize(th)
	for ts > 10 && fyne.MeasureText(r.text.Text, ts, r.text.TextStyle).Width > size.Width-pad {
		ts--
	}
	r.text.TextSize = ts
	tm := fyne.MeasureText(r.text.Text, ts, r.text.TextStyle)
	r.text.Resize(fyne.NewSize(size.Width, tm.Height))
	r.text.Move(fyne.NewPos(0, (size.Height-tm.Height)/2))

	is := min(size.Width, size.Height) * 0.5
	r.icon.Resize(fyne.NewSquareSize(is))
	r.icon.Move(fyne.NewPos((size.Width-is)/2, (size.Height-is)/2))
}

func (r *keyRenderer) MinSize() fyne.Size {
	th := r.k.sizeTheme()
	side := touchTarget(th)
	w := side * r.k.wide
	if !r.k.fixedMin && r.k.label != "" {
		pad := th.Size(fynetheme.SizeNamePadding)
		w = max(w, fyne.MeasureText(r.k.label, r.textSize(th), fyne.TextStyle{}).Width+2*pad)
	}
	return fyne.NewSize(w, side*r.k.tall)
}

func (r *keyRenderer) Refresh() {
	k := r.k
	th := k.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	col := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }

	r.text.Text = k.label
	r.text.TextSize = r.textSize(k.sizeTheme())
	r.text.Color = col(fynetheme.ColorNameForeground)
	r.icon.SetResource(k.icon)
	r.bg.CornerRadius = k.sizeTheme().Size(fynetheme.SizeNameInputRadius)
	r.overlay.CornerRadius = r.bg.CornerRadius
	r.bg.StrokeWidth = 0
	r.bg.FillColor = color.Transparent

	switch {
	case k.role == roleDisplay:
		r.text.Color = col(fynetheme.ColorNamePrimary)
		if k.hint {
			r.text.Color = col(fynetheme.ColorNamePlaceHolder)
		}
	case k.Blank():
	case k.role == rolePrimary:
		r.bg.FillColor = col(fynetheme.ColorNamePrimary)
		r.text.Color = col(fynetheme.ColorNameForegroundOnPrimary)
	case k.role == roleAction:
		r.bg.FillColor = col(fynetheme.ColorNameButton)
	default:
		r.bg.FillColor = col(fynetheme.ColorNameInputBackground)
		r.bg.StrokeColor = col(fynetheme.ColorNameSeparator)
		r.bg.StrokeWidth = 1
	}
	if k.highlight && !k.Blank() {
		r.bg.StrokeColor = col(fynetheme.ColorNamePrimary)
		r.bg.StrokeWidth = 3
	}
	r.overlay.FillColor = color.Transparent
	if k.pressed {
		r.overlay.FillColor = col(fynetheme.ColorNamePressed)
	}
	r.bg.Refresh()
	r.overlay.Refresh()
	r.text.Refresh()
	r.Layout(k.Size())
}

func (r *keyRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.overlay, r.text, r.icon}
}

func (r *keyRenderer) Destroy() {}
