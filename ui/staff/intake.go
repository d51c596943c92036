package staff

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/touch"
)

// Intake is walk-in registration at the window (§三): the clerk
// picks the item and types what the resident says on a physical keyboard;
// the same fields and validation as the kiosk (data.Registration.Clean),
// channel 窗口, the clerk as first owner; then the same receipt prints.
type Intake struct {
	// ItemPicker chooses the item: a search picker, as the queue's item
	// filter, since a center may have thousands of items (none is read
	// until the clerk searches).
	ItemPicker *ItemFilter
	Item       data.Item

	// The form of the chosen item. Fields holds an entry, select or check
	// group per intake field key.
	Fields      map[string]fyne.CanvasObject
	Name        *widget.Entry
	Phone       *widget.Entry
	IDNumber    *widget.Entry
	Description *widget.Entry
	Brought     *widget.CheckGroup
	NeedsHelp   *widget.Check
	Proxy       *widget.Check
	Consent     *widget.Check
	Error       *widget.Label
	Submit      *widget.Button
	// Card is the identity-card reader's part, above the name (empty
	// without a reader; intake_idcard.go).
	Card intakeCard

	// After registering: the receipt, 打印回执, 查看办件, 继续登记.
	Receipt     data.Receipt
	Registered  bool
	PrintButton *widget.Button
	PrintStatus *widget.Label
	OpenButton  *widget.Button

	d       *Desk
	form    *fyne.Container
	bottom  *fyne.Container // the message and 登记
	frame   *fyne.Container // the item, the form, the bottom
	scroll  *container.Scroll
	content *fyne.Container
	busy    bool
	// token is the request's tracking token from the first 登记 on, sent
	// again when 登记 is pressed after a saving that could not be
	// confirmed, so that the request is never registered twice
	// (data.Registration.Token); "" again once a refusal says nothing was
	// saved.
	token string
}

// intakeLabelWidth fits the longest field names (本次登记人数 *) so that
// every control starts at the same place.
const intakeLabelWidth = 230

// intakeRow is a label on the left, o beside it, aligned with the others.
func intakeRow(label string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.New(&exactWidthLayout{w: intakeLabelWidth}, l), nil, o)
}

func newIntake(d *Desk) *Intake {
	in := &Intake{d: d, Fields: map[string]fyne.CanvasObject{}}
	in.ItemPicker = newItemPicker(d, lang.L("staff.intake.pickItem"), lang.L("staff.intake.itemPick.title"), true,
		func() { d.Activity(); in.onItem() })
	in.form = container.NewVBox()
	in.bottom = container.NewVBox()
	title := widget.NewLabel(lang.L("staff.intake.title"))
	title.SizeName = fynetheme.SizeNameHeadingText
	in.scroll = touch.NewVScroll(compactControls(in.form))
	// The message and 登记 stay below the form, in sight however long the
	// item's form is.
	in.frame = container.NewBorder(container.NewVBox(title,
		intakeRow(lang.L("staff.intake.item"), in.ItemPicker.Content())), in.bottom, nil, nil, in.scroll)
	in.content = container.NewStack(in.frame)
	return in
}

// SelectItem picks an item by name.
func (in *Intake) SelectItem(name string) { in.ItemPicker.ChooseName(name) }

func (in *Intake) onItem() {
	d, id := in.d, in.ItemPicker.Chosen.ID
	if id == 0 {
		return
	}
	read := func(ctx context.Context) (data.Item, error) { return d.store.Item(ctx, id) }
	fetch(d, read, d.sayError, func(it data.Item) {
		if id != in.ItemPicker.Chosen.ID {
			return // another item was chosen meanwhile
		}
		in.Item = it
		in.buildForm()
	})
}

func (in *Intake) buildForm() {
	d, it := in.d, in.Item
	in.Fields = map[string]fyne.CanvasObject{}
	in.form.RemoveAll()
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { d.Activity() }
		return e
	}
	row := func(label string, o fyne.CanvasObject) {
		in.form.Add(intakeRow(label, o))
	}
	for _, f := range it.Fields {
		label := f.Label
		if f.Required {
			label += " *"
		}
		var o fyne.CanvasObject
		switch f.Kind {
		case data.KindSingle:
			s := touch.NewSelect(f.Options, func(string) { d.Activity() })
			s.PlaceHolder = lang.L("staff.choose")
			o = s
		case data.KindMulti:
			o = widget.NewCheckGroup(f.Options, func([]string) { d.Activity() })
			o.(*widget.CheckGroup).Horizontal = true
		case data.KindDate:
			e := entry(lang.L("staff.form.dayHint"))
			d.Keys.SetKind(e, input.Date)
			o = e
		default:
			o = entry(f.Help)
		}
		in.Fields[f.Key] = o
		row(label, o)
	}
	in.addCardRows(row)
	in.Name = entry("")
	d.Keys.SetKind(in.Name, input.Name)
	row(lang.L("staff.intake.name"), in.Name)
	in.Phone = entry("")
	d.Keys.SetKind(in.Phone, input.Phone)
	row(lang.L("staff.intake.phone"), in.Phone)
	in.IDNumber = entry("")
	in.IDNumber.OnChanged = func(s string) {
		d.Activity()
		in.fillFromIDNumber(s) // 出生日期, 性别 (intake_idfacts.go)
	}
	d.Keys.SetKind(in.IDNumber, input.IDNumber)
	if !it.NoID {
		row(lang.L("staff.intake.id"), in.IDNumber)
	}
	in.Description = widget.NewMultiLineEntry()
	in.Description.SetMinRowsVisible(2)
	in.Description.OnChanged = func(string) { d.Activity() }
	row(lang.L("staff.intake.description"), in.Description)
	var mats []string
	for _, m := range it.Materials {
		name := m.Name
		if !m.Required {
			name += lang.L("staff.intake.optional")
		}
		mats = append(mats, name)
	}
	in.Brought = widget.NewCheckGroup(mats, func([]string) { d.Activity() })
	row(lang.L("staff.intake.brought"), in.Brought)
	in.NeedsHelp = widget.NewCheck(lang.L("staff.intake.needsHelp"), func(bool) { d.Activity() })
	in.Proxy = widget.NewCheck(lang.L("staff.intake.proxy"), func(bool) { d.Activity() })
	in.Consent = widget.NewCheck(lang.L("staff.intake.consent"), func(bool) { d.Activity() })
	row("", container.NewHBox(in.NeedsHelp, in.Proxy))
	row("", in.Consent)
	in.Error = widget.NewLabel("")
	in.Error.Wrapping = fyne.TextWrapWord
	in.Error.Importance = widget.DangerImportance
	in.Error.TextStyle = fyne.TextStyle{Bold: true}
	in.Submit = widget.NewButtonWithIcon(lang.L("staff.intake.submit"), fynetheme.ConfirmIcon(), d.tap(in.onSubmit))
	in.Submit.Importance = widget.HighImportance
	in.bottom.Objects = []fyne.CanvasObject{widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, exactWidth(240, in.Submit), in.Error)}
	compactControls(in.form) // the rows just added
	in.form.Refresh()
	in.frame.Refresh() // the bottom grew: lay the frame out again
	in.scroll.ScrollToTop()
}

// intakeMessage is the store's message for a registration, spoken to the
// clerk: the consent is the resident's, given at the window, not a
// button on the kiosk.
func intakeMessage(err error) string {
	var ie *data.InvalidError
	if errors.As(err, &ie) && ie.Field == "consent" {
		return lang.L("staff.intake.needConsent")
	}
	if errors.Is(err, data.ErrCommitUnknown) {
		return lang.L("staff.intake.commitUnknown")
	}
	return locale.Message(err)
}

// setError shows msg beside 登记 (the line stays laid out when empty: it
// costs nothing beside the button).
func (in *Intake) setError(msg string, failed bool) {
	in.Error.Importance = widget.MediumImportance
	if failed {
		in.Error.Importance = widget.DangerImportance
	}
	in.Error.SetText(msg)
}

// Registration is the form as a data.Registration.
func (in *Intake) Registration() data.Registration {
	reg := data.Registration{
		ItemID:      in.Item.ID,
		Channel:     data.ChannelWindow,
		Name:        in.Name.Text,
		Phone:       in.Phone.Text,
		IDNumber:    in.IDNumber.Text,
		Description: in.Description.Text,
		Fields:      map[string]string{},
		NeedsHelp:   in.NeedsHelp.Checked,
		Proxy:       in.Proxy.Checked,
		Consent:     in.Consent.Checked,
		StaffID:     in.d.session.StaffID,
	}
	for _, f := range in.Item.Fields {
		var v string
		switch o := in.Fields[f.Key].(type) {
		case *widget.Entry:
			v = o.Text
		case *touch.Select:
			v = o.Selected
		case *widget.CheckGroup:
			var picked []string
			for _, opt := range f.Options { // in the item's order
				if slices.Contains(o.Selected, opt) {
					picked = append(picked, opt)
				}
			}
			v = strings.Join(picked, data.ChoiceSep)
		}
		if strings.TrimSpace(v) != "" {
			reg.Fields[f.Key] = v
		}
	}
	for i, m := range in.Item.Materials {
		if slices.Contains(in.Brought.Selected, in.Brought.Options[i]) {
			reg.Brought = append(reg.Brought, m.ID)
		}
	}
	return reg
}

func (in *Intake) onSubmit() {
	if in.busy || in.Item.ID == 0 {
		return
	}
	if in.token == "" {
		in.token = data.NewToken()
	}
	d, reg := in.d, in.Registration()
	reg.Token = in.token
	in.busy = true
	in.setError(lang.L("staff.form.saving"), false)
	d.async(func() func() {
		rc, err := d.store.Register(d.opts.Context, reg)
		return func() {
			in.busy = false
			if err != nil {
				if !errors.Is(err, data.ErrCommitUnknown) {
					in.token = "" // nothing saved: what is sent next is a new registration
				}
				in.setError(intakeMessage(err), true)
				return
			}
			in.showReceipt(rc)
		}
	})
}

func (in *Intake) showReceipt(rc data.Receipt) {
	d := in.d
	in.Receipt, in.Registered = rc, true
	head := widget.NewLabel(lang.L("staff.intake.done", map[string]any{"No": rc.ReceiptNo, "Code": rc.QueryCode}))
	head.SizeName = fynetheme.SizeNameSubHeadingText
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Wrapping = fyne.TextWrapWord
	lines := []fyne.CanvasObject{head,
		fact(lang.L("staff.request.item"), rc.ItemName),
		fact(lang.L("staff.request.name"), rc.ApplicantMask),
		fact(lang.L("staff.intake.brought"), orDash(strings.Join(rc.Brought, "、"))),
		fact(lang.L("staff.intake.missing"), orDash(strings.Join(rc.Missing, "、")))}
	in.PrintStatus = widget.NewLabel("")
	in.PrintStatus.Wrapping = fyne.TextWrapWord
	in.PrintStatus.Hide()
	in.PrintButton = widget.NewButtonWithIcon(lang.L("staff.intake.print"), fynetheme.DocumentPrintIcon(), d.tap(in.onPrint))
	in.PrintButton.Importance = widget.HighImportance
	if d.opts.Printer == nil {
		in.PrintButton.Hide()
		setPrintStatus(in.PrintStatus, lang.L("staff.notice.noPrinter"), false)
	}
	in.OpenButton = widget.NewButton(lang.L("staff.intake.open"), d.tap(func() { d.OpenRequest(rc.RequestID) }))
	again := widget.NewButton(lang.L("staff.intake.again"), d.tap(d.ShowIntake))
	lines = append(lines, in.PrintStatus, container.NewHBox(in.PrintButton, in.OpenButton, again))
	in.bottom.Objects = nil
	in.content.Objects = []fyne.CanvasObject{touch.NewVScroll(container.NewVBox(lines...))}
	in.content.Refresh()
}

func (in *Intake) onPrint() {
	d, p := in.d, in.d.opts.Printer
	if p == nil {
		return
	}
	r := paper.ReceiptFor(in.Receipt, in.d.trackURL(in.Receipt.Token))
	d.printJob(p, in.PrintButton, in.PrintStatus, "print receipt", lang.L("staff.notice.printed"),
		func() (paper.Document, error) { return paper.ReceiptPDF(r) })
}
