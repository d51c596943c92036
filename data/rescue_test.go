package data

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The backup offered for restore is the newest one that passes its check:
// a newer damaged one (here: zeroed) is skipped and counted.
func TestNewestSoundBackupSkipsADamagedNewerOne(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	dir := t.TempDir()
	_, _, ok, err := NewestSoundBackup(ctx, dir)
	require.NoError(t, err)
	assert.False(t, ok, "no backups: nothing to offer")

	older := filepath.Join(dir, "bianmin-20261201.db")
	require.NoError(t, s.Backup(ctx, older, nil))
	newer := filepath.Join(dir, "bianmin-20261202.db")
	require.NoError(t, os.WriteFile(newer, make([]byte, 8192), 0o600))

	info, skipped, ok, err := NewestSoundBackup(ctx, dir)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, older, info.Path)
	assert.Equal(t, 1, skipped)
}

// A restore is confirmed with an administrator's PIN as the backup records
// it; another PIN, or a staff member who is not an administrator, is
// refused with the Chinese sentence.
func TestVerifyBackupAdmin(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := loginAs(t, s, "s1")
	loginAs(t, s, "s2") // PIN 1357, not an administrator
	// A SQLite file, or a hall's pg_dump archive.
	path := filepath.Join(t.TempDir(), "b"+s.BackupSuffix())
	require.NoError(t, s.Backup(ctx, path, nil))

	got, err := VerifyBackupAdmin(ctx, path, "604917")
	require.NoError(t, err)
	assert.Equal(t, admin.StaffID, got.StaffID)
	assert.Equal(t, RoleAdmin, got.Role)

	for _, pin := range []string{"1357", "000000", ""} {
		_, err := VerifyBackupAdmin(ctx, path, pin)
		assert.ErrorIs(t, err, ErrInvalid, pin)
		assert.Contains(t, Message(err), "管理员密码不正确", pin)
	}
}

// ProbeWrite says at once what the first registration would meet: another
// program holding the write lock (BEGIN IMMEDIATE on another connection) is
// ErrBusy, a read-only data file ErrReadOnly; a sound file passes and is
// left unchanged.
func TestProbeWrite(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	require.NoError(t, s.ProbeWrite(ctx))
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'probe_write'`).Scan(&n))
	assert.Zero(t, n, "the probe is rolled back")

	other, err := Open(ctx, s.Path())
	require.NoError(t, err)
	conn, err := other.db.Conn(ctx)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
	require.NoError(t, err)
	err = s.ProbeWrite(ctx)
	assert.ErrorIs(t, err, ErrBusy)
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	require.NoError(t, err)
	conn.Close()
	other.Close()
	require.NoError(t, s.ProbeWrite(ctx), "the lock released: writable again")

	path := s.Path()
	require.NoError(t, s.Close())
	require.NoError(t, os.Chmod(path, 0o444))
	if os.Geteuid() != 0 {
		assert.NoError(t, readOnlyChild(path))
		return
	}
	// Root may write to any file: the probe runs as nobody, in a folder
	// nobody owns (so SQLite may make its -wal and -shm there), on a copy
	// of the data file that stays root's and read-only.
	dir, err := os.MkdirTemp("", "bianmin-readonly-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.Chown(dir, nobody, nobody))
	copyFile(t, path, filepath.Join(dir, "bianmin.db"), 0o444)
	self, err := os.Executable()
	require.NoError(t, err)
	bin := filepath.Join(dir, "data.test")
	copyFile(t, self, bin, 0o755) // the build folder is root's alone
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "BIANMIN_READONLY_CHILD="+filepath.Join(dir, "bianmin.db"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "as nobody: %s", out)
}

// nobody is the unprivileged user's id.
const nobody = 65534

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	raw, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, raw, mode))
	require.NoError(t, os.Chmod(to, mode))
}
