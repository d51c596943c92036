package themetest

import (
	"testing"
	"time"

	"bianmin/ui/internal/benchdata"
)

// Measure runs build b.N times, after one warm run (the first fonts, the
// pinyin dictionary), and reports its percentiles (p50-ms, p99-ms), the
// live heap it added (heap-MB) and the fonts loaded meanwhile (fonts).
func Measure(b *testing.B, fonts *Counting, build func()) {
	build()
	before, loads := Heap(), fonts.Fonts()
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
	b.ReportMetric(float64(int64(Heap())-int64(before))/1e6, "heap-MB")
	b.ReportMetric(float64(fonts.Fonts()-loads), "fonts")
}
