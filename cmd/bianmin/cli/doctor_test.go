package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper"
	"bianmin/ui/web"
)

// machine is a made-up machine for the doctor: fields the tests change,
// turned into an Env by env.
type machine struct {
	now      time.Time
	built    time.Time
	zone     *time.Location
	cmds     map[string]cmdResult // "lpstat -r" → what it says; a command not listed is not installed
	free     uint64
	addrs    []net.Addr
	hosts    map[string][]string
	listens  map[string]bool // host:port something accepts connections on
	bindErr  error
	ours     bool
	screen   Screen
	scrErr   error
	printed  []string // queue and format of each page printed
	printErr error
}

type cmdResult struct {
	out string
	err error
}

// healthy is a machine on which everything is as it should be, in June
// 2026 (next year's holidays not yet published), with the kiosk not
// running.
func healthy() *machine {
	wav := "RIFF" + strings.Repeat("\x00", 4000)
	return &machine{
		now:   time.Date(2026, 6, 15, 10, 0, 0, 0, data.China),
		built: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC),
		zone:  time.UTC,
		cmds: map[string]cmdResult{
			"lpstat -r": {out: "scheduler is running\n"},
			"lpstat -p -a": {out: "printer roll80 is idle.  enabled since Mon 15 Jun 2026 09:00:00 AM CST\n" +
				"printer office-a4 is idle.  enabled since Mon 15 Jun 2026 09:00:00 AM CST\n" +
				"roll80 accepting requests since Mon 15 Jun 2026 09:00:00 AM CST\n" +
				"office-a4 accepting requests since Mon 15 Jun 2026 09:00:00 AM CST\n"},
			"lpstat -d":        {out: "system default destination: roll80\n"},
			"lpstat -o roll80": {out: ""},
			"timedatectl show -p NTPSynchronized --value": {out: "yes\n"},
			"espeak-ng --voices=cmn": {out: "Pty Language       Age/Gender VoiceName          File                 Other Languages\n" +
				" 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)\n"},
			"espeak-ng -v cmn --stdout 您好": {out: wav},
		},
		free:    50 << 30,
		addrs:   []net.Addr{&net.IPNet{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(8, 32)}, &net.IPNet{IP: net.IPv4(192, 168, 1, 20).To4(), Mask: net.CIDRMask(24, 32)}},
		hosts:   map[string][]string{"kiosk.lan": {"192.168.1.20"}},
		listens: map[string]bool{},
		screen:  Screen{Width: 1920, Height: 1080, Source: "X :0"},
	}
}

func (m *machine) env() Env {
	return Env{
		Now:   func() time.Time { return m.now },
		Zone:  m.zone,
		Built: m.built,
		Run: func(_ context.Context, name string, args ...string) (string, error) {
			r, ok := m.cmds[strings.Join(append([]string{name}, args...), " ")]
			switch {
			case !ok && !m.has(name):
				return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
			case !ok:
				return "", errors.New("exit status 1")
			}
			return r.out, r.err
		},
		FreeSpace: func(string) (uint64, error) { return m.free, nil },
		Addrs:     func() ([]net.Addr, error) { return m.addrs, nil },
		LookupHost: func(_ context.Context, host string) ([]string, error) {
			if ips, ok := m.hosts[host]; ok {
				return ips, nil
			}
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		},
		Listening: func(_ context.Context, hostport string) bool { return m.listens[hostport] },
		Bind:      func(string) error { return m.bindErr },
		Ours:      func(context.Context, string) bool { return m.ours },
		Screen:    func(context.Context) (Screen, error) { return m.screen, m.scrErr },
		Print: func(_ context.Context, queue string, d paper.Document) (string, error) {
			if m.printErr != nil {
				return "", m.printErr
			}
			m.printed = append(m.printed, queue+" "+d.Format.String())
			return queue + "-7", nil
		},
	}
}

// has reports whether any command of program name is known (installed).
func (m *machine) has(name string) bool {
	for k := range m.cmds {
		if strings.HasPrefix(k, name+" ") {
			return true
		}
	}
	return false
}

// kioskData makes a seeded data file (with its marker) and a good daily
// backup of it made 3 hours before now; it returns the data file's path.
func kioskData(t *testing.T, now time.Time) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	b, err := s.BackupDaily(ctx, DefaultBackupDir(path), DefaultBackupKeep)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	at := now.Add(-3 * time.Hour)
	require.NoError(t, os.Chtimes(b, at, at))
	return path
}

func doctorOpts(path string) DoctorOptions {
	return DoctorOptions{Options: Options{DataFile: path, BackupDir: DefaultBackupDir(path), Listen: ":8080"}}
}

// statusOf is the worst status among the findings of check.
func statusOf(t *testing.T, r Report, check string) Status {
	t.Helper()
	fs := r.Of(check)
	require.NotEmpty(t, fs, "no finding of %s", check)
	worst := OK
	for _, f := range fs {
		worst = max(worst, f.Status)
	}
	return worst
}

// text is every finding of check, Chinese and English.
func text(r Report, check string) string {
	var b strings.Builder
	for _, f := range r.Of(check) {
		b.WriteString(f.Zh + "\n" + f.En + "\n")
	}
	return b.String()
}

func TestDoctorHealthyMachine(t *testing.T) {
	m := healthy()
	path := kioskData(t, m.now)
	o := doctorOpts(path)
	o.A4Printer = "office-a4"
	o.PrintTest = true
	r := NewDoctor(o, m.env()).Run(context.Background())

	for _, c := range DoctorChecks() {
		assert.LessOrEqual(t, statusOf(t, r, c.Name), Note, "%s:\n%s", c.Name, text(r, c.Name))
	}
	assert.False(t, r.Failed())
	assert.Zero(t, r.Count(Warn))
	assert.Contains(t, text(r, "data"), "测试服务室")
	assert.Contains(t, text(r, "data"), "完整性检查通过")
	assert.Contains(t, text(r, "backup"), "bianmin-")
	assert.Contains(t, text(r, "backup"), "3 小时前")
	assert.Contains(t, text(r, "clock"), "北京时间 2026年6月15日 10:00（星期一）")
	assert.Contains(t, text(r, "clock"), "不受本机时区影响", "a UTC machine is told the program keeps China time")
	assert.Contains(t, text(r, "holidays"), "2026年节假日安排已导入")
	assert.Equal(t, Note, statusOf(t, r, "holidays"), "2027's schedule is not out in June")
	assert.Contains(t, text(r, "font"), "3755")
	assert.Contains(t, text(r, "qr"), "http://192.168.1.20:8080")
	assert.Contains(t, text(r, "printer"), "回执打印机（系统默认） roll80")
	assert.Contains(t, text(r, "printer"), "A4 打印机 office-a4")
	assert.Equal(t, []string{"roll80 80mm", "office-a4 A4"}, m.printed, "a test page on each queue, in its format")
	assert.Contains(t, text(r, "screen"), "1920×1080")

	var out bytes.Buffer
	r.Write(&out)
	assert.Contains(t, out.String(), "✓ 数据文件 "+path)
	assert.Contains(t, out.String(), "\n  Data file "+path)
	assert.Contains(t, out.String(), "本机可以为群众服务。")
}

// TestDoctorBrokenMachines breaks one thing at a time on a healthy
// machine and expects that check, and only whether the run failed, to
// say so.
func TestDoctorBrokenMachines(t *testing.T) {
	for name, tc := range map[string]struct {
		breakIt func(m *machine, o *DoctorOptions)
		check   string
		status  Status
		says    string
	}{
		"NoCUPSClient": {func(m *machine, o *DoctorOptions) {
			for k := range m.cmds {
				if strings.HasPrefix(k, "lpstat") {
					delete(m.cmds, k)
				}
			}
		}, "printer", Fail, "cups-client"},
		"SchedulerDown": {func(m *machine, o *DoctorOptions) {
			m.cmds["lpstat -r"] = cmdResult{out: "scheduler is not running\n", err: errors.New("exit status 1")}
		}, "printer", Fail, "没有运行"},
		"NoQueueAtAll": {func(m *machine, o *DoctorOptions) {
			m.cmds["lpstat -p -a"] = cmdResult{out: "lpstat: No destinations added.\n", err: errors.New("exit status 1")}
		}, "printer", Fail, "没有任何打印机队列"},
		"NoDefaultQueue": {func(m *machine, o *DoctorOptions) {
			m.cmds["lpstat -d"] = cmdResult{out: "no system default destination\n"}
		}, "printer", Fail, "lpoptions -d"},
		"QueueMissing": {func(m *machine, o *DoctorOptions) { o.Printer = "thermal" }, "printer", Fail, "thermal 不存在"},
		"QueueStopped": {func(m *machine, o *DoctorOptions) {
			m.cmds["lpstat -p -a"] = cmdResult{out: "printer roll80 disabled since Mon 15 Jun 2026 09:00:00 AM CST -\n\tMedia empty\n" +
				"roll80 accepting requests since Mon 15 Jun 2026 09:00:00 AM CST\n"}
		}, "printer", Fail, "cupsenable roll80"},
		"QueueRefusing": {func(m *machine, o *DoctorOptions) {
			m.cmds["lpstat -p -a"] = cmdResult{out: "printer roll80 is idle.  enabled since Mon 15 Jun 2026\n" +
				"roll80 not accepting requests since Mon 15 Jun 2026 -\n\tRejecting Jobs\n"}
		}, "printer", Fail, "cupsaccept roll80"},
		"A4QueueStopped": {func(m *machine, o *DoctorOptions) {
			o.A4Printer = "office-a4"
			m.cmds["lpstat -p -a"] = cmdResult{out: "printer roll80 is idle.  enabled since Mon\nprinter office-a4 disabled since Mon -\n\tPaper jam\n" +
				"roll80 accepting requests since Mon\noffice-a4 accepting requests since Mon\n"}
		}, "printer", Fail, "A4 打印机 office-a4 已停用（Paper jam）"},
		"JobsPilingUp": {func(m *machine, o *DoctorOptions) {
			m.cmds["lpstat -o roll80"] = cmdResult{out: "roll80-41  kiosk  10240  Mon 15 Jun 2026 08:01:00 AM CST\n" +
				"roll80-42  kiosk  10240  Mon 15 Jun 2026 08:05:00 AM CST\n"}
		}, "printer", Warn, "2 个打印任务在排队"},
		"TestPageFails": {func(m *machine, o *DoctorOptions) {
			o.PrintTest = true
			m.printErr = &paper.PrintError{Kind: paper.ErrJobFailed, Queue: "roll80", Detail: "job aborted"}
		}, "printer", Fail, "测试页没有打印出来"},
		"ClockBeforeBuild": {func(m *machine, o *DoctorOptions) {
			m.now = time.Date(2020, 1, 1, 8, 0, 0, 0, data.China)
		}, "clock", Fail, "时钟不对"},
		"ClockBeforeShippedSchedule": {func(m *machine, o *DoctorOptions) {
			m.built, m.now = time.Time{}, time.Date(2024, 3, 1, 8, 0, 0, 0, data.China)
		}, "clock", Fail, "时钟不对"},
		"ClockYearsAhead": {func(m *machine, o *DoctorOptions) {
			m.now = time.Date(2031, 6, 15, 10, 0, 0, 0, data.China)
		}, "clock", Warn, "三年多"},
		"ClockNotSynced": {func(m *machine, o *DoctorOptions) {
			m.cmds["timedatectl show -p NTPSynchronized --value"] = cmdResult{out: "no\n"}
		}, "clock", Note, "没有与网络时间同步"},
		"DiskFull": {func(m *machine, o *DoctorOptions) { m.free = 200 << 10 }, "disk", Fail, "已满"},
		"DiskLow":  {func(m *machine, o *DoctorOptions) { m.free = 100 << 20 }, "disk", Warn, "只剩 100.0 MB"},
		"PortTaken": {func(m *machine, o *DoctorOptions) {
			m.bindErr = &net.OpError{Op: "listen", Err: os.NewSyscallError("bind", syscall.EADDRINUSE)}
		}, "listen", Warn, "已被其他程序占用"},
		"PortPrivileged": {func(m *machine, o *DoctorOptions) {
			o.Listen = ":80"
			m.bindErr = &net.OpError{Op: "listen", Err: os.NewSyscallError("bind", syscall.EACCES)}
		}, "listen", Warn, "1024"},
		"PhonePageOff":    {func(m *machine, o *DoctorOptions) { o.Listen = "" }, "listen", Note, "已关闭"},
		"QROnLoopback":    {func(m *machine, o *DoctorOptions) { o.BaseURL = "http://127.0.0.1:8080" }, "qr", Warn, "回环"},
		"QRHostUnknown":   {func(m *machine, o *DoctorOptions) { o.BaseURL = "http://bianmin.example.invalid:8080" }, "qr", Warn, "无法解析"},
		"QRNoNetwork":     {func(m *machine, o *DoctorOptions) { m.addrs = m.addrs[:1] }, "qr", Warn, "手机无法访问"},
		"QRWrongPort":     {func(m *machine, o *DoctorOptions) { o.BaseURL = "http://kiosk.lan:9000" }, "qr", Warn, "--listen 一致"},
		"QRElsewhereDown": {func(m *machine, o *DoctorOptions) { o.BaseURL = "http://10.9.9.9" }, "qr", Warn, "不是本机的地址"},
		"NoDisplay":       {func(m *machine, o *DoctorOptions) { m.scrErr = ErrNoDisplay }, "screen", Note, "没有找到显示器"},
		"SmallScreen":     {func(m *machine, o *DoctorOptions) { m.screen = Screen{Width: 1024, Height: 768, Source: "X :0"} }, "screen", Warn, "1024×768"},
		"NoEspeak": {func(m *machine, o *DoctorOptions) {
			delete(m.cmds, "espeak-ng --voices=cmn")
			delete(m.cmds, "espeak-ng -v cmn --stdout 您好")
		}, "speech", Warn, "apt install espeak-ng"},
		"NoMandarinVoice": {func(m *machine, o *DoctorOptions) {
			m.cmds["espeak-ng --voices=cmn"] = cmdResult{out: "Pty Language       Age/Gender VoiceName          File                 Other Languages\n"}
		}, "speech", Warn, "没有普通话语音"},
		"HolidaysMissingThisYear": {func(m *machine, o *DoctorOptions) {
			m.now = time.Date(2027, 3, 1, 10, 0, 0, 0, data.China)
		}, "holidays", Warn, "2027年节假日安排尚未导入"},
		"HolidaysNextYearDue": {func(m *machine, o *DoctorOptions) {
			m.now = time.Date(2026, 12, 7, 10, 0, 0, 0, data.China)
		}, "holidays", Warn, "2027年节假日安排尚未导入"},
	} {
		t.Run(name, func(t *testing.T) {
			m := healthy()
			path := kioskData(t, m.now)
			o := doctorOpts(path)
			tc.breakIt(m, &o)
			r := NewDoctor(o, m.env()).Run(context.Background())
			assert.Equal(t, tc.status, statusOf(t, r, tc.check), text(r, tc.check))
			assert.Contains(t, text(r, tc.check), tc.says)
			assert.Equal(t, tc.status == Fail, r.Failed(), "only a failure fails the run")
		})
	}
}

// TestDoctorDataFile: the data file's states an installer can meet.
func TestDoctorDataFile(t *testing.T) {
	ctx := context.Background()
	t.Run("NotCreatedYet", func(t *testing.T) {
		m := healthy()
		path := filepath.Join(t.TempDir(), "new", "bianmin.db")
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.False(t, r.Failed(), "a new machine's first start creates the file")
		assert.Equal(t, Note, statusOf(t, r, "data"))
		assert.Contains(t, text(r, "data"), "尚未建立")
		assert.Equal(t, Note, statusOf(t, r, "backup"))
		assert.Contains(t, text(r, "holidays"), "2026年节假日安排已导入", "the shipped schedule is what the first start loads")
		assert.NoFileExists(t, path, "the doctor creates nothing")
	})
	t.Run("Lost", func(t *testing.T) {
		m := healthy()
		path := kioskData(t, m.now)
		require.NoError(t, os.Remove(path))
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.True(t, r.Failed())
		assert.Equal(t, Fail, statusOf(t, r, "data"))
		assert.Contains(t, text(r, "data"), "bianmin restore "+DefaultBackupDir(path), "names the newest good backup")
		assert.Contains(t, r.Of("data")[0].En, "The data file "+path+" existed")
		assert.NoFileExists(t, path)
	})
	t.Run("Damaged", func(t *testing.T) {
		m := healthy()
		path := kioskData(t, m.now)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		require.NoError(t, err)
		st, _ := f.Stat()
		_, err = f.WriteAt(bytes.Repeat([]byte{0x5a}, int(st.Size())-4096), 4096) // every page but the header
		require.NoError(t, err)
		require.NoError(t, f.Close())
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.True(t, r.Failed())
		assert.Equal(t, Fail, statusOf(t, r, "data"))
		assert.Contains(t, text(r, "data"), "已损坏")
		assert.Equal(t, OK, statusOf(t, r, "backup"), "the backup to restore is named")
	})
	t.Run("NotOurs", func(t *testing.T) {
		m := healthy()
		path := filepath.Join(t.TempDir(), "notes.txt")
		require.NoError(t, os.WriteFile(path, []byte(strings.Repeat("not a database\n", 50)), 0o600))
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.Equal(t, Fail, statusOf(t, r, "data"))
		assert.Contains(t, text(r, "data"), "不是便民服务的数据文件")
		assert.Contains(t, text(r, "holidays"), "未检查")
	})
	t.Run("ForeignSQLite", func(t *testing.T) {
		m := healthy()
		path := filepath.Join(t.TempDir(), "other.db")
		db, err := sql.Open("sqlite", path)
		require.NoError(t, err)
		_, err = db.Exec(`CREATE TABLE notes (x TEXT)`)
		require.NoError(t, err)
		require.NoError(t, db.Close())
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.Equal(t, Fail, statusOf(t, r, "data"))
		assert.Contains(t, text(r, "data"), "缺少本程序的数据表")
		db, err = sql.Open("sqlite", path)
		require.NoError(t, err)
		defer db.Close()
		var tables int
		require.NoError(t, db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).Scan(&tables))
		assert.Equal(t, 1, tables, "the doctor did not turn it into a bianmin file")
	})
	t.Run("FromNewerProgram", func(t *testing.T) {
		m := healthy()
		path := kioskData(t, m.now)
		db, err := sql.Open("sqlite", path)
		require.NoError(t, err)
		_, err = db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999_future.sql', '2030-01-01')`)
		require.NoError(t, err)
		require.NoError(t, db.Close())
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.Equal(t, Fail, statusOf(t, r, "data"))
		assert.Contains(t, text(r, "data"), "来自更新版本的程序")
	})
	t.Run("BackupStale", func(t *testing.T) {
		m := healthy()
		path := kioskData(t, m.now)
		m.now = m.now.Add(10 * 24 * time.Hour)
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.Equal(t, Warn, statusOf(t, r, "backup"))
		assert.Contains(t, text(r, "backup"), "10 天前")
	})
	t.Run("BackupsAllBad", func(t *testing.T) {
		m := healthy()
		path := kioskData(t, m.now)
		files, err := data.DailyBackups(DefaultBackupDir(path))
		require.NoError(t, err)
		for _, f := range files {
			require.NoError(t, os.WriteFile(f, []byte("SQLite format 3\x00"+strings.Repeat("x", 5000)), 0o600))
		}
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.Equal(t, Warn, statusOf(t, r, "backup"))
		assert.Contains(t, text(r, "backup"), "没有一份通过检查")
		assert.False(t, r.Failed())
	})
	t.Run("NoBackupYet", func(t *testing.T) {
		m := healthy()
		path := kioskData(t, m.now)
		require.NoError(t, os.RemoveAll(DefaultBackupDir(path)))
		r := NewDoctor(doctorOpts(path), m.env()).Run(ctx)
		assert.Equal(t, Warn, statusOf(t, r, "backup"))
	})
}

// TestDoctorCheckListIsOpen: a device's check appended to the list runs,
// and a check that panics fails only itself.
func TestDoctorCheckListIsOpen(t *testing.T) {
	m := healthy()
	d := NewDoctor(doctorOpts(kioskData(t, m.now)), m.env())
	d.Checks = append(d.Checks,
		Check{"idcard", func(context.Context, *Doctor) []Finding {
			return []Finding{warn("身份证阅读器未连接。", "No ID card reader.")}
		}},
		Check{"broken", func(context.Context, *Doctor) []Finding { panic("boom") }})
	r := d.Run(context.Background())
	assert.Equal(t, Warn, statusOf(t, r, "idcard"))
	assert.Equal(t, Fail, statusOf(t, r, "broken"))
	assert.Contains(t, text(r, "broken"), "boom")
	assert.Equal(t, OK, statusOf(t, r, "font"), "the others ran")
}

// TestDoctorCommand: the command's flags and exit status.
func TestDoctorCommand(t *testing.T) {
	m := healthy()
	path := kioskData(t, m.now)
	var out, errb bytes.Buffer
	code := mainEnv(context.Background(), []string{"doctor", "--data", "file:" + path + "?mode=rwc", "--windowed", "--printer", "roll80"},
		Seed{}, nil, m.env(), &out, &errb)
	assert.Equal(t, 0, code, out.String()+errb.String())
	assert.Contains(t, out.String(), "便民服务 自检 bianmin doctor "+Version)
	assert.Contains(t, out.String(), "回执打印机 roll80")

	m.free = 0
	out.Reset()
	code = mainEnv(context.Background(), []string{"doctor", "--data", path}, Seed{}, nil, m.env(), &out, &errb)
	assert.Equal(t, 1, code, "a full disk stops residents being served")
	assert.Contains(t, out.String(), "请先处理标 ✗ 的项目")

	code = mainEnv(context.Background(), []string{"doctor", "extra"}, Seed{}, nil, m.env(), &out, &errb)
	assert.Equal(t, 2, code)
}

func TestParseQueues(t *testing.T) {
	qs := parseQueues("printer a is idle.  enabled since Mon 07 Dec 2026\n" +
		"printer b disabled since Mon 07 Dec 2026 -\n\tstopped for the paper tests\n" +
		"printer c now printing c-3.  enabled since Mon\n" +
		"a accepting requests since Mon 07 Dec 2026\n" +
		"b accepting requests since Mon 07 Dec 2026\n" +
		"c not accepting requests since Mon -\n\tRejecting Jobs\n")
	require.Len(t, qs, 3)
	assert.Equal(t, queueState{Enabled: true, Accepting: true}, *qs["a"])
	assert.Equal(t, queueState{Enabled: false, Accepting: true, Reason: "stopped for the paper tests"}, *qs["b"])
	assert.Equal(t, queueState{Enabled: true, Accepting: false, Reason: "Rejecting Jobs"}, *qs["c"])
}

func TestAge(t *testing.T) {
	for d, want := range map[time.Duration][2]string{
		-time.Minute:                 {"0 分钟", "0 minutes"},
		42 * time.Minute:             {"42 分钟", "42 minutes"},
		5*time.Hour + 59*time.Minute: {"5 小时", "5 hours"},
		47 * time.Hour:               {"47 小时", "47 hours"},
		48 * time.Hour:               {"2 天", "2 days"},
		10*24*time.Hour + time.Hour:  {"10 天", "10 days"},
	} {
		assert.Equal(t, want[0], ageZh(d), d)
		assert.Equal(t, want[1], ageEn(d), d)
	}
}

func TestDataPath(t *testing.T) {
	for in, want := range map[string]string{
		"/var/lib/bianmin/bianmin.db":                   "/var/lib/bianmin/bianmin.db",
		"file:/var/lib/bianmin/bianmin.db?mode=rwc":     "/var/lib/bianmin/bianmin.db",
		"file:///var/lib/bianmin/bianmin.db":            "/var/lib/bianmin/bianmin.db",
		"file://localhost/var/lib/bianmin/bianmin.db?x": "/var/lib/bianmin/bianmin.db",
		"bianmin.db": "bianmin.db",
	} {
		assert.Equal(t, want, dataPath(in), in)
	}
}

func TestDRMScreen(t *testing.T) {
	sys := t.TempDir()
	for conn, st := range map[string][2]string{
		"card0-DP-1":     {"disconnected\n", ""},
		"card0-HDMI-A-1": {"connected\n", "1920x1080\n1280x720\n"},
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(sys, conn), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(sys, conn, "status"), []byte(st[0]), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(sys, conn, "modes"), []byte(st[1]), 0o644))
	}
	s, ok := drmScreen(sys)
	require.True(t, ok)
	assert.Equal(t, Screen{Width: 1920, Height: 1080, Source: "DRM HDMI-A-1"}, s)
	_, ok = drmScreen(t.TempDir())
	assert.False(t, ok)
}

// TestDoctorOnThisMachine runs the real doctor (RealEnv: this machine's
// CUPS, espeak-ng, network, clock and display, whatever they are) on a
// temporary data file: the data file, its backup and the font check out,
// every check reports, and the exit status is 1 exactly when a finding
// failed.
func TestDoctorOnThisMachine(t *testing.T) {
	path := kioskData(t, time.Now())
	var out, errb bytes.Buffer
	env := RealEnv()
	env.AsOwner = nil // the test binary keeps its identity, whoever owns the temporary folder
	code := mainEnv(context.Background(), []string{"doctor", "--data", path, "--listen", "127.0.0.1:0"}, Seed{}, nil, env, &out, &errb)
	report := out.String()
	t.Log("\n" + report)
	assert.Empty(t, errb.String())
	assert.Contains(t, report, "✓ 数据文件 "+path+"：可以打开和写入，完整性检查通过")
	assert.Contains(t, report, "✓ 最近一份完好的备份：bianmin-")
	assert.Contains(t, report, "✓ 内嵌字体")
	assert.Contains(t, report, "✓ 手机查询页的端口 127.0.0.1:0 空闲")
	assert.Contains(t, report, "现在是北京时间")
	o := doctorOpts(path)
	o.Listen = "127.0.0.1:0"
	r := NewDoctor(o, env).Run(context.Background())
	for _, c := range DoctorChecks() {
		assert.NotEmpty(t, r.Of(c.Name), c.Name)
	}
	assert.Equal(t, strings.Contains(report, "\n✗ "), code == 1, "exit %d", code)
	assert.NotEqual(t, 2, code)
}

// TestPhonePageAt tells bianmin's phone page (ui/web, as the kiosk serves
// it) from another program on the port, and a taken port from a free one.
func TestPhonePageAt(t *testing.T) {
	ctx := context.Background()
	ours := httptest.NewServer(web.New(nil, web.DefaultLimits))
	defer ours.Close()
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	addr := func(s *httptest.Server) string { return strings.TrimPrefix(s.URL, "http://") }

	assert.True(t, phonePageAt(ctx, addr(ours)))
	assert.False(t, phonePageAt(ctx, addr(other)))
	assert.True(t, dialable(ctx, addr(other)))
	err := bindable(addr(other))
	assert.ErrorIs(t, err, syscall.EADDRINUSE)

	_, port := hostOf(addr(ours))
	assert.True(t, phonePageAt(ctx, ":"+port), "an all-addresses listen address is asked on loopback")
}
