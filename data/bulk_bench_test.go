package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkBulk measures the bulk paths as the command line runs them —
// synth requests and synth items (bianmin synth requests|items -n N on the
// sample catalog), catalog export of N items and catalog import of that
// file into a new data file — at 1,000, 10,000 and 100,000, each run in a
// process of its own (this test binary started again), timed from start to
// exit, with the process's peak resident memory, as /usr/bin/time reports
// them. What a run needs (the sample catalog, N synthetic items, the
// exported file) is made beforehand in another process and not counted.
// cmd/barefyne/bench-bulk.sh (make bench-bulk-cli) measures the same on the
// bianmin program itself.
//
// Reported per path (sub-benchmark):
//
//	s-1k, s-10k, s-100k        seconds, process start to exit
//	x-1k-10k, x-10k-100k       how many times longer ten times as much
//	                           takes (10 is linear)
//	cpu-s-1k … cpu-s-100k      CPU seconds (user + system) of the process
//	cpu-x-1k-10k, cpu-x-10k-100k  the same ratios in CPU time: on a
//	                           machine others are using, wall time
//	                           measures them too
//	peak-MB-1k … peak-MB-100k  peak resident memory of the process
//
// It takes minutes, so it runs only when asked: make bench-bulk, or
//
//	BIANMIN_BENCH_BULK=1 go test ./data/ -run '^$' -bench Bulk -benchtime 1x
//
// BIANMIN_BENCH_BULK_SIZES="1000 10000" measures other sizes;
// BIANMIN_BENCH_BULK_RUNS=N runs every size N times, the sizes interleaved,
// and reports the median of each measure: on a machine others are using,
// one run's ratios are off by a third either way (even work that is linear
// by construction measured 13 times as long for ten times as much);
// BIANMIN_BENCH_BULK_DIR keeps the made files there and reuses them (the
// synthetic items take longer to make than anything measured). Targets:
// x-10k-100k ≤ 11 and peak-MB-100k < 200 for each path. The
// test binary has none of Fyne's start-up: the command line's process adds
// its fixed 45–50 MB to every peak.
func BenchmarkBulk(b *testing.B) {
	if os.Getenv("BIANMIN_BENCH_BULK") == "" {
		b.Skip("minutes of work: run with BIANMIN_BENCH_BULK=1 (make bench-bulk)")
	}
	sizes := []int{1_000, 10_000, 100_000}
	if s := os.Getenv("BIANMIN_BENCH_BULK_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Fields(s) {
			n, err := strconv.Atoi(f)
			require.NoError(b, err)
			sizes = append(sizes, n)
		}
	}
	repeat := 1
	if s := os.Getenv("BIANMIN_BENCH_BULK_RUNS"); s != "" {
		var err error
		repeat, err = strconv.Atoi(s)
		require.NoError(b, err)
		repeat = max(repeat, 1)
	}
	dir := os.Getenv("BIANMIN_BENCH_BULK_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	require.NoError(b, os.MkdirAll(dir, 0o755))
	for _, op := range []string{"synth-requests", "synth-items", "export", "import"} {
		b.Run(op, func(b *testing.B) {
			var runs []bulkRun
			for range b.N {
				b.StopTimer()
				for _, n := range sizes {
					prepareBulk(b, dir, op, n)
				}
				b.StartTimer()
				// Sizes interleaved, so that a busy spell on the machine
				// does not fall on one size only; the median of each.
				all := make([][]bulkRun, len(sizes))
				for range repeat {
					for i, n := range sizes {
						all[i] = append(all[i], runBulkChild(b, dir, op, n))
					}
				}
				runs = runs[:0]
				for i := range sizes {
					runs = append(runs, medianRun(all[i]))
				}
			}
			var line strings.Builder
			for i, n := range sizes {
				r := runs[i]
				b.ReportMetric(r.secs, "s-"+sizeName(n))
				b.ReportMetric(r.cpu, "cpu-s-"+sizeName(n))
				b.ReportMetric(r.mb, "peak-MB-"+sizeName(n))
				fmt.Fprintf(&line, "  %s %.2f s", sizeName(n), r.secs)
				if i > 0 {
					x := r.secs / runs[i-1].secs
					b.ReportMetric(x, "x-"+sizeName(sizes[i-1])+"-"+sizeName(n))
					fmt.Fprintf(&line, " (×%.1f)", x)
				}
				fmt.Fprintf(&line, ", cpu %.2f s", r.cpu)
				if i > 0 {
					x := r.cpu / runs[i-1].cpu
					b.ReportMetric(x, "cpu-x-"+sizeName(sizes[i-1])+"-"+sizeName(n))
					fmt.Fprintf(&line, " (×%.1f)", x)
				}
				fmt.Fprintf(&line, ", %.0f MB;", r.mb)
			}
			fmt.Printf("bulk %-15s%s\n", op, line.String())
		})
	}
}

// medianRun is the median of each measure of runs, taken apart.
func medianRun(runs []bulkRun) bulkRun {
	med := func(f func(bulkRun) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return bulkRun{secs: med(func(r bulkRun) float64 { return r.secs }), cpu: med(func(r bulkRun) float64 { return r.cpu }),
		mb: med(func(r bulkRun) float64 { return r.mb })}
}

func sizeName(n int) string {
	if n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// Files of the bulk benchmark, in dir.
func bulkSeeded(dir string) string       { return filepath.Join(dir, "seeded.db") }
func bulkItems(dir string, n int) string { return filepath.Join(dir, fmt.Sprintf("items-%d.db", n)) }
func bulkExport(dir string, n int) string {
	return filepath.Join(dir, fmt.Sprintf("catalog-%d.json", n))
}

// prepareBulk makes what a measured run of op at n starts from, in child
// processes so that this one stays small.
func prepareBulk(b *testing.B, dir, op string, n int) {
	b.Helper()
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	switch op {
	case "synth-requests", "synth-items":
		if !exists(bulkSeeded(dir)) {
			runBulkChild(b, dir, "seed", 0)
		}
	case "export", "import":
		if !exists(bulkItems(dir, n)) {
			runBulkChild(b, dir, "items", n)
		}
		if op == "import" && !exists(bulkExport(dir, n)) {
			runBulkChild(b, dir, "export", n)
		}
	}
}

// bulkRun is what one run of a bulk path took.
type bulkRun struct {
	secs float64 // wall time, process start to exit
	cpu  float64 // CPU seconds, user + system
	mb   float64 // peak resident memory, MB
}

// runBulkChild runs bulkChild for op at n in a new process and returns
// what it took.
func runBulkChild(b *testing.B, dir, op string, n int) bulkRun {
	b.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), fmt.Sprintf("BIANMIN_BULK_CHILD=%s %d %s", op, n, dir))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	require.NoError(b, err, "%s %d:\n%s", op, n, out.String())
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return bulkRun{secs: elapsed.Seconds(), cpu: cpu.Seconds(), mb: float64(ru.Maxrss) / 1024} // Maxrss is in KiB on Linux
}

// bulkChild is one run of BenchmarkBulk, in its own process (see
// TestMain): spec says what ("op n dir").
func bulkChild(spec string) error {
	var op, dir string
	var n int
	if _, err := fmt.Sscanf(spec, "%s %d %s", &op, &n, &dir); err != nil {
		return err
	}
	ctx := context.Background()
	seed := func(path string) (*Store, error) {
		s, err := Open(ctx, path)
		if err != nil {
			return nil, err
		}
		raw, err := os.ReadFile("../assets/sample.json")
		if err == nil {
			_, err = s.ImportCatalog(ctx, bytes.NewReader(raw), os.DirFS("../assets"))
		}
		if err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
	synth := func(s *Store, err error, add func(*Store) (int, error)) error {
		if err != nil {
			return err
		}
		got, err := add(s)
		if err == nil && got != n {
			err = fmt.Errorf("%s: %d added, want %d", op, got, n)
		}
		return errors.Join(err, s.Close())
	}
	switch op {
	case "seed": // the sample catalog, for synth requests
		s, err := seed(bulkSeeded(dir))
		if err != nil {
			return err
		}
		return s.Close()
	case "items": // n synthetic items, to export
		s, err := seed(bulkItems(dir, n) + ".tmp")
		if err := synth(s, err, func(s *Store) (int, error) { return s.AddSynthItems(ctx, n, 1) }); err != nil {
			return err
		}
		return os.Rename(bulkItems(dir, n)+".tmp", bulkItems(dir, n))
	case "synth-requests", "synth-items": // measured: on a copy of the seeded file
		raw, err := os.ReadFile(bulkSeeded(dir))
		if err != nil {
			return err
		}
		path := filepath.Join(dir, "synth.db")
		removeDB(path)
		defer removeDB(path)
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			return err
		}
		s, err := Open(ctx, path)
		if op == "synth-items" {
			return synth(s, err, func(s *Store) (int, error) { return s.AddSynthItems(ctx, n, 1) })
		}
		return synth(s, err, func(s *Store) (int, error) { return s.AddSynthRequests(ctx, n, 1) })
	case "export": // measured
		s, err := Open(ctx, bulkItems(dir, n))
		if err != nil {
			return err
		}
		f, err := os.Create(bulkExport(dir, n) + ".tmp")
		if err == nil {
			err = errors.Join(s.ExportCatalog(ctx, f), f.Close())
		}
		if err := errors.Join(err, s.Close()); err != nil {
			return err
		}
		return os.Rename(bulkExport(dir, n)+".tmp", bulkExport(dir, n))
	case "import": // measured: into a new data file
		path := filepath.Join(dir, "imported.db")
		removeDB(path)
		defer removeDB(path)
		f, err := os.Open(bulkExport(dir, n))
		if err != nil {
			return err
		}
		defer f.Close()
		s, err := Open(ctx, path)
		return synth(s, err, func(s *Store) (int, error) {
			// 100,000 items are 250 MB: more than ImportCatalog takes.
			sum, err := s.ImportCatalogAnySize(ctx, f, os.DirFS(dir))
			return min(sum.Items, n), err // the sample's own items come too
		})
	}
	return fmt.Errorf("unknown bulk run %q", op)
}

// removeDB removes a data file with its WAL and shared-memory files.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
