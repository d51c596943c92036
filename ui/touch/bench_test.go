package touch

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// BenchmarkSwipeStep times what one finger step costs on a guide-sized
// page (200 rows of a label and a button, 1280×800): the press (which
// finds what lies under the finger) and one 30-unit drag, against the
// floor of the mouse wheel scrolling the same page by the same distance,
// alternating the two in the same run. ns/op counts the swipe only.
func BenchmarkSwipeStep(b *testing.B) {
	test.NewTempApp(b)
	startGlide = func(*surface, *glide) {}
	box := container.NewVBox()
	for i := range 200 {
		box.Add(container.NewBorder(nil, nil, nil, widget.NewButton("查看", func() {}),
			widget.NewLabel(fmt.Sprintf("第%d项 城乡居民基本养老保险参保登记", i))))
	}
	s := NewVScroll(box)
	w := test.NewTempWindow(b, s)
	w.Resize(fyne.NewSize(1280, 800))
	sf := surfaceOf(s)
	press := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	swipe, floor := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s.ScrollToOffset(fyne.NewPos(0, 3000))
		t0 := time.Now()
		s.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -30)})
		floor = append(floor, time.Since(t0))
		s.ScrollToOffset(fyne.NewPos(0, 3000))
		press.Position = fyne.NewPos(640, 3400)
		b.StartTimer()
		t1 := time.Now()
		sf.MouseDown(press)
		sf.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, -30)})
		swipe = append(swipe, time.Since(t1))
		b.StopTimer()
		sf.MouseUp(press)
		sf.DragEnd()
		sf.stop()
		b.StartTimer()
	}
	b.StopTimer()
	p50, p99 := quantile(swipe, 0.50), quantile(swipe, 0.99)
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(float64(p50)/float64(quantile(floor, 0.50)), "x-floor")
}

func quantile(d []time.Duration, q float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
