package idlegc

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWorth(t *testing.T) {
	const mb = 1 << 20
	live := uint64(24 * mb)
	cases := []struct {
		name          string
		prev, objects uint64
		want          bool
	}{
		{"quiet with a third of garbage", 32 * mb, 32 * mb, true},
		{"quiet, grew a little (a clock)", 31*mb + mb/2, 32 * mb, true},
		{"in use: grew 3 MB since the last look", 29 * mb, 32 * mb, false},
		{"quiet with an eighth of garbage", 28 * mb, 28 * mb, true},
		{"quiet with little garbage", 26 * mb, 26 * mb, false},
		{"just collected", 40 * mb, 25 * mb, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Worth(c.prev, c.objects, live), c.name)
	}
	assert.False(t, Worth(3*mb, 3*mb, 2*mb), "a small heap: under MinGarbage of garbage")
	assert.True(t, Worth(5*mb, 5*mb, 2*mb))
}

func TestTrimDue(t *testing.T) {
	const mb = 1 << 20
	assert.True(t, TrimDue(30*mb, 30*mb, TrimEvery), "quiet, the last release long ago")
	assert.True(t, TrimDue(30*mb, 25*mb, time.Minute), "just collected")
	assert.False(t, TrimDue(30*mb, 30*mb, TrimEvery-time.Second), "released a moment ago")
	assert.False(t, TrimDue(28*mb, 30*mb, time.Minute), "in use: the heap grew 2 MB since the last look")
}

var sink [][]byte

// Run collects the garbage left by a burst once the heap stops growing.
func TestRunCollectsAtRest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runtime.GC()
	// No collection on its own: the burst's garbage stays, as between two
	// collections of a bigger heap.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	gcs := func() uint64 {
		s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	before := gcs()
	go Run(ctx, nil)
	for range 400 { // a burst: 40 MB of garbage
		sink = append(sink[:0], make([]byte, 100<<10))
	}
	sink = nil
	deadline := time.Now().Add(3*Every + time.Second)
	for gcs() == before && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	assert.Greater(t, gcs(), before, "a forced collection once the heap was quiet")
}
