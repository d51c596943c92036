package cli

// `bianmin doctor`: what an installer must know about a machine before
// leaving it, checked and printed in Chinese with an English line under
// each. The checks (doctor_checks.go) see the machine only through an Env
// (doctor_env.go for the real one), so tests run them on made-up machines,
// healthy and broken, without a display, a printer or a network.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"bianmin/data"
	"bianmin/ui/paper"
)

// Status is how a finding of the doctor turned out.
type Status int

// The statuses, from good to bad. Only Fail makes the doctor exit non-zero:
// something that would stop residents being served.
const (
	OK   Status = iota // as it should be
	Note               // worth knowing, nothing to fix (no display over ssh, a file not yet created)
	Warn               // to fix, but residents can still be served
	Fail               // residents cannot be served until it is fixed
)

// Mark is the sign printed before a finding.
func (s Status) Mark() string {
	switch s {
	case OK:
		return "✓"
	case Note:
		return "·"
	case Warn:
		return "!"
	}
	return "✗"
}

// Finding is one line of the doctor's report: Chinese, then English.
type Finding struct {
	Check  string // the check's name
	Status Status
	Zh, En string
}

// Check is one thing the doctor looks at. Run returns one finding or a
// few (the data file's open, size and backups …); it may read what an
// earlier check left on the Doctor (the open store, the center's profile).
type Check struct {
	Name string
	Run  func(ctx context.Context, d *Doctor) []Finding
}

// DoctorOptions are the kiosk's own flags (the doctor takes the same, so
// the kiosk's command line can be pasted after `bianmin doctor`) and
// --print-test.
type DoctorOptions struct {
	Options
	PrintTest bool // --print-test: send a test page to each printer queue
}

// Doctor runs its Checks in order on a machine (Env).
type Doctor struct {
	Opts   DoctorOptions
	Env    Env
	Checks []Check

	// Left by the data check for the others.
	store  *data.Store  // nil when the data file is not open
	center *data.Center // the center's profile, nil when not read
	fresh  bool         // the data file does not exist yet (the first start creates it)
	base   string       // where the QR codes point (the QR check), for the test receipt
	pg     pgServer     // the PostgreSQL server, when --data is a postgres:// DSN
}

// NewDoctor is a doctor with every check (DoctorChecks) on env.
func NewDoctor(o DoctorOptions, env Env) *Doctor {
	return &Doctor{Opts: o, Env: env, Checks: DoctorChecks()}
}

// DoctorChecks are the checks in the order they run and print: the data
// file first (later checks read the center's profile and calendar from
// it), then the machine, then the devices.
func DoctorChecks() []Check {
	return append([]Check{
		{"data", checkData},
		{"backup", checkBackups},
		{"disk", checkDisk},
		{"clock", checkClock},
		{"holidays", checkHolidays},
		{"font", checkFont},
		{"listen", checkListen},
		{"qr", checkQR},
	}, DeviceChecks()...)
}

// DeviceChecks are the checks of the devices the kiosk drives. A device
// added to the kiosk adds its check to this list.
func DeviceChecks() []Check {
	return []Check{
		{"printer", checkPrinters},
		{"screen", checkScreen},
		{"speech", checkSpeech},
		{"idcard", checkIDCard},
	}
}

// Report is what a run of the doctor found, in the order of its checks.
type Report struct {
	At       time.Time
	Findings []Finding
}

// Failed reports whether a finding would stop residents being served.
func (r Report) Failed() bool { return r.Count(Fail) > 0 }

// Count is how many findings have status s.
func (r Report) Count(s Status) int {
	return len(r.where(func(f Finding) bool { return f.Status == s }))
}

// Of is the findings of the named check.
func (r Report) Of(check string) []Finding {
	return r.where(func(f Finding) bool { return f.Check == check })
}

// where is the findings keep is true of, in order.
func (r Report) where(keep func(Finding) bool) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// Run runs every check and closes the data file it opened. A check that
// panics is reported as a failure of that check; the others still run.
func (d *Doctor) Run(ctx context.Context) Report {
	r := Report{At: d.Env.Now()}
	defer func() {
		if d.store != nil {
			d.store.Close()
			d.store = nil
		}
	}()
	for _, c := range d.Checks {
		for _, f := range d.runOne(ctx, c) {
			f.Check = c.Name
			r.Findings = append(r.Findings, f)
		}
	}
	return r
}

func (d *Doctor) runOne(ctx context.Context, c Check) (out []Finding) {
	defer func() {
		if p := recover(); p != nil {
			out = append(out, fail(fmt.Sprintf("检查“%s”时程序出错：%v。请把这一行告诉技术人员。", c.Name, p),
				fmt.Sprintf("The check %q failed with an internal error: %v. Tell a technician.", c.Name, p)))
		}
	}()
	return c.Run(ctx, d)
}

// Write prints the report: a heading, each finding (its mark and the
// Chinese, the English indented under it), and what it comes to.
func (r Report) Write(w io.Writer) {
	fmt.Fprintf(w, "便民服务 自检 bianmin doctor %s — %s 北京时间 China time\n\n", Version,
		r.At.In(data.China).Format("2006-01-02 15:04"))
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%s %s\n  %s\n", f.Status.Mark(), f.Zh, f.En)
	}
	fmt.Fprintln(w)
	ok, notes, warns, fails := r.Count(OK), r.Count(Note), r.Count(Warn), r.Count(Fail)
	fmt.Fprintf(w, "共 %d 项：%d 项正常，%d 项提示，%d 项需要处理，%d 项会影响群众办事。\n", len(r.Findings), ok, notes, warns, fails)
	fmt.Fprintf(w, "Findings: %d; fine %d, notes %d, to fix %d, stopping residents being served %d.\n",
		len(r.Findings), ok, notes, warns, fails)
	switch {
	case fails > 0:
		fmt.Fprintln(w, "请先处理标 ✗ 的项目，再离开。")
		fmt.Fprintln(w, "Fix the lines marked ✗ before leaving the machine.")
	case warns > 0:
		fmt.Fprintln(w, "可以为群众服务；标 ! 的项目请尽快处理。")
		fmt.Fprintln(w, "Residents can be served; fix the lines marked ! soon.")
	default:
		fmt.Fprintln(w, "本机可以为群众服务。")
		fmt.Fprintln(w, "This machine is ready to serve residents.")
	}
}

func ok(zh, en string) Finding   { return Finding{Status: OK, Zh: zh, En: en} }
func note(zh, en string) Finding { return Finding{Status: Note, Zh: zh, En: en} }
func warn(zh, en string) Finding { return Finding{Status: Warn, Zh: zh, En: en} }
func fail(zh, en string) Finding { return Finding{Status: Fail, Zh: zh, En: en} }

// kioskFlags defines the kiosk's flags on fset, into o.
func kioskFlags(fset *flag.FlagSet, o *Options) {
	fset.StringVar(&o.DataFile, "data", DefaultDataFile(), "data file (SQLite), or postgres://user:password@host:port/db for a hall's shared database")
	fset.BoolVar(&o.Windowed, "windowed", false, "run in a window instead of full screen (development)")
	fset.StringVar(&o.Lang, "lang", "zh", "language: zh or en")
	fset.StringVar(&o.Listen, "listen", ":8080", "address of the phone status page; empty to turn it off")
	fset.StringVar(&o.BaseURL, "base-url", "", "public base URL in QR codes (default: the center profile's, or http://<this host><listen>)")
	fset.StringVar(&o.Printer, "printer", "", "CUPS queue for receipts (default: the system default printer)")
	fset.StringVar(&o.A4Printer, "a4-printer", "", "CUPS queue for A4 notices, forms and reports (default: the same as --printer)")
	fset.StringVar(&o.BackupDir, "backup-dir", "", "folder of the automatic daily backups (default: backups/ beside the data file; none for a postgres:// --data)")
	fset.IntVar(&o.BackupKeep, "backup-keep", DefaultBackupKeep, "how many daily backups to keep")
	fset.DurationVar(&o.BackupLimit, "backup-limit", data.DefaultBackupLimit,
		"how long a daily backup may take before it is stopped (e.g. 10m)")
	fset.StringVar(&o.IDCardDevice, "idcard-device", "",
		"serial device of the ID card reader (default: found among /dev/ttyUSB* and /dev/ttyACM*; off: none)")
}

// dataPath is the data file named by --data: a path, or an SQLite URI
// (file:/var/lib/bianmin/bianmin.db?mode=rwc) whose path is taken.
func dataPath(v string) string {
	if !strings.HasPrefix(v, "file:") {
		return v
	}
	v = strings.TrimPrefix(v, "file:")
	v, _, _ = strings.Cut(v, "?")
	if strings.HasPrefix(v, "//") { // file://localhost/path or file:///path
		v = v[2:]
		if i := strings.IndexByte(v, '/'); i >= 0 {
			v = v[i:]
		}
	}
	return v
}

// doctorMain is `bianmin doctor [kiosk flags] [--print-test]`: it runs
// every check on this machine, prints the report and returns 1 when
// something would stop residents being served, else 0.
func doctorMain(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("bianmin doctor", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, usage) }
	var o DoctorOptions
	kioskFlags(fset, &o.Options)
	fset.BoolVar(&o.PrintTest, "print-test", false, "print a test page on each printer queue")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if fset.NArg() > 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	o.DataFile = dataPath(o.DataFile)
	if o.BackupDir == "" {
		o.BackupDir = DefaultBackupDir(o.DataFile)
	}
	r := NewDoctor(o, env).Run(ctx)
	r.Write(stdout)
	if r.Failed() {
		return 1
	}
	return 0
}

// testReceipt is the page --print-test sends to the receipt queue: the
// receipt's own layout, marked as a test, its QR code pointing at the
// phone page's address (so a phone can try it).
func testReceipt(center *data.Center, base string, now time.Time) (paper.Document, error) {
	r := paper.Receipt{
		Item:       "打印测试（安装检查，不是办事回执）",
		ReceiptNo:  "TEST-0000",
		QueryCode:  "000000",
		Time:       now,
		Status:     "测试页，无需保管",
		TrackURL:   base + "/",
		HowToTrack: "这是安装检查打印的测试页。用手机扫描上方二维码，应能打开本终端的查询页面（显示“未找到该页面”即为连通）。",
	}
	if center != nil {
		r.Center, r.Phone = center.Name, center.ComplaintPhone
	}
	return paper.ReceiptPDF(r)
}

// testGuide is the page --print-test sends to the A4 queue: an
// 一次性告知单 laid out as the kiosk prints one, marked as a test.
func testGuide(center *data.Center, now time.Time) (paper.Document, error) {
	g := paper.Guide{
		Item:       "打印测试（安装检查，不是办事指南）",
		Conditions: "本页由 bianmin doctor --print-test 打印，用于检查 A4 打印机。",
		Materials: []paper.Material{
			{Name: "中文、数字 0123456789 和英文 ABC abc 应清晰完整", Required: true, Form: "原件"},
		},
		Procedure: []string{"检查本页是否完整、清晰、没有被裁切", "确认后即可丢弃本页"},
		Fee:       "不收费",
		Printed:   now,
	}
	if center != nil {
		g.Center, g.Phone, g.Complaint = center.Name, center.Phone, center.ComplaintPhone
	}
	return paper.GuidePDF(g, paper.A4)
}

// hostOf is the host of a listen address or URL host ("" for all
// addresses, as in ":8080").
func hostOf(hostport string) (host, port string) {
	h, p, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport, ""
	}
	return h, p
}
