// Package fitlabel has a label that fits its text to its width, in one of
// two ways:
//
//   - New: one line cut short with an ellipsis (…) when it does not fit,
//     like a widget.Label with TextTruncateEllipsis, but remembering where
//     each text was cut for each width. Fyne re-shapes the whole text of an
//     ellipsis-truncated label, without any cache, every time the label is
//     refreshed or resized; a list of items refreshed as it opens spends
//     most of its time there.
//   - NewWrapped: wrapped by the rules of Chinese typesetting: a line does
//     not begin with closing punctuation (，。、）》” …) nor end with opening
//     punctuation (（《“ …), a run of Latin letters and digits (a receipt
//     number, a phone number) is not split, and a last line is not one
//     character alone. Fyne's widget.Label with TextWrapWord breaks a line
//     at its last space, and Chinese has none, so it breaks at whatever
//     character fills the line: 。 or 》 may then start the next one. The
//     lines come from package linebreak, as on the printed paper.
//
// Either way the label measures with fyne.MeasureText, which Fyne caches,
// keeps what it has found for each text and width, so a text seen before
// costs a map lookup, and shows the result in a widget.Label.
package fitlabel

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/linebreak"
)

const ellipsis = "…"

// Label is a label that fits its text to its width. Text, SizeName,
// TextStyle, Alignment and Importance are as on widget.Label; call Refresh
// (or SetText) after changing them.
type Label struct {
	widget.BaseWidget
	Text       string
	SizeName   fyne.ThemeSizeName
	TextStyle  fyne.TextStyle
	Alignment  fyne.TextAlign
	Importance widget.Importance

	wraps bool
	inner *widget.Label
}

// New is a one-line label showing text, cut short with … when too long.
func New(text string) *Label {
	l := &Label{Text: text, inner: widget.NewLabel(text)}
	// Clip is the safety net should a cut be a pixel too long; the text
	// set on it already fits, with its ellipsis.
	l.inner.Truncation = fyne.TextTruncateClip
	l.ExtendBaseWidget(l)
	return l
}

// NewWrapped is a label showing text wrapped at the width it is given by
// the rules of Chinese typesetting.
func NewWrapped(text string) *Label {
	l := &Label{Text: text, wraps: true, inner: widget.NewLabel(text)}
	// Word wrapping is the safety net should a line be a hair wider than
	// measured; the text set on it is already broken into lines that fit.
	l.inner.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// Wraps reports whether the label wraps (NewWrapped) rather than cuts.
func (l *Label) Wraps() bool { return l.wraps }

// SetText shows text.
func (l *Label) SetText(text string) {
	l.Text = text
	l.Refresh()
}

// Shown is the text on screen: Text, its start and …, or Text with a line
// break where each line ends.
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
	avail := w - 2*th.Size(theme.SizeNameInnerPadding)
	if l.wraps {
		// A pixel to spare: lines are measured a piece at a time, Fyne
		// measures each whole.
		avail--
	}
	if avail < 0 || l.wraps && avail == 0 {
		return l.Text // as Fyne's label: not laid out yet, nothing is cut
	}
	return fit(fitKey{l.Text, th.Size(sizeName), l.TextStyle, avail, l.wraps})
}

// fitKey is a text at a size and style, in avail, cut or wrapped.
type fitKey struct {
	text  string
	size  float32
	style fyne.TextStyle
	avail float32
	wraps bool
}

var (
	fitsMu    sync.Mutex
	fits      = map[fitKey]string{}
	fitsBytes int // the texts' bytes the map holds, keys and values
)

// maxFits and maxFitsBytes bound the memory of fitted texts (a guide's
// paragraphs are long, list items short); past either they are forgotten
// at once (a screen's texts are fitted again in a few measures).
const (
	maxFits      = 20000
	maxFitsBytes = 4 << 20
)

// fit is the text of k as it fits: cut or broken into lines.
func fit(k fitKey) string {
	fitsMu.Lock()
	s, ok := fits[k]
	fitsMu.Unlock()
	if ok {
		return s
	}
	if k.wraps {
		s = strings.Join(linebreak.Wrap(k.text, float64(k.avail), func(t string) float64 {
			return float64(fyne.MeasureText(t, k.size, k.style).Width)
		}), "\n")
	} else {
		s = cut(k.text, k.size, k.style, k.avail)
	}
	fitsMu.Lock()
	if len(fits) >= maxFits || fitsBytes >= maxFitsBytes {
		clear(fits)
		fitsBytes = 0
	}
	fits[k] = s
	fitsBytes += len(k.text) + len(s)
	fitsMu.Unlock()
	return s
}

// cut is text itself, or the longest start of it that fits with … after
// it.
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

// MinSize is, cut, a widget.Label's with TextTruncateEllipsis: one line
// high, as wide as a character and the ellipsis; wrapped, the inner
// label's: as wide as a character, as high as the lines at the label's
// width.
func (r *renderer) MinSize() fyne.Size {
	m := r.l.inner.MinSize()
	if r.l.wraps {
		return m
	}
	th := r.l.Theme()
	return m.AddWidthHeight(fyne.MeasureText(ellipsis, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width, 0)
}

func (r *renderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.inner} }

func (r *renderer) Refresh() {
	r.l.sync()
	r.l.inner.Refresh()
}
