// Package hooks has what the kiosk and the staff desk take from outside
// for time and background work — the context of store calls, the clock,
// how store work runs off the UI goroutine, and timers that call back on
// it — with the real ones filled in where a caller (a test) gave none.
package hooks

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// AfterFunc calls f on the UI goroutine once d has passed, unless cancel is
// called first.
type AfterFunc func(d time.Duration, f func()) (cancel func())

// After is the real AfterFunc: a time.AfterFunc whose callback comes back
// to the UI goroutine through fyne.Do.
func After(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// Fill gives each hook left nil its real one: context.Background(),
// time.Now, a new goroutine per piece of work, After.
func Fill(ctx *context.Context, now *func() time.Time, run *func(func()), after *AfterFunc) {
	if *ctx == nil {
		*ctx = context.Background()
	}
	if *now == nil {
		*now = time.Now
	}
	if *run == nil {
		*run = func(f func()) { go f() }
	}
	if *after == nil {
		*after = After
	}
}

// Stop calls the stop function *f (a timer's cancel, a watch's stop) if it
// is set and clears it, so that what is stopped twice stops once.
func Stop[F ~func()](f *F) {
	if *f != nil {
		(*f)()
		*f = nil
	}
}
