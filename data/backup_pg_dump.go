package data

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

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
	if err := dc.readList(ctx, tool, path); err != nil {
		return dc, err
	}
	if !full {
		return dc, nil
	}
	if err := dc.readData(ctx, tool, path); err != nil {
		return dc, err
	}
	dc.info.Requests = int(dc.rows["requests"])
	dc.info.Complaints = int(dc.rows["complaints"])
	if dc.info.SchemaVersion == 0 {
		return dc, errDumpForeign()
	}
	if ours := LatestSchema(); dc.info.SchemaVersion > ours {
		return dc, newerBackup(dc.info.SchemaVersion, ours)
	}
	return dc, nil
}

// pgRestore is the command that runs pg_restore (tool) on a dump file
// with args, its messages in English (LC_MESSAGES=C) for toolErr to tell
// them apart.
func pgRestore(ctx context.Context, tool string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Env = append(os.Environ(), "LC_MESSAGES=C")
	return cmd
}

// startPGRestore starts pg_restore (tool) with args, to be read from the
// pipe it returns, its errors written to stderr; op names the work in the
// error when it does not start.
func startPGRestore(ctx context.Context, op, tool string, stderr io.Writer, args ...string) (*exec.Cmd, io.ReadCloser, error) {
	cmd := pgRestore(ctx, tool, args...)
	cmd.Stderr = stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", op, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("data: %s: %w", op, err)
	}
	return cmd, pipe, nil
}

// errDumpCorrupt is readDump's answer for a file pg_restore cannot read.
func errDumpCorrupt() error {
	return Invalid("file", "备份文件已损坏（pg_restore 读不出其中的数据），不能用于恢复。请换一份备份。")
}

// errDumpForeign is readDump's answer for a dump that is not of a store.
func errDumpForeign() error {
	return Invalid("file", "该文件不是便民服务室的数据备份（缺少本程序的数据表），不能用于恢复。")
}

// readList reads the dump's table of contents with pg_restore --list
// (tool): its tables and schema, which must hold this program's tables.
func (dc *dumpContents) readList(ctx context.Context, tool, path string) error {
	var stderr bytes.Buffer
	cmd := pgRestore(ctx, tool, "--list", path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("data: check backup: %w", ctx.Err())
		}
		if strings.Contains(stderr.String(), "unsupported version") {
			return toolErr(ctx, "pg_restore", err, stderr.String())
		}
		return errDumpCorrupt()
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
			return errDumpForeign()
		}
	}
	return nil
}

// readData reads every table's data, as pg_restore (tool) writes it for
// psql: one COPY block per table. Reading it decompresses every block. It
// counts each table's rows and notes what the confirmation shows.
func (dc *dumpContents) readData(ctx context.Context, tool, path string) error {
	var stderr bytes.Buffer
	cmd, pipe, err := startPGRestore(ctx, "check backup", tool, &stderr, "--data-only", "--file=-", path)
	if err != nil {
		return err
	}
	perr := scanCopies(bufio.NewReaderSize(pipe, 1<<16), dc.countRow, nil)
	if perr != nil {
		io.Copy(io.Discard, pipe)
	}
	werr := cmd.Wait()
	if ctx.Err() != nil {
		return fmt.Errorf("data: check backup: %w", ctx.Err())
	}
	if werr != nil || perr != nil {
		return errDumpCorrupt()
	}
	for t := range dc.tables {
		if _, ok := dc.rows[t]; !ok {
			dc.rows[t] = 0
		}
	}
	if len(dc.rows) != len(dc.tables) {
		return errDumpCorrupt()
	}
	return nil
}

// countRow counts one data row of table and notes the schema version, the
// center's name and the newest request in it.
func (dc *dumpContents) countRow(table string, cols []string, line string) {
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
