package data

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dumpDB reads every row of every ordinary table (virtual tables are read
// through their shadow tables) and the schema, as sorted text.
func dumpDB(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	var tables []string
	list := `SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name`
	if _, pg := db.Driver().(*stdlib.Driver); pg {
		// PostgreSQL: the store's tables and their columns.
		list = `SELECT 'table', table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
			FROM information_schema.columns WHERE table_schema = current_schema() GROUP BY table_name ORDER BY 2`
	}
	rows, err := db.QueryContext(ctx, list)
	require.NoError(t, err)
	for rows.Next() {
		var typ, name, q string
		require.NoError(t, rows.Scan(&typ, &name, &q))
		if strings.HasPrefix(name, "sqlite_stat") {
			// The planner's statistics, not data: Open and Close refresh
			// them (optimize).
			continue
		}
		out["sqlite_master"] = append(out["sqlite_master"], typ+" "+name+" "+q)
		if typ == "table" && !strings.HasPrefix(q, "CREATE VIRTUAL") {
			tables = append(tables, name)
		}
	}
	require.NoError(t, rows.Err())
	rows.Close()
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		require.NoError(t, err)
		cols, err := rows.Columns()
		require.NoError(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			out[table] = append(out[table], fmt.Sprintf("%q", vals))
		}
		require.NoError(t, rows.Err())
		rows.Close()
		sort.Strings(out[table])
	}
	return out
}

func dumpFile(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", readOnlyURI(path))
	require.NoError(t, err)
	defer db.Close()
	return dumpDB(t, db)
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(b)
}

// busyStore is a seeded store with requests, a complaint and a rating.
func busyStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := seeded(t)
	for i := 0; i < 3; i++ {
		_, err := s.Register(ctx, goodRegistration(t, s))
		require.NoError(t, err)
	}
	_, err := s.FileComplaint(ctx, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "窗口排队时间太长了"})
	require.NoError(t, err)
	return s
}

func TestBackupRestoreGivesIdenticalRows(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := busyStore(t)
	before := dumpDB(t, s.db)
	require.Len(t, before["requests"], 3)

	dest := filepath.Join(t.TempDir(), "sub", "backup.db")
	var last [2]int
	calls := 0
	require.NoError(t, s.Backup(ctx, dest, func(done, total int) { last = [2]int{done, total}; calls++ }))
	assert.Positive(t, calls)
	assert.Equal(t, last[0], last[1], "the last report is complete")
	head := must(os.ReadFile(dest))[:20]
	assert.Equal(t, []byte{1, 1}, head[18:20], "a backup is one file, not in WAL mode")
	assert.Equal(t, before, dumpFile(t, dest))

	info, err := CheckBackup(ctx, dest)
	require.NoError(t, err)
	assert.Equal(t, "测试社区便民服务室", info.CenterName)
	assert.Equal(t, 3, info.Requests)
	assert.Equal(t, 1, info.Complaints)
	assert.Equal(t, LatestSchema(), info.SchemaVersion)
	assert.True(t, info.LastRequest.Equal(fixedNow))

	// Life goes on after the backup …
	_, err = s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	changed := dumpDB(t, s.db)
	require.Len(t, changed["requests"], 4)

	// … then the administrator restores it.
	live := s.Path()
	require.NoError(t, s.Close())
	res, err := RestoreFile(ctx, dest, live, nil)
	require.NoError(t, err)
	assert.Equal(t, 3, res.Backup.Requests)
	require.FileExists(t, res.Kept)
	assert.True(t, strings.HasPrefix(filepath.Base(res.Kept), "bianmin.db.before-restore-"))
	assert.Equal(t, changed, dumpFile(t, res.Kept), "the data as it was is kept")

	s2, err := Open(ctx, live, WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	defer s2.Close()
	restored := dumpDB(t, s2.db)
	assert.Equal(t, changed["receipt_counters"], restored["receipt_counters"],
		"the receipt counters go on from the numbers issued before the restore")
	delete(restored, "receipt_counters")
	delete(before, "receipt_counters")
	assert.Equal(t, before, restored, "every other table as it was at the backup")
	var mode string
	require.NoError(t, s2.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	assert.Equal(t, "wal", mode, "the reopened store is in WAL mode again")
	_, err = s2.Register(ctx, goodRegistration(t, s2))
	assert.NoError(t, err, "the restored store works")
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := busyStore(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	require.NoError(t, s.Backup(ctx, good, nil))
	goodBytes, err := os.ReadFile(good)
	require.NoError(t, err)
	live := s.Path()
	require.NoError(t, s.Close())
	liveSum := fileSum(t, live)
	liveDump := dumpFile(t, live)

	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o600))
		return p
	}
	random := make([]byte, 64<<10)
	_, _ = rand.Read(random)
	sqliteWith := func(name string, stmts ...string) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", p)
		require.NoError(t, err)
		for _, q := range stmts {
			_, err := db.Exec(q)
			require.NoError(t, err)
		}
		require.NoError(t, db.Close())
		return p
	}
	newer := write("newer.db", goodBytes)
	db, err := sql.Open("sqlite", newer)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999_future.sql', '')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	flipped := append([]byte(nil), goodBytes...)
	for i := len(flipped) / 2; i < len(flipped)/2+4096; i++ {
		flipped[i] ^= 0x5a
	}

	for name, tc := range map[string]struct {
		path    string
		wantMsg string
	}{
		"ErrMissing":   {filepath.Join(dir, "nope.db"), "找不到"},
		"ErrFolder":    {dir, "不是一个文件"},
		"ErrEmpty":     {write("empty.db", nil), "不是便民服务室的数据备份"},
		"ErrRandom":    {write("random.db", random), "不是便民服务室的数据备份"},
		"ErrGarbage":   {write("garbage.db", append([]byte(sqliteMagic), random...)), "已损坏"},
		"ErrText":      {write("notes.db", []byte(strings.Repeat("便民服务室工作日志\n", 100))), "不是便民服务室的数据备份"},
		"ErrTruncated": {write("truncated.db", goodBytes[:len(goodBytes)/2]), "已损坏"},
		"ErrFlipped":   {write("flipped.db", flipped), "已损坏"},
		"ErrForeign":   {sqliteWith("other.db", `CREATE TABLE t (x)`, `INSERT INTO t VALUES (1)`), "缺少本程序的数据表"},
		"ErrLookalike": {sqliteWith("lookalike.db", `CREATE TABLE requests (id)`, `CREATE TABLE center (id)`), "缺少本程序的数据表"},
		"ErrNewer":     {newer, "更新版本"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := CheckBackup(ctx, tc.path)
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "file", ie.Field)
			assert.Contains(t, ie.Msg, tc.wantMsg)

			_, err = RestoreFile(ctx, tc.path, live, nil)
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, liveSum, fileSum(t, live), "the data file is untouched")
			kept, _ := filepath.Glob(live + ".before-restore-*")
			assert.Empty(t, kept)
		})
	}
	assert.Equal(t, liveDump, dumpFile(t, live))
	assert.Equal(t, goodBytes, must(os.ReadFile(good)), "checking never changes the backup")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestRestoreRefusesWhileStoreOpen(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := busyStore(t)
	dest := filepath.Join(t.TempDir(), "b.db")
	require.NoError(t, s.Backup(ctx, dest, nil))
	_, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)

	_, err = RestoreFile(ctx, dest, s.Path(), nil)
	assert.ErrorIs(t, err, ErrBusy)
	assert.Equal(t, 4, count(t, s, "requests"), "nothing replaced under the open store")
	kept, _ := filepath.Glob(s.Path() + ".before-restore-*")
	assert.Empty(t, kept)
}

func TestRestoreIntoNewFile(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := busyStore(t)
	dest := filepath.Join(t.TempDir(), "b.db")
	require.NoError(t, s.Backup(ctx, dest, nil))
	want := dumpDB(t, s.db)

	fresh := filepath.Join(t.TempDir(), "new", "bianmin.db")
	res, err := RestoreFile(ctx, dest, fresh, nil)
	require.NoError(t, err)
	assert.Empty(t, res.Kept, "nothing to keep on a new machine")
	assert.Equal(t, want, dumpFile(t, fresh))
}

// bulky adds about 3 MiB to the store so a backup takes several steps.
func bulky(t *testing.T, s *Store) {
	t.Helper()
	for i := 0; i < 3; i++ {
		_, err := s.db.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)`, fmt.Sprintf("filler%d", i),
			strings.Repeat("x", 1<<20))
		require.NoError(t, err)
	}
}

func TestBackupCancelLeavesNothing(t *testing.T) {
	useSQLite(t)
	s := busyStore(t)
	bulky(t, s)
	dir := t.TempDir()
	dest := filepath.Join(dir, "backup.db")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reports [][2]int
	err := s.Backup(ctx, dest, func(done, total int) {
		reports = append(reports, [2]int{done, total})
		cancel() // the administrator taps 取消 after the first step
	})
	assert.ErrorIs(t, err, context.Canceled)
	require.Len(t, reports, 1)
	assert.Less(t, reports[0][0], reports[0][1], "cancelled midway")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "no backup, no temporary file")

	// An earlier backup of the same name stays as it was.
	require.NoError(t, s.Backup(context.Background(), dest, nil))
	sum := fileSum(t, dest)
	ctx, cancel = context.WithCancel(context.Background())
	_, err = s.db.Exec(`INSERT INTO settings (key, value) VALUES ('later', 'x')`)
	require.NoError(t, err)
	err = s.Backup(ctx, dest, func(done, total int) { cancel() })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, sum, fileSum(t, dest))
	entries, err = os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

func TestRestoreCancelLeavesDataFile(t *testing.T) {
	useSQLite(t)
	s := busyStore(t)
	bulky(t, s)
	dest := filepath.Join(t.TempDir(), "b.db")
	require.NoError(t, s.Backup(context.Background(), dest, nil))
	_, err := s.db.Exec(`DELETE FROM settings WHERE key LIKE 'filler%'`)
	require.NoError(t, err)
	live := s.Path()
	require.NoError(t, s.Close())
	want := dumpFile(t, live)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = RestoreFile(ctx, dest, live, func(done, total int) { cancel() })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, want, dumpFile(t, live), "rolled back")
	kept, _ := filepath.Glob(live + ".before-restore-*")
	assert.Empty(t, kept)

	// Cancelled while checking: a cancel, not "corrupt".
	_, err = CheckBackup(ctx, dest)
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrInvalid)
}

func TestBackupRefusesLiveFile(t *testing.T) {
	useSQLite(t)
	s := mustOpen(t)
	err := s.Backup(context.Background(), s.Path(), nil)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "dest", ie.Field)
}

func TestBackupDailyKeepsNewest(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 18, 0, 0, 0, China)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "bianmin.db"), WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	defer s.Close()
	dir := t.TempDir()
	others := []string{"notes.txt", "bianmin-2020.db", "bianmin-20200101.db.bak"}
	for _, name := range others {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("keep me"), 0o600))
	}

	_, err = s.BackupDaily(ctx, dir, 0)
	assert.ErrorIs(t, err, ErrInvalid)

	for day := 0; day < 6; day++ {
		p, err := s.BackupDaily(ctx, dir, 3)
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(dir, "bianmin-"+now.Format("20060102")+".db"), p)
		again, err := s.BackupDaily(ctx, dir, 3) // a second run the same day adds nothing
		require.NoError(t, err)
		assert.Equal(t, p, again)
		now = now.AddDate(0, 0, 1)
	}
	files, err := DailyBackups(dir)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
		_, err := CheckBackup(ctx, f)
		assert.NoError(t, err)
	}
	assert.Equal(t, []string{"bianmin-20261125.db", "bianmin-20261124.db", "bianmin-20261123.db"}, names)
	for _, name := range others {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal([]byte("keep me"), b), name)
	}
}

func TestBackupWhileRegistering(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := busyStore(t)
	bulky(t, s)
	dest := filepath.Join(t.TempDir(), "b.db")
	reg := goodRegistration(t, s)
	done := make(chan error, 1)
	go func() {
		for i := 0; i < 20; i++ {
			if _, err := s.Register(ctx, reg); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	require.NoError(t, s.Backup(ctx, dest, nil))
	require.NoError(t, <-done)
	info, err := CheckBackup(ctx, dest)
	require.NoError(t, err, "a consistent copy whatever was written meanwhile")
	assert.GreaterOrEqual(t, info.Requests, 3)
	assert.LessOrEqual(t, info.Requests, 23)
	var events int
	db, err := sql.Open("sqlite", readOnlyURI(dest))
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM request_events`).Scan(&events))
	assert.Equal(t, info.Requests, events, "every request in the copy has its first event: no torn transaction")
}

// A daily backup that fails its check is not kept, and the older good
// backups are not pruned for it.
func TestBackupDailyBadCopyPrunesNothing(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 18, 0, 0, 0, China)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "bianmin.db"), WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.AddSynthItems(ctx, 50, 1)
	require.NoError(t, err)
	dir := t.TempDir()
	for range 3 {
		_, err := s.BackupDaily(ctx, dir, 3)
		require.NoError(t, err)
		now = now.AddDate(0, 0, 1)
	}
	before, err := DailyBackups(dir)
	require.NoError(t, err)
	require.Len(t, before, 3)

	// Today's copy is damaged on its way to the disk: every page after the
	// first gets a broken header.
	afterCopyForTest = func(tmp string) {
		b, err := os.ReadFile(tmp)
		require.NoError(t, err)
		for at := 4096; at+8 <= len(b); at += 4096 {
			copy(b[at:], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
		}
		require.NoError(t, os.WriteFile(tmp, b, 0o600))
	}
	defer func() { afterCopyForTest = nil }()
	_, err = s.BackupDaily(ctx, dir, 3)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "没有通过完整性检查")
	after, err := DailyBackups(dir)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the three good backups kept, no bad one added")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary file left (the three and the records)")
	recs, err := BackupRecords(dir)
	require.NoError(t, err)
	bad := recs[BackupPrefix+now.Format("20060102")+BackupSuffix]
	assert.False(t, bad.Good, "the failed attempt is recorded bad")
	assert.False(t, bad.Kept)
	assert.Contains(t, bad.Problem, "没有通过完整性检查")
}

// A backup finishes while requests are registered all the time it runs
// (VACUUM INTO reads one snapshot; the backup API started over on every
// write).
func TestBackupFinishesUnderSteadyWrites(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := busyStore(t)
	bulky(t, s)
	reg := goodRegistration(t, s)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := s.Register(ctx, reg); err != nil {
				done <- err
				return
			}
		}
	}()
	dest := filepath.Join(t.TempDir(), "b.db")
	err := s.Backup(ctx, dest, nil)
	close(stop)
	require.NoError(t, err)
	require.NoError(t, <-done)
	_, err = CheckBackup(ctx, dest)
	require.NoError(t, err)
}

// A restore never lets a receipt number be issued twice: the day's counter
// goes on from the highest number issued before the restore, not from the
// backup's.
func TestRestoreNeverReissuesReceiptNumbers(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	first, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	dest := filepath.Join(t.TempDir(), "b.db")
	require.NoError(t, s.Backup(ctx, dest, nil))
	issued := map[string]bool{first.ReceiptNo: true}
	for i := 0; i < 2; i++ {
		rc, err := s.Register(ctx, goodRegistration(t, s))
		require.NoError(t, err)
		issued[rc.ReceiptNo] = true
	}
	live := s.Path()
	require.NoError(t, s.Close())
	_, err = RestoreFile(ctx, dest, live, nil)
	require.NoError(t, err)

	s2, err := Open(ctx, live, WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	defer s2.Close()
	rc, err := s2.Register(ctx, goodRegistration(t, s2))
	require.NoError(t, err)
	assert.False(t, issued[rc.ReceiptNo], "%s was already issued before the restore", rc.ReceiptNo)
	_, _, seq, err := ParseReceiptNo(rc.ReceiptNo)
	require.NoError(t, err)
	assert.Equal(t, 4, seq)
}
