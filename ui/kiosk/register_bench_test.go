package kiosk

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"bianmin/data"
	"bianmin/ui/internal/benchdata"
)

// BenchmarkRegisterTaps times the taps of self-registration on the UI
// goroutine, as BenchmarkScreenOpen times screens: on the big data file
// (benchdata), for the sample's 最低生活保障申请 (the item bench-taps.sh
// registers), each step pushed over the one before it (the step left, its
// keyboard closed; the next one shown, its keypad or keyboard built and
// opened) and laid out as the first paint would (themetest.FirstFrame),
// the review over the last step, and the submit's end: the stored
// request's receipt shown over the review (the flow left, the receipt
// built), without the store write and the QR code, which are made off the
// UI goroutine. A
// fresh flow is built, untimed, for each tap timed (a flow's steps are
// shown once). Reported per tap: p50-ms, p99-ms and x-floor against a
// bare screen of as many labels as the screen draws texts, interleaved
// (see BenchmarkScreenOpen); themetest.Pace as there. cpu-p50-ms is the
// median of the CPU time the tap took on its thread (not the wall time):
// less disturbed than p50-ms by other processes on a loaded machine.
//
//	go test ./ui/kiosk/ -run '^$' -bench RegisterTaps -benchtime 20x
func BenchmarkRegisterTaps(b *testing.B) {
	bk := newBenchKiosk(b)
	store, win, pace, cfg, k, nav := bk.store, bk.win, bk.pace, bk.cfg, bk.k, bk.k.Nav

	item := benchItem(b, store, "社会救助", "最低生活保障申请")
	rc := bk.receipt(b)

	// tap readies a fresh flow (untimed) and returns the tap to time.
	type tapCase struct {
		name string
		tap  func() (timed func())
	}
	var cases []tapCase
	steps := len(newRegisterFlow(nav, cfg, item).Steps)
	for i := 1; i < steps; i++ {
		cases = append(cases, tapCase{fmt.Sprintf("step-%02d", i+1), func() func() {
			f := newRegisterFlow(nav, cfg, item)
			nav.Push(f.Steps[i-1])
			laidOut(k.Content())
			return func() { nav.Push(f.Steps[i]) }
		}})
	}
	cases = append(cases, tapCase{"review", func() func() {
		f := newRegisterFlow(nav, cfg, item)
		nav.Push(f.Steps[len(f.Steps)-1])
		laidOut(k.Content())
		return func() { nav.Push(f.review) }
	}})
	cases = append(cases, tapCase{"submit", func() func() {
		f := newRegisterFlow(nav, cfg, item)
		nav.Push(f.review)
		laidOut(k.Content())
		qr := newReceiptQR(cfg, rc) // made with the store write, off the UI goroutine
		return func() { f.submitted(rc, qr, nil) }
	}})
	// The review and the submit again, their first frame drawn with the
	// test driver's software painter (every text rasterised, as Fyne's
	// OpenGL painter does for the texts it has not drawn in the last
	// minute), with InViewFirst as the program sets it.
	drawn := cfg
	drawn.InViewFirst = true
	cases = append(cases, tapCase{"review-drawn", func() func() {
		f := newRegisterFlow(nav, drawn, item)
		nav.Push(f.Steps[len(f.Steps)-1])
		laidOut(k.Content())
		return func() {
			f.advance(f.Steps[len(f.Steps)-1])
			win.Canvas().Capture()
		}
	}})
	cases = append(cases, tapCase{"submit-drawn", func() func() {
		f := newRegisterFlow(nav, drawn, item)
		nav.Push(f.review)
		laidOut(k.Content())
		qr := newReceiptQR(drawn, rc)
		return func() {
			f.submitted(rc, qr, nil)
			win.Canvas().Capture()
		}
	}})

	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			run := func() {
				timed := c.tap()
				timed()
				laidOut(k.Content())
			}
			labels := texts(run, k.Content())
			nav.Home()
			labels -= texts(func() { nav.Push(bareScreen(0)); laidOut(k.Content()) }, k.Content())
			nav.Home()
			var ours, floors, cpu []time.Duration
			runtime.LockOSThread() // threadCPU reads this goroutine's thread
			defer runtime.UnlockOSThread()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				timed := c.tap()
				t0, c0 := time.Now(), threadCPU(b)
				timed()
				laidOut(k.Content())
				ours = append(ours, time.Since(t0))
				cpu = append(cpu, threadCPU(b)-c0)
				nav.Home()
				pace.Tap()
				floor := bareScreen(labels)
				t0 = time.Now()
				nav.Push(floor)
				laidOut(k.Content())
				floors = append(floors, time.Since(t0))
				nav.Home()
				pace.Tap()
			}
			b.StopTimer()
			benchdata.ReportVsFloor(b, ours, floors, labels)
			b.ReportMetric(benchdata.PercentileMS(cpu, 50), "cpu-p50-ms")
			pace.Report(b)
		})
	}
}

// threadCPU is the CPU time the calling thread has run
// (CLOCK_THREAD_CPUTIME_ID, to the nanosecond); the goroutine must be
// locked to its thread.
func threadCPU(b *testing.B) time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	if _, _, e := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime,
		uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		b.Skip("no thread CPU clock:", e)
	}
	return time.Duration(ts.Nano())
}

// benchItem is the item of that name in that category, in full.
func benchItem(b *testing.B, store *data.Store, category, name string) data.Item {
	b.Helper()
	ctx := context.Background()
	items, err := store.ItemsInCategory(ctx, category)
	if err != nil {
		b.Fatal(err)
	}
	for _, it := range items {
		if it.Name == name {
			full, err := store.Item(ctx, it.ID)
			if err != nil {
				b.Fatal(err)
			}
			return full
		}
	}
	b.Fatalf("no item %s in %s", name, category)
	return data.Item{}
}
