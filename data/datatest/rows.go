package datatest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/internal/testdb"
)

// What the store holds that its API does not read back (a resident's
// rating, a complaint's contact and token), states its API cannot make,
// and a data file damaged under a running store: tests of the packages
// above data look through these helpers instead of writing SQL of their
// own. They open the store's database beside the store, as another
// program would: the SQLite data file (WAL lets them read and write while
// the store has it open), or the PostgreSQL DSN with its schema.

// fileDB opens s's database beside the store (data.OpenSQL); it is closed
// when the test ends.
func fileDB(t testing.TB, s *data.Store) *sql.DB {
	t.Helper()
	db, err := data.OpenSQL(s.Path())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// UseSQLite makes the stores t opens from here on SQLite files whatever
// BIANMIN_TEST_PG says: for the tests that are about the data file itself
// (damage, backups of the file, the receipt mark beside it).
func UseSQLite(t *testing.T) { t.Setenv(testdb.Env, "") }

// UsePostgres makes the stores t opens from here on schemas on the test
// PostgreSQL server, whichever engine the rest of the suite runs on: for
// the tests that are about a hall's database (see testdb.UsePostgres).
func UsePostgres(t testing.TB) string { return testdb.UsePostgres(t) }

// sqliteOnly stops a test that asks for what only a SQLite data file has.
func sqliteOnly(t testing.TB, s *data.Store, what string) {
	t.Helper()
	if s.Engine() != data.SQLite {
		t.Fatalf("datatest.%s works on a SQLite data file; this store is on %s (call datatest.UseSQLite first)",
			what, s.Engine())
	}
}

// Requests is how many requests s holds, open or closed (up to
// data.QueueCountCap of each), counted through the queue.
func Requests(t testing.TB, s *data.Store) int {
	t.Helper()
	n, err := s.QueueCounts(context.Background(), data.QueueFilter{})
	require.NoError(t, err)
	return n[data.QueueOpen] + n[data.QueueFinished]
}

// Rating is the rating stored for a request, and whether there is one.
func Rating(t testing.TB, s *data.Store, requestID int64) (level int, reason string, ok bool) {
	t.Helper()
	err := fileDB(t, s).QueryRowContext(context.Background(),
		`SELECT level, reason FROM ratings WHERE request_id = ?`, requestID).Scan(&level, &reason)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false
	}
	require.NoError(t, err)
	return level, reason, true
}

// Ratings is how many ratings are stored for a request (at most one).
func Ratings(t testing.TB, s *data.Store, requestID int64) int {
	t.Helper()
	var n int
	require.NoError(t, fileDB(t, s).QueryRowContext(context.Background(),
		`SELECT count(*) FROM ratings WHERE request_id = ?`, requestID).Scan(&n))
	return n
}

// StoredComplaint is a complaint as the store keeps it, the filer's
// contact and the token of its QR code included.
type StoredComplaint struct {
	Code, About, Body, ContactName, ContactPhone, Token, DueDay string
	RequestID, WindowID, StaffID                                int64 // 0 when not about one
}

// Complaints is every complaint stored, in the order filed.
func Complaints(t testing.TB, s *data.Store) []StoredComplaint {
	t.Helper()
	rows, err := fileDB(t, s).QueryContext(context.Background(), `SELECT code, about, body, contact_name,
		contact_phone, token, due_day, coalesce(request_id, 0), coalesce(window_id, 0), coalesce(staff_id, 0)
		FROM complaints ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	var out []StoredComplaint
	for rows.Next() {
		var c StoredComplaint
		require.NoError(t, rows.Scan(&c.Code, &c.About, &c.Body, &c.ContactName, &c.ContactPhone, &c.Token,
			&c.DueDay, &c.RequestID, &c.WindowID, &c.StaffID))
		out = append(out, c)
	}
	require.NoError(t, rows.Err())
	return out
}

// DamageTable overwrites the root page of table in s's data file under the
// open store, so that the next read or write of the table meets a damaged
// file (SQLITE_CORRUPT). The returned func puts the page back.
func DamageTable(t testing.TB, s *data.Store, table string) (repair func()) {
	t.Helper()
	sqliteOnly(t, s, "DamageTable")
	db := fileDB(t, s)
	var root, size int64
	require.NoError(t, db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?`, table).
		Scan(&root))
	require.NoError(t, db.QueryRow(`PRAGMA page_size`).Scan(&size))
	_, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	require.NoError(t, err)
	at := (root - 1) * size
	good := make([]byte, size)
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.ReadAt(good, at)
	require.NoError(t, err)
	_, err = f.WriteAt([]byte(strings.Repeat("\xa5", int(size))), at)
	require.NoError(t, err)
	forgetPages(t, db)
	return func() {
		t.Helper()
		f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
		require.NoError(t, err)
		defer f.Close()
		_, err = f.WriteAt(good, at)
		require.NoError(t, err)
		forgetPages(t, db)
	}
}

// forgetPages makes every connection to the data file drop the pages it
// keeps, so that it reads the file as it is now after a write that
// bypassed SQLite: a commit (of page 1, unchanged) moves the WAL on, and a
// connection that sees the WAL moved starts afresh.
func forgetPages(t testing.TB, db *sql.DB) {
	t.Helper()
	var v int
	require.NoError(t, db.QueryRow(`PRAGMA user_version`).Scan(&v))
	_, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v))
	require.NoError(t, err)
}

// StoredStrings is every text value held in s's data file, in any table
// (names, guides, what was typed, audit and event text, JSON as stored).
func StoredStrings(t testing.TB, s *data.Store) []string {
	t.Helper()
	ctx := context.Background()
	db := fileDB(t, s)
	tablesQuery := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if s.Engine() == data.Postgres {
		tablesQuery = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := db.QueryContext(ctx, tablesQuery)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, rows.Err())
	rows.Close()
	var out []string
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		require.NoError(t, err)
		cols, err := rows.Columns()
		require.NoError(t, err)
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			require.NoError(t, rows.Scan(ptrs...))
			for _, v := range vals {
				if s, ok := v.(string); ok {
					out = append(out, s)
				}
			}
		}
		require.NoError(t, rows.Err())
		rows.Close()
	}
	return out
}

// SetLegacyPIN gives a staff member pin hashed as the program hashes PINs
// (DefaultPINParams), without the rules SetPIN applies today: the state of
// a data file whose PINs were set under older rules (an administrator's of
// 4 digits).
func SetLegacyPIN(t testing.TB, s *data.Store, staffID int64, pin string) {
	t.Helper()
	hash, err := data.HashPIN(pin, data.DefaultPINParams)
	require.NoError(t, err)
	res, err := fileDB(t, s).ExecContext(context.Background(), `UPDATE staff SET pin_hash = ? WHERE id = ?`, hash, staffID)
	require.NoError(t, err)
	n, err := res.RowsAffected()
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "no staff member %d", staffID)
}

// ClearCalendar removes every official holiday and working weekend day
// from s: the state of a data file before any holiday schedule was
// imported.
func ClearCalendar(t testing.TB, s *data.Store) {
	t.Helper()
	_, err := fileDB(t, s).ExecContext(context.Background(), `DELETE FROM calendar_days`)
	require.NoError(t, err)
}
