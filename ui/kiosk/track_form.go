package kiosk

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/internal/hooks"
	"bianmin/ui/locale"
)

// LookupForm asks for a receipt: the receipt number and the query code
// typed on the on-screen keys, or a scan of its QR code. The tracking,
// complaint and rating screens each show one.
//
// The receipt number is "WY-20260305-0001": the center's prefix, the day
// and the day's sequence. The prefix is the same on every receipt of this
// service room, so the form shows it fixed ("WY-") and the resident types
// only the digits after it on the large numeric keypad, 12 or more of them;
// the number as it will be looked up is repeated below the field, dashes
// and all, to compare with the slip. The query code has letters, so it
// gets the keyboard in upper-case letters with digits on top.
//
// A wrong pair says only "not found", never which half is wrong; after
// repeated failures the Tracker's throttle makes the 查询 button count down
// before the next attempt.
type LookupForm struct {
	// Prefix is the fixed start of the number ("WY-", or "TWY-" for a
	// complaint). Number takes the digits after it, Code the query code.
	Prefix  *widget.Label
	Number  *input.Entry
	Code    *input.Entry
	Preview *fitlabel.Label
	Search  *widget.Button
	Message *widget.Label
	// Hint says why the button counts down, while it does.
	Hint  *fitlabel.Label
	Panel *input.Panel
	// Scroll holds the form (and whatever the screen puts around it): the
	// panel scrolls the active field into view.
	Scroll *container.Scroll

	nav        *Nav
	tracker    *Tracker
	keys       *trackKeys
	complaint  bool   // looking up a complaint's code
	prefix     string // the center's receipt prefix
	busy       bool
	scanned    bool // the lookup under way is of a scanned code
	away       bool // the screen was left: a late answer is dropped
	stopTick   func()
	onRequest  func(data.Tracking)
	onComplain func(data.ComplaintStatus) // nil: requests only
	fields     fyne.CanvasObject

	numberLabel, codeLabel *widget.Label
	previewRow, previewGap fyne.CanvasObject
}

// newLookupForm builds the form. onRequest gets a request found by its
// number and code or by a scan (ScanToken); onComplaint, if not nil, a
// complaint found by its code (SetComplaint switches the form).
func newLookupForm(nav *Nav, t *Tracker, onRequest func(data.Tracking), onComplaint func(data.ComplaintStatus)) *LookupForm {
	f := &LookupForm{nav: nav, tracker: t, onRequest: onRequest, onComplain: onComplaint}
	f.Prefix = widget.NewLabel("")
	f.Prefix.SizeName = fynetheme.SizeNameSubHeadingText
	f.Prefix.TextStyle.Bold = true
	f.keys = newTrackKeys(t, f.onDone)
	f.Panel = f.keys.Panel

	f.Number = typedEntry(nav, f.Panel, input.Digits, lang.L("track.form.numberHint"), f.refreshPreview)
	f.Code = typedEntry(nav, f.Panel, input.Code, lang.L("track.form.codeHint"), nil)
	f.Preview = quiet("")
	f.previewRow = compact(f.Preview)
	f.previewGap = layout.NewSpacer()
	f.Search = widget.NewButtonWithIcon(lang.L("track.form.search"), fynetheme.SearchIcon(), f.onSearch)
	f.Search.Importance = widget.HighImportance
	f.Message = trackError()
	f.Hint = quiet(lang.L("track.form.throttleHint"))
	f.Hint.Hide()

	f.numberLabel = lookupLabel("")
	f.codeLabel = lookupLabel(lang.L("track.form.code"))
	number := container.NewBorder(nil, nil, f.Prefix, nil, f.Number)
	// Labels on the left, fields on the right: on a landscape screen the
	// whole form, button included, fits without scrolling.
	grid := container.New(layout.NewFormLayout(),
		f.numberLabel, number,
		f.previewGap, f.previewRow,
		f.codeLabel, f.Code,
	)
	f.fields = container.NewVBox(grid, container.New(&minLayout{touchScale: 1.25}, f.Search), f.Message, f.Hint)
	f.setPrefix(nav.Center().ReceiptPrefix)
	if f.prefix == "" {
		f.loadPrefix()
	}
	f.relabel()
	return f
}

// lookupLabel is a field's name on the left of the form.
func lookupLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = fynetheme.SizeNameSubHeadingText
	l.Importance = widget.HighImportance
	return l
}

// Fields are the form's labels, fields, button and message, for the
// screen to put on a card.
func (f *LookupForm) Fields() fyne.CanvasObject { return f.fields }

// place lays out a screen around the form: body scrolls, the keys open
// below it; aside hide while they are open.
func (f *LookupForm) place(body fyne.CanvasObject, aside ...fyne.CanvasObject) fyne.CanvasObject {
	root := f.keys.place(body, aside...)
	f.Scroll = f.keys.Scroll
	return root
}

// SetComplaint switches between a request's receipt (false) and a
// complaint's (true): the prefix gains the T of complaint codes.
func (f *LookupForm) SetComplaint(on bool) {
	if f.onComplain == nil {
		on = false
	}
	f.complaint = on
	setTrackError(f.Message, "")
	f.relabel()
}

func (f *LookupForm) relabel() {
	if f.complaint {
		f.numberLabel.SetText(lang.L("track.form.complaintNumber"))
	} else {
		f.numberLabel.SetText(lang.L("track.form.number"))
	}
	f.Prefix.SetText(f.prefixText() + "-")
	f.refreshPreview()
}

func (f *LookupForm) prefixText() string {
	if f.complaint {
		p := f.prefix
		if len(p) > 5 {
			p = p[:5] // as data.ComplaintCode does
		}
		return "T" + p
	}
	return f.prefix
}

func (f *LookupForm) setPrefix(p string) {
	f.prefix = p
	if f.numberLabel != nil {
		f.relabel()
	}
}

// loadPrefix reads the center's receipt prefix when the shell has not
// loaded the profile yet.
func (f *LookupForm) loadPrefix() {
	f.nav.Async(func() func() {
		c, err := f.tracker.store.Center(f.nav.Context())
		if err != nil {
			fyne.LogError("kiosk: center profile", err)
			return nil
		}
		return func() { f.setPrefix(c.ReceiptPrefix) }
	})
}

// fullNumber is the number as looked up: the prefix, then the 8 digits of
// the day and the sequence, with dashes. Digits typed beyond the prefix
// that are too few for a day and a sequence come back as they are.
func (f *LookupForm) fullNumber() string {
	d := strings.TrimSpace(f.Number.Text)
	if len(d) > 8 {
		d = d[:8] + "-" + d[8:]
	}
	return f.prefixText() + "-" + d
}

func (f *LookupForm) refreshPreview() {
	if f.Number.Text == "" {
		f.Preview.SetText("")
		f.previewRow.Hide()
		f.previewGap.Hide()
		return
	}
	key := "track.form.numberPreview"
	if f.complaint {
		key = "track.form.complaintPreview"
	}
	f.Preview.SetText(lang.L(key, map[string]any{"Number": f.fullNumber()}))
	f.previewRow.Show()
	f.previewGap.Show()
}

// example is what the resident types for a receipt of today: its date and
// a sequence.
func (f *LookupForm) example() string {
	return f.prefixText() + "-" + f.nav.Now().In(data.China).Format("20060102") + "-0001"
}

// onDone moves from the number to the code, and searches after the code.
func (f *LookupForm) onDone(e *input.Entry) {
	if e == f.Number {
		focusEntry(f.Code)
		return
	}
	f.keys.close()
	if e == f.Code {
		f.onSearch()
	}
}

// check reads the two fields and returns what to look up, or the message
// saying what to fix. Only the form is checked here (the length of the
// digits, the query code's alphabet), which says nothing about whether
// such a receipt exists.
func (f *LookupForm) check() (number, code, msg string) {
	digits := strings.TrimSpace(f.Number.Text)
	switch {
	case digits == "":
		return "", "", lang.L("track.form.numberEmpty")
	case len(digits) < 12:
		return "", "", lang.L("track.form.numberShort", map[string]any{"Example": f.example()})
	case strings.TrimSpace(f.Code.Text) == "":
		return "", "", lang.L("track.form.codeEmpty")
	}
	number = f.fullNumber()
	if _, err := data.CleanReceiptNo("receipt_no", number); err != nil {
		return "", "", locale.Message(err)
	}
	code, err := data.CleanQueryCode("query_code", f.Code.Text)
	if err != nil {
		return "", "", locale.Message(err)
	}
	return number, code, ""
}

func (f *LookupForm) onSearch() {
	f.nav.Activity()
	if f.busy || f.refreshThrottle() {
		return
	}
	number, code, msg := f.check()
	if msg != "" {
		setTrackError(f.Message, msg)
		return
	}
	f.keys.close()
	f.scanned = false
	f.run(f.tracker.byCode(number, code, f.complaint))
}

// ScanToken looks up a scanned code (a tracking URL or a bare token) as
// this form's kind of receipt. It reports whether the code was one.
func (f *LookupForm) ScanToken(code string) bool {
	token, complaint, ok := scannedToken(code)
	if !ok || (complaint && f.onComplain == nil) {
		return false
	}
	f.nav.Activity()
	if f.busy {
		return true
	}
	if f.refreshThrottle() {
		setTrackError(f.Message, lang.L("track.throttled", map[string]any{"N": waitSeconds(f.tracker.Throttle.Wait())}))
		return true
	}
	f.keys.close()
	f.scanned = true
	if f.onComplain == nil {
		f.run(f.tracker.requestByToken(token))
	} else {
		f.run(f.tracker.byToken(token, complaint))
	}
	return true
}

func (f *LookupForm) run(find func(context.Context) (found, error)) {
	f.busy = true
	f.Search.Disable()
	setTrackError(f.Message, "")
	f.Message.Importance = widget.MediumImportance
	f.Message.SetText(lang.L("track.form.searching"))
	f.Message.Show()
	f.tracker.lookup(f.nav, find, f.done)
}

func (f *LookupForm) done(r found, err error) {
	f.busy = false
	f.Message.Importance = widget.DangerImportance
	f.Search.Enable()
	setTrackError(f.Message, "")
	switch {
	case f.away:
		// The resident went elsewhere meanwhile; the throttle has counted.
	case err == nil && r.tracking != nil:
		f.onRequest(*r.tracking)
	case err == nil && r.complaint != nil && f.onComplain != nil:
		f.onComplain(*r.complaint)
	default:
		notFound := lang.L("track.form.notFound")
		switch {
		case f.scanned:
			notFound = lang.L("track.scan.notFound")
		case f.complaint:
			notFound = lang.L("track.form.complaintNotFound")
		}
		if err == nil {
			err = data.ErrNotFound
		}
		f.nav.failed(err)
		setTrackError(f.Message, lookupErrorText(err, notFound))
	}
	f.refreshThrottle()
}

// refreshThrottle shows the throttle's state on the button: a countdown
// while further attempts must wait, ticking every second, or 查询. It
// reports whether attempts must wait.
func (f *LookupForm) refreshThrottle() bool {
	hooks.Stop(&f.stopTick)
	w := f.tracker.Throttle.Wait()
	if w <= 0 {
		f.Search.SetText(lang.L("track.form.search"))
		if !f.busy {
			f.Search.Enable()
		}
		f.Hint.Hide()
		return false
	}
	n := waitSeconds(w)
	f.Search.SetText(lang.L("track.form.wait", map[string]any{"N": n}))
	f.Search.Disable()
	f.Hint.Show()
	if f.away {
		return true // enter starts the countdown again
	}
	next := w - time.Duration(n-1)*time.Second // to the next whole second
	f.stopTick = f.nav.After(next, func() {
		f.stopTick = nil
		f.refreshThrottle()
	})
	return true
}

// leave stops the countdown and closes the keys; the screen calls it from
// its Leave.
func (f *LookupForm) leave() {
	f.away = true
	hooks.Stop(&f.stopTick)
	f.keys.close()
}

// enter brings the countdown up to date when the screen shows again; the
// screen calls it from its Content.
func (f *LookupForm) enter() {
	f.away = false
	f.refreshThrottle()
}
