package kiosk

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
)

// 服务评价 (好差评, §五 回复反馈、征求意见): the resident scans the receipt (or types its
// number and query code); once the request is finished and not yet rated,
// five large choices from 非常满意 to 非常不满意, an optional reason
// (required for the two bad ones, data says so), and thanks.

// rateLevels are the five levels, best first, as the screen shows them.
var rateLevels = []int{data.RatingVeryGood, data.RatingGood, data.RatingFair, data.RatingBad, data.RatingVeryBad}

// RateLookup asks for the receipt of the request to rate.
type RateLookup struct {
	lookupScreen
}

// NewRateLookup builds the first screen of 服务评价.
func NewRateLookup(nav *Nav, t *Tracker) *RateLookup {
	s := &RateLookup{}
	s.lookupScreen = newLookupScreen(nav, t, s.onFound, nil)
	s.layout(para(lang.L("track.rate.intro")))
	return s
}

// Title is part of Screen.
func (s *RateLookup) Title() string { return lang.L("track.rate.title") }

// Scan takes a scanned receipt as the request to rate.
func (s *RateLookup) Scan(code string) bool { return s.Form.ScanToken(code) }

func (s *RateLookup) onFound(tr data.Tracking) {
	switch {
	case tr.Status != data.StatusFinished:
		s.nav.ShowMessage(lang.L("track.notice"), lang.L("track.rate.notFinished"))
	case tr.Rated:
		s.nav.ShowMessage(lang.L("track.notice"), lang.L("track.rate.already"))
	default:
		s.nav.Push(NewRate(s.nav, s.tracker, tr))
	}
}

// Rate offers the five levels for one finished request, a reason, and
// submits.
type Rate struct {
	Tracking data.Tracking
	// Levels are the five choices by level (5 非常满意 … 1 非常不满意).
	Levels  map[int]*TapCard
	Level   int // chosen, 0 until then
	Reason  *input.Entry
	Ask     *fitlabel.Label // what the reason field asks, by level
	Message *widget.Label
	Submit  *widget.Button
	Panel   *input.Panel

	nav     *Nav
	tracker *Tracker
	keys    *trackKeys
	busy    bool
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

// NewRate builds the rating screen for a request known to be finished.
func NewRate(nav *Nav, t *Tracker, tr data.Tracking) *Rate {
	s := &Rate{Tracking: tr, Levels: map[int]*TapCard{}, nav: nav, tracker: t}
	th := fyne.CurrentApp().Settings().Theme()
	// In a row on a landscape screen, one below the other on a portrait one.
	grid := container.New(&trackColumns{win: nav.Window(), min: th.Size(fynetheme.SizeNameText) * 7})
	for _, level := range rateLevels {
		level := level
		card := NewTapCard(onCard(rateFace(level)), func() { s.choose(level) })
		s.Levels[level] = card
		grid.Add(card)
	}

	s.keys = newTrackKeys(t, nil)
	s.Panel = s.keys.Panel
	s.Reason = typedEntry(nav, s.Panel, input.Text, lang.L("track.rate.reasonHint"), nil)
	s.keys.multiLine(s.Reason, 3)
	s.Ask = subheading(lang.L("track.rate.reasonOptional"))
	s.Message = trackError()
	s.Submit = widget.NewButtonWithIcon(lang.L("track.rate.submit"), fynetheme.ConfirmIcon(), s.onSubmit)
	s.Submit.Importance = widget.HighImportance
	s.Submit.Disable()
	s.actions = container.New(&minLayout{touchScale: 1.25}, s.Submit)

	what := widget.NewLabel(lang.L("track.rate.what", map[string]any{"Item": tr.ItemName, "Number": tr.ReceiptNo}))
	what.Wrapping = fyne.TextWrapWord
	question := heading(lang.L("track.rate.question"))
	s.content = s.keys.place(container.NewVBox(question, what, grid, s.Ask, s.Reason, s.Message),
		question, what, grid)
	return s
}

// rateFace is a level drawn large: its stars (★ for each point, ☆ for the
// rest, in the theme's warm colour) over its name.
func rateFace(level int) fyne.CanvasObject {
	th, v := trackTheme()
	stars := canvas.NewText(strings.Repeat("★", level)+strings.Repeat("☆", 5-level), th.Color(bmtheme.ColorNameStatusDueSoon, v))
	stars.TextSize = th.Size(fynetheme.SizeNameHeadingText)
	if bmtheme.IsElder(th) {
		// The text is larger already; heading-size stars would not let the
		// five levels share one row of a landscape screen.
		stars.TextSize = th.Size(fynetheme.SizeNameText) * 1.1
	}
	stars.Alignment = fyne.TextAlignCenter
	name := canvas.NewText(lang.X("track.rate.level."+string(rune('0'+level)), data.RatingLabel(level)),
		th.Color(fynetheme.ColorNameForeground, v))
	name.TextSize = th.Size(fynetheme.SizeNameSubHeadingText)
	name.TextStyle.Bold = true
	name.Alignment = fyne.TextAlignCenter
	return container.NewVBox(container.NewCenter(stars), container.NewCenter(name))
}

// Title is part of Screen.
func (s *Rate) Title() string { return lang.L("track.rate.title") }

// Content is part of Screen.
func (s *Rate) Content() fyne.CanvasObject { return s.content }

// Actions puts 提交评价 in the footer.
func (s *Rate) Actions() fyne.CanvasObject { return s.actions }

// Leave closes the keys.
func (s *Rate) Leave() { s.keys.close() }

func (s *Rate) choose(level int) {
	s.nav.Activity()
	s.Level = level
	for l, c := range s.Levels {
		c.SetSelected(l == level)
	}
	if level <= data.RatingBad {
		s.Ask.SetText(lang.L("track.rate.reasonRequired"))
	} else {
		s.Ask.SetText(lang.L("track.rate.reasonOptional"))
	}
	setTrackError(s.Message, "")
	if !s.busy {
		s.Submit.Enable()
	}
}

func (s *Rate) onSubmit() {
	s.nav.Activity()
	if s.busy || s.Level == 0 {
		return
	}
	s.Panel.Keyboard.Reset()
	dropDoneNewline(s.Reason)
	s.keys.close()
	s.busy = true
	s.Submit.Disable()
	id, level, reason := s.Tracking.RequestID, s.Level, s.Reason.Text
	s.nav.Async(func() func() {
		err := s.tracker.store.Rate(s.nav.Context(), id, level, reason)
		return func() { s.done(level, err) }
	})
}

func (s *Rate) done(level int, err error) {
	s.busy = false
	s.Submit.Enable()
	if err == nil {
		s.nav.Finish(NewRateThanks(level))
		return
	}
	var ie *data.InvalidError
	if errors.As(err, &ie) && ie.Field == "request" {
		// Not finished or already rated (perhaps from a phone meanwhile):
		// nothing here can change that.
		s.Submit.Disable()
		s.nav.ShowMessage(lang.L("track.notice"), locale.Message(ie))
	} else if !errors.As(err, &ie) {
		fyne.LogError("kiosk: rate", err)
	}
	msg := s.nav.message(err)
	if errors.Is(err, data.ErrCommitUnknown) {
		msg = lang.L("kiosk.error.rateUnknown") // the same rating again is saved once (data.Store.Rate)
	}
	setTrackError(s.Message, msg)
}

// RateThanks thanks the resident for a rating.
type RateThanks struct {
	Level   int
	Message *fitlabel.Label

	content fyne.CanvasObject
}

// NewRateThanks builds the thanks for a rating of level.
func NewRateThanks(level int) *RateThanks {
	s := &RateThanks{Level: level}
	banner, _ := trackBanner(lang.L("track.rate.thanks"), bmtheme.ColorNameStatusOK)
	key := "track.rate.thanksGood"
	if level <= data.RatingBad {
		key = "track.rate.thanksBad"
	}
	s.Message = para(lang.L(key))
	s.Message.SizeName = fynetheme.SizeNameSubHeadingText
	s.content = vscroll(container.NewVBox(banner, container.NewCenter(onCard(rateFace(level))), s.Message))
	return s
}

// Title is part of Screen.
func (s *RateThanks) Title() string { return lang.L("track.rate.title") }

// Content is part of Screen.
func (s *RateThanks) Content() fyne.CanvasObject { return s.content }

// Speech reads out the thanks.
func (s *RateThanks) Speech() string {
	return lang.L("track.rate.thanks") + s.Message.Text
}
