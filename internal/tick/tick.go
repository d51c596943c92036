// Package tick runs a function at a steady pace in the background, for
// the program's periodic looks (the data file's health, the heap).
package tick

import (
	"context"
	"time"
)

// Every calls f every d, the first time d from now, until ctx ends. It
// returns when ctx ends; run it in a goroutine of its own.
func Every(ctx context.Context, d time.Duration, f func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}
