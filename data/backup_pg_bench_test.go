package data

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"bianmin/data/internal/testdb"
)

// BenchmarkPGBackup backs a PostgreSQL store of 50,000 requests up with
// Backup (counts in a snapshot, pg_dump on it, every table read back and
// counted) and, as the floor, with a plain pg_dump --format=custom of the
// same schema, and reports both medians and their ratio (x-floor: what the
// check after writing costs). Needs a PostgreSQL server (testdb.UsePostgres): go test -run '^$'
// -bench PGBackup -benchtime 5x ./data.
func BenchmarkPGBackup(b *testing.B) {
	testdb.UsePostgres(b)
	ctx := context.Background()
	s, dsn := pgBenchStore(b, 50_000)
	var schema string
	if err := s.db.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		b.Fatal(err)
	}
	env, err := pgToolEnv(dsn)
	if err != nil {
		b.Fatal(err)
	}
	tool, err := pgTool("pg_dump")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var ours, floor []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dest := filepath.Join(dir, "ours.dump")
		t0 := time.Now()
		if err := s.Backup(ctx, dest, nil); err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(t0))
		os.Remove(dest)

		dest = filepath.Join(dir, "floor.dump")
		cmd := exec.Command(tool, "--format=custom", "--schema="+quotePattern(schema), "--file="+dest)
		cmd.Env = env
		t0 = time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		floor = append(floor, time.Since(t0))
		os.Remove(dest)
	}
	b.StopTimer()
	o, f := medianMS(ours), medianMS(floor)
	b.ReportMetric(o, "p50-ms")
	b.ReportMetric(f, "floor-p50-ms")
	b.ReportMetric(o/f, "x-floor")
}

// pgBenchStore is a PostgreSQL store with n requests, written with plain
// SQL (generate_series), and its DSN.
func pgBenchStore(b *testing.B, n int) (*Store, string) {
	b.Helper()
	ctx := context.Background()
	dsn := testDSN(b)
	s, err := Open(ctx, dsn, WithClock(func() time.Time { return fixedNow }), cheapPINs)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for _, q := range []string{
		`INSERT INTO center (id, name) VALUES (1, '城关镇便民服务中心') ON CONFLICT (id) DO NOTHING`,
		`INSERT INTO items (code, name, category) VALUES ('DB', '最低生活保障申请', '社会救助')`,
		`INSERT INTO requests (receipt_no, query_code, token, item_id, item_version, channel, status, mode,
			applicant_name, applicant_phone, description, created_at)
			SELECT 'BM' || lpad(g::text, 10, '0'), '123456', 'tok' || g, (SELECT id FROM items WHERE code = 'DB'), 1,
				'kiosk', 'registered', 'promise', '张小三', '13800138000', repeat('家中有两位老人需要照顾', 3),
				'2026-11-26T01:30:00.000Z' FROM generate_series(1, ` + strconv.Itoa(n) + `) g`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return s, dsn
}

// BenchmarkPGRestore restores a backup of a PostgreSQL store of 50,000
// requests with RestoreFile (the full check, the current data kept as a
// dump, then one transaction: the write lock, the schema's objects dropped
// and replayed, every table counted, the receipt counters carried over)
// and, as the floor, with a plain pg_restore --clean --single-transaction
// of the same dump into the same schema, and reports both medians and
// their ratio (x-floor). Needs a PostgreSQL server (testdb.UsePostgres): go test -run '^$' -bench
// PGRestore -benchtime 3x ./data.
func BenchmarkPGRestore(b *testing.B) {
	testdb.UsePostgres(b)
	ctx := context.Background()
	s, dsn := pgBenchStore(b, 50_000)
	dir := b.TempDir()
	dump := filepath.Join(dir, "b.dump")
	if err := s.Backup(ctx, dump, nil); err != nil {
		b.Fatal(err)
	}
	env, err := pgToolEnv(dsn)
	if err != nil {
		b.Fatal(err)
	}
	tool, err := pgTool("pg_restore")
	if err != nil {
		b.Fatal(err)
	}
	list := benchList(b, tool, dump)
	var ours, floor []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		res, err := RestoreFile(ctx, dump, dsn, nil)
		if err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(t0))
		os.Remove(res.Kept)

		cmd := exec.Command(tool, "--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges",
			"--use-list="+list, "--dbname="+envValue(env, "PGDATABASE"), dump)
		cmd.Env = env
		t0 = time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		floor = append(floor, time.Since(t0))
	}
	b.StopTimer()
	o, f := medianMS(ours), medianMS(floor)
	b.ReportMetric(o, "p50-ms")
	b.ReportMetric(f, "floor-p50-ms")
	b.ReportMetric(o/f, "x-floor")
}

// benchList is the dump's table of contents without the schema itself
// (which --clean would otherwise drop and make again), as the restore
// uses.
func benchList(b *testing.B, tool, dump string) string {
	b.Helper()
	list, err := restoreList(context.Background(), tool, dump)
	if err != nil {
		b.Fatal(err)
	}
	f := filepath.Join(b.TempDir(), "list")
	if err := os.WriteFile(f, []byte(list), 0o600); err != nil {
		b.Fatal(err)
	}
	return f
}

func envValue(env []string, key string) string {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

func medianMS(ds []time.Duration) float64 {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}
