package data

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkItemWritesPG times the writes that keep a guide's search keys
// (and whatever the migrations keep from them) up to date on PostgreSQL,
// on the test catalog and 10,000 synthetic guides:
//
//   - Save: SaveItem of a synthetic guide with a new summary (so new search
//     keys and a new version), against the floor: one raw UPDATE
//     transaction of the same row's summary and search keys on a plain pgx
//     connection;
//   - Import: ImportCatalogAnySize of an exported catalog (the test
//     catalog and 2,000 synthetic guides) into a fresh schema (opening the schema untimed),
//     reported as p50-ms and p99-ms of a whole import and per-item-ms (p50
//     over 2,000); no floor.
//
// Run with
//
//	go test ./data/ -run '^$' -bench ItemWritesPG -benchtime 100x
func BenchmarkItemWritesPG(b *testing.B) {
	ctx := context.Background()
	s := benchPG(b)
	seedAt(b, s)
	n, err := s.AddSynthItems(ctx, benchItems, 1)
	require.NoError(b, err)
	require.Equal(b, benchItems, n)
	_, err = s.DB().ExecContext(ctx, `ANALYZE`)
	require.NoError(b, err)
	var admin Session
	require.NoError(b, s.db.QueryRow(`SELECT id FROM staff WHERE code = 's1'`).Scan(&admin.StaffID))
	var ids []int64
	require.NoError(b, collectDB(ctx, s.db, &ids, `SELECT id FROM items ORDER BY ord DESC, id LIMIT 200`))
	require.Len(b, ids, 200)
	raw := rawPG(b, s)

	b.Run("Save", func(b *testing.B) {
		// Each write gives a guide a summary it never had, as an editor
		// does; the guide is read before the clock starts.
		next := func(i int) Item {
			it, err := s.Item(ctx, ids[i%len(ids)])
			require.NoError(b, err)
			it.Summary = fmt.Sprintf("%s（第%d次修订，申请人可到社区便民服务窗口咨询）", it.Summary, i)
			return it
		}
		floor := func(it Item) error {
			keys := SearchKeysFor(&it)
			tx, err := raw.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE items SET summary = $1, search_text = $2, pinyin = $3,
				initials = $4, search_chars = $5, search_firsts = $6 WHERE id = $7`, it.Summary, keys.Text,
				keys.Pinyin, keys.Initials, keys.Chars, keys.Firsts, it.ID); err != nil {
				_ = tx.Rollback()
				return err
			}
			return tx.Commit()
		}
		ours := make([]time.Duration, 0, b.N)
		floors := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := range b.N {
			b.StopTimer()
			mine, theirs := next(2*i), next(2*i+1)
			b.StartTimer()
			t0 := time.Now()
			_, err := s.SaveItem(ctx, admin, mine)
			ours = append(ours, time.Since(t0))
			require.NoError(b, err)
			t0 = time.Now()
			err = floor(theirs)
			floors = append(floors, time.Since(t0))
			require.NoError(b, err)
		}
		b.StopTimer()
		reportFloor(b, ours, floors)
		b.ReportMetric(0, "ns/op")
	})

	b.Run("Import", func(b *testing.B) {
		const items = 2000
		src := benchPG(b)
		seedAt(b, src)
		_, err := src.AddSynthItems(ctx, items, 3)
		require.NoError(b, err)
		var file bytes.Buffer
		require.NoError(b, src.ExportCatalog(ctx, &file))
		var took []time.Duration
		b.ResetTimer()
		for range b.N {
			b.StopTimer()
			dst := benchPG(b)
			b.StartTimer()
			t0 := time.Now()
			sum, err := dst.ImportCatalogAnySize(ctx, bytes.NewReader(file.Bytes()), nil)
			took = append(took, time.Since(t0))
			require.NoError(b, err)
			require.Equal(b, items+len(testCatalog().Items), sum.Items)
			b.StopTimer()
			require.NoError(b, dst.Close())
			b.StartTimer()
		}
		b.StopTimer()
		p50 := percentileMS(took, 50)
		b.ReportMetric(p50, "p50-ms")
		b.ReportMetric(percentileMS(took, 99), "p99-ms")
		b.ReportMetric(p50/items, "per-item-ms")
		b.ReportMetric(0, "ns/op")
	})
}
