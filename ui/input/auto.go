package input

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/hooks"
)

// Auto gives every text field of a window the on-screen keyboard with no
// code per field: staff mode, on the lobby touchscreen, is full of plain
// widget.Entry fields in screens and dialogs. It watches which entry has
// the focus (Fyne has no focus callback, so it looks several times a
// second, and whenever Check is called) and opens a Panel for it:
//
//   - a field of the window's content gets the window's Panel, at the
//     bottom of the content Wrap returns; the content above shrinks, and a
//     field in a container.Scroll is scrolled back into sight;
//   - a field in a dialog (a modal widget.PopUp on top of the window, as
//     every fyne dialog is) gets a Panel of its own inside the dialog,
//     below the dialog's form and above nothing of it: the dialog grows
//     around it and stays centred, and the form's scroll shows the field.
//
// A physical keyboard keeps working: the fields are unchanged. Password
// fields get the keypad (PINs are digits), every other field the pinyin
// keyboard, unless SetKind says otherwise; Skip leaves a field to the
// screen's own keypad. Entries of type *Entry have their own Panel and
// are left alone.
type Auto struct {
	// Panel is the window's panel, below the content of Wrap.
	Panel *Panel
	// After, when set, schedules Start's looks (a screen's own timer, so
	// tests control it); it must run f on the UI goroutine.
	After func(d time.Duration, f func()) (stop func())

	win     fyne.Window
	root    *fyne.Container
	kinds   map[*widget.Entry]Kind
	skip    map[*widget.Entry]bool
	dialogs map[*widget.PopUp]*dialogPanel

	running bool
	cancel  func()
}

// dialogPanel is the panel put into one dialog, and the slot of the
// dialog's layout that holds the form and the panel.
type dialogPanel struct {
	panel *Panel
	slot  *fyne.Container
}

// autoInterval is how often Start looks at the focus: a field tapped
// shows its keys within this time.
const autoInterval = 100 * time.Millisecond

// NewAuto returns an Auto for w. Put the content through Wrap and call
// Start.
func NewAuto(w fyne.Window) *Auto {
	return &Auto{
		Panel:   NewPanel(),
		win:     w,
		kinds:   map[*widget.Entry]Kind{},
		skip:    map[*widget.Entry]bool{},
		dialogs: map[*widget.PopUp]*dialogPanel{},
	}
}

// Wrap returns content with the window's Panel below it.
func (a *Auto) Wrap(content fyne.CanvasObject) fyne.CanvasObject {
	a.root = container.NewBorder(nil, a.Panel, nil, nil, content)
	return a.root
}

// SetKind makes e get the input for kind (a phone number the keypad, a
// code upper-case letters) instead of the default. On a nil Auto (a form
// built without a window's keyboard) it does nothing.
func (a *Auto) SetKind(e *widget.Entry, kind Kind) {
	if a != nil {
		a.kinds[e] = kind
	}
}

// Skip leaves e alone: its screen has its own keypad beside it.
func (a *Auto) Skip(e *widget.Entry) { a.skip[e] = true }

// Start looks at the focus every autoInterval until Stop, through After
// (a real timer that comes back on the UI goroutine when After is nil).
// Calling it again while running does nothing.
func (a *Auto) Start() {
	if a.running {
		return
	}
	a.running = true
	a.tick()
}

func (a *Auto) tick() {
	after := a.After
	if after == nil {
		after = func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		}
	}
	a.cancel = after(autoInterval, func() {
		a.cancel = nil
		if !a.running {
			return
		}
		a.Check()
		a.tick()
	})
}

// Stop ends Start's watching and closes the panels.
func (a *Auto) Stop() {
	a.running = false
	hooks.Stop(&a.cancel)
	a.Panel.Close()
	for pop, d := range a.dialogs {
		d.panel.Close()
		delete(a.dialogs, pop)
	}
}

// Serving returns the panel open for the focused field, nil if none is.
func (a *Auto) Serving() *Panel {
	if a.Panel.Field() != nil {
		return a.Panel
	}
	for pop, d := range a.dialogs {
		if pop.Visible() && d.panel.Field() != nil {
			return d.panel
		}
	}
	return nil
}

// Check opens the right panel for the entry that has the focus now. It
// runs on the UI goroutine; Start calls it, and tests call it after
// focusing a field.
func (a *Auto) Check() {
	for pop := range a.dialogs {
		if !pop.Visible() {
			delete(a.dialogs, pop)
		}
	}
	// A field that left the window (its screen or section was replaced,
	// its form rebuilt) takes the window's panel with it.
	if o := a.Panel.obj; o != nil && gone(o) {
		a.Panel.Close()
		if a.root != nil {
			a.root.Refresh()
		}
	}
	c := a.win.Canvas()
	var obj focusObject
	var field *widget.Entry
	switch f := c.Focused().(type) {
	case *widget.Entry:
		obj, field = f, f
	case *widget.SelectEntry:
		obj, field = f, &f.Entry
	case textEntry: // a widget that embeds an Entry (touch.SelectEntry)
		obj, field = f, f.TextEntry()
	default:
		return // nothing focused, not a text field, or an *Entry with its own panel
	}
	if a.skip[field] {
		return
	}
	kind, ok := a.kinds[field]
	if !ok && field.Password {
		kind = Digits
	}
	top := c.Overlays().Top()
	if top == nil {
		if a.Panel.Field() == field && a.Panel.kind == kind || gone(obj) {
			return
		}
		a.Panel.serve(obj, field, kind)
		if a.root != nil {
			a.root.Refresh()
			showInScrolls(a.root, obj)
		}
		return
	}
	// A dialog: the window's panel cannot be reached under it.
	if a.Panel.Field() != nil {
		a.Panel.Close()
	}
	pop, ok := top.(*widget.PopUp)
	if !ok {
		return
	}
	d := a.dialogs[pop]
	grow := d == nil
	if d == nil {
		if d = addDialogPanel(pop, obj); d == nil {
			return
		}
		a.dialogs[pop] = d
	}
	if d.panel.Field() == field && d.panel.kind == kind {
		return
	}
	before := pop.Content.Size()
	d.panel.serve(obj, field, kind)
	d.slot.Refresh()
	if grow {
		// The dialog grows by the keys, as far as the window lets it: at
		// the height it was given, the keys took the form's room and left
		// the field being typed into a sliver above them.
		pad := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameInnerPadding)
		pop.Resize(fyne.NewSize(before.Width+pad, before.Height+pad+d.panel.MinSize().Height))
	}
	pop.Refresh()
	showInScrolls(d.slot, obj)
}

// gone reports whether o is no longer among the window's visible objects:
// the driver gives it the place it gives an object it cannot find (that
// of nowhere, an object never shown).
func gone(o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	return d.AbsolutePositionForObject(o) == d.AbsolutePositionForObject(nowhere)
}

// nowhere is an object never shown anywhere.
var nowhere = canvas.NewRectangle(color.Transparent)

// addDialogPanel puts a new Panel into the dialog pop below the part of
// its layout that holds obj (a fyne dialog's content: the smallest child
// of the dialog's container around obj; the background spans it all). It
// returns nil for a pop-up that is not laid out so.
func addDialogPanel(pop *widget.PopUp, obj fyne.CanvasObject) *dialogPanel {
	box, ok := pop.Content.(*fyne.Container)
	if !ok {
		return nil
	}
	d := fyne.CurrentApp().Driver()
	at, size := d.AbsolutePositionForObject(obj), obj.Size()
	best, area := -1, float32(0)
	for i, o := range box.Objects {
		if !o.Visible() {
			continue
		}
		p, s := d.AbsolutePositionForObject(o), o.Size()
		if at.X < p.X || at.Y < p.Y || at.X+size.Width > p.X+s.Width || at.Y+size.Height > p.Y+s.Height {
			continue
		}
		if a := s.Width * s.Height; best < 0 || a < area {
			best, area = i, a
		}
	}
	if best < 0 {
		return nil
	}
	panel := NewPanel()
	slot := container.NewBorder(nil, panel, nil, nil, box.Objects[best])
	box.Objects[best] = slot
	box.Refresh()
	return &dialogPanel{panel: panel, slot: slot}
}

// showInScrolls scrolls every container.Scroll between root and obj so
// that obj is in sight, innermost first. It follows containers and
// scrolls and theme overrides (not the insides of other widgets).
func showInScrolls(root fyne.CanvasObject, obj fyne.CanvasObject) {
	path := pathTo(root, obj)
	for i := len(path) - 1; i >= 0; i-- {
		if s, ok := path[i].(*container.Scroll); ok {
			ScrollIntoView(s, obj)
		}
	}
}

// pathTo returns the objects from root down to obj's parent, or nil when
// obj is not found through containers, scrolls and the widgets that hold
// a screen's parts (tabs, splits, forms, cards): the long admin forms sit
// in tabs, and a scroll behind them was never found, so the keys covered
// the field being typed into.
func pathTo(root, obj fyne.CanvasObject) []fyne.CanvasObject {
	var kids []fyne.CanvasObject
	switch o := root.(type) {
	case *fyne.Container:
		kids = o.Objects
	case *container.Scroll:
		kids = []fyne.CanvasObject{o.Content}
	case *container.ThemeOverride:
		kids = []fyne.CanvasObject{o.Content}
	case *container.AppTabs:
		if t := o.Selected(); t != nil {
			kids = []fyne.CanvasObject{t.Content}
		}
	case *container.DocTabs:
		if t := o.Selected(); t != nil {
			kids = []fyne.CanvasObject{t.Content}
		}
	case *container.Split:
		kids = []fyne.CanvasObject{o.Leading, o.Trailing}
	case *widget.Card:
		kids = []fyne.CanvasObject{o.Content}
	case *widget.Form:
		for _, it := range o.Items {
			kids = append(kids, it.Widget)
		}
	default:
		return nil
	}
	for _, k := range kids {
		if k == obj {
			return []fyne.CanvasObject{root}
		}
		if p := pathTo(k, obj); p != nil {
			return append([]fyne.CanvasObject{root}, p...)
		}
	}
	return nil
}

// textEntry is a focusable widget built on a widget.Entry that it embeds,
// which it gives for the panel to type into.
type textEntry interface {
	focusObject
	TextEntry() *widget.Entry
}
