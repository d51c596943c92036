package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/idcard"
	"bianmin/ui/touch"
)

// 刷身份证 at the window: while the desk's card reader is ready, intake
// shows 请将身份证放在读卡区 above the name; a card placed on it shows the
// name and the number masked (the resident may have people behind them)
// with 确认, which fills both fields, and 修改, which fills them and puts
// the cursor in the name to correct it. Without a reader nothing of this
// shows, and the fields are typed as ever. Only the name and the number
// reach the desk (idcard.Card has no other field).

// CardReader is the identity-card reader; *idcard.Watcher satisfies it.
// Its events must come on the UI goroutine (the Watcher's Deliver is
// fyne.Do).
type CardReader interface {
	Status() idcard.Status
	Subscribe(fn func(idcard.Event)) (cancel func())
}

var _ CardReader = (*idcard.Watcher)(nil)

// intakeCard is intake's part for the card reader.
type intakeCard struct {
	// Prompt is 请将身份证放在读卡区, shown while the reader is ready.
	Prompt *widget.Label
	// Read is the masked card just read, with Confirm and Edit; hidden
	// until a card is read. Message says why a card could not be read.
	Read    *widget.Label
	Confirm *widget.Button
	Edit    *widget.Button
	Message *widget.Label

	card  idcard.Card
	row   fyne.CanvasObject
	bar   *fyne.Container
	stop  func()
	shown bool
}

// addCardRows puts the prompt and the card's bar before the name, and
// starts taking cards; nothing without a reader.
func (in *Intake) addCardRows(row func(string, fyne.CanvasObject)) {
	r := in.d.opts.IDCard
	if r == nil {
		return
	}
	c := &in.Card
	c.Prompt = widget.NewLabel(lang.L("staff.intake.card.prompt"))
	c.Prompt.TextStyle = fyne.TextStyle{Bold: true}
	c.Prompt.Importance = widget.HighImportance
	c.Read = widget.NewLabel("")
	c.Read.Wrapping = fyne.TextWrapWord
	c.Confirm = widget.NewButtonWithIcon(lang.L("staff.intake.card.confirm"), fynetheme.ConfirmIcon(), in.d.tap(in.onCardConfirm))
	c.Confirm.Importance = widget.HighImportance
	c.Edit = widget.NewButtonWithIcon(lang.L("staff.intake.card.edit"), fynetheme.DocumentCreateIcon(), in.d.tap(in.onCardEdit))
	c.Message = widget.NewLabel("")
	c.Message.Wrapping = fyne.TextWrapWord
	c.Message.Importance = widget.DangerImportance
	c.Message.Hide()
	c.bar = container.NewBorder(nil, nil, nil, container.NewHBox(c.Edit, c.Confirm), c.Read)
	c.bar.Hide()
	icon := widget.NewIcon(fynetheme.AccountIcon())
	only := widget.NewLabel(lang.L("staff.intake.card.only"))
	only.Wrapping = fyne.TextWrapWord
	only.Importance = widget.LowImportance
	c.row = container.NewVBox(container.NewBorder(nil, nil, icon, nil, c.Prompt), only, c.bar, c.Message)
	row(lang.L("staff.intake.card.label"), c.row)
	if c.stop == nil {
		c.stop = r.Subscribe(in.onCardEvent)
	}
	in.refreshCard()
}

// refreshCard shows the card rows while the reader is ready.
func (in *Intake) refreshCard() {
	c := &in.Card
	if c.row == nil {
		return
	}
	if in.d.opts.IDCard.Status().Ready() {
		c.Prompt.Show()
		c.row.Show()
	} else {
		c.Prompt.Hide()
		c.row.Hide()
	}
}

func (in *Intake) onCardEvent(ev idcard.Event) {
	if in.d.Intake != in || in.Registered {
		// This form is gone (a new one, another screen, signed out).
		in.Card.stopListening()
		return
	}
	in.refreshCard()
	c := &in.Card
	switch {
	case ev.Card != nil:
		in.d.Activity()
		c.card = *ev.Card
		c.Read.SetText(lang.L("staff.intake.card.read", map[string]any{
			"Name": c.card.MaskedName(), "Number": c.card.MaskedNumber()}))
		c.bar.Show()
		c.Message.Hide()
	case ev.Err != nil:
		c.Message.SetText(idcard.Message(ev.Err))
		c.Message.Show()
	default:
		in.form.Refresh()
		return
	}
	in.form.Refresh()
	touch.BringIntoView(c.row) // the form may be scrolled away from it
}

func (c *intakeCard) stopListening() {
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
}

// onCardConfirm fills the name and the number from the card.
func (in *Intake) onCardConfirm() {
	in.fillFromCard()
}

// onCardEdit fills them and puts the cursor in the name to correct it.
func (in *Intake) onCardEdit() {
	in.fillFromCard()
	if c := fyne.CurrentApp().Driver().CanvasForObject(in.Name); c != nil {
		c.Focus(in.Name)
	}
}

// fillFromCard fills the name and the number. A name with a character no
// font here draws (a rare character the card holds in the private-use
// area) is left for the clerk to type, and the message says so.
func (in *Intake) fillFromCard() {
	c := &in.Card
	c.Message.Hide()
	if _, err := data.PersonName("name", c.card.Name); err == nil {
		in.Name.SetText(c.card.Name)
	} else {
		in.Name.SetText("")
		c.Message.SetText(lang.L("staff.intake.card.typeName"))
		c.Message.Show()
	}
	if !in.Item.NoID {
		in.IDNumber.SetText(c.card.Number)
	}
	c.card = idcard.Card{}
	c.Read.SetText("")
	c.bar.Hide()
	in.form.Refresh()
}
