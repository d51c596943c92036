// Package testdb says where a test's fresh store lives: a new SQLite file
// under t.TempDir(), or, when BIANMIN_TEST_PG names a PostgreSQL database
// (make test-pg starts one, see data/datatest/pgcluster.sh), a schema of
// its own in that database, dropped when the test ends. The store's own
// tests (package data) and datatest both use it, so the whole store suite
// runs on either engine.
package testdb

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for making schemas
)

// Env is the environment variable with the PostgreSQL DSN to test on.
const Env = "BIANMIN_TEST_PG"

// Postgres is the PostgreSQL DSN the tests run on, "" for SQLite.
func Postgres() string { return os.Getenv(Env) }

// ServerEnv is the environment variable with a PostgreSQL server for the
// tests that are about PostgreSQL itself (pg_dump backups, LISTEN/NOTIFY,
// the server's refusals, the two engines compared), whichever engine the
// rest of the suite runs on: make test sets it for its SQLite pass too.
const ServerEnv = "BIANMIN_PG_SERVER"

// UsePostgres makes t a test on PostgreSQL: for the rest of t, DSN (and
// every store opened from it) is a schema of its own on the test server
// (BIANMIN_TEST_PG, else BIANMIN_PG_SERVER), whose DSN it returns. With
// neither set, t fails and says how to start a server: these tests are
// not skipped.
func UsePostgres(t testing.TB) string {
	t.Helper()
	base := Postgres()
	if base == "" {
		base = os.Getenv(ServerEnv)
	}
	if base == "" {
		t.Fatalf("this test needs a PostgreSQL server: make test starts one; by hand, "+
			"export %s=\"$(bash data/datatest/pgcluster.sh start)\"", ServerEnv)
	}
	t.Setenv(Env, base)
	return base
}

// SQLiteFile is a new SQLite data file path under t.TempDir(), for the
// tests that are about the file itself (backups, restore, rescue, the
// receipt mark, damage).
func SQLiteFile(t testing.TB) string {
	return filepath.Join(t.TempDir(), "bianmin.db")
}

// DSN is where a fresh, empty store for t lives: a new SQLite file, or a
// new schema on BIANMIN_TEST_PG.
func DSN(t testing.TB) string {
	t.Helper()
	base := Postgres()
	if base == "" {
		return SQLiteFile(t)
	}
	admin, err := adminDB(base)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	schema := fmt.Sprintf("t%d_%d", os.Getpid(), seq.Add(1))
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("testdb: create schema: %v", err)
	}
	t.Cleanup(func() {
		// A test's last connections (a listener, a child process's store)
		// may still be closing: dropping their tables can meet their locks
		// in the other order (a deadlock the server breaks by refusing
		// one side). Try again a few times before calling it a failure.
		var err error
		for try := 0; try < 5; try++ {
			if _, err = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err == nil {
				return
			}
			time.Sleep(time.Duration(try+1) * 100 * time.Millisecond)
		}
		t.Errorf("testdb: drop schema: %v", err)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testdb: %s: %v", Env, err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

var (
	seq       atomic.Int64
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// adminDB is one pool on the test database for making and dropping
// schemas. pg_trgm is created in public first, once, so the stores'
// migrations find it there instead of racing to create it.
func adminDB(dsn string) (*sql.DB, error) {
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", dsn)
		if adminErr == nil {
			admin.SetMaxOpenConns(2)
			// Another test binary may be creating it at this moment:
			// then the second try finds it.
			for range 3 {
				if _, adminErr = admin.Exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`); adminErr == nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		if adminErr != nil {
			adminErr = fmt.Errorf("%s=%s: %w", Env, dsn, adminErr)
		}
	})
	return admin, adminErr
}
