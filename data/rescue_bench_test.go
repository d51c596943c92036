package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkProbeWrite measures the write probe the kiosk runs at start,
// before its first frame, against the floor: a transaction that takes the
// write lock and rolls back without writing (BEGIN IMMEDIATE; ROLLBACK) on
// the same store, in the same run.
func BenchmarkProbeWrite(b *testing.B) {
	ctx := context.Background()
	s := seeded(b)
	const rounds = 500
	floor := make([]time.Duration, 0, rounds)
	ours := make([]time.Duration, 0, rounds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		floor, ours = floor[:0], ours[:0]
		for j := 0; j < rounds; j++ {
			t0 := time.Now()
			tx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := tx.Rollback(); err != nil {
				b.Fatal(err)
			}
			floor = append(floor, time.Since(t0))

			t0 = time.Now()
			if err := s.ProbeWrite(ctx); err != nil {
				b.Fatal(err)
			}
			ours = append(ours, time.Since(t0))
		}
	}
	b.StopTimer()
	reportPercentiles(b, ours, floor)
}

// BenchmarkOfferBackup measures finding the backup to offer
// (NewestSoundBackup: open read-only, quick_check, read what it holds) on a
// backup of 2,000 requests, against the full check a restore runs first
// (CheckBackup, integrity_check) on the same file: x-floor below 1 is what
// the quick check saves the person looking at the screen.
func BenchmarkOfferBackup(b *testing.B) {
	ctx := context.Background()
	s := seeded(b)
	if _, err := s.AddSynthRequests(ctx, 2000, 1); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := s.Backup(ctx, filepath.Join(dir, "bianmin-20260301.db"), nil); err != nil {
		b.Fatal(err)
	}
	const rounds = 20
	floor := make([]time.Duration, 0, rounds)
	ours := make([]time.Duration, 0, rounds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		floor, ours = floor[:0], ours[:0]
		for j := 0; j < rounds; j++ {
			t0 := time.Now()
			if _, err := CheckBackup(ctx, filepath.Join(dir, "bianmin-20260301.db")); err != nil {
				b.Fatal(err)
			}
			floor = append(floor, time.Since(t0))

			t0 = time.Now()
			if _, _, ok, err := NewestSoundBackup(ctx, dir); err != nil || !ok {
				b.Fatal(err, ok)
			}
			ours = append(ours, time.Since(t0))
		}
	}
	b.StopTimer()
	reportPercentiles(b, ours, floor)
}
