package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Opening a store whose schema is current needs no write lock: while
// another process holds a write transaction, Open and a read succeed
// (before, the kiosk could not start and `catalog export` failed).
func TestOpenWhileAnotherHoldsTheWriteLock(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	path := s.Path()
	require.NoError(t, s.Close())

	other, err := sql.Open("sqlite", fileURI(path, "_pragma=busy_timeout(0)"))
	require.NoError(t, err)
	defer other.Close()
	other.SetMaxOpenConns(1)
	conn, err := other.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `UPDATE center SET name = name`)
	require.NoError(t, err)

	start := time.Now()
	s2, err := Open(ctx, path)
	require.NoError(t, err, "open while another holds the write lock")
	empty, err := s2.Empty(ctx)
	require.NoError(t, err)
	assert.False(t, empty)
	assert.Less(t, time.Since(start), 4*time.Second, "Open did not wait for the lock")
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	require.NoError(t, err)
	require.NoError(t, s2.Close())
}

// Every storage failure a person can meet at open has its own sentinel and
// its own Chinese sentence saying what to do, not the driver's English.
func TestOpenFailuresHaveChineseMessages(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	dir := t.TempDir()

	t.Run("corrupt header", func(t *testing.T) {
		p := filepath.Join(dir, "corrupt.db")
		require.NoError(t, os.WriteFile(p, []byte(strings.Repeat("这不是数据库文件 not a database ", 300)), 0o600))
		_, err := Open(ctx, p)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrCorrupt)
		assert.Contains(t, Message(err), "数据文件已损坏")
		assert.Contains(t, Message(err), "备份")
	})

	t.Run("read-only", func(t *testing.T) {
		// Tests run as root, who writes through file modes: a write on a
		// read-only connection gives the error of a read-only disk.
		s := seeded(t)
		p := s.Path()
		require.NoError(t, s.Close())
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(p + suffix)
		}
		err := mapErr("open", readOnlyWrite(t, p))
		assert.ErrorIs(t, err, ErrReadOnly)
		assert.Contains(t, Message(err), "只读")
	})

	t.Run("disk full and I/O", func(t *testing.T) {
		err := mapErr("open", fmt.Errorf("mkdir: %w", syscall.ENOSPC))
		assert.ErrorIs(t, err, ErrFull)
		assert.Contains(t, Message(err), "存储空间已满")
		assert.ErrorIs(t, mapErr("open", &os.PathError{Op: "open", Path: "x", Err: syscall.EIO}), ErrIO)
		assert.Contains(t, Message(fmt.Errorf("x: %w", ErrIO)), "读写数据文件时出错")
	})

	t.Run("busy", func(t *testing.T) {
		assert.Contains(t, Message(fmt.Errorf("x: %w", ErrBusy)), "系统正忙")
	})

	t.Run("cannot open", func(t *testing.T) {
		p := filepath.Join(dir, "adir.db")
		require.NoError(t, os.Mkdir(p, 0o700))
		_, err := Open(ctx, p)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrCantOpen)
		assert.Contains(t, Message(err), "无法打开数据文件")
		assert.False(t, errors.Is(err, ErrCorrupt))
	})
}

// readOnlyWrite writes to the data file at p opened read-only, the error a
// store on a read-only disk or file gets.
func readOnlyWrite(t *testing.T, p string) error {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(p, "mode=ro"))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE center SET name = name || ''`)
	require.Error(t, err)
	return err
}
