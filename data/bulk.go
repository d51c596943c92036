package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// Bulk writes (synth requests and items, catalog import) and the planner's
// statistics.
//
// A bulk write runs on one connection of the pool set up for it: a page
// cache of bulkCacheKiB instead of SQLite's 2 MB, so that the indexes of a
// table of 100,000 rows being filled in random key order stay in memory for
// the whole transaction instead of spilling and being read back; for synth
// requests its statement journals in memory (temp_store): a statement that
// fires triggers or may fail a constraint keeps the original of every page
// it changes until it ends, written to a temporary file by default, which
// was a third of the time of synth requests; and its statements prepared
// once and reused for every row (stmtCache). The cache
// goes back to its former size afterwards, and the planner's statistics
// are brought up to date (optimize), as the tables have grown.

// bulkCacheKiB is the page cache of a bulk write's connection, in KiB:
// 64 MiB, which holds every index of 100,000 requests.
const bulkCacheKiB = 64 << 10

// analysisLimit bounds the rows ANALYZE reads per index when optimize
// decides a table needs it (SQLite's own choice for optimize): on 100,000
// requests 40 ms against 430 ms unbounded, with the same plans. At 400, the
// figure SQLite's documentation suggests, the statistics misled the
// planner into the wrong index for a queue filter that matches nothing
// (3.8 ms instead of 1 ms; BenchmarkQueuePage/OpenNoMatch).
const analysisLimit = 2000

// bulk runs fn on one connection with a large page cache (and, with
// memJournal, statement journals in memory), restores both and, when fn
// succeeded, refreshes the planner's statistics.
//
// memJournal suits many small statements (synth requests: a few pages
// each). A write with statements that change thousands of pages (the
// catalog import's final indexing, see flushSearch) keeps them in a file:
// in memory its peak grew with the catalog (290 MB for 100,000 items,
// against 170 MB with the file).
func (s *Store) bulk(ctx context.Context, op string, memJournal bool, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return mapErr(op, err)
	}
	defer conn.Close()
	var old, oldTemp int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&old); err != nil {
		return mapErr(op, err)
	}
	if err := conn.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&oldTemp); err != nil {
		return mapErr(op, err)
	}
	temp := oldTemp
	if memJournal {
		temp = 2 // MEMORY
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d; PRAGMA temp_store = %d`, bulkCacheKiB, temp)); err != nil {
		return mapErr(op, err)
	}
	defer func() {
		// Back to the former settings even when ctx was cancelled; a
		// connection that cannot be restored is dropped from the pool, not
		// reused with the big cache.
		if _, err := conn.ExecContext(context.WithoutCancel(ctx),
			fmt.Sprintf(`PRAGMA cache_size = %d; PRAGMA temp_store = %d`, old, oldTemp)); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if err := fn(conn); err != nil {
		return err
	}
	return optimize(ctx, conn)
}

// optimize lets SQLite refresh the statistics the query planner reads
// (sqlite_stat1) for every table whose size changed much since they were
// taken, or that never had any: PRAGMA optimize with 0x10000 (look at all
// tables, not only those this connection used) and analysis_limit. When
// nothing changed it only compares row counts, which is cheap. The store
// runs it at Open, after bulk writes and at Close, so that the planner has
// statistics on a real file (and not only in benchmarks).
func optimize(ctx context.Context, c interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) error {
	_, err := c.ExecContext(ctx, fmt.Sprintf(`PRAGMA analysis_limit = %d; PRAGMA optimize = 0x10002`, analysisLimit))
	return mapErr("optimize", err)
}

// queryer is what the statements of a write need: a *sql.Tx, or a
// stmtCache around one.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// stmtCache runs statements in tx, each prepared the first time its text is
// seen and reused after: a bulk write repeats a handful of statements for
// every row, and preparing one costs more than running it. Close it before
// the transaction ends.
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := c.stmts[q]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.stmts[q] = st
	return st, nil
}

// ExecContext runs q prepared once.
func (c *stmtCache) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs q prepared once.
func (c *stmtCache) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs q prepared once. A failure to prepare shows, as with
// *sql.Tx, when the row is scanned.
func (c *stmtCache) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, q)
	if err != nil {
		// Let the transaction report the error the same way.
		return c.tx.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// Close finalizes the prepared statements.
func (c *stmtCache) Close() {
	for _, st := range c.stmts {
		st.Close()
	}
	clear(c.stmts)
}
