package data

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkBackupUnderWrites backs up a data file of about 100 MB (110,000
// synthetic requests) idle, the floor, and while the kiosk registers 200
// requests a second, and reports the loaded time against the idle one
// (x-floor; the target is at most 2), the writes achieved meanwhile
// (writes-per-s) and the slowest of them (write-p99-ms), against the same
// writes without a backup (alone-writes-per-s, alone-write-p99-ms). Building the file
// takes about 20 s; run it alone: go test -run '^$' -bench BackupUnderWrites
// -benchtime 1x ./data.
func BenchmarkBackupUnderWrites(b *testing.B) {
	ctx := context.Background()
	s := seeded(b)
	if _, err := s.AddSynthRequests(ctx, 110_000, 7); err != nil {
		b.Fatal(err)
	}
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(s.Path())
	if err != nil {
		b.Fatal(err)
	}
	reg := goodRegistration(b, s)
	dir := b.TempDir()
	var idle, loaded, writeTimes, aloneTimes []time.Duration
	var writes int64
	var writing time.Duration
	var writesAlone float64
	// One backup first, so that both measured ones find the data file in
	// the page cache.
	if err := s.Backup(ctx, filepath.Join(dir, "warm.db"), nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dest := filepath.Join(dir, "idle.db")
		t0 := time.Now()
		if err := s.Backup(ctx, dest, nil); err != nil {
			b.Fatal(err)
		}
		idle = append(idle, time.Since(t0))
		os.Remove(dest)

		// 200 registrations a second offered, by four writers (the kiosk,
		// the desks, the phone page) at 50 a second each, first alone for
		// the writes' own floor, then for as long as a backup runs.
		writesAlone += float64(writeLoad(b, s, reg, 2*time.Second, nil, &aloneTimes)) / 2
		var took time.Duration
		dest = filepath.Join(dir, "loaded.db")
		n := writeLoad(b, s, reg, 0, func() {
			t0 := time.Now()
			if err := s.Backup(ctx, dest, nil); err != nil {
				b.Fatal(err)
			}
			took = time.Since(t0)
		}, &writeTimes)
		loaded = append(loaded, took)
		writes += n
		writing += took
		os.Remove(dest)
	}
	b.StopTimer()
	b.ReportMetric(float64(st.Size())/(1<<20), "store-MB")
	b.ReportMetric(percentileMS(loaded, 50), "p50-ms")
	b.ReportMetric(percentileMS(idle, 50), "floor-p50-ms")
	b.ReportMetric(percentileMS(loaded, 50)/percentileMS(idle, 50), "x-floor")
	b.ReportMetric(float64(writes)/writing.Seconds(), "writes-per-s")
	b.ReportMetric(writesAlone/float64(b.N), "alone-writes-per-s")
	b.ReportMetric(percentileMS(writeTimes, 99), "write-p99-ms")
	b.ReportMetric(percentileMS(aloneTimes, 99), "alone-write-p99-ms")
	b.ReportMetric(0, "ns/op")
}

// writeLoad offers 200 registrations a second from four goroutines for d,
// or, when during is not nil, for as long as during runs (after half a
// second of writes alone); it returns the registrations completed in that
// time and adds each one's time to times if not nil.
func writeLoad(b *testing.B, s *Store, reg Registration, d time.Duration, during func(),
	times *[]time.Duration) int64 {
	ctx := context.Background()
	stop := make(chan struct{})
	var counting atomic.Bool
	var n atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				w0 := time.Now()
				if _, err := s.Register(ctx, reg); err != nil {
					errs <- err
					return
				}
				if counting.Load() {
					n.Add(1)
					if times != nil {
						mu.Lock()
						*times = append(*times, time.Since(w0))
						mu.Unlock()
					}
				}
			}
		}()
	}
	if during == nil {
		counting.Store(true)
		time.Sleep(d)
	} else {
		time.Sleep(500 * time.Millisecond)
		counting.Store(true)
		during()
	}
	counting.Store(false)
	close(stop)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	return n.Load()
}
