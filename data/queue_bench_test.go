package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchRequests is the size of the request book the queue benchmark pages.
const benchRequests = 100_000

// BenchmarkQueuePage times the first page of the staff queue over 100,000
// synthetic requests (AddSynthRequests on the sample catalog,
// assets/sample.json: 18 items, 4 windows, 6 staff; 55% finished, 15% in
// progress, 10% new, 8% waiting, 7% escalated, 5% refused; 10% need help).
//
// Each iteration runs one Store.Queue call and, alternately before or after
// it, the floor: the very SQL Queue runs (queueSQL), executed with
// DB().QueryContext outside any transaction and scanned into the same rows.
// What Queue adds on top (the read transaction, reading the calendar,
// working days left per row) is what x-floor shows. For scale, the same
// page asked the obvious way (one query over status IN (…) ORDER BY
// needs_help DESC, due_day, id LIMIT 20, which sorts every match) is timed
// after the others, up to 100 runs.
//
// Reported per filter:
//
//	p50-ms, p99-ms             Queue latency
//	floor-p50-ms, floor-p99-ms the raw query's latency
//	x-floor                    p50 of Queue ÷ p50 of the floor
//	naive-p50-ms               the one-query way
//	rows                       rows on the page
//
// OpenNoMatch and FinishedNoMatch are the worst cases: a filter that
// matches nothing makes a range read to its end (index entries only: the
// filter columns are in the index; on closed requests, an item, owner or
// window filter has its own index).
//
// Counts and CountsWindow time QueueCounts (the tabs' badges, every group
// counted up to QueueCountCap) against its raw query.
//
// Target: p99 ≤ 16 ms. Run with
//
//	go test ./data/ -run '^$' -bench QueuePage -benchtime 300x
func BenchmarkQueuePage(b *testing.B) {
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
	_, err = s.db.ExecContext(ctx, `PRAGMA optimize`)
	require.NoError(b, err)

	var window1, owner, item int64
	require.NoError(b, s.db.QueryRow(`SELECT id FROM windows WHERE code = '1'`).Scan(&window1))
	require.NoError(b, s.db.QueryRow(`SELECT owner_id FROM requests WHERE owner_id IS NOT NULL LIMIT 1`).Scan(&owner))
	require.NoError(b, s.db.QueryRow(`SELECT id FROM items WHERE code = 'DB'`).Scan(&item))

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
		// The worst cases: a filter nothing matches reads the whole range
		// (of index entries only).
		{"OpenNoMatch", QueueFilter{Item: 1 << 40}, 0},
		{"FinishedNoMatch", QueueFilter{Group: QueueFinished, Item: 1 << 40}, 0},
	} {
		b.Run(tc.name, func(b *testing.B) {
			cal, err := s.Calendar(ctx)
			require.NoError(b, err)
			query, args := queueSQL(tc.f, fixedNow, cal)
			floor := func() ([]QueueRow, error) {
				rows, err := s.db.QueryContext(ctx, query, args...)
				if err != nil {
					return nil, err
				}
				return scanQueue(rows)
			}
			queue := func() ([]QueueRow, error) { return s.Queue(ctx, tc.f) }
			nq, nargs := naiveQueueSQL(tc.f, fixedNow, cal)
			naive := func() ([]QueueRow, error) {
				rows, err := s.db.QueryContext(ctx, nq, nargs...)
				if err != nil {
					return nil, err
				}
				return scanQueue(rows)
			}

			// Outside the timing: the page is as long as expected, and the
			// three ways agree.
			got, err := queue()
			require.NoError(b, err)
			require.Len(b, got, tc.rows)
			plain, err := floor()
			require.NoError(b, err)
			one, err := naive()
			require.NoError(b, err)
			require.Len(b, plain, len(got))
			require.Len(b, one, len(got))
			for i := range got {
				require.Equal(b, got[i].ID, plain[i].ID)
				require.Equal(b, got[i].ID, one[i].ID)
			}

			ours := make([]time.Duration, 0, b.N)
			floors := make([]time.Duration, 0, b.N)
			naives := make([]time.Duration, 0, 100)
			timed := func(f func() ([]QueueRow, error), into *[]time.Duration) {
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
					timed(queue, &ours)
					timed(floor, &floors)
				} else {
					timed(floor, &floors)
					timed(queue, &ours)
				}
			}
			b.StopTimer()
			for range min(b.N, 100) {
				timed(naive, &naives)
			}
			reportFloor(b, ours, floors)
			b.ReportMetric(percentileMS(naives, 50), "naive-p50-ms")
			b.ReportMetric(float64(len(got)), "rows")
		})
	}
	b.Run("Counts", func(b *testing.B) { benchCounts(b, s, QueueFilter{}) })
	b.Run("CountsWindow", func(b *testing.B) { benchCounts(b, s, QueueFilter{Window: window1}) })
}

// benchCounts times QueueCounts (the tabs' badges) under f against the
// floor: its SQL (countsSQL) run raw.
func benchCounts(b *testing.B, s *Store, f QueueFilter) {
	ctx := context.Background()
	cal, err := s.Calendar(ctx)
	require.NoError(b, err)
	q, args := countsSQL(f, fixedNow, cal)
	floor := func() error {
		n := make([]int, len(QueueGroups))
		dest := make([]any, len(n))
		for i := range n {
			dest[i] = &n[i]
		}
		return s.db.QueryRowContext(ctx, q, args...).Scan(dest...)
	}
	counts := func() error { _, err := s.QueueCounts(ctx, f); return err }
	ours := make([]time.Duration, 0, b.N)
	floors := make([]time.Duration, 0, b.N)
	timed := func(f func() error, into *[]time.Duration) {
		start := time.Now()
		err := f()
		*into = append(*into, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			timed(counts, &ours)
			timed(floor, &floors)
		} else {
			timed(floor, &floors)
			timed(counts, &ours)
		}
	}
	b.StopTimer()
	b.ReportMetric(percentileMS(ours, 50), "p50-ms")
	b.ReportMetric(percentileMS(ours, 99), "p99-ms")
	b.ReportMetric(percentileMS(floors, 50), "floor-p50-ms")
	b.ReportMetric(percentileMS(ours, 50)/percentileMS(floors, 50), "x-floor")
}

// naiveQueueSQL is the page asked the obvious way: one query, one sort.
func naiveQueueSQL(f QueueFilter, now time.Time, cal *Calendar) (string, []any) {
	f = f.norm()
	where, args := f.where("r.")
	today := Day(now)
	var in []any
	marks := ""
	for i, st := range f.Group.statuses() {
		if i > 0 {
			marks += ", "
		}
		marks += "?"
		in = append(in, st)
	}
	order := `r.needs_help DESC, r.due_day = '', r.due_day, r.id`
	switch f.Group {
	case QueueFinished:
		order = `r.finished_at DESC, r.id DESC`
	case QueueOverdue:
		where += ` AND r.due_day > '' AND r.due_day < ?`
		args = append(args, today)
	case QueueDueSoon:
		where += ` AND r.due_day >= ? AND r.due_day < ?`
		args = append(args, today, Day(cal.DueSoonBefore(now)))
	}
	q := `SELECT r.id, r.receipt_no, i.name, r.applicant_name, r.applicant_phone, r.status, r.mode,
		coalesce(r.owner_id, 0), coalesce(o.name, ''), r.due_day, r.needs_help, r.channel, r.created_at,
		EXISTS (SELECT 1 FROM clock_pauses p WHERE p.request_id = r.id AND p.from_day <= ?
			AND (p.to_day = '' OR p.to_day > ?))
		FROM requests r JOIN items i ON i.id = r.item_id LEFT JOIN staff o ON o.id = r.owner_id
		WHERE r.status IN (` + marks + `)` + where + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	all := append(append(append([]any{today, today}, in...), args...), f.PageSize, (f.Page-1)*f.PageSize)
	return q, all
}
