package staff

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/benchdata"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/theme/themetest"
)

// BenchmarkScreenOpen opens the staff queue on a data file with
// 10,000 items and 100,000 requests (benchdata), with its store reads run
// synchronously, and lays the window out (every renderer created, as the
// first paint would):
//   - queue: the queue screen built anew (ShowQueue);
//   - signin-queue: from a signed-in session (the PIN's argon2 check
//     aside) to the queue laid out: the desk's bar, the duty record and
//     the queue.
//
// The floor, interleaved in the same run, is a bare screen of plain
// labels with texts not seen before, as many as the queue draws texts
// (less the desk bar's, which the floor draws too). Reported: p50-ms, p99-ms,
// floor-p50-ms and x-floor (p50 over the floor's p50).
//
// The screens left stay cached as in the program at a clerk's pace, no
// more (themetest.Pace, as the kiosk's BenchmarkScreenOpen says): after
// each timed open, of the queue and of the floor alike, Fyne's cache clock
// moves on by 3 s and the frame's cache clean runs. With
// BIANMIN_BENCH_IDLEGC=1 the gap also runs the program's collection at
// rest (cmd/internal/idlegc's rule); idle-gc/op is how many ran per op.
func BenchmarkScreenOpen(b *testing.B) {
	store, by := benchdata.Open(b)
	a := test.NewTempApp(b)
	if err := locale.Use(locale.Chinese); err != nil {
		b.Fatal(err)
	}
	a.Settings().SetTheme(bmtheme.New(false))
	win := test.NewTempWindow(b, nil)
	pace := themetest.NewPace(b)
	d := New(store, win, Options{
		Context: context.Background(),
		Run:     func(f func()) { f() },
		After:   func(time.Duration, func()) func() { return func() {} },
	})
	win.SetContent(d.Content())
	win.Resize(fyne.NewSize(1280, 800))
	d.Open()
	d.signedInAs(by)
	countTexts := func() int {
		n := 0
		for _, o := range laidOut(d.Content()) {
			if t, ok := o.(*canvas.Text); ok && t.Text != "" && t.Visible() {
				n++
			}
		}
		return n
	}
	// The queue's texts, less the desk's own (its bar), which the floor
	// draws too around its labels.
	labels := countTexts()
	floorBox := container.NewStack()
	d.show(floorBox)
	labels -= countTexts()
	built := 0
	floor := func() {
		// Texts never seen before, as a page of requests has: Fyne
		// measures each new text once.
		built++
		objs := make([]fyne.CanvasObject, labels)
		for i := range objs {
			objs[i] = widget.NewLabel(fmt.Sprintf("便民服务示例文字 %d-%d", built, i))
		}
		// A new screen, as the queue is: shown the way a new one is.
		d.show(container.NewStack(container.NewVScroll(container.NewVBox(objs...))))
		laidOut(d.Content())
	}

	for _, sc := range []struct {
		name string
		open func()
	}{
		{"queue", func() {
			d.Queue = nil
			d.ShowQueue()
		}},
		{"signin-queue", func() {
			d.signedIn, d.Queue = false, nil
			d.signedInAs(by)
		}},
	} {
		b.Run(sc.name, func(b *testing.B) {
			var ours, floors []time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				sc.open()
				laidOut(d.Content())
				ours = append(ours, time.Since(t0))
				pace.Tap()
				t0 = time.Now()
				floor()
				floors = append(floors, time.Since(t0))
				pace.Tap()
			}
			benchdata.ReportVsFloor(b, ours, floors, labels)
			pace.Report(b)
		})
	}
}

// laidOut does what the driver's first frame after a screen change does
// (themetest.FirstFrame): every renderer created once, new images drawn,
// minimum sizes asked. It used to refresh the whole window and build a
// second renderer for every widget (test.LaidOutObjects), work the program
// never does.
func laidOut(o fyne.CanvasObject) []fyne.CanvasObject {
	return themetest.FirstFrame(o)
}
