// Package wraplabel has a label that wraps Chinese text by the rules of
// Chinese typesetting: a line does not begin with closing punctuation
// (，。、）》” …) nor end with opening punctuation (（《“ …), and a run of Latin
// letters and digits (a receipt number, a phone number) is not split.
//
// Fyne's widget.Label with TextWrapWord breaks a line at its last space,
// and Chinese has none, so it breaks at whatever character fills the line:
// 。 or 》 may then start the next one. This label takes its lines from
// package linebreak (as the printed paper does) for the width it is given
// and shows them in a widget.Label, one per line.
package wraplabel

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/linebreak"
)

// Label is a wrapped label. Text, SizeName, TextStyle, Alignment and
// Importance are as on widget.Label; call Refresh (or SetText) after
// changing them.
type Label struct {
	widget.BaseWidget
	Text       string
	SizeName   fyne.ThemeSizeName
	TextStyle  fyne.TextStyle
	Alignment  fyne.TextAlign
	Importance widget.Importance

	inner *widget.Label
}

// New is a label showing text, wrapped at the width it is given.
func New(text string) *Label {
	l := &Label{Text: text, inner: widget.NewLabel(text)}
	// Word wrapping stays on as the safety net should a line be a hair
	// wider than measured; the text set on it already fits.
	l.inner.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows text.
func (l *Label) SetText(text string) {
	l.Text = text
	l.Refresh()
}

// Shown is the text on screen: Text with a line break where each line ends.
func (l *Label) Shown() string { return l.inner.Text }

// CreateRenderer is part of fyne.Widget.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.sync()
	return &renderer{l: l}
}

// sync copies the label's settings to the inner label and breaks the text
// for the width it has; it reports whether anything changed.
func (l *Label) sync() bool {
	in := l.inner
	shown := l.broken(l.Size().Width)
	changed := in.Text != shown || in.SizeName != l.SizeName || in.TextStyle != l.TextStyle ||
		in.Alignment != l.Alignment || in.Importance != l.Importance
	in.Text, in.SizeName, in.TextStyle, in.Alignment, in.Importance = shown, l.SizeName, l.TextStyle, l.Alignment, l.Importance
	return changed
}

// broken is the text with its lines broken for a label w wide.
func (l *Label) broken(w float32) string {
	if w <= 0 || l.Text == "" {
		return l.Text
	}
	th := l.Theme()
	sizeName := l.SizeName
	if sizeName == "" {
		sizeName = theme.SizeNameText
	}
	// A pixel to spare: the lines are measured a piece at a time, Fyne
	// measures each whole.
	avail := w - 2*th.Size(theme.SizeNameInnerPadding) - 1
	if avail <= 0 {
		return l.Text // not laid out yet: as Fyne's label
	}
	return lines(l.Text, th.Size(sizeName), l.TextStyle, avail)
}

type linesKey struct {
	text  string
	size  float32
	style fyne.TextStyle
	avail float32
}

var (
	linesMu sync.Mutex
	cache   = map[linesKey]string{}
)

// maxLines bounds the memory of broken texts; past it they are forgotten
// at once (a screen's texts are broken again in a few measures).
const maxLines = 5000

// lines is text broken into lines avail wide, joined by line breaks.
func lines(text string, size float32, style fyne.TextStyle, avail float32) string {
	k := linesKey{text, size, style, avail}
	linesMu.Lock()
	s, ok := cache[k]
	linesMu.Unlock()
	if ok {
		return s
	}
	s = strings.Join(linebreak.Wrap(text, float64(avail), func(t string) float64 {
		return float64(fyne.MeasureText(t, size, style).Width)
	}), "\n")
	linesMu.Lock()
	if len(cache) >= maxLines {
		clear(cache)
	}
	cache[k] = s
	linesMu.Unlock()
	return s
}

type renderer struct {
	l *Label
}

func (r *renderer) Destroy() {}

func (r *renderer) Layout(size fyne.Size) {
	if r.l.sync() {
		r.l.inner.Refresh()
	}
	r.l.inner.Resize(size)
}

// MinSize is the inner label's: as wide as a character, as high as the
// lines at the width the label has.
func (r *renderer) MinSize() fyne.Size { return r.l.inner.MinSize() }

func (r *renderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.inner} }

func (r *renderer) Refresh() {
	r.l.sync()
	r.l.inner.Refresh()
}
