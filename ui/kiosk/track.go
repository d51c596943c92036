package kiosk

import (
	"context"
	"errors"
	"time"

	"bianmin/data"
	"bianmin/ui/input"
)

// LookupStore finds a request or a complaint from what is printed on its
// receipt; *data.Store is one. A wrong number, code or token is
// data.ErrNotFound, whichever half is wrong.
type LookupStore interface {
	Center(ctx context.Context) (data.Center, error)
	TrackByToken(ctx context.Context, token string) (data.Tracking, error)
	TrackByCode(ctx context.Context, receiptNo, queryCode string) (data.Tracking, error)
	ComplaintByToken(ctx context.Context, token string) (data.ComplaintStatus, error)
	ComplaintByCode(ctx context.Context, code, queryCode string) (data.ComplaintStatus, error)
}

// ComplainStore is what the 投诉建议 screens need besides the lookups.
type ComplainStore interface {
	Windows(ctx context.Context) ([]data.Window, error)
	StaffCards(ctx context.Context) ([]data.StaffCard, error)
	FileComplaint(ctx context.Context, nc data.NewComplaint) (data.ComplaintReceipt, error)
}

// RateStore is what the 服务评价 screens need besides the lookups.
type RateStore interface {
	Rate(ctx context.Context, requestID int64, level int, reason string) error
}

// TrackerStore is everything the Tracker's screens use; *data.Store is one.
type TrackerStore interface {
	LookupStore
	ComplainStore
	RateStore
}

// ScannerSide says where the scanner sits relative to the screen, so the
// 进度查询 screen can point at it.
type ScannerSide string

// Where a kiosk's scanner may be.
const (
	ScannerBelow ScannerSide = "below"
	ScannerRight ScannerSide = "right"
	ScannerLeft  ScannerSide = "left"
)

// TrackerOptions configures a Tracker.
type TrackerOptions struct {
	// BaseURL is the public address the QR codes point to, without a
	// trailing slash: a complaint's code is {BaseURL}/c/{token}.
	BaseURL string
	// Now is the clock of the throttle and the scanner (default time.Now).
	Now func() time.Time
	// Throttle slows repeated failed lookups (default NewThrottle(Now)).
	Throttle *Throttle
	// ScannerSide is where the scanner is, for the picture on the lookup
	// screens (default ScannerBelow).
	ScannerSide ScannerSide
	// Printer prints a filed complaint's receipt on the roll; nil hides
	// 打印回执 (the resident photographs the QR code).
	Printer RegisterPrinter
}

// Tracker holds what 进度查询 (tracking), 投诉建议 (complaints) and 服务评价
// (ratings) share: the store, the anti-enumeration throttle, the scanner
// and the base URL of the QR codes. kiosk.New makes one for the life of
// the kiosk (Kiosk.Tracker), so the throttle survives leaving a screen and
// the idle reset.
type Tracker struct {
	// Throttle is shared by every lookup, typed or scanned.
	Throttle *Throttle
	// Scanner tells a keyboard-wedge scanner's bursts from typing. The
	// Tracker's screens give it to their input panels (Panel.SetScanner),
	// so a scan works while a field has the focus; other screens that make
	// a Panel should do the same.
	Scanner *input.Scanner

	store TrackerStore
	opts  TrackerOptions
	route func(code string) // set by ScanRouter
}

// NewTracker returns the shared state of the tracking, complaint and
// rating screens.
func NewTracker(store TrackerStore, opts TrackerOptions) *Tracker {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Throttle == nil {
		opts.Throttle = NewThrottle(opts.Now)
	}
	if opts.ScannerSide == "" {
		opts.ScannerSide = ScannerBelow
	}
	t := &Tracker{Throttle: opts.Throttle, store: store, opts: opts}
	t.Scanner = input.NewScanner(t.onScan)
	t.Scanner.Now = opts.Now
	return t
}

// features are the factories of the three home tiles the Tracker serves.
func (t *Tracker) features() map[Feature]Factory {
	return map[Feature]Factory{
		FeatureTrack:    func(n *Nav) Screen { return NewTrack(n, t) },
		FeatureComplain: func(n *Nav) Screen { return NewComplain(n, t) },
		FeatureRate:     func(n *Nav) Screen { return NewRateLookup(n, t) },
	}
}

// BaseURL is the address the QR codes point to.
func (t *Tracker) BaseURL() string { return t.opts.BaseURL }

func (t *Tracker) onScan(code string) {
	if t.route != nil {
		t.route(code)
	}
}

// errThrottled is returned by a lookup refused because of earlier failures.
type errThrottled struct{ wait time.Duration }

func (e errThrottled) Error() string { return "kiosk: too many failed lookups" }

// found is the outcome of a lookup: a request or a complaint.
type found struct {
	tracking  *data.Tracking
	complaint *data.ComplaintStatus
}

// lookup runs find off the UI goroutine under the throttle and calls done
// with the outcome on the UI goroutine. A refusal by the throttle is
// errThrottled (and find does not run); data.ErrNotFound counts as a
// failure, anything found as a success; other errors (a busy database)
// count as neither.
func (t *Tracker) lookup(nav *Nav, find func(ctx context.Context) (found, error), done func(found, error)) {
	if w := t.Throttle.Wait(); w > 0 {
		done(found{}, errThrottled{w})
		return
	}
	nav.Async(func() func() {
		f, err := find(nav.Context())
		return func() {
			switch {
			case errors.Is(err, data.ErrNotFound):
				t.Throttle.Fail()
			case err == nil:
				t.Throttle.Succeed()
			}
			done(f, err)
		}
	})
}

// byToken finds what a scanned token belongs to: a request first, then a
// complaint (or the other way round when the QR was a complaint's).
func (t *Tracker) byToken(token string, complaintFirst bool) func(ctx context.Context) (found, error) {
	return func(ctx context.Context) (found, error) {
		request := func() (found, error) {
			tr, err := t.store.TrackByToken(ctx, token)
			if err != nil {
				return found{}, err
			}
			return found{tracking: &tr}, nil
		}
		complaint := func() (found, error) {
			c, err := t.store.ComplaintByToken(ctx, token)
			if err != nil {
				return found{}, err
			}
			return found{complaint: &c}, nil
		}
		first, second := request, complaint
		if complaintFirst {
			first, second = complaint, request
		}
		f, err := first()
		if errors.Is(err, data.ErrNotFound) {
			return second()
		}
		return f, err
	}
}

// requestByToken finds a request only (rating, a complaint about a
// request).
func (t *Tracker) requestByToken(token string) func(ctx context.Context) (found, error) {
	return func(ctx context.Context) (found, error) {
		tr, err := t.store.TrackByToken(ctx, token)
		if err != nil {
			return found{}, err
		}
		return found{tracking: &tr}, nil
	}
}

// byCode finds a request, or a complaint when complaint is true, from the
// number and query code typed.
func (t *Tracker) byCode(number, code string, complaint bool) func(ctx context.Context) (found, error) {
	return func(ctx context.Context) (found, error) {
		if complaint {
			c, err := t.store.ComplaintByCode(ctx, number, code)
			if err != nil {
				return found{}, err
			}
			return found{complaint: &c}, nil
		}
		tr, err := t.store.TrackByCode(ctx, number, code)
		if err != nil {
			return found{}, err
		}
		return found{tracking: &tr}, nil
	}
}
