package kiosk

import (
	"bianmin/ui/internal/fitlabel"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The idle reset: when nobody has touched the kiosk for a
// while (the center profile's IdleSeconds, 90 s by default), a dialog asks
// 是否继续使用？ with a large 继续 button and a 10-second countdown; without
// an answer the kiosk goes home and forgets everything typed (Kiosk.Reset).
// On the home screen with nothing to forget (no screen open, no dialog, no
// elder mode, no speech) there is no countdown: the kiosk just stays.
//
// # Seeing activity
//
// Fyne has no global input hook: the driver hands a tap, a drag or a scroll
// to the topmost object that takes it, and a wrapper widget never sees what
// its children take. What the kiosk counts as activity:
//
//   - Pointer moves over the kiosk. GLFW's driver (internal/driver/glfw
//     window.go, processMouseMoved) asks every object under the pointer,
//     from the window's content down, for its desktop.Cursorable cursor on
//     each move. The content is wrapped in an activity.Area, whose Cursor
//     reports activity and returns the default cursor (anything below may
//     still choose its own). On Linux a touchscreen drives the pointer
//     (X11 pointer emulation: a motion to the touch point, then the
//     button), so every touch and every drag of a scroll moves it.
//   - Keys typed while no widget has focus (Canvas.SetOnTypedRune and
//     SetOnTypedKey: the scanner and a physical keyboard).
//   - Every navigation (Nav.Push, Back, Home, Open), and what screens report
//     through Nav.Activity from their own handlers (typing, the on-screen
//     keyboard, buttons), 继续 and the shell's own buttons.
//
// Gaps: a second tap at exactly the same pixel as the one before moves no
// pointer, so it counts only if what it taps reports activity itself (the
// shell's buttons and tiles do, through Nav); a mouse wheel scroll without
// moving the pointer, and keys typed into a focused field, count only if
// the screen reports them (entries' OnChanged should call Nav.Activity);
// pointer moves over a dialog do not reach the content below it (dialogs'
// buttons report activity). While the kiosk reads aloud it is not idle;
// the idle time counts from the end of the speech.

// Idle is the idle reset: the timer and the countdown dialog. The shell
// starts it with Kiosk.Start.
type Idle struct {
	// Continue and Countdown are the dialog's 继续 button and its
	// "N秒后将返回首页" line while it shows; nil before the first time.
	Continue  *widget.Button
	Countdown *fitlabel.Label

	k        *Kiosk
	running  bool
	cancel   func()    // the pending check
	tick     func()    // the pending countdown tick
	deadline time.Time // when the countdown ends; zero when the dialog is not shown
	dialog   *dialog.CustomDialog
}

func newIdle(k *Kiosk) *Idle { return &Idle{k: k} }

// DefaultIdle is the time without a touch before the countdown when neither
// Options.IdleTimeout nor the center profile says otherwise.
const DefaultIdle = 90 * time.Second

// DefaultIdleCountdown is how long 是否继续使用？ waits for an answer.
const DefaultIdleCountdown = 10 * time.Second

// Timeout is the time without a touch before the countdown:
// Options.IdleTimeout if set, else the center profile's IdleSeconds, else
// DefaultIdle. Zero or less means never.
func (i *Idle) Timeout() time.Duration {
	switch t := i.k.opts.IdleTimeout; {
	case t > 0:
		return t
	case t < 0:
		return 0
	}
	if s := i.k.Nav.center.IdleSeconds; s > 0 {
		return time.Duration(s) * time.Second
	}
	return DefaultIdle
}

// Showing reports whether the countdown dialog is up.
func (i *Idle) Showing() bool { return !i.deadline.IsZero() }

// start begins watching (Kiosk.Start).
func (i *Idle) start() {
	i.running = true
	i.schedule(i.Timeout())
}

// stop stops watching and closes the dialog (Kiosk.Stop).
func (i *Idle) stop() {
	i.running = false
	i.close()
	if i.cancel != nil {
		i.cancel()
		i.cancel = nil
	}
}

// restart looks again at once, after the profile (and so perhaps the
// timeout) changed.
func (i *Idle) restart() {
	if i.running && !i.Showing() {
		if i.cancel != nil {
			i.cancel()
			i.cancel = nil
		}
		i.check()
	}
}

func (i *Idle) schedule(d time.Duration) {
	if i.cancel != nil {
		i.cancel()
		i.cancel = nil
	}
	if !i.running || d <= 0 {
		return
	}
	i.cancel = i.k.opts.After(d, i.check)
}

// check runs when the timeout may have passed. Activity only moves
// LastActivity, so the timer is not re-armed on every pointer move: check
// waits again for what is left.
func (i *Idle) check() {
	i.cancel = nil
	timeout := i.Timeout()
	if !i.running || i.Showing() || timeout <= 0 {
		return
	}
	if i.k.speakingNow() { // asked first: a speech that has ended counts as activity
		i.schedule(timeout)
		return
	}
	since := i.k.opts.Now().Sub(i.k.lastActivity)
	switch {
	case since < timeout:
		i.schedule(timeout - since)
	case !i.k.hasState():
		i.schedule(timeout)
	default:
		i.prompt()
	}
}

// prompt shows 是否继续使用？ with the countdown.
func (i *Idle) prompt() {
	win := i.k.win
	countdown := i.k.opts.IdleCountdown
	i.deadline = i.k.opts.Now().Add(countdown)

	i.Countdown = fitlabel.NewWrapped(countdownText(countdown))
	i.Countdown.SizeName = fynetheme.SizeNameSubHeadingText
	i.Countdown.Alignment = fyne.TextAlignCenter
	i.Continue = widget.NewButtonWithIcon(lang.L("kiosk.idle.continue"), fynetheme.ConfirmIcon(), i.k.OnActivity)
	i.Continue.Importance = widget.HighImportance
	width := float32(560)
	if w := win.Canvas().Size().Width - 120; w > 0 && w < width {
		width = w
	}
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(width, 0))
	question := fitlabel.NewWrapped(lang.L("kiosk.idle.title"))
	question.SizeName = fynetheme.SizeNameHeadingText
	question.Alignment = fyne.TextAlignCenter
	body := container.NewVBox(container.NewStack(strut, question), i.Countdown,
		container.NewCenter(container.New(&minLayout{width: 320, touchScale: 1.5}, i.Continue)))
	i.dialog = dialog.NewCustomWithoutButtons(lang.L("kiosk.idle.dialogTitle"), body, win)
	i.dialog.Show()
	i.tick = i.k.opts.After(min(time.Second, countdown), i.onTick)
}

// countdownText is "N秒后将返回首页…" for what is left, in whole seconds
// rounded up.
func countdownText(left time.Duration) string {
	n := int(math.Ceil(left.Seconds()))
	return lang.L("kiosk.idle.countdown", map[string]any{"N": max(n, 0)})
}

func (i *Idle) onTick() {
	i.tick = nil
	if !i.Showing() {
		return
	}
	left := i.deadline.Sub(i.k.opts.Now())
	if left <= 0 {
		i.expire()
		return
	}
	i.Countdown.SetText(countdownText(left))
	i.tick = i.k.opts.After(min(time.Second, left), i.onTick)
}

// expire is the countdown running out: the idle reset (which re-arms).
func (i *Idle) expire() {
	i.close()
	i.k.Reset()
}

// dismiss closes the dialog because the resident answered (继续, or any
// input the shell sees) and starts waiting again.
func (i *Idle) dismiss() { i.rearm() }

// rearm closes the dialog, if it is up, and makes sure a check is pending
// (Kiosk.Reset calls it).
func (i *Idle) rearm() {
	i.close()
	if i.running && i.cancel == nil {
		i.schedule(i.Timeout())
	}
}

// close takes the dialog down, if it is up, and stops its countdown.
func (i *Idle) close() {
	if i.tick != nil {
		i.tick()
		i.tick = nil
	}
	i.deadline = time.Time{}
	if i.dialog != nil {
		d := i.dialog
		i.dialog = nil
		d.Hide()
	}
}

// hasState reports whether there is anything for an idle reset to undo: a
// screen above home, a dialog, elder mode, a focused field.
func (k *Kiosk) hasState() bool {
	c := k.win.Canvas()
	return k.Nav.Depth() > 1 || c.Overlays().Top() != nil || k.elder || c.Focused() != nil
}
