package kiosk

import (
	"image/color"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/input"
	"bianmin/ui/internal/fitlabel"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// The building blocks of the text-heavy screens (a guide, a notice, the
// staff cards): headings, wrapped paragraphs, badges and fact cards, all
// sized by the theme so elder mode enlarges them.

// heading is a screen's main title, wrapped.
func heading(text string) *fitlabel.Label { return wrapped(text, fynetheme.SizeNameHeadingText) }

// subheading is a section title in the primary colour.
func subheading(text string) *fitlabel.Label {
	l := wrapped(text, fynetheme.SizeNameSubHeadingText)
	l.Importance = widget.HighImportance
	return l
}

// wrapped is text in the theme's size name, wrapped at the screen's width
// by the rules of Chinese typesetting (no line starts with 。 or ends
// with 《).
func wrapped(text string, size fyne.ThemeSizeName) *fitlabel.Label {
	l := fitlabel.NewWrapped(text)
	l.SizeName = size
	return l
}

// para is body text that wraps at the screen's width and keeps its line
// breaks.
func para(text string) *fitlabel.Label { return fitlabel.NewWrapped(tightenMarkers(text)) }

// listMarker is a list number at the start of a line and the space after
// it: "1. ", "2、", "（3） ".
var listMarker = regexp.MustCompile(`(?m)^(\s*(?:\d+[.．、)）]|[（(]\d+[)）]))[ \t]+`)

// tightenMarkers drops the space after a list number. Fyne wraps a line at
// its last space, and in Chinese text the space after "1." is often the
// only one, so "1." would stand alone on its line.
func tightenMarkers(text string) string { return listMarker.ReplaceAllString(text, "$1") }

// quiet is secondary text (dates, hints), still at body size.
func quiet(text string) *fitlabel.Label {
	l := para(text)
	l.Importance = widget.LowImportance
	return l
}

// section is a titled block: the title, a rule, then the body.
func section(title string, body ...fyne.CanvasObject) fyne.CanvasObject {
	objs := append([]fyne.CanvasObject{subheading(title), widget.NewSeparator()}, body...)
	return container.NewVBox(objs...)
}

// Badge colours, from Bianmin's theme names (with fallbacks under another
// theme).
const (
	badgeRequired = bmtheme.ColorNameAccent
	badgeInfo     = bmtheme.ColorNameStatusInfo
	badgeSample   = bmtheme.ColorNameStatusDueSoon
	badgeOK       = bmtheme.ColorNameStatusOK
	badgeQuiet    = fynetheme.ColorNameDisabled
)

// badge is a short tag in white on a coloured rounded box: 必需, 原件, 示例.
func badge(text string, name fyne.ThemeColorName) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	fill, fg := statusColours(name)
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius)
	t := canvas.NewText(text, fg)
	t.TextSize = th.Size(fynetheme.SizeNameText) * 0.9
	pad := th.Size(fynetheme.SizeNamePadding)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(pad/2, pad/2, pad, pad), t))
}

// statusColours are the fill of the status colour name and the text on
// it, from the app's theme: the primary colour and white under a theme
// without Bianmin's names.
func statusColours(name fyne.ThemeColorName) (fill, fg color.Color) {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fill = th.Color(name, v)
	if isTransparent(fill) {
		fill = th.Color(fynetheme.ColorNamePrimary, v)
	}
	fg = th.Color(bmtheme.ColorNameOnStatus, v)
	if isTransparent(fg) {
		fg = color.White
	}
	return fill, fg
}

// badges lays badges in a row, left-aligned.
func badges(bs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewHBox(bs...)
}

// fact is a small card of the key facts grid: a caption over a value.
func fact(caption, value string) fyne.CanvasObject {
	bg := cardBackground(1, 1)
	val := fitlabel.NewWrapped(value)
	val.SizeName = fynetheme.SizeNameSubHeadingText
	return container.NewStack(bg, compact(container.NewPadded(container.NewVBox(quiet(caption), val))))
}

// step is one numbered step of a procedure: a number in a circle and the
// wrapped text.
func step(n int, text string) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	side := th.Size(fynetheme.SizeNameText) * 1.7
	circle := canvas.NewCircle(th.Color(fynetheme.ColorNamePrimary, v))
	num := canvas.NewText(strconv.Itoa(n), th.Color(fynetheme.ColorNameForegroundOnPrimary, v))
	num.Alignment = fyne.TextAlignCenter
	num.TextSize = th.Size(fynetheme.SizeNameText)
	holder := container.NewStack(circle, container.NewCenter(num))
	box := container.New(&fixedLayout{size: fyne.NewSquareSize(side)}, holder)
	pad := th.Size(fynetheme.SizeNamePadding)
	// The text in a Stack, so that compact can reach it in the Border.
	return container.NewBorder(nil, nil,
		container.New(layout.NewCustomPaddedLayout(0, 0, pad, 0), container.NewCenter(box)), nil,
		container.NewStack(para(text)))
}

// fixedLayout gives its objects one fixed size.
type fixedLayout struct{ size fyne.Size }

func (l *fixedLayout) Layout(objects []fyne.CanvasObject, _ fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(l.size)
	}
}

func (l *fixedLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }

// status is the line a screen shows while loading, when a list is empty or
// when a search finds nothing.
func status(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = fynetheme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	return l
}

// showCards fills box with a card for each of vs, in order, and returns
// the cards; the status line above says none when there are none, some
// otherwise.
func showCards[V, C any](box *fyne.Container, st *widget.Label, vs []V, card func(V) (C, fyne.CanvasObject), none, some string) []C {
	box.RemoveAll()
	var cards []C
	for _, v := range vs {
		c, o := card(v)
		cards = append(cards, c)
		box.Add(o)
	}
	if len(vs) == 0 {
		st.SetText(none)
	} else {
		st.SetText(some)
	}
	box.Refresh()
	return cards
}

// typedEntry is an entry of p for kind, with hint as its placeholder;
// typing in it is activity (the idle timer starts again) and then calls
// changed, if there is one.
func typedEntry(nav *Nav, p *input.Panel, kind input.Kind, hint string, changed func()) *input.Entry {
	e := p.NewEntry(kind)
	e.SetPlaceHolder(hint)
	e.OnChanged = func(string) {
		nav.Activity()
		if changed != nil {
			changed()
		}
	}
	return e
}

// paragraphs shows text with a line break between paragraphs as one label
// per paragraph, a little apart, which reads more easily than one block.
func paragraphs(text string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			box.Add(para(p))
		}
	}
	return compact(box)
}

// vscroll is a vertical scroll for long text: a resident expects a guide or
// a regulation to scroll.
func vscroll(content fyne.CanvasObject) *container.Scroll {
	return touch.NewVScroll(container.NewPadded(content))
}

// compact shows the labels in o as if their inner padding were 0.8 of the
// theme's padding. A label's inner padding is sized to make a button a
// touch target tall; between the lines of one card it leaves gaps that
// break the card apart, so cards of text use this. It wraps the labels in
// o's containers (bmtheme.InsetLabels) rather than overriding the theme:
// a theme override per card parses the CJK font again each time.
func compact(o fyne.CanvasObject) fyne.CanvasObject {
	return bmtheme.InsetLabels(o, compactInset)
}

// compactInset is how much of a label's inner padding compact takes back.
func compactInset() float32 {
	th := fyne.CurrentApp().Settings().Theme()
	return th.Size(fynetheme.SizeNameInnerPadding) - th.Size(fynetheme.SizeNamePadding)*0.8
}
