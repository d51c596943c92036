package themetest

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
	_ "unsafe" // for go:linkname, see cacheNow and cacheClean
)

// cacheNow is the clock of Fyne's widget caches (internal/cache timeNow,
// a variable Fyne keeps for its own tests): when a renderer was last used
// and when it expires are read from it.
//
//go:linkname cacheNow fyne.io/fyne/v2/internal/cache.timeNow
var cacheNow func() time.Time

// cacheClean is what the driver runs after each frame (glfw loop.go:
// cache.Clean(refreshed)): at most every ten seconds, it drops the
// renderers, canvas entries, SVGs and text sizes not used for
// cache.ValidDuration (one minute).
//
//go:linkname cacheClean fyne.io/fyne/v2/internal/cache.Clean
func cacheClean(canvasRefreshed bool)

// TapGap is the time Pace lets pass, on Fyne's cache clock, for each
// screen opened: a resident reads a screen for a few seconds before the
// next tap.
const TapGap = 3 * time.Second

// IdleGCEnv, set to 1, makes Pace model the program's collection at rest
// too (see Pace.Tap).
const IdleGCEnv = "BIANMIN_BENCH_IDLEGC"

// Pace makes a screen benchmark keep what the real program keeps between
// two screens, no more: the benchmark opens a screen every few
// milliseconds where a resident opens one every few seconds.
//
// The kiosk's Nav drops a screen it leaves (the holder shows the next
// one), but Fyne keeps each widget's renderer, and the object in its
// canvas cache, until a minute after its last use and cleans at most
// every ten seconds after a paint: in the running program the last 60–70
// s of screens stay cached, some 20 screens at one tap every TapGap. Run
// at full speed on Fyne's wall clock, a benchmark keeps the thousands of
// screens of its last minute instead (the live heap grew from 35 to 56 MB
// over a run of BenchmarkScreenOpen), and every collection marks them.
// Pace moves Fyne's cache clock on by TapGap per screen opened and cleans
// as a paint would, so the same 20-odd screens stay cached.
//
// Pace changes nothing inside a timed open: the clock moves and the cache
// is cleaned in Tap, between two timed opens, where the program paints
// and waits for the next tap. Fyne's clean runs once every ten seconds
// of the model's clock (every third or fourth screen).
type Pace struct {
	offset atomic.Int64 // nanoseconds added to the wall clock
	idleGC bool

	samples    []metrics.Sample
	collected  int // idle collections run
	restoreNow func() time.Time
}

// NewPace installs the model's clock in Fyne's caches until tb ends.
// With IdleGCEnv=1 in the environment, Tap also models the idle collector.
func NewPace(tb testing.TB) *Pace {
	p := &Pace{
		idleGC: os.Getenv(IdleGCEnv) == "1",
		samples: []metrics.Sample{
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/gc/heap/live:bytes"},
		},
		restoreNow: cacheNow,
	}
	cacheNow = func() time.Time { return time.Now().Add(time.Duration(p.offset.Load())) }
	tb.Cleanup(func() { cacheNow = p.restoreNow })
	return p
}

// IdleGC reports whether Tap models the idle collector.
func (p *Pace) IdleGC() bool { return p.idleGC }

// Tap is the gap after a screen was opened and timed, before the next
// tap: TapGap passes on Fyne's cache clock and the frame's clean runs.
//
// With IdleGCEnv=1 it also does what cmd/internal/idlegc does in the
// program while the resident reads (it looks at the heap every 2 s, less
// than TapGap): if the heap has not grown since the last look (nothing
// allocates between two taps) and holds garbage beyond a quarter of the
// live heap and 4 MB (idlegc.Worth), it collects and returns the free
// pages (debug.FreeOSMemory). Otherwise the Go runtime's own collections
// fall wherever the allocation takes them, inside timed opens too.
func (p *Pace) Tap() {
	p.offset.Add(int64(TapGap))
	cacheClean(true)
	if !p.idleGC {
		return
	}
	metrics.Read(p.samples)
	objects, live := p.samples[0].Value.Uint64(), p.samples[1].Value.Uint64()
	// The look at the end of the gap sees the heap as the look before
	// it, during the same gap: quiet.
	if objects > live+max(live/4, idleMinGarbage) {
		debug.FreeOSMemory()
		p.collected++
	}
}

// Report reports the live heap as of the last collection (live-MB: what
// stays cached, which Pace keeps from growing) and, with IdleGCEnv=1, the
// idle collections per op (idle-gc/op) since the last Report, and starts
// counting again.
func (p *Pace) Report(b *testing.B) {
	metrics.Read(p.samples)
	b.ReportMetric(float64(p.samples[1].Value.Uint64())/1e6, "live-MB")
	if p.idleGC {
		b.ReportMetric(float64(p.collected)/float64(b.N), "idle-gc/op")
	}
	p.collected = 0
}

// idleMinGarbage is idlegc.MinGarbage (cmd/internal/idlegc, which the
// ui tree cannot import).
const idleMinGarbage = 4 << 20
