package staff_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/internal/benchdata"
	"bianmin/ui/theme/themetest"
)

// BenchmarkQueueScreen builds and draws the staff queue with 20 rows (the
// open requests, a page of data.DefaultQueuePageSize) on a 1280×800
// window with the test app's software painter. Reported:
//
//	p50-ms, p99-ms   building the rows and drawing the screen once
//	heap-MB          live heap after the runs, less before them
//	fonts            font loads Fyne asked of the theme in the runs
//
// Run with
//
//	go test ./ui/staff/ -run '^$' -bench QueueScreen -benchtime 20x
func BenchmarkQueueScreen(b *testing.B) {
	r := newRig(b, true)
	r.login(b, "张建华", adminPIN)
	fonts := themetest.Use(fyne.CurrentApp())
	q := r.d.Queue
	build := func() {
		q.SetGroup(data.QueueOpen)
		require.Len(b, q.Rows, data.DefaultQueuePageSize)
		themetest.Draw(r.w)
	}
	build()
	before, loads := themetest.Heap(), fonts.Fonts()
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		build()
		ds = append(ds, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(benchdata.PercentileMS(ds, 50), "p50-ms")
	b.ReportMetric(benchdata.PercentileMS(ds, 99), "p99-ms")
	b.ReportMetric(float64(int64(themetest.Heap())-int64(before))/1e6, "heap-MB")
	b.ReportMetric(float64(fonts.Fonts()-loads), "fonts")
}
