package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"bianmin/data"
)

// copyCmd is `bianmin copy --data SRC --to DST`: the whole store at SRC
// copied into the empty one at DST (a SQLite data file or a postgres://
// DSN, either way), for moving a service room's data into a hall's
// PostgreSQL database (or back). See data.Copy.
func copyCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fset := flag.NewFlagSet("bianmin copy", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	src := fset.String("data", DefaultDataFile(), "the store to copy")
	dst := fset.String("to", "", "the empty store to copy into")
	if err := fset.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fset.NArg() > 0 || *dst == "" {
		return fmt.Errorf("%w: copy %s", errUsage, strings.Join(args, " "))
	}
	return CopyStore(ctx, *src, *dst, stdout)
}

// CopyStore copies the store at src into the empty store at dst, saying
// how far it is on out, then what it copied. A new SQLite data file made
// for the copy is removed again when the copy fails; one that was copied
// into gets its first-start marker (MarkerFile), as a kiosk's data file.
func CopyStore(ctx context.Context, src, dst string, out io.Writer) error {
	if !data.IsPostgresDSN(src) {
		if err := checkNotLost(src); err != nil {
			return err
		}
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("没有找到要复制的数据文件 %s，请核对 --data 的位置。\n(no data file at %s: check --data)", src, src)
		}
	}
	if !data.IsPostgresDSN(dst) && !data.IsPostgresDSN(src) && sameFile(src, dst) {
		return data.Invalid("to", "复制的来源和目标是同一个数据文件，请给 --to 另一个数据文件或数据库。")
	}
	from, err := data.Open(ctx, src)
	if err != nil {
		return fmt.Errorf("%s: %w", redactDSN(src), err)
	}
	defer from.Close()
	undo := func() {}
	if !data.IsPostgresDSN(dst) {
		if _, err := os.Stat(dst); errors.Is(err, fs.ErrNotExist) {
			_, markErr := os.Stat(data.ReceiptMarkFile(dst))
			undo = func() {
				for _, suffix := range []string{"", "-wal", "-shm"} {
					_ = os.Remove(dst + suffix)
				}
				if errors.Is(markErr, fs.ErrNotExist) {
					_ = os.Remove(data.ReceiptMarkFile(dst))
				}
			}
		}
	}
	to, err := data.Open(ctx, dst)
	if err != nil {
		undo()
		return fmt.Errorf("%s: %w", redactDSN(dst), err)
	}
	fmt.Fprintf(out, "复制 copying %s → %s\n", redactDSN(src), redactDSN(dst))
	p := &copyProgress{out: out}
	start := time.Now()
	rep, err := data.Copy(ctx, from, to, p.show)
	p.end()
	if cerr := to.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		undo()
		if !errors.Is(err, data.ErrNotEmpty) && !errors.Is(err, data.ErrInvalid) {
			fmt.Fprintln(out, "复制没有完成，目标里没有写入任何内容；处理好下面的问题后再复制一次即可。\n"+
				"(the copy did not finish and nothing was written to the destination; fix the problem below and copy again)")
		}
		return err
	}
	if !data.IsPostgresDSN(dst) {
		if err := writeMarker(dst); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "已复制 copied: %d 张表 tables, %d 行 rows, 用时 %.1f 秒 s；每张表的行数已与来源核对一致 (row counts checked against the source, table by table)\n",
		len(rep.Tables), rep.Rows, time.Since(start).Seconds())
	for _, t := range rep.Tables {
		if t.Rows > 0 {
			fmt.Fprintf(out, "  %-24s %d\n", t.Name, t.Rows)
		}
	}
	return nil
}

// copyProgress is the progress line of a copy: one line, rewritten in
// place, at most every tenth of a second and at the end of each table.
type copyProgress struct {
	out   io.Writer
	last  time.Time
	shown bool
}

func (p *copyProgress) show(table string, done, total int64) {
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.shown = true
	fmt.Fprintf(p.out, "\r  %-24s %9d / %-9d", table, done, total)
}

func (p *copyProgress) end() {
	if p.shown {
		fmt.Fprintf(p.out, "\r%60s\r", "")
	}
}

// redactDSN is a PostgreSQL DSN without its password (in the address or
// as a parameter), for messages; a
// data file's path as it is.
func redactDSN(dsn string) string {
	if !data.IsPostgresDSN(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// sameFile says whether paths a and b name the same existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
