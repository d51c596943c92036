// Package firstframe lets a benchmark see when a program's window has drawn
// its first frame, and profile the start up to it. It does nothing unless
// its environment variables are set, so the kiosk and the bare floor
// program (cmd/barefyne) carry the same probe at no cost.
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
package firstframe

import (
	"fmt"
	"image"
	"io"
	"os"
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
)

var (
	mu    sync.Mutex
	stops []func()
)

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
}

// Watch, when the environment asks for it, reports w's first frame on out
// (see the package comment) and stops what Start started. Call it before
// the window is shown. It adds an invisible overlay whose raster the
// painter draws with the frame, and removes it right after, so the window
// is left as it was.
func Watch(w fyne.Window, out io.Writer) {
	if os.Getenv(EnvFirstFrame) == "" && len(stops) == 0 {
		return
	}
	var once sync.Once
	var probe *canvas.Raster
	probe = canvas.NewRaster(func(_, _ int) image.Image {
		// Called by the painter during the first frame: the frame is on
		// screen once this tick's SwapBuffers has run, which is before
		// the next queued function.
		once.Do(func() {
			go fyne.Do(func() {
				at := time.Now()
				mu.Lock()
				for _, stop := range stops {
					stop()
				}
				stops = nil
				mu.Unlock()
				if os.Getenv(EnvFirstFrame) != "" {
					fmt.Fprintf(out, "first-frame unix-us=%d cpu-ms=%d\n", at.UnixMicro(), cpuTime().Milliseconds())
				}
				w.Canvas().Overlays().Remove(probe)
			})
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
