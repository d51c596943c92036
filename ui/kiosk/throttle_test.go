package kiosk

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestThrottle drives a Throttle through sequences of failures, successes
// and clock advances and checks the wait after each step.
func TestThrottle(t *testing.T) {
	type step struct {
		op   string        // "fail", "ok" or "wait" (advance the clock)
		d    time.Duration // for "wait"
		want time.Duration // Wait() after the step
	}
	s := time.Second
	fails := func(n int, want ...time.Duration) []step {
		var out []step
		for i := 0; i < n; i++ {
			w := time.Duration(0)
			if i < len(want) {
				w = want[i]
			}
			out = append(out, step{op: "fail", want: w})
		}
		return out
	}
	tests := map[string]struct {
		steps []step
	}{
		"ThreeFreeThenTenSeconds": {fails(3, 0, 0, 10*s)},
		"CountsDown": {append(fails(3, 0, 0, 10*s),
			step{op: "wait", d: 4 * s, want: 6 * s},
			step{op: "wait", d: 6 * s, want: 0})},
		"Doubles": {[]step{
			{op: "fail"}, {op: "fail"}, {op: "fail", want: 10 * s},
			{op: "wait", d: 10 * s}, {op: "fail", want: 20 * s},
			{op: "wait", d: 20 * s}, {op: "fail", want: 40 * s},
			{op: "wait", d: 40 * s}, {op: "fail", want: 80 * s},
			{op: "wait", d: 80 * s}, {op: "fail", want: 160 * s},
			{op: "wait", d: 160 * s}, {op: "fail", want: 300 * s},
			{op: "wait", d: 300 * s}, {op: "fail", want: 300 * s},
		}},
		"SuccessResetsTheStreak": {append(append(fails(2, 0, 0),
			step{op: "ok"}), fails(3, 0, 0, 10*s)...)},
		"SuccessAfterTheWait": {append(fails(3, 0, 0, 10*s),
			step{op: "wait", d: 10 * s}, step{op: "ok"},
			step{op: "fail"}, step{op: "fail"}, step{op: "fail", want: 10 * s})},
		"WaitNeverShortened": {[]step{
			{op: "fail"}, {op: "fail"}, {op: "fail", want: 10 * s},
			{op: "ok", want: 10 * s}, // a lookup already under way succeeded
			{op: "fail", want: 10 * s},
		}},
		"BudgetIgnoresSuccesses": {func() []step {
			// Two failures and a success, over and over: the streak never
			// reaches three, but the 31st failure within the hour waits 5 min.
			var out []step
			for i := 0; i < 15; i++ {
				out = append(out, step{op: "fail"}, step{op: "fail"}, step{op: "ok"})
			}
			return append(out, step{op: "fail", want: 300 * s})
		}()},
		"BudgetForgetsAfterTheWindow": {func() []step {
			var out []step
			for i := 0; i < 15; i++ {
				out = append(out, step{op: "fail"}, step{op: "fail"}, step{op: "ok"})
			}
			return append(out, step{op: "wait", d: time.Hour}, step{op: "fail"})
		}()},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			now := time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)
			th := NewThrottle(func() time.Time { return now })
			assert.Zero(t, th.Wait())
			for i, st := range tc.steps {
				switch st.op {
				case "fail":
					th.Fail()
				case "ok":
					th.Succeed()
				case "wait":
					now = now.Add(st.d)
				}
				assert.Equal(t, st.want, th.Wait(), "step %d (%s)", i, st.op)
			}
		})
	}
}

func TestWaitSeconds(t *testing.T) {
	tests := map[string]struct {
		d    time.Duration
		want int
	}{
		"Zero":      {0, 0},
		"RoundsUp":  {1500 * time.Millisecond, 2},
		"Exact":     {10 * time.Second, 10},
		"JustAbove": {10*time.Second + time.Nanosecond, 11},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, waitSeconds(tc.d))
		})
	}
}

func TestThrottleConcurrent(t *testing.T) {
	th := NewThrottle(nil)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				th.Fail()
				_ = th.Wait()
				th.Succeed()
			}
		}()
	}
	wg.Wait()
	assert.Positive(t, th.Wait(), "800 failures within the hour exceed the budget")
}
