package benchdata

import (
	"math"
	"slices"
	"testing"
	"time"
)

// PercentileMS is the p-th percentile (0 < p ≤ 100) of ds in milliseconds,
// as the store's benchmarks compute it.
func PercentileMS(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return float64(s[min(max(i, 0), len(s)-1)]) / float64(time.Millisecond)
}

// ReportVsFloor reports a screen's timings against its floor measured in
// the same run: p50-ms, p99-ms, floor-p50-ms, floor-p99-ms, x-floor (p50 over the
// floor's p50) and the number of labels the floor drew.
func ReportVsFloor(b *testing.B, ours, floor []time.Duration, labels int) {
	p50, f50 := PercentileMS(ours, 50), PercentileMS(floor, 50)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(PercentileMS(ours, 99), "p99-ms")
	b.ReportMetric(f50, "floor-p50-ms")
	// The floor's own p99: on a loaded machine it says how much of a
	// p99 is the machine (scheduling, other processes) rather than ours.
	b.ReportMetric(PercentileMS(floor, 99), "floor-p99-ms")
	b.ReportMetric(p50/f50, "x-floor")
	b.ReportMetric(float64(labels), "labels")
	b.ReportMetric(0, "ns/op")
}
