package data

// The change feed on PostgreSQL (see ChangeSource): every write
// transaction notifies the store's channel just before COMMIT, and a
// listener on a dedicated connection hears every terminal's commits.

import (
	"context"
	"database/sql/driver"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgChannelSQL is the store's notification channel, computed by the
// server from the connection's schema: "bianmin_changes" in public (a
// hall's database), one channel per other schema (parallel test schemas,
// or two stores in one database, never wake each other). A channel name
// is an identifier (at most 63 bytes), hence the hash.
const pgChannelSQL = `CASE current_schema() WHEN 'public' THEN 'bianmin_changes'
	ELSE 'bianmin_changes_' || substr(md5(coalesce(current_schema(), '')), 1, 16) END`

// txOpKey carries a write transaction's op (runTx) to the driver, which
// sends it as the notification's payload.
type txOpKey struct{}

// withTxOp is ctx with the op of the transaction about to begin.
func withTxOp(ctx context.Context, op string) context.Context {
	return context.WithValue(ctx, txOpKey{}, op)
}

// txSelfKey carries the committing store's id (Store.self) to the driver:
// the notification's payload is the op, "|", then that id (pgPayload), so
// that a store's listener passes over its own commits, which it published
// in process already.
type txSelfKey struct{}

// withTxSelf is ctx with the id of the store about to begin a transaction.
func withTxSelf(ctx context.Context, self string) context.Context {
	return context.WithValue(ctx, txSelfKey{}, self)
}

// pgPayload is what a commit notifies: op, then the committing store's id
// ("" when the write did not go through Store.tx).
func pgPayload(op, self string) string { return op + "|" + self }

// pgWriteTx is a write transaction on PostgreSQL: COMMIT is preceded by
// pg_notify on the store's channel, which the server delivers only if, and
// when, the transaction commits.
type pgWriteTx struct {
	driver.Tx
	conn *stdlib.Conn
	op   string
}

func (t pgWriteTx) Commit() error {
	// The same round trip names the transaction and its server process,
	// for settleCommit should the answer to COMMIT never come.
	var xid string
	var pid int32
	if err := t.conn.Conn().QueryRow(context.Background(), `SELECT pg_notify(`+pgChannelSQL+`, $1)::text,
		pg_current_xact_id()::text, pg_backend_pid()`, t.op).Scan(nil, &xid, &pid); err != nil {
		_ = t.Tx.Rollback()
		return err // COMMIT not sent: nothing saved
	}
	err := t.Tx.Commit()
	if err != nil && commitMayHaveLanded(err) {
		return &commitUnknownError{xid: xid, pid: pid, err: err}
	}
	return err
}

// pgListener is the PostgreSQL ChangeSource: LISTEN on a connection of its
// own (a pooled one would be handed to others between notifications).
type pgListener struct {
	dsn  string
	self string // the store's own id: its own notifications are passed over
}

// listenKeepAlive finds a listener's TCP connection dead within about 25 s
// when the network goes (the server's own shutdown ends it at once).
var listenKeepAlive = net.KeepAliveConfig{Enable: true, Idle: 10 * time.Second, Interval: 5 * time.Second, Count: 3}

func (l pgListener) Watch(ctx context.Context, notify func(Change)) error {
	cfg, err := pgx.ParseConfig(l.dsn)
	if err != nil {
		return err
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAliveConfig: listenKeepAlive}
	cfg.DialFunc = dialer.DialContext
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	var channel string
	if err := conn.QueryRow(ctx, `SELECT `+pgChannelSQL).Scan(&channel); err != nil {
		return err
	}
	// Named after its channel, so that the server's activity list says
	// who listens where.
	if _, err := conn.Exec(ctx, `SELECT set_config('application_name', $1, false)`, channel); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	notify(Change{Remote: true}) // watching from here on
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		op, from, _ := strings.Cut(n.Payload, "|")
		if from != "" && from == l.self {
			continue
		}
		notify(Change{Op: op, Remote: true})
	}
}
