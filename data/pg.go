package data

// The store on PostgreSQL, for a hall's terminals sharing one database.
// The store's SQL is written once, for SQLite, with ? placeholders; on PostgreSQL every statement goes through
// pgConn, a thin database/sql driver around pgx's stdlib driver that:
//
//   - rewrites ? and ?N placeholders to $N, skipping quoted strings,
//     quoted names and comments, once per distinct statement (cached);
//   - turns an INSERT into a table with an identity id into INSERT …
//     RETURNING id, so Result.LastInsertId works as on SQLite; and after an
//     INSERT that names id itself, moves the identity past it (SQLite's
//     INTEGER PRIMARY KEY accepts explicit ids and goes on from the
//     highest; a PostgreSQL identity would hand the same id out again);
//   - hands bool values (arguments and results) over as 1/0, as SQLite
//     stores them, so the 0/1 INTEGER columns and the Go code that scans
//     comparisons into ints read the same on both engines;
//   - gives transactions SQLite's guarantees: a read-only one reads one
//     snapshot (REPEATABLE READ), and a write transaction first takes the
//     store's write lock (a transaction-level advisory lock, per schema),
//     waiting at most 5 s (lock_timeout → ErrBusy) as SQLite's BEGIN
//     IMMEDIATE waits busy_timeout. Writers take turns, so a
//     read-then-write (take a request up, issue the day's next receipt
//     number) never loses an update and needs no retry; readers never
//     wait. A hall's writes are a few per second, far below what one
//     writer at a time sustains.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Engine is the database a store runs on.
type Engine int

const (
	// SQLite: the embedded data file (the default, one room).
	SQLite Engine = iota
	// Postgres: a PostgreSQL 15 database shared by a hall's terminals.
	Postgres
)

func (e Engine) String() string {
	if e == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// IsPostgresDSN says whether a --data value names a PostgreSQL database
// (postgres:// or postgresql://) rather than a SQLite data file.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openPostgres opens the database/sql pool on the PostgreSQL database at
// dsn through pgConn.
func openPostgres(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("data: open: %w: %v", ErrCantOpen, err)
	}
	// A server that does not answer is reported within seconds, not
	// after the system's TCP timeouts (see ErrUnreachable): connecting
	// waits 5 s unless the DSN says (connect_timeout), and a connection
	// whose network is gone is found dead within about 25 s.
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 5 * time.Second
	}
	dialer := &net.Dialer{KeepAliveConfig: listenKeepAlive}
	cfg.DialFunc = dialer.DialContext
	// Statements are prepared and cached per connection by pgx (the
	// default mode); the rewrite cache below is shared by the pool.
	c := &pgConnector{base: stdlib.GetConnector(*cfg), identity: map[string]bool{}}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	return db, nil
}

type pgConnector struct {
	base driver.Connector

	mu       sync.Mutex
	identity map[string]bool // table → has an identity column id (only tables that exist)
}

func (c *pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn), c: c}, nil
}

func (c *pgConnector) Driver() driver.Driver { return c.base.Driver() }

// hasIdentity says whether table has an identity column id, asking the
// database once per table that exists.
func (c *pgConnector) hasIdentity(ctx context.Context, conn *stdlib.Conn, table string) (bool, error) {
	c.mu.Lock()
	v, ok := c.identity[table]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	var exists, ident bool
	err := conn.Conn().QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL,
		EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'id' AND attidentity <> '')`,
		table).Scan(&exists, &ident)
	if err != nil {
		return false, err
	}
	if exists {
		c.mu.Lock()
		c.identity[table] = ident
		c.mu.Unlock()
	}
	return ident, nil
}

// pgConn is one connection: pgx's, with the rewriting above.
type pgConn struct {
	*stdlib.Conn
	c *pgConnector
}

func (p *pgConn) Prepare(query string) (driver.Stmt, error) {
	return p.PrepareContext(context.Background(), query)
}

func (p *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	q := rewritePlaceholders(query)
	ps := &pgStmt{conn: p}
	if ins := parseInsert(q); ins.table != "" {
		ident, err := p.c.hasIdentity(ctx, p.Conn, ins.table)
		if err != nil {
			return nil, err
		}
		if ident {
			ps.ins = ins
			if !ins.returning {
				q += " RETURNING id"
			}
		}
	}
	st, err := p.Conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	ps.Stmt = st
	return ps, nil
}

func (p *pgConn) Begin() (driver.Tx, error) {
	return p.BeginTx(context.Background(), driver.TxOptions{})
}

func (p *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly && opts.Isolation == driver.IsolationLevel(sql.LevelDefault) {
		opts.Isolation = driver.IsolationLevel(sql.LevelRepeatableRead)
	}
	tx, err := p.Conn.BeginTx(ctx, opts)
	if err != nil || opts.ReadOnly {
		return tx, err
	}
	// One round trip: the timeout is set (for this transaction) before
	// the lock is waited for, left to right.
	if _, err := p.Conn.Conn().Exec(ctx, `SELECT set_config('lock_timeout', '5s', true),
		pg_advisory_xact_lock(2026120701, hashtext(current_schema()))`); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	op, _ := ctx.Value(txOpKey{}).(string)
	self, _ := ctx.Value(txSelfKey{}).(string)
	return pgWriteTx{Tx: tx, conn: p.Conn, op: pgPayload(op, self)}, nil // notifies at commit (changes_pg.go)
}

func (p *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(boolInt(b))
	}
	return p.Conn.CheckNamedValue(nv)
}

func (p *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := p.Conn.QueryContext(ctx, rewritePlaceholders(query), args)
	if err != nil {
		return nil, err
	}
	return &pgRows{Rows: rows.(*stdlib.Rows)}, nil
}

func (p *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q := rewritePlaceholders(query)
	ins := parseInsert(q)
	if ins.table == "" {
		return plainResult(p.Conn.ExecContext(ctx, q, args))
	}
	ident, err := p.c.hasIdentity(ctx, p.Conn, ins.table)
	if err != nil {
		return nil, err
	}
	if !ident {
		return plainResult(p.Conn.ExecContext(ctx, q, args))
	}
	if ins.returning {
		r, err := p.Conn.ExecContext(ctx, q, args)
		if err != nil {
			return nil, err
		}
		return p.afterInsert(ctx, ins, r)
	}
	rows, err := p.Conn.QueryContext(ctx, q+" RETURNING id", args)
	if err != nil {
		return nil, err
	}
	res, err := drainIDs(rows)
	if err != nil {
		return nil, err
	}
	return p.afterInsert(ctx, ins, res)
}

// drainIDs reads the ids an INSERT … RETURNING id gave: the last is the
// LastInsertId, their number the rows affected.
func drainIDs(rows driver.Rows) (pgResult, error) {
	var res pgResult
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		err := rows.Next(dest)
		if err == io.EOF {
			break
		}
		if err != nil {
			rows.Close()
			return res, err
		}
		res.rows++
		if id, ok := dest[0].(int64); ok {
			res.id = id
		}
	}
	return res, rows.Close()
}

// afterInsert moves the identity past explicit ids, as SQLite's rowid
// goes on from the highest.
func (p *pgConn) afterInsert(ctx context.Context, ins insertInfo, r driver.Result) (driver.Result, error) {
	if n, _ := r.RowsAffected(); ins.explicitID && n > 0 {
		if err := advanceIdentity(ctx, p.Conn, ins.table); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// advanceIdentity moves table's identity past its highest id, never back.
func advanceIdentity(ctx context.Context, conn *stdlib.Conn, table string) error {
	t := pgx.Identifier{table}.Sanitize()
	_, err := conn.Conn().Exec(ctx, `SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence($1, 'id') AS s,
		(SELECT max(id) FROM `+t+`) AS m) x
		WHERE m > coalesce(pg_sequence_last_value(s::regclass), 0)`, table)
	return err
}

// pgResult is every statement's result: LastInsertId is the id an INSERT
// into a table with an identity gave, else 0 (pgx's own result refuses the
// call).
type pgResult struct{ id, rows int64 }

func plainResult(r driver.Result, err error) (driver.Result, error) {
	if err != nil {
		return nil, err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return nil, err
	}
	return pgResult{rows: n}, nil
}

func (r pgResult) LastInsertId() (int64, error) { return r.id, nil }
func (r pgResult) RowsAffected() (int64, error) { return r.rows, nil }

// pgStmt is a prepared statement; an INSERT into a table with an identity
// was prepared with RETURNING id (see PrepareContext).
type pgStmt struct {
	driver.Stmt
	conn *pgConn
	ins  insertInfo // table "" unless an INSERT into a table with an identity
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	return &pgRows{Rows: rows.(*stdlib.Rows)}, nil
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if s.ins.table == "" || s.ins.returning {
		return plainResult(s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args))
	}
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	res, err := drainIDs(rows)
	if err != nil {
		return nil, err
	}
	return s.conn.afterInsert(ctx, s.ins, res)
}

// pgRows reads bools as 1/0.
type pgRows struct{ *stdlib.Rows }

func (r *pgRows) Next(dest []driver.Value) error {
	if err := r.Rows.Next(dest); err != nil {
		return err
	}
	for i, v := range dest {
		if b, ok := v.(bool); ok {
			dest[i] = int64(boolInt(b))
		}
	}
	return nil
}

// insertInfo is what ExecContext needs to know about an INSERT.
type insertInfo struct {
	table      string // "" when the statement is not a single INSERT
	returning  bool   // it has its own RETURNING
	explicitID bool   // its column list names id
}

// parseInsert reads "INSERT [OR …] INTO name [(cols)] …" from q.
func parseInsert(q string) insertInfo {
	s := strings.TrimSpace(q)
	if len(s) < 12 || !strings.EqualFold(s[:6], "INSERT") {
		return insertInfo{}
	}
	if i := indexOutsideQuotes(s, ';'); i >= 0 && strings.TrimSpace(s[i+1:]) != "" {
		return insertInfo{}
	}
	rest := strings.TrimSpace(s[6:])
	if len(rest) < 5 || !strings.EqualFold(rest[:4], "INTO") || !unicode.IsSpace(rune(rest[4])) {
		return insertInfo{}
	}
	rest = strings.TrimSpace(rest[4:])
	end := strings.IndexFunc(rest, func(r rune) bool { return r == '(' || unicode.IsSpace(r) })
	if end < 0 {
		return insertInfo{}
	}
	info := insertInfo{table: strings.ToLower(strings.Trim(rest[:end], `"`))}
	if cols := strings.TrimSpace(rest[end:]); strings.HasPrefix(cols, "(") {
		if j := strings.IndexByte(cols, ')'); j > 0 {
			for _, c := range strings.Split(cols[1:j], ",") {
				if strings.EqualFold(strings.Trim(strings.TrimSpace(c), `"`), "id") {
					info.explicitID = true
				}
			}
		}
	}
	info.returning = containsWordOutsideQuotes(s, "RETURNING")
	return info
}

// rewriteCache holds each statement's PostgreSQL form.
var rewriteCache sync.Map // string → string

// indexedBy is SQLite's index hint (INDEXED BY name, NOT INDEXED), which
// PostgreSQL's planner neither needs nor parses.
var indexedBy = regexp.MustCompile(`(?i)\s+(INDEXED\s+BY\s+[A-Za-z_][A-Za-z_0-9]*|NOT\s+INDEXED)\b`)

// rewritePlaceholders turns q's ? and ?N placeholders into $N, leaving
// quoted strings, quoted names and comments alone, and drops SQLite's
// index hints.
func rewritePlaceholders(q string) string {
	if v, ok := rewriteCache.Load(q); ok {
		return v.(string)
	}
	if !strings.Contains(q, "?") && !strings.Contains(q, "INDEXED") {
		return q
	}
	out := rewriteMarks(q)
	if strings.Contains(out, "INDEXED") {
		out = indexedBy.ReplaceAllString(out, "")
	}
	rewriteCache.Store(q, out)
	return out
}

func rewriteMarks(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := skipQuoted(q, i)
			b.WriteString(q[i:j])
			i = j - 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			j := strings.Index(q[i+2:], "*/")
			end := len(q)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(q[i:end])
			i = end - 1
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				b.WriteString(q[i+1 : j])
			} else {
				n++
				b.WriteString(strconv.Itoa(n))
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skipQuoted returns the index just past the quoted string or name that
// starts at q[i] (a doubled quote inside is part of it).
func skipQuoted(q string, i int) int {
	quote := q[i]
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

func indexOutsideQuotes(q string, c byte) int {
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case '\'', '"':
			i = skipQuoted(q, i) - 1
		case c:
			return i
		}
	}
	return -1
}

func containsWordOutsideQuotes(q, word string) bool {
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case '\'', '"':
			i = skipQuoted(q, i) - 1
		default:
			if i+len(word) <= len(q) && strings.EqualFold(q[i:i+len(word)], word) &&
				(i == 0 || !isWordByte(q[i-1])) && (i+len(word) == len(q) || !isWordByte(q[i+len(word)])) {
				return true
			}
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
