package benchdata

import (
	"testing"
	"time"

	"bianmin/internal/benchstat"
)

// PercentileMS is benchstat.PercentileMS, for the screen benchmarks.
func PercentileMS(ds []time.Duration, p float64) float64 { return benchstat.PercentileMS(ds, p) }

// ReportVsFloor reports a screen's timings against its floor measured in
// the same run: p50-ms, p99-ms, floor-p50-ms, floor-p99-ms, x-floor (p50 over the
// floor's p50) and the number of labels the floor drew.
func ReportVsFloor(b *testing.B, ours, floor []time.Duration, labels int) {
	benchstat.ReportVsFloor(b, ours, floor)
	b.ReportMetric(float64(labels), "labels")
	b.ReportMetric(0, "ns/op")
}
