package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"bianmin/internal/benchstat"
)

// benchItems is the size of the synthetic catalog the search benchmark runs on.
const benchItems = 10_000

// BenchmarkGuideSearch times search-as-you-type over 10,000 synthetic guides
// (SynthItems, the generator behind `bianmin synth items`) for a
// two-character word, a four-character phrase, pinyin initials, and the
// first key typed: one Latin letter (the start of pinyin) and one Chinese
// character, which match thousands of guides.
//
// Each iteration runs one Store.SearchItems call and, alternately before or
// after it, the floor: the most direct way to find the same guides, one
// raw query on the same database that finds the matches through the FTS5
// index and reads the first SearchLimit of them, unranked (directFTSSQL).
// What SearchItems adds (the ranking for search as you type, normalising
// the query, the read, error mapping) is what x-floor shows. The query
// SearchItems runs (searchSQL), run raw, is timed the same way as sql-p50-ms
// (the benchmark's earlier floor, which made x-floor 1.00 by
// construction). For scale, the same match done without the index
// (scanSQL: instr over every row, the query before migration 002) is timed
// too, after the others (up to 100 runs).
//
// Reported per query kind:
//
//	p50-ms, p99-ms     SearchItems latency
//	floor-p50-ms,      the direct FTS query's latency
//	floor-p99-ms
//	x-floor            p50 of SearchItems ÷ p50 of the floor
//	sql-p50-ms         searchSQL run raw
//	old-p50-ms,        one character as searched before the one-character index
//	old-p99-ms         (termsSearchSQL)
//	scan-p50-ms        the unindexed scan's latency
//
// FirstCall times the first search on a freshly opened store (a cold page
// cache, as after the kiosk starts) against the first direct FTS query on
// a freshly opened connection, both once per iteration.
//
// ns/op counts one search plus the floor query. Target: p99
// ≤ 16 ms, one letter included. Run with
//
//	go test ./data/ -run '^$' -bench GuideSearch -benchtime 200x
func BenchmarkGuideSearch(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := Open(ctx, path)
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	n, err := s.AddSynthItems(ctx, benchItems, 1)
	require.NoError(b, err)
	require.Equal(b, benchItems, n)

	queries := []struct{ name, q string }{
		{"TwoChars", "低保"},
		{"FourChars", "生活保障"},
		{"PinyinInitials", "jzz"},
		{"OneLetter", "j"},
		{"OneChar", "证"},
	}
	for _, tc := range queries {
		b.Run(tc.name, func(b *testing.B) {
			q := NormaliseQuery(tc.q)
			query, args := searchSQL(q)
			raw := func() ([]ItemSummary, error) {
				rows, err := s.db.QueryContext(ctx, query, args...)
				if err != nil {
					return nil, err
				}
				return scanSummaries(rows)
			}
			fq, fargs := directFTSSQL(q)
			floor := func() ([]ItemSummary, error) {
				rows, err := s.db.QueryContext(ctx, fq, fargs...)
				if err != nil {
					return nil, err
				}
				return scanSummaries(rows)
			}
			search := func() ([]ItemSummary, error) { return s.SearchItems(ctx, tc.q) }
			scanQuery, scanArgs := scanSQL(q)
			scan := func() ([]ItemSummary, error) {
				rows, err := s.db.QueryContext(ctx, scanQuery, scanArgs...)
				if err != nil {
					return nil, err
				}
				return scanSummaries(rows)
			}

			// Outside the timing: the query finds something, the scan
			// finds the same, and the floor as many.
			got, err := search()
			require.NoError(b, err)
			require.NotEmpty(b, got, "query %q finds nothing in the synthetic catalog", tc.q)
			plain, err := scan()
			require.NoError(b, err)
			require.Equal(b, plain, got)
			direct, err := floor()
			require.NoError(b, err)
			require.Len(b, direct, len(got))
			// One character as it was searched before migration 010: every
			// trigram instance it begins, then every match ranked.
			var olds []time.Duration
			oq, oargs := termsSearchSQL(q)
			old := func() ([]ItemSummary, error) {
				rows, err := s.db.QueryContext(ctx, oq, oargs...)
				if err != nil {
					return nil, err
				}
				return scanSummaries(rows)
			}
			if oq != "" {
				was, err := old()
				require.NoError(b, err)
				require.Equal(b, got, was)
			}

			ours := make([]time.Duration, 0, b.N)
			floors := make([]time.Duration, 0, b.N)
			raws := make([]time.Duration, 0, b.N)
			scans := make([]time.Duration, 0, b.N)
			timed := func(f func() ([]ItemSummary, error), into *[]time.Duration) {
				start := time.Now()
				_, err := f()
				*into = append(*into, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := range b.N {
				if i%2 == 0 {
					timed(search, &ours)
					timed(floor, &floors)
				} else {
					timed(floor, &floors)
					timed(search, &ours)
				}
			}
			b.StopTimer()
			// The old floor and the scan after, apart: the scan reads every
			// page and would evict the index's pages between the others.
			for range b.N {
				timed(raw, &raws)
			}
			if oq != "" {
				for range b.N {
					timed(old, &olds)
				}
				b.ReportMetric(percentileMS(olds, 50), "old-p50-ms")
				b.ReportMetric(percentileMS(olds, 99), "old-p99-ms")
			}
			for range min(b.N, 100) {
				timed(scan, &scans)
			}

			reportFloor(b, ours, floors)
			b.ReportMetric(percentileMS(raws, 50), "sql-p50-ms")
			b.ReportMetric(percentileMS(scans, 50), "scan-p50-ms")
			b.ReportMetric(float64(len(got)), "results")
		})
	}

	b.Run("FirstCall", func(b *testing.B) {
		const q = "低保"
		fq, fargs := directFTSSQL(q)
		ours := make([]time.Duration, 0, b.N)
		floors := make([]time.Duration, 0, b.N)
		for range b.N {
			fresh, err := Open(ctx, path)
			require.NoError(b, err)
			start := time.Now()
			_, err = fresh.SearchItems(ctx, q)
			ours = append(ours, time.Since(start))
			require.NoError(b, err)
			require.NoError(b, fresh.Close())

			// A fresh connection with the schema read, as Open leaves it.
			db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
			require.NoError(b, err)
			var one int
			require.NoError(b, db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&one))
			start = time.Now()
			rows, err := db.QueryContext(ctx, fq, fargs...)
			if err == nil {
				_, err = scanSummaries(rows)
			}
			floors = append(floors, time.Since(start))
			require.NoError(b, err)
			require.NoError(b, db.Close())
		}
		reportFloor(b, ours, floors)
	})
}

// directFTSSQL is the most direct way to find the guides a search finds:
// the matches straight from the FTS5 index (one character: its posting
// list in item_chars; three or more: MATCH on the trigram phrase; two,
// which have no trigram: the range of terms they begin in
// item_search_terms), the first SearchLimit active ones read, in no
// particular order. q is normalised.
func directFTSSQL(q string) (string, []any) {
	const cols = `SELECT id, code, name, category, summary, promised_days, mode FROM items WHERE active = 1 AND id IN `
	if r, n := utf8.DecodeRuneInString(q); n == len(q) && charIndexed(r) {
		col := "chars"
		if isLatin(q) {
			col = "firsts"
		}
		return cols + `(SELECT rowid FROM item_chars WHERE item_chars MATCH ?1) LIMIT ?2`,
			[]any{col + ` : "` + q + `"`, SearchLimit}
	}
	if isLatin(q) {
		key := " " + q
		if len(key) < 3 {
			return cols + `(SELECT doc FROM item_search_terms WHERE term >= ?1 AND term < ?2
				AND col IN ('pinyin', 'initials')) LIMIT ?3`, []any{key, key + maxRune, SearchLimit}
		}
		return cols + `(SELECT rowid FROM item_search WHERE item_search MATCH ?1) LIMIT ?2`,
			[]any{`{pinyin initials} : "` + key + `"`, SearchLimit}
	}
	if len([]rune(q)) < 3 {
		return cols + `(SELECT doc FROM item_search_terms WHERE term >= ?1 AND term < ?2 AND col = 'text') LIMIT ?3`,
			[]any{q, q + maxRune, SearchLimit}
	}
	return cols + `(SELECT rowid FROM item_search WHERE item_search MATCH ?1) LIMIT ?2`,
		[]any{`text : "` + q + `"`, SearchLimit}
}

// termsSearchSQL is searchSQL for one character before migration 010 (the
// range of item_search_terms it begins, every match ranked), or "" for a
// longer query.
func termsSearchSQL(q string) (string, []any) {
	if utf8.RuneCountInString(q) != 1 {
		return "", nil
	}
	rank := `(instr(name, ?2) = 1) DESC, (instr(name, ?2) > 0) DESC, ord, id`
	key, col := q, `col = 'text'`
	if isLatin(q) {
		rank = `(substr(initials, 2, length(?2)) = ?2 OR substr(pinyin, 2, length(?2)) = ?2) DESC, ord, id`
		key, col = " "+q, `col IN ('pinyin', 'initials')`
	}
	return `SELECT id, code, name, category, summary, promised_days, mode FROM items WHERE id IN (
		SELECT id FROM items INDEXED BY items_search_rank WHERE active = 1 AND id IN (SELECT doc FROM item_search_terms
		WHERE term >= ?1 AND term < ?4 AND ` + col + `) ORDER BY ` + rank + ` LIMIT ?3) ORDER BY ` + rank,
		[]any{key, q, SearchLimit, key + maxRune}
}

// reportFloor is benchstat.ReportVsFloor.
func reportFloor(b *testing.B, ours, floors []time.Duration) {
	benchstat.ReportVsFloor(b, ours, floors)
}

// percentileMS is benchstat.PercentileMS.
func percentileMS(ds []time.Duration, p float64) float64 { return benchstat.PercentileMS(ds, p) }
