package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go)
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Clock tells the store what time it is, so tests can fix "now".
type Clock func() time.Time

// Store is the SQLite data file, or a PostgreSQL database (see pg.go). It
// is safe for concurrent use.
type Store struct {
	db     *sql.DB
	path   string // the data file's path, or the PostgreSQL DSN
	engine Engine
	now    Clock
	pin    PINParams // what new PINs are hashed with (see WithPINParams)
	guides sync.Map  // item id → *Item, parsed guides for registration (see guide)
	health health    // the last QuickCheck's result
	// receipts is the highest receipt number issued, kept beside the data
	// file (see receipt_mark.go).
	receipts *receiptMark
	feed     feed   // committed writes, to the subscribers of Changes
	self     string // PostgreSQL: this store's id in its notifications (changes_pg.go)
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store read the time from c instead of time.Now.
func WithClock(c Clock) Option { return func(s *Store) { s.now = c } }

// WithPINParams makes the store hash new PINs (and spend the time of an
// unknown code's check) with p instead of DefaultPINParams. Tests use cheap
// parameters so that a sign-in costs microseconds, not 64 MiB and ~80 ms;
// hashes made with weaker parameters than the store's are upgraded at the
// next sign-in.
func WithPINParams(p PINParams) Option { return func(s *Store) { s.pin = p } }

// Open opens (creating if needed) the data file at path and brings its schema
// up to date.
//
// The connection string sets, for every connection in the pool:
//   - journal_mode(WAL): the kiosk reads while staff write, without blocking;
//   - foreign_keys(1): SQLite leaves them off unless asked, per connection;
//   - busy_timeout(5000): wait up to 5 s for a lock instead of failing at once;
//   - synchronous(FULL): every commit is synced to disk before it returns,
//     so a registration whose receipt was printed survives a power cut
//     (NORMAL, safe against corruption with WAL, could lose the last
//     commits, after a receipt was printed);
//   - _txlock=immediate: a write transaction takes the write lock at BEGIN, so
//     two read-then-write transactions cannot deadlock into SQLITE_BUSY
//     (busy_timeout cannot help a deferred transaction that must upgrade).
//
// A path that starts with postgres:// or postgresql:// opens that
// PostgreSQL database instead (see pg.go); what is about the file (WAL,
// PRAGMAs, the receipt mark beside it, the planner's statistics) is then
// the server's business.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now, pin: DefaultPINParams}
	var err error
	if IsPostgresDSN(path) {
		s.engine, s.self = Postgres, NewToken()
		s.feed.source = pgListener{dsn: path, self: s.self} // LISTEN/NOTIFY (changes_pg.go)
		s.db, err = openPostgres(path)
	} else {
		s.db, err = openSQLite(path)
	}
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(s)
	}
	if err := s.start(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// openSQLite opens the data file at path (creating its folder) with the
// connection string Open describes.
func openSQLite(path string) (*sql.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, mapErr("open", err)
		}
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, mapErr("open", err)
	}
	return db, nil
}

// start reaches the database and brings its schema up to date; on SQLite
// it also opens the receipt mark beside the file and gives the planner
// statistics on a file that has none yet or has grown much since (see
// optimize): cheap when there is nothing to do.
func (s *Store) start(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return mapErr("open", err)
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	if s.engine == Postgres {
		return nil
	}
	var err error
	if s.receipts, err = openReceiptMark(s.path); err != nil {
		return err
	}
	return optimizeNoWait(ctx, s.db)
}

// Engine is the database the store runs on.
func (s *Store) Engine() Engine { return s.engine }

// optimizeNoWait is optimize without waiting for the write lock: the
// statistics are a nicety, and while another process holds a write
// transaction the store must still open (and close) at once.
// Skipped, they are refreshed at the next Close or start.
func optimizeNoWait(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return mapErr("open", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return mapErr("open", err)
	}
	err = optimize(ctx, conn)
	if _, rerr := conn.ExecContext(ctx, `PRAGMA busy_timeout = 5000`); rerr != nil {
		// A connection left without its busy timeout must not go back
		// to the pool.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		if err == nil {
			err = mapErr("open", rerr)
		}
	}
	if errors.Is(err, ErrBusy) {
		return nil
	}
	return err
}

// Close brings the reserved receipt numbers back to those issued (see
// receipt_mark.go), refreshes the planner's statistics if the tables
// changed much (see optimize) and closes the data file; neither waits for
// the write lock.
func (s *Store) Close() error {
	s.feed.close()
	if s.engine == Postgres {
		return s.db.Close()
	}
	s.settleReceipts()
	_ = optimizeNoWait(context.Background(), s.db)
	return s.db.Close()
}

// Path is the data file's path (the DSN on PostgreSQL).
func (s *Store) Path() string { return s.path }

// Now is the store's current time.
func (s *Store) Now() time.Time { return s.now() }

// migrate applies every embedded migration not yet recorded, each in its own
// transaction, in the order of its number.
func (s *Store) migrate(ctx context.Context) error {
	ddl := `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`
	exists := false
	if s.engine == Postgres {
		ddl = pgTypes(ddl) // text by its bytes, as every table's
		// CREATE … IF NOT EXISTS is still a write, refused by a read-only
		// server (a standby): a current schema opens without writing, as
		// on SQLite.
		if err := s.db.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
			return mapErr("migrate", err)
		}
	}
	if !exists {
		if _, err := s.db.ExecContext(ctx, ddl); err != nil {
			return mapErr("migrate", err)
		}
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("data: migrate: %w", err)
	}
	type mig struct {
		n    int
		name string
	}
	var migs []mig
	for _, name := range names {
		base := filepath.Base(name)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("data: migrate: bad migration name %q", base)
		}
		migs = append(migs, mig{n, base})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].n < migs[j].n })
	// Which are applied, read without the write lock: on most starts all
	// are, and then Open writes nothing.
	var applied []int
	if err := collectDB(ctx, s.db, &applied, `SELECT version FROM schema_migrations`); err != nil {
		return err
	}
	for _, m := range migs {
		if slices.Contains(applied, m.n) {
			continue
		}
		err := s.tx(ctx, "migrate", func(tx *sql.Tx) error {
			if s.engine == Postgres {
				// Two terminals starting at once: one migrates, the
				// other waits here and then finds it done (SQLite's
				// BEGIN IMMEDIATE does the same).
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(1234012)`); err != nil {
					return err
				}
			}
			var done int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.n).Scan(&done); err != nil {
				return err
			}
			if done > 0 {
				return nil
			}
			body, err := migrationFS.ReadFile("migrations/" + m.name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, migrationFor(s.engine, string(body))); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			if after := postMigrate[m.n]; after != nil {
				if err := after(ctx, tx); err != nil {
					return fmt.Errorf("%s: %w", m.name, err)
				}
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.n, m.name, s.stamp())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// postMigrate is what a migration needs done in Go, in its transaction,
// after its SQL: filling new columns the SQL cannot compute.
var postMigrate = map[int]func(context.Context, *sql.Tx) error{
	10: fillSearchChars,
}

// SchemaVersion is the highest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), mapErr("schema version", err)
}

// tx runs fn in one transaction (BEGIN IMMEDIATE, see Open) and commits, or
// rolls back on error or panic.
func (s *Store) tx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	if s.engine == Postgres {
		// Other terminals hear of the commit, and this one knows its own
		// (published here at once): see changes_pg.go.
		ctx = withTxSelf(ctx, s.self)
	}
	err := runTx(ctx, s.db, op, fn)
	if cu := (*commitUnknownError)(nil); errors.As(err, &cu) {
		err = s.settleCommit(ctx, op, cu) // did it land? (commit_pg.go)
	}
	if err == nil {
		s.feed.publish(Change{Op: op}) // see Changes
	}
	return err
}

// txAs is tx for the staff member by, as who finds them (actorOf, adminOf
// …): fn runs with the actor, and nothing runs when who refuses.
func (s *Store) txAs(ctx context.Context, op string, by Session,
	who func(context.Context, *sql.Tx, Session) (Session, error), fn func(*sql.Tx, Session) error) error {
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		actor, err := who(ctx, tx, by)
		if err != nil {
			return err
		}
		return fn(tx, actor)
	})
}

// readValue is what get reads in one read transaction (see read), or the
// zero T and the error.
func readValue[T any](ctx context.Context, s *Store, op string, get func(*sql.Tx) (T, error)) (T, error) {
	var v T
	err := s.read(ctx, op, func(tx *sql.Tx) error {
		var err error
		v, err = get(tx)
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// beginner is what a transaction is begun on: the pool (*sql.DB) or one
// connection of it (*sql.Conn, see bulk).
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// runTx is tx on b.
func runTx(ctx context.Context, b beginner, op string, fn func(*sql.Tx) error) (err error) {
	tx, err := b.BeginTx(withTxOp(ctx, op), nil)
	if err != nil {
		return mapErr(op, err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		var ie *InvalidError
		if errors.As(err, &ie) || errors.Is(err, ErrNotFound) {
			return err
		}
		return mapErr(op, err)
	}
	if err = tx.Commit(); err != nil {
		if cu := (*commitUnknownError)(nil); errors.As(err, &cu) {
			return cu // settled by Store.tx
		}
		return mapErr(op, err)
	}
	return nil
}

// stamp is now as stored: RFC 3339 in UTC, to the millisecond.
func (s *Store) stamp() string { return formatTime(s.now()) }

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

func parseTime(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// China is the zone every calendar day in the store is counted in (UTC+8, no
// DST; a fixed zone needs no tzdata on the kiosk).
var China = time.FixedZone("CST", 8*3600)

// Day formats t as a calendar day in China time.
func Day(t time.Time) string { return t.In(China).Format("2006-01-02") }

// ParseDay reads a 'YYYY-MM-DD' day as midnight China time.
func ParseDay(v string) (time.Time, error) { return time.ParseInLocation("2006-01-02", v, China) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
