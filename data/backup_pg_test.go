package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/internal/testdb"
)

// pgSeeded is a store on PostgreSQL (BIANMIN_TEST_PG, a schema of its own)
// with an item and n registered requests, whichever engine the rest of the
// suite runs on (testdb.UsePostgres).
// The rows are written with plain SQL, so these tests are about backups
// only.
func pgSeeded(t *testing.T, n int, now func() time.Time) (*Store, string) {
	t.Helper()
	testdb.UsePostgres(t)
	dsn := testDSN(t)
	s, err := Open(context.Background(), dsn, WithClock(now), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	_, err = s.db.Exec(`INSERT INTO center (id, name) VALUES (1, '城关镇便民服务中心') ON CONFLICT (id) DO UPDATE SET name = excluded.name`)
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO items (code, name, category, keywords, search_text) VALUES ('DB', '最低生活保障申请', '社会救助', '低保', '最低生活保障申请 低保')`)
	require.NoError(t, err)
	for range n {
		pgRegister(t, s)
	}
	return s, dsn
}

// pgRegister registers one request as the store does: the day's next
// receipt number from receipt_counters, in one transaction. It returns
// the receipt number.
func pgRegister(t *testing.T, s *Store) string {
	t.Helper()
	var no string
	require.NoError(t, s.tx(context.Background(), "test register", func(tx *sql.Tx) error {
		var seq int
		if err := tx.QueryRow(`INSERT INTO receipt_counters (day, seq) VALUES ('2026-11-26', 1)
			ON CONFLICT (day) DO UPDATE SET seq = receipt_counters.seq + 1 RETURNING seq`).Scan(&seq); err != nil {
			return err
		}
		no = fmt.Sprintf("BM20261126%04d", seq)
		_, err := tx.Exec(`INSERT INTO requests (receipt_no, query_code, token, item_id, item_version, channel, status, mode,
			applicant_name, created_at) SELECT ?, '1234', ?, id, 1, 'kiosk', 'registered', 'promise', '张小三', ? FROM items WHERE code = 'DB'`,
			no, "tok"+no, formatTime(s.now()))
		return err
	}))
	return no
}

func countRequests(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM requests`).Scan(&n))
	return n
}

// damageDump overwrites a stretch in the middle of a dump, as a failing
// disk or a cut copy would.
func damageDump(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	for i := len(b) / 2; i < len(b)/2+256 && i < len(b); i++ {
		b[i] ^= 0x5a
	}
	require.NoError(t, os.WriteFile(path, b, 0o600))
}

// A backup on PostgreSQL is a checked pg_dump archive of the store's
// schema; restoring it after changes brings the data back as it was, in
// one transaction, keeps the data it replaced, and never issues a receipt
// number twice.
func TestPGBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	s, dsn := pgSeeded(t, 3, func() time.Time { return fixedNow })
	dir := t.TempDir()
	dest := filepath.Join(dir, "manual"+s.BackupSuffix())
	assert.Equal(t, DumpSuffix, s.BackupSuffix())
	var steps [][2]int
	require.NoError(t, s.Backup(ctx, dest, func(done, total int) { steps = append(steps, [2]int{done, total}) }))
	require.NotEmpty(t, steps)
	last := steps[len(steps)-1]
	assert.Equal(t, last[0], last[1], "progress ends at the total")
	assert.Greater(t, len(steps), 3, "progress moves table by table")
	temps, _ := filepath.Glob(filepath.Join(dir, ".bianmin-backup-*"))
	assert.Empty(t, temps)

	info, err := CheckBackup(ctx, dest)
	require.NoError(t, err)
	assert.Equal(t, Postgres, info.Engine)
	assert.Equal(t, 3, info.Requests)
	assert.Equal(t, LatestSchema(), info.SchemaVersion)
	assert.False(t, info.LastRequest.IsZero())

	// Changes after the backup: two more requests, one of them issuing
	// receipt numbers the backup never saw.
	r4 := pgRegister(t, s)
	pgRegister(t, s)
	require.Equal(t, 5, countRequests(t, s))

	var told []int
	res, err := RestoreFile(ctx, dest, dsn, func(done, total int) { told = append(told, done) })
	require.NoError(t, err)
	assert.Equal(t, 3, res.Backup.Requests)
	assert.NotEmpty(t, told)
	require.FileExists(t, res.Kept)
	kept, err := CheckBackup(ctx, res.Kept)
	require.NoError(t, err)
	assert.Equal(t, 5, kept.Requests, "the data as it was before is kept")

	// The open store reads the restored data; search (trigram indexes,
	// triggers) works on it, and the next receipt number goes on past the
	// ones issued before the restore.
	assert.Equal(t, 3, countRequests(t, s))
	var found int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM items WHERE search_text LIKE '%生活保障%'`).Scan(&found))
	assert.Equal(t, 1, found)
	r6 := pgRegister(t, s)
	assert.Greater(t, r6, r4, "no receipt number twice")
	require.NoError(t, s.RecordRestore(ctx, Session{}, res))

	// A store opened afresh finds its schema up to date.
	s2, err := Open(ctx, dsn, cheapPINs)
	require.NoError(t, err)
	defer s2.Close()
	v, err := s2.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, LatestSchema(), v)
}

// A copy that fails its check is not kept and is recorded bad; a damaged
// dump is refused for restore and the live data stays as it was.
func TestPGBackupDamaged(t *testing.T) {
	ctx := context.Background()
	s, dsn := pgSeeded(t, 2, func() time.Time { return fixedNow })
	dir := t.TempDir()

	afterCopyForTest = func(tmp string) { damageDump(t, tmp) }
	_, err := s.BackupDaily(ctx, dir, 3)
	afterCopyForTest = nil
	require.Error(t, err)
	assert.Contains(t, Message(err), "完整性检查")
	files, err := DailyBackups(dir)
	require.NoError(t, err)
	assert.Empty(t, files, "a bad copy is not kept")
	recs, err := BackupRecords(dir)
	require.NoError(t, err)
	base := BackupPrefix + fixedNow.Format("20060102") + DumpSuffix
	require.Contains(t, recs, base)
	assert.False(t, recs[base].Good)
	assert.False(t, recs[base].Kept)

	good := filepath.Join(dir, "good.dump")
	require.NoError(t, s.Backup(ctx, good, nil))
	bad := filepath.Join(dir, "bad.dump")
	b, err := os.ReadFile(good)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(bad, b, 0o600))
	damageDump(t, bad)
	_, err = CheckBackup(ctx, bad)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, Message(err), "损坏")

	pgRegister(t, s)
	res, err := RestoreFile(ctx, bad, dsn, nil)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Empty(t, res.Kept)
	assert.Equal(t, 3, countRequests(t, s), "the live data is as it was")

	// Cut short (a copy that stopped half-way): refused too.
	require.NoError(t, os.WriteFile(bad, b[:len(b)*2/3], 0o600))
	_, err = RestoreFile(ctx, bad, dsn, nil)
	require.ErrorIs(t, err, ErrInvalid)

	// A SQLite backup is not restored into PostgreSQL.
	sq, err := Open(ctx, filepath.Join(t.TempDir(), "bianmin.db"), cheapPINs)
	require.NoError(t, err)
	defer sq.Close()
	sqBackup := filepath.Join(dir, "room.db")
	require.NoError(t, sq.Backup(ctx, sqBackup, nil))
	_, err = RestoreFile(ctx, sqBackup, dsn, nil)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, Message(err), "bianmin copy")
	// … nor a dump into a SQLite file.
	_, err = RestoreFile(ctx, good, sq.Path()+"-other", nil)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Equal(t, 3, countRequests(t, s))
}

// A restore that cannot have the tables to itself (another terminal in
// the middle of a transaction) gives up, changing nothing.
func TestPGRestoreWaitsForOthers(t *testing.T) {
	ctx := context.Background()
	s, dsn := pgSeeded(t, 2, func() time.Time { return fixedNow })
	dump := filepath.Join(t.TempDir(), "b.dump")
	require.NoError(t, s.Backup(ctx, dump, nil))
	pgRegister(t, s)

	defer func(d time.Duration) { restoreLockWait = d }(restoreLockWait)
	restoreLockWait = 300 * time.Millisecond
	tx, err := s.db.BeginTx(ctx, nil) // a desk's write transaction, holding the store's write lock
	require.NoError(t, err)
	_, err = RestoreFile(ctx, dump, dsn, nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrBusy), "%v", err)
	_ = err
	assert.Contains(t, Message(err), "其他终端")
	require.NoError(t, tx.Rollback())
	assert.Equal(t, 3, countRequests(t, s))
}

// The daily backups on PostgreSQL rotate as on SQLite: the newest keep
// good ones stay, a damaged one is passed over and recorded bad.
func TestPGDailyRotation(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 18, 0, 0, 0, China)
	s, _ := pgSeeded(t, 1, func() time.Time { return now })
	dir := t.TempDir()
	for range 4 {
		name, err := s.BackupDaily(ctx, dir, 3)
		require.NoError(t, err)
		assert.Equal(t, DumpSuffix, filepath.Ext(name))
		now = now.AddDate(0, 0, 1)
	}
	files, err := DailyBackups(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"bianmin-20261104.dump", "bianmin-20261103.dump", "bianmin-20261102.dump"}, baseNames(files))
	recs, err := BackupRecords(dir)
	require.NoError(t, err)
	assert.True(t, recs["bianmin-20261104.dump"].Good)
	assert.Equal(t, "pg_restore", recs["bianmin-20261104.dump"].Check)

	damageDump(t, files[0])
	info, err := NewestGoodBackup(ctx, dir)
	require.NoError(t, err)
	assert.Equal(t, "bianmin-20261103.dump", filepath.Base(info.Path))
	recs, err = BackupRecords(dir)
	require.NoError(t, err)
	assert.False(t, recs["bianmin-20261104.dump"].Good)

	// The bad one does not count: three more days keep three good ones,
	// and the bad one goes once newer good ones exist.
	for range 3 {
		_, err := s.BackupDaily(ctx, dir, 3)
		require.NoError(t, err)
		now = now.AddDate(0, 0, 1)
	}
	files, err = DailyBackups(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"bianmin-20261107.dump", "bianmin-20261106.dump", "bianmin-20261105.dump"}, baseNames(files))
}

// Without pg_dump the backup says what to install.
func TestPGBackupWithoutTools(t *testing.T) {
	ctx := context.Background()
	s, _ := pgSeeded(t, 0, func() time.Time { return fixedNow })
	defer func() { pgToolDirForTest = "" }()
	pgToolDirForTest = t.TempDir()
	err := s.Backup(ctx, filepath.Join(t.TempDir(), "x.dump"), nil)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, Message(err), "sudo apt install postgresql-client")
	_, err = PGToolsVersion(ctx)
	require.Error(t, err)
}

// The tools reach the database through the environment: the password in
// PGPASSWORD, never on a command line; pgx's own parameters left out.
func TestPGToolEnv(t *testing.T) {
	env, err := pgToolEnv("postgres://bianmin:s3cret@db.hall.lan:5433/bianmin?sslmode=require&search_path=hall")
	require.NoError(t, err)
	assert.Contains(t, env, "PGPASSWORD=s3cret")
	assert.Contains(t, env, "PGHOST=db.hall.lan")
	assert.Contains(t, env, "PGPORT=5433")
	assert.Contains(t, env, "PGUSER=bianmin")
	assert.Contains(t, env, "PGDATABASE=bianmin")
	assert.Contains(t, env, "PGSSLMODE=require")
	for _, kv := range env {
		assert.NotContains(t, kv, "search_path")
	}
	env, err = pgToolEnv("postgres://postgres@/postgres?host=/tmp/pg&port=55443&sslmode=disable")
	require.NoError(t, err)
	assert.Contains(t, env, "PGHOST=/tmp/pg")
	assert.Contains(t, env, "PGPORT=55443")
}

func TestUnescapeCopy(t *testing.T) {
	assert.Equal(t, "a\tb\nc\\d", unescapeCopy(`a\tb\nc\\d`))
	assert.Equal(t, "便民", unescapeCopy("便民"))
	assert.Equal(t, "A", unescapeCopy(`\101`))
}

// QuickCheck on PostgreSQL reads every table of the store's schema.
func TestPGQuickCheck(t *testing.T) {
	ctx := context.Background()
	s, _ := pgSeeded(t, 2, func() time.Time { return fixedNow })
	require.NoError(t, s.QuickCheck(ctx))
	assert.False(t, s.Health().Damaged())
	assert.False(t, s.Health().Checked.IsZero())
}

// The tools' version mismatch and a dump too new for them say what to
// install.
func TestPGToolErrors(t *testing.T) {
	ctx := context.Background()
	err := toolErr(ctx, "pg_dump", errors.New("exit status 1"),
		"pg_dump: error: aborting because of server version mismatch\npg_dump: detail: server version: 16.4; pg_dump version: 15.18\n")
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, Message(err), "sudo apt install postgresql-client-16")
	assert.Contains(t, Message(err), "（15）")
	err = toolErr(ctx, "pg_restore", errors.New("exit status 1"), "pg_restore: error: unsupported version (1.16) in file header\n")
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, Message(err), "更新版本")
	err = toolErr(ctx, "pg_dump", errors.New("exit status 1"),
		`pg_dump: error: connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused`)
	require.ErrorIs(t, err, ErrCantOpen)
}

// A hall's store usually lives in the database's public schema, where
// pg_trgm lives too: the restore replaces the store's tables and
// functions and leaves the extension's alone.
func TestPGRestorePublicSchema(t *testing.T) {
	base := testdb.UsePostgres(t)
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	require.NoError(t, err)
	defer admin.Close()
	name := fmt.Sprintf("bianmin_pub_%d", os.Getpid())
	_, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name)
	_, err = admin.Exec(`CREATE DATABASE ` + name)
	require.NoError(t, err)
	defer admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	u, err := url.Parse(base)
	require.NoError(t, err)
	u.Path = "/" + name
	dsn := u.String()

	s, err := Open(ctx, dsn, WithClock(func() time.Time { return fixedNow }), cheapPINs)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.db.Exec(`INSERT INTO items (code, name, category) VALUES ('DB', '最低生活保障申请', '社会救助')`)
	require.NoError(t, err)
	pgRegister(t, s)
	dump := filepath.Join(t.TempDir(), "hall.dump")
	require.NoError(t, s.Backup(ctx, dump, nil))
	pgRegister(t, s)
	_, err = s.db.Exec(`CREATE TABLE scratch_after (x int)`) // a table the backup does not know
	require.NoError(t, err)

	res, err := RestoreFile(ctx, dump, dsn, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Backup.Requests)
	assert.Equal(t, 1, countRequests(t, s))
	var trgm float64
	require.NoError(t, s.db.QueryRow(`SELECT similarity('低保申请', '低保')`).Scan(&trgm), "pg_trgm stays")
	var gone sql.NullString
	require.NoError(t, s.db.QueryRow(`SELECT to_regclass('public.scratch_after')::text`).Scan(&gone))
	assert.False(t, gone.Valid, "the schema holds what the backup held")
	var ext int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'`).Scan(&ext))
	assert.Equal(t, 1, ext)
}

// A SQLite store's backups stay .db files.
func TestBackupSuffixSQLite(t *testing.T) {
	s, err := Open(context.Background(), testdb.SQLiteFile(t), cheapPINs)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, BackupSuffix, s.BackupSuffix())
	assert.Equal(t, "quick_check", s.copyCheck())
	assert.Equal(t, "/tmp/x.db", DisplayDSN("/tmp/x.db"))
	assert.Equal(t, "postgres://bianmin:xxxxx@db:5432/bianmin", DisplayDSN("postgres://bianmin:s3cret@db:5432/bianmin"))
}
