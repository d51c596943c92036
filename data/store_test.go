package data

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedNow is the time every test store reads.
var fixedNow = time.Date(2026, 11, 26, 9, 30, 0, 0, China)

// mustOpen opens a real SQLite file in a temporary folder, closed when the
// test ends.
func mustOpen(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), testDSN(t), WithClock(func() time.Time { return fixedNow }), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenMigratesFromEmpty(t *testing.T) {
	useSQLite(t)
	s := mustOpen(t)
	ctx := context.Background()
	v, err := s.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, v, 1)

	var mode string
	require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode))
	assert.Equal(t, "wal", mode)
	var fk int
	require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk))
	assert.Equal(t, 1, fk)

	for _, table := range []string{"center", "office_hours", "calendar_days", "windows", "staff", "attendance",
		"whereabouts", "items", "item_windows", "materials", "item_fields", "item_versions", "disclosures",
		"disclosure_versions", "disclosure_comments", "requests", "request_events", "request_parts", "supplements",
		"clock_pauses", "proxy_batches", "refusal_reasons", "complaints", "ratings", "study_sessions",
		"study_attendance", "accountability", "audit_log", "settings", "staff_lockouts", "receipt_counters"} {
		var n int
		require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n))
		assert.Equal(t, 1, n, "table %s", table)
	}
	empty, err := s.Empty(ctx)
	require.NoError(t, err)
	assert.True(t, empty)
}

func TestOpenTwiceKeepsSchema(t *testing.T) {
	path := testDSN(t)
	ctx := context.Background()
	s, err := Open(ctx, path)
	require.NoError(t, err)
	v1, err := s.SchemaVersion(ctx)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	v2, err := s.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, v1, v2)
	var n int
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n))
	assert.Equal(t, v2, n, "each migration recorded once")
}

func TestAuditAndEventsAreAppendOnly(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (at, action) VALUES ('2026-01-01T00:00:00Z', 'login')`)
	require.NoError(t, err)
	register(t, s, "JZZ", false) // its events
	for _, table := range []string{"audit_log", "request_events"} {
		_, err = s.db.ExecContext(ctx, `UPDATE `+table+` SET at = 'x'`)
		assert.ErrorContains(t, err, "append-only", table)
		_, err = s.db.ExecContext(ctx, `DELETE FROM `+table)
		assert.ErrorContains(t, err, "append-only", table)
		if s.engine == Postgres {
			_, err = s.db.ExecContext(ctx, `TRUNCATE `+table+` CASCADE`)
			assert.ErrorContains(t, err, "append-only", table)
		}
	}
}

func TestMessage(t *testing.T) {
	assert.Equal(t, "请填写姓名。", Message(Invalid("name", "请填写姓名。")))
	assert.Contains(t, Message(ErrNotFound), "未找到")
	assert.Contains(t, Message(mapErr("x", ErrBusy)), "重试")
	assert.Empty(t, Message(nil))
}

func jsonMarshal(c *Catalog) ([]byte, error) { return json.Marshal(c) }
