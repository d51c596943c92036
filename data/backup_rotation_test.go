package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func baseNames(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = filepath.Base(f)
	}
	return out
}

func dailyFile(day time.Time) string { return BackupPrefix + day.Format("20060102") + BackupSuffix }

// Pruning goes by the records: the newest keep good backups stay whatever
// the bad ones do, a bad file goes once a newer good one exists, and a file
// without a record is checked once.
func TestRotationKeepsTheGoodOnes(t *testing.T) {
	ctx := context.Background()
	day0 := time.Date(2026, 11, 1, 18, 0, 0, 0, China)
	now := day0
	s, err := Open(ctx, filepath.Join(t.TempDir(), "bianmin.db"), WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.AddSynthItems(ctx, 20, 1)
	require.NoError(t, err)
	dir := t.TempDir()
	daily := func() error {
		_, err := s.BackupDaily(ctx, dir, 3)
		now = now.AddDate(0, 0, 1)
		return err
	}
	on := func(d int) string { return dailyFile(day0.AddDate(0, 0, d-1)) }
	list := func() []string {
		files, err := DailyBackups(dir)
		require.NoError(t, err)
		return baseNames(files)
	}
	for range 4 { // days 1–4
		require.NoError(t, daily())
	}
	assert.Equal(t, []string{on(4), on(3), on(2)}, list())

	// Day 4's file goes bad on the disk; looking for the newest good backup
	// finds day 3's and records day 4's as bad.
	damage(t, filepath.Join(dir, on(4)))
	info, err := NewestGoodBackup(ctx, dir)
	require.NoError(t, err)
	assert.Equal(t, on(3), filepath.Base(info.Path))
	recs, err := BackupRecords(dir)
	require.NoError(t, err)
	assert.False(t, recs[on(4)].Good)
	assert.Equal(t, "integrity_check", recs[on(4)].Check)

	// Days 5–9: every copy fails its check. Nothing good is pruned for
	// them, and the failed attempts are recorded.
	afterCopyForTest = func(tmp string) { damage(t, tmp) }
	for range 5 {
		assert.Error(t, daily())
	}
	afterCopyForTest = nil
	assert.Equal(t, []string{on(4), on(3), on(2)}, list(), "two good ones and the bad one, none pruned")
	recs, err = BackupRecords(dir)
	require.NoError(t, err)
	for d := 5; d <= 9; d++ {
		assert.False(t, recs[on(d)].Good, on(d))
		assert.False(t, recs[on(d)].Kept, on(d))
		assert.NotEmpty(t, recs[on(d)].Problem)
	}

	// A file copied in by hand with no record: checked, found bad.
	require.NoError(t, os.WriteFile(filepath.Join(dir, dailyFile(day0.AddDate(0, 0, -30))), []byte("not a db"), 0o600))
	// Day 10: a good backup again. The bad ones older than it go; the
	// good ones are three again.
	require.NoError(t, daily())
	assert.Equal(t, []string{on(10), on(3), on(2)}, list())
	require.NoError(t, daily())
	assert.Equal(t, []string{on(11), on(10), on(3)}, list())
	recs, err = BackupRecords(dir)
	require.NoError(t, err)
	for _, name := range list() {
		assert.True(t, recs[name].Good, name)
	}
	_, had := recs[on(2)]
	assert.False(t, had, "the record of a pruned file goes with it")
	assert.False(t, recs[on(7)].Kept, "failed attempts stay on record")

	info, err = NewestGoodBackup(ctx, dir)
	require.NoError(t, err)
	assert.Equal(t, on(11), filepath.Base(info.Path))
}

// NewestGoodBackup says ErrNotFound when no backup passes.
func TestNewestGoodBackupNone(t *testing.T) {
	dir := t.TempDir()
	_, err := NewestGoodBackup(context.Background(), dir)
	assert.ErrorIs(t, err, ErrNotFound)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bianmin-20261101.db"), []byte("x"), 0o600))
	_, err = NewestGoodBackup(context.Background(), dir)
	assert.ErrorIs(t, err, ErrNotFound)
	recs, err := BackupRecords(dir)
	require.NoError(t, err)
	assert.False(t, recs["bianmin-20261101.db"].Good)
}

// damage gives every page after the first a broken header.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	for at := 4096; at+8 <= len(b); at += 4096 {
		copy(b[at:], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	}
	require.NoError(t, os.WriteFile(path, b, 0o600))
}

// corruptRequestsPage zeroes one page of the requests table near the middle of
// the data file at path (closed), as a failing disk sector would, and
// returns its page number.
func corruptRequestsPage(t testing.TB, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	require.NoError(t, err)
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	var page int64
	require.NoError(t, s.db.QueryRow(`SELECT pageno FROM dbstat WHERE name = 'requests' AND pagetype = 'leaf'
		ORDER BY abs(pageno - ?) LIMIT 1`, st.Size()/2/4096).Scan(&page))
	require.NoError(t, s.Close())
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, 4096), (page-1)*4096)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return page
}

// A data file damaged in the middle, then 35 days of daily backups: the
// damage never spreads into a kept backup, and the good backups from
// before it stay restorable.
func TestCorruptStoreAnd35DailyBackups(t *testing.T) {
	ctx := context.Background()
	day0 := time.Date(2026, 10, 1, 18, 0, 0, 0, China)
	now := day0
	path := filepath.Join(t.TempDir(), "bianmin.db")
	clock := WithClock(func() time.Time { return now })
	s, err := Open(ctx, path, clock)
	require.NoError(t, err)
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(ctx, bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	_, err = s.AddSynthRequests(ctx, 3000, 2)
	require.NoError(t, err)
	dir := t.TempDir()
	const keep = 30
	for range 5 { // five good days
		_, err := s.BackupDaily(ctx, dir, keep)
		require.NoError(t, err)
		now = now.AddDate(0, 0, 1)
	}
	_, err = s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	corruptRequestsPage(t, path)

	s, err = Open(ctx, path, clock)
	require.NoError(t, err)
	defer s.Close()
	assert.ErrorIs(t, s.QuickCheck(ctx), ErrCorrupt, "the damage is found")
	failed := 0
	for range 35 {
		if _, err := s.BackupDaily(ctx, dir, keep); err != nil {
			failed++
			assert.Contains(t, Message(err), "数据文件已损坏")
		}
		now = now.AddDate(0, 0, 1)
	}
	assert.Equal(t, 35, failed, "no backup is made of the damaged file")
	files, err := DailyBackups(dir)
	require.NoError(t, err)
	restorable := 0
	for _, f := range files {
		if _, err := CheckBackup(ctx, f); err == nil {
			restorable++
		}
	}
	assert.Equal(t, 5, restorable)
	assert.Len(t, files, 5)
	info, err := NewestGoodBackup(ctx, dir)
	require.NoError(t, err)
	assert.Equal(t, dailyFile(day0.AddDate(0, 0, 4)), filepath.Base(info.Path))
	assert.Equal(t, 3000, info.Requests)
}

// A temporary copy left by a backup that was killed midway goes at the
// next daily backup, once it is old enough not to be another process's
// running backup.
func TestDailyBackupRemovesStaleTemporaryCopies(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	dir := t.TempDir()
	stale := filepath.Join(dir, ".bianmin-backup-123.tmp")
	fresh := filepath.Join(dir, ".bianmin-backup-456.tmp")
	for _, f := range []string{stale, fresh, stale + "-journal"} {
		require.NoError(t, os.WriteFile(f, []byte("half a copy"), 0o600))
	}
	old := time.Now().Add(-3 * DefaultBackupLimit)
	require.NoError(t, os.Chtimes(stale, old, old))
	_, err := s.BackupDaily(ctx, dir, 3)
	require.NoError(t, err)
	assert.NoFileExists(t, stale)
	assert.NoFileExists(t, stale+"-journal")
	assert.FileExists(t, fresh, "perhaps another process's backup, still running")
}
