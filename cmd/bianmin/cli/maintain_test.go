package cli

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// seededAdmin opens a store seeded with the mini catalog and its one
// administrator, who has set a PIN.
func seededAdmin(t *testing.T, path string) (*data.Store, data.Session) {
	t.Helper()
	ctx := context.Background()
	catalog := strings.Replace(miniCatalog, `"staff": []`,
		`"staff": [{"code": "S01", "name": "张建华", "post": "主任", "duties": "综合受理", "window": "1", "ab": "A", "role": "admin", "active": true}]`, 1)
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(catalog)})
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 3, 1)
	require.NoError(t, err)
	choices, err := s.LoginChoices(ctx)
	require.NoError(t, err)
	if len(choices) == 0 {
		t.Fatal("the mini catalog has no staff to make administrator")
	}
	admin, err := s.SetupFirstAdmin(ctx, choices[0].StaffID, "246813")
	require.NoError(t, err)
	return s, admin
}

// requests is how many requests s holds, open or closed.
func requests(t *testing.T, s *data.Store) int { t.Helper(); return datatest.Requests(t, s) }

func TestRestoreReplacesDataAndReopens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, admin := seededAdmin(t, filepath.Join(dir, "live.db"))
	_, err := s.AddSynthRequests(ctx, 5, 1)
	require.NoError(t, err)
	backup := filepath.Join(dir, "b.db")
	require.NoError(t, s.Backup(ctx, backup, nil))
	_, err = s.AddSynthRequests(ctx, 20, 2) // taken away by the restore
	require.NoError(t, err)
	require.Equal(t, 25, requests(t, s))

	reopened, res, err := Restore(ctx, s, admin, backup)
	require.NoError(t, err)
	require.NotNil(t, reopened)
	defer reopened.Close()
	assert.Equal(t, 5, requests(t, reopened))
	assert.FileExists(t, res.Kept, "the data as it was is kept")
	page, err := reopened.Audit(ctx, data.AuditFilter{Action: data.AuditDataRestore})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 1)
}

func TestRestoreRefusesBadFileAndKeepsStoreOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, admin := seededAdmin(t, filepath.Join(dir, "live.db"))
	defer s.Close()
	_, err := s.AddSynthRequests(ctx, 4, 1)
	require.NoError(t, err)
	junk := filepath.Join(dir, "junk.db")
	require.NoError(t, os.WriteFile(junk, []byte("SQLite format 3\x00 but not really"), 0o600))

	reopened, _, err := Restore(ctx, s, admin, junk)
	require.Error(t, err)
	assert.Nil(t, reopened, "a refused file closes nothing")
	assert.NotEmpty(t, data.Message(err))
	assert.Equal(t, 4, requests(t, s), "the live store is open and untouched")
}

func TestDailyBackupsAtStartAndOnTick(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	s, _ := seededAdmin(t, filepath.Join(dir, "live.db"))
	defer s.Close()
	backups := DefaultBackupDir(s.Path())
	tick := make(chan time.Time)
	done := make(chan struct{})
	var logged []string
	go func() {
		DailyBackups(ctx, func() *data.Store { return s }, backups, 2, tick,
			func(f string, a ...any) { logged = append(logged, f) })
		close(done)
	}()
	tick <- time.Now() // the start-up backup has run once this is taken
	files, err := data.DailyBackups(backups)
	require.NoError(t, err)
	require.Len(t, files, 1, "one backup a day, however often it ticks")
	_, err = data.CheckBackup(ctx, files[0])
	require.NoError(t, err)
	cancel()
	<-done
	assert.Empty(t, logged)
}

// TestPurgeExpired: nothing to say on a store with nothing expired, and a
// failure is logged, not dropped.
func TestPurgeExpired(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSeeded(ctx, filepath.Join(t.TempDir(), "bianmin.db"), Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }

	PurgeExpired(ctx, s, logf)
	assert.Empty(t, logged)

	require.NoError(t, s.Close())
	PurgeExpired(ctx, s, logf)
	require.Len(t, logged, 1)
	assert.Contains(t, logged[0], "erasing expired personal information")
}

// A data file the quick check finds damaged is said in the log and not
// backed up, so its copy cannot push the good backups out of the rotation.
func TestDamagedStoreIsNotBackedUp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	// Another program makes the file bigger, so that the page zeroed below
	// holds data the quick check reads.
	other, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = other.Exec(`CREATE TABLE filler (id INTEGER PRIMARY KEY, v TEXT)`)
	require.NoError(t, err)
	for i := 0; i < 400; i++ {
		_, err := other.Exec(`INSERT INTO filler (v) VALUES (?)`, strings.Repeat("填", 300))
		require.NoError(t, err)
	}
	// Analysed while whole, as the store's Close would have, so that opening
	// the damaged file does not analyse it.
	_, err = other.Exec(`ANALYZE`)
	require.NoError(t, err)
	_, err = other.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	require.NoError(t, err)
	require.NoError(t, other.Close())
	fi, err := os.Stat(path)
	require.NoError(t, err)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, 4096), (fi.Size()/4096-20)*4096)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	s, err = data.Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	// Not checked at start (the damage came later): the daily pass checks.
	dailyNone(t, s, logf)
	require.Len(t, logged, 1)
	assert.Contains(t, logged[0], "damaged")

	assert.False(t, QuickCheck(ctx, s, logf))
	require.Len(t, logged, 2)
	dailyNone(t, s, logf)
	assert.Len(t, logged, 2, "checked once a day")
}

// dailyNone runs one pass of DailyBackups on s and asserts that it made no
// backup.
func dailyNone(t *testing.T, s *data.Store, logf func(string, ...any)) {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "backups")
	cctx, cancel := context.WithCancel(ctx)
	tick := make(chan time.Time)
	done := make(chan struct{})
	go func() {
		defer close(done)
		DailyBackups(cctx, func() *data.Store { return s }, dir, 3, tick, logf)
	}()
	tick <- time.Now() // the first pass is over once the loop takes a tick
	cancel()
	<-done
	names, err := data.DailyBackups(dir)
	require.NoError(t, err)
	assert.Empty(t, names, "no backup of a damaged file")
}

// A daily backup that runs past its limit is stopped and logged, and leaves
// no backup behind.
func TestDailyBackupsStoppedAtTheLimit(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	s, _ := seededAdmin(t, filepath.Join(dir, "live.db"))
	defer s.Close()
	backups := DefaultBackupDir(s.Path())
	tick := make(chan time.Time)
	done := make(chan struct{})
	var logged []string
	go func() {
		DailyBackupsWithin(ctx, func() *data.Store { return s }, backups, 2, time.Nanosecond, tick,
			func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) })
		close(done)
	}()
	tick <- time.Now() // the start-up pass has run once this is taken
	files, err := data.DailyBackups(backups)
	require.NoError(t, err)
	assert.Empty(t, files)
	cancel()
	<-done
	require.NotEmpty(t, logged)
	assert.Contains(t, logged[0], "没有完成")
}
