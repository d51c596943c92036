package kiosk

import (
	"image/color"

	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
)

// Store is everything the resident screens of this package read; *data.Store
// satisfies it. Each screen asks only for its own part.
type Store interface {
	HeaderStore
	GuideStore
	DisclosureStore
}

// Options configures the kiosk. The zero value is a working kiosk with only
// the guides and disclosure; main plugs the rest in.
type Options struct {
	// Features adds or replaces the screens behind home tiles: FeatureRegister,
	// FeatureTrack, FeatureComplain and FeatureRate come with issue 3. A tile
	// without a factory says politely that the function is being prepared.
	Features map[Feature]Factory

	// RegisterItem opens registration for one item, from a guide's 我要登记
	// button. Nil: the polite message.
	RegisterItem func(nav *Nav, item data.Item) Screen

	// PrintNotice prints a guide's 一次性告知单 (and shows whatever the
	// printing flow needs). Nil: the polite message.
	PrintNotice func(nav *Nav, item data.Item)

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
}

// KeyHandler receives the keys typed while no widget has focus: a USB
// barcode scanner that types like a keyboard (issue 4 §6).
type KeyHandler interface {
	TypedRune(r rune)
	TypedKey(ev *fyne.KeyEvent)
}

// Kiosk is the resident touchscreen: header, navigation stack and footer.
type Kiosk struct {
	Nav    *Nav
	Header *Header
	Home   *Home

	// The footer's navigation buttons (hidden on the home screen) and the
	// title bar above every other screen.
	BackButton *widget.Button
	HomeButton *widget.Button
	TitleLabel *widget.Label

	store        Store
	win          fyne.Window
	opts         Options
	elder        bool
	keys         KeyHandler
	lastActivity time.Time
	stopClock    func()

	titleBar   fyne.CanvasObject
	back, home fyne.CanvasObject
	actions    *fyne.Container
	footer     *fyne.Container
	footerBg   *canvas.Rectangle
	root       fyne.CanvasObject
}

// New builds the kiosk on win, shows the home screen and starts loading the
// center's profile. Call Content for the window's content and Start for the
// ticking clock.
func New(store Store, win fyne.Window, opts Options) *Kiosk {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Run == nil {
		opts.Run = func(f func()) { go f() }
	}
	if opts.After == nil {
		opts.After = realAfter
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.StaffHold <= 0 {
		opts.StaffHold = 3 * time.Second
	}
	if opts.SearchDelay <= 0 {
		opts.SearchDelay = 150 * time.Millisecond
	}
	k := &Kiosk{store: store, win: win, opts: opts}
	k.lastActivity = opts.Now()
	k.Nav = newNav(win, opts.Context, opts.Run, opts.After, opts.Now)
	k.Nav.activity = k.OnActivity
	k.Nav.onChange = k.onScreen

	k.Nav.Register(FeatureGuides, func(n *Nav) Screen { return NewGuides(n, store, k.guideOptions()) })
	k.Nav.Register(FeatureDisclosure, func(n *Nav) Screen { return NewDisclosure(n, store, store, k.guideOptions()) })
	for f, factory := range opts.Features {
		k.Nav.Register(f, factory)
	}

	k.Header = newHeader(opts.Now, opts.StaffHold, opts.After, k.onStaffHold)
	k.buildBars()
	k.root = container.NewBorder(
		container.NewVBox(k.Header.Content(), k.titleBar),
		k.footer,
		nil, nil,
		container.NewPadded(k.Nav.holder),
	)
	k.Home = NewHome(k.Nav, k)
	k.Nav.Push(k.Home)
	k.installKeys()
	k.loadCenter()
	return k
}

// guideOptions are what the guide and disclosure screens need from Options.
func (k *Kiosk) guideOptions() GuideOptions {
	return GuideOptions{
		RegisterItem: k.opts.RegisterItem,
		PrintNotice:  k.opts.PrintNotice,
		SearchDelay:  k.opts.SearchDelay,
	}
}

// Content is the window content of the kiosk.
func (k *Kiosk) Content() fyne.CanvasObject { return k.root }

// Start makes the header's clock tick, once a second.
func (k *Kiosk) Start() {
	k.Stop()
	var tick func()
	tick = func() {
		k.Header.Refresh()
		now := k.opts.Now()
		next := time.Second - time.Duration(now.Nanosecond())
		k.stopClock = k.opts.After(next, tick)
	}
	tick()
}

// Stop stops the clock.
func (k *Kiosk) Stop() {
	if k.stopClock != nil {
		k.stopClock()
		k.stopClock = nil
	}
}

// Reload reads the center's profile again (after staff change it).
func (k *Kiosk) Reload() { k.loadCenter() }

func (k *Kiosk) loadCenter() {
	k.Nav.Async(func() func() {
		c, err := k.store.Center(k.opts.Context)
		if err != nil {
			fyne.LogError("kiosk: center profile", err)
			return nil
		}
		return func() {
			k.Nav.center = c
			k.Header.SetCenter(c)
			k.Home.SetCenter(c)
		}
	})
}

// Reset is the idle reset: close every dialog, leave every screen, go home
// in normal mode. Nothing a resident typed survives it, because every screen
// is built afresh when it is opened again.
func (k *Kiosk) Reset() {
	overlays := k.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
	k.Nav.Home()
	if k.elder {
		k.SetElder(false)
	}
	k.win.Canvas().Unfocus()
}

// OnActivity records that the resident did something now. Screens call it
// through Nav.Activity; the keys typed on the window call it too.
func (k *Kiosk) OnActivity() {
	k.lastActivity = k.opts.Now()
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
}

// SetKeyHandler routes the keys typed while no widget has focus to h (nil
// to stop).
func (k *Kiosk) SetKeyHandler(h KeyHandler) { k.keys = h }

func (k *Kiosk) installKeys() {
	c := k.win.Canvas()
	c.SetOnTypedRune(func(r rune) {
		k.OnActivity()
		if k.keys != nil {
			k.keys.TypedRune(r)
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		k.OnActivity()
		if k.keys != nil {
			k.keys.TypedKey(ev)
		}
	})
}

func (k *Kiosk) onStaffHold() {
	k.OnActivity()
	if k.opts.OnStaffRequest != nil {
		k.opts.OnStaffRequest()
	}
}

func (k *Kiosk) buildBars() {
	k.TitleLabel = widget.NewLabel("")
	k.TitleLabel.SizeName = fynetheme.SizeNameSubHeadingText
	k.TitleLabel.Truncation = fyne.TextTruncateEllipsis
	k.titleBar = container.NewVBox(compact(container.NewPadded(k.TitleLabel)), widget.NewSeparator())

	k.BackButton = widget.NewButtonWithIcon(lang.L("kiosk.nav.back"), fynetheme.NavigateBackIcon(), k.onBack)
	k.HomeButton = widget.NewButtonWithIcon(lang.L("kiosk.nav.home"), fynetheme.HomeIcon(), k.onHome)
	k.HomeButton.Importance = widget.HighImportance
	k.back, k.home = bigButton(k.BackButton), bigButton(k.HomeButton)
	k.actions = container.NewStack()
	k.footerBg = canvas.NewRectangle(color.Transparent)
	bar := container.New(&footerLayout{width: k.canvasWidth}, k.back, k.actions, k.home)
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

// onScreen updates the bars for the screen now on top.
func (k *Kiosk) onScreen(s Screen) {
	home := k.Nav.Depth() <= 1
	k.TitleLabel.SetText(s.Title())
	for _, o := range []fyne.CanvasObject{k.titleBar, k.back, k.home, k.BackButton, k.HomeButton} {
		if home {
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
	k.actions.Refresh()
}

// canvasWidth is the window's width, which decides whether the footer
// needs a second row.
func (k *Kiosk) canvasWidth() float32 { return k.win.Canvas().Size().Width }

// footerLayout puts 返回 on the left, 首页 on the right and the screen's own
// buttons between them, or, when they do not fit in one row (a portrait
// screen in elder mode), the screen's buttons in a row above the other two.
// Objects: back, actions, home.
type footerLayout struct {
	width func() float32 // the available width, known before Layout
}

func (l *footerLayout) gap() float32 { return fynetheme.Padding() * 2 }

// available is the width the decision is made on: the window's, less the
// footer's padding, so that MinSize and Layout always agree.
func (l *footerLayout) available(fallback float32) float32 {
	if w := l.width(); w > 0 {
		return w - 2*fynetheme.Padding()
	}
	return fallback
}

func (l *footerLayout) oneRow(objects []fyne.CanvasObject, width float32) bool {
	back, actions, home := objects[0], objects[1], objects[2]
	if !back.Visible() || len(actions.(*fyne.Container).Objects) == 0 {
		return true
	}
	need := back.MinSize().Width + actions.MinSize().Width + home.MinSize().Width + 2*l.gap()
	return width <= 0 || need <= width
}

func (l *footerLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	back, actions, home := objects[0], objects[1], objects[2]
	gap := l.gap()
	bw, hw := float32(0), float32(0)
	if back.Visible() {
		bw, hw = back.MinSize().Width, home.MinSize().Width
	}
	if l.oneRow(objects, l.available(size.Width)) {
		back.Move(fyne.NewPos(0, 0))
		back.Resize(fyne.NewSize(bw, size.Height))
		home.Move(fyne.NewPos(size.Width-hw, 0))
		home.Resize(fyne.NewSize(hw, size.Height))
		x := float32(0)
		if bw > 0 {
			x = bw + gap
		}
		w := size.Width - x
		if hw > 0 {
			w -= hw + gap
		}
		actions.Move(fyne.NewPos(x, 0))
		actions.Resize(fyne.NewSize(w, size.Height))
		return
	}
	top := actions.MinSize().Height
	actions.Move(fyne.NewPos(0, 0))
	actions.Resize(fyne.NewSize(size.Width, top))
	rowH := max(0, size.Height-top-gap)
	back.Move(fyne.NewPos(0, top+gap))
	back.Resize(fyne.NewSize(bw, rowH))
	home.Move(fyne.NewPos(size.Width-hw, top+gap))
	home.Resize(fyne.NewSize(hw, rowH))
}

func (l *footerLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	back, actions, home := objects[0], objects[1], objects[2]
	nav := fyne.Size{}
	if back.Visible() {
		nav = fyne.NewSize(back.MinSize().Width+home.MinSize().Width+l.gap(), max(back.MinSize().Height, home.MinSize().Height))
	}
	a := actions.MinSize()
	if l.oneRow(objects, l.available(0)) {
		return fyne.NewSize(nav.Width+a.Width+l.gap(), max(nav.Height, a.Height))
	}
	return fyne.NewSize(max(nav.Width, a.Width), nav.Height+a.Height+l.gap())
}

// bigButton gives a footer button room for an elderly finger: at least a
// quarter of a 1080-wide screen and 1.25 touch targets tall.
func bigButton(b *widget.Button) fyne.CanvasObject {
	return container.New(&minLayout{width: 240, touchScale: 1.25}, b)
}

// minLayout stretches its objects over its area and asks for at least
// width × (touch target × touchScale), read from the theme each time so
// elder mode grows it.
type minLayout struct {
	width      float32
	touchScale float32
}

func (l *minLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *minLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	th := fyne.CurrentApp().Settings().Theme()
	touch := themeSize(th, bmtheme.SizeNameTouchTarget, bmtheme.MinTouchTarget)
	s := fyne.NewSize(l.width, touch*l.touchScale)
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}
