package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// A data file that existed and is now gone or 0 bytes is never re-created
// with the sample catalog: the program says so, names the newest backup
// with the command to restore it, and exits non-zero.
func TestLostDataFileIsNotReseeded(t *testing.T) {
	for _, lose := range []struct {
		name string
		do   func(path string) error
		want string
	}{
		{"vanished", os.Remove, "不见了"},
		{"zero bytes", func(p string) error { return os.Truncate(p, 0) }, "空文件"},
	} {
		t.Run(lose.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "bianmin.db")
			// First start: seeded, and marked.
			s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
			require.NoError(t, err)
			backup, err := s.BackupDaily(ctx, DefaultBackupDir(path), 3)
			require.NoError(t, err)
			require.NoError(t, s.Close())
			require.FileExists(t, MarkerFile(path))
			for _, suffix := range []string{"-wal", "-shm"} {
				os.Remove(path + suffix)
			}
			require.NoError(t, lose.do(path))

			code, _, errs := run(t, "--data", path, "--listen", "")
			assert.Equal(t, 1, code)
			assert.Contains(t, errs, lose.want)
			assert.Contains(t, errs, "没有重新建立示例数据")
			assert.Contains(t, errs, "bianmin restore "+backup+" --data "+path)
			assert.Contains(t, errs, "not re-created")
			// Nothing was created or seeded in its place.
			if fi, err := os.Stat(path); err == nil {
				assert.Zero(t, fi.Size())
			}
			code, _, errs = run(t, "catalog", "export", filepath.Join(dir, "c.json"), "--data", path)
			assert.Equal(t, 1, code)
			assert.Contains(t, errs, "没有重新建立示例数据")
			code, _, _ = run(t, "catalog", "import", filepath.Join(dir, "c.json"), "--data", path)
			assert.Equal(t, 1, code)

			// The command it names restores the data, and the program starts.
			code, out, errs := run(t, "restore", backup, "--data", path)
			require.Equal(t, 0, code, errs)
			assert.Contains(t, out, "已恢复")
			s, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
			require.NoError(t, err)
			empty, err := s.Empty(ctx)
			require.NoError(t, err)
			assert.False(t, empty)
			log, err := s.Audit(ctx, data.AuditFilter{Action: data.AuditDataRestore})
			require.NoError(t, err)
			require.Len(t, log.Entries, 1, "the restore is in the audit log")
			assert.Contains(t, log.Entries[0].Detail, "bianmin restore")
			require.NoError(t, s.Close())
		})
	}
}

// The lost-file message names the newest backup that passes the check
// `bianmin restore` runs, not merely the newest file: a damaged newer one
// is passed over (and recorded bad); with none good it says so.
func TestLostDataFileNamesNewestGoodBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	bdir := DefaultBackupDir(path)
	newest, err := s.BackupDaily(ctx, bdir, 3)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	older := filepath.Join(bdir, data.BackupPrefix+"20200101"+data.BackupSuffix)
	b, err := os.ReadFile(newest)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(older, b, 0o600))
	// The newest copy goes bad on the disk afterwards.
	for at := 4096; at+8 <= len(b); at += 4096 {
		copy(b[at:], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	}
	require.NoError(t, os.WriteFile(newest, b, 0o600))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}

	code, _, errs := run(t, "--data", path, "--listen", "")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "请恢复最近一份完好的备份 "+older)
	assert.Contains(t, errs, "bianmin restore "+older+" --data "+path)
	assert.NotContains(t, errs, "bianmin restore "+newest)
	recs, err := data.BackupRecords(bdir)
	require.NoError(t, err)
	assert.False(t, recs[filepath.Base(newest)].Good, "the damaged one is recorded bad")

	// The subcommands say the same.
	code, _, errs = run(t, "catalog", "export", filepath.Join(dir, "c.json"), "--data", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "bianmin restore "+older+" --data "+path)

	// None good: it says so rather than name a file restore would refuse.
	require.NoError(t, os.WriteFile(older, b, 0o600))
	require.NoError(t, os.Remove(filepath.Join(bdir, data.BackupRecordsFile)))
	code, _, errs = run(t, "--data", path, "--listen", "")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "2 份备份都未通过检查")
	assert.NotContains(t, errs, "bianmin restore "+older)
}

// Without a marker a missing file is a first start; deleting the marker is
// how staff start anew on purpose; a data file of an earlier version (data,
// no marker) gets its marker at the next start.
func TestFirstStartMarker(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, os.Remove(MarkerFile(path)))
	s, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	assert.FileExists(t, MarkerFile(path), "an existing data file is marked")

	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	_, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	var gone *DataGoneError
	require.ErrorAs(t, err, &gone)
	gone.FindNewestGood(ctx)
	assert.Contains(t, err.Error(), "没有找到备份")
	require.NoError(t, os.Remove(MarkerFile(path)))
	s, err = OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err, "without the marker it is a first start")
	empty, err := s.Empty(ctx)
	require.NoError(t, err)
	assert.False(t, empty)
	require.NoError(t, s.Close())
}

// Storage failures reach the person as a Chinese sentence saying what to
// do, and the commands keep working while another process writes.
func TestStorageFailuresInChinese(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.db")
	require.NoError(t, os.WriteFile(bad, bytes.Repeat([]byte("not a database file "), 500), 0o600))
	code, _, errs := run(t, "catalog", "export", filepath.Join(dir, "c.json"), "--data", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "数据文件已损坏")
	code, _, errs = run(t, "--data", bad, "--listen", "")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "数据文件已损坏")

	// Another process holds a write transaction: export still works.
	ctx := context.Background()
	path := filepath.Join(dir, "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	db, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer db.Close()
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
	require.NoError(t, err)
	code, out, errs := run(t, "catalog", "export", filepath.Join(dir, "d.json"), "--data", path)
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, out, "已导出")
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	require.NoError(t, err)
}

// On PostgreSQL (--data postgres://…, here when BIANMIN_TEST_PG is set) a
// new database is seeded once and no marker file is written anywhere: the
// server keeps the data, there is no file to lose. On SQLite this is a
// first start on a new file.
func TestOpenSeededOnEitherEngine(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir) // a marker made from a DSN would land here
	dsn := datatest.DSN(t)
	for range 2 {
		s, err := OpenSeeded(ctx, dsn, Seed{Catalog: []byte(miniCatalog)})
		require.NoError(t, err)
		empty, err := s.Empty(ctx)
		require.NoError(t, err)
		assert.False(t, empty)
		require.NoError(t, s.Close())
	}
	if data.IsPostgresDSN(dsn) {
		left, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Empty(t, left, "no file beside a PostgreSQL store")
	} else {
		assert.FileExists(t, MarkerFile(dsn))
	}
}
