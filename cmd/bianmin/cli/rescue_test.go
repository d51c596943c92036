package cli

import (
	"context"
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
	assert.Equal(t, 4, count(t, s, "requests"))
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
	assert.Equal(t, 300, count(t, s, "requests"))
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
