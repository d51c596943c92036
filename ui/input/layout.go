package input

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynetheme "fyne.io/fyne/v2/theme"
)

// weighted lays its objects out in a row (or a column), each taking a
// share of the length in proportion to its weight, with one padding
// between neighbours. An object of weight w spans w units plus the w−1
// paddings inside it, so rows of keys line up with a column of keys of
// weights 1, 1, 2 beside them. Hidden objects take no room.
type weighted struct {
	vertical bool
	weights  []float32
	sizes    fyne.Theme // Panel.SetKeySizes; nil: the app's theme
}

func (l *weighted) padding() float32 {
	if l.sizes != nil {
		return l.sizes.Size(fynetheme.SizeNamePadding)
	}
	return fynetheme.Padding()
}

func (l *weighted) visible(objects []fyne.CanvasObject) (objs []fyne.CanvasObject, ws []float32, total float32) {
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		w := float32(1)
		if i < len(l.weights) {
			w = l.weights[i]
		}
		objs = append(objs, o)
		ws = append(ws, w)
		total += w
	}
	return objs, ws, total
}

func (l *weighted) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objs, ws, total := l.visible(objects)
	if total == 0 {
		return
	}
	pad := l.padding()
	length := size.Width
	if l.vertical {
		length = size.Height
	}
	// One unit and the padding after it, so that a span of w units is
	// w*step - pad long.
	step := (length + pad) / total
	pos := float32(0)
	for i, o := range objs {
		n := max(ws[i]*step-pad, 0)
		if l.vertical {
			o.Move(fyne.NewPos(0, pos))
			o.Resize(fyne.NewSize(size.Width, n))
		} else {
			o.Move(fyne.NewPos(pos, 0))
			o.Resize(fyne.NewSize(n, size.Height))
		}
		pos += ws[i] * step
	}
}

func (l *weighted) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objs, ws, total := l.visible(objects)
	if total == 0 {
		return fyne.Size{}
	}
	pad := l.padding()
	var step, across float32
	for i, o := range objs {
		m := o.MinSize()
		along, other := m.Width, m.Height
		if l.vertical {
			along, other = m.Height, m.Width
		}
		step = max(step, (along+pad)/ws[i])
		across = max(across, other)
	}
	length := step*total - pad
	if l.vertical {
		return fyne.NewSize(across, length)
	}
	return fyne.NewSize(length, across)
}

// row puts objects side by side with the given weights (1 for any
// missing).
func row(weights []float32, objects ...fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: &weighted{weights: weights}, Objects: objects}
}

// column stacks objects with the given weights.
func column(weights []float32, objects ...fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: &weighted{vertical: true, weights: weights}, Objects: objects}
}

// ones returns n weights of 1.
func ones(n int) []float32 {
	w := make([]float32, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// spacer is an empty cell in a row of keys.
func spacer() fyne.CanvasObject { return canvas.NewRectangle(color.Transparent) }

// maxWidth centres its objects and makes them as wide as the space, but
// never wider than width: a keypad stays a keypad on a 1920 dp screen.
type maxWidth struct{ width float32 }

func (l maxWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		w := max(min(size.Width, l.width), o.MinSize().Width)
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
	}
}

func (l maxWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// keepsFocus is embedded by the keypad and keyboard so that tapping them
// leaves the focus on the entry being typed into. Fyne's desktop driver
// unfocuses the focused widget when a tap lands on something that is not
// Focusable, unless a Focusable object lies under the pointer; the
// keyboard is one. It reports itself disabled, so the focus manager never
// gives it the focus (Tab skips it) and Canvas.Focus refuses it.
type keepsFocus struct{}

func (keepsFocus) FocusGained()            {}
func (keepsFocus) FocusLost()              {}
func (keepsFocus) TypedRune(rune)          {}
func (keepsFocus) TypedKey(*fyne.KeyEvent) {}
func (keepsFocus) Disabled() bool          { return true }
func (keepsFocus) Enable()                 {}
func (keepsFocus) Disable()                {}
