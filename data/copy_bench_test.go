package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/data/internal/testdb"
)

// BenchmarkCopy times data.Copy (bianmin copy) of the sample store (the
// sample catalog and holidays, as a new kiosk's data file) and of the
// sample store with 10,000 synthetic requests: "there" copies the SQLite
// file into a fresh store on BIANMIN_TEST_PG (a SQLite file when unset),
// "back" copies that store into a fresh SQLite file. Each iteration is one
// whole copy into a new, empty destination; opening it is not timed. No
// floor applies: the copy is itself one INSERT per batch of rows read.
//
//	p50-ms   one copy
//	rows/s   rows copied per second
func BenchmarkCopy(b *testing.B) {
	for _, c := range []struct {
		name     string
		requests int
	}{{"sample", 0}, {"10k", 10_000}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			src := openBench(b, testdb.SQLiteFile(b))
			datatest.SeedNew(b, src)
			if c.requests > 0 {
				_, err := src.AddSynthRequests(ctx, c.requests, 1)
				require.NoError(b, err)
			}
			mid := openBench(b, testdb.DSN(b))
			_, err := data.Copy(ctx, src, mid, nil)
			require.NoError(b, err)
			b.Run("there", func(b *testing.B) { benchCopy(b, src, testdb.DSN) })
			b.Run("back", func(b *testing.B) { benchCopy(b, mid, testdb.SQLiteFile) })
		})
	}
}

func benchCopy(b *testing.B, src *data.Store, dst func(testing.TB) string) {
	ctx := context.Background()
	var times []time.Duration
	var rows int64
	for b.Loop() {
		b.StopTimer()
		to := openBench(b, dst(b))
		b.StartTimer()
		start := time.Now()
		rep, err := data.Copy(ctx, src, to, nil)
		times = append(times, time.Since(start))
		require.NoError(b, err)
		rows = rep.Rows
		b.StopTimer()
		require.NoError(b, to.Close())
		b.StartTimer()
	}
	slices.Sort(times)
	p50 := times[(len(times)-1)/2]
	b.ReportMetric(float64(p50)/float64(time.Millisecond), "p50-ms")
	b.ReportMetric(float64(rows)/p50.Seconds(), "rows/s")
}

func openBench(b testing.TB, dsn string) *data.Store {
	s, err := data.Open(context.Background(), dsn, datatest.CheapPINs())
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	return s
}
