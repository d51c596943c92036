package data

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// restorePostgres is RestoreFile onto the PostgreSQL store at dsn (see the
// top of backup_pg.go).
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
			"请在 --data 的 search_path 中指定 %s，或用 bianmin copy 迁移数据。", dc.schema, schema, dc.schema)).
			keyed("data.backup.pg.schema", map[string]any{"Backup": dc.schema, "Ours": schema})
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
	cmd := pgRestore(ctx, tool, "--list", src)
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
// (see the top of backup_pg.go). rows are the dump's row counts, checked
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
	var stderr bytes.Buffer
	cmd, pipe, err := startPGRestore(ctx, "restore", tool, &stderr, "--no-owner", "--no-privileges", "--use-list="+list,
		"--file=-", src)
	if err != nil {
		return err
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
