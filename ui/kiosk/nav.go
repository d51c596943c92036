package kiosk

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"bianmin/data"
	"bianmin/ui/internal/hooks"
)

// Screen is one page of the kiosk. Content is called every time the screen
// comes to the top of the stack and must return the same object each time
// (build it once, in the constructor). Title is shown in the title bar; the
// home screen's is empty.
type Screen interface {
	Title() string
	Content() fyne.CanvasObject
}

// Leaver is a Screen that must stop something when the resident leaves it,
// whether it is popped or covered by the next screen: read-aloud stops here,
// pending searches are cancelled here.
type Leaver interface {
	Leave()
}

// Feature names a function the home screen offers.
type Feature string

// The six functions of the home screen (homeTiles puts them in order).
const (
	FeatureGuides     Feature = "guides"     // 办事指南
	FeatureDisclosure Feature = "disclosure" // 政务公开
	FeatureRegister   Feature = "register"   // 自助登记
	FeatureTrack      Feature = "track"      // 进度查询
	FeatureComplain   Feature = "complain"   // 投诉建议
	FeatureRate       Feature = "rate"       // 服务评价
)

// Factory builds a fresh screen for a feature. A new screen is built every
// time the feature is opened, so nothing a resident typed survives a visit.
type Factory func(nav *Nav) Screen

// AfterFunc calls f on the UI goroutine once d has passed, unless cancel is
// called first. Options.After replaces it in tests.
type AfterFunc = hooks.AfterFunc

// Nav is the kiosk's navigation stack and what every screen needs from the
// shell: pushing and popping screens, opening a feature by name from the
// registry, running store work off the UI goroutine, timers, the clock, the
// window for dialogs and the center's profile.
//
// All methods are called on the UI goroutine.
type Nav struct {
	win      fyne.Window
	holder   *fyne.Container // a container.NewStack showing the top screen
	stack    []Screen
	registry map[Feature]Factory

	ctx    context.Context
	run    func(func())
	after  AfterFunc
	now    func() time.Time
	center data.Center

	// The calendar and today's entry in it (a holiday's name), for the
	// office hours (hours.go); cal is nil until loaded, and stays nil with
	// a store that has no calendar (plain Monday–Friday).
	cal          *data.Calendar
	today        data.CalendarDay
	calDay       string // the day (YYYY-MM-DD) today was read for
	centerLoaded bool

	onChange func(Screen) // the shell updates its bars
	activity func()       // the shell's OnActivity

	// blocked, when set, is the only screen shown (maintenance): Push
	// does nothing and Home, Back show it.
	blocked    Screen
	onUnusable func(error) // told an error saying the data file is unusable
}

func newNav(win fyne.Window, ctx context.Context, run func(func()), after AfterFunc, now func() time.Time) *Nav {
	return &Nav{
		win:      win,
		holder:   container.NewStack(),
		registry: map[Feature]Factory{},
		ctx:      ctx,
		run:      run,
		after:    after,
		now:      now,
		onChange: func(Screen) {},
		activity: func() {},
	}
}

// Register puts (or replaces) the factory of a feature in the registry.
func (n *Nav) Register(f Feature, factory Factory) { n.registry[f] = factory }

// Has reports whether a feature has a screen.
func (n *Nav) Has(f Feature) bool { return n.registry[f] != nil }

// Open shows a feature's screen. New registers one for every home tile;
// a feature with none does nothing.
func (n *Nav) Open(f Feature) {
	factory := n.registry[f]
	if factory == nil {
		n.activity()
		return
	}
	n.Push(factory(n))
}

// Push shows s on top of the current screen, which is left.
func (n *Nav) Push(s Screen) {
	n.activity()
	if n.blocked != nil {
		return
	}
	if top := n.Current(); top != nil {
		leave(top)
	}
	n.stack = append(n.stack, s)
	n.show(s, false)
}

// Back leaves the current screen and shows the one under it. On the home
// screen it does nothing.
func (n *Nav) Back() {
	n.activity()
	if len(n.stack) < 2 {
		return
	}
	top := n.stack[len(n.stack)-1]
	n.stack[len(n.stack)-1] = nil // the screen left is not kept alive (see Home)
	n.stack = n.stack[:len(n.stack)-1]
	leave(top)
	n.show(n.stack[len(n.stack)-1], true)
}

// Home leaves every screen above the home screen and shows it.
func (n *Nav) Home() {
	n.activity()
	if len(n.stack) == 0 {
		return
	}
	for i := len(n.stack) - 1; i >= 1; i-- {
		leave(n.stack[i])
	}
	// The stack's array would otherwise keep the screens left, with their
	// widgets, images and data, alive until later pushes overwrite their
	// places: at rest, the deepest screens of the last resident for hours.
	clear(n.stack[1:])
	n.stack = n.stack[:1]
	n.show(n.stack[0], true)
}

// Finish ends a flow with s: every screen above the home screen is left
// and s is shown on top of the home screen, so that 返回 cannot reach the
// flow's screens. It is Home then Push without showing the home screen
// in between: that would refresh it throughout (every tile's icon decoded
// again) and swap the footer twice, on the tap that ends the flow, for a
// screen the resident never sees.
func (n *Nav) Finish(s Screen) {
	if n.blocked != nil || len(n.stack) == 0 {
		n.Home() // as Home then Push did: the maintenance screen
		return
	}
	n.activity()
	for i := len(n.stack) - 1; i >= 1; i-- {
		leave(n.stack[i])
	}
	if len(n.stack) > 1 {
		clear(n.stack[1:]) // as Home: the screens left are not kept alive
		n.stack = n.stack[:1]
	}
	n.stack = append(n.stack, s)
	n.show(s, false)
}

// Current is the screen on top, nil before the home screen is pushed.
func (n *Nav) Current() Screen {
	if len(n.stack) == 0 {
		return nil
	}
	return n.stack[len(n.stack)-1]
}

// Depth is the number of screens on the stack; 1 on the home screen.
func (n *Nav) Depth() int { return len(n.stack) }

// Window is the kiosk's window, for dialogs.
func (n *Nav) Window() fyne.Window { return n.win }

// Context is the context store calls run in.
func (n *Nav) Context() context.Context { return n.ctx }

// Now is the kiosk's clock.
func (n *Nav) Now() time.Time { return n.now() }

// After runs f on the UI goroutine after d unless cancelled.
func (n *Nav) After(d time.Duration, f func()) (cancel func()) { return n.after(d, f) }

// Center is the service room's profile as last loaded (zero until then).
func (n *Nav) Center() data.Center { return n.center }

// Activity tells the shell that the resident did something (for the idle
// reset). Screens call it from their input handlers; Push, Back, Home and
// Open call it themselves.
func (n *Nav) Activity() { n.activity() }

// Async runs work off the UI goroutine; the function it returns, if not nil,
// then runs on the UI goroutine to show the result. Store calls go here.
func (n *Nav) Async(work func() (apply func())) {
	n.run(func() {
		if apply := work(); apply != nil {
			fyne.Do(apply)
		}
	})
}

// Retitle tells the shell that s's title changed (once it has loaded).
func (n *Nav) Retitle(s Screen) {
	if n.Current() == s {
		n.onChange(s)
	}
}

// show puts s on screen. A screen shown before (after Back or Home, or
// pushed again) is refreshed throughout, as it may have changed while under
// another; one never shown, its content not yet laid out, is only laid
// out: its widgets are drawn as they are, and refreshing them all would,
// for one, decode every button's icon again.
func (n *Nav) show(s Screen, again bool) {
	if n.blocked != nil {
		s = n.blocked
	}
	content := s.Content()
	n.holder.Objects = []fyne.CanvasObject{content}
	if again || !content.Size().IsZero() {
		n.holder.Refresh()
	} else {
		n.holder.Layout.Layout(n.holder.Objects, n.holder.Size())
		canvas.Refresh(n.holder)
	}
	n.onChange(s)
}

func leave(s Screen) {
	if l, ok := s.(Leaver); ok {
		l.Leave()
	}
}
