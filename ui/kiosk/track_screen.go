package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// Track is 进度查询 (§十 全过程跟踪督查): scan the receipt's QR code, or type the
// receipt number and query code. It finds a request (the tracking result)
// or, with 投诉回执 chosen, a complaint (its status). A scan anywhere on the
// kiosk gets to the same results through the ScanRouter.
type Track struct {
	lookupScreen
	// Kind chooses between a request's receipt and a complaint's.
	Kind *widget.RadioGroup
}

// NewTrack builds the 进度查询 screen.
func NewTrack(nav *Nav, t *Tracker) *Track {
	s := &Track{}
	s.lookupScreen = newLookupScreen(nav, t, s.onRequest, s.onComplaint)
	kinds := []string{lang.L("track.kind.request"), lang.L("track.kind.complaint")}
	s.Kind = widget.NewRadioGroup(kinds, func(v string) {
		nav.Activity()
		s.Form.SetComplaint(v == kinds[1])
	})
	s.Kind.Horizontal = true
	s.Kind.Required = true
	s.Kind.SetSelected(kinds[0])

	s.layout(nil, s.Kind)
	return s
}

// lookupScreen is what the screens that ask for a receipt share (进度查询,
// 服务评价, a complaint about a request): the form, laid out by lookupBody,
// its countdown brought up to date on coming back and stopped on leaving.
type lookupScreen struct {
	Form *LookupForm

	nav     *Nav
	tracker *Tracker
	content fyne.CanvasObject
}

// newLookupScreen is a lookupScreen whose form goes on with onRequest (and
// onComplaint, unless nil); layout lays it out.
func newLookupScreen(nav *Nav, t *Tracker, onRequest func(data.Tracking),
	onComplaint func(data.ComplaintStatus)) lookupScreen {
	return lookupScreen{Form: newLookupForm(nav, t, onRequest, onComplaint), nav: nav, tracker: t}
}

// layout lays the screen out: intro (may be nil), then the scan and the
// typed form with extra above its fields (lookupBody).
func (s *lookupScreen) layout(intro fyne.CanvasObject, extra ...fyne.CanvasObject) {
	body, aside := lookupBody(s.tracker, s.Form, intro, extra...)
	s.content = s.Form.place(body, aside...)
}

// lookupBody lays out a screen that asks for a receipt: what to do first
// (intro, may be nil), then side by side on a landscape screen (one above
// the other on a portrait one) the card for a scan and the card for
// typing, with extra above the form's fields. aside are the objects to
// hide while the keys are open, so that the fields move up.
func lookupBody(t *Tracker, f *LookupForm, intro fyne.CanvasObject, extra ...fyne.CanvasObject) (body fyne.CanvasObject, aside []fyne.CanvasObject) {
	scan := onCard(container.NewVBox(
		compact(subheading(lang.L("track.scan.title"))),
		para(lang.L("track.scan.how")),
		scanPicture(t.opts.ScannerSide),
		quiet(lang.L("track.scan.where."+string(t.opts.ScannerSide))),
	))
	title := compact(subheading(lang.L("track.form.title")))
	typed := append([]fyne.CanvasObject{title}, extra...)
	typed = append(typed, f.Fields())
	aside = append([]fyne.CanvasObject{scan, title}, extra...)
	th := fyne.CurrentApp().Settings().Theme()
	cols := container.New(&trackColumns{win: f.nav.Window(), min: th.Size(fynetheme.SizeNameText) * 20, lastFirst: true},
		scan, onCard(container.NewVBox(typed...)))
	if intro == nil {
		return cols, aside
	}
	return container.NewVBox(intro, cols), append(aside, intro)
}

// Title is part of Screen.
func (s *Track) Title() string { return lang.L("track.title") }

// Content is part of Screen. Coming back to the screen brings the
// throttle's countdown up to date.
func (s *lookupScreen) Content() fyne.CanvasObject {
	s.Form.enter()
	return s.content
}

// Leave stops the countdown and closes the keys.
func (s *lookupScreen) Leave() { s.Form.leave() }

func (s *Track) onRequest(tr data.Tracking) {
	s.nav.Push(NewTrackResult(s.nav, s.tracker, tr))
}

func (s *Track) onComplaint(c data.ComplaintStatus) {
	s.nav.Push(NewComplaintView(s.nav, c))
}
