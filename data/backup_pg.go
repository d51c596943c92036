package data

// Backups of a store on PostgreSQL (issue 12), made with the engine's own
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
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
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
			return "", Invalid("tool", "这台电脑上没有 PostgreSQL 的备份工具 "+name+"。"+pgToolsHint)
		}
		return p, nil
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", Invalid("tool", "这台电脑上没有 PostgreSQL 的备份工具 "+name+"。"+pgToolsHint)
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
		return "", Invalid("tool", "无法运行备份工具 pg_dump（"+err.Error()+"）。"+pgToolsHint)
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
		return Invalid("tool", msg+"不一致，无法备份或恢复。请在这台电脑上安装与服务器相同版本的客户端（Debian：sudo apt install "+want+"），然后再试。")
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

// dumpSchema dumps the schema conn's store is in to dest with pg_dump, on a
// snapshot in which it counts every table's rows, and returns those counts
// (table → rows). progress, if not nil, is told the tables dumped of all
// of them (plus one for the check after).
func dumpSchema(ctx context.Context, conn *sql.Conn, dsn, dest string, progress Progress) (map[string]int64, error) {
	tool, err := pgTool("pg_dump")
	if err != nil {
		return nil, err
	}
	env, err := pgToolEnv(dsn)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, mapErr("backup", err)
	}
	defer tx.Rollback()
	var snap string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snap); err != nil {
		return nil, mapErr("backup", err)
	}
	schema, err := currentSchema(ctx, tx)
	if err != nil {
		return nil, mapErr("backup", err)
	}
	var tables []string
	rows, err := tx.QueryContext(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`)
	if err != nil {
		return nil, mapErr("backup", err)
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, mapErr("backup", err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr("backup", err)
	}
	counts := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+pgx.Identifier{schema, t}.Sanitize()).Scan(&n); err != nil {
			return nil, mapErr("backup", err)
		}
		counts[t] = n
	}
	total := len(tables) + 1
	if progress != nil {
		progress(0, total)
	}
	cmd := exec.CommandContext(ctx, tool, "--format=custom", "--schema="+quotePattern(schema), "--snapshot="+snap,
		"--no-password", "--verbose", "--file="+dest)
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("data: backup: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, toolErr(ctx, "pg_dump", err, err.Error())
	}
	var errText bytes.Buffer
	sc := bufio.NewScanner(stderr)
	dumped := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "dumping contents of table") {
			dumped++
			if progress != nil && dumped < total {
				progress(dumped, total)
			}
			continue
		}
		if !strings.HasPrefix(line, "pg_dump: ") || strings.Contains(line, "error") ||
			strings.Contains(line, "mismatch") || strings.Contains(line, "version") || strings.Contains(line, "DETAIL") {
			errText.WriteString(line + "\n")
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, toolErr(ctx, "pg_dump", err, errText.String())
	}
	return counts, nil
}

// quotePattern quotes a name for pg_dump's --schema pattern, so that it
// matches that name only.
func quotePattern(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// dumpContents is what readDump found in a dump.
type dumpContents struct {
	schema string           // the schema it is of
	tables map[string]bool  // TABLE entries
	rows   map[string]int64 // rows of each table's data
	info   BackupInfo       // what the confirmation shows
}

// tocEntry matches a line of pg_restore --list: "215; 1259 16390 TABLE
// schema name owner".
var tocEntry = regexp.MustCompile(`^\d+; \d+ \d+ (.+?) (\S+) (\S+) (\S+)$`)

// readDump checks a pg_dump archive: pg_restore --list reads its table of
// contents, and (full) every table's data is read back and its rows
// counted. A damaged or foreign file is an *InvalidError (field "file")
// saying so in Chinese; a missing pg_restore one (field "tool") saying
// what to install.
func readDump(ctx context.Context, path string, full bool) (dumpContents, error) {
	dc := dumpContents{tables: map[string]bool{}, rows: map[string]int64{}}
	tool, err := pgTool("pg_restore")
	if err != nil {
		return dc, err
	}
	corrupt := Invalid("file", "备份文件已损坏（pg_restore 读不出其中的数据），不能用于恢复。请换一份备份。")
	foreign := Invalid("file", "该文件不是便民服务室的数据备份（缺少本程序的数据表），不能用于恢复。")
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, "--list", path)
	cmd.Env = append(os.Environ(), "LC_MESSAGES=C")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return dc, fmt.Errorf("data: check backup: %w", ctx.Err())
		}
		if strings.Contains(stderr.String(), "unsupported version") {
			return dc, toolErr(ctx, "pg_restore", err, stderr.String())
		}
		return dc, corrupt
	}
	for _, line := range strings.Split(string(out), "\n") {
		m := tocEntry.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		switch m[1] {
		case "TABLE":
			dc.tables[m[3]] = true
			dc.schema = m[2]
		case "SCHEMA":
			if dc.schema == "" {
				dc.schema = m[3]
			}
		}
	}
	for _, t := range requiredTables {
		if !dc.tables[t] {
			return dc, foreign
		}
	}
	if !full {
		return dc, nil
	}
	// Every table's data, as pg_restore writes it for psql: one COPY
	// block per table. Reading it decompresses every block.
	cmd = exec.CommandContext(ctx, tool, "--data-only", "--file=-", path)
	cmd.Env = append(os.Environ(), "LC_MESSAGES=C")
	stderr.Reset()
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return dc, fmt.Errorf("data: check backup: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return dc, fmt.Errorf("data: check backup: %w", err)
	}
	perr := scanCopies(bufio.NewReaderSize(pipe, 1<<16), func(table string, cols []string, line string) {
		dc.rows[table]++
		switch table {
		case "schema_migrations":
			if v, err := strconv.Atoi(copyField(cols, "version", line)); err == nil && v > dc.info.SchemaVersion {
				dc.info.SchemaVersion = v
			}
		case "center":
			if copyField(cols, "id", line) == "1" {
				dc.info.CenterName = copyField(cols, "name", line)
			}
		case "requests":
			if t := parseTime(copyField(cols, "created_at", line)); t.After(dc.info.LastRequest) {
				dc.info.LastRequest = t
			}
		}
	}, nil)
	if perr != nil {
		io.Copy(io.Discard, pipe)
	}
	werr := cmd.Wait()
	if ctx.Err() != nil {
		return dc, fmt.Errorf("data: check backup: %w", ctx.Err())
	}
	if werr != nil || perr != nil {
		return dc, corrupt
	}
	for t := range dc.tables {
		if _, ok := dc.rows[t]; !ok {
			dc.rows[t] = 0
		}
	}
	if len(dc.rows) != len(dc.tables) {
		return dc, corrupt
	}
	dc.info.Requests = int(dc.rows["requests"])
	dc.info.Complaints = int(dc.rows["complaints"])
	if dc.info.SchemaVersion == 0 {
		return dc, foreign
	}
	if ours := LatestSchema(); dc.info.SchemaVersion > ours {
		return dc, Invalid("file", fmt.Sprintf("该备份来自更新版本的程序（数据格式第%d版，本程序为第%d版），请先升级本程序再恢复。",
			dc.info.SchemaVersion, ours))
	}
	return dc, nil
}

// copyStart matches the line that opens a table's data in pg_restore's
// output: COPY schema.table (col, …) FROM stdin;
var copyStart = regexp.MustCompile(`^COPY (?:"?[^ ."]+"?\.)?"?([^ ("]+)"? \(([^)]*)\) FROM stdin;$`)

// scanCopies reads pg_restore's SQL output: each COPY block's rows go to
// row (table, its columns, the row's text), and, if sql is not nil, the
// SQL between blocks to sql (flushed before each block and at the end)
// and each block to copy. psql's backslash commands (\restrict) are
// skipped.
func scanCopies(r *bufio.Reader, row func(table string, cols []string, line string),
	sqlFn func(sql string, copy func() (string, io.Reader)) error) error {
	var stmt strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		if line == "" && err == io.EOF {
			break
		}
		text := strings.TrimRight(line, "\n")
		if m := copyStart.FindStringSubmatch(text); m != nil {
			table := m[1]
			var cols []string
			for _, c := range strings.Split(m[2], ",") {
				cols = append(cols, strings.Trim(strings.TrimSpace(c), `"`))
			}
			block := &copyBlock{r: r, row: func(l string) { row(table, cols, l) }}
			if sqlFn != nil {
				pending := stmt.String()
				stmt.Reset()
				if err := sqlFn(pending, func() (string, io.Reader) { return text, block }); err != nil {
					return err
				}
			}
			// Whatever the consumer left unread (or all of it, when
			// only counting).
			if _, err := io.Copy(io.Discard, block); err != nil {
				return err
			}
			if !block.ended {
				return io.ErrUnexpectedEOF
			}
		} else if !strings.HasPrefix(text, `\`) {
			stmt.WriteString(line)
		}
		if err == io.EOF {
			break
		}
	}
	if sqlFn != nil && strings.TrimSpace(stmt.String()) != "" {
		return sqlFn(stmt.String(), nil)
	}
	return nil
}

// copyBlock reads one COPY block's rows, up to (not including) the \.
// line, telling row of each.
type copyBlock struct {
	r     *bufio.Reader
	row   func(string)
	buf   []byte
	ended bool
}

func (b *copyBlock) Read(p []byte) (int, error) {
	for len(b.buf) == 0 {
		if b.ended {
			return 0, io.EOF
		}
		line, err := b.r.ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			if err == io.EOF {
				return 0, io.ErrUnexpectedEOF
			}
			return 0, err
		}
		if line == "\\.\n" || line == "\\." {
			b.ended = true
			return 0, io.EOF
		}
		b.row(strings.TrimSuffix(line, "\n"))
		b.buf = []byte(line)
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

// copyField is the named column's value in a COPY text row ("" for NULL).
func copyField(cols []string, name, line string) string {
	i := -1
	for k, c := range cols {
		if c == name {
			i = k
			break
		}
	}
	if i < 0 {
		return ""
	}
	fields := strings.Split(line, "\t")
	if i >= len(fields) || fields[i] == `\N` {
		return ""
	}
	return unescapeCopy(fields[i])
}

// unescapeCopy decodes COPY's text format escapes.
func unescapeCopy(v string) string {
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' || i+1 == len(v) {
			b.WriteByte(v[i])
			continue
		}
		i++
		switch c := v[i]; c {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		default:
			if c >= '0' && c <= '7' {
				j := i
				for j < len(v) && j < i+3 && v[j] >= '0' && v[j] <= '7' {
					j++
				}
				n, _ := strconv.ParseUint(v[i:j], 8, 8)
				b.WriteByte(byte(n))
				i = j - 1
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// BackupMismatch says, before any check that needs a tool, whether the
// backup at path is of the other engine than the store it would restore
// into (postgres: a PostgreSQL store): a pg_dump archive cannot go into a
// SQLite data file, nor a SQLite backup into PostgreSQL. It returns an
// *InvalidError saying so in Chinese, or nil (also when path cannot be
// read: the check says why).
func BackupMismatch(path string, postgres bool) error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	switch dump := isDump(path); {
	case dump && !postgres:
		return Invalid("file", "所选文件是 PostgreSQL 数据库的备份（.dump），不能恢复到单机数据文件。"+
			"请选择 .db 备份；要把数据库里的数据搬到单机，请用 bianmin copy。")
	case !dump && postgres:
		return Invalid("file", "所选文件不是 PostgreSQL 数据库的备份（.dump），不能恢复到大厅的数据库。"+
			"请选择 .dump 备份；要把单机的数据搬到数据库里，请用 bianmin copy。")
	}
	return nil
}

// isDump says whether the file at path starts as a pg_dump archive.
func isDump(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(dumpMagic))
	n, _ := io.ReadFull(f, head)
	return n == len(head) && string(head) == dumpMagic
}

// checkDumpFile is CheckBackup of a pg_dump archive (full: every table's
// data read back; else only its table of contents).
func checkDumpFile(ctx context.Context, info BackupInfo, full bool) (BackupInfo, error) {
	dc, err := readDump(ctx, info.Path, full)
	if err != nil {
		return info, err
	}
	dc.info.Path, dc.info.Size, dc.info.Modified = info.Path, info.Size, info.Modified
	dc.info.Engine = Postgres
	return dc.info, nil
}

// restorePostgres is RestoreFile onto the PostgreSQL store at dsn (see the
// top of this file).
func restorePostgres(ctx context.Context, src, dsn string, progress Progress) (RestoreResult, error) {
	var res RestoreResult
	st, err := os.Stat(src)
	if err != nil || !st.Mode().IsRegular() {
		_, cerr := CheckBackup(ctx, src)
		return res, cerr
	}
	if err := BackupMismatch(src, true); err != nil {
		return res, err
	}
	dc, err := readDump(ctx, src, true)
	if err != nil {
		return res, err
	}
	res.Backup = dc.info
	res.Backup.Path, res.Backup.Size, res.Backup.Modified, res.Backup.Engine = src, st.Size(), st.ModTime(), Postgres
	tool, err := pgTool("pg_restore")
	if err != nil {
		return res, err
	}

	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return res, fmt.Errorf("data: restore: %w: %v", ErrCantOpen, err)
	}
	defer db.Close()
	keepConn, err := db.Conn(ctx)
	if err != nil {
		return res, mapErr("restore", err)
	}
	schema, err := currentSchema(ctx, keepConn)
	if err != nil {
		keepConn.Close()
		return res, mapErr("restore", err)
	}
	// The data as it is now, kept beside the backup (or, when that
	// folder cannot be written, a read-only stick, in the home folder).
	kept, err := keepCurrent(ctx, keepConn, dsn, filepath.Dir(src))
	keepConn.Close()
	if err != nil {
		if ctx.Err() != nil {
			return res, err
		}
		var ie *InvalidError
		if errors.As(err, &ie) {
			return res, err
		}
		return res, &keepError{Invalid("file", "无法另存恢复前的数据，恢复没有进行，数据没有任何改变。"+
			"请检查备份所在的文件夹和主文件夹能否写入、磁盘空间是否足够。"), err}
	}
	res.Kept = kept

	// What pg_restore would run, without the schema itself (it stays) or
	// the extensions (they are the database's, not the store's).
	list, err := restoreList(ctx, tool, src)
	if err != nil {
		return res, err
	}
	lf, err := os.CreateTemp("", "bianmin-restore-*.list")
	if err != nil {
		return res, fmt.Errorf("data: restore: %w", err)
	}
	defer os.Remove(lf.Name())
	if _, err := lf.WriteString(list); err != nil {
		lf.Close()
		return res, fmt.Errorf("data: restore: %w", err)
	}
	lf.Close()

	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return res, mapErr("restore", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if dc.schema != schema {
		// A dump of another schema restores into the store's by the
		// schema-qualified names pg_restore writes: refuse rather than
		// write elsewhere.
		return res, Invalid("file", fmt.Sprintf("该备份来自另一个数据库方案（%s），与本程序所用的（%s）不同，不能在这里恢复。"+
			"请在 --data 的 search_path 中指定 %s，或用 bianmin copy 迁移数据。", dc.schema, schema, dc.schema))
	}
	if err := replay(ctx, conn, tool, src, lf.Name(), schema, dc.rows, progress); err != nil {
		os.Remove(kept)
		res.Kept = ""
		return res, err
	}
	return res, nil
}

// keepError is a restore stopped because the current data could not be
// kept: the Chinese message, and the cause (errors.Is).
type keepError struct {
	*InvalidError
	cause error
}

func (e *keepError) Unwrap() []error { return []error{e.InvalidError, e.cause} }

// keepCurrent dumps the store's data as it is into dir, or the home
// folder when dir cannot be written, and returns the file's path.
func keepCurrent(ctx context.Context, conn *sql.Conn, dsn, dir string) (string, error) {
	dirs := []string{dir}
	if home, err := os.UserHomeDir(); err == nil && home != dir {
		dirs = append(dirs, home)
	}
	var errs []error
	for _, d := range dirs {
		kept := keptDumpName(d, time.Now())
		tmp, err := tempPath(d, ".bianmin-backup-*.tmp")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_, err = dumpSchema(ctx, conn, dsn, tmp, nil)
		if err == nil {
			err = syncFile(tmp)
		}
		if err == nil {
			err = os.Rename(tmp, kept)
		}
		if err != nil {
			os.Remove(tmp)
			var ie *InvalidError
			if ctx.Err() != nil || errors.As(err, &ie) {
				return "", err // the tools, or a cancel: the same anywhere
			}
			errs = append(errs, err)
			continue
		}
		syncDir(d)
		return kept, nil
	}
	return "", fmt.Errorf("data: restore: keeping the current data: %w", errors.Join(errs...))
}

// keptDumpName is where a restore keeps the data as it was:
// bianmin-before-restore-YYYYMMDD-HHMMSS.dump in dir (-2, -3 … if taken).
func keptDumpName(dir string, now time.Time) string {
	base := filepath.Join(dir, "bianmin-before-restore-"+now.In(China).Format("20060102-150405"))
	name := base + DumpSuffix
	for i := 2; ; i++ {
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = base + "-" + strconv.Itoa(i) + DumpSuffix
	}
}

// restoreList is the dump's table of contents without the entries for the
// schema itself, extensions and comments on them.
func restoreList(ctx context.Context, tool, src string) (string, error) {
	cmd := exec.CommandContext(ctx, tool, "--list", src)
	cmd.Env = append(os.Environ(), "LC_MESSAGES=C")
	out, err := cmd.Output()
	if err != nil {
		return "", toolErr(ctx, "pg_restore", err, string(exitStderr(err)))
	}
	var b strings.Builder
	for _, line := range strings.Split(string(out), "\n") {
		if m := tocEntry.FindStringSubmatch(line); m != nil {
			switch {
			case m[1] == "SCHEMA", m[1] == "EXTENSION", m[1] == "COMMENT" && (m[3] == "SCHEMA" || m[3] == "EXTENSION"),
				strings.HasPrefix(m[1], "COMMENT") && (strings.Contains(line, " SCHEMA ") || strings.Contains(line, " EXTENSION ")),
				m[1] == "ACL" && strings.Contains(line, " SCHEMA "):
				b.WriteString(";" + line + "\n")
				continue
			}
		}
		b.WriteString(line + "\n")
	}
	return b.String(), nil
}

func exitStderr(err error) []byte {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.Stderr
	}
	return []byte(err.Error())
}

// dropOwn drops the objects of the current schema that no extension owns:
// tables (with their indexes, triggers and identity sequences), views,
// sequences, functions and types.
const dropOwn = `DO $$
DECLARE
	stmts text[];
	stmt text;
BEGIN
	-- The statements are made before any runs: a name read after its
	-- object went with a CASCADE would be a bare number.
	SELECT coalesce(array_agg(x.stmt ORDER BY x.ord), '{}') INTO stmts FROM (
		SELECT CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 1 ELSE 2 END AS ord, format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW'
			WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE'
			WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END, current_schema(), c.relname) AS stmt
		FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')
		AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		UNION ALL
		SELECT 3, format('DROP %s IF EXISTS %I.%I(%s) CASCADE', CASE p.prokind WHEN 'a' THEN 'AGGREGATE'
			WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, current_schema(), p.proname,
			pg_get_function_identity_arguments(p.oid))
		FROM pg_proc p
		WHERE p.pronamespace = current_schema()::regnamespace
		AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
		UNION ALL
		SELECT 4, format('DROP TYPE IF EXISTS %I.%I CASCADE', current_schema(), t.typname)
		FROM pg_type t
		WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('d', 'e', 'r')
		AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
	) x;
	FOREACH stmt IN ARRAY stmts LOOP
		EXECUTE stmt;
	END LOOP;
END $$`

// replay restores the dump at src into schema on conn, in one transaction
// (see the top of this file). rows are the dump's row counts, checked
// before the commit.
func replay(ctx context.Context, conn *pgx.Conn, tool, src, list, schema string, rows map[string]int64,
	progress Progress) error {
	q := pgx.Identifier{schema}.Sanitize()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return mapErr("restore", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	prelude := []string{
		fmt.Sprintf(`SET LOCAL lock_timeout = '%dms'`, restoreLockWait.Milliseconds()),
		// The store's write lock (pg.go): no terminal writes meanwhile.
		`SELECT pg_advisory_xact_lock(2026120701, hashtext(current_schema()))`,
		// The receipt numbers issued so far (none in a schema not yet
		// made into a store).
		`CREATE TEMP TABLE bianmin_issued (day text PRIMARY KEY, seq bigint NOT NULL) ON COMMIT DROP`,
		`DO $$ BEGIN
			IF to_regclass(format('%I.receipt_counters', current_schema())) IS NOT NULL THEN
				EXECUTE format('INSERT INTO pg_temp.bianmin_issued SELECT day, seq FROM %I.receipt_counters', current_schema());
			END IF;
		END $$`,
		dropOwn,
	}
	for _, stmt := range prelude {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return restoreErr(err)
		}
	}
	cmd := exec.CommandContext(ctx, tool, "--no-owner", "--no-privileges", "--use-list="+list, "--file=-", src)
	cmd.Env = append(os.Environ(), "LC_MESSAGES=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("data: restore: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("data: restore: %w", err)
	}
	pg := tx.Conn().PgConn()
	total, done := len(rows)+1, 0
	if progress != nil {
		progress(0, total)
	}
	err = scanCopies(bufio.NewReaderSize(pipe, 1<<16), func(string, []string, string) {},
		func(stmts string, copy func() (string, io.Reader)) error {
			if strings.TrimSpace(stmts) != "" {
				if _, err := pg.Exec(ctx, stmts).ReadAll(); err != nil {
					return err
				}
			}
			if copy == nil {
				return nil
			}
			head, r := copy()
			if _, err := pg.CopyFrom(ctx, r, strings.TrimSuffix(head, ";")); err != nil {
				return err
			}
			done++
			if progress != nil && done < total {
				progress(done, total)
			}
			return nil
		})
	if err != nil {
		io.Copy(io.Discard, pipe)
		cmd.Wait()
		return restoreErr(err)
	}
	if err := cmd.Wait(); err != nil {
		return toolErr(ctx, "pg_restore", err, stderr.String())
	}
	// The script set search_path to nothing: names are qualified below.
	for t, n := range rows {
		var got int64
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{schema, t}.Sanitize()).Scan(&got); err != nil {
			return restoreErr(err)
		}
		if got != n {
			return fmt.Errorf("data: restore: table %s has %d rows after the restore, the backup %d: nothing was changed", t, got, n)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO `+q+`.receipt_counters (day, seq) SELECT day, seq FROM pg_temp.bianmin_issued
		ON CONFLICT (day) DO UPDATE SET seq = greatest(`+q+`.receipt_counters.seq, excluded.seq)`); err != nil {
		return restoreErr(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return restoreErr(err)
	}
	if progress != nil {
		progress(total, total)
	}
	return nil
}

// restoreErr maps an error of the restore's transaction: a lock not had in
// time says the other terminals are busy.
func restoreErr(err error) error {
	m := backupErr("restore", err)
	if errors.Is(m, ErrBusy) {
		return fmt.Errorf("%w: %w", errRestoreBusy, m)
	}
	return m
}

// errRestoreBusy is a restore that could not have the tables to itself.
var errRestoreBusy = Invalid("file", "其他终端正在使用数据，恢复没有进行，数据没有任何改变。请稍等片刻再恢复；"+
	"如仍不行，请先关闭其他窗口和自助机上的便民程序。")
