package cli

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// A data file too damaged for SQLite to copy (its header overwritten) is
// restored from the offered backup all the same: the damaged file is
// renamed aside whole, not deleted, and the restore is in the audit log
// under the administrator who confirmed it.
func TestRestoreAtStartOverAnUnreadableFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "bianmin.db")
	s, admin := seededAdmin(t, path)
	_, err := s.AddSynthRequests(ctx, 4, 1)
	require.NoError(t, err)
	backup, err := s.BackupDaily(ctx, DefaultBackupDir(path), 3)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	garbage := []byte(strings.Repeat("损坏 damaged ", 2000))
	require.NoError(t, os.WriteFile(path, garbage, 0o600))

	_, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.ErrorIs(t, err, data.ErrCorrupt)

	res, err := RestoreAtStart(ctx, path, backup, admin)
	require.NoError(t, err)
	require.NotEmpty(t, res.Kept)
	assert.Contains(t, res.Kept, ".damaged-")
	kept, err := os.ReadFile(res.Kept)
	require.NoError(t, err)
	assert.Equal(t, garbage, kept, "the damaged file is kept as it was")

	s, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, 4, requests(t, s))
	log, err := s.Audit(ctx, data.AuditFilter{Action: data.AuditDataRestore})
	require.NoError(t, err)
	require.Len(t, log.Entries, 1)
	assert.Contains(t, log.Entries[0].Detail, admin.Name)
	assert.Contains(t, log.Entries[0].Detail, res.Kept)
}

// A damaged page in the middle (the file opens, the check fails): the
// normal restore keeps a copy beside it and the data is the backup's.
func TestRestoreAtStartOverAZeroedPage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "bianmin.db")
	s, admin := seededAdmin(t, path)
	_, err := s.AddSynthRequests(ctx, 300, 1)
	require.NoError(t, err)
	backup, err := s.BackupDaily(ctx, DefaultBackupDir(path), 3)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	zeroPage(t, path, 20)
	s, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	require.ErrorIs(t, s.QuickCheck(ctx), data.ErrCorrupt)
	require.NoError(t, s.Close())

	res, err := RestoreAtStart(ctx, path, backup, admin)
	require.NoError(t, err)
	assert.FileExists(t, res.Kept)
	s, err = data.Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.QuickCheck(ctx))
	assert.Equal(t, 300, requests(t, s))
}

// zeroPage zeroes the page fromEnd pages before the end of the file.
func zeroPage(t *testing.T, path string, fromEnd int) {
	t.Helper()
	fi, err := os.Stat(path)
	require.NoError(t, err)
	const page = 4096
	n := int(fi.Size())/page - fromEnd
	require.Greater(t, n, 1, "the file is too small to damage in the middle")
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, page), int64(n*page))
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

// A storage failure at start reaches the window (a nil store, OpenErr,
// Reopen) instead of ending the program: a lost file, a damaged one and
// one that another program holds locked; Reopen opens the file once it
// is fixed. Other errors still end the program.
func TestStartFailuresGoToTheWindow(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	backup, err := s.BackupDaily(ctx, DefaultBackupDir(path), 3)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	var got []Options
	gui := func(_ context.Context, s *data.Store, o Options) error {
		got = append(got, o)
		return nil
	}
	start := func() int {
		var out, errb bytes.Buffer
		return Main(ctx, []string{"--data", path, "--listen", ""}, Seed{Catalog: []byte(miniCatalog)}, gui, &out, &errb)
	}

	// Busy: another program holds the write lock.
	other, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	conn, err := other.Conn(ctx)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
	require.NoError(t, err)
	assert.Equal(t, 0, start())
	require.Len(t, got, 1)
	assert.ErrorIs(t, got[0].OpenErr, data.ErrBusy)
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	require.NoError(t, err)
	conn.Close()
	other.Close()
	reopened, err := got[0].Reopen(ctx)
	require.NoError(t, err, "the lock released: 重试 opens it")
	reopened.Close()

	// Damaged header.
	require.NoError(t, os.WriteFile(path, []byte(strings.Repeat("损坏 damaged ", 2000)), 0o600))
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	assert.Equal(t, 0, start())
	require.Len(t, got, 2)
	assert.ErrorIs(t, got[1].OpenErr, data.ErrCorrupt)

	// Zeroed: the lost-file error, with the newest backup named.
	require.NoError(t, os.Truncate(path, 0))
	assert.Equal(t, 0, start())
	require.Len(t, got, 3)
	var gone *DataGoneError
	require.ErrorAs(t, got[2].OpenErr, &gone)
	assert.True(t, gone.GoneEmpty())
	assert.Equal(t, backup, gone.Newest)
	_, err = got[2].Reopen(ctx)
	require.ErrorAs(t, err, &gone, "重试 does not seed it either")

	_, err = RestoreAtStart(ctx, path, backup, data.Session{})
	require.NoError(t, err)
	reopened, err = got[2].Reopen(ctx)
	require.NoError(t, err, "restored: 重试 opens it")
	reopened.Close()
}

// A read-only data file leaves a read-only -shm beside it (SQLite gives
// it the data file's mode); once the data file is writable again, opening
// for the kiosk makes the -shm writable too, so that 重试 works.
func TestSideFilesFollowTheDataFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bianmin.db")
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	require.NoError(t, os.WriteFile(path+"-shm", nil, 0o444))
	matchSideFiles(path)
	fi, err := os.Stat(path + "-shm")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
}

// An I/O error while the disk is (nearly) full is said as a full disk: free
// space, not a backup, is the cure. With room on the disk it stays an I/O
// error; other errors pass unchanged.
func TestFullDiskReportedAsIOError(t *testing.T) {
	ioErr := fmt.Errorf("data: open: %w (disk I/O error (4874))", data.ErrIO)
	little := func(string) (uint64, error) { return 16 << 10, nil }
	plenty := func(string) (uint64, error) { return 1 << 30, nil }
	err := fullDisk("/d/bianmin.db", ioErr, little)
	assert.ErrorIs(t, err, data.ErrFull)
	assert.Contains(t, err.Error(), "16 KiB free")
	assert.Contains(t, data.Message(err), "存储空间已满")
	assert.Equal(t, ioErr, fullDisk("/d/bianmin.db", ioErr, plenty))
	assert.Equal(t, data.ErrCorrupt, fullDisk("/d/bianmin.db", data.ErrCorrupt, little))
}
