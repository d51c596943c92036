package main

import (
	"context"
	"log"
	"net"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"bianmin/assets"
	"bianmin/cmd/bianmin/cli"
	"bianmin/cmd/internal/firstframe"
	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/speech"
	"bianmin/ui/staff"
	"bianmin/ui/theme"
	"bianmin/ui/web"
)

// appID is the reverse-DNS id of the app. It names no government domain.
const appID = "org.bianmin.kiosk"

// runGUI opens the kiosk window on the store and serves the phone status
// page, until the window closes or ctx ends.
func runGUI(ctx context.Context, s *data.Store, o cli.Options) error {
	// Until the first frame the collector runs less often (the start makes
	// ~25 MB, mostly kept: fonts, home); then it is set back and what the
	// start left over is handed back to the system.
	startGC := relaxGC()
	if err := locale.Use(o.Lang); err != nil {
		return err
	}
	// FyneApp.toml's settings only reach a binary built by the fyne tool;
	// set them here so `go build` gives the same program.
	app.SetMetadata(fyne.AppMetadata{
		ID: appID, Name: "便民服务", Version: cli.Version, Build: 1,
		Icon:       fyne.NewStaticResource("icon.png", assets.Icon),
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(theme.New(false))
	// Bold text (every button's) is drawn with the fonts parsed for
	// regular text instead of parsing them all again: see theme.ShareFaces.
	theme.ShareFaces(a)
	a.Driver().SetDisableScreenBlanking(true)

	// What home shows is read now, so that home is built complete and the
	// first frame is the whole of it.
	pre, err := kiosk.Preload(ctx, s, time.Now())
	if err != nil {
		return err
	}
	addrs, _ := net.InterfaceAddrs()
	base, reachable := cli.BaseURL(o.BaseURL, pre.Center.PublicBaseURL, o.Listen, addrs)
	if !reachable {
		log.Printf("bianmin: QR codes point to %s, which phones cannot reach; set --base-url", base)
	}

	w := a.NewWindow(lang.L("app.title"))
	g := &gui{ctx: ctx, o: o, w: w, base: base, pre: pre}
	g.start(s)
	if o.Windowed {
		w.Resize(fyne.NewSize(1280, 800))
	} else {
		w.SetFullScreen(true)
	}
	defer g.stop()

	// Once home is on screen: check the data file (quick_check), erase
	// expired personal information, then the automatic daily backup, now
	// and checked every hour (one file a day), on whichever store is
	// current. None delays the first frame, the backup never holds what the
	// purge erased, and a damaged file is not backed up.
	backupCtx, stopBackups := context.WithCancel(ctx)
	defer stopBackups()
	hourly := time.NewTicker(time.Hour)
	defer hourly.Stop()
	afterFirstFrame := func() {
		// First a quick check of the data file: a damaged one is
		// neither purged nor backed up, and staff mode says so in red.
		if s := g.current(); s != nil && cli.QuickCheck(backupCtx, s, log.Printf) {
			cli.PurgeExpired(backupCtx, s, log.Printf)
		}
		cli.DailyBackups(backupCtx, g.current, o.BackupDir, o.BackupKeep, hourly.C, log.Printf)
	}

	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	// The pinyin dictionary is not built here: the on-screen keyboard
	// starts building it in the background when it is first given an
	// entry (input.Keyboard.SetTarget), well before a finger reaches a
	// key. A kiosk waiting at home does not hold its ~10 MB.
	firstframe.Watch(w, os.Stderr, startGC, afterFirstFrame)
	w.ShowAndRun()
	return nil
}

// gui is the window and what runs on the store: the kiosk, staff mode and
// the phone status page. A restore from staff mode closes the store and
// opens it again; start builds all of it anew on the reopened store.
type gui struct {
	ctx  context.Context
	o    cli.Options
	w    fyne.Window
	base string
	pre  *kiosk.Preloaded // what home shows, read before the window opened; nil after the first start

	mu sync.Mutex
	s  *data.Store // guarded by mu: read by the backup goroutine

	k       *kiosk.Kiosk
	stopWeb func() // stops the phone page and waits until it has
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
	g.mu.Unlock()
	ctx, o, w, base := g.ctx, g.o, g.w, g.base

	// The tracker lives as long as the store: it holds the throttle that
	// slows down guessing of receipt codes across screens and idle resets.
	tr := kiosk.NewTracker(s, kiosk.TrackerOptions{BaseURL: base, Printer: paper.Printer{Queue: o.Printer}})
	reg := kiosk.RegisterConfig{Store: s, Printer: paper.Printer{Queue: o.Printer}, BaseURL: base, Scanner: tr.Scanner}
	a4 := paper.Printer{Queue: o.Printer}
	if o.A4Printer != "" { // an A4 queue: the 一次性告知单 goes on A4, the roll gets receipts only
		a4 = paper.Printer{Queue: o.A4Printer}
		reg.NoticePrinter, reg.NoticeFormat = a4, paper.A4
	}
	features := tr.Features()
	features[kiosk.FeatureRegister] = kiosk.NewRegisterFeature(reg)

	// Staff mode: the same window, entered by holding the center's name for
	// three seconds; every exit (退出, the idle lock) signs out and puts the
	// kiosk back, reset. The desk (its bar and its on-screen keyboard) is
	// built the first time someone asks for it, not with home: a resident
	// never sees it, and building it cost about a fifth of the CPU time to
	// the first frame.
	var k *kiosk.Kiosk
	var desk *staff.Desk
	staffDesk := func() *staff.Desk {
		if desk != nil {
			return desk
		}
		desk = staff.New(s, w, staff.Options{
			Context: ctx, BaseURL: base, Printer: paper.Printer{Queue: o.Printer}, A4Printer: a4,
			BackupDir: o.BackupDir,
			Restore:   g.restore,
			AfterRestore: func() {
				// The old desk and kiosk are left behind for good (the
				// restore is in the audit log of the reopened store).
				desk.Abandon()
				g.stop()
				g.start(g.current())
			},
		})
		desk.OnExit = func() {
			w.SetContent(k.Content())
			k.SetKeyHandler(tr.ScanRouter(k.Nav))
			k.Reset()
			k.Start()
		}
		return desk
	}
	k = kiosk.New(s, w, kiosk.Options{
		Context:      ctx,
		Features:     features,
		RegisterItem: kiosk.NewRegisterItem(reg),
		PrintNotice:  kiosk.NewPrintNotice(reg),
		Speaker:      speech.New(),
		Scanner:      tr.Scanner,
		Preloaded:    g.pre,
		OnStaffRequest: func() {
			k.Stop()             // the kiosk's clock, idle reset and speech
			k.SetKeyHandler(nil) // scans and keys no longer drive the hidden kiosk
			d := staffDesk()
			w.SetContent(d.Content())
			d.Open()
		},
	})
	g.k = k
	g.pre = nil // a restore reopens the store: the kiosk reads it anew
	k.SetKeyHandler(tr.ScanRouter(k.Nav))
	w.SetContent(k.Content())
	k.Start()

	g.stopWeb = func() {}
	if o.Listen != "" {
		webCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := web.Serve(webCtx, o.Listen, web.New(s, web.DefaultLimits)); err != nil && webCtx.Err() == nil {
				// The kiosk works without the phone page; say why it is off.
				log.Printf("bianmin: phone status page on %s is off: %v", o.Listen, err)
			}
		}()
		g.stopWeb = func() {
			cancel()
			<-done
		}
	}
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

// relaxGC lets the heap grow four times its live size between collections
// instead of twice (GOGC=400), unless GOGC is set; the function it returns
// sets the collector back and returns the memory freed to the system.
func relaxGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(400)
	return func() {
		debug.SetGCPercent(prev)
		debug.FreeOSMemory()
	}
}
