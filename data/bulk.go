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
// cache of its own size instead of SQLite's 2 MB; for synth requests its
// statement journals in memory (temp_store): a statement that fires
// triggers or may fail a constraint keeps the original of every page it
// changes until it ends, written to a temporary file by default, which was
// a third of the time of synth requests; and its statements prepared once
// and reused for every row (stmtCache). The cache goes back to its former
// size afterwards, the planner's statistics are brought up to date
// (optimize), as the tables have grown, and the write-ahead log is emptied
// and cut back to nothing (checkpointWAL).
//
// The page cache is what a bulk write's memory is made of: with the
// driver's allocator each 4 KiB page of it costs 9 KiB of memory, so a
// 64 MiB cache was 140 MB of the 160–180 MB peak of 100,000 synth requests
// or imported items. The caches below are as small as the writes allow
// without reading much back.

// synthCacheKiB is the page cache of synth requests, in KiB. Written oldest
// first (see synthTimes), the requests' indexes are appended to at a few
// places each, so 16 MiB holds what a batch changes: 100,000 requests in
// the same CPU time as with 64 MiB, at a 63 MB peak instead of 160 MB.
const synthCacheKiB = 16 << 10

// importCacheKiB is the page cache of a catalog import, in KiB. An import is
// one transaction, so the cache spills to the write-ahead log whatever its
// size once the catalog outgrows it (100,000 items are a 530 MB file); the
// items and their tables are appended to, and what is read back is mostly
// the search index's segments as FTS5 merges them. 16 MiB: 100,000 items
// in the same CPU time as with 64 MiB, at a 92 MB peak (81 MB before
// importHashSize) instead of 168 MB (32 MiB: 111 MB, no faster).
const importCacheKiB = 16 << 10

// analysisLimit bounds the rows ANALYZE reads per index when optimize
// decides a table needs it (SQLite's own choice for optimize): on 100,000
// requests 40 ms against 430 ms unbounded, with the same plans. At 400, the
// figure SQLite's documentation suggests, the statistics misled the
// planner into the wrong index for a queue filter that matches nothing
// (3.8 ms instead of 1 ms; BenchmarkQueuePage/OpenNoMatch).
const analysisLimit = 2000

// bulk runs fn on one connection with a page cache of cacheKiB (and, with
// memJournal, statement journals in memory), restores both and, when fn
// succeeded, refreshes the planner's statistics and empties the
// write-ahead log.
//
// memJournal suits many small statements (synth requests: a few pages
// each). A write with statements that change thousands of pages (the
// catalog import's final indexing, see flushSearch) keeps them in a file:
// in memory its peak grew with the catalog (112 MB for 100,000 items,
// against 81 MB with the file, with a 16 MiB cache).
func (s *Store) bulk(ctx context.Context, op string, cacheKiB int, memJournal bool, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return mapErr(op, err)
	}
	defer conn.Close()
	if s.engine == Postgres {
		// The server sizes its own caches and refreshes its statistics
		// (autovacuum); ANALYZE at once so the next queries plan well.
		// fn commits in transactions of its own (runTx, not s.tx): the
		// other terminals hear of each from the server (the driver
		// notifies at every write commit, changes_pg.go), this process's
		// subscribers here, once, even when fn stopped after committing
		// some.
		defer s.feed.publish(Change{Op: op})
		// Foreign keys are checked by a query the server plans once per
		// connection and keeps: planned while the table referred to is
		// empty or small (a request's events referring to requests, an
		// item's materials to items), it reads the whole table for each
		// row, which the bulk write itself makes grow: 20,000 synth
		// requests took 20 times as long as 2,000. Without sequential
		// scans the check looks the key up in its index. The setting
		// goes back afterwards; a connection that cannot be reset is
		// dropped from the pool.
		if _, err := conn.ExecContext(ctx, `SET enable_seqscan = off`); err != nil {
			return mapErr(op, err)
		}
		defer func() {
			if _, err := conn.ExecContext(context.WithoutCancel(ctx), `RESET enable_seqscan`); err != nil {
				_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			}
		}()
		if err := fn(conn); err != nil {
			return err
		}
		return mapErr(op, analyzeSchema(ctx, conn))
	}
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
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d; PRAGMA temp_store = %d`, cacheKiB, temp)); err != nil {
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
	if err := optimize(ctx, conn); err != nil {
		return err
	}
	return checkpointWAL(ctx, conn)
}

// checkpointWAL copies the write-ahead log into the data file and cuts it
// back to nothing. A bulk write's log holds every page it wrote, and more:
// an import of 100,000 items left a log of hundreds of MB beside the
// data file until the program closed. When a reader holds the log (the kiosk
// showing a page), the checkpoint does what it can and leaves the rest to
// SQLite's own checkpoints; that is no error.
func checkpointWAL(ctx context.Context, conn *sql.Conn) error {
	var busy, logged, done int
	err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done)
	return mapErr("checkpoint", err)
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

// deferIndexes drops the indexes of table made by CREATE INDEX (not those
// of its PRIMARY KEY and UNIQUE constraints, which check the rows as they
// are written) in tx, and returns the function that makes them again, in
// the same transaction, from the statements the schema kept for them: a
// bulk write's rows are then written to the table alone, and each index is
// built from the sorted rows at the end. Rows written into a dozen indexes
// land at up to a hundred places in each, and each index's lookups got
// slower as it grew (one B-tree level more, pages out of the CPU's caches):
// profiled, the INSERT of 100,000 synth requests took 6.3 s of CPU against
// 4.5 s for ten times 10,000, nearly all the time 100,000 took beyond ten
// times 10,000. Sorting is cheaper than all those lookups (1.7 s for the eleven
// indexes of 100,000 requests, against 4.5 s more for the INSERT), but it
// reads every row, the old ones too, so it pays when the write adds about
// as many rows as the table holds. Other connections see the indexes as
// they were until the transaction commits (a rollback keeps them), never
// missing; the transaction holds the write lock throughout, as a catalog
// import does. The sorts run in memory with temp_store MEMORY (bulk's
// memJournal): 13 MB more at 100,000 requests. SQLite only.
func deferIndexes(ctx context.Context, tx *sql.Tx, table string) (rebuild func() error, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`, table)
	if err != nil {
		return nil, err
	}
	var names, stmts []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			rows.Close()
			return nil, err
		}
		names, stmts = append(names, name), append(stmts, stmt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, stmt := range stmts {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// analyzeSchema refreshes the planner's statistics of the store's own
// tables (its schema on the server), not of the whole database: a bare
// ANALYZE also waits on the tables of other schemas, and deadlocked with
// another store creating its indexes in the same database.
func analyzeSchema(ctx context.Context, conn *sql.Conn) error {
	var tables string
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(string_agg(quote_ident(tablename), ', '
		ORDER BY tablename), '') FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil {
		return err
	}
	if tables == "" {
		return nil
	}
	_, err := conn.ExecContext(ctx, `ANALYZE `+tables)
	return err
}
