package data

import (
	"testing"

	"bianmin/data/internal/testdb"
)

// testDSN is where a fresh store for t lives: a new SQLite file under
// t.TempDir(), or a new schema on BIANMIN_TEST_PG (see testdb). Tests
// about the SQLite file itself use testdb.SQLiteFile instead.
func testDSN(t testing.TB) string { return testdb.DSN(t) }

// useSQLite makes the stores t opens SQLite files even when the suite runs
// on PostgreSQL: for the tests about the data file itself (backups,
// restore, rescue, the receipt mark beside it, damage, file permissions,
// PRAGMAs, SQLite's planner and FTS5 migrations), which PostgreSQL has no
// counterpart of.
func useSQLite(t *testing.T) { t.Setenv(testdb.Env, "") }
