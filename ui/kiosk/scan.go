package kiosk

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
	"bianmin/ui/input"
)

// ScanReceiver is a screen that takes a scan itself instead of opening the
// tracking result: the rating and complaint screens that ask for a receipt.
// Scan reports whether the screen took the code.
type ScanReceiver interface {
	Scan(code string) bool
}

// ScanRouter sends what a keyboard-wedge scanner types anywhere on the
// kiosk to the right place: to the screen on top when it is a
// ScanReceiver, otherwise to the tracking result of the request (or the
// status of the complaint) whose QR code was scanned. It is the kiosk's
// KeyHandler (kiosk.New makes it from the kiosk's Tracker).
//
// The kiosk hands it the keys typed while no widget has the focus; the
// Tracker's own input fields feed the same Scanner through their Panel,
// so a scan also works while a field has the focus.
type ScanRouter struct {
	// Scanner is the Tracker's scanner, whose OnScan the router serves.
	Scanner *input.Scanner

	nav     *Nav
	tracker *Tracker
}

var _ KeyHandler = (*ScanRouter)(nil)

// ScanRouter makes the router for the kiosk's navigation and routes the
// Tracker's scanner to it.
func (t *Tracker) ScanRouter(nav *Nav) *ScanRouter {
	r := &ScanRouter{Scanner: t.Scanner, nav: nav, tracker: t}
	t.route = r.route
	// A scan that stops before its end types nothing anywhere: the
	// resident is asked to scan again.
	t.Scanner.After = nav.After
	t.Scanner.OnStall = func() {
		nav.Activity()
		closeOverlays(nav)
		nav.ShowMessage(lang.L("track.notice"), lang.L("track.scan.stalled"))
	}
	return r
}

// TypedRune is part of KeyHandler.
func (r *ScanRouter) TypedRune(c rune) { r.Scanner.Rune(c) }

// TypedKey is part of KeyHandler: Enter may end a scan.
func (r *ScanRouter) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		r.Scanner.Enter()
	}
}

func (r *ScanRouter) route(code string) {
	r.nav.Activity()
	if rc, ok := r.nav.Current().(ScanReceiver); ok && rc.Scan(code) {
		return
	}
	r.tracker.openScan(r.nav, code)
}

// scannedToken reads a scanned code: a request's tracking URL
// ({base}/r/{token}), a complaint's ({base}/c/{token}) or a bare token.
// complaint is true for a complaint's URL.
func scannedToken(code string) (token string, complaint, ok bool) {
	if i := strings.LastIndex(strings.ToLower(code), "/c/"); i >= 0 {
		token, ok = data.TokenFromScan(code[i+3:])
		return token, true, ok
	}
	token, ok = data.TokenFromScan(code)
	return token, false, ok
}

// openScan shows what a scanned code belongs to: the tracking result, the
// complaint's status, or a message that nothing was found. Scans count
// toward the throttle like typed codes: a scanner can enumerate too.
func (t *Tracker) openScan(nav *Nav, code string) {
	closeOverlays(nav) // what an earlier scan said
	token, complaint, ok := scannedToken(code)
	if !ok {
		nav.ShowMessage(lang.L("track.notice"), lang.L("track.scan.unknown"))
		return
	}
	t.lookup(nav, t.byToken(token, complaint), func(f found, err error) {
		switch {
		case err == nil && f.tracking != nil:
			t.show(nav, NewTrackResult(nav, t, *f.tracking))
		case err == nil && f.complaint != nil:
			t.show(nav, NewComplaintView(nav, *f.complaint))
		default:
			if nav.failed(err); nav.blocked != nil {
				return // the data file is unusable: the maintenance screen says so
			}
			nav.ShowMessage(lang.L("track.notice"), lookupErrorText(err, lang.L("track.scan.notFound")))
		}
	})
}

// show puts a result on top: in place of a result already shown (a second
// scan), above anything else. Dialogs left open are closed first.
func (t *Tracker) show(nav *Nav, s Screen) {
	closeOverlays(nav)
	switch nav.Current().(type) {
	case *TrackResult, *ComplaintView:
		if nav.Depth() > 1 {
			nav.Back()
		}
	}
	nav.Push(s)
}

// closeOverlays closes the dialogs on the kiosk's window.
func closeOverlays(nav *Nav) {
	overlays := nav.Window().Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
}

// lookupErrorText is what a failed lookup says: notFound for a wrong code,
// the countdown for a throttled attempt, a general line otherwise.
func lookupErrorText(err error, notFound string) string {
	var th errThrottled
	switch {
	case errors.As(err, &th):
		return lang.L("track.throttled", map[string]any{"N": waitSeconds(th.wait)})
	case errors.Is(err, data.ErrNotFound):
		return notFound
	}
	fyne.LogError("kiosk: lookup", err)
	return lang.L("track.error.lookup")
}
