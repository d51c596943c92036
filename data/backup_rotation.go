package data

// The daily backups and their rotation.
//
// Every daily backup is recorded in a small file in the backup folder,
// .bianmin-backups.json, as good (it passed its check after writing, or a
// later check) or bad (the copy failed its check, or a later check found it
// damaged; a copy that failed is not kept, but the attempt is recorded).
// Pruning goes by those records: it keeps the newest keep good backups
// whatever the bad ones do, so the newest good backup is never deleted, and
// a run of failed days (a damaged data file, a failing disk) can never push
// the last good backups out of the rotation. A bad backup file is removed
// once a good one newer than it exists. Files in the folder with no record
// (from before the records, or copied in by hand) are checked once when
// pruning meets them.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// BackupRecordsFile is the name of the record of the daily backups in the
// backup folder.
const BackupRecordsFile = ".bianmin-backups.json"

// maxFailedRecords is how many failed attempts with no file the records
// keep, newest first, for a person to look back on.
const maxFailedRecords = 31

// BackupRecord is what is known of one daily backup.
type BackupRecord struct {
	Name    string    `json:"name"`              // the file's base name, bianmin-YYYYMMDD.db (.dump on PostgreSQL)
	Good    bool      `json:"good"`              // passed its last check
	Checked time.Time `json:"checked"`           // when it was last checked
	Check   string    `json:"check"`             // quick_check or integrity_check; pg_restore for a .dump
	Problem string    `json:"problem,omitempty"` // why it is bad (Chinese)
	Kept    bool      `json:"kept"`              // the file was written (false: a failed attempt)
}

// recordsMu serializes the read-modify-write of the records within this
// process (the daily backup and a screen looking for a good backup may
// run at once); the file itself is replaced atomically.
var recordsMu sync.Mutex

// BackupRecords reads the records of the daily backups in dir, by file
// name. A folder without records has none.
func BackupRecords(dir string) (map[string]BackupRecord, error) {
	recordsMu.Lock()
	defer recordsMu.Unlock()
	return readRecords(dir)
}

func readRecords(dir string) (map[string]BackupRecord, error) {
	b, err := os.ReadFile(filepath.Join(dir, BackupRecordsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]BackupRecord{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("data: backup records: %w", err)
	}
	var list []BackupRecord
	if err := json.Unmarshal(b, &list); err != nil {
		// A damaged record file is no reason to stop backing up: every
		// file is checked again as if it had no record.
		return map[string]BackupRecord{}, nil
	}
	out := make(map[string]BackupRecord, len(list))
	for _, r := range list {
		out[r.Name] = r
	}
	return out, nil
}

func writeRecords(dir string, recs map[string]BackupRecord) error {
	list := make([]BackupRecord, 0, len(recs))
	for _, r := range recs {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name > list[j].Name })
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	return writeFileDurably(filepath.Join(dir, BackupRecordsFile), b)
}

// updateRecords applies fn to the records of dir and writes them back.
func updateRecords(dir string, fn func(map[string]BackupRecord)) error {
	recordsMu.Lock()
	defer recordsMu.Unlock()
	recs, err := readRecords(dir)
	if err != nil {
		return err
	}
	fn(recs)
	if err := writeRecords(dir, recs); err != nil {
		return fmt.Errorf("data: backup records: %w", err)
	}
	return nil
}

// writeFileDurably replaces path with b through a synced temporary file and
// a rename, so the file is either the old one or the new one, on disk.
func writeFileDurably(path string, b []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(dir)
	return nil
}

// BackupDaily makes today's automatic backup in dir, bianmin-YYYYMMDD.db
// (the store's clock, China time), unless it already exists, records it as
// good or bad, and then prunes the daily backups: the newest keep good ones
// stay, whatever the bad ones do (see the top of this file). Other files in
// dir are never touched. It returns the path of today's backup. Unless ctx
// has a deadline, the backup is stopped after DefaultBackupLimit.
func (s *Store) BackupDaily(ctx context.Context, dir string, keep int) (string, error) {
	if keep < 1 {
		return "", Invalid("keep", "自动备份至少应保留1份。")
	}
	if strings.TrimSpace(dir) == "" {
		return "", Invalid("dir", "请设置自动备份的文件夹。")
	}
	ctx, cancel := withBackupLimit(ctx)
	defer cancel()
	base := BackupPrefix + s.now().In(China).Format("20060102") + s.BackupSuffix()
	name := filepath.Join(dir, base)
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		err := s.Backup(ctx, name, nil)
		if err != nil && errors.Is(err, context.Canceled) {
			return "", err // stopped by the program, not a verdict on anything
		}
		rec := BackupRecord{Name: base, Good: err == nil, Checked: s.now(), Check: s.copyCheck(), Kept: err == nil}
		if err != nil {
			rec.Problem = Message(err)
		}
		if rerr := updateRecords(dir, func(recs map[string]BackupRecord) { recs[base] = rec }); rerr != nil && err == nil {
			err = rerr
		}
		if err != nil {
			return "", err
		}
		if err := s.tx(ctx, "daily backup", func(tx *sql.Tx) error {
			return audit(ctx, tx, s.stamp(), nil, AuditDataBackup, name, "自动备份")
		}); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", fmt.Errorf("data: daily backup: %w", err)
	}
	return name, pruneDaily(ctx, dir, keep, s.now())
}

// DailyBackups lists the daily backup files in dir, newest first.
func DailyBackups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("data: daily backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && dailyName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names))) // YYYYMMDD sorts as dates
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out, nil
}

// pruneDaily removes the daily backups beyond the newest keep good ones,
// and bad ones older than a good one; a file without a record is checked
// first (quick_check) and recorded.
func pruneDaily(ctx context.Context, dir string, keep int, now time.Time) error {
	files, err := DailyBackups(dir)
	if err != nil {
		return err
	}
	recs, err := BackupRecords(dir)
	if err != nil {
		return err
	}
	found := map[string]BackupRecord{}
	for _, f := range files {
		base := filepath.Base(f)
		if r, ok := recs[base]; ok && r.Kept {
			continue
		}
		r := BackupRecord{Name: base, Good: true, Checked: now, Check: checkName(f, "quick_check"), Kept: true}
		if _, err := checkFile(ctx, f, "quick_check"); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("data: daily backup: %w", ctx.Err())
			}
			if errors.Is(err, ErrBusy) {
				continue // not known either way: left alone
			}
			r.Good, r.Problem = false, Message(err)
		}
		recs[base], found[base] = r, r
	}
	var remove []string
	good := 0
	for _, f := range files {
		r, ok := recs[filepath.Base(f)]
		switch {
		case !ok:
			// Unknown (the check above was busy): neither counted nor removed.
		case r.Good:
			good++
			if good > keep {
				remove = append(remove, f)
			}
		case good > 0:
			remove = append(remove, f) // bad, and a newer good one exists
		}
	}
	var errs []error
	removeStaleTemps(dir, time.Now()) // file times are the machine's, not the store clock's
	gone := map[string]bool{}
	for _, f := range remove {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("data: daily backup: %w", err))
			continue
		}
		gone[filepath.Base(f)] = true
	}
	if len(found) > 0 || len(gone) > 0 {
		errs = append(errs, updateRecords(dir, func(recs map[string]BackupRecord) {
			for k, r := range found {
				recs[k] = r
			}
			for k := range gone {
				delete(recs, k)
			}
			trimRecords(recs, files)
		}))
	}
	return errors.Join(errs...)
}

// removeStaleTemps removes the temporary copies of backups that never
// finished because the program was killed or the power cut while writing
// them (a backup stopped any other way removes its own): they are hidden
// and never taken for a backup, but each can be as large as the data file.
// Only those untouched for longer than two backup limits go, so a backup
// still running in another process keeps its file.
func removeStaleTemps(dir string, now time.Time) {
	temps, _ := filepath.Glob(filepath.Join(dir, ".bianmin-backup-*.tmp"))
	for _, f := range temps {
		if st, err := os.Stat(f); err == nil && now.Sub(st.ModTime()) > 2*DefaultBackupLimit {
			removeDBFiles(f)
		}
	}
}

// trimRecords drops the records of files no longer in the folder, but for
// the newest maxFailedRecords failed attempts.
func trimRecords(recs map[string]BackupRecord, files []string) {
	present := map[string]bool{}
	for _, f := range files {
		present[filepath.Base(f)] = true
	}
	var failed []string
	for k, r := range recs {
		switch {
		case !r.Kept:
			failed = append(failed, k)
		case !present[k]:
			delete(recs, k)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(failed)))
	for i := maxFailedRecords; i < len(failed); i++ {
		delete(recs, failed[i])
	}
}

// NewestGoodBackup finds the newest daily backup in dir that can be
// restored now: newest first, skipping those recorded bad, each is checked
// in full (CheckBackup); one that fails is recorded bad and the next older
// one is tried. It returns what CheckBackup said of the first that
// passed, or an error wrapping ErrNotFound when none did. This is what
// to offer when the data file is found damaged or missing.
func NewestGoodBackup(ctx context.Context, dir string) (BackupInfo, error) {
	info, _, err := newestPassing(ctx, dir, "integrity_check")
	return info, err
}

// newestPassing is the newest daily backup in dir that passes check
// (integrity_check or quick_check), skipping those recorded bad, and how
// many newer ones were skipped or failed. Each result is recorded, so a
// bad copy is not checked again. None passing is an error wrapping
// ErrNotFound.
func newestPassing(ctx context.Context, dir, check string) (BackupInfo, int, error) {
	files, err := DailyBackups(dir)
	if err != nil {
		return BackupInfo{}, 0, err
	}
	recs, err := BackupRecords(dir)
	if err != nil {
		return BackupInfo{}, 0, err
	}
	skipped := 0
	for _, f := range files {
		base := filepath.Base(f)
		if r, ok := recs[base]; ok && r.Kept && !r.Good {
			skipped++
			continue
		}
		info, err := checkFile(ctx, f, check)
		if err == nil {
			_ = updateRecords(dir, func(recs map[string]BackupRecord) {
				recs[base] = BackupRecord{Name: base, Good: true, Checked: time.Now(), Check: checkName(f, check), Kept: true}
			})
			return info, skipped, nil
		}
		if ctx.Err() != nil || errors.Is(err, ErrBusy) {
			return BackupInfo{}, skipped, err
		}
		skipped++
		_ = updateRecords(dir, func(recs map[string]BackupRecord) {
			recs[base] = BackupRecord{Name: base, Good: false, Checked: time.Now(), Check: checkName(f, check),
				Problem: Message(err), Kept: true}
		})
	}
	return BackupInfo{}, skipped, fmt.Errorf("data: no good backup in %s: %w", dir, ErrNotFound)
}

// copyCheck is the check a fresh backup of this store passed: SQLite's
// quick_check, or on PostgreSQL pg_restore reading it all back.
func (s *Store) copyCheck() string {
	if s.engine == Postgres {
		return "pg_restore"
	}
	return "quick_check"
}

// checkName is the check a backup file at path gets: check for a SQLite
// file, pg_restore for a dump.
func checkName(path, check string) string {
	if strings.HasSuffix(path, DumpSuffix) {
		return "pg_restore"
	}
	return check
}
