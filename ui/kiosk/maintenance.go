package kiosk

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Maintenance is the calm 系统维护中 screen a resident sees while the data
// file cannot be used (the check found it damaged, a read or a write met a
// damaged file or a failing disk, or the program could not open it at
// start): in Chinese with the English under it, that their earlier
// requests are safe and to go to a service window (or call). It offers
// nothing that would write; only larger text (长辈模式). Staff reach staff
// mode by holding the center's name as always, or, at start, through
// Staff (set by the start screen).
type Maintenance struct {
	Heading, HeadingEn *fitlabel.Label
	Body, BodyEn       *fitlabel.Label
	Todo, TodoEn       *fitlabel.Label
	ElderButton        *widget.Button

	elder   ElderSwitch
	footer  bool            // the elder button is in the kiosk's footer
	extra   *fyne.Container // what the start screen adds for staff
	content fyne.CanvasObject
}

// NewMaintenance builds the screen; phone is the service room's phone ("" if
// not known). elder switches the larger text (nil: no such button); the
// button is under the message, or in the kiosk's footer (Actions) when the
// kiosk shows the screen.
func NewMaintenance(phone string, elder ElderSwitch) *Maintenance {
	return newMaintenance(phone, elder, false)
}

func newMaintenance(phone string, elder ElderSwitch, footer bool) *Maintenance {
	m := &Maintenance{elder: elder, footer: footer}
	label := func(size fyne.ThemeSizeName, bold bool) *fitlabel.Label {
		l := fitlabel.NewWrapped("")
		l.Alignment = fyne.TextAlignCenter
		l.SizeName = size
		l.TextStyle = fyne.TextStyle{Bold: bold}
		return l
	}
	m.Heading = label(fynetheme.SizeNameHeadingText, true)
	m.HeadingEn = label(fynetheme.SizeNameText, false)
	m.Body = label(fynetheme.SizeNameSubHeadingText, false)
	m.BodyEn = label(fynetheme.SizeNameText, false)
	m.Todo = label(fynetheme.SizeNameSubHeadingText, true)
	m.TodoEn = label(fynetheme.SizeNameText, false)
	setBilingual(m.Heading, m.HeadingEn, "maint.title", nil)
	setBilingual(m.Body, m.BodyEn, "maint.body", nil)
	m.SetPhone(phone)
	m.ElderButton = widget.NewButtonWithIcon("", fynetheme.ZoomInIcon(), m.onElder)
	m.refreshElder()
	icon := widget.NewIcon(fynetheme.InfoIcon())
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSize(72, 72), icon))
	text := container.NewVBox(iconBox, m.Heading, m.HeadingEn, m.Body, m.BodyEn, m.Todo, m.TodoEn)
	m.extra = container.NewVBox()
	var bottom fyne.CanvasObject = m.extra
	if elder != nil && !footer {
		bottom = container.NewVBox(container.NewCenter(bigButton(m.ElderButton)), m.extra)
	}
	m.content = touch.NewVScroll(container.NewVBox(layout.NewSpacer(), text, bottom, layout.NewSpacer()))
	return m
}

// setBilingual shows key in the program's language in main and, when that
// is not English, the English in en (hidden otherwise).
func setBilingual(main, en *fitlabel.Label, key string, args map[string]any) {
	var zh, e string
	if args == nil {
		zh, e = lang.L(key), lang.L(key+".en")
	} else {
		zh, e = lang.L(key, args), lang.L(key+".en", args)
	}
	main.SetText(zh)
	en.SetText(e)
	setVisible(en, e != zh)
}

// SetPhone names the service room's phone in what to do ("" for none).
func (m *Maintenance) SetPhone(phone string) {
	if phone == "" {
		setBilingual(m.Todo, m.TodoEn, "maint.todo", nil)
		return
	}
	setBilingual(m.Todo, m.TodoEn, "maint.todoPhone", map[string]any{"Phone": phone})
}

// Title is empty: the screen needs no title bar (Screen).
func (*Maintenance) Title() string { return "" }

// Content is the screen (Screen).
func (m *Maintenance) Content() fyne.CanvasObject { return m.content }

// Actions is the elder button, for the kiosk's footer (Actioner).
func (m *Maintenance) Actions() fyne.CanvasObject {
	if !m.footer || m.elder == nil {
		return nil
	}
	return container.NewHBox(layout.NewSpacer(), bigButton(m.ElderButton))
}

// AddBelow puts o under the message (the start screen's part for staff).
func (m *Maintenance) AddBelow(o fyne.CanvasObject) { m.extra.Add(o) }

func (m *Maintenance) onElder() {
	if m.elder == nil {
		return
	}
	m.elder.SetElder(!m.elder.Elder())
	m.refreshElder()
}

func (m *Maintenance) refreshElder() {
	// In larger text the English lines give way, so that the Chinese fits.
	elder := m.elder != nil && m.elder.Elder()
	for _, p := range [][2]*fitlabel.Label{{m.Heading, m.HeadingEn}, {m.Body, m.BodyEn}, {m.Todo, m.TodoEn}} {
		setVisible(p[1], !elder && p[1].Text != p[0].Text)
	}
	if elder {
		m.ElderButton.SetText(lang.L("maint.elderOff"))
		m.ElderButton.SetIcon(fynetheme.ZoomOutIcon())
		m.ElderButton.Importance = widget.HighImportance
	} else {
		m.ElderButton.SetText(lang.L("maint.elder"))
		m.ElderButton.SetIcon(fynetheme.ZoomInIcon())
		m.ElderButton.Importance = widget.MediumImportance
	}
	m.ElderButton.Refresh()
}

// Unusable reports whether err says the data file itself can no longer be
// used: damaged, or reading or writing it failed. A busy, full or
// read-only file, bad input or a missing record are not: their own
// messages say what to do.
func Unusable(err error) bool {
	return errors.Is(err, data.ErrCorrupt) || errors.Is(err, data.ErrIO)
}

// EnterMaintenance puts the kiosk into maintenance for why (the error that
// made the data file unusable; nil when main knows it otherwise, from the
// file's check): every dialog closes,
// reading aloud stops, whatever a resident was doing is left, and the
// 系统维护中 screen stays (the idle reset and scans no longer open
// anything) until main builds the kiosk anew. The header, its clock and
// the hidden staff entry stay.
func (k *Kiosk) EnterMaintenance(why error) {
	if k.Maintenance != nil {
		return
	}
	k.Maintenance = newMaintenance(k.Nav.center.Phone, k, true)
	k.StopSpeech()
	overlays := k.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
	k.win.Canvas().Unfocus()
	k.Nav.Home()
	k.Nav.blocked = k.Maintenance
	k.Nav.show(k.Maintenance, false)
	if k.opts.OnMaintenance != nil {
		k.opts.OnMaintenance(why)
	}
}

// InMaintenance reports whether the kiosk shows the maintenance screen.
func (k *Kiosk) InMaintenance() bool { return k.Maintenance != nil }

// failed is told every error a screen shows: one that says the data file
// is unusable puts the kiosk into maintenance (and the screen's own
// message is moot). It runs on the UI goroutine.
func (n *Nav) failed(err error) {
	if n.onUnusable != nil && Unusable(err) {
		n.onUnusable(err)
	}
}

// errorText is errorText, noting a failure of the data file.
func (n *Nav) errorText(err error) string {
	n.failed(err)
	return errorText(err)
}

// showFailure says on status why a read failed (errorText) and logs err
// tagged what; false when err is nil.
func (n *Nav) showFailure(status *widget.Label, what string, err error) bool {
	if err == nil {
		return false
	}
	fyne.LogError(what, err)
	status.SetText(n.errorText(err))
	return true
}

// message is locale.Message, noting a failure of the data file.
func (n *Nav) message(err error) string {
	n.failed(err)
	return locale.Message(err)
}
