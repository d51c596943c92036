package data

import (
	"context"
	"testing"
	"time"
)

// BenchmarkRegister measures a whole registration (validation, the request,
// its first event and its numbers in one transaction) against the floor:
// one raw single-row INSERT transaction into the same table of the same
// database, measured in the same run.
func BenchmarkRegister(b *testing.B) {
	ctx := context.Background()
	s := seeded(b)
	reg := goodRegistration(b, s)
	// The floor writes the same row Register writes, window included, so
	// that neither side pays for migration 003's fallback trigger.
	var itemID, windowID int64
	if err := s.db.QueryRow(`SELECT item_id, window_id FROM item_windows WHERE role = 'lead' AND item_id = ?`,
		reg.ItemID).Scan(&itemID, &windowID); err != nil {
		b.Fatal(err)
	}
	const rounds = 2000
	floor := make([]time.Duration, 0, rounds)
	ours := make([]time.Duration, 0, rounds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		floor, ours = floor[:0], ours[:0]
		for j := 0; j < rounds; j++ {
			// Alternate the two so both see the same machine and file size.
			t0 := time.Now()
			tx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO requests (receipt_no, query_code, token, item_id,
				item_version, channel, status, mode, applicant_name, created_at, window_id) VALUES (?, ?, ?, ?, 1,
				'kiosk', 'submitted', 'promise', ?, ?, ?)`, NewToken(), "ACDEFH", NewToken(), itemID, "张三", s.stamp(),
				windowID); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			floor = append(floor, time.Since(t0))

			t0 = time.Now()
			if _, err := s.Register(ctx, reg); err != nil {
				b.Fatal(err)
			}
			ours = append(ours, time.Since(t0))
		}
	}
	b.StopTimer()
	reportPercentiles(b, ours, floor)
}

// reportPercentiles reports p50 and p99 of ours in milliseconds, the floor's
// p50, and the ratio of the two p50s.
func reportPercentiles(b *testing.B, ours, floor []time.Duration) {
	b.ReportMetric(percentileMS(ours, 50), "p50-ms")
	b.ReportMetric(percentileMS(ours, 99), "p99-ms")
	b.ReportMetric(percentileMS(floor, 50), "floor-p50-ms")
	b.ReportMetric(percentileMS(ours, 50)/percentileMS(floor, 50), "x-floor")
	b.ReportMetric(0, "ns/op")
}
