package kiosk

import (
	"image"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// The pieces the tracking, complaint and rating screens share: cards, the
// picture of the scanner, dates in words, and the on-screen keyboard's
// 完成 key.

// trackTheme reads the app's current theme and variant.
func trackTheme() (fyne.Theme, fyne.ThemeVariant) {
	return fyne.CurrentApp().Settings().Theme(), fyne.CurrentApp().Settings().ThemeVariant()
}

// trackBanner is a coloured band with large text in the status colour
// name: the status of a request or a complaint.
func trackBanner(text string, colour fyne.ThemeColorName) (fyne.CanvasObject, *canvas.Text) {
	th, v := trackTheme()
	fill := th.Color(colour, v)
	if isTransparent(fill) {
		fill = th.Color(fynetheme.ColorNamePrimary, v)
	}
	fg := th.Color(bmtheme.ColorNameOnStatus, v)
	if isTransparent(fg) {
		fg = color.White
	}
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	t := canvas.NewText(text, fg)
	t.TextSize = th.Size(fynetheme.SizeNameHeadingText)
	t.TextStyle.Bold = true
	pad := th.Size(fynetheme.SizeNamePadding)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(pad*1.5, pad*1.5, pad*2, pad*2), t)), t
}

// trackStatusColour is the colour of a request's status banner.
func trackStatusColour(s data.Status) fyne.ThemeColorName {
	switch s {
	case data.StatusFinished:
		return bmtheme.ColorNameStatusOK
	case data.StatusWaiting:
		return bmtheme.ColorNameStatusDueSoon
	case data.StatusRefused, data.StatusWithdrawn:
		return fynetheme.ColorNameDisabled
	}
	return bmtheme.ColorNameStatusInfo
}

// trackBig is a value to copy down or read out: a receipt number, a query
// code. Selectable text is no use on a touchscreen, so it is a label.
func trackBig(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = fynetheme.SizeNameHeadingText
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// trackError is the label under a form for what went wrong, in the error
// colour. Empty, it takes no room.
func trackError() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// setTrackError shows msg in l, or hides l when msg is empty.
func setTrackError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
		touch.BringIntoView(l) // the answer to a tap, never below the fold
	}
}

// trackHead is the top of a step of a flow: the step line and the
// question, close together.
func trackHead(n, of int, what, title string) fyne.CanvasObject {
	return compact(container.NewVBox(trackStepText(n, of, what), heading(title)))
}

// trackStepText is the step line of a flow: "第2步，共5步：选择窗口".
func trackStepText(n, of int, what string) *widget.Label {
	l := widget.NewLabel(lang.L("track.step", map[string]any{"N": n, "Of": of, "What": what}))
	l.Importance = widget.HighImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// trackDay is a day from data ('2026-12-10') in words: 2026年12月10日.
// Empty is "", a day that does not parse is shown as it is.
func trackDay(day string) string {
	if day == "" {
		return ""
	}
	t, err := data.ParseDay(day)
	if err != nil {
		return day
	}
	return lang.L("track.date", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day()})
}

// trackDue is a request's promised date, or that it is set on acceptance.
func trackDue(day string) string {
	if s := trackDay(day); s != "" {
		return s
	}
	return lang.L("track.due.later")
}

// trackTime is a moment on a timeline: 2026年3月5日 09:30.
func trackTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(data.China)
	return lang.L("track.time", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day(),
		"Clock": t.Format("15:04")})
}

// trackKeys is the on-screen keypad and keyboard of a form screen, laid
// out below the form (never over it). It feeds the Tracker's scanner, so a
// scan works while a field has the focus. While the keys are open they take
// half a landscape screen: there the objects set aside (pictures, intros)
// hide so the fields move up and multi-line fields shrink to two lines.
// The field being filled scrolls into view; when the keys close, all comes
// back.
type trackKeys struct {
	Panel  *input.Panel
	Scroll *container.Scroll

	root  *fyne.Container
	aside []fyne.CanvasObject
	multi map[*input.Entry]int // multi-line fields and their rows when the keys are closed
	done  func(e *input.Entry)
}

// newTrackKeys makes the keys of a form. 完成 runs done with the field
// (nil done: the keys close). For a multi-line field the Enter that 完成
// types is taken back out first (see dropDoneNewline).
func newTrackKeys(t *Tracker, done func(e *input.Entry)) *trackKeys {
	k := &trackKeys{Panel: input.NewPanel(), multi: map[*input.Entry]int{}, done: done}
	k.Panel.SetScanner(t.Scanner)
	k.Panel.OnShow = k.opened
	k.Panel.OnDone = func(e *input.Entry) {
		if e != nil && e.MultiLine {
			dropDoneNewline(e)
		}
		if k.done != nil && e != nil {
			k.done(e)
			return
		}
		k.close()
	}
	return k
}

// place lays the screen out: body scrolls above the keys; aside are the
// objects of body to hide while the keys are open.
func (k *trackKeys) place(body fyne.CanvasObject, aside ...fyne.CanvasObject) fyne.CanvasObject {
	k.Scroll = vscroll(body)
	k.aside = aside
	k.root = container.NewBorder(nil, k.Panel, nil, nil, k.Scroll)
	return k.root
}

// multiLine makes e a wrapped field of rows lines for free text.
func (k *trackKeys) multiLine(e *input.Entry, rows int) {
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	k.multi[e] = rows
}

func (k *trackKeys) opened(e *input.Entry) {
	k.arrange(true)
	if k.Scroll != nil {
		input.ScrollIntoView(k.Scroll, e)
	}
}

// arrange hides or shows what is set aside and lays the screen out again
// at once, so that scrolling into view measures the new sizes.
func (k *trackKeys) arrange(open bool) {
	if open && !k.short() {
		open = false // a portrait screen has room for everything
	}
	for _, o := range k.aside {
		if open {
			o.Hide()
		} else {
			o.Show()
		}
	}
	for e, rows := range k.multi {
		if open {
			e.SetMinRowsVisible(min(rows, 2))
		} else {
			e.SetMinRowsVisible(rows)
		}
	}
	if k.root != nil {
		k.root.Refresh()
	}
}

// short reports whether the screen is landscape, where the open keys
// leave little room above them.
func (k *trackKeys) short() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(k.Panel)
	if c == nil {
		return true
	}
	s := c.Size()
	return s.Width > s.Height
}

// close closes the keys, takes the focus from the field and brings back
// what was set aside.
func (k *trackKeys) close() {
	e := k.Panel.Active()
	k.Panel.Keyboard.Reset()
	k.Panel.Close()
	if e != nil {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Unfocus()
		}
	}
	k.arrange(false)
}

// focusEntry moves the focus (and the panel) to e.
func focusEntry(e *input.Entry) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// dropDoneNewline removes the line break that the keyboard's 完成 (an
// Enter) has just typed into a multi-line field: the on-screen keyboard
// has no other Enter, so a line break at the very end is never wanted.
func dropDoneNewline(e *input.Entry) {
	if s := strings.TrimRight(e.Text, "\n"); s != e.Text {
		e.SetText(s)
	}
}

// TapCard is a card that can be tapped: a staff member, a window, a level
// of satisfaction. The whole card is the touch target.
type TapCard struct {
	widget.BaseWidget
	OnTapped func()

	content  fyne.CanvasObject
	bg       *canvas.Rectangle
	selected bool
}

// NewTapCard makes content a touch target that runs tapped.
func NewTapCard(content fyne.CanvasObject, tapped func()) *TapCard {
	t := &TapCard{OnTapped: tapped, content: content, bg: canvas.NewRectangle(color.Transparent)}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped is part of fyne.Tappable.
func (t *TapCard) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// SetSelected marks the card as chosen with a thick primary border.
func (t *TapCard) SetSelected(on bool) {
	t.selected = on
	t.Refresh()
}

// Selected reports whether the card is marked as chosen.
func (t *TapCard) Selected() bool { return t.selected }

// CreateRenderer is part of fyne.Widget.
func (t *TapCard) CreateRenderer() fyne.WidgetRenderer {
	r := &tapCardRenderer{t: t}
	r.Refresh()
	return r
}

type tapCardRenderer struct{ t *TapCard }

func (r *tapCardRenderer) Layout(size fyne.Size) {
	r.t.bg.Resize(size)
	r.t.content.Resize(size)
}

func (r *tapCardRenderer) MinSize() fyne.Size {
	th, _ := trackTheme()
	touch := themeSize(th, bmtheme.SizeNameTouchTarget, bmtheme.MinTouchTarget)
	return r.t.content.MinSize().Max(fyne.NewSize(touch, touch))
}

func (r *tapCardRenderer) Refresh() {
	th, v := trackTheme()
	r.t.bg.FillColor = color.Transparent
	r.t.bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	if r.t.selected {
		r.t.bg.StrokeColor = th.Color(fynetheme.ColorNamePrimary, v)
		r.t.bg.StrokeWidth = th.Size(fynetheme.SizeNamePadding) * 0.6
	} else {
		r.t.bg.StrokeWidth = 0
	}
	r.t.bg.Refresh()
	r.t.content.Refresh()
}

func (r *tapCardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.content, r.t.bg}
}

func (r *tapCardRenderer) Destroy() {}

// scanPicture shows where to hold the receipt: a receipt with a QR code,
// an arrow, and the scanner's window on the side where it is.
func scanPicture(side ScannerSide) fyne.CanvasObject {
	th, v := trackTheme()
	unit := th.Size(fynetheme.SizeNameText)

	qr := canvas.NewImageFromImage(scanGlyph())
	qr.ScaleMode = canvas.ImageScalePixels
	qr.FillMode = canvas.ImageFillContain
	qr.SetMinSize(fyne.NewSquareSize(unit * 3.4))
	paper := canvas.NewRectangle(color.White)
	paper.StrokeColor = th.Color(fynetheme.ColorNameSeparator, v)
	paper.StrokeWidth = 2
	paper.CornerRadius = unit / 4
	receiptLabel := canvas.NewText(lang.L("track.scan.receipt"), color.Black)
	receiptLabel.TextSize = unit * 0.8
	receiptLabel.Alignment = fyne.TextAlignCenter
	receipt := container.NewStack(paper, container.NewPadded(container.NewVBox(container.NewCenter(qr), receiptLabel)))

	body := canvas.NewRectangle(color.NRGBA{0x37, 0x41, 0x51, 0xff})
	body.CornerRadius = unit / 2
	beam := canvas.NewRectangle(color.NRGBA{0xe5, 0x39, 0x35, 0xff})
	beam.CornerRadius = unit / 8
	beamBox := container.New(&fixedLayout{size: fyne.NewSize(unit*3.5, unit/4)}, beam)
	scannerLabel := canvas.NewText(lang.L("track.scan.scanner"), color.White)
	scannerLabel.TextSize = unit * 0.8
	scannerLabel.Alignment = fyne.TextAlignCenter
	scanner := container.NewStack(body, container.NewPadded(container.NewVBox(container.NewCenter(beamBox), scannerLabel)))
	scanner = container.New(&fixedLayout{size: fyne.NewSize(unit*5.5, unit*2.3)}, scanner)

	arrowRes := fynetheme.NewPrimaryThemedResource(fynetheme.MoveDownIcon())
	switch side {
	case ScannerRight:
		arrowRes = fynetheme.NewPrimaryThemedResource(fynetheme.NavigateNextIcon())
	case ScannerLeft:
		arrowRes = fynetheme.NewPrimaryThemedResource(fynetheme.NavigateBackIcon())
	}
	arrow := canvas.NewImageFromResource(arrowRes)
	arrow.FillMode = canvas.ImageFillContain
	arrowBox := container.New(&fixedLayout{size: fyne.NewSquareSize(unit * 2)}, arrow)

	var row fyne.CanvasObject
	switch side {
	case ScannerRight:
		row = container.NewHBox(container.NewCenter(receipt), container.NewCenter(arrowBox), container.NewCenter(scanner))
	case ScannerLeft:
		row = container.NewHBox(container.NewCenter(scanner), container.NewCenter(arrowBox), container.NewCenter(receipt))
	default:
		row = container.NewVBox(container.NewCenter(receipt), container.NewCenter(arrowBox), container.NewCenter(scanner))
	}
	return container.NewCenter(row)
}

// scanGlyph draws a QR-like picture (three finder squares and a fixed
// scatter of modules) for the scanning hint. It is not a valid QR code, so
// nothing can decode it.
func scanGlyph() image.Image {
	const n = 21
	img := image.NewNRGBA(image.Rect(0, 0, n+2, n+2))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	dark := color.NRGBA{A: 0xff}
	set := func(x, y int) { img.SetNRGBA(x+1, y+1, dark) }
	finder := func(x0, y0 int) {
		for y := 0; y < 7; y++ {
			for x := 0; x < 7; x++ {
				ring := x == 0 || y == 0 || x == 6 || y == 6
				core := x >= 2 && x <= 4 && y >= 2 && y <= 4
				if ring || core {
					set(x0+x, y0+y)
				}
			}
		}
	}
	finder(0, 0)
	finder(n-7, 0)
	finder(0, n-7)
	seed := uint32(2463534242)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			inFinder := (x < 8 && y < 8) || (x >= n-8 && y < 8) || (x < 8 && y >= n-8)
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			if !inFinder && seed%5 < 2 {
				set(x, y)
			}
		}
	}
	return img
}

// trackColumns lays its visible objects side by side, equally wide and as
// tall as the tallest, when the window is landscape and wide enough for
// min each; otherwise one above the other, full width. (Inside a scroll
// the layout cannot see the screen's shape, hence the window.) With
// lastFirst, a landscape window too narrow for columns (elder mode on a
// small screen) shows the last object first: the form to fill rather than
// the picture beside it.
type trackColumns struct {
	win       fyne.Window
	min       float32
	lastFirst bool
}

// stackOrder is the order of objects one above the other.
func (l *trackColumns) stackOrder(objects []fyne.CanvasObject) []fyne.CanvasObject {
	s := l.win.Canvas().Size()
	if !l.lastFirst || s.Width < s.Height || len(objects) < 2 {
		return objects
	}
	out := make([]fyne.CanvasObject, 0, len(objects))
	for i := len(objects) - 1; i >= 0; i-- {
		out = append(out, objects[i])
	}
	return out
}

func (l *trackColumns) gap() float32 { return fynetheme.Padding() * 2 }

func (l *trackColumns) side(objects []fyne.CanvasObject, width float32) bool {
	n := len(objects)
	if n < 2 {
		return false
	}
	s := l.win.Canvas().Size()
	if s.Width < s.Height {
		return false
	}
	if width <= 0 {
		width = s.Width
	}
	need := float32(n-1) * l.gap()
	for _, o := range objects {
		need += max(l.min, o.MinSize().Width)
	}
	return width >= need
}

func (l *trackColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects = visible(objects)
	if l.side(objects, size.Width) {
		n := float32(len(objects))
		w := (size.Width - (n-1)*l.gap()) / n
		h := float32(0)
		for _, o := range objects {
			o.Resize(fyne.NewSize(w, o.MinSize().Height)) // wrapped text measures at its width
			h = max(h, o.MinSize().Height)
		}
		for i, o := range objects {
			o.Move(fyne.NewPos(float32(i)*(w+l.gap()), 0))
			o.Resize(fyne.NewSize(w, h))
		}
		return
	}
	y := float32(0)
	for _, o := range l.stackOrder(objects) {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap()
	}
}

func (l *trackColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objects = visible(objects)
	var s fyne.Size
	if l.side(objects, 0) {
		for i, o := range objects {
			m := o.MinSize()
			s.Width += m.Width
			if i > 0 {
				s.Width += l.gap()
			}
			s.Height = max(s.Height, m.Height)
		}
		return s
	}
	for i, o := range objects {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height += l.gap()
		}
	}
	return s
}
