package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"bianmin/assets"
	"bianmin/cmd/bianmin/cli"
	"bianmin/cmd/internal/firstframe"
	"bianmin/cmd/internal/idlegc"
	"bianmin/data"
	"bianmin/internal/tick"
	"bianmin/ui/idcard"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/rescue"
	"bianmin/ui/speech"
	"bianmin/ui/staff"
	"bianmin/ui/theme"
	"bianmin/ui/web"
)

// appID is the reverse-DNS id of the app. It names no government domain.
const appID = "org.bianmin.kiosk"

// runGUI opens the kiosk window on the store and serves the phone status
// page, until the window closes or ctx ends. With a nil store (the data file
// could not be opened: o.OpenErr) the window shows what went wrong instead,
// with 重试 and the restore offer, and the phone page says 系统维护中.
func runGUI(ctx context.Context, s *data.Store, o cli.Options) error {
	// Until the first frame the collector does not run (see relaxGC); then
	// it is set back and what the start left over is handed back to the
	// system.
	startGC := relaxGC()
	if _, err := locale.Choose(o.Lang); err != nil {
		return err
	}
	a := newApp()
	// The fonts are parsed on the other core while the translations, the
	// window and what home shows are opened here; the kiosk is built once
	// they are in.
	fontsIn := theme.LoadFonts(a)
	if err := locale.Use(o.Lang); err != nil {
		return err
	}
	w := a.NewWindow(lang.L("app.title"))
	g := &gui{ctx: ctx, o: o, w: w}
	if o.IDCardDevice != cli.IDCardOff {
		// The identity-card reader: watched for the whole run (it may be
		// plugged in later), across restores; its events come on the UI
		// goroutine.
		g.cards = idcard.Watch(ctx, idcard.WatchConfig{Device: o.IDCardDevice, Deliver: fyne.Do})
	}
	if s != nil {
		var err error
		if s, err = g.preload(s); err != nil {
			return err
		}
	}
	fontsIn()
	if s != nil {
		g.start(s)
	} else {
		g.showStart(g.o.OpenErr)
	}
	if o.Windowed {
		w.Resize(fyne.NewSize(1280, 800))
	} else {
		w.SetFullScreen(true)
	}
	defer g.stop()

	// Once the window is on screen: check the data file (quick_check),
	// erase expired personal information, then the automatic daily backup,
	// now and checked every hour (one file a day), on whichever store is
	// current. None delays the first frame, the backup never holds what the
	// purge erased, and a damaged file is not backed up. A store opened
	// later (重试, a restore at start) is checked when it opens.
	backupCtx, stopBackups := context.WithCancel(ctx)
	defer stopBackups()
	g.bg = backupCtx
	hourly := time.NewTicker(time.Hour)
	defer hourly.Stop()
	afterFirstFrame := func() {
		if s := g.current(); s != nil {
			g.checkAndPurge(s)
		}
		cli.DailyBackupsWithin(backupCtx, g.current, o.BackupDir, o.BackupKeep, o.BackupLimit, hourly.C, log.Printf)
	}
	// The daily check (in DailyBackups) may find the file damaged
	// later: the kiosk then goes into maintenance within a minute.
	go g.watchHealth(backupCtx)

	// SIGTERM or Ctrl-C (ctx) closes the window; should fyne's shutdown
	// get stuck after its window loop (see cli.QuitWithin), the data file
	// is closed and the program exits all the same.
	returned := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-returned:
			return
		}
		fyne.Do(a.Quit)
		cli.QuitWithin(returned, cli.QuitGrace, g.closeStores, nil, log.Printf)
	}()
	// The pinyin dictionary is not built here: the on-screen keyboard
	// starts building it in the background when it is first given an
	// entry (input.Keyboard.SetTarget), well before a finger reaches a
	// key. A kiosk waiting at home does not hold its ~5 MB.
	// Once the window is up, the garbage of each burst of use goes back
	// to the system when the screen is left alone (idlegc), and so do the
	// C heap the GL textures live in (trimNative) and the SQLite engine's
	// (trimSQLite).
	firstframe.Watch(w, os.Stderr, startGC, afterFirstFrame, func() {
		idlegc.Run(ctx, func() { trimNative(); trimSQLite() })
	})
	w.ShowAndRun()
	close(returned)
	if s := g.current(); s != nil && s != g.first {
		s.Close() // opened here (重试 or a restore); Main closes the one it opened
	}
	return nil
}

// preload reads what home shows from s now, so that home is built
// complete and the first frame is the whole of it. A failure of the data
// file closes s and returns no store: the window then shows the failure
// (g.o.OpenErr) with 重试 and the restore offer.
func (g *gui) preload(s *data.Store) (*data.Store, error) {
	pre, err := kiosk.Preload(g.ctx, s, time.Now())
	switch {
	case err != nil && cli.StorageFailure(err):
		log.Printf("bianmin: %v", err)
		s.Close()
		g.o.OpenErr = err
		return nil, nil
	case err != nil:
		return nil, err
	}
	g.pre = pre
	return s, nil
}

// newApp makes the Fyne app as FyneApp.toml describes it, in Bianmin's
// theme, with the screen never blanking. Its fonts are not parsed yet:
// see theme.LoadFonts.
func newApp() fyne.App {
	// FyneApp.toml's settings only reach a binary built by the fyne tool;
	// set them here so `go build` gives the same program.
	app.SetMetadata(fyne.AppMetadata{
		ID: appID, Name: "便民服务", Version: cli.Version, Build: cli.BuildNumber,
		Icon:       fyne.NewStaticResource("icon.png", assets.Icon),
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(theme.New(false))
	a.Driver().SetDisableScreenBlanking(true)
	return a
}

// gui is the window and what runs on the store: the kiosk, staff mode and
// the phone status page. A restore from staff mode closes the store and
// opens it again; start builds all of it anew on the reopened store.
type gui struct {
	ctx   context.Context
	bg    context.Context // of the background checks; ends with the window
	o     cli.Options
	w     fyne.Window
	base  string
	phone string           // the service room's phone, for the maintenance pages
	pre   *kiosk.Preloaded // what home shows, read before the kiosk is built; nil after it is

	mu    sync.Mutex
	s     *data.Store // guarded by mu: read by the backup goroutine
	first *data.Store // the store Main opened (and closes)

	k       *kiosk.Kiosk
	stopWeb func() // stops the phone page and waits until it has
	inStaff bool   // staff mode is on screen
	resume  bool   // the kiosk leaves maintenance when staff mode is left

	// While the kiosk is in maintenance: down (read by the phone page)
	// and why (the error, for staff mode; UI goroutine only).
	down atomic.Bool
	why  error

	startScreen *rescue.Start // while the data file could not be opened

	cards *idcard.Watcher // the identity-card reader; nil with --idcard-device off
}

// kioskCards is the card reader for the kiosk: nil (not a nil pointer in
// the interface) when there is none.
func (g *gui) kioskCards() kiosk.CardReader {
	if g.cards == nil {
		return nil
	}
	return g.cards
}

// staffCards is the card reader for the desk's intake.
func (g *gui) staffCards() staff.CardReader {
	if g.cards == nil {
		return nil
	}
	return g.cards
}

// closeStores closes the store in use and the one Main opened, when the
// program must exit without returning to Main (cli.QuitWithin). It holds
// the lock, so a restore under way finishes first and none starts.
func (g *gui) closeStores() {
	g.mu.Lock()
	for _, s := range []*data.Store{g.s, g.first} {
		if s != nil {
			if err := s.Close(); err != nil {
				log.Printf("bianmin: closing the data file: %v", err)
			}
		}
		if g.first == g.s {
			break
		}
	}
	g.s, g.first = nil, nil
	// Left locked: the program exits now.
}

// current is the store in use.
func (g *gui) current() *data.Store {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.s
}

// start builds the kiosk and staff mode on s, shows the kiosk and serves
// the phone status page. It runs on the UI goroutine.
func (g *gui) start(s *data.Store) {
	g.mu.Lock()
	g.s = s
	if g.first == nil && g.startScreen == nil {
		g.first = s
	}
	g.mu.Unlock()
	g.down.Store(false)
	g.why = nil
	// A kiosk built anew starts in normal text, whatever the last one had.
	fyne.CurrentApp().Settings().SetTheme(theme.New(false))
	g.inStaff, g.resume = false, false
	if g.pre != nil {
		g.phone = g.pre.Center.Phone
		g.resolveBase()
	}

	r := &kioskRun{g: g, s: s, pr: newPrinters(g.o)}
	r.k = kiosk.New(s, g.w, kiosk.Options{
		Context:        g.ctx,
		BaseURL:        g.base,
		Printer:        r.pr.roll,
		NoticePrinter:  r.pr.notices,
		NoticeFormat:   r.pr.noticeFormat,
		Speaker:        speech.New(),
		IDCard:         g.kioskCards(),
		Preloaded:      g.pre,
		InViewFirst:    true,
		OnMaintenance:  func(why error) { g.onMaintenance(r.k, why) },
		OnStaffRequest: r.enterStaff,
	})
	g.k = r.k
	g.pre = nil // a restore reopens the store: the kiosk reads it anew
	g.w.SetContent(r.k.Content())
	r.k.Start()
	g.startWeb(s)
}

// resolveBase sets the address the QR codes point to, unless --base-url
// or an earlier start did, from the center's profile and the machine's
// addresses; it says so in the log when phones cannot reach it.
func (g *gui) resolveBase() {
	if g.base != "" {
		return
	}
	addrs, _ := net.InterfaceAddrs()
	var reachable bool
	g.base, reachable = cli.BaseURL(g.o.BaseURL, g.pre.Center.PublicBaseURL, g.o.Listen, addrs)
	if !reachable {
		log.Printf("bianmin: QR codes point to %s, which phones cannot reach; set --base-url", g.base)
	}
}

// printers are the print queues: receipts on the roll, and the
// 一次性告知单 on A4 when there is an A4 queue (notices set), otherwise on
// the roll too.
type printers struct {
	roll, a4     paper.Printer
	notices      kiosk.RegisterPrinter
	noticeFormat paper.Format
}

func newPrinters(o cli.Options) printers {
	p := printers{roll: paper.Printer{Queue: o.Printer}, a4: paper.Printer{Queue: o.Printer}}
	if o.A4Printer != "" {
		p.a4 = paper.Printer{Queue: o.A4Printer}
		p.notices, p.noticeFormat = p.a4, paper.A4
	}
	return p
}

// kioskRun is one kiosk on one store, as start builds it, and its staff
// mode: the same window, entered by holding the center's name for three
// seconds; every exit (退出, the idle lock) signs out and puts the kiosk
// back, reset. The desk (its bar and its on-screen keyboard) is built the
// first time someone asks for it, not with home: a resident never sees it,
// and building it cost about a fifth of the CPU time to the first frame.
type kioskRun struct {
	g    *gui
	s    *data.Store
	k    *kiosk.Kiosk
	desk *staff.Desk // nil until staff mode is first asked for
	pr   printers
}

// enterStaff stops the kiosk and shows the staff desk.
func (r *kioskRun) enterStaff() {
	r.g.inStaff = true
	r.k.Stop() // the kiosk's clock, idle reset, speech, and its keys and scans
	d := r.staffDesk()
	r.g.w.SetContent(d.Content())
	d.Open()
}

// staffDesk is the run's desk, built on first use.
func (r *kioskRun) staffDesk() *staff.Desk {
	if r.desk != nil {
		return r.desk
	}
	g := r.g
	r.desk = staff.New(r.s, g.w, staff.Options{
		Context: g.ctx, BaseURL: g.base, Printer: r.pr.roll, A4Printer: r.pr.a4,
		BackupDir: g.o.BackupDir,
		Changes:   r.s.Changes, // live queue: other terminals' registrations and steps
		IDCard:    g.staffCards(),
		Restore:   g.restore,
		Trouble:   func() error { return g.why },
		// The old desk and kiosk are left behind for good (the restore is
		// in the audit log of the reopened store).
		AfterRestore: r.startAnew,
	})
	r.desk.OnExit = r.leaveStaff
	return r.desk
}

// leaveStaff puts the kiosk back, reset; or, when the data file checked
// out after the kiosk's error, lets residents carry on on a kiosk built
// anew.
func (r *kioskRun) leaveStaff() {
	r.g.inStaff = false
	if r.g.resume {
		r.startAnew()
		return
	}
	r.g.w.SetContent(r.k.Content())
	r.k.Reset()
	r.k.Start()
}

// startAnew abandons the desk and the kiosk and starts again on the store
// in use.
func (r *kioskRun) startAnew() {
	r.desk.Abandon()
	r.g.stop()
	r.g.start(r.g.current())
}

// startWeb serves the phone status page of s on --listen, if set, until
// stopWeb.
func (g *gui) startWeb(s *data.Store) {
	g.serveWeb(func() http.Handler {
		h := web.New(s, web.DefaultLimits)
		h.SetMaintenance(g.down.Load, g.phone)
		return h
	})
}

// serveMaintenance serves the phone page with no store: every lookup is
// answered 系统维护中.
func (g *gui) serveMaintenance() {
	g.serveWeb(func() http.Handler { return web.New(nil, web.DefaultLimits) })
}

// serveWeb serves the phone page that page makes (on the serving
// goroutine) on --listen, if set, until stopWeb.
func (g *gui) serveWeb(page func() http.Handler) {
	g.stopWeb = func() {}
	if g.o.Listen == "" {
		return
	}
	webCtx, cancel := context.WithCancel(g.ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := web.Serve(webCtx, g.o.Listen, page()); err != nil && webCtx.Err() == nil {
			// The kiosk works without the phone page; say why it is off.
			log.Printf("bianmin: phone status page on %s is off: %v", g.o.Listen, err)
		}
	}()
	g.stopWeb = func() {
		cancel()
		<-done
	}
}

// showStart shows, instead of the kiosk, why the data file could not be
// opened, with 重试 and (for a damaged or lost file) the newest good
// backup to restore; the phone page says 系统维护中. It runs on the UI
// goroutine.
func (g *gui) showStart(err error) {
	o := g.o
	var st *rescue.Start
	st = rescue.NewStart(rescue.StartConfig{
		Offer: rescue.Config{
			Win: g.w, Context: g.ctx, Dir: o.BackupDir,
			Restore: func(ctx context.Context, by data.Session, path string) (data.RestoreResult, error) {
				return cli.RestoreAtStart(ctx, o.DataFile, path, by)
			},
			Done: func(data.RestoreResult) { st.Retry() },
		},
		Path: o.DataFile, Marker: cli.MarkerFile(o.DataFile), Phone: g.phone,
		Retry: g.reopen,
	}, "", err)
	g.startScreen = st
	g.w.SetContent(st.Content())
	g.serveMaintenance()
}

// reopen is the start screen's 重试 (off the UI goroutine): it opens the
// data file as at start and, when that works, starts the kiosk on it.
func (g *gui) reopen(ctx context.Context) error {
	s, err := g.o.Reopen(ctx)
	if err != nil {
		log.Printf("bianmin: %v", err)
		return err
	}
	pre, err := kiosk.Preload(ctx, s, time.Now())
	if err != nil {
		s.Close()
		return err
	}
	fyne.Do(func() {
		if g.startScreen == nil {
			s.Close() // already started
			return
		}
		g.startScreen.Stop()
		g.stop() // the maintenance phone page
		g.pre = pre
		g.start(s)
		g.startScreen = nil
		go g.checkAndPurge(s)
	})
	return nil
}

// checkAndPurge checks the data file (quick_check) and erases the expired
// personal information of a sound one; a damaged one puts the kiosk into
// maintenance. Off the UI goroutine.
func (g *gui) checkAndPurge(s *data.Store) {
	ctx := g.bg
	if ctx == nil {
		ctx = g.ctx
	}
	if cli.QuickCheck(ctx, s, log.Printf) {
		cli.PurgeExpired(ctx, s, log.Printf)
		return
	}
	fyne.Do(func() { g.maintain(s) })
}

// maintain puts the kiosk on s into maintenance for the damage its check
// found, unless it is there already. UI goroutine.
func (g *gui) maintain(s *data.Store) {
	if g.k != nil && g.current() == s && !g.k.InMaintenance() {
		g.k.EnterMaintenance(s.Health().Err)
	}
}

// watchHealth puts the kiosk into maintenance when a later check of the
// data file (the daily one) finds it damaged: it reads the result once a
// minute (a mutex read).
func (g *gui) watchHealth(ctx context.Context) {
	tick.Every(ctx, time.Minute, func() {
		if s := g.current(); s != nil && s.Health().Damaged() {
			fyne.Do(func() { g.maintain(s) })
		}
	})
}

// onMaintenance is told that the kiosk k went into maintenance: the phone
// page says so too and staff mode says why. When a screen's error put it
// there (not the file's check), the file is checked now: damaged, it
// stays so until staff restore a backup; sound (a passing disk fault),
// the kiosk is built anew and residents carry on. UI goroutine.
func (g *gui) onMaintenance(k *kiosk.Kiosk, why error) {
	s := g.current()
	g.down.Store(true)
	g.why = why
	if s == nil || why == nil || s.Health().Damaged() {
		if s != nil && s.Health().Damaged() {
			g.why = s.Health().Err
		}
		return
	}
	ctx := g.bg
	if ctx == nil {
		ctx = g.ctx
	}
	go func() {
		sound := cli.QuickCheck(ctx, s, log.Printf) && !s.Health().Damaged()
		fyne.Do(func() {
			if g.k != k || g.current() != s {
				return // rebuilt meanwhile (a restore)
			}
			if !sound {
				g.why = s.Health().Err
				return
			}
			if g.inStaff {
				log.Printf("bianmin: the data file checks out after %v; the kiosk resumes when staff mode is left", why)
				g.resume = true
				return
			}
			log.Printf("bianmin: the data file checks out after %v; the kiosk resumes", why)
			g.stop()
			g.start(s)
		})
	}()
}

// stop stops what start started (the kiosk's timers and the phone page).
func (g *gui) stop() {
	if g.k != nil {
		g.k.Stop()
		g.k = nil
	}
	if g.stopWeb != nil {
		g.stopWeb()
		g.stopWeb = nil
	}
}

// restore is staff mode's restore (staff.RestoreFunc); it runs off the UI
// goroutine. While the store is closed the phone page answers with an
// error; the desk then calls AfterRestore, which starts everything again on
// the reopened store.
func (g *gui) restore(ctx context.Context, by data.Session, src string) (data.RestoreResult, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	reopened, res, err := cli.Restore(ctx, g.s, by, src)
	if reopened != nil {
		g.s = reopened
	} else if err != nil && res.Backup.Path != "" {
		// The data file could not be opened again: nothing can go on.
		log.Printf("bianmin: after the restore the data file cannot be opened: %v", err)
		fyne.Do(func() { fyne.CurrentApp().Quit() })
	}
	return res, err
}

// relaxGC turns the collector off until the first frame, unless GOGC or
// GOMEMLIMIT is set: the start makes ~30 MB, about half of it kept (fonts,
// home), and a collection in the middle of it costs 10–20 ms of CPU
// before anything is on screen. startLimit bounds the heap meanwhile,
// should a start ever make far more. The function it returns sets the
// collector to inUseGC and returns the memory freed to the system, once
// the frame is on screen.
func relaxGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prevLimit := debug.SetMemoryLimit(startLimit)
	debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(inUseGC)
		debug.SetMemoryLimit(prevLimit)
		debug.FreeOSMemory()
	}
}

// inUseGC is the collector's GOGC once the window is up: the heap may grow
// by half its live size between two collections instead of Go's default
// of all of it. In use the kiosk keeps ~30 MB live (fonts, the pinyin
// dictionary, the renderers of the screens of the last 20 s) and makes
// garbage at every tap; at GOGC=100 its heap then sat near 50 MB, most of
// the in-use memory over the bare Fyne window besides the GL textures.
// Collections come twice as often, each as short: a tap's time did not
// change measurably (BenchmarkScreenOpen with GOGC=50), and at rest idlegc
// collects anyway.
const inUseGC = 50

// startLimit is the most the Go runtime may hold before the first frame
// without a collection: twice what a start on the big data file makes.
const startLimit = 64 << 20
