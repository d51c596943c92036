package kiosk

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/benchdata"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/theme/themetest"
)

// BenchmarkScreenOpen opens each main kiosk screen on a data
// file with 10,000 items and 100,000 requests (benchdata): builds it, with
// its store reads (run synchronously here), pushes it and lays the window
// out (every renderer created, as the first paint would). The floor, built
// in the same run and interleaved, is a bare screen of plain labels with
// texts not seen before, as many as the screen draws texts (less the
// shell's, which the floor draws too). Reported per screen: p50-ms, p99-ms,
// floor-p50-ms and x-floor (p50 over the floor's p50).
//
// The screens left stay cached as in the program at a resident's pace,
// no more (themetest.Pace): after each timed open, of ours and of the
// floor alike, Fyne's cache clock moves on by 3 s and the frame's cache
// clean runs, so some 20 screens stay cached (the last 60–70 s of use),
// where at the benchmark's pace Fyne kept the renderers of the thousands of
// screens opened in its last minute: the live heap grew from 35 to 56 MB
// over a run and each collection, marking it, cost 40–70 ms of a timed
// open (p99 17–60 ms, 7–12 ms with GOGC=off). Collections are not left
// out: the runtime's own land where the allocation takes them, inside
// timed opens too. With BIANMIN_BENCH_IDLEGC=1 the gap after each open
// also runs the program's collection at rest (cmd/internal/idlegc's rule),
// as a resident reading a screen for more than 2 s lets it; idle-gc/op is
// then how many ran per op.
func BenchmarkScreenOpen(b *testing.B) {
	bk := newBenchKiosk(b)
	store, ctx, pace, cfg, k, nav := bk.store, bk.ctx, bk.pace, bk.cfg, bk.k, bk.k.Nav
	tr := NewTracker(store, TrackerOptions{BaseURL: cfg.BaseURL})

	// What the screens show: the biggest category, an item of it in
	// full, and a request with its receipt and tracking.
	cats, err := store.Categories(ctx)
	if err != nil || len(cats) == 0 {
		b.Fatal("no categories", err)
	}
	big := slices.MaxFunc(cats, func(x, y data.Category) int { return x.Count - y.Count })
	items, err := store.ItemsInCategory(ctx, big.Name)
	if err != nil || len(items) == 0 {
		b.Fatal("no items", err)
	}
	item, err := store.Item(ctx, items[len(items)/2].ID)
	if err != nil {
		b.Fatal(err)
	}
	rc := bk.receipt(b)
	tracking, err := store.TrackByToken(ctx, rc.Token)
	if err != nil {
		b.Fatal(err)
	}
	flow := newRegisterFlow(nav, cfg, item)

	qr := newReceiptQR(cfg, rc)
	screens := []struct {
		name  string
		build func() Screen
	}{
		{"home", func() Screen { return NewHome(nav, k) }},
		{"guide-list", func() Screen { return NewCategory(nav, store, k.guideOptions(), big) }},
		{"guide-detail", func() Screen { return NewDetail(nav, store, k.guideOptions(), item.ID) }},
		// Its rows are built when it is pushed (Content), as in the flow.
		{"review", func() Screen { return newRegisterReview(flow, len(flow.Steps)+1) }},
		// Its QR code is made with the store write, off the UI goroutine.
		{"receipt", func() Screen { return newRegisterReceipt(nav, cfg, rc, qr) }},
		{"track-result", func() Screen { return NewTrackResult(nav, tr, tracking) }},
	}
	for _, sc := range screens {
		b.Run(sc.name, func(b *testing.B) {
			open := func(build func() Screen) int {
				nav.Push(build())
				return len(laidOut(k.Content()))
			}
			// The floor draws as many labels as the screen draws texts;
			// the shell's own (header, title bar, footer), which the
			// floor also draws around its labels, are not counted twice.
			labels := texts(func() { open(sc.build) }, k.Content())
			nav.Home()
			labels -= texts(func() { open(func() Screen { return bareScreen(0) }) }, k.Content())
			nav.Home()
			floor := func() Screen { return bareScreen(labels) }
			var ours, floors []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				open(sc.build)
				ours = append(ours, time.Since(t0))
				nav.Home()
				pace.Tap()
				t0 = time.Now()
				open(floor)
				floors = append(floors, time.Since(t0))
				nav.Home()
				pace.Tap()
			}
			b.StopTimer()
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

// texts opens a screen and counts the texts it draws.
func texts(open func(), root fyne.CanvasObject) int {
	open()
	n := 0
	for _, o := range themetest.FirstFrame(root) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" && t.Visible() {
			n++
		}
	}
	return n
}

// bareScreenT is the floor screen.
type bareScreenT struct{ content fyne.CanvasObject }

func (s *bareScreenT) Title() string              { return "示例" }
func (s *bareScreenT) Content() fyne.CanvasObject { return s.content }

// bareScreen is the floor: n plain labels in a scrolled column.
// Its texts were never seen before, as a screen's own are: Fyne measures
// each new text once.
func bareScreen(n int) Screen {
	floorBuilt++
	objs := make([]fyne.CanvasObject, n)
	for i := range objs {
		objs[i] = widget.NewLabel(fmt.Sprintf("便民服务示例文字 %d-%d", floorBuilt, i))
	}
	return &bareScreenT{content: container.NewVScroll(container.NewVBox(objs...))}
}

var floorBuilt int

// benchKiosk is the kiosk the benchmarks time: on the big data file
// (benchdata), in Chinese and Bianmin's theme, 1280×800, store reads run
// synchronously and no timers, at a resident's pace (themetest.Pace).
type benchKiosk struct {
	store *data.Store
	by    data.Session
	ctx   context.Context
	win   fyne.Window
	pace  *themetest.Pace
	cfg   RegisterConfig
	k     *Kiosk
}

func newBenchKiosk(b *testing.B) benchKiosk {
	store, by := benchdata.Open(b)
	a := test.NewTempApp(b)
	if err := locale.Use(locale.Chinese); err != nil {
		b.Fatal(err)
	}
	a.Settings().SetTheme(bmtheme.New(false))
	bk := benchKiosk{store: store, by: by, ctx: context.Background(), win: test.NewTempWindow(b, nil),
		pace: themetest.NewPace(b), cfg: RegisterConfig{Store: store, BaseURL: "http://192.0.2.1:8080"}}
	bk.k = New(store, bk.win, Options{
		Context: bk.ctx,
		Run:     func(f func()) { f() },
		After:   func(time.Duration, func()) func() { return func() {} },
	})
	bk.win.SetContent(bk.k.Content())
	bk.win.Resize(fyne.NewSize(1280, 800))
	return bk
}

// receipt is the receipt of the first open request of the data file.
func (bk benchKiosk) receipt(b *testing.B) data.Receipt {
	rows, err := bk.store.Queue(bk.ctx, data.QueueFilter{Group: data.QueueOpen, Page: 1, PageSize: 1})
	if err != nil || len(rows) == 0 {
		b.Fatal("no requests", err)
	}
	rc, err := bk.store.ReceiptFor(bk.ctx, bk.by, rows[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	return rc
}
