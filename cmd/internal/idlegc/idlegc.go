// Package idlegc hands the garbage of a burst of use back to the system
// once the program goes quiet. Go collects when the heap has grown by
// GOGC percent of its live size, and its scavenger returns only memory
// above that goal: a kiosk that has just answered a search keeps that
// search's garbage in its resident memory until it is next used. Run
// watches the heap and, when it holds a good share of garbage and has not
// grown for a while (nobody is using the screen), collects and returns the
// free pages (debug.FreeOSMemory): a forced collection at rest, never in
// the middle of a tap.
package idlegc

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Every is how often Run looks at the heap: the quiet it waits for.
const Every = 2 * time.Second

// Quiet is the most the heap may grow between two looks for the program
// to count as idle (a clock redrawn each second allocates a little).
const Quiet = 1 << 20

// MinGarbage is the least garbage worth a collection at rest, besides a
// quarter of the live heap.
const MinGarbage = 4 << 20

// Worth reports whether a collection is due at rest: the heap's objects
// (live and dead, not yet collected) have grown by no more than Quiet since
// the last look (prev) and exceed the live heap of the last collection by
// a quarter of it and MinGarbage.
func Worth(prev, objects, live uint64) bool {
	quiet := objects <= prev+Quiet
	return quiet && objects > live+max(live/4, MinGarbage)
}

// Run looks at the heap every Every until ctx ends, and frees what Worth
// says is due. Start it in a goroutine of its own.
func Run(ctx context.Context) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	t := time.NewTicker(Every)
	defer t.Stop()
	var prev uint64
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		metrics.Read(samples)
		objects, live := samples[0].Value.Uint64(), samples[1].Value.Uint64()
		if Worth(prev, objects, live) {
			debug.FreeOSMemory()
			metrics.Read(samples)
			objects = samples[0].Value.Uint64()
		}
		prev = objects
	}
}
