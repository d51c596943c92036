// Package cli is everything the bianmin command does before (or instead of)
// opening a window: flags, the data file's location, first-start seeding
// (and refusing to seed a data file that was lost, see MarkerFile), and the
// subcommands `catalog import|export`, `restore`, `synth items|requests`,
// `doctor` (an installer's check of the machine), `version`, `serve`
// (the phone status page alone, see Serve) and `copy` (a whole store into
// an empty one, see CopyStore).
// It builds without cgo, so it is tested like any other package; package
// main adds only the Fyne app.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bianmin/data"
)

// Options are the flags of the kiosk itself.
type Options struct {
	DataFile string // --data
	Windowed bool   // --windowed
	Lang     string // --lang zh|en
	Listen   string // --listen: address of the phone status page ("" = off)
	BaseURL  string // --base-url: public URL the QR codes point to
	Printer  string // --printer: CUPS queue ("" = system default)
	// A4Printer is --a4-printer: the CUPS queue for what goes on A4
	// (notices, forms, reports); "" = the same as Printer, and the kiosk's
	// 一次性告知单 then stays on the roll.
	A4Printer string

	BackupDir  string // --backup-dir: folder of the daily backups (default: DefaultBackupDir)
	BackupKeep int    // --backup-keep: how many daily backups to keep
	// BackupLimit is --backup-limit: how long one daily backup may take
	// before it is stopped (default data.DefaultBackupLimit).
	BackupLimit time.Duration
	// IDCardDevice is --idcard-device: the identity-card reader's serial
	// device; "" finds it (the first /dev/ttyUSB* or /dev/ttyACM* that
	// answers the reader's protocol), IDCardOff turns it off.
	IDCardDevice string

	// Set by Main, not by a flag. When the data file could not be opened
	// (a storage failure: StorageFailure), GUI is called with a nil store:
	// OpenErr says why, and Reopen tries again (the window's 重试, and
	// after a restore); a window, not an exit, tells staff what to do.
	OpenErr error
	Reopen  func(ctx context.Context) (*data.Store, error)
}

// GUI opens the kiosk on an open store and returns when its window closes.
type GUI func(ctx context.Context, s *data.Store, o Options) error

// Seed is the sample catalog loaded into a new data file, and the folder its
// photo files are read from.
type Seed struct {
	Catalog []byte
	Files   fs.FS
}

const usage = `用法 Usage:
  bianmin [--data FILE] [--windowed] [--lang zh|en] [--listen ADDR] [--base-url URL] [--printer QUEUE]
          [--a4-printer QUEUE] [--backup-dir DIR] [--backup-keep N] [--backup-limit 10m]
          [--idcard-device PATH|off]
      打开自助终端 (opens the kiosk)
  bianmin catalog import FILE [--data FILE]   导入事项目录 (import a catalog; all or nothing)
  bianmin catalog export FILE [--data FILE]   导出事项目录 (export the catalog)
  bianmin restore BACKUP [--data FILE]       从备份恢复数据文件 (restore the data file from a backup; program closed)
  bianmin synth items -n N [--data FILE]      生成演示事项 (add N synthetic service items)
  bianmin synth requests -n N [--data FILE]   生成演示办件 (add N synthetic requests)
  bianmin doctor [--data FILE] [--print-test] [上面自助终端的其他参数 the kiosk's other flags]
      检查本机能否正常服务：数据文件、备份、磁盘、时钟、节假日安排、字体、端口、二维码地址、打印机、屏幕、朗读
      (checks this machine: data file, backups, disk, clock, holidays, font, port, QR address, printers, screen,
      speech; exit status 1 when something stops residents being served)
  bianmin version, bianmin --version          显示版本和构建信息 (print the version and build)
  bianmin serve [--data FILE] [--listen ADDR] [--base-url URL] [--trust-proxy ADDRS] [--backup-dir DIR] [--backup-keep N]
      只提供手机查询页，不开窗口 (serves the phone status page alone, without a window)
  bianmin idcard [--device PATH] [--wait 30s] 读一张身份证，显示阅读器状态和遮挡后的姓名、号码 (test the ID card reader)
  bianmin copy [--data FILE] --to DST
      把整个数据（事项目录、办件、投诉、人员、日志……）复制到一个新建的空数据库或数据文件，回执号和二维码照常可用
      (copies the whole store into an empty one; DST is a data file or postgres://user:pass@host:port/db, either way)
`

// DefaultDataFile is $XDG_DATA_HOME/bianmin/bianmin.db, or
// ~/.local/share/bianmin/bianmin.db when XDG_DATA_HOME is unset.
func DefaultDataFile() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "bianmin", "bianmin.db")
}

// Main runs the command with args (without the program name) and returns the
// exit code. gui is nil in tests of the subcommands.
func Main(ctx context.Context, args []string, seed Seed, gui GUI, stdout, stderr io.Writer) int {
	return mainEnv(ctx, args, seed, gui, RealEnv(), stdout, stderr)
}

// mainEnv is Main on the machine env (what `bianmin doctor` looks at).
func mainEnv(ctx context.Context, args []string, seed Seed, gui GUI, env Env, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "version" || args[0] == "--version" || args[0] == "-version") {
		if len(args) > 1 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		ReadBuildInfo().Write(stdout)
		return 0
	}
	if len(args) > 0 && args[0] == "doctor" {
		return doctorMain(ctx, args[1:], env, stdout, stderr)
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		err := sub(ctx, args, seed, stdout)
		if err != nil {
			findNewestGood(ctx, err)
			fmt.Fprintln(stderr, "bianmin:", describe(err))
			if errors.Is(err, flag.ErrHelp) || errors.Is(err, errUsage) {
				fmt.Fprint(stderr, usage)
				return 2
			}
			return 1
		}
		return 0
	}
	fset := flag.NewFlagSet("bianmin", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, usage) }
	var o Options
	kioskFlags(fset, &o)
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if o.BackupDir == "" {
		o.BackupDir = DefaultBackupDir(o.DataFile)
	}
	if o.BackupKeep < 1 {
		fmt.Fprintln(stderr, "bianmin: --backup-keep must be at least 1")
		return 2
	}
	if o.BackupLimit < time.Minute {
		fmt.Fprintln(stderr, "bianmin: --backup-limit must be at least 1m")
		return 2
	}
	if fset.NArg() > 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	o.Reopen = func(ctx context.Context) (*data.Store, error) {
		s, err := OpenForKiosk(ctx, o.DataFile, seed)
		err = fullDisk(o.DataFile, err, nil)
		var gone *DataGoneError
		if errors.As(err, &gone) {
			err = gone.withBackups(o.BackupDir)
		}
		return s, err
	}
	s, err := o.Reopen(ctx)
	if err != nil {
		findNewestGood(ctx, err) // named in the message (the window's offer looks by itself)
		fmt.Fprintln(stderr, "bianmin:", describe(err))
		if gui == nil || !StorageFailure(err) {
			return 1
		}
		o.OpenErr = err // the window says it and offers 重试 and the newest good backup
	} else {
		defer func() {
			if s != nil {
				s.Close()
			}
		}()
	}
	// The GUI erases expired personal information (PurgeExpired) once its
	// window is on screen, so that the kiosk opens without waiting for it.
	if gui == nil {
		fmt.Fprintln(stderr, "bianmin: this build has no window")
		return 1
	}
	if err := gui(ctx, s, o); err != nil {
		fmt.Fprintln(stderr, "bianmin:", describe(err))
		return 1
	}
	return 0
}

var errUsage = errors.New("usage")

// OpenForKiosk is OpenSeeded, then a write probe (data.Store.ProbeWrite):
// a data file that another program holds locked, or that is read-only, is
// said at start rather than at the first resident's registration.
func OpenForKiosk(ctx context.Context, path string, seed Seed) (*data.Store, error) {
	matchSideFiles(path)
	s, err := OpenSeeded(ctx, path, seed)
	if err != nil {
		return nil, err
	}
	if err := s.ProbeWrite(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// matchSideFiles gives the -wal and -shm files beside the data file the
// data file's permissions when they have fewer: SQLite makes them with the
// data file's mode, so a data file that was read-only leaves a read-only
// -shm behind, and the file stays unwritable after staff made it writable
// again (their 重试 would fail on it with no file to blame in sight).
func matchSideFiles(path string) {
	fi, err := os.Stat(path)
	if err != nil {
		return
	}
	want := fi.Mode().Perm()
	for _, suffix := range []string{"-wal", "-shm"} {
		side, err := os.Stat(path + suffix)
		if err == nil && side.Mode().Perm()&want != want {
			_ = os.Chmod(path+suffix, side.Mode().Perm()|want)
		}
	}
}

// StorageFailure reports whether err is a failure of the data file a
// person can meet (lost, busy, full, read-only, damaged, I/O, cannot
// open), which the kiosk shows in a window with 重试 instead of exiting.
func StorageFailure(err error) bool {
	var gone *DataGoneError
	if errors.As(err, &gone) {
		return true
	}
	for _, e := range []error{data.ErrBusy, data.ErrFull, data.ErrReadOnly, data.ErrCorrupt, data.ErrIO, data.ErrCantOpen} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// OpenSeeded opens the data file and, when it is new, loads the official
// holiday calendar and the sample catalog into it. A data file that existed
// (its marker says so, see MarkerFile) and is now missing or empty is
// never seeded: OpenSeeded returns a *DataGoneError and leaves it alone.
func OpenSeeded(ctx context.Context, path string, seed Seed) (*data.Store, error) {
	if err := checkNotLost(path); err != nil {
		return nil, err
	}
	_, markErr := os.Stat(MarkerFile(path))
	marked := markErr == nil
	s, err := data.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	empty, err := s.Empty(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	if empty && marked {
		s.Close()
		return nil, (&DataGoneError{Path: path, Empty: true}).withBackups(DefaultBackupDir(path))
	}
	if !empty && !marked {
		// A data file from before the marker existed: mark it now.
		if err := writeMarker(path); err != nil {
			s.Close()
			return nil, err
		}
	}
	if empty {
		// The official holiday schedule ships with the program; the
		// sample catalog fills in everything else.
		if err := s.PutCalendarDays(ctx, data.OfficialCalendarDays()); err != nil {
			s.Close()
			return nil, fmt.Errorf("holiday calendar: %w", err)
		}
		if seed.Catalog != nil {
			if _, err := s.ImportCatalog(ctx, strings.NewReader(string(seed.Catalog)), seed.Files); err != nil {
				s.Close()
				return nil, fmt.Errorf("sample catalog: %w", err)
			}
		}
		if err := writeMarker(path); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func sub(ctx context.Context, args []string, seed Seed, stdout io.Writer) error {
	if args[0] == "serve" {
		return serveCmd(ctx, args[1:], stdout) // flags of its own
	}
	if args[0] == "idcard" {
		return idcardCmd(ctx, args[1:], stdout)
	}
	if args[0] == "copy" {
		return copyCmd(ctx, args[1:], stdout) // flags of its own
	}
	fset := flag.NewFlagSet("bianmin "+strings.Join(args[:min(2, len(args))], " "), flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	dataFile := fset.String("data", DefaultDataFile(), "data file")
	n := fset.Int("n", 0, "how many")
	cmd := args[0]
	var verb string
	rest := args[1:]
	if len(rest) > 0 && cmd != "restore" {
		verb, rest = rest[0], rest[1:]
	}
	// Flags may come before or after the file name.
	var pos []string
	for {
		if err := fset.Parse(rest); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if fset.NArg() == 0 {
			break
		}
		pos = append(pos, fset.Arg(0))
		rest = fset.Args()[1:]
	}
	switch {
	case cmd == "catalog" && verb == "import" && len(pos) == 1:
		return catalogImport(ctx, *dataFile, pos[0], seed, stdout)
	case cmd == "catalog" && verb == "export" && len(pos) == 1:
		return catalogExport(ctx, *dataFile, pos[0], seed, stdout)
	case cmd == "restore" && len(pos) == 1:
		return restoreCmd(ctx, *dataFile, pos[0], stdout)
	case cmd == "synth" && (verb == "items" || verb == "requests") && len(pos) == 0 && *n > 0:
		return synth(ctx, verb, *dataFile, *n, seed, stdout)
	case cmd == "help":
		return flag.ErrHelp
	}
	return fmt.Errorf("%w: %s", errUsage, strings.Join(args, " "))
}

func catalogImport(ctx context.Context, dataFile, file string, seed Seed, stdout io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := checkNotLost(dataFile); err != nil {
		return err
	}
	s, err := data.Open(ctx, dataFile)
	if err != nil {
		return err
	}
	defer s.Close()
	// Any size: what catalog export wrote must come back in.
	sum, err := s.ImportCatalogAnySize(ctx, f, os.DirFS(filepath.Dir(file)))
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(stdout, "已导入 imported: %d 个窗口 windows, %d 名工作人员 staff, %d 个事项 items, %d 项公开 disclosures (%d 个版本 versions), %d 个日期 calendar days\n",
		sum.Windows, sum.Staff, sum.Items, sum.Disclosures, sum.Versions, sum.CalendarDays)
	if sum.Converted != "" {
		fmt.Fprintf(stdout, "%s（converted from %s to UTF-8）\n", sum.ConvertedNote(), sum.Converted)
	}
	return nil
}

func catalogExport(ctx context.Context, dataFile, file string, seed Seed, stdout io.Writer) error {
	s, err := OpenSeeded(ctx, dataFile, seed)
	if err != nil {
		return err
	}
	defer s.Close()
	// Through a temporary file renamed at the end, so a failed export
	// never leaves half a file where a good one was.
	if err := data.WriteFileAtomic(ctx, file, func(w io.Writer) error { return s.ExportCatalog(ctx, w) }); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "已导出 exported:", file)
	return nil
}

func synth(ctx context.Context, what, dataFile string, n int, seed Seed, stdout io.Writer) error {
	s, err := OpenSeeded(ctx, dataFile, seed)
	if err != nil {
		return err
	}
	defer s.Close()
	if what == "items" {
		added, err := s.AddSynthItems(ctx, n, 1)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "已生成 added %d 个演示事项 synthetic items\n", added)
		return nil
	}
	added, err := s.AddSynthRequests(ctx, n, uint64(time.Now().UnixNano()))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已生成 added %d 件演示办件 synthetic requests\n", added)
	return nil
}

// describe gives the Chinese message for errors that have one, followed by
// the technical text for the log.
func describe(err error) string {
	var ie *data.InvalidError
	var gone *DataGoneError
	var notEmpty *data.NotEmptyError
	if errors.As(err, &gone) {
		return gone.Error()
	}
	if errors.As(err, &notEmpty) {
		return notEmpty.Error()
	}
	for _, e := range []error{data.ErrBusy, data.ErrFull, data.ErrReadOnly, data.ErrCorrupt, data.ErrIO, data.ErrCantOpen} {
		if errors.Is(err, e) {
			// The sentence a person acts on, then the technical text.
			return data.Message(err) + "\n（" + err.Error() + "）"
		}
	}
	if errors.As(err, &ie) {
		if ie.Field != "" {
			return ie.Msg + "（位置 at: " + ie.Field + "）"
		}
		return ie.Msg
	}
	return err.Error()
}
