// Package fakeclock is the clock tests move by hand: a store, a scanner or
// a screen reads Now from it (pass c.Now where a func() time.Time is
// wanted), and the test sets or advances it. It is safe for concurrent use,
// so a store working in another goroutine may read it while the test moves
// it. It imports nothing of the program, so every test package can use it,
// the tests inside package data included.
package fakeclock

import (
	"sync"
	"time"
)

// Clock is a time that changes only when told.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// New is a clock standing at t.
func New(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set puts the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}
