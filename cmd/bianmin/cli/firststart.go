package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bianmin/data"
)

// The first start of a data file is told apart from a data file that was
// lost by a marker: a small hidden file ".<data file>.created" beside it
// (hidden, so that removing "bianmin.db*" does not remove it too), written
// (and synced) once the new data file has been created and seeded, or at
// the first start of this version on a data file that already holds data.
// A marker beside a data file that is missing, 0 bytes or blank means the
// data was lost: the program then refuses to start rather than create a
// new file with the sample catalog over the place where the requests were
// with nobody told. The marker lives outside the data file because what
// it guards against is the data file itself being gone or emptied; a
// restore leaves it alone.

// MarkerFile is the first-start marker of the data file at path.
func MarkerFile(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".created")
}

// DataGoneError says that a data file that existed is now missing or empty.
type DataGoneError struct {
	Path      string // the data file
	Empty     bool   // it is there but empty (0 bytes or no data); else it is missing
	BackupDir string // where the daily backups are looked for
	// Newest is the newest daily backup in BackupDir that passes the check
	// `bianmin restore` runs (data.NewestGoodBackup), "" if none does or
	// it was not looked for (FindNewestGood).
	Newest string
	// Backups is how many daily backups BackupDir holds (good or not),
	// once FindNewestGood has looked.
	Backups  int
	searched bool
}

// Error is the whole message for a person: Chinese first, then English,
// with the commands to restore the newest backup or, deliberately, start
// anew.
func (e *DataGoneError) Error() string {
	state, stateEn := "不见了", "is missing"
	if e.Empty {
		state, stateEn = "变成了空文件", "is empty"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "数据文件 %s 曾经建立过，现在却%s，以前登记的办件不在其中。为免记录丢失而无人察觉，程序没有重新建立示例数据，也没有启动。\n", e.Path, state)
	switch {
	case e.Newest != "":
		fmt.Fprintf(&b, "请恢复最近一份完好的备份 %s（已检查，可以恢复）：\n    bianmin restore %s --data %s\n然后再启动本程序。\n", e.Newest, e.Newest, e.Path)
	case e.Backups > 0:
		fmt.Fprintf(&b, "备份文件夹 %s 中的 %d 份备份都未通过检查，不能用于恢复。请找回数据文件（或其他备份，用 bianmin restore 备份文件 --data %s 恢复），或联系技术人员。\n", e.BackupDir, e.Backups, e.Path)
	case e.searched:
		fmt.Fprintf(&b, "备份文件夹 %s 中没有找到备份。请找回数据文件（或其他备份，用 bianmin restore 备份文件 --data %s 恢复），或联系技术人员。\n", e.BackupDir, e.Path)
	default:
		fmt.Fprintf(&b, "请用备份文件夹 %s 中最近一份完好的备份恢复：bianmin restore 备份文件 --data %s\n", e.BackupDir, e.Path)
	}
	fmt.Fprintf(&b, "确需从头开始使用新的数据文件时，请删除标记文件 %s 后再启动。\n", MarkerFile(e.Path))
	fmt.Fprintf(&b, "The data file %s existed and now %s: the requests it held are not there. It was not re-created with the sample catalog and the program did not start. ", e.Path, stateEn)
	switch {
	case e.Newest != "":
		fmt.Fprintf(&b, "Restore the newest good backup (checked) with `bianmin restore %s --data %s`, then start again. ", e.Newest, e.Path)
	case e.Backups > 0:
		fmt.Fprintf(&b, "None of the %d backups in %s passes its check. ", e.Backups, e.BackupDir)
	case e.searched:
		fmt.Fprintf(&b, "No backup was found in %s. ", e.BackupDir)
	default:
		fmt.Fprintf(&b, "Restore the newest good backup in %s with `bianmin restore BACKUP --data %s`. ", e.BackupDir, e.Path)
	}
	fmt.Fprintf(&b, "To start anew on purpose, delete %s.", MarkerFile(e.Path))
	return b.String()
}

// GoneEmpty reports whether the file is there but empty (the start
// screen's rescue.Gone).
func (e *DataGoneError) GoneEmpty() bool { return e.Empty }

// withBackups sets the backup folder. It does not look into it: that
// takes a full check of a backup (FindNewestGood), which only a message
// printed for a person needs; the window's restore offer looks by itself.
func (e *DataGoneError) withBackups(dir string) *DataGoneError {
	c := *e
	c.BackupDir = dir
	return &c
}

// FindNewestGood fills in the newest daily backup that passes the full
// check `bianmin restore` runs (data.NewestGoodBackup: newest first,
// those recorded bad skipped, each result recorded), so the message names
// a backup the command will accept, not merely the newest file.
func (e *DataGoneError) FindNewestGood(ctx context.Context) {
	if e.searched || e.BackupDir == "" {
		return
	}
	e.searched = true
	files, err := data.DailyBackups(e.BackupDir)
	if err != nil || len(files) == 0 {
		return
	}
	e.Backups = len(files)
	if info, err := data.NewestGoodBackup(ctx, e.BackupDir); err == nil {
		e.Newest = info.Path
	}
}

// findNewestGood is FindNewestGood on the lost-file error in err, if any,
// before the error is printed for a person.
func findNewestGood(ctx context.Context, err error) {
	var gone *DataGoneError
	if errors.As(err, &gone) {
		gone.FindNewestGood(ctx)
	}
}

// checkNotLost refuses a data file that has a marker but is missing or
// 0 bytes, before anything opens (and so creates) it.
func checkNotLost(path string) error {
	if data.IsPostgresDSN(path) {
		return nil // a PostgreSQL database: no file to lose (the server keeps it)
	}
	if _, err := os.Stat(MarkerFile(path)); err != nil {
		return nil // first start, or a data file of an earlier version
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return (&DataGoneError{Path: path}).withBackups(DefaultBackupDir(path))
	case err == nil && fi.Size() == 0:
		return (&DataGoneError{Path: path, Empty: true}).withBackups(DefaultBackupDir(path))
	}
	return nil
}

// writeMarker writes the first-start marker of the data file at path and
// syncs it and its folder. A PostgreSQL database (a DSN) has no file to
// lose and gets none.
func writeMarker(path string) error {
	if data.IsPostgresDSN(path) {
		return nil
	}
	name := MarkerFile(path)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("first-start marker: %w", err)
	}
	_, err = fmt.Fprintf(f, "便民服务的数据文件 %s 建立于 %s。请勿删除本文件：它让程序认出数据文件丢失或被清空的情况。\n"+
		"bianmin data file %s created %s. Do not delete: it lets the program notice a lost or emptied data file.\n",
		filepath.Base(path), time.Now().In(data.China).Format("2006-01-02 15:04:05"),
		filepath.Base(path), time.Now().UTC().Format(time.RFC3339))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("first-start marker: %w", err)
	}
	if d, err := os.Open(filepath.Dir(name)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// restoreCmd is `bianmin restore BACKUP [--data FILE]`: it replaces the data
// file with a checked backup (data.RestoreFile keeps the previous data file
// beside it), also when the data file is missing or empty, and records it
// in the audit log. The program must not be running on the data file.
func restoreCmd(ctx context.Context, dataFile, backup string, stdout io.Writer) error {
	res, err := RestoreAtStart(ctx, dataFile, backup, data.Session{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已恢复 restored: %s → %s（备份含 %d 件办件 requests）\n", backup, data.DisplayDSN(dataFile), res.Backup.Requests)
	if res.Kept != "" {
		fmt.Fprintln(stdout, "恢复前的数据保存在 previous data kept in:", res.Kept)
	}
	return nil
}
