package idcardtest

import (
	"testing"
	"time"
)

// Queue is a Watcher's Deliver for tests: what the reader reports runs on
// the test's goroutine when the test drains the queue (Until), as fyne.Do
// runs it on the UI goroutine of the real program.
type Queue chan func()

// NewQueue is a Queue with room for what a reader reports in a test.
func NewQueue() Queue { return make(Queue, 256) }

// Post is the Watcher's Deliver.
func (q Queue) Post(f func()) { q <- f }

// Until runs what the reader delivered until ok holds, failing the test
// after 20 s. ok is also looked at every few milliseconds, not only after
// a delivery: with nobody subscribed the watcher delivers nothing, and it
// records its state after it posts, so a look right after a delivery can
// come too early with nothing more to wake it.
func (q Queue) Until(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !ok() {
		select {
		case f := <-q:
			f()
		case <-tick.C:
		case <-deadline:
			t.Fatalf("never: %s", what)
		}
	}
}
