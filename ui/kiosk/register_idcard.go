package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/idcard"
	"bianmin/ui/internal/fitlabel"
)

// 刷身份证: on the name and ID steps of self-registration, a resident may
// place the identity card on the terminal's reader instead of typing. The
// steps show 请将身份证放在读卡区 while a reader is ready (and nothing when
// there is none: typing works as ever); a card read opens
// RegisterCardConfirm, which shows the name and the number masked, with 确认
// (both answers are taken, and the flow goes on past the ID step) and 修改
// (both are put into the fields, to be corrected on the keyboard). Only the
// name and the number ever reach the kiosk (idcard.Card has no other
// field), and the consent screen says so.

// CardReader is the terminal's identity-card reader; *idcard.Watcher
// satisfies it. Its events must come on the UI goroutine (the Watcher's
// Deliver is fyne.Do).
type CardReader interface {
	Status() idcard.Status
	Subscribe(fn func(idcard.Event)) (cancel func())
}

var _ CardReader = (*idcard.Watcher)(nil)

// cardReady reports whether the flow has a reader that reads cards now.
func (f *RegisterFlow) cardReady() bool {
	return f.cfg.IDCard != nil && f.cfg.IDCard.Status().Ready()
}

// usesCard reports whether the step takes a card: the name and ID steps,
// with a reader configured.
func (s *RegisterStep) usesCard() bool {
	return s.flow.cfg.IDCard != nil && (s.Kind == RegisterName || s.Kind == RegisterID)
}

// regCardPrompt is the 请将身份证放在读卡区 line of a step, with a line
// under it for a card that could not be read.
type regCardPrompt struct {
	box  *fyne.Container
	Text *widget.Label
	Note *widget.Label
}

// addCardPrompt puts the prompt into the step's form, under the field,
// shown while a reader is ready.
func (s *RegisterStep) addCardPrompt(form *fyne.Container) {
	if !s.usesCard() {
		return
	}
	p := &regCardPrompt{Text: widget.NewLabel(lang.L("register.card.prompt")), Note: regErrorLabel()}
	p.Text.SizeName = fynetheme.SizeNameSubHeadingText
	p.Text.TextStyle = fyne.TextStyle{Bold: true}
	p.Text.Importance = widget.HighImportance
	p.Text.Wrapping = fyne.TextWrapWord
	if regTight(s.flow.nav) {
		// Beside the keyboard of a short screen in elder mode, the prompt
		// alone, at body size: the question and the field stay in sight.
		p.Text.SizeName = fynetheme.SizeNameText
		p.box = container.NewVBox(p.Text, p.Note)
	} else {
		sub := quiet(lang.L("register.card.promptSub"))
		icon := widget.NewIcon(fynetheme.AccountIcon())
		p.box = container.NewVBox(onCard(container.NewBorder(nil, nil, icon, nil, container.NewVBox(p.Text, sub))), p.Note)
	}
	s.CardPrompt = p.Text
	s.cardPrompt = p
	// Under the field and its message: in sight beside the keyboard.
	objs := []fyne.CanvasObject{}
	for i, o := range form.Objects {
		objs = append(objs, o)
		if i == 2 { // question, field, message
			objs = append(objs, p.box)
		}
	}
	form.Objects = objs
	s.refreshCardPrompt()
}

// refreshCardPrompt shows the prompt while the reader is ready.
func (s *RegisterStep) refreshCardPrompt() {
	p := s.cardPrompt
	if p == nil {
		return
	}
	if s.flow.cardReady() {
		p.Text.Show()
		p.box.Show()
	} else {
		p.Text.Hide()
		p.box.Hide()
	}
}

// listenCard starts taking cards while the step is on screen.
func (s *RegisterStep) listenCard() {
	if !s.usesCard() || s.stopCard != nil {
		return
	}
	s.refreshCardPrompt()
	s.stopCard = s.flow.cfg.IDCard.Subscribe(s.onCardEvent)
}

// unlistenCard stops taking cards (the step is left).
func (s *RegisterStep) unlistenCard() {
	if s.stopCard != nil {
		s.stopCard()
		s.stopCard = nil
	}
}

func (s *RegisterStep) onCardEvent(ev idcard.Event) {
	if s.flow.nav.Current() != s {
		return
	}
	s.refreshCardPrompt()
	switch {
	case ev.Card != nil:
		s.flow.nav.Activity()
		regSetError(s.cardPrompt.Note, "")
		s.flow.nav.Push(newRegisterCardConfirm(s, *ev.Card))
	case ev.Err != nil:
		s.flow.nav.Activity()
		regSetError(s.cardPrompt.Note, idcard.Message(ev.Err))
	}
}

// regCard is what a confirmed card gave the flow.
type regCard struct {
	number string // the ID number taken from the card; "" for none
}

// RegisterCardConfirm shows what was read from a card, masked (people may
// stand behind the resident): 姓名 张*三, 身份证号码 ****002X, with 修改 and
// 确认.
type RegisterCardConfirm struct {
	Card          idcard.Card
	Name, Number  *widget.Label
	Note          *fitlabel.Label
	ConfirmButton *widget.Button
	EditButton    *widget.Button

	step    *RegisterStep
	nameOK  bool
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

func newRegisterCardConfirm(s *RegisterStep, c idcard.Card) *RegisterCardConfirm {
	r := &RegisterCardConfirm{Card: c, step: s}
	_, err := data.PersonName("name", c.Name)
	r.nameOK = err == nil
	r.Name = widget.NewLabel(c.MaskedName())
	r.Number = widget.NewLabel(c.MaskedNumber())
	for _, l := range []*widget.Label{r.Name, r.Number} {
		l.SizeName = fynetheme.SizeNameHeadingText
		l.TextStyle = fyne.TextStyle{Bold: true}
	}
	note := lang.L("register.card.check")
	if !r.nameOK {
		// A character the card holds that no font here draws (a rare
		// character in the private-use area): the resident types the name.
		r.Name.SetText(lang.L("register.card.nameByHand"))
		note = lang.L("register.card.checkNoName")
	}
	r.Note = para(note)
	field := func(key string, v *widget.Label) fyne.CanvasObject {
		l := widget.NewLabel(lang.L(key))
		l.SizeName = fynetheme.SizeNameSubHeadingText
		return onCard(container.NewVBox(l, v))
	}
	rows := container.New(newGrid(440, 2, false), field("register.card.name", r.Name),
		field("register.card.number", r.Number))
	kept := quiet(lang.L("register.card.kept"))
	r.content = vscroll(container.NewVBox(heading(lang.L("register.card.question")), r.Note, rows, kept))
	r.ConfirmButton = widget.NewButtonWithIcon(lang.L("register.card.confirm"), fynetheme.ConfirmIcon(), r.onConfirm)
	r.ConfirmButton.Importance = widget.HighImportance
	r.EditButton = widget.NewButtonWithIcon(lang.L("register.card.edit"), fynetheme.DocumentCreateIcon(), r.onEdit)
	r.actions = container.NewHBox(layout.NewSpacer(), bigButton(r.EditButton), bigButton(r.ConfirmButton),
		layout.NewSpacer())
	return r
}

// Title is part of Screen.
func (r *RegisterCardConfirm) Title() string { return r.step.flow.title() }

// Content is part of Screen.
func (r *RegisterCardConfirm) Content() fyne.CanvasObject { return r.content }

// Actions puts 修改 and 确认 in the footer.
func (r *RegisterCardConfirm) Actions() fyne.CanvasObject { return r.actions }

// onConfirm takes both answers and goes on: to the mobile step from the
// name step (the ID step is passed over), or past the ID step. A name the
// kiosk cannot show is left to be typed on the name step.
func (r *RegisterCardConfirm) onConfirm() {
	f, s := r.step.flow, r.step
	f.nav.Activity()
	name, id := f.stepOf(RegisterName), f.stepOf(RegisterID)
	if id != nil {
		id.commit(r.Card.Number)
		f.card.number = r.Card.Number
	}
	if r.nameOK && name != nil {
		name.commit(r.Card.Name)
	}
	f.nav.Back() // the step under this page
	if !r.nameOK && s == name {
		name.setError(lang.L("register.card.typeName"))
		return
	}
	f.advance(s)
}

// onEdit puts both answers into their fields, unconfirmed, and goes back
// to the step to correct them on the keyboard.
func (r *RegisterCardConfirm) onEdit() {
	f := r.step.flow
	f.nav.Activity()
	if id := f.stepOf(RegisterID); id != nil {
		id.Entry.SetText(r.Card.Number)
	}
	if name := f.stepOf(RegisterName); name != nil && r.nameOK {
		name.Entry.SetText(r.Card.Name)
	}
	f.nav.Back()
}

// stepOf is the flow's step of a kind, nil when the item has none (no_id).
func (f *RegisterFlow) stepOf(k RegisterStepKind) *RegisterStep {
	for _, s := range f.Steps {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// nextStep is the step after s, nil after the last: the ID step is passed
// over when its answer came from a confirmed card and is unchanged.
func (f *RegisterFlow) nextStep(s *RegisterStep) *RegisterStep {
	for i := s.Number; i < len(f.Steps); i++ {
		n := f.Steps[i]
		if n.Kind == RegisterID && f.card.number != "" && f.card.number == f.idNumber &&
			n.Entry.Text == f.idNumber {
			continue
		}
		return n
	}
	return nil
}
