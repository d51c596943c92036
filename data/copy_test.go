package data_test

// Tests of Copy (copy.go). The middle store of each test is a fresh
// schema on BIANMIN_TEST_PG when it is set (SQLite → PostgreSQL → SQLite),
// else a SQLite file (SQLite → SQLite → SQLite).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/data/internal/testdb"
)

// copyNow is a Monday morning in China.
var copyNow = time.Date(2026, 12, 7, 10, 0, 0, 0, data.China)

func openAt(t *testing.T, dsn string) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), dsn, data.WithClock(func() time.Time { return copyNow }), datatest.CheapPINs())
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// sampleSource makes the sample store in a SQLite file: holidays, the
// sample catalog, staff PINs, 300 synthetic requests, two registrations
// today and a complaint, then closes it (as a kiosk that was shut down).
// It returns the file and the last registration's receipt.
func sampleSource(t *testing.T) (string, data.Receipt) {
	t.Helper()
	ctx := context.Background()
	path := testdb.SQLiteFile(t)
	s, err := data.Open(ctx, path, data.WithClock(func() time.Time { return copyNow }), datatest.CheapPINs())
	require.NoError(t, err)
	defer s.Close()
	datatest.SeedNew(t, s)
	datatest.SetPINs(t, s, datatest.StaffIDs(t, s), "张建华", "王丽娟")
	_, err = s.AddSynthRequests(ctx, 300, 1)
	require.NoError(t, err)
	register(t, s)
	rc := register(t, s)
	_, err = s.FileComplaint(ctx, data.NewComplaint{Channel: "kiosk", About: data.AboutRequest, RequestID: rc.RequestID,
		Body: "等了很久没有人接待，希望改进。"})
	require.NoError(t, err)
	return path, rc
}

func copyAll(t *testing.T, from, to *data.Store) data.CopyReport {
	t.Helper()
	var calls int
	rep, err := data.Copy(context.Background(), from, to, func(string, int64, int64) { calls++ })
	require.NoError(t, err)
	assert.Positive(t, calls, "progress is reported")
	return rep
}

func exportOf(t *testing.T, s *data.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, s.ExportCatalog(context.Background(), &b))
	return b.Bytes()
}

func rowsOf(rep data.CopyReport) map[string]int64 {
	m := map[string]int64{}
	for _, t := range rep.Tables {
		m[t.Name] = t.Rows
	}
	return m
}

func TestCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	srcPath, last := sampleSource(t)
	src := openAt(t, srcPath)
	mid := openAt(t, testdb.DSN(t))
	back := openAt(t, testdb.SQLiteFile(t))
	// Photos large enough that a batch of staff rows is written before
	// it is full (copyBatchBytes).
	photo := bytes.Repeat([]byte{0, 1, 2, 0xff, 'x'}, 300_000)
	_, err := src.DB().ExecContext(ctx, `UPDATE staff SET photo = ? WHERE id IN (SELECT id FROM staff ORDER BY id LIMIT 3)`, photo)
	require.NoError(t, err)
	// A request stored without a window (as before migration 003) stays
	// so: the copy's rows are not recomputed by the destination's triggers.
	_, err = src.DB().ExecContext(ctx, `UPDATE requests SET window_id = NULL WHERE id = 1`)
	require.NoError(t, err)

	there := copyAll(t, src, mid)
	again := copyAll(t, mid, back)

	rows := rowsOf(there)
	assert.Equal(t, int64(302), rows["requests"])
	assert.Positive(t, rows["request_events"])
	assert.Positive(t, rows["audit_log"])
	assert.Positive(t, rows["item_versions"])
	assert.Positive(t, rows["calendar_days"])
	assert.Equal(t, int64(1), rows["complaints"])
	assert.NotContains(t, rows, "schema_migrations")
	assert.Equal(t, there, again, "the same rows, table by table, each way")

	want := exportOf(t, src)
	assert.Equal(t, string(want), string(exportOf(t, mid)), "catalog export on the copy")
	assert.Equal(t, string(want), string(exportOf(t, back)), "catalog export on the copy of the copy")

	for name, s := range map[string]*data.Store{"mid": mid, "back": back} {
		tr, err := s.TrackByToken(ctx, last.Token)
		require.NoError(t, err, name)
		assert.Equal(t, last.ReceiptNo, tr.ReceiptNo, name)
		tr, err = s.TrackByCode(ctx, last.ReceiptNo, last.QueryCode)
		require.NoError(t, err, name)
		assert.Equal(t, last.RequestID, tr.RequestID, name)

		var window sql.NullInt64
		require.NoError(t, s.DB().QueryRowContext(ctx, `SELECT window_id FROM requests WHERE id = 1`).Scan(&window), name)
		assert.False(t, window.Valid, name+": copied as it was")
		fresh := testdb.SQLiteFile(t)
		if s.Engine() == data.Postgres {
			fresh = testdb.DSN(t)
		}
		assert.Equal(t, triggers(t, openAt(t, fresh)), triggers(t, s), name+": every trigger and index is back, as a new store has it")

		// The append-only rules hold again after the copy.
		_, err = s.DB().ExecContext(ctx, `UPDATE audit_log SET action = 'x'`)
		assert.Error(t, err, name+": audit log stays append-only")
		_, err = s.DB().ExecContext(ctx, `DELETE FROM request_events`)
		assert.Error(t, err, name+": request events stay append-only")
	}

	photos := photoSums(t, src)
	assert.Equal(t, 3, countOf(photos, fmt.Sprintf("%x", sha256.Sum256(photo))))
	assert.Equal(t, photos, photoSums(t, mid), "photos' bytes on the copy")
	assert.Equal(t, photos, photoSums(t, back), "photos' bytes on the copy of the copy")

	// SQLite's search indexes (FTS5) are filled on the copy of the copy.
	for _, q := range []string{"低保", "d", "dibao", "最低生活保障"} {
		found, err := back.SearchItems(ctx, q)
		require.NoError(t, err, q)
		had, err := src.SearchItems(ctx, q)
		require.NoError(t, err, q)
		assert.NotEmpty(t, found, q)
		assert.Equal(t, had, found, q)
	}

	// A receipt issued on each copy goes on from the highest copied.
	prefix, day, seq, err := data.ParseReceiptNo(last.ReceiptNo)
	require.NoError(t, err)
	for name, s := range map[string]*data.Store{"mid": mid, "back": back} {
		rc := register(t, s)
		assert.Equal(t, data.FormatReceiptNo(prefix, day, seq+1), rc.ReceiptNo, name)
		assert.Greater(t, rc.RequestID, last.RequestID, name)
	}
}

// register registers a request for the sample's 居住证明, every intake
// field filled, as the kiosk does.
func register(t *testing.T, s *data.Store) data.Receipt {
	t.Helper()
	it := datatest.Item(t, s, "JZZM")
	fields := map[string]string{}
	for _, f := range it.Fields {
		switch f.Kind {
		case data.KindNumber:
			fields[f.Key] = "2"
		case data.KindDate:
			fields[f.Key] = "2020-01-01"
		case data.KindSingle, data.KindMulti:
			fields[f.Key] = f.Options[0]
		default:
			fields[f.Key] = "子女入学"
		}
	}
	rc, err := s.Register(context.Background(), data.Registration{ItemID: it.ID, Channel: data.ChannelKiosk, Name: "张小三",
		Phone: "13800138000", IDNumber: "11010519491231002X", Fields: fields, Consent: true})
	require.NoError(t, err)
	return rc
}

func TestCopyRefusesANonEmptyDestination(t *testing.T) {
	ctx := context.Background()
	srcPath, _ := sampleSource(t)
	src := openAt(t, srcPath)
	dst := openAt(t, testdb.DSN(t))
	require.NoError(t, dst.PutCalendarDays(ctx, data.OfficialCalendarDays()))
	before := calendarRows(t, dst)
	require.Positive(t, before)

	_, err := data.Copy(ctx, src, dst, nil)
	require.ErrorIs(t, err, data.ErrNotEmpty)
	var ne *data.NotEmptyError
	require.True(t, errors.As(err, &ne))
	assert.Contains(t, ne.Error(), "目标数据库里已经有数据")
	assert.Contains(t, ne.Error(), "The destination already holds data")
	assert.Equal(t, before, calendarRows(t, dst), "the destination is left as it was")
	empty, err := dst.Empty(ctx)
	require.NoError(t, err)
	assert.True(t, empty, "nothing was copied")

	_, err = data.Copy(ctx, src, src, nil)
	assert.ErrorIs(t, err, data.ErrInvalid, "a store is not copied onto itself")
}

// triggers is every trigger and index of s's schema: its definition on
// SQLite; on PostgreSQL a trigger's table, name and whether it is
// enabled, and an index's definition.
func triggers(t *testing.T, s *data.Store) []string {
	t.Helper()
	q := `SELECT name || ': ' || sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY name`
	if s.Engine() == data.Postgres {
		q = `SELECT c.relname || '.' || g.tgname || ': ' || g.tgenabled::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
			WHERE NOT g.tgisinternal AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
			UNION ALL SELECT replace(indexdef, current_schema() || '.', '') FROM pg_indexes WHERE schemaname = current_schema()
			ORDER BY 1`
	}
	var out []string
	rows, err := s.DB().Query(q)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var v string
		require.NoError(t, rows.Scan(&v))
		out = append(out, v)
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, out)
	return out
}

// photoSums is each staff member's photo's SHA-256, by id.
func photoSums(t *testing.T, s *data.Store) map[int64]string {
	t.Helper()
	out := map[int64]string{}
	rows, err := s.DB().Query(`SELECT id, photo FROM staff WHERE photo IS NOT NULL`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p []byte
		require.NoError(t, rows.Scan(&id, &p))
		out[id] = fmt.Sprintf("%x", sha256.Sum256(p))
	}
	require.NoError(t, rows.Err())
	return out
}

func countOf(m map[int64]string, v string) int {
	n := 0
	for _, x := range m {
		if x == v {
			n++
		}
	}
	return n
}

func calendarRows(t *testing.T, s *data.Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.DB().QueryRow(`SELECT count(*) FROM calendar_days`).Scan(&n))
	return n
}

func TestCopyFailureLeavesTheDestinationEmpty(t *testing.T) {
	srcPath, _ := sampleSource(t)
	src := openAt(t, srcPath)
	dst := openAt(t, testdb.DSN(t))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := data.Copy(ctx, src, dst, func(table string, done, _ int64) {
		if table == "requests" && done > 0 {
			cancel() // Ctrl-C, or the connection lost, half way through
		}
	})
	require.Error(t, err)

	empty, err := dst.Empty(context.Background())
	require.NoError(t, err)
	assert.True(t, empty)
	var n int
	require.NoError(t, dst.DB().QueryRow(`SELECT count(*) FROM items`).Scan(&n))
	assert.Zero(t, n)

	fresh := testdb.SQLiteFile(t)
	if dst.Engine() == data.Postgres {
		fresh = testdb.DSN(t)
	}
	assert.Equal(t, triggers(t, openAt(t, fresh)), triggers(t, dst), "the triggers and indexes set aside are back")

	// Still empty enough to copy into, with its triggers in place.
	rep := copyAll(t, src, dst)
	assert.Equal(t, int64(302), rowsOf(rep)["requests"])
	_, err = dst.DB().Exec(`UPDATE audit_log SET action = 'x'`)
	assert.Error(t, err, "the audit log's trigger came back")
}

// A SQLite source's receipt mark ahead of its counters (numbers reserved
// by a kiosk that crashed) carries over: the copy never issues them again.
func TestCopyCarriesTheReceiptMark(t *testing.T) {
	srcPath, last := sampleSource(t)
	_, day, _, err := data.ParseReceiptNo(last.ReceiptNo)
	require.NoError(t, err)
	key := data.Day(day)
	require.NoError(t, os.WriteFile(data.ReceiptMarkFile(srcPath), []byte(key+" 40\n"), 0o600))
	src := openAt(t, srcPath)
	dstPath := testdb.SQLiteFile(t)
	dst := openAt(t, dstPath)
	copyAll(t, src, dst)

	mark, err := os.ReadFile(data.ReceiptMarkFile(dstPath))
	require.NoError(t, err)
	assert.Contains(t, string(mark), key+" 40\n", "the destination's own mark")
	rc := register(t, dst)
	_, _, seq, err := data.ParseReceiptNo(rc.ReceiptNo)
	require.NoError(t, err)
	assert.Equal(t, 41, seq)
}
