// Package fitlabel has a one-line label cut short with an ellipsis (…)
// when it does not fit, like a widget.Label with TextTruncateEllipsis, but
// it remembers where each text was cut for each width.
//
// Fyne re-shapes the whole text of an ellipsis-truncated label, without
// any cache, every time the label is refreshed or resized; a list of
// items refreshed as it opens spends most of its time there.
// This label measures with fyne.MeasureText, which Fyne caches, and keeps
// the cuts it has found, so a text seen before costs a map lookup.
package fitlabel

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const ellipsis = "…"

// Label is a one-line label that ends in … when its text is too long for
// its width. Text, SizeName, TextStyle, Alignment and Importance are as
// on widget.Label; call Refresh (or SetText) after changing them.
type Label struct {
	widget.BaseWidget
	Text       string
	SizeName   fyne.ThemeSizeName
	TextStyle  fyne.TextStyle
	Alignment  fyne.TextAlign
	Importance widget.Importance

	inner *widget.Label
}

// New is a label showing text.
func New(text string) *Label {
	l := &Label{Text: text, inner: widget.NewLabel(text)}
	// Clip is the safety net should a cut be a pixel too long; the text
	// set on it already fits, with its ellipsis.
	l.inner.Truncation = fyne.TextTruncateClip
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows text.
func (l *Label) SetText(text string) {
	l.Text = text
	l.Refresh()
}

// Shown is the text on screen: Text, or its start and ….
func (l *Label) Shown() string { return l.inner.Text }

// CreateRenderer is part of fyne.Widget.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.sync()
	return &renderer{l: l}
}

// sync copies the label's settings to the inner label and fits the text to
// the width it has; it reports whether anything changed.
func (l *Label) sync() bool {
	in := l.inner
	shown := l.fitted(l.Size().Width)
	changed := in.Text != shown || in.SizeName != l.SizeName || in.TextStyle != l.TextStyle ||
		in.Alignment != l.Alignment || in.Importance != l.Importance
	in.Text, in.SizeName, in.TextStyle, in.Alignment, in.Importance = shown, l.SizeName, l.TextStyle, l.Alignment, l.Importance
	return changed
}

// fitted is the text as it fits in a label w wide.
func (l *Label) fitted(w float32) string {
	if w <= 0 || l.Text == "" {
		return l.Text
	}
	th := l.Theme()
	sizeName := l.SizeName
	if sizeName == "" {
		sizeName = theme.SizeNameText
	}
	size := th.Size(sizeName)
	avail := w - 2*th.Size(theme.SizeNameInnerPadding)
	if avail < 0 {
		return l.Text // as Fyne's label: not laid out yet, nothing is cut
	}
	return fit(l.Text, size, l.TextStyle, avail)
}

type cutKey struct {
	text  string
	size  float32
	style fyne.TextStyle
	avail float32
}

var (
	cutsMu sync.Mutex
	cuts   = map[cutKey]string{}
)

// maxCuts bounds the memory of cuts; past it they are forgotten at once
// (a screen's texts are found again in a few measures).
const maxCuts = 20000

// fit is text as it fits in avail: text itself, or the longest start of it
// that fits with … after it.
func fit(text string, size float32, style fyne.TextStyle, avail float32) string {
	k := cutKey{text, size, style, avail}
	cutsMu.Lock()
	s, ok := cuts[k]
	cutsMu.Unlock()
	if ok {
		return s
	}
	s = cut(text, size, style, avail)
	cutsMu.Lock()
	if len(cuts) >= maxCuts {
		clear(cuts)
	}
	cuts[k] = s
	cutsMu.Unlock()
	return s
}

func cut(text string, size float32, style fyne.TextStyle, avail float32) string {
	if fyne.MeasureText(text, size, style).Width <= avail {
		return text
	}
	runes := []rune(text)
	// The longest n with runes[:n]+… within avail; 0 shows … alone.
	lo, hi := 0, len(runes)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+ellipsis, size, style).Width <= avail {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + ellipsis
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

// MinSize is a widget.Label's with TextTruncateEllipsis: one line high,
// as wide as a character and the ellipsis.
func (r *renderer) MinSize() fyne.Size {
	th := r.l.Theme()
	m := r.l.inner.MinSize()
	return m.AddWidthHeight(fyne.MeasureText(ellipsis, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width, 0)
}

func (r *renderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.inner} }

func (r *renderer) Refresh() {
	r.l.sync()
	r.l.inner.Refresh()
}
