package pinyin

import (
	"sort"
	"testing"
	"time"

	"bianmin/internal/benchstat"
)

// batch is how many calls one timed sample covers. One call takes about a
// microsecond, near the cost of reading the clock twice; the mean of a
// batch of 256 calls is not.
const batch = 256

// sink keeps the compiler from dropping the calls timed.
var sink []Candidate

// BenchmarkCandidates times Candidates, the call the keyboard makes on
// every letter, on four kinds of input, each against the floor of doing
// the same work the most direct way: a plain map lookup of the very same
// input in a map holding the answers, precomputed. Ours and the floor are
// timed in alternation on the same inputs in the same order, in batches.
//
//	p50-ms, p99-ms             one call, from the batch means
//	floor-p50-ms, floor-p99-ms the map lookup
//	x-floor                    p50 / floor-p50
func BenchmarkCandidates(b *testing.B) {
	d := Default()
	var syllables []string
	for s := range d.syllables {
		syllables = append(syllables, s)
	}
	sort.Strings(syllables)
	cases := []struct {
		name   string
		inputs []string
		order  Order
	}{
		{"syllable", syllables, Text},
		{"syllable-surname", syllables, Surname},
		{"phrase", []string{"juzhu", "zhangwei", "shenfenzheng", "juzh", "xi'an", "hukoubu", "banlishouxu", "shequjuweihui"}, Text},
		{"initials", []string{"jzz", "db", "sfz", "lsjz", "juzz", "hkb", "sq", "gltb"}, Text},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			answers := make(map[string][]Candidate, len(tc.inputs))
			for _, in := range tc.inputs {
				answers[in] = d.Candidates(in, tc.order)
				if len(answers[in]) == 0 {
					b.Fatalf("%q has no candidates", in)
				}
			}
			n := len(tc.inputs)
			ours := make([]time.Duration, 0, b.N)
			floors := make([]time.Duration, 0, b.N)
			timeOurs := func(i int) {
				t0 := time.Now()
				for j := range batch {
					sink = d.Candidates(tc.inputs[(i*batch+j)%n], tc.order)
				}
				ours = append(ours, time.Since(t0)/batch)
			}
			timeFloor := func(i int) {
				t0 := time.Now()
				for j := range batch {
					sink = answers[tc.inputs[(i*batch+j)%n]]
				}
				floors = append(floors, time.Since(t0)/batch)
			}
			b.ResetTimer()
			for i := range b.N {
				if i%2 == 0 {
					timeOurs(i)
					timeFloor(i)
				} else {
					timeFloor(i)
					timeOurs(i)
				}
			}
			b.StopTimer()
			benchstat.ReportVsFloor(b, ours, floors)
		})
	}
}

// BenchmarkCandidatesCold times the first key with no dictionary yet:
// building it, then the candidates for one letter. This is what a key
// would wait for if the keyboard waited (it does not: see
// input.Keyboard), and what the background build costs after start.
func BenchmarkCandidatesCold(b *testing.B) {
	samples := make([]time.Duration, 0, b.N)
	for range b.N {
		t0 := time.Now()
		sink = build().Candidates("j", Text)
		samples = append(samples, time.Since(t0))
	}
	b.ReportMetric(percentileMS(samples, 50), "p50-ms")
	b.ReportMetric(percentileMS(samples, 99), "p99-ms")
}

// percentileMS is the p-th percentile (nearest rank) of ds, in
// percentileMS is benchstat.PercentileMS.
func percentileMS(ds []time.Duration, p float64) float64 { return benchstat.PercentileMS(ds, p) }
