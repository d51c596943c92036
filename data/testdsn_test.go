package data

import (
	"testing"

	"bianmin/data/internal/testdb"
)

// testDSN is where a fresh store for t lives: a new SQLite file under
// t.TempDir(), or a new schema on BIANMIN_TEST_PG (see testdb). Tests
// about the SQLite file itself use testdb.SQLiteFile instead.
func testDSN(t testing.TB) string { return testdb.DSN(t) }
