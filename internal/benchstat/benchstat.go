// Package benchstat is what the benchmarks report: percentiles of timed
// runs in milliseconds and a run against its floor measured alongside.
package benchstat

import (
	"math"
	"slices"
	"testing"
	"time"
)

// PercentileMS is the p-th percentile (nearest rank, 0 < p ≤ 100) of ds in
// milliseconds; 0 for no durations.
func PercentileMS(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := int(math.Ceil(p/100*float64(len(s)))) - 1
	return float64(s[min(max(k, 0), len(s)-1)]) / float64(time.Millisecond)
}

// ReportVsFloor reports ours against the floor measured in the same run:
// p50-ms, p99-ms, floor-p50-ms, floor-p99-ms and x-floor (our p50 over the
// floor's). The floor's own p99 says, on a loaded machine, how much of a
// p99 is the machine (scheduling, other processes) rather than ours.
func ReportVsFloor(b *testing.B, ours, floor []time.Duration) {
	p50, f50 := PercentileMS(ours, 50), PercentileMS(floor, 50)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(PercentileMS(ours, 99), "p99-ms")
	b.ReportMetric(f50, "floor-p50-ms")
	b.ReportMetric(PercentileMS(floor, 99), "floor-p99-ms")
	b.ReportMetric(p50/f50, "x-floor")
}
