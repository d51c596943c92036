package data

// Checking backups and restoring them (see the top of backup.go).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// BackupInfo describes a backup file that passed CheckBackup, for the
// confirmation a restore asks for.
type BackupInfo struct {
	Path          string
	Size          int64
	Modified      time.Time // the file's modification time
	SchemaVersion int
	CenterName    string
	Requests      int
	Complaints    int
	LastRequest   time.Time // when the newest request in it was registered (zero if none)
	Engine        Engine    // SQLite: a data file; Postgres: a pg_dump archive (backup_pg.go)
}

// requiredTables are the tables every bianmin data file has had since the
// first schema; a file without them is some other SQLite database.
var requiredTables = []string{"schema_migrations", "center", "office_hours", "calendar_days", "windows", "staff",
	"attendance", "whereabouts", "items", "item_windows", "materials", "item_fields", "item_versions", "disclosures",
	"disclosure_versions", "disclosure_comments", "receipt_counters", "requests", "request_events", "request_parts",
	"supplements", "clock_pauses", "proxy_batches", "refusal_reasons", "complaints", "ratings", "study_sessions",
	"study_attendance", "accountability", "audit_log", "settings"}

// sqliteMagic is the first 16 bytes of every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// CheckBackup opens a backup file read-only and checks that it can be
// restored: a SQLite file that passes PRAGMA integrity_check, with this
// program's tables and a schema version no newer than this program's. A file
// that fails any of it is refused with an *InvalidError (field "file") whose
// message says why in Chinese; the file itself is never changed.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	return checkFile(ctx, path, "integrity_check")
}

// checkFile is CheckBackup with the check to run: integrity_check (every
// page, every index entry: about 4 s for 100,000 requests) or quick_check
// (every page, not the index contents: a tenth of that), which suffices to
// confirm a page-by-page copy of a file that passed integrity_check.
func checkFile(ctx context.Context, path, check string) (BackupInfo, error) {
	info := BackupInfo{Path: path}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return info, Invalid("file", "找不到该备份文件，请重新选择。")
	case err != nil:
		return info, unreadableBackup(err)
	case !st.Mode().IsRegular():
		return info, Invalid("file", "所选的不是一个文件，请重新选择备份文件。")
	}
	info.Size, info.Modified = st.Size(), st.ModTime()
	if isDump(path) {
		return checkDumpFile(ctx, info, true)
	}
	head := make([]byte, 100)
	f, err := os.Open(path)
	if err != nil {
		return info, unreadableBackup(err)
	}
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n < len(head) || string(head[:16]) != sqliteMagic {
		return info, Invalid("file", "该文件不是便民服务室的数据备份，或已经损坏，不能用于恢复。")
	}
	db, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return info, fmt.Errorf("data: check backup: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	corrupt := Invalid("file", "备份文件已损坏（完整性检查未通过），不能用于恢复。请换一份备份。")
	// A failure to read is corruption, unless it was a cancel or a lock.
	readErr := func(err error) error {
		if ctx.Err() != nil {
			return fmt.Errorf("data: check backup: %w", ctx.Err())
		}
		if m := mapErr("check backup", err); errors.Is(m, ErrBusy) {
			return m
		}
		return corrupt
	}
	rows, err := db.QueryContext(ctx, `PRAGMA `+check)
	if err != nil {
		return info, readErr(err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return info, readErr(err)
		}
		problems = append(problems, line)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return info, readErr(err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return info, corrupt
	}

	foreign := Invalid("file", "该文件不是便民服务室的数据备份（缺少本程序的数据表），不能用于恢复。")
	for _, table := range requiredTables {
		var k int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`,
			table).Scan(&k); err != nil || k != 1 {
			return info, foreign
		}
	}
	var first string
	if err := db.QueryRowContext(ctx, `SELECT name FROM schema_migrations WHERE version = 1`).Scan(&first); err != nil ||
		first != "001_init.sql" {
		return info, foreign
	}
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&info.SchemaVersion); err != nil {
		return info, foreign
	}
	if ours := LatestSchema(); info.SchemaVersion > ours {
		return info, newerBackup(info.SchemaVersion, ours)
	}
	var last sql.NullString
	err = db.QueryRowContext(ctx, `SELECT coalesce((SELECT name FROM center WHERE id = 1), ''),
		(SELECT count(*) FROM requests), (SELECT count(*) FROM complaints), (SELECT max(created_at) FROM requests)`).
		Scan(&info.CenterName, &info.Requests, &info.Complaints, &last)
	if err != nil {
		return info, foreign
	}
	info.LastRequest = parseTime(last.String)
	return info, nil
}

// LatestSchema is the schema version this program writes: the number of its
// newest migration.
func LatestSchema() int {
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	v := 0
	for _, name := range names {
		if n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0]); err == nil && n > v {
			v = n
		}
	}
	return v
}

// RestoreResult says what RestoreFile did.
type RestoreResult struct {
	Backup BackupInfo // the backup that was restored
	Kept   string     // where the data as it was before is kept ("" if there was no data file)
}

// RestoreFile replaces the data file at livePath with the backup at src, on
// a closed store (see the comment at the top of backup.go for the steps and
// why). The Store using livePath must be closed first and opened again
// afterwards; while anything else has the file open RestoreFile refuses with
// ErrBusy and changes nothing. A backup that fails CheckBackup is refused
// with its *InvalidError before anything is touched. Cancelling ctx before
// the copy commits leaves the data file as it was. progress, if not nil, is
// told the pages copied. The caller records the restore in the audit log of
// the reopened store.
func RestoreFile(ctx context.Context, src, livePath string, progress func(done, total int)) (RestoreResult, error) {
	if IsPostgresDSN(livePath) {
		return restorePostgres(ctx, src, livePath, progress)
	}
	var res RestoreResult
	if err := BackupMismatch(src, false); err != nil {
		return res, err
	}
	info, err := CheckBackup(ctx, src)
	if err != nil {
		return res, err
	}
	res.Backup = info
	if same, _ := sameFile(src, livePath); same {
		return res, Invalid("file", "所选文件就是正在使用的数据文件，无需恢复。")
	}
	if err := os.MkdirAll(filepath.Dir(livePath), 0o700); err != nil {
		return res, fmt.Errorf("data: restore: %w", err)
	}
	_, statErr := os.Stat(livePath)
	hadLive := statErr == nil

	// One connection to the data file, with a short busy timeout: if the
	// store is still open somewhere, say so quickly instead of waiting.
	db, err := sql.Open("sqlite", fileURI(livePath, "_pragma=busy_timeout(1000)"))
	if err != nil {
		return res, fmt.Errorf("data: restore: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return res, mapErr("restore", err)
	}
	defer conn.Close()

	var mode string
	if err := conn.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		return res, backupErr("restore", err)
	}
	if mode != "delete" {
		return res, fmt.Errorf("data: restore: the data file is still open elsewhere: %w", ErrBusy)
	}
	// The receipt numbers issued so far, read from the data about to be
	// replaced: after the restore each day's counter goes on from the
	// higher of the two, so no receipt number is issued twice.
	var issued []receiptCounter
	if hadLive {
		if issued, err = readCounters(ctx, conn); err != nil {
			return res, backupErr("restore", err)
		}
	}
	if hadLive {
		kept := keptName(livePath, time.Now())
		if err := copyLive(ctx, conn, kept); err != nil {
			return res, err
		}
		res.Kept = kept
	}
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(backuper)
		if !ok {
			return errors.New("the sqlite driver has no backup API")
		}
		return copyPages(ctx, func() (*sqlite.Backup, error) { return b.NewRestore(readOnlyURI(src)) }, progress)
	})
	if err != nil {
		// Rolled back: the data file is as it was, the kept copy is moot.
		if res.Kept != "" {
			os.Remove(res.Kept)
			res.Kept = ""
		}
		return res, backupErr("restore", err)
	}
	if err := keepCounters(ctx, conn, issued); err != nil {
		return res, fmt.Errorf("data: restore: carrying the receipt numbers over (the previous data is in %s): %w",
			res.Kept, mapErr("restore", err))
	}
	conn.Close()
	db.Close()
	if _, err := checkFile(ctx, livePath, "quick_check"); err != nil {
		return res, fmt.Errorf("data: restore: the restored file does not check out (%v); the previous data is in %s",
			err, res.Kept)
	}
	return res, nil
}

// receiptCounter is one day's last receipt sequence number.
type receiptCounter struct {
	day string
	seq int
}

// readCounters reads every day's receipt counter on conn; a file without
// the table (empty, or not yet migrated) has none.
func readCounters(ctx context.Context, conn *sql.Conn) ([]receiptCounter, error) {
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'receipt_counters'`).
		Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	return queryRows(ctx, conn, func(c *receiptCounter) []any { return []any{&c.day, &c.seq} },
		`SELECT day, seq FROM receipt_counters`)
}

// keepCounters raises the restored data's receipt counters to at least
// those issued before the restore, in one transaction.
func keepCounters(ctx context.Context, conn *sql.Conn, issued []receiptCounter) error {
	if len(issued) == 0 {
		return nil
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, c := range issued {
		if _, err := tx.ExecContext(ctx, `INSERT INTO receipt_counters (day, seq) VALUES (?, ?)
			ON CONFLICT (day) DO UPDATE SET seq = max(seq, excluded.seq)`, c.day, c.seq); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// keptName is where RestoreFile keeps the data as it was:
// <live>.before-restore-YYYYMMDD-HHMMSS, with -2, -3 … if that exists.
func keptName(livePath string, now time.Time) string {
	base := livePath + ".before-restore-" + now.In(China).Format("20060102-150405")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = base + "-" + strconv.Itoa(i)
	}
}

// copyLive copies the open data file to path (via a temporary file and a
// rename) as one self-contained file.
func copyLive(ctx context.Context, conn *sql.Conn, path string) error {
	tmp, err := tempPath(filepath.Dir(path), ".bianmin-keep-*.tmp")
	if err != nil {
		return fmt.Errorf("data: restore: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(backuper)
		if !ok {
			return errors.New("the sqlite driver has no backup API")
		}
		return copyPages(ctx, func() (*sqlite.Backup, error) { return b.NewBackup(fileURI(tmp, "")) }, nil)
	})
	if err == nil {
		err = sealCopy(ctx, tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		removeDBFiles(tmp)
		return backupErr("restore", err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// copyPages runs an online backup (or restore) step by step, telling
// progress after each step and stopping between steps when ctx is done.
// Finishing before the last step rolls the destination back.
func copyPages(ctx context.Context, start func() (*sqlite.Backup, error), progress func(done, total int)) error {
	bk, err := start()
	if err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			bk.Finish()
			return err
		}
		more, err := bk.Step(backupStepPages)
		if err != nil {
			bk.Finish()
			return err
		}
		if progress != nil {
			total := bk.PageCount()
			progress(total-bk.Remaining(), total)
		}
		if !more {
			return bk.Finish()
		}
	}
}

// newerBackup refuses a backup of data format version theirs, newer than
// this program's ours.
func newerBackup(theirs, ours int) *InvalidError {
	return Invalid("file", fmt.Sprintf("该备份来自更新版本的程序（数据格式第%d版，本程序为第%d版），请先升级本程序再恢复。",
		theirs, ours)).keyed("data.restore.newer", map[string]any{"Backup": theirs, "Ours": ours})
}

// unreadableBackup is the refusal of a backup file that cannot be read.
func unreadableBackup(err error) *InvalidError {
	return Invalid("file", "无法读取该备份文件："+err.Error()).keyed("data.restore.unreadable", map[string]any{"Error": err.Error()})
}
