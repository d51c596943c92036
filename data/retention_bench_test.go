package data

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkPurgeExpired times PurgeExpired on 100,000 synthetic requests
// (AddSynthRequests on the sample catalog: all created in the last 120
// days) when nothing is due, as on almost every start of the kiosk.
//
// The floor is the least any look at the request book can cost: one
// statement reading one request by its id (a primary-key seek), run raw
// with DB().QueryRowContext. PurgeExpired with nothing due is one
// statement too (three index seeks, migration 009), so x-floor says how
// close "is anything due?" comes to no work at all. For scale, the way it
// was before migration 009 (every closed request read, inside a write
// transaction) is timed after the others, 10 runs, as old-p50-ms.
//
// Run with
//
//	go test ./data/ -run '^$' -bench PurgeExpired -benchtime 300x
func BenchmarkPurgeExpired(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), WithClock(func() time.Time { return fixedNow }))
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	raw, err := os.ReadFile("../assets/sample.json")
	require.NoError(b, err)
	_, err = s.ImportCatalog(ctx, bytes.NewReader(raw), os.DirFS("../assets"))
	require.NoError(b, err)
	n, err := s.AddSynthRequests(ctx, benchRequests, 1)
	require.NoError(b, err)
	require.Equal(b, benchRequests, n)

	var maxID int64
	require.NoError(b, s.db.QueryRow(`SELECT max(id) FROM requests`).Scan(&maxID))
	floor := func(i int) error {
		var name string
		return s.db.QueryRowContext(ctx, `SELECT applicant_name FROM requests WHERE id = ?`, 1+int64(i)%maxID).Scan(&name)
	}
	cutoff := formatTime(fixedNow.AddDate(-RetentionYears, 0, 0))
	old := func() error {
		return s.tx(ctx, "purge", func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, applicant_name FROM requests INDEXED BY requests_closed
				WHERE status IN ('finished', 'refused', 'withdrawn') AND purge_after = ''
				AND coalesce(nullif(finished_at, ''), created_at) < ?`, cutoff)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
			}
			return rows.Err()
		})
	}

	got, err := s.PurgeExpired(ctx)
	require.NoError(b, err)
	require.Zero(b, got, "nothing is due in the synthetic book")

	ours := make([]time.Duration, 0, b.N)
	floors := make([]time.Duration, 0, b.N)
	olds := make([]time.Duration, 0, 10)
	timed := func(f func() error, into *[]time.Duration) {
		start := time.Now()
		err := f()
		*into = append(*into, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	purge := func() error { _, err := s.PurgeExpired(ctx); return err }
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			timed(purge, &ours)
			timed(func() error { return floor(i) }, &floors)
		} else {
			timed(func() error { return floor(i) }, &floors)
			timed(purge, &ours)
		}
	}
	b.StopTimer()
	for range 10 {
		timed(old, &olds)
	}
	reportFloor(b, ours, floors)
	b.ReportMetric(percentileMS(olds, 50), "old-p50-ms")
}
