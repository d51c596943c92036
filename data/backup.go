package data

// Backup and restore.
//
// A backup is one self-contained SQLite file (rollback-journal mode, no
// -wal or -shm beside it) made with VACUUM INTO while the store stays in
// use: one read transaction, so the copy is consistent as of
// the moment it began and finishes however steadily the kiosk registers
// requests meanwhile (the online backup API, used before, starts over after
// every write). The copy is written to a hidden temporary file in the
// destination's folder, synced, checked (PRAGMA quick_check) and renamed
// into place only when it passed, so a cancelled, failed or bad backup
// leaves no file behind, and the daily backups older than it are pruned
// only after a good one.
//
// A restore must not pull the file out from under an open *sql.DB, so it is
// a function on a closed store: the caller (staff mode, after the
// administrator confirmed what CheckBackup showed) closes the Store, calls
// RestoreFile with the data file's path, and opens the Store again (Open
// brings an older backup's schema up to date). RestoreFile:
//
//  1. checks the backup (CheckBackup) and refuses it before touching
//     anything if it is not a sound bianmin data file;
//  2. keeps the current data as a single file next to it,
//     <live>.before-restore-YYYYMMDD-HHMMSS (a consistent copy made with the
//     backup API, WAL content included);
//  3. copies the backup into the data file with SQLite's backup API as one
//     write transaction: a failure or a cancel midway rolls back and leaves
//     the data file as it was;
//  4. checks the result again.
//
// Copying through SQLite instead of renaming files is deliberate: a data
// file in WAL mode may have committed pages in its -wal file, and a stale
// -wal next to a renamed-in file would be replayed onto the wrong database.
// Step 3 also refuses to run while any other connection (another bianmin
// process, a Store not closed) has the file open, because it first takes the
// file out of WAL mode, which SQLite allows only to the sole user.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// backupStepPages is how many pages (4 KiB each by default) one step of the
// online backup copies: about 1 MiB, so progress moves and a cancel is
// honoured within a few milliseconds, while the source is locked only for
// the length of one step.
const backupStepPages = 256

// BackupPrefix and BackupSuffix frame the daily backup files:
// bianmin-YYYYMMDD.db.
const (
	BackupPrefix = "bianmin-"
	BackupSuffix = ".db"
)

var dailyName = regexp.MustCompile(`^bianmin-(\d{8})\.(db|dump)$`)

// backuper is what modernc.org/sqlite's driver connection offers for the
// online backup API.
type backuper interface {
	NewBackup(dstURI string) (*sqlite.Backup, error)
	NewRestore(srcURI string) (*sqlite.Backup, error)
}

// afterCopyForTest, when set by a test, sees (and may damage) a backup
// copy before it is checked.
var afterCopyForTest func(tmp string)

// Progress is told how far a long job has come: done of total units (bytes
// for a backup, pages for a restore). A screen hands it to fyne.Do: it may
// run on another goroutine than the caller's. It may be nil.
type Progress func(done, total int)

// DefaultBackupLimit is how long a backup may take when the caller's
// context sets no deadline (BackupDaily, BackupAs): a 100 MB data file
// backs up in seconds, so a backup still running after this is stuck on
// a failing or very slow disk, and is stopped rather than left holding a
// read transaction (which keeps the WAL from being checkpointed) all day.
const DefaultBackupLimit = 10 * time.Minute

// msgBackupLate ends the refusal of a backup that took too long.
const msgBackupLate = "内没有完成，已经停止，没有留下不完整的备份文件，以前的备份都还在。" +
	"请检查备份所在的磁盘（是否很慢或有故障），然后再备份一次。"

// withBackupLimit gives ctx the default limit unless it has a deadline.
func withBackupLimit(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, DefaultBackupLimit)
}

// Backup writes a consistent copy of the data file to dest (replacing a file
// of that name) while the store stays in use. progress, if not nil, is told
// the bytes written of those expected as the copy grows (see vacuumInto),
// and done == total once the copy is checked and in place. Cancelling ctx
// or its deadline passing interrupts the copy at once; then, as on any
// error, nothing is left at dest (an existing file there stays as it was)
// and no temporary file stays behind. A deadline that passed gives an error
// that is both errors.Is context.DeadlineExceeded and an *InvalidError
// saying so in Chinese. Backup itself writes no audit entry: BackupAs (an
// administrator's one-tap backup) and BackupDaily do.
func (s *Store) Backup(ctx context.Context, dest string, progress func(done, total int)) error {
	if s.engine == Postgres {
		return s.backupPostgres(ctx, dest, progress)
	}
	if strings.TrimSpace(dest) == "" {
		return Invalid("dest", "请选择备份文件的保存位置。")
	}
	if same, _ := sameFile(dest, s.path); same {
		return Invalid("dest", "不能把备份保存到正在使用的数据文件上，请换一个文件名。")
	}
	start := time.Now()
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data: backup: %w", err)
	}
	tmp, err := tempPath(dir, ".bianmin-backup-*.tmp")
	if err != nil {
		return fmt.Errorf("data: backup: %w", err)
	}
	done := false
	defer func() {
		if !done {
			removeDBFiles(tmp)
		}
	}()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return limitErr(ctx, start, mapErr("backup", err))
	}
	total, err := vacuumInto(ctx, conn, tmp, progress)
	conn.Close()
	if err != nil {
		return limitErr(ctx, start, backupErr("backup", err))
	}
	if err := sealCopy(ctx, tmp); err != nil {
		return limitErr(ctx, start, backupErr("backup", err))
	}
	if afterCopyForTest != nil {
		afterCopyForTest(tmp)
	}
	// The copy is read back before it takes the place of anything: a copy
	// that fails the check is not kept, and (BackupDaily) no older backup
	// is pruned for it.
	if _, err := checkFile(ctx, tmp, "quick_check"); err != nil {
		if ctx.Err() != nil {
			return limitErr(ctx, start, backupErr("backup", ctx.Err()))
		}
		return errBadCopy
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("data: backup: %w", err)
	}
	done = true
	syncDir(dir)
	if progress != nil {
		progress(int(total), int(total))
	}
	return nil
}

// errBadCopy is Backup's answer when the fresh copy fails its check.
var errBadCopy = Invalid("dest", "新备份没有通过完整性检查，没有保存，以前的备份都还在。请检查磁盘空间和磁盘是否正常，然后再备份一次。")

// limitError is a backup stopped by its deadline: the Chinese message of
// an *InvalidError (errors.As) and context.DeadlineExceeded (errors.Is).
type limitError struct {
	*InvalidError
	cause error
}

func (e *limitError) Unwrap() []error { return []error{e.InvalidError, e.cause} }

// limitErr turns err into a *limitError when ctx's deadline stopped the
// backup that began at start.
func limitErr(ctx context.Context, start time.Time, err error) error {
	deadline, ok := ctx.Deadline()
	if err == nil || !ok || !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return err
	}
	limit := deadline.Sub(start).Round(time.Minute)
	ie := Invalid("dest", "备份在规定的时间"+msgBackupLate)
	if m := int(limit.Minutes()); limit >= time.Minute {
		ie = Invalid("dest", fmt.Sprintf("备份在%d分钟", m)+msgBackupLate).keyed("data.backup.late", map[string]any{"Minutes": m})
	}
	return &limitError{
		InvalidError: ie,
		cause:        fmt.Errorf("data: backup: %w", err),
	}
}

// Audit actions of backup and restore.
const (
	AuditDataBackup  = "backup"
	AuditDataRestore = "restore"
)

// BackupAs is Backup on an administrator's request, recorded in the audit
// log (the entry is written after the copy, so it is not in it).
func (s *Store) BackupAs(ctx context.Context, by Session, dest string, progress func(done, total int)) error {
	ctx, cancel := withBackupLimit(ctx)
	defer cancel()
	actor, err := readValue(ctx, s, "backup", func(tx *sql.Tx) (Session, error) { return dataAdmin(ctx, tx, by) })
	if err != nil {
		return err
	}
	if err := s.Backup(ctx, dest, progress); err != nil {
		return err
	}
	return s.tx(ctx, "backup", func(tx *sql.Tx) error {
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditDataBackup, dest, "手动备份")
	})
}

// RecordRestore writes the audit entry of a restore into the reopened
// store: who restored which backup, and where the previous data is kept.
// The person is named in the detail too, since the restored data may not
// know their staff id; a zero Session is the command line's restore.
func (s *Store) RecordRestore(ctx context.Context, by Session, res RestoreResult) error {
	return s.tx(ctx, "record restore", func(tx *sql.Tx) error {
		var staff any
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE id = ? AND code = ?`, by.StaffID, by.Code).
			Scan(&n); err != nil {
			return err
		}
		if n == 1 {
			staff = by.StaffID
		}
		detail := fmt.Sprintf("由 %s %s 从备份恢复（备份含%d件办件）", by.Code, by.Name, res.Backup.Requests)
		if by.StaffID == 0 && by.Name == "" {
			detail = fmt.Sprintf("在命令行（bianmin restore）从备份恢复（备份含%d件办件）", res.Backup.Requests)
		}
		if res.Kept != "" {
			detail += "；恢复前的数据保存在 " + res.Kept
		}
		return audit(ctx, tx, s.stamp(), staff, AuditDataRestore, res.Backup.Path, detail)
	})
}

// dataAdmin checks that the session is an active administrator, for
// backups and restores.
func dataAdmin(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	return adminOnly(ctx, tx, by, "只有管理员可以备份和恢复数据。")
}

// progressEvery is how often a running VACUUM INTO's copy is measured for
// progress and flushed (tests shorten it).
var progressEvery = 200 * time.Millisecond

// flushEvery is how much the copy may grow between two flushes of it to
// disk while it is written, and flushTick how often its size is looked at
// for that (see vacuumInto).
const (
	flushEvery = 2 << 20
	flushTick  = 50 * time.Millisecond
)

// vacuumInto copies the data file into tmp with VACUUM INTO: one read
// transaction, so the copy is consistent as of its start and finishes
// however steadily the kiosk writes meanwhile (the online backup API starts
// over after every write from another connection). A cancel or deadline of
// ctx interrupts the copy (the driver calls sqlite3_interrupt).
//
// While it runs, a watcher looks at the copy every flushTick:
//   - VACUUM INTO cannot say how far it has come, so progress, if not nil,
//     is told the copy's size on disk against the bytes it is expected to
//     hold (the pages in use), every progressEvery, from the watcher's
//     goroutine; it never reaches the total before the copy is complete;
//   - each time the copy has grown by flushEvery, the watcher syncs it.
//     Left to the system, the copy's dirty pages pile up, and the next
//     registration's commit (synchronous=FULL) waits for the file system's
//     journal to write them all out: commits stalled for over a second
//     during a 100 MB backup. Flushed in small pieces, each commit waits
//     for little.
func vacuumInto(ctx context.Context, conn *sql.Conn, tmp string, progress Progress) (total int64, err error) {
	total = 1
	if progress != nil {
		var pages, free, size int64
		if err := conn.QueryRowContext(ctx, `SELECT (SELECT page_count FROM pragma_page_count()),
			(SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())`).
			Scan(&pages, &free, &size); err != nil {
			return total, err
		}
		total = max((pages-free)*size, 1)
		progress(0, int(total))
	}
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(min(progressEvery, flushTick))
		defer tick.Stop()
		var last, flushed int64
		var told time.Time
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			st, err := os.Stat(tmp)
			if err != nil || ctx.Err() != nil {
				continue
			}
			if st.Size()-flushed >= flushEvery {
				if f, err := os.Open(tmp); err == nil {
					f.Sync()
					f.Close()
				}
				flushed = st.Size()
			}
			// The copy may come out a little larger than the pages in use
			// (VACUUM packs rows afresh): hold below the total until it is
			// done.
			if n := min(st.Size(), total-total/100-1); progress != nil && n > last && time.Since(told) >= progressEvery {
				last, told = n, time.Now()
				progress(int(n), int(total))
			}
		}
	}()
	defer func() { close(stop); <-stopped }()
	// VACUUM INTO wants a file that does not exist or is empty.
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	return total, err
}

// sealCopy makes a fresh copy a single self-contained file: out of WAL mode
// (the backup API copies the source's header, which says WAL) and synced to
// disk.
func sealCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", fileURI(path, ""))
	if err != nil {
		return err
	}
	var mode string
	err = db.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if mode != "delete" {
		return fmt.Errorf("backup copy stayed in %s mode", mode)
	}
	return syncFile(path)
}

// backupErr maps an error of a backup or restore: a cancel stays
// context.Canceled (errors.Is), driver errors go through mapErr.
func backupErr(op string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("data: %s: %w", op, err)
	}
	return mapErr(op, err)
}

// tempPath reserves a new empty file in dir named by pattern (as
// os.CreateTemp) and returns its path. An empty file is a valid empty
// SQLite database, and a valid target for VACUUM INTO.
func tempPath(dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// removeDBFiles removes a database file and whatever SQLite left beside it.
func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// syncDir makes a rename in dir durable (best effort: not every system can
// sync a directory).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

// fileURI is a SQLite URI for path with the given query ("" for none).
func fileURI(path, query string) string {
	u := "file:" + (&url.URL{Path: path}).EscapedPath()
	if query != "" {
		u += "?" + query
	}
	return u
}

// readOnlyURI opens a file that is not ours to change. Without a -wal file
// beside it (every backup this program makes) it is opened immutable: no
// locks and no -shm file, so a backup on a read-only stick opens too. With
// one, plain read-only, so the WAL's committed pages are read.
func readOnlyURI(path string) string {
	if _, err := os.Stat(path + "-wal"); err == nil {
		return fileURI(path, "mode=ro&_pragma=busy_timeout(5000)")
	}
	return fileURI(path, "mode=ro&immutable=1")
}
