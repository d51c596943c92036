// Package firstframe tells when a program's window has drawn its first
// frame: the kiosk starts its deferred start-up work then (erasing expired
// personal information, the daily backup), and a benchmark measures the
// start up to it. The kiosk and the bare floor program (cmd/barefyne)
// carry the same probe. Environment variables:
//
//   - BIANMIN_FIRST_FRAME=1: when the first frame of the window has been
//     drawn, print "first-frame unix-us=N" (wall clock, microseconds) on
//     stderr, with cpu-ms=N, the CPU time the process has used by then
//     (user and system, all threads), which a busy machine disturbs less
//     than the wall clock. The harness (cmd/barefyne/bench-gui.sh)
//     subtracts the time it started the process.
//   - BIANMIN_CPUPROFILE=FILE: write a CPU profile from Start to the first
//     frame.
//   - BIANMIN_TRACE=FILE: write an execution trace over the same span.
//   - BIANMIN_MEMPROFILE=FILE: write a heap profile (what is in use) at
//     the first frame.
//   - BIANMIN_PPROF=ADDR: serve Go's profiles (/debug/pprof/, e.g.
//     heap and profile) on ADDR, such as 127.0.0.1:6060, for as long as
//     the program runs: a long session's memory is looked at with
//     `go tool pprof http://ADDR/debug/pprof/heap`. Never on a public
//     address: the profiles show the program's insides.
package firstframe

import (
	"fmt"
	"image"
	"io"
	"log"
	"net/http"
	httppprof "net/http/pprof"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// Environment variables read by Start and Watch.
const (
	EnvFirstFrame = "BIANMIN_FIRST_FRAME"
	EnvCPUProfile = "BIANMIN_CPUPROFILE"
	EnvTrace      = "BIANMIN_TRACE"
	EnvMemProfile = "BIANMIN_MEMPROFILE"
	EnvPprof      = "BIANMIN_PPROF"
)

// Fallback is how long Watch waits for a first frame before it runs its
// functions anyway (a window that is never drawn, such as a hidden one).
const Fallback = 10 * time.Second

var stops []func() // what Start started; only Watch's once touches it after

// Start begins the CPU profile and the trace that the environment asks
// for. Call it first thing in main; Watch ends them with the first frame.
func Start() {
	if path := os.Getenv(EnvCPUProfile); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := os.Getenv(EnvTrace); path != "" {
		if f, err := os.Create(path); err == nil && trace.Start(f) == nil {
			stops = append(stops, func() { trace.Stop(); f.Close() })
		}
	}
	if addr := os.Getenv(EnvPprof); addr != "" {
		// A mux of its own: the phone page's server must not serve these.
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", httppprof.Index)
		mux.HandleFunc("/debug/pprof/profile", httppprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", httppprof.Symbol)
		go func() { log.Println("bianmin: pprof:", http.ListenAndServe(addr, mux)) }()
	}
	if path := os.Getenv(EnvMemProfile); path != "" {
		stops = append(stops, func() {
			if f, err := os.Create(path); err == nil {
				runtime.GC() // what is live, not what awaits collection
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		})
	}
}

// Watch waits for w's first frame: then it stops what Start started,
// reports the frame on out when the environment asks for it (see the
// package comment) and runs each of then in a goroutine of its own. Call
// it before the window is shown. It adds an invisible overlay whose raster
// the painter draws with the frame, and removes it right after, so the
// window is left as it was.
func Watch(w fyne.Window, out io.Writer, then ...func()) {
	report := os.Getenv(EnvFirstFrame) != ""
	if !report && len(stops) == 0 && len(then) == 0 {
		return
	}
	var once sync.Once
	var probe *canvas.Raster
	fire := func(drawn bool) {
		once.Do(func() {
			at := time.Now()
			for _, stop := range stops {
				stop()
			}
			if report && drawn {
				fmt.Fprintf(out, "first-frame unix-us=%d cpu-ms=%d\n", at.UnixMicro(), cpuTime().Milliseconds())
			}
			w.Canvas().Overlays().Remove(probe)
			for _, f := range then {
				go f()
			}
		})
	}
	fallback := time.AfterFunc(Fallback, func() { fyne.Do(func() { fire(false) }) })
	probe = canvas.NewRaster(func(_, _ int) image.Image {
		// Called by the painter during the first frame: the frame is on
		// screen once this tick's SwapBuffers has run, which is before
		// the next function queued with fyne.Do.
		go fyne.Do(func() {
			fallback.Stop()
			fire(true)
		})
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent
	})
	w.Canvas().Overlays().Add(probe)
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
