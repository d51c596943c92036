package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/internal/testdb"
)

// pgOnly makes t a PostgreSQL test (testdb.UsePostgres) and returns the
// test database's DSN.
func pgOnly(t *testing.T) *url.URL {
	t.Helper()
	base := testdb.UsePostgres(t)
	u, err := url.Parse(base)
	require.NoError(t, err)
	return u
}

// assertServerMessage checks that err is ErrCantOpen with a Chinese
// sentence about the database server (not the data file's) that has all of
// words.
func assertServerMessage(t *testing.T, err error, words ...string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrCantOpen)
	msg := Message(err)
	assert.Contains(t, msg, "数据库服务器")
	assert.Contains(t, msg, "信息尚未保存")
	assert.NotContains(t, msg, "数据文件")
	for _, w := range words {
		assert.Contains(t, msg, w)
	}
	for _, r := range msg {
		if unicode.IsLetter(r) && r <= unicode.MaxASCII {
			// Only the option's name is in Latin letters.
			assert.Contains(t, msg, "--data")
			break
		}
	}
}

// A server that is not there (nothing listens on the port): the server is
// unreachable, said in Chinese with what to check. Needs no server, so it
// runs on either engine.
func TestOpenServerDown(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{
		"postgres://bianmin:secret@127.0.0.1:1/bianmin?sslmode=disable&connect_timeout=5",
		"postgres://bianmin@/bianmin?host=" + t.TempDir() + "&port=5432&sslmode=disable",
	} {
		_, err := Open(ctx, dsn)
		assertServerMessage(t, err, "无法连接", "地址和端口")
	}
}

// The server's refusals by SQLSTATE, as pgSentinel maps them: a wrong
// password (28P01) and a role that may not log in (28000) are a refused
// login, no such database (3D000), a server starting up (57P03).
func TestServerRefusalsMapped(t *testing.T) {
	for code, word := range map[string]string{
		"28P01": "用户名和密码", "28000": "用户名和密码", "3D000": "数据库名", "57P03": "正在启动",
	} {
		err := mapErr("open", fmt.Errorf("connect: %w", &pgconn.PgError{Code: code, Message: "refused"}))
		assertServerMessage(t, err, word)
	}
}

// On the test server: a user it does not know is refused at login, and a
// database it does not have is said to be missing, each with its own
// sentence; nothing is created.
func TestOpenRefusedByServer(t *testing.T) {
	base := pgOnly(t)
	ctx := context.Background()

	u := *base
	u.User = url.UserPassword("bianmin_no_such_user", "wrong")
	_, err := Open(ctx, u.String())
	assertServerMessage(t, err, "拒绝登录", "用户名和密码")

	u = *base
	u.Path = "/bianmin_no_such_database"
	_, err = Open(ctx, u.String())
	assertServerMessage(t, err, "没有", "数据库名")
	var pe *pgconn.PgError
	assert.False(t, errors.As(err, &pe), "the driver's English stays out of the chain")
}

// ProbeWrite on PostgreSQL: a writable database passes and the probe leaves
// nothing behind; a database whose transactions are read-only (a standby,
// or default_transaction_read_only set by the administrator) is
// ErrReadOnly, as a read-only data file is on SQLite; the quick check, a
// query, passes on both.
func TestProbeWriteAndQuickCheckOnServer(t *testing.T) {
	pgOnly(t)
	ctx := context.Background()
	s := seeded(t)
	require.NoError(t, s.ProbeWrite(ctx))
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = 'probe_write'`).Scan(&n))
	assert.Zero(t, n, "the probe is rolled back")
	require.NoError(t, s.QuickCheck(ctx))
	assert.False(t, s.Health().Damaged())
	assert.False(t, s.Health().Checked.IsZero())

	u, err := url.Parse(s.Path())
	require.NoError(t, err)
	q := u.Query()
	q.Set("default_transaction_read_only", "on")
	u.RawQuery = q.Encode()
	ro, err := Open(ctx, u.String())
	require.NoError(t, err, "the schema is current: opening writes nothing")
	defer ro.Close()
	err = ro.ProbeWrite(ctx)
	assert.ErrorIs(t, err, ErrReadOnly)
	assert.Contains(t, Message(err), "只读")
	require.NoError(t, ro.QuickCheck(ctx), "reading still works")
	assert.False(t, ro.Health().Damaged())
	empty, err := ro.Empty(ctx)
	require.NoError(t, err)
	assert.False(t, empty)
}

// TestOpenMigratesFromEmpty on PostgreSQL: every table is made in the
// store's schema, every migration recorded, foreign keys are enforced (a
// conflict, as on SQLite), and the new store is empty.
func TestOpenMigratesFromEmptyOnServer(t *testing.T) {
	pgOnly(t)
	s := mustOpen(t)
	ctx := context.Background()
	v, err := s.SchemaVersion(ctx)
	require.NoError(t, err)
	names, err := migrationFS.ReadDir("migrations")
	require.NoError(t, err)
	assert.Equal(t, len(names), v)
	var recorded int
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&recorded))
	assert.Equal(t, v, recorded)
	for _, table := range []string{"center", "office_hours", "calendar_days", "windows", "staff", "attendance",
		"whereabouts", "items", "item_windows", "materials", "item_fields", "item_versions", "disclosures",
		"disclosure_versions", "disclosure_comments", "requests", "request_events", "request_parts", "supplements",
		"clock_pauses", "proxy_batches", "refusal_reasons", "complaints", "ratings", "study_sessions",
		"study_attendance", "accountability", "audit_log", "settings", "staff_lockouts", "receipt_counters"} {
		var n int
		require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = ?`, table).Scan(&n))
		assert.Equal(t, 1, n, "table %s", table)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO staff (code, name, window_id) VALUES ('x', 'x', 999)`)
	var pe *pgconn.PgError
	require.True(t, errors.As(err, &pe), "%v", err)
	assert.Equal(t, "23503", pe.Code, "foreign keys are enforced: %v", err)
	assert.ErrorIs(t, mapErr("test", err), ErrConflict)
	empty, err := s.Empty(ctx)
	require.NoError(t, err)
	assert.True(t, empty)
}

// TestOpenWhileAnotherHoldsTheWriteLock on PostgreSQL: while another
// terminal holds a write transaction on the store's rows, Open and a read
// succeed without waiting for it.
func TestOpenWhileAnotherWritesOnServer(t *testing.T) {
	pgOnly(t)
	ctx := context.Background()
	s := seeded(t)
	other, err := Open(ctx, s.Path())
	require.NoError(t, err)
	defer other.Close()
	conn, err := other.db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `BEGIN`)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `UPDATE center SET name = name`)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `UPDATE items SET name = name`)
	require.NoError(t, err)

	wait, cancel := context.WithTimeout(ctx, 10*time.Second) // fails instead of hanging
	defer cancel()
	s2, err := Open(wait, s.Path())
	require.NoError(t, err, "open while another holds a write transaction")
	defer s2.Close()
	empty, err := s2.Empty(wait)
	require.NoError(t, err)
	assert.False(t, empty)
	got, err := s2.SearchItems(wait, "居住证")
	require.NoError(t, err)
	assert.NotEmpty(t, got)
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	require.NoError(t, err)
}

// TestPurgeQueriesUseTheirIndexes on PostgreSQL: INDEXED BY is dropped
// there (pg.go), so check instead that each purge query can be answered
// from its partial index of migration 009 (its condition still implies the
// index's): with sequential scans priced out, the plan reads the index.
func TestPurgeQueriesUseTheirIndexesOnServer(t *testing.T) {
	pgOnly(t)
	ctx := context.Background()
	s := mustOpen(t)
	for _, c := range []struct{ q, index string }{
		{`SELECT id ` + purgeRequestsDue, "requests_purge_due"},
		{`SELECT id FROM ` + purgeComplaintsDue, "complaints_purge_due"},
		{`SELECT id FROM ` + purgeCommentsDue, "disclosure_comments_purge_due"},
	} {
		var plan []string
		require.NoError(t, s.tx(ctx, "test", func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, `EXPLAIN `+c.q, "2026-01-01")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					return err
				}
				plan = append(plan, line)
			}
			return rows.Err()
		}))
		assert.Contains(t, strings.Join(plan, "\n"), c.index, c.q)
	}
}
