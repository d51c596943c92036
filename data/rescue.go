package data

// What the screens need when the data file is unusable: the newest backup
// that passes its check, offered for restore, and an administrator's PIN
// checked against that backup (the data file itself cannot be asked).

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// CheckBackupQuick is CheckBackup with PRAGMA quick_check instead of
// integrity_check (every page and row, not the indexes' contents: a tenth
// of the time), for offering a backup on a screen without making a person
// wait; RestoreFile still runs the full check before it copies anything.
func CheckBackupQuick(ctx context.Context, path string) (BackupInfo, error) {
	return checkFile(ctx, path, "quick_check")
}

// NewestSoundBackup is the newest daily backup in dir that passes
// CheckBackupQuick (skipping those recorded bad), and the number of newer
// ones that did not. ok is false when no backup in dir passes (or dir has
// none). NewestGoodBackup is the same with the full check.
func NewestSoundBackup(ctx context.Context, dir string) (info BackupInfo, skipped int, ok bool, err error) {
	info, skipped, err = newestPassing(ctx, dir, "quick_check")
	if errors.Is(err, ErrNotFound) {
		return BackupInfo{}, skipped, false, nil
	}
	return info, skipped, err == nil, err
}

// VerifyBackupAdmin checks pin against the active administrators recorded
// in the backup file at path (opened read-only, never changed) and returns
// the session of the one it matches. It is how an administrator confirms a
// restore while the data file cannot be read: the PIN that works in the
// backup is the one that will sign them in once it is restored. No lockout
// is recorded (the backup is not written); the caller slows down guessing.
// A PIN that matches nobody is an *InvalidError (field "pin"). The backup
// is a SQLite file or a hall's pg_dump archive (its staff table read back
// with pg_restore).
func VerifyBackupAdmin(ctx context.Context, path, pin string) (Session, error) {
	read := sqliteBackupAdmins
	if isDump(path) {
		read = dumpBackupAdmins
	}
	admins, err := read(ctx, path)
	if err != nil {
		return Session{}, err
	}
	if len(admins) == 0 {
		return Session{}, Invalid("pin", "该备份中没有设置了密码的管理员，无法在此确认恢复。请用命令 bianmin restore 恢复。")
	}
	for _, a := range admins {
		if ok, err := VerifyPIN(a.hash, pin); err == nil && ok {
			return a.s, nil
		}
	}
	return Session{}, Invalid("pin", msgBadAdminPIN)
}

// backupAdmin is an active administrator with a PIN, as a backup records
// them.
type backupAdmin struct {
	s    Session
	hash string
}

// sqliteBackupAdmins is the administrators of the SQLite backup at path,
// by id.
func sqliteBackupAdmins(ctx context.Context, path string) ([]backupAdmin, error) {
	db, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return nil, fmt.Errorf("data: verify backup admin: %w", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT id, code, name, pin_hash FROM staff
		WHERE role = 'admin' AND active = 1 AND pin_hash != '' ORDER BY id`)
	if err != nil {
		return nil, mapErr("verify backup admin", err)
	}
	defer rows.Close()
	var admins []backupAdmin
	for rows.Next() {
		var a backupAdmin
		if err := rows.Scan(&a.s.StaffID, &a.s.Code, &a.s.Name, &a.hash); err != nil {
			return nil, mapErr("verify backup admin", err)
		}
		a.s.Role = RoleAdmin
		admins = append(admins, a)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr("verify backup admin", err)
	}
	return admins, nil
}

// dumpBackupAdmins is the administrators of the pg_dump archive at path,
// by id: its table of contents is checked as CheckBackup checks it, then
// the staff table's rows are read back with pg_restore.
func dumpBackupAdmins(ctx context.Context, path string) ([]backupAdmin, error) {
	tool, err := pgTool("pg_restore")
	if err != nil {
		return nil, err
	}
	var dc dumpContents
	dc.tables = map[string]bool{}
	if err := dc.readList(ctx, tool, path); err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd, pipe, err := startPGRestore(ctx, "verify backup admin", tool, &stderr, "--data-only", "--table=staff",
		"--file=-", path)
	if err != nil {
		return nil, err
	}
	var admins []backupAdmin
	var bad bool
	perr := scanCopies(bufio.NewReaderSize(pipe, 1<<16), func(table string, cols []string, line string) {
		if table != "staff" || copyField(cols, "role", line) != string(RoleAdmin) ||
			copyField(cols, "active", line) != "1" || copyField(cols, "pin_hash", line) == "" {
			return
		}
		id, err := strconv.ParseInt(copyField(cols, "id", line), 10, 64)
		if err != nil {
			bad = true
			return
		}
		admins = append(admins, backupAdmin{
			s:    Session{StaffID: id, Code: copyField(cols, "code", line), Name: copyField(cols, "name", line), Role: RoleAdmin},
			hash: copyField(cols, "pin_hash", line),
		})
	}, nil)
	if perr != nil {
		io.Copy(io.Discard, pipe)
	}
	werr := cmd.Wait()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("data: verify backup admin: %w", ctx.Err())
	}
	if werr != nil || perr != nil || bad {
		return nil, errDumpCorrupt()
	}
	slices.SortFunc(admins, func(a, b backupAdmin) int { return cmp.Compare(a.s.StaffID, b.s.StaffID) })
	return admins, nil
}

// msgBadAdminPIN: the PIN matched no administrator of the backup.
const msgBadAdminPIN = "管理员密码不正确，请重新输入（用恢复后数据中的管理员密码）。"

// ProbeWrite begins a write transaction and rolls it back: it fails with
// ErrBusy while another program holds the data file's write lock past the
// busy timeout, and with ErrReadOnly when the file cannot be written. The
// kiosk runs it at start so that a file it cannot save to is said at once,
// not at the first resident's registration.
func (s *Store) ProbeWrite(ctx context.Context) error {
	errProbe := errors.New("probe")
	err := s.tx(ctx, "probe write", func(tx *sql.Tx) error {
		// A real write, rolled back: taking the lock alone succeeds on a
		// read-only file.
		if _, err := tx.ExecContext(ctx, `CREATE TABLE probe_write (x INTEGER)`); err != nil {
			return err
		}
		return errProbe
	})
	if errors.Is(err, errProbe) {
		return nil
	}
	return err
}
