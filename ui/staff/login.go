package staff

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Login is the sign-in screen: tap your name, then type your PIN on a large
// keypad. On first start (no administrator has a PIN) it is the setup of
// the first administrator's PIN instead: pick the administrator, type the
// new PIN twice.
type Login struct {
	// FirstAdmin is true while the screen sets up the first administrator.
	FirstAdmin bool
	// Choices are the name buttons, in the store's order; Staff are their
	// staff members.
	Choices []*widget.Button
	Staff   []data.LoginChoice

	// The PIN step: who was picked, the masked entry, the keypad, the
	// message (wrong PIN, lockout, PIN rules) and 重新选择.
	Chosen   data.LoginChoice
	Prompt   *widget.Label
	PIN      *widget.Entry
	Keypad   *input.Keypad
	Message  *widget.Label
	Again    *widget.Button
	Heading  *widget.Label
	firstPIN string // setup: the PIN typed the first time
	// Changing is the session of an administrator signed in with a PIN
	// that no longer meets the rules (data.Session.PINChange): the PIN
	// step then asks for a new PIN twice, and the desk opens only once it
	// is set. Nil otherwise.
	Changing  *data.Session
	busy      bool
	d         *Desk
	names     *fyne.Container
	pinStep   fyne.CanvasObject
	pickStep  fyne.CanvasObject
	content   *fyne.Container
	pickIntro *widget.Label
}

func newLogin(d *Desk) *Login {
	l := &Login{d: d}
	l.Heading = widget.NewLabel(lang.L("staff.login.title"))
	l.Heading.SizeName = fynetheme.SizeNameHeadingText
	l.pickIntro = widget.NewLabel(lang.L("staff.loading"))
	l.pickIntro.Wrapping = fyne.TextWrapWord
	l.names = container.NewGridWrap(fyne.NewSize(380, 96))
	l.pickStep = container.NewBorder(container.NewVBox(l.Heading, l.pickIntro), nil, nil, nil,
		touch.NewVScroll(l.names))

	l.Prompt = widget.NewLabel("")
	l.Prompt.SizeName = fynetheme.SizeNameSubHeadingText
	l.Prompt.Wrapping = fyne.TextWrapWord
	l.PIN = widget.NewPasswordEntry()
	l.PIN.SetPlaceHolder(lang.L("staff.login.pinPlaceholder"))
	l.PIN.OnChanged = func(string) { d.Activity() }
	l.PIN.OnSubmitted = func(string) { l.submit() }
	l.Keypad = input.NewKeypad()
	l.Keypad.SetTarget(l.PIN)
	d.Keys.Skip(l.PIN) // the keypad is beside it
	l.Message = widget.NewLabel("")
	l.Message.Wrapping = fyne.TextWrapWord
	l.Message.TextStyle = fyne.TextStyle{Bold: true}
	l.Message.Importance = widget.DangerImportance
	l.Again = widget.NewButtonWithIcon(lang.L("staff.login.again"), fynetheme.NavigateBackIcon(), d.tap(l.backToNames))
	pad := container.New(&fixedSize{size: fyne.NewSize(560, 400)}, l.Keypad)
	left := container.NewVBox(l.Prompt, container.New(&fixedSize{size: fyne.NewSize(420, 64)}, l.PIN), l.Message, l.Again)
	l.pinStep = container.NewCenter(container.NewHBox(container.New(&fixedSize{size: fyne.NewSize(440, 400)}, left),
		canvas.NewRectangle(color.Transparent), pad))
	l.content = container.NewStack(l.pickStep)
	l.load()
	return l
}

func (l *Login) load() {
	d := l.d
	d.async(func() func() {
		need, err := d.store.NeedsFirstAdmin(d.opts.Context)
		if err != nil {
			return func() { l.pickIntro.SetText(locale.Message(err)) }
		}
		choices, err := d.store.LoginChoices(d.opts.Context)
		return func() { l.showNames(need, choices, err) }
	})
}

func (l *Login) showNames(first bool, choices []data.LoginChoice, err error) {
	if err != nil {
		l.pickIntro.SetText(locale.Message(err))
		return
	}
	l.FirstAdmin = first
	if first {
		l.Heading.SetText(lang.L("staff.setup.title"))
		l.pickIntro.SetText(lang.L("staff.setup.intro"))
		admins := 0
		for _, c := range choices {
			if c.Role == data.RoleAdmin {
				admins++
			}
		}
		if admins > 0 { // only administrators may set the first PIN
			var only []data.LoginChoice
			for _, c := range choices {
				if c.Role == data.RoleAdmin {
					only = append(only, c)
				}
			}
			choices = only
		}
	} else {
		l.pickIntro.SetText(lang.L("staff.login.intro"))
	}
	l.Staff = choices
	l.Choices = nil
	l.names.RemoveAll()
	for _, c := range choices {
		text := c.Name
		if c.WindowName != "" {
			text += "\n" + c.WindowName
		}
		if !first && !c.HasPIN {
			text += "\n" + lang.L("staff.login.noPIN")
		}
		b := widget.NewButtonWithIcon(text, fynetheme.AccountIcon(), l.d.tap(func() { l.Choose(c) }))
		if !first && !c.HasPIN {
			b.Disable()
		}
		l.Choices = append(l.Choices, b)
		l.names.Add(b)
	}
	if len(choices) == 0 {
		l.pickIntro.SetText(lang.L("staff.login.none"))
	}
	l.names.Refresh()
}

// Choose goes to the PIN step for a staff member.
func (l *Login) Choose(c data.LoginChoice) {
	l.Chosen = c
	l.firstPIN = ""
	l.PIN.SetText("")
	l.Message.SetText("")
	if l.FirstAdmin {
		l.Prompt.SetText(lang.L("staff.setup.pin", map[string]any{"Name": c.Name}))
		l.PIN.SetPlaceHolder(lang.L("org.staff.pinHintAdmin"))
	} else {
		l.Prompt.SetText(lang.L("staff.login.pin", map[string]any{"Name": c.Name}))
		l.PIN.SetPlaceHolder(lang.L("staff.login.pinPlaceholder"))
	}
	l.content.Objects = []fyne.CanvasObject{l.pinStep}
	l.content.Refresh()
	l.d.win.Canvas().Focus(l.PIN)
}

func (l *Login) backToNames() {
	if sess := l.Changing; sess != nil {
		// They leave without a new PIN: signed out again, and recorded so.
		l.Changing = nil
		d := l.d
		d.async(func() func() {
			_ = d.store.Logout(d.opts.Context, *sess, "未按要求设置新密码，返回登录")
			return nil
		})
	}
	l.Message.SetText("")
	l.PIN.SetText("")
	l.firstPIN = ""
	l.content.Objects = []fyne.CanvasObject{l.pickStep}
	l.content.Refresh()
}

// submit signs in with the typed PIN (or moves the setup on).
func (l *Login) submit() {
	l.d.Activity()
	if l.busy || l.Chosen.StaffID == 0 {
		return
	}
	pin := l.PIN.Text
	if l.FirstAdmin || l.Changing != nil {
		l.setupStep(pin)
		return
	}
	l.busy = true
	l.Message.SetText(lang.L("staff.login.checking"))
	d, who := l.d, l.Chosen.StaffID
	d.async(func() func() {
		s, err := d.store.LoginID(d.opts.Context, who, pin)
		return func() {
			l.busy = false
			l.PIN.SetText("")
			if err != nil {
				l.Message.SetText(locale.Message(err))
				return
			}
			if s.PINChange != "" {
				l.askNewPIN(s)
				return
			}
			d.signedInAs(s)
		}
	})
}

// askNewPIN turns the PIN step into the choice of a new PIN for an
// administrator whose PIN no longer meets the rules, saying why.
func (l *Login) askNewPIN(s data.Session) {
	l.Changing = &s
	l.firstPIN = ""
	l.PIN.SetText("")
	l.Prompt.SetText(lang.L("staff.change.pin", map[string]any{"Name": s.Name}))
	l.PIN.SetPlaceHolder(lang.L("org.staff.pinHintAdmin"))
	l.Message.SetText(lang.L("staff.change.why", map[string]any{"Reason": s.PINChange}))
}

// setupStep takes one typing of a new PIN: the first administrator's on
// first start, or an administrator's replacing a PIN that no longer meets
// the rules (Changing).
func (l *Login) setupStep(pin string) {
	promptKey := "staff.setup.pin"
	if l.Changing != nil {
		promptKey = "staff.change.pin"
	}
	if l.firstPIN == "" {
		clean, err := data.CheckPINFor("pin", pin, true) // the first administrator's
		l.PIN.SetText("")
		if err != nil {
			l.Message.SetText(locale.Message(err))
			return
		}
		l.firstPIN = clean
		l.Message.SetText("")
		l.Prompt.SetText(lang.L("staff.setup.repeat", map[string]any{"Name": l.Chosen.Name}))
		return
	}
	if clean, _ := data.CheckPINFor("pin", pin, true); clean != l.firstPIN {
		l.firstPIN = ""
		l.PIN.SetText("")
		l.Message.SetText(lang.L("staff.setup.mismatch"))
		l.Prompt.SetText(lang.L(promptKey, map[string]any{"Name": l.Chosen.Name}))
		return
	}
	l.busy = true
	d, who, first, changing := l.d, l.Chosen.StaffID, l.firstPIN, l.Changing
	d.async(func() func() {
		var s data.Session
		var err error
		if changing != nil {
			s = *changing
			if err = d.store.SetPIN(d.opts.Context, s, s.StaffID, first); err == nil {
				s.PINChange = ""
			}
		} else {
			s, err = d.store.SetupFirstAdmin(d.opts.Context, who, first)
		}
		return func() {
			l.busy = false
			l.PIN.SetText("")
			l.firstPIN = ""
			if err != nil {
				l.Message.SetText(locale.Message(err))
				l.Prompt.SetText(lang.L(promptKey, map[string]any{"Name": l.Chosen.Name}))
				return
			}
			l.Changing = nil
			d.signedInAs(s)
		}
	})
}

// fixedSize asks for at least size and stretches its objects over its area.
type fixedSize struct{ size fyne.Size }

func (f *fixedSize) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f *fixedSize) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := f.size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}
