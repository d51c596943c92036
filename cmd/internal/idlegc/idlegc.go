// Package idlegc hands the garbage of a burst of use back to the system
// once the program goes quiet. Go collects when the heap has grown by
// GOGC percent of its live size, and its scavenger returns only memory
// above that goal: a kiosk that has just answered a search keeps that
// search's garbage in its resident memory until it is next used. Run
// watches the heap and, when it holds a good share of garbage and has not
// grown for a while (nobody is using the screen), collects and returns the
// free pages (debug.FreeOSMemory): a forced collection at rest, never in
// the middle of a tap. The C side (the GL driver's textures, freed by
// Fyne a minute after a screen is left) is handed back the same way through
// the native function given to Run: glibc keeps what C frees in its arenas.
package idlegc

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"bianmin/internal/tick"
)

// Every is how often Run looks at the heap: the quiet it waits for.
const Every = 2 * time.Second

// Quiet is the most the heap may grow between two looks for the program
// to count as idle (a clock redrawn each second allocates a little).
const Quiet = 1 << 20

// MinGarbage is the least garbage worth a collection at rest, besides an
// eighth of the live heap. A collection at rest costs a few ms of CPU that
// nobody waits for; garbage left in place stays resident until the next
// burst of use, which on a kiosk may be hours away.
const MinGarbage = 2 << 20

// Worth reports whether a collection is due at rest: the heap's objects
// (live and dead, not yet collected) have grown by no more than Quiet since
// the last look (prev) and exceed the live heap of the last collection by
// an eighth of it and MinGarbage.
func Worth(prev, objects, live uint64) bool {
	quiet := objects <= prev+Quiet
	return quiet && objects > live+max(live/8, MinGarbage)
}

// TrimEvery is the least time between two calls of Run's native release
// while the program is quiet. Fyne frees a screen's textures a minute
// after it was last drawn, well after the taps: a release at each quiet
// look would be wasted, one at the end of a burst would miss them.
const TrimEvery = 20 * time.Second

// TrimDue reports whether Run's native release is due: the heap's objects
// have grown by no more than Quiet since the last look (prev) and the last
// release was since ago, TrimEvery or more.
func TrimDue(prev, objects uint64, since time.Duration) bool {
	return objects <= prev+Quiet && since >= TrimEvery
}

// Run looks at the heap every Every until ctx ends, and frees what Worth
// says is due. When the heap has been quiet for a look and native was last
// called TrimEvery ago or more, it calls native (nil: none), which returns
// the C heap's free memory to the system (malloc_trim). Start it in a
// goroutine of its own.
func Run(ctx context.Context, native func()) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	var prev uint64
	trimmed := time.Now()
	tick.Every(ctx, Every, func() {
		metrics.Read(samples)
		objects, live := samples[0].Value.Uint64(), samples[1].Value.Uint64()
		if Worth(prev, objects, live) {
			debug.FreeOSMemory()
			metrics.Read(samples)
			objects = samples[0].Value.Uint64()
		}
		if native != nil && TrimDue(prev, objects, time.Since(trimmed)) {
			native()
			trimmed = time.Now()
		}
		prev = objects
	})
}
