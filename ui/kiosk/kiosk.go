package kiosk

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/internal/activity"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/internal/hooks"
	"bianmin/ui/paper"
	bmtheme "bianmin/ui/theme"
)

// Store is everything the resident screens of this package read; *data.Store
// satisfies it. Each screen asks only for its own part.
type Store interface {
	PreloadStore
	GuideStore
	DisclosureIndexStore
	RegisterStore
	TrackerStore
}

// PreloadStore is what home shows before the kiosk is built: the center's
// profile and the working-day calendar.
type PreloadStore interface {
	HeaderStore
	CalendarStore
}

// Options configures the kiosk. The zero value is a working kiosk with
// every screen and no printer.
type Options struct {
	// BaseURL is the phone status page's public address, e.g.
	// "http://192.168.1.20:8080": the QR codes of receipts are
	// {BaseURL}/r/{token}, of complaints {BaseURL}/c/{token}.
	BaseURL string
	// Printer is the roll printer of receipts and, without NoticePrinter,
	// of the 一次性告知单; nil hides 打印回执 (the resident photographs the
	// QR code) and says so on 打印一次性告知单.
	Printer RegisterPrinter
	// NoticePrinter, when set, prints the 一次性告知单 on paper
	// NoticeFormat (an A4 queue with paper.A4), so the roll gets receipts
	// only.
	NoticePrinter RegisterPrinter
	NoticeFormat  paper.Format

	// OnStaffRequest is called after the center's name is held for
	// StaffHold (default 3 s): open staff login.
	OnStaffRequest func()

	// OnActivity is called on every input the kiosk sees (for the idle timer).
	OnActivity func()

	// Now is the clock (default time.Now). Tests fix it.
	Now func() time.Time
	// Run runs store work off the UI goroutine (default: a new goroutine).
	// Tests pass func(f func()) { f() }.
	Run func(func())
	// After schedules timers that call back on the UI goroutine (default:
	// time.AfterFunc + fyne.Do). Tests pass a manual one.
	After AfterFunc
	// Context is the context of store calls (default context.Background()).
	Context context.Context

	// StaffHold is how long the center's name must be held (default 3 s).
	StaffHold time.Duration
	// SearchDelay is the search-as-you-type debounce (default 150 ms).
	SearchDelay time.Duration
	// Scanner is the keyboard-wedge scanner detector (default: the
	// Tracker's); the shell's own keyboard panels feed it so a scan never
	// types into a field.
	Scanner *input.Scanner
	// IDCard is the identity-card reader (*idcard.Watcher); nil: none, and
	// the registration steps are typed.
	IDCard CardReader

	// Speaker reads screens aloud (语音播报): bianmin/ui/speech.New().
	// Nil, or not Available (espeak-ng missing): no 朗读 button.
	Speaker Speaker

	// InViewFirst makes the receipt draw what is in view in its first
	// frame, and its blocks below the fold in the next (inview.go): the
	// tap that submits a registration shows its receipt sooner. The
	// program sets it; tests leave it off, so that a screen is whole as
	// soon as it is shown.
	InViewFirst bool

	// IdleTimeout is the time without a touch after which the kiosk asks
	// 是否继续使用？. Zero: the center profile's IdleSeconds,
	// else DefaultIdle (90 s). Negative: never. The idle reset runs from
	// Start to Stop.
	IdleTimeout time.Duration
	// Preloaded is what home shows from the store (the center's profile
	// and the calendar), already read with Preload before the window
	// opened: home is then built complete and laid out and drawn once.
	// Nil: New reads them off the UI goroutine, and home fills in when
	// they arrive.
	Preloaded *Preloaded

	// OnMaintenance is called once the kiosk has gone into maintenance
	// (EnterMaintenance) with the error that put it there: a screen met a
	// damaged data file or a failing disk, or main asked (nil). main
	// checks the file and tells staff mode and the phone page.
	OnMaintenance func(why error)

	// IdleCountdown is how long that question waits for an answer before
	// the kiosk goes home and forgets everything typed (default 10 s).
	IdleCountdown time.Duration
}

// KeyHandler receives the keys typed while no widget has focus: a USB
// barcode scanner that types like a keyboard.
type KeyHandler interface {
	TypedRune(r rune)
	TypedKey(ev *fyne.KeyEvent)
}

// Kiosk is the resident touchscreen: header, navigation stack and footer.
type Kiosk struct {
	Nav    *Nav
	Header *Header
	Home   *Home
	// Tracker is what the tracking, complaint and rating screens share
	// (the throttle of failed lookups, the scanner); its ScanRouter is the
	// kiosk's key handler, so a scan on any screen opens its result.
	Tracker *Tracker

	// The footer's navigation buttons (hidden on the home screen) and the
	// title bar above every other screen.
	BackButton *widget.Button
	HomeButton *widget.Button
	TitleLabel *fitlabel.Label

	// SpeakButton is the footer's 朗读 / 停止朗读 button, shown for a screen
	// that can be read aloud when Options.Speaker is available.
	SpeakButton *widget.Button
	// Idle is the idle reset, running from Start to Stop.
	Idle *Idle
	// Maintenance is the 系统维护中 screen while the kiosk is in
	// maintenance (EnterMaintenance); nil otherwise.
	Maintenance *Maintenance

	store        Store
	win          fyne.Window
	opts         Options
	registerItem func(nav *Nav, item data.Item) Screen // a guide's 我要登记
	printNotice  func(nav *Nav, item data.Item)        // a guide's 打印一次性告知单
	elder        bool
	keys         KeyHandler
	stopped      bool // between Stop and Start: keys and scans are not the kiosk's
	lastActivity time.Time
	stopClock    func()

	titleBar   fyne.CanvasObject
	back, home fyne.CanvasObject
	actions    *fyne.Container
	footer     *fyne.Container
	footerBg   *canvas.Rectangle
	root       fyne.CanvasObject
	frame      *fyne.Container // header and title bar, screen, footer

	footerLayout *footerLayout
	speakBox     fyne.CanvasObject // SpeakButton at its size
	speakIcon    *widget.Button    // the same button as an icon alone, for a narrow footer
	speakIconBox fyne.CanvasObject
	speaking     Screen // the screen being read aloud, nil when silent
	slim         bool   // the shell is slimmed down for open keys (Slim)
	stopPoll     func()
}

// New builds the kiosk on win, shows the home screen and starts loading the
// center's profile. Call Content for the window's content and Start for the
// ticking clock.
func New(store Store, win fyne.Window, opts Options) *Kiosk {
	hooks.Fill(&opts.Context, &opts.Now, &opts.Run, &opts.After)
	if opts.StaffHold <= 0 {
		opts.StaffHold = 3 * time.Second
	}
	if opts.SearchDelay <= 0 {
		opts.SearchDelay = 150 * time.Millisecond
	}
	if opts.IdleCountdown <= 0 {
		opts.IdleCountdown = DefaultIdleCountdown
	}
	store = rememberReads(store) // guides and disclosures read stay readable (remember.go)
	k := &Kiosk{store: store, win: win}
	k.Tracker = NewTracker(store, TrackerOptions{BaseURL: opts.BaseURL, Now: opts.Now, Printer: opts.Printer})
	if opts.Scanner == nil {
		opts.Scanner = k.Tracker.Scanner
	}
	reg := RegisterConfig{Store: store, Printer: opts.Printer, BaseURL: opts.BaseURL, Scanner: opts.Scanner,
		NoticePrinter: opts.NoticePrinter, NoticeFormat: opts.NoticeFormat, IDCard: opts.IDCard,
		InViewFirst: opts.InViewFirst}
	k.registerItem, k.printNotice = NewRegisterItem(reg), NewPrintNotice(reg)
	k.opts = opts
	k.Idle = newIdle(k)
	k.lastActivity = opts.Now()
	k.Nav = newNav(win, opts.Context, opts.Run, opts.After, opts.Now)
	k.Nav.activity = k.OnActivity
	k.Nav.onChange = k.onScreen
	k.Nav.onUnusable = func(err error) {
		fyne.LogError("kiosk: the data file cannot be used; maintenance", err)
		k.EnterMaintenance(err)
	}

	k.Nav.Register(FeatureGuides, func(n *Nav) Screen { return NewGuides(n, store, k.guideOptions()) })
	k.Nav.Register(FeatureDisclosure, func(n *Nav) Screen { return NewDisclosure(n, store, store, k.guideOptions()) })
	for f, factory := range k.Tracker.features() {
		k.Nav.Register(f, factory)
	}
	k.Nav.Register(FeatureRegister, NewRegisterFeature(reg))
	k.keys = k.Tracker.ScanRouter(k.Nav)

	k.Header = newHeader(opts.Now, opts.StaffHold, opts.After, k.onStaffHold)
	k.buildSpeech()
	k.buildBars()
	k.frame = container.NewBorder(
		container.New(&topLayout{k: k}, k.Header.Content(), k.titleBar),
		k.footer,
		nil, nil,
		container.NewPadded(k.Nav.holder),
	)
	k.root = activity.NewArea(k.frame, k.OnActivity)
	k.Home = NewHome(k.Nav, k)
	k.Nav.Push(k.Home)
	k.installKeys()
	if p := opts.Preloaded; p != nil {
		k.Nav.calDay = p.Day
		k.applyCenter(p.Center)
		if p.Calendar != nil {
			k.applyCalendar(p.Calendar, p.Today)
		}
	} else {
		k.loadCenter()
	}
	return k
}

// Preloaded is what the home screen shows from the store, read before the
// kiosk is built (Options.Preloaded).
type Preloaded struct {
	Center data.Center
	// Calendar and Today are the working-day calendar and the entry of
	// the date Day (data.Day).
	Calendar *data.Calendar
	Today    data.CalendarDay
	Day      string
}

// Preload reads what home shows: the center's profile and the calendar as
// of now. main calls it before the window opens.
func Preload(ctx context.Context, store PreloadStore, now time.Time) (*Preloaded, error) {
	c, err := store.Center(ctx)
	if err != nil {
		return nil, err
	}
	p := &Preloaded{Center: c, Day: data.Day(now)}
	if p.Calendar, p.Today, err = readCalendar(ctx, store, now); err != nil {
		return nil, err
	}
	return p, nil
}

// guideOptions are what the guide and disclosure screens need from Options.
func (k *Kiosk) guideOptions() GuideOptions {
	return GuideOptions{
		RegisterItem: k.registerItem,
		PrintNotice:  k.printNotice,
		SearchDelay:  k.opts.SearchDelay,
		Scanner:      k.opts.Scanner,
	}
}

// Content is the window content of the kiosk.
func (k *Kiosk) Content() fyne.CanvasObject { return k.root }

// Start makes the header's clock tick, once a second, keeps the office
// hours on the home screen current (and the calendar, when the date
// changes) and starts the idle reset; keys and scans reach the kiosk again
// after Stop.
func (k *Kiosk) Start() {
	k.Stop()
	var tick func()
	tick = func() {
		k.Header.Refresh()
		now := k.opts.Now()
		if day := data.Day(now); k.Nav.calDay != "" && k.Nav.calDay != day {
			k.loadCalendar()
		}
		k.Home.refreshHours()
		next := time.Second - time.Duration(now.Nanosecond())
		k.stopClock = k.opts.After(next, tick)
	}
	tick()
	k.Idle.start()
	k.stopped = false
}

// Stop stops the clock, the idle reset and any speech, and the keys typed
// (and scanned) no longer reach the kiosk until Start.
func (k *Kiosk) Stop() {
	k.stopped = true
	hooks.Stop(&k.stopClock)
	k.Idle.stop()
	k.StopSpeech()
}

// Reload reads again what the shell keeps between screens and
// administrators may change in staff mode: the center's profile (name,
// address, phones, office hours, idle timeout, receipt prefix) and the
// calendar. Reset calls it. Everything else a resident sees (categories
// and guides, windows, staff cards and photos, disclosures, 预公开) is read
// from the store by each screen when it is opened, and every screen but
// home is built afresh each time, so it is current without a reload.
func (k *Kiosk) Reload() { k.loadCenter() }

func (k *Kiosk) loadCenter() {
	k.Nav.Async(func() func() {
		c, err := k.store.Center(k.opts.Context)
		if err != nil {
			fyne.LogError("kiosk: center profile", err)
			return nil
		}
		return func() { k.applyCenter(c) }
	})
	k.loadCalendar()
}

// applyCenter shows the center's profile.
func (k *Kiosk) applyCenter(c data.Center) {
	k.Nav.center = c
	k.Nav.centerLoaded = true
	k.Header.SetCenter(c)
	k.Home.SetCenter(c)
	k.Idle.restart() // the profile may set another timeout
}

// Reset is the idle reset: stop reading aloud, close every dialog, leave
// every screen, go home in normal mode. Nothing a resident typed survives
// it, because every screen is built afresh when it is opened again. It
// also reads the center's profile and the calendar again (Reload), so
// that what an administrator changed in staff mode shows as soon as the
// kiosk comes back (main resets the kiosk on leaving staff mode).
func (k *Kiosk) Reset() {
	k.Idle.rearm()
	k.StopSpeech()
	overlays := k.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
	k.Nav.Home()
	if k.elder {
		k.SetElder(false)
	}
	k.win.Canvas().Unfocus()
	k.Reload() // last: home, so the idle check it triggers finds nothing to forget
}

// OnActivity records that the resident did something now, and answers the
// idle question if it is up. Screens call it through Nav.Activity; the keys
// typed on the window and pointer moves over the kiosk call it too (see
// idle.go), so it must stay cheap, and so must Options.OnActivity.
func (k *Kiosk) OnActivity() {
	k.lastActivity = k.opts.Now()
	if k.Idle.Showing() {
		k.Idle.dismiss()
	}
	if k.opts.OnActivity != nil {
		k.opts.OnActivity()
	}
}

// LastActivity is when the resident last did something.
func (k *Kiosk) LastActivity() time.Time { return k.lastActivity }

// Elder reports whether elder mode (长辈模式) is on.
func (k *Kiosk) Elder() bool { return k.elder }

// SetElder switches elder mode: text 1.5× larger and higher contrast, by
// setting the app's theme to bianmin/ui/theme.New(on).
func (k *Kiosk) SetElder(on bool) {
	k.elder = on
	fyne.CurrentApp().Settings().SetTheme(bmtheme.New(on))
	k.Header.Refresh()
	k.restyle()
	k.Home.refreshElder()
	if k.Maintenance != nil {
		k.Maintenance.refreshElder()
	}
}

// SetKeyHandler routes the keys typed while no widget has focus to h (nil
// to stop); New starts with the Tracker's ScanRouter.
func (k *Kiosk) SetKeyHandler(h KeyHandler) { k.keys = h }

func (k *Kiosk) installKeys() {
	c := k.win.Canvas()
	c.SetOnTypedRune(func(r rune) {
		k.OnActivity()
		if k.keys != nil && !k.stopped {
			k.keys.TypedRune(r)
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		k.OnActivity()
		if k.keys != nil && !k.stopped {
			k.keys.TypedKey(ev)
		}
	})
}

func (k *Kiosk) onStaffHold() {
	k.OnActivity()
	if k.opts.OnStaffRequest != nil {
		// Elder mode is for residents; the theme is the whole app's, and
		// the desk is laid out for normal text (at 1.5× its queue rows
		// overlap and its bar runs off the window).
		if k.elder {
			k.SetElder(false)
		}
		k.opts.OnStaffRequest()
	}
}

func (k *Kiosk) buildBars() {
	k.TitleLabel = fitlabel.New("")
	k.TitleLabel.SizeName = fynetheme.SizeNameSubHeadingText
	k.titleBar = container.NewVBox(container.NewPadded(bmtheme.Inset(k.TitleLabel, compactInset)), widget.NewSeparator())

	k.BackButton = widget.NewButtonWithIcon(lang.L("kiosk.nav.back"), newPlainIcon(fynetheme.NavigateBackIcon()), k.onBack)
	// In the colour Fyne gives a high-importance button's icon, as a ready
	// picture (newPlainIcon): shown again at every change of screen.
	k.HomeButton = widget.NewButtonWithIcon(lang.L("kiosk.nav.home"),
		bmtheme.PictureIcon(fynetheme.HomeIcon(), fynetheme.ColorNameForegroundOnPrimary), k.onHome)
	k.HomeButton.Importance = widget.HighImportance
	k.back, k.home = bigButton(k.BackButton), bigButton(k.HomeButton)
	k.actions = container.NewStack()
	k.footerBg = canvas.NewRectangle(color.Transparent)
	k.footerLayout = &footerLayout{width: k.contentWidth}
	bar := container.New(k.footerLayout, k.back, k.actions, k.speakBox, k.speakIconBox, k.home)
	k.footer = container.NewStack(k.footerBg, container.NewPadded(bar))
	k.restyle()
}

// restyle reads the colours the bars draw themselves after a theme change.
func (k *Kiosk) restyle() {
	k.footerBg.FillColor = fynetheme.Color(fynetheme.ColorNameHeaderBackground)
	k.footerBg.Refresh()
}

func (k *Kiosk) onBack() { k.Nav.Back() }
func (k *Kiosk) onHome() { k.Nav.Home() }

// Actioner is a Screen with buttons of its own (我要登记, 打印 …). The shell
// puts them in the footer between 返回 and 首页, where they stay in reach
// while the screen scrolls.
type Actioner interface {
	Actions() fyne.CanvasObject
}

// Finisher is a screen that ends a flow (the register receipt): there is
// nothing to go back to, so the shell shows no 返回 there, and 首页, in
// the place it has on every screen, is the one way home.
type Finisher interface {
	Finishes() bool
}

// onScreen updates the bars for the screen now on top, and stops reading
// aloud a screen that is no longer on top.
func (k *Kiosk) onScreen(s Screen) {
	if k.speaking != nil && k.speaking != s {
		k.StopSpeech()
	}
	home := k.Nav.Depth() <= 1
	f, ok := s.(Finisher)
	end := ok && f.Finishes() // the end of a flow: nothing to go back to
	k.TitleLabel.SetText(s.Title())
	for _, o := range []fyne.CanvasObject{k.back, k.home, k.BackButton, k.HomeButton} {
		back := o == k.back || o == k.BackButton
		if home || (end && back) {
			o.Hide()
		} else {
			o.Show()
		}
	}
	k.actions.RemoveAll()
	if a, ok := s.(Actioner); ok {
		if o := a.Actions(); o != nil {
			k.actions.Add(o)
		}
	}
	_, k.footerLayout.speak = k.speakable(s)
	relayout(k.footer)
	k.syncBars()
}

// relayout lays c and the containers in it out again, as c.Refresh would,
// without refreshing each widget in them: the footer's buttons have not
// changed, and a button's refresh decodes its icon's SVG again (twice),
// at every change of screen.
func relayout(c *fyne.Container) {
	var walk func(c *fyne.Container)
	walk = func(c *fyne.Container) {
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
		for _, o := range c.Objects {
			if cc, ok := o.(*fyne.Container); ok && cc.Visible() {
				walk(cc)
			}
		}
	}
	walk(c)
	canvas.Refresh(c)
}

// contentWidth is the width the window gives its content (the canvas less
// the window's own padding), which decides the footer's height: whether it
// needs a second row. 0 before the window has a size.
func (k *Kiosk) contentWidth() float32 {
	w := k.win.Canvas().Size().Width
	if w > 0 && k.win.Padded() {
		w -= 2 * fynetheme.Padding()
	}
	return max(w, 0)
}
