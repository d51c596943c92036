package data

// A COMMIT whose answer never came (PostgreSQL). The connection to the
// server can break after COMMIT was sent and before its answer arrived:
// the server may have committed, or not. Saying "nothing was saved" then
// would be wrong half the time (a resident registering again would get a
// second request and a second receipt number), so the store finds out:
//
//   - pgWriteTx.Commit learns, in the round trip that notifies the other
//     terminals, the transaction's id (pg_current_xact_id) and its server
//     process (pg_backend_pid), and when COMMIT fails without an answer
//     from the server (commitMayHaveLanded) returns a commitUnknownError
//     naming them;
//   - Store.tx settles it (settleCommit): on another connection of the
//     pool it asks pg_xact_status, which the server keeps for exactly this
//     ("committed", "aborted", or "in progress" while the old server process
//     has not yet read the COMMIT or noticed that its client is gone). While
//     in progress it ends that process (pg_terminate_backend, only if it is
//     still in that transaction): a COMMIT it had not begun is then never
//     made, one under way completes (the server holds off the signal while
//     committing), and the status says which. Committed: the write
//     succeeded, the caller gets its result (the receipt). Aborted: nothing
//     was saved, ErrUnreachable as for any broken connection;
//   - when the server cannot be asked within commitSettleWait (it is down),
//     the answer is ErrCommitUnknown, which says so. Registrations and
//     complaints carry a token the kiosk made (Registration.Token,
//     NewComplaint.Token), so sending them again is always safe: the one
//     saved is returned, never a second.
//
// SQLite has no connection to lose: a COMMIT there either returns
// success or the change was not made.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// commitSettleWait is how long settleCommit keeps asking the server
// whether a COMMIT without an answer landed, before ErrCommitUnknown.
var commitSettleWait = 20 * time.Second

// commitUnknownError is a COMMIT sent whose answer never came.
type commitUnknownError struct {
	xid string // the transaction (pg_current_xact_id, as text)
	pid int32  // its server process
	err error  // what the connection said
}

func (e *commitUnknownError) Error() string {
	return fmt.Sprintf("data: commit of transaction %s: no answer: %v", e.xid, e.err)
}

// Is makes it ErrCommitUnknown until settled (a runTx outside Store.tx,
// as bulk's, returns it as it is).
func (e *commitUnknownError) Is(target error) bool { return target == ErrCommitUnknown }

// commitMayHaveLanded says whether the error COMMIT gave leaves its
// outcome open: an error the server answered with (a refused deferred
// check) means it rolled back, and pgx knows when nothing was sent;
// anything else (the connection broke, the caller's context ended in the
// middle and pgx closed the connection) may have come after the server
// committed.
func commitMayHaveLanded(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pgSentinel(err) == ErrUnreachable // a shutdown's FATAL in place of the answer
	}
	return !pgconn.SafeToRetry(err)
}

// settleCommit finds out what became of cu's transaction (see above): nil
// when it committed, ErrUnreachable when it did not, ErrCommitUnknown when
// the server could not tell within commitSettleWait. It asks on new
// connections, even when ctx has ended (the screen that asked may have
// gone; the answer still decides what the store reports and publishes).
func (s *Store) settleCommit(ctx context.Context, op string, cu *commitUnknownError) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitSettleWait)
	defer cancel()
	var last error
	for {
		status, err := s.xactStatus(ctx, cu)
		switch {
		case err == nil && status == "committed":
			return nil
		case err == nil && status == "aborted":
			return fmt.Errorf("data: %s: %w (the connection broke at COMMIT, which was not made: %v)",
				op, ErrUnreachable, cu.err)
		case err != nil:
			last = err
		}
		select {
		case <-ctx.Done():
			if last == nil {
				last = fmt.Errorf("transaction %s still %s", cu.xid, status)
			}
			return fmt.Errorf("data: %s: %w (%v; asking afterwards: %v)", op, ErrCommitUnknown, cu.err, last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// xactStatus is pg_xact_status of cu's transaction, after ending its
// server process if that is still in it.
func (s *Store) xactStatus(ctx context.Context, cu *commitUnknownError) (string, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	var status string
	q := `SELECT coalesce(pg_xact_status($1::xid8), 'unknown')`
	if err := conn.QueryRowContext(ctx, q, cu.xid).Scan(&status); err != nil {
		return "", err
	}
	if status != "in progress" {
		return status, nil
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE pid = $1 AND backend_xid = xid($2::xid8)`, cu.pid, cu.xid); err != nil {
		return "", err
	}
	if err := conn.QueryRowContext(ctx, q, cu.xid).Scan(&status); err != nil {
		return "", err
	}
	return status, nil
}
