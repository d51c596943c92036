package kiosk

import (
	"sync"
	"time"
)

// Defaults of a Throttle (the tracking rule: "after repeated failures the screen
// slows down further attempts, so codes cannot be enumerated").
const (
	DefaultThrottleFree   = 3                // failures allowed without a wait
	DefaultThrottleFirst  = 10 * time.Second // the first wait
	DefaultThrottleMax    = 5 * time.Minute  // the longest wait
	DefaultThrottleWindow = time.Hour        // the window of the budget
	DefaultThrottleBudget = 30               // failures allowed in any window
)

// Throttle slows down repeated failed lookups at the kiosk, typed or
// scanned, so that receipt numbers, query codes and tokens cannot be
// enumerated from the lobby.
//
// The first Free failures in a row cost nothing (a resident mistypes); the
// next one makes the kiosk wait First, each further one twice as long as
// the one before, up to Max. A success ends the streak, so a resident who
// finally types the right code starts afresh next time. Because someone
// who holds one real receipt could otherwise reset the streak at will, a
// second rule ignores successes: more than Budget failures within any
// Window make every further failure wait Max.
//
// It is pure logic on an injectable clock. One Throttle serves the whole
// kiosk (main creates it once, in the Tracker): leaving a screen, or the
// idle reset, does not wipe it. It is safe for concurrent use.
type Throttle struct {
	Free   int
	First  time.Duration
	Max    time.Duration
	Window time.Duration
	Budget int

	mu     sync.Mutex
	now    func() time.Time
	streak int
	until  time.Time
	recent []time.Time // failures within Window, oldest first
}

// NewThrottle returns a throttle with the default limits on the clock now
// (time.Now when nil).
func NewThrottle(now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{
		Free:   DefaultThrottleFree,
		First:  DefaultThrottleFirst,
		Max:    DefaultThrottleMax,
		Window: DefaultThrottleWindow,
		Budget: DefaultThrottleBudget,
		now:    now,
	}
}

// Wait is how long until the next attempt is allowed; 0 allows it now.
func (t *Throttle) Wait() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.until.Sub(t.now()); d > 0 {
		return d
	}
	return 0
}

// Fail records a failed attempt (nothing found) and starts the wait it
// earns, if any.
func (t *Throttle) Fail() {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.streak++
	t.prune(now)
	t.recent = append(t.recent, now)

	var wait time.Duration
	if n := t.streak - t.Free; n >= 0 {
		wait = t.First
		for i := 0; i < n && wait < t.Max; i++ {
			wait *= 2
		}
		wait = min(wait, t.Max)
	}
	if t.Budget > 0 && len(t.recent) > t.Budget {
		wait = t.Max
	}
	if until := now.Add(wait); wait > 0 && until.After(t.until) {
		t.until = until
	}
}

// Succeed records a successful lookup: the streak of failures ends. The
// failures still count toward the budget.
func (t *Throttle) Succeed() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.streak = 0
}

// prune forgets the failures older than the window.
func (t *Throttle) prune(now time.Time) {
	i := 0
	for i < len(t.recent) && now.Sub(t.recent[i]) >= t.Window {
		i++
	}
	t.recent = append(t.recent[:0], t.recent[i:]...)
}

// waitSeconds is a wait rounded up to whole seconds, for the countdown.
func waitSeconds(d time.Duration) int {
	return int((d + time.Second - 1) / time.Second)
}
