package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pgCluster runs data/datatest/pgcluster.sh verb on a cluster of the
// test's own (dir, port), returning its output.
func pgCluster(t testing.TB, dir, port, verb string) string {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join("datatest", "pgcluster.sh"), verb)
	cmd.Env = append(os.Environ(), "PGCLUSTER_DIR="+dir, "PGCLUSTER_PORT="+port)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "pgcluster.sh %s: %s", verb, out)
	return strings.TrimSpace(string(out))
}

// TestPGServerUnreachable stops a PostgreSQL server of its own in the
// middle: the store says ErrUnreachable (retryable like busy) with the
// calm message, writes nothing, and works again once the server is back,
// the receipt numbers going on from where they were.
func TestPGServerUnreachable(t *testing.T) {
	needPG(t)
	dir, port := filepath.Join(os.TempDir(), "pg-hall-down"), "55443"
	dsn := pgCluster(t, dir, port, "start")
	t.Cleanup(func() { pgCluster(t, dir, port, "stop") })
	ctx := context.Background()
	kiosk := openAt(t, dsn)
	seedAt(t, kiosk)
	reg := hallRegistration(t, kiosk)
	before, err := kiosk.Register(ctx, reg)
	require.NoError(t, err)
	desk := openAt(t, dsn)
	feed := desk.Changes(ctx)
	nextChange(t, feed)

	pgCluster(t, dir, port, "halt")
	_, err = kiosk.Register(ctx, reg)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnreachable)
	assert.ErrorIs(t, err, ErrBusy, "retried like a busy store")
	assert.NotErrorIs(t, err, ErrIO, "not a broken data file: no maintenance screen")
	assert.Contains(t, Message(err), "暂时连不上数据服务器")
	assert.Contains(t, Message(err), "已填写的内容不会丢失")
	_, err = kiosk.Item(ctx, reg.ItemID)
	assert.ErrorIs(t, err, ErrUnreachable, "a guide not read yet")
	_, err = Open(ctx, dsn)
	assert.ErrorIs(t, err, ErrUnreachable, "a terminal starting meanwhile")

	pgCluster(t, dir, port, "resume")
	assert.Equal(t, Change{Remote: true}, nextChange(t, feed), "the desk listens again and re-reads")
	after, err := kiosk.Register(ctx, reg)
	require.NoError(t, err)
	assert.Equal(t, 2, count(t, kiosk, "requests"), "the refused registration left nothing")
	assert.Equal(t, nextReceipt(t, before.ReceiptNo), after.ReceiptNo)
}

// nextReceipt is the receipt number after no (same day, one more).
func nextReceipt(t testing.TB, no string) string {
	t.Helper()
	i := len(no)
	for i > 0 && no[i-1] >= '0' && no[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(no[i:])
	require.NoError(t, err, no)
	return fmt.Sprintf("%s%0*d", no[:i], len(no)-i, n+1)
}

// TestPGErrorsUnreachable: what PostgreSQL or the network says when the
// server is gone maps to ErrUnreachable (retryable like busy); a lock
// waited out is busy only; a caller giving up is neither.
func TestPGErrorsUnreachable(t *testing.T) {
	for name, tc := range map[string]struct {
		err         error
		unreachable bool
		busy        bool
	}{
		"AdminShutdown": {&pgconn.PgError{Code: "57P01"}, true, true},
		"StartingUp":    {&pgconn.PgError{Code: "57P03"}, true, true},
		"ConnFailure":   {&pgconn.PgError{Code: "08006"}, true, true},
		"Refused":       {&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true, true},
		"Reset":         {fmt.Errorf("read: %w", &net.OpError{Op: "read", Err: syscall.ECONNRESET}), true, true},
		"EOF":           {io.ErrUnexpectedEOF, true, true},
		"LockTimeout":   {&pgconn.PgError{Code: "55P03"}, false, true},
		"Canceled":      {fmt.Errorf("query: %w", context.Canceled), false, false},
		"Unique":        {&pgconn.PgError{Code: "23505"}, false, false},
	} {
		t.Run(name, func(t *testing.T) {
			err := mapErr("register", tc.err)
			assert.Equal(t, tc.unreachable, errors.Is(err, ErrUnreachable), "%v", err)
			assert.Equal(t, tc.busy, errors.Is(err, ErrBusy), "%v", err)
		})
	}
}
