package data

// Backups of a store on PostgreSQL, made with the engine's own
// tools from Debian's postgresql-client: pg_dump --format=custom of the
// store's schema only, checked, and restored with pg_restore. They live in
// the same backup folder, under the same names (bianmin-YYYYMMDD.dump for
// the daily ones), the same records and the same rotation as the SQLite
// backups (backup_rotation.go); Backup, CheckBackup, RestoreFile and
// NewestGoodBackup tell the two kinds apart by the store's engine or the
// file's first bytes.
//
// A backup:
//
//  1. opens a read-only REPEATABLE READ transaction on the store, exports
//     its snapshot (pg_export_snapshot) and counts every table's rows in it;
//  2. runs pg_dump --snapshot on that snapshot, into a hidden temporary
//     file in the destination's folder (the password through PGPASSWORD,
//     never on the command line);
//  3. checks the dump: pg_restore --list reads its table of contents, the
//     program's tables are in it, and every table's data is read back
//     (pg_restore decompresses every block) and its rows counted, which
//     must equal the counts of step 1: the dump holds exactly the data as
//     of its snapshot;
//  4. renames it into place.
//
// A restore (RestoreFile with a postgres:// DSN) checks the dump the same
// way, keeps the current data as a dump beside the backup
// (bianmin-before-restore-YYYYMMDD-HHMMSS.dump), and then, in one
// transaction on one connection: takes the store's write lock (the one
// every write transaction of every terminal takes, so no terminal writes
// meanwhile; the tables' exclusive locks then wait for the readers to
// finish, at most restoreLockWait, else ErrBusy and nothing changed), drops
// the schema's own objects (the extensions' stay), replays what pg_restore
// writes for the dump (its tables, data, indexes, triggers), checks every
// table's rows against the dump, carries the receipt counters over (no
// receipt number issued twice) and commits. Any failure rolls all of it
// back: the live data stays as it was. Other terminals see the restored
// data at their next read; their screens refresh as after any change.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// DumpSuffix ends the backups of a PostgreSQL store: bianmin-YYYYMMDD.dump.
const DumpSuffix = ".dump"

// dumpMagic is the first bytes of a pg_dump custom-format archive.
const dumpMagic = "PGDMP"

// restoreLockWait is how long a restore waits for the other terminals'
// transactions to finish before it gives up (ErrBusy, nothing changed).
var restoreLockWait = 15 * time.Second

// BackupSuffix is the ending of this store's backup files: .db for a
// SQLite data file, .dump (pg_dump's custom format) on PostgreSQL.
func (s *Store) BackupSuffix() string {
	if s.engine == Postgres {
		return DumpSuffix
	}
	return BackupSuffix
}

// DisplayDSN is a --data value fit to show or log: a PostgreSQL DSN
// without its password (a file path as it is).
func DisplayDSN(dsn string) string {
	if !IsPostgresDSN(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}

// pgToolsHint is what to install for pg_dump and pg_restore.
const pgToolsHint = "请在这台电脑上安装与数据库服务器相同版本的 PostgreSQL 客户端（Debian：sudo apt install postgresql-client），然后再试。"

// pgTool finds one of PostgreSQL's client programs, or says what to
// install. pgToolDirForTest, when set, is where tests look instead of PATH.
func pgTool(name string) (string, error) {
	if pgToolDirForTest != "" {
		p := filepath.Join(pgToolDirForTest, name)
		if _, err := os.Stat(p); err != nil {
			return "", noPGTool(name)
		}
		return p, nil
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", noPGTool(name)
	}
	return p, nil
}

var pgToolDirForTest string

// PGToolsVersion is the version pg_dump reports ("15.18"), or an error
// whose Message says what to install.
func PGToolsVersion(ctx context.Context) (string, error) {
	p, err := pgTool("pg_dump")
	if err != nil {
		return "", err
	}
	out, err := exec.CommandContext(ctx, p, "--version").Output()
	if err != nil {
		return "", Invalid("tool", "无法运行备份工具 pg_dump（"+err.Error()+"）。"+pgToolsHint).
			keyed("data.backup.pg.cantRun", map[string]any{"Error": err.Error()})
	}
	if m := regexp.MustCompile(`(\d+(?:\.\d+)?)`).FindString(string(out)); m != "" {
		return m, nil
	}
	return strings.TrimSpace(string(out)), nil
}

// libpqParams are the DSN query parameters libpq (pg_dump, pg_restore)
// understands, as environment variables; others (search_path, pgx's own)
// are left out.
var libpqParams = map[string]string{
	"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
	"sslcrl": "PGSSLCRL", "connect_timeout": "PGCONNECT_TIMEOUT", "target_session_attrs": "PGTARGETSESSIONATTRS",
	"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE",
}

// pgToolEnv is the environment for pg_dump and pg_restore to reach the
// database at dsn: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD and the
// TLS settings, so nothing secret is on the command line (where ps shows
// it). Messages are in English (LC_MESSAGES=C) for errors to be told apart.
func pgToolEnv(dsn string) ([]string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, Invalid("data", "数据库地址（--data）的格式不对，请检查。")
	}
	// What the DSN says overrides the environment; what it leaves out
	// comes from the environment (PGPASSWORD, PGPASSFILE, ~/.pgpass …),
	// as it does for the store's own connections (pgx reads the same).
	set := map[string]string{"PGAPPNAME": "bianmin-backup", "LC_MESSAGES": "C", "LC_ALL": ""}
	if u.User != nil {
		set["PGUSER"] = u.User.Username()
		if p, ok := u.User.Password(); ok {
			set["PGPASSWORD"] = p
		}
	}
	if h := u.Hostname(); h != "" {
		set["PGHOST"] = h
	}
	if p := u.Port(); p != "" {
		set["PGPORT"] = p
	}
	if db := strings.TrimPrefix(u.Path, "/"); db != "" {
		set["PGDATABASE"] = db
	}
	for k, vs := range u.Query() {
		if env, ok := libpqParams[k]; ok && len(vs) > 0 {
			set[env] = vs[0]
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ours := set[k]; ours {
			continue
		}
		env = append(env, kv)
	}
	for k, v := range set {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	sort.Strings(env)
	return env, nil
}

// toolErr turns a failed pg_dump or pg_restore run into a message a person
// can act on.
func toolErr(ctx context.Context, tool string, err error, stderr string) error {
	if ctx.Err() != nil {
		return fmt.Errorf("data: %s: %w", tool, ctx.Err())
	}
	line := strings.TrimSpace(stderr)
	switch {
	case strings.Contains(stderr, "unsupported version") && strings.Contains(stderr, "file header"):
		return Invalid("tool", "该备份是用更新版本的 PostgreSQL 工具制作的，这台电脑上的 pg_restore 读不了。"+
			"请安装与数据库服务器相同版本的 PostgreSQL 客户端（Debian：sudo apt install postgresql-client），然后再试。")
	case strings.Contains(stderr, "server version mismatch"):
		server, client := "", ""
		if m := regexp.MustCompile(`server version: (\d+)`).FindStringSubmatch(stderr); m != nil {
			server = m[1]
		}
		if m := regexp.MustCompile(`(?:pg_dump|pg_restore) version: (\d+)`).FindStringSubmatch(stderr); m != nil {
			client = m[1]
		}
		want := "postgresql-client"
		if server != "" {
			want = "postgresql-client-" + server
		}
		msg := "备份工具 " + tool + " 的版本"
		if client != "" {
			msg += "（" + client + "）"
		}
		msg += "与数据库服务器"
		if server != "" {
			msg += "（" + server + "）"
		}
		return Invalid("tool", msg+"不一致，无法备份或恢复。请在这台电脑上安装与服务器相同版本的客户端（Debian：sudo apt install "+want+"），然后再试。").
			keyed("data.backup.pg.version", map[string]any{"Tool": strings.TrimSpace(tool + " " + client),
				"Server": strings.TrimSpace("PostgreSQL " + server), "Package": want})
	case strings.Contains(stderr, "password authentication failed") || strings.Contains(stderr, "no password supplied"):
		return Invalid("data", "数据库拒绝了登录（用户名或密码不对），无法备份或恢复。请检查 --data 里的用户名和密码。")
	case strings.Contains(stderr, "could not connect") || strings.Contains(stderr, "connection to server") ||
		strings.Contains(stderr, "Connection refused"):
		return fmt.Errorf("data: %s: %w (%s)", tool, ErrCantOpen, firstLine(stderr))
	case strings.Contains(stderr, "No space left") || strings.Contains(stderr, "Disk quota"):
		return fmt.Errorf("data: %s: %w (%s)", tool, ErrFull, firstLine(stderr))
	}
	return fmt.Errorf("data: %s: %v: %s", tool, err, firstLine(line))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// currentSchema is the schema the store's tables are in.
func currentSchema(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (string, error) {
	var schema sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return "", err
	}
	if !schema.Valid || schema.String == "" {
		return "", errors.New("no current schema")
	}
	return schema.String, nil
}

// backupPostgres is Backup on PostgreSQL (see the top of this file).
func (s *Store) backupPostgres(ctx context.Context, dest string, progress Progress) error {
	if strings.TrimSpace(dest) == "" {
		return Invalid("dest", "请选择备份文件的保存位置。")
	}
	start := time.Now()
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data: backup: %w", mapErr("backup", err))
	}
	tmp, err := tempPath(dir, ".bianmin-backup-*.tmp")
	if err != nil {
		return fmt.Errorf("data: backup: %w", mapErr("backup", err))
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp)
		}
	}()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return limitErr(ctx, start, mapErr("backup", err))
	}
	defer conn.Close()
	counts, err := dumpSchema(ctx, conn, s.path, tmp, progress)
	if err != nil {
		return limitErr(ctx, start, err)
	}
	if afterCopyForTest != nil {
		afterCopyForTest(tmp)
	}
	dc, err := readDump(ctx, tmp, true)
	if err != nil {
		if ctx.Err() != nil {
			return limitErr(ctx, start, backupErr("backup", ctx.Err()))
		}
		var ie *InvalidError
		if errors.As(err, &ie) && ie.Field == "tool" {
			return err
		}
		return errBadCopy
	}
	if !sameCounts(counts, dc.rows) {
		return errBadCopy
	}
	if err := syncFile(tmp); err != nil {
		return mapErr("backup", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("data: backup: %w", err)
	}
	done = true
	syncDir(dir)
	if progress != nil {
		progress(len(counts)+1, len(counts)+1)
	}
	return nil
}

// syncFile flushes the file at path to the disk (a backup is complete
// only once it is there).
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// noPGTool is the refusal when the PostgreSQL tool name is not installed.
func noPGTool(name string) *InvalidError {
	return Invalid("tool", "这台电脑上没有 PostgreSQL 的备份工具 "+name+"。"+pgToolsHint).
		keyed("data.backup.pg.noTool", map[string]any{"Tool": name})
}
