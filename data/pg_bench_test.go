package data

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The store's benchmarks on PostgreSQL (a hall's database), each next to its raw
// floor on the same engine in the same run, as on SQLite
// (BenchmarkGuideSearch, BenchmarkRegister, BenchmarkQueuePage), and the
// hall's concurrent registration (BenchmarkHallRegister). They need
// BIANMIN_TEST_PG (a fresh schema each); the throwaway cluster of
// datatest/pgcluster.sh runs without fsync, so commits cost less than on a
// hall's server. Run with
//
//	go test ./data/ -run '^$' -bench 'PG$|HallRegister' -benchtime 200x

// benchPG is a store on a fresh PostgreSQL schema.
func benchPG(b *testing.B) *Store {
	needPG(b)
	return openAt(b, testDSN(b))
}

// rawPG is a plain pgx pool on the store's database and schema, without
// the store's driver: the floor's connection.
func rawPG(b *testing.B, s *Store) *sql.DB {
	db, err := sql.Open("pgx", s.Path())
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkGuideSearchPG is BenchmarkGuideSearch on PostgreSQL: SearchItems
// over 10,000 synthetic guides against the floor, the same match (the
// trigram indexes; two characters: the pairs index of migration 014) run
// raw on a plain pgx connection, the first SearchLimit active guides read
// unranked (directPGSQL).
func BenchmarkGuideSearchPG(b *testing.B) {
	ctx := context.Background()
	s := benchPG(b)
	n, err := s.AddSynthItems(ctx, benchItems, 1)
	require.NoError(b, err)
	require.Equal(b, benchItems, n)
	// Statistics for the planner, and the guides' pages marked all-visible
	// (index-only scans read no table), as autovacuum would have them by
	// now: it vacuums a table after that many inserts.
	_, err = s.DB().ExecContext(ctx, `ANALYZE`)
	require.NoError(b, err)
	_, err = s.DB().ExecContext(ctx, `VACUUM items`)
	require.NoError(b, err)
	raw := rawPG(b, s)
	for _, tc := range []struct{ name, q string }{
		{"TwoChars", "低保"},
		{"FourChars", "生活保障"},
		{"PinyinInitials", "jzz"},
		{"OneLetter", "j"},
		{"OneChar", "证"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			fq, fargs := directPGSQL(NormaliseQuery(tc.q))
			floor := func() ([]ItemSummary, error) {
				rows, err := raw.QueryContext(ctx, fq, fargs...)
				if err != nil {
					return nil, err
				}
				return scanSummaries(rows)
			}
			search := func() ([]ItemSummary, error) { return s.SearchItems(ctx, tc.q) }
			got, err := search()
			require.NoError(b, err)
			require.NotEmpty(b, got, "query %q finds nothing in the synthetic catalog", tc.q)
			// The tiers (one character, Latin letters) find what the one
			// statement does.
			oneQ, oneArgs := searchSQLPostgres(NormaliseQuery(tc.q))
			rows, err := s.DB().QueryContext(ctx, oneQ, oneArgs...)
			require.NoError(b, err)
			one, err := scanSummaries(rows)
			require.NoError(b, err)
			require.Equal(b, one, got)
			direct, err := floor()
			require.NoError(b, err)
			require.Len(b, direct, len(got))
			benchPair(b, func() error { _, err := search(); return err }, func() error { _, err := floor(); return err })
			b.ReportMetric(float64(len(got)), "results")
		})
	}
}

// directPGSQL is searchSQLPostgres's match without its ranking, as
// PostgreSQL's most direct way to find the guides (the trigram indexes
// answer the LIKE, the pairs index two characters): ?1 the pattern, ?2 the
// limit.
func directPGSQL(q string) (string, []any) {
	query, args := searchSQLPostgres(q)
	rewritten := rewritePlaceholders(query)
	from := strings.Index(rewritten, "active = 1 AND ") + len("active = 1 AND ")
	to := strings.LastIndex(rewritten, " ORDER BY ")
	match := rewritten[from:to]
	return `SELECT id, code, name, category, summary, promised_days, mode FROM items WHERE active = 1 AND ` +
		match + ` LIMIT $2`, []any{args[0], SearchLimit}
}

// benchPair times ours and the floor b.N times each, alternately first,
// and reports p50-ms, p99-ms, floor-p50-ms, floor-p99-ms and x-floor (p50
// over p50).
func benchPair(b *testing.B, ours, floor func() error) {
	o := make([]time.Duration, 0, b.N)
	f := make([]time.Duration, 0, b.N)
	timed := func(fn func() error, into *[]time.Duration) {
		start := time.Now()
		err := fn()
		*into = append(*into, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			timed(ours, &o)
			timed(floor, &f)
		} else {
			timed(floor, &f)
			timed(ours, &o)
		}
	}
	b.StopTimer()
	reportFloor(b, o, f)
	b.ReportMetric(0, "ns/op")
}

// floorRequestSQL is the floor's registration: one row into requests, the
// same columns Register fills but for its numbers and event.
const floorRequestSQL = `INSERT INTO requests (receipt_no, query_code, token, item_id, item_version, channel,
	status, mode, applicant_name, created_at, window_id) VALUES ($1, $2, $3, $4, 1, 'kiosk', 'submitted',
	'promise', $5, $6, $7)`

// floorRegister is one raw INSERT transaction on db (a plain pgx pool).
func floorRegister(ctx context.Context, db *sql.DB, s *Store, itemID, windowID int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, floorRequestSQL, NewToken(), "ACDEFH", NewToken(), itemID, "张三", s.stamp(),
		windowID); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// leadOf is the item and lead window reg registers to.
func leadOf(b *testing.B, s *Store, reg Registration) (itemID, windowID int64) {
	require.NoError(b, s.db.QueryRow(`SELECT item_id, window_id FROM item_windows WHERE role = 'lead' AND item_id = ?`,
		reg.ItemID).Scan(&itemID, &windowID))
	return itemID, windowID
}

// BenchmarkRegisterPG is BenchmarkRegister on PostgreSQL: a whole
// registration (validation, the write lock, the request, its event and
// numbers, the change notification, one transaction) against one raw
// single-row INSERT transaction on a plain pgx connection. 500 rounds an
// iteration.
func BenchmarkRegisterPG(b *testing.B) {
	ctx := context.Background()
	s := benchPG(b)
	seedAt(b, s)
	reg := goodRegistration(b, s)
	itemID, windowID := leadOf(b, s, reg)
	raw := rawPG(b, s)
	const rounds = 500
	var ours, floors []time.Duration
	b.ResetTimer()
	for range b.N {
		for range rounds {
			t0 := time.Now()
			if err := floorRegister(ctx, raw, s, itemID, windowID); err != nil {
				b.Fatal(err)
			}
			floors = append(floors, time.Since(t0))
			t0 = time.Now()
			if _, err := s.Register(ctx, reg); err != nil {
				b.Fatal(err)
			}
			ours = append(ours, time.Since(t0))
		}
	}
	b.StopTimer()
	b.ReportMetric(percentileMS(floors, 99), "floor-p99-ms")
	reportPercentiles(b, ours, floors)
}

// BenchmarkQueuePagePG is BenchmarkQueuePage on PostgreSQL: the first
// page of the staff queue over 100,000 synthetic requests on the sample
// catalog, against its SQL (queueSQL) run raw; and QueueCounts against
// countsSQL.
func BenchmarkQueuePagePG(b *testing.B) {
	ctx := context.Background()
	needPG(b)
	s := openAt(b, testDSN(b))
	raw, err := os.ReadFile("../assets/sample.json")
	require.NoError(b, err)
	_, err = s.ImportCatalog(ctx, bytes.NewReader(raw), os.DirFS("../assets"))
	require.NoError(b, err)
	n, err := s.AddSynthRequests(ctx, benchRequests, 1)
	require.NoError(b, err)
	require.Equal(b, benchRequests, n)
	_, err = s.DB().ExecContext(ctx, `ANALYZE`)
	require.NoError(b, err)

	var window1, owner, item int64
	require.NoError(b, s.DB().QueryRow(`SELECT id FROM windows WHERE code = '1'`).Scan(&window1))
	require.NoError(b, s.DB().QueryRow(`SELECT owner_id FROM requests WHERE owner_id IS NOT NULL LIMIT 1`).Scan(&owner))
	require.NoError(b, s.DB().QueryRow(`SELECT id FROM items WHERE code = 'DB'`).Scan(&item))
	for _, tc := range []struct {
		name string
		f    QueueFilter
		rows int
	}{
		{"InProgressWindow", QueueFilter{Group: QueueInProgress, Window: window1}, DefaultQueuePageSize},
		{"Open", QueueFilter{}, DefaultQueuePageSize},
		{"OverdueOwner", QueueFilter{Group: QueueOverdue, Owner: owner}, DefaultQueuePageSize},
		{"FinishedItem", QueueFilter{Group: QueueFinished, Item: item}, DefaultQueuePageSize},
		{"NewPage10", QueueFilter{Group: QueueNew, Page: 10}, DefaultQueuePageSize},
		{"OpenNoMatch", QueueFilter{Item: 1 << 40}, 0},
		{"FinishedNoMatch", QueueFilter{Group: QueueFinished, Item: 1 << 40}, 0},
	} {
		b.Run(tc.name, func(b *testing.B) {
			cal, err := s.Calendar(ctx)
			require.NoError(b, err)
			query, args := queueSQL(tc.f, fixedNow, cal)
			floor := func() ([]QueueRow, error) {
				rows, err := s.DB().QueryContext(ctx, query, args...)
				if err != nil {
					return nil, err
				}
				return scanQueue(rows)
			}
			queue := func() ([]QueueRow, error) { return s.Queue(ctx, tc.f) }
			got, err := queue()
			require.NoError(b, err)
			require.Len(b, got, tc.rows)
			plain, err := floor()
			require.NoError(b, err)
			require.Len(b, plain, len(got))
			benchPair(b, func() error { _, err := queue(); return err }, func() error { _, err := floor(); return err })
			b.ReportMetric(float64(len(got)), "rows")
		})
	}
	b.Run("Counts", func(b *testing.B) { benchCounts(b, s, QueueFilter{}) })
	b.Run("CountsWindow", func(b *testing.B) { benchCounts(b, s, QueueFilter{Window: window1}) })
}

// hallClients and hallBenchFor are BenchmarkHallRegister's load: six
// terminals registering at once for ten seconds.
const (
	hallClients  = 6
	hallBenchFor = 10 * time.Second
)

// BenchmarkHallRegister is a hall's registration load on PostgreSQL: six
// clients (each a store of its own, as six terminals) registering back to
// back for 10 s, against the same six clients each doing one raw INSERT
// transaction (a plain pgx connection) back to back for 10 s. Registrations
// take the store's write lock, so they are served one at a time; the raw
// INSERTs are not. Reported: regs-per-s, p50-ms and p99-ms of a
// registration, floor-per-s and floor-p99-ms, x-floor (floor-per-s over
// regs-per-s). Run with -benchtime 1x.
func BenchmarkHallRegister(b *testing.B) {
	ctx := context.Background()
	needPG(b)
	first := openAt(b, testDSN(b))
	seedAt(b, first)
	reg := goodRegistration(b, first)
	itemID, windowID := leadOf(b, first, reg)
	clients := make([]*Store, hallClients)
	raws := make([]*sql.DB, hallClients)
	for i := range clients {
		clients[i] = openAt(b, first.Path())
		raws[i] = rawPG(b, first)
		raws[i].SetMaxOpenConns(1)
	}
	load := func(op func(i int) error) (perSec float64, lat []time.Duration) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := time.Now()
		deadline := start.Add(hallBenchFor)
		for i := range hallClients {
			wg.Go(func() {
				var mine []time.Duration
				for time.Now().Before(deadline) {
					t0 := time.Now()
					if err := op(i); err != nil {
						b.Error(err)
						return
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
		}
		wg.Wait()
		return float64(len(lat)) / time.Since(start).Seconds(), lat
	}
	b.ResetTimer()
	for range b.N {
		rate, lat := load(func(i int) error { _, err := clients[i].Register(ctx, reg); return err })
		frate, flat := load(func(i int) error { return floorRegister(ctx, raws[i], first, itemID, windowID) })
		b.StopTimer()
		b.ReportMetric(rate, "regs-per-s")
		b.ReportMetric(percentileMS(lat, 50), "p50-ms")
		b.ReportMetric(percentileMS(lat, 99), "p99-ms")
		b.ReportMetric(frate, "floor-per-s")
		b.ReportMetric(percentileMS(flat, 99), "floor-p99-ms")
		b.ReportMetric(frate/rate, "x-floor")
		b.ReportMetric(0, "ns/op")
		b.StartTimer()
	}
}
