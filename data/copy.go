package data

// Copying a whole store into another ("moving a room into a
// hall"): `bianmin copy --data SRC --to DST`, SQLite to PostgreSQL, back,
// or SQLite to SQLite.
//
// Both stores are opened (so migrated) by the same program, so they have
// the same tables and columns; the copy reads them from the schema, so a
// table a later migration adds is copied without a change here. Every
// table but schema_migrations is copied row for row, with its ids, receipt
// numbers, query codes and tokens as they are, so printed receipts and QR
// codes keep working on the copy.
//
// The copy is one transaction on the destination: it is either all there,
// its row counts checked table by table against the source's, or not at
// all (an error, a lost connection, Ctrl-C: the destination is left as it
// was, empty). The source is read in one snapshot (a read-only
// transaction), table by table in the order of the foreign keys, each
// table streamed (rows go out in batches as they are read; no table is
// held in memory).
//
// Triggers and indexes. The destination's triggers are set aside for the
// copy, inside its transaction, and put back before it commits: the rows
// are copied as they are, nothing recomputed (migration 003's trigger
// would otherwise give a request stored without a window its item's lead
// window). The append-only triggers (audit log, request events) refuse
// UPDATE, DELETE and TRUNCATE only, so an insert-only copy never meets
// them, but they are set aside with the rest. The indexes the migrations
// made (not those of a primary key or UNIQUE constraint) are set aside too
// and built again once the rows are in, which is several times faster than
// keeping a dozen indexes of requests up to date row by row (100,000
// requests into a data file: 29 s → 15 s; into PostgreSQL: 42 s → 24 s, on
// a busy test machine). On SQLite triggers and indexes are dropped and
// created again from their own text (DDL is transactional there), and the
// search indexes (FTS5, filled by triggers) are filled once from the
// copied items at the end; on PostgreSQL `ALTER TABLE … DISABLE TRIGGER
// USER` and ENABLE again, and DROP INDEX and CREATE again from
// pg_get_indexdef (also transactional; the store's user owns its tables).
// A failed copy rolls all this back with the rows, and no other
// transaction ever sees the triggers gone: SQLite's write lock and
// PostgreSQL's table locks keep others out until the commit. Nothing
// outside Copy can ask for it.
//
// Receipt numbers. receipt_counters is copied like any table, so the next
// number on the copy follows the highest copied. A SQLite source's receipt
// mark (receipt_mark.go) may be ahead of its counters (numbers reserved
// after the last backup, or by a crash): the destination's counters go on
// from the higher of the two. On a SQLite destination its own receipt mark
// is raised to the copied counters (before the commit, as registration
// does); on PostgreSQL each identity is moved past the highest id copied.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ErrNotEmpty is what a copy into a destination that already holds data
// matches (errors.Is); the error is a *NotEmptyError.
var ErrNotEmpty = errors.New("data: copy: the destination is not empty")

// NotEmptyError says that the destination of a copy already holds data:
// Table has rows (Table is the first such table found).
type NotEmptyError struct {
	Table string
}

func (e *NotEmptyError) Error() string {
	return "目标数据库里已经有数据（表 " + e.Table + " 不是空的），为免覆盖，没有复制任何内容。" +
		"请换一个新建的空数据库或一个新的数据文件作为 --to（不要先用它启动终端），再复制一次。\n" +
		"The destination already holds data (table " + e.Table + " is not empty); nothing was copied. " +
		"Give --to a new, empty database or a new data file (do not start a terminal on it first) and copy again."
}

// Is makes errors.Is(err, ErrNotEmpty) true.
func (e *NotEmptyError) Is(target error) bool { return target == ErrNotEmpty }

// CopyProgress is told, after every batch, how many rows of table have
// been copied (done) out of how many the source has (total).
type CopyProgress func(table string, done, total int64)

// CopiedTable is one table of a copy: its rows, counted in the source's
// snapshot and again in the destination before the commit.
type CopiedTable struct {
	Name string
	Rows int64
}

// CopyReport is what a copy did: every table copied, in the order copied.
type CopyReport struct {
	Tables []CopiedTable
	Rows   int64 // all tables' rows
}

// seededTables are tables a newly migrated store has rows in:
// schema_migrations (not copied: each store has its own) and the common
// refusal reasons of migration 012. A destination whose other tables are
// all empty has no staff, so nobody can have edited those reasons: they
// are the seeds, and the copy replaces them with the source's.
var seededTables = []string{"schema_migrations", "refusal_reasons"}

// copyBatch is how many rows one INSERT carries (fewer for wide tables,
// see batchRows); copyBatchBytes how much text and bytes (staff photos,
// sample forms) a batch holds at most before it is written.
const (
	copyBatch      = 200
	copyBatchBytes = 4 << 20
)

// Copy copies every row of src into dst, which must be empty (a store
// just opened on a new data file or database is), in one transaction on
// dst; see the top of this file. progress may be nil.
func Copy(ctx context.Context, src, dst *Store, progress CopyProgress) (CopyReport, error) {
	var rep CopyReport
	if src.path == dst.path {
		return rep, Invalid("to", "复制的来源和目标是同一个数据库，请给 --to 另一个数据库或数据文件。")
	}
	if err := sameSchema(ctx, src, dst); err != nil {
		return rep, err
	}
	tables, err := copyPlan(ctx, dst)
	if err != nil {
		return rep, mapErr("copy", err)
	}
	stx, err := src.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, mapErr("copy: read the source", err)
	}
	defer stx.Rollback()
	if err := checkSourceColumns(ctx, src, stx, tables); err != nil {
		return rep, err
	}
	for i := range tables {
		if err := stx.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(tables[i].name)).Scan(&tables[i].rows); err != nil {
			return rep, mapErr("copy: count "+tables[i].name, err)
		}
	}
	c := &copier{ctx: ctx, src: src, dst: dst, stx: stx, tables: tables, progress: progress}
	if dst.engine == SQLite {
		// One connection with a bulk write's page cache (see bulk.go):
		// with SQLite's 2 MB, the dozen indexes of requests spilled and
		// were read back all through the copy of a large store.
		err = dst.bulk(ctx, "copy", importCacheKiB, true, func(conn *sql.Conn) error {
			return runTx(ctx, conn, "copy", c.run)
		})
	} else {
		err = runTx(ctx, dst.db, "copy", c.run)
	}
	if err != nil {
		return rep, err
	}
	for _, t := range tables {
		rep.Tables = append(rep.Tables, CopiedTable{Name: t.name, Rows: t.rows})
		rep.Rows += t.rows
	}
	dst.feed.publish(Change{Op: "copy"})
	return rep, nil
}

// copyTable is one table to copy.
type copyTable struct {
	name  string
	cols  []copyCol
	hasID bool  // it has an id column (rows are read in its order)
	rows  int64 // in the source's snapshot
}

type copyCol struct {
	name string
	blob bool // BLOB / BYTEA on the destination
}

// copier is one copy under way.
type copier struct {
	ctx      context.Context
	src, dst *Store
	stx      *sql.Tx // the source's snapshot
	tables   []copyTable
	progress CopyProgress
}

// run is the destination's transaction.
func (c *copier) run(tx *sql.Tx) error {
	if err := c.checkEmpty(tx); err != nil {
		return err
	}
	restore, err := setAside(c.ctx, c.dst.engine, tx)
	if err != nil {
		return err
	}
	for _, t := range seededTables[1:] {
		if _, err := tx.ExecContext(c.ctx, `DELETE FROM `+quoteIdent(t)); err != nil {
			return err
		}
	}
	for _, t := range c.tables {
		if err := c.copyTable(tx, t); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	for _, t := range c.tables {
		var n int64
		if err := tx.QueryRowContext(c.ctx, `SELECT count(*) FROM `+quoteIdent(t.name)).Scan(&n); err != nil {
			return err
		}
		if n != t.rows {
			return fmt.Errorf("data: copy: %s has %d rows on the destination, %d in the source; nothing was copied", t.name, n, t.rows)
		}
	}
	if err := c.receiptCounters(tx); err != nil {
		return err
	}
	if c.dst.engine == Postgres {
		if err := advanceIdentities(c.ctx, tx, c.tables); err != nil {
			return err
		}
	}
	return restore()
}

// checkEmpty refuses a destination with rows in any table but the seeded
// ones (inside the copy's transaction, so nothing is written meanwhile).
func (c *copier) checkEmpty(tx *sql.Tx) error {
	for _, t := range c.tables {
		if slices.Contains(seededTables, t.name) {
			continue
		}
		var one int
		err := tx.QueryRowContext(c.ctx, `SELECT 1 FROM `+quoteIdent(t.name)+` LIMIT 1`).Scan(&one)
		if err == nil {
			return &NotEmptyError{Table: t.name}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

// copyTable streams one table from the source's snapshot into tx, in
// INSERTs of batchRows rows.
func (c *copier) copyTable(tx *sql.Tx, t copyTable) error {
	if t.rows == 0 { // counted in the same snapshot
		if c.progress != nil {
			c.progress(t.name, 0, 0)
		}
		return nil
	}
	names := make([]string, len(t.cols))
	for i, col := range t.cols {
		names[i] = quoteIdent(col.name)
	}
	q := `SELECT ` + strings.Join(names, ", ") + ` FROM ` + quoteIdent(t.name)
	if t.hasID {
		q += ` ORDER BY id`
	}
	rows, err := c.stx.QueryContext(c.ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	per := batchRows(len(t.cols))
	// full inserts a whole batch, one a row (of a batch written early, or
	// the last rows); each is prepared when first needed.
	var full, one *sql.Stmt
	defer func() {
		for _, st := range []*sql.Stmt{full, one} {
			if st != nil {
				st.Close()
			}
		}
	}()
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	args := make([]any, 0, per*len(t.cols))
	var done, size int64 // size: of the texts and bytes in args
	flush := func() error {
		n := len(args) / len(t.cols)
		if n == per {
			if full == nil {
				if full, err = tx.PrepareContext(c.ctx, insertSQL(t.name, names, per)); err != nil {
					return err
				}
			}
			if _, err := full.ExecContext(c.ctx, args...); err != nil {
				return err
			}
		} else {
			if one == nil {
				if one, err = tx.PrepareContext(c.ctx, insertSQL(t.name, names, 1)); err != nil {
					return err
				}
			}
			for i := 0; i < n; i++ {
				if _, err := one.ExecContext(c.ctx, args[i*len(t.cols):(i+1)*len(t.cols)]...); err != nil {
					return err
				}
			}
		}
		done += int64(n)
		args, size = args[:0], 0
		if c.progress != nil {
			c.progress(t.name, done, t.rows)
		}
		return nil
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			v = copyValue(v, t.cols[i].blob)
			switch x := v.(type) {
			case string:
				size += int64(len(x))
			case []byte:
				size += int64(len(x))
			}
			args = append(args, v)
		}
		if len(args) == per*len(t.cols) || size >= copyBatchBytes {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(args) > 0 {
		return flush()
	}
	return nil
}

// copyValue is v as the destination's column takes it: bytes for a
// BLOB/BYTEA column (SQLite may hold text in one), text for the others.
func copyValue(v any, blob bool) any {
	switch x := v.(type) {
	case string:
		if blob {
			return []byte(x)
		}
	case []byte:
		if !blob {
			return string(x)
		}
	}
	return v
}

// batchRows is how many rows of a table with cols columns one INSERT
// carries: copyBatch, or fewer so as to stay well within both engines'
// limit on parameters (32,766 on SQLite, 65,535 on PostgreSQL).
func batchRows(cols int) int { return max(1, min(copyBatch, 8000/cols)) }

// insertSQL is an INSERT of n rows into table.
func insertSQL(table string, cols []string, n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO ` + quoteIdent(table) + ` (` + strings.Join(cols, ", ") + `) VALUES `)
	row := `(` + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + `)`
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// quoteIdent quotes a table or column name for both engines.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// receiptCounters raises the destination's counters to a SQLite source's
// receipt mark where that is ahead, and on a SQLite destination raises its
// receipt mark to the counters.
func (c *copier) receiptCounters(tx *sql.Tx) error {
	if c.src.engine == SQLite {
		mark, err := readReceiptMark(c.src.receipts.path)
		if err != nil {
			return err
		}
		for key, n := range mark {
			if _, err := tx.ExecContext(c.ctx, `INSERT INTO receipt_counters (day, seq) VALUES (?, ?)
				ON CONFLICT (day) DO UPDATE SET seq = excluded.seq WHERE receipt_counters.seq < excluded.seq`, key, n); err != nil {
				return err
			}
		}
	}
	if c.dst.engine != SQLite {
		return nil
	}
	mark, err := readReceiptMark(c.dst.receipts.path)
	if err != nil {
		return err
	}
	counters, err := queryRows(c.ctx, tx, func(k *receiptCounter) []any { return []any{&k.day, &k.seq} },
		`SELECT day, seq FROM receipt_counters`)
	if err != nil {
		return err
	}
	for _, k := range counters {
		mark[k.day] = max(mark[k.day], k.seq)
	}
	if len(mark) == 0 {
		return nil
	}
	return mapErr("receipt numbers", writeReceiptMark(c.dst.receipts.path, mark))
}

// advanceIdentities moves each identity of the PostgreSQL destination past
// the highest id copied, so the next row gets a new id.
func advanceIdentities(ctx context.Context, tx *sql.Tx, tables []copyTable) error {
	for _, t := range tables {
		if !t.hasID {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence(?, 'id') AS s,
			(SELECT max(id) FROM `+quoteIdent(t.name)+`) AS m) x WHERE s IS NOT NULL AND m IS NOT NULL`,
			pgx.Identifier{t.name}.Sanitize()); err != nil {
			return err
		}
	}
	return nil
}
