package staff

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Steps on a complaint, as the buttons of the complaint screen.
const (
	CompAssign      = "assign"      // 指派处理人 (administrators) / 认领 (staff)
	CompInvestigate = "investigate" // 记录调查核实情况
	CompDecide      = "decide"      // 作出处理结论
	CompReply       = "reply"       // 答复并办结
	CompPublish     = "publish"     // 公开处理结果
	CompUnpublish   = "unpublish"   // 撤下处理结果
)

// ComplaintView is one complaint: what was complained about and by whom,
// its time limit, the investigation, the result and the reply, with the
// steps its status allows.
type ComplaintView struct {
	ID  int64
	Row data.ComplaintRow
	// Actions are the buttons of the steps on show.
	Actions map[string]*widget.Button
	// Form is the dialog of the last step opened (Form.Open says whether it
	// is still up), with its fields.
	Form   *FormDialog
	Fields *ComplaintForm
	Status *widget.Label
	// Done says what the last step saved (green), next to the buttons.
	Done *widget.Label
	Back *widget.Button

	a       *Admin
	facts   *fyne.Container
	buttons *fyne.Container
	content fyne.CanvasObject
	people  []data.LoginChoice
}

// ComplaintForm holds the fields of a complaint step's dialog; only those
// the step asks for are set.
type ComplaintForm struct {
	Handler       *touch.Select      // 指派
	Text          *widget.Entry      // 调查核实情况, 处理结果, 答复内容
	Substantiated *widget.RadioGroup // 结论: 属实 / 不属实
	Responsible   *touch.Select      // 结论 (属实): who is held accountable
	Kind          *touch.Select      // 结论 (属实): 批评教育 …
	Note          *widget.Entry      // 结论 (属实): 追究事由
	Deadline      *widget.Entry      // 结论 (属实): 整改期限
	Publish       *widget.Check      // 答复: publish the result on the kiosk
}

// OpenComplaint shows one complaint in the complaints section.
func (a *Admin) OpenComplaint(id int64) {
	a.Complaint = newComplaintView(a, id)
	a.setBody(a.Complaint.content)
}

func newComplaintView(a *Admin, id int64) *ComplaintView {
	d := a.d
	v := &ComplaintView{ID: id, a: a, Actions: map[string]*widget.Button{}}
	v.Back = widget.NewButtonWithIcon(lang.L("admin.complaints.back"), fynetheme.NavigateBackIcon(),
		d.tap(func() { a.Show(SectionComplaints) }))
	v.Status = widget.NewLabel(lang.L("admin.loading"))
	v.Status.Wrapping = fyne.TextWrapWord
	v.Done = widget.NewLabel("")
	v.Done.Importance = widget.SuccessImportance
	v.Done.Wrapping = fyne.TextWrapWord
	v.facts = container.NewVBox()
	v.buttons = container.NewHBox()
	v.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, v.Back, nil, v.Status),
		widget.NewSeparator()), container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, v.buttons, nil, v.Done)), nil, nil,
		touch.NewVScroll(v.facts))
	v.Reload()
	return v
}

// Reload reads the complaint again.
func (v *ComplaintView) Reload() {
	d, st, sess := v.a.d, v.a.store, v.a.d.session
	d.async(func() func() {
		r, err := st.Complaint(d.opts.Context, sess, v.ID)
		var people []data.LoginChoice
		if err == nil && v.people == nil {
			people, err = st.LoginChoices(d.opts.Context)
		}
		return func() {
			if err != nil {
				v.Status.SetText(locale.Message(err))
				return
			}
			if people != nil {
				v.people = people
			}
			v.show(r)
		}
	})
}

func (v *ComplaintView) show(r data.ComplaintRow) {
	v.Row = r
	due, _ := complaintDue(r)
	v.Status.SetText(lang.L("admin.complaint.summary", map[string]any{"Code": r.Code, "Status": complaintStatusWord(r.Status),
		"Due": due}))
	v.facts.RemoveAll()
	fact := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		l := widget.NewLabel(label)
		l.TextStyle = fyne.TextStyle{Bold: true}
		t := widget.NewLabel(text)
		t.Wrapping = fyne.TextWrapWord
		v.facts.Add(container.NewBorder(nil, nil, container.New(&fixedSize{size: fyne.NewSize(180, 0)}, l), nil, t))
	}
	handler := r.HandlerName
	if handler == "" {
		handler = lang.L("admin.complaints.noHandler")
	}
	fact(lang.L("admin.complaint.about"), complaintTarget(r))
	fact(lang.L("admin.complaint.channel"), complaintChannelWord(r.Channel)+"  "+dayTime(r.Created))
	fact(lang.L("admin.complaint.contact"), orDash(joinNonEmpty("  ", r.ContactName, r.ContactPhone)))
	fact(lang.L("admin.complaint.body"), r.Body)
	fact(lang.L("admin.complaint.due"), due)
	fact(lang.L("admin.complaint.handler"), handler)
	fact(lang.L("admin.complaint.investigation"), r.Investigation)
	if r.Substantiated != nil {
		verdict := lang.L("admin.complaint.notSubstantiated")
		if *r.Substantiated {
			verdict = lang.L("admin.complaint.substantiated")
		}
		fact(lang.L("admin.complaint.verdict"), verdict)
	}
	fact(lang.L("admin.complaint.result"), r.Result)
	fact(lang.L("admin.complaint.reply"), r.Reply)
	if r.Status == "closed" {
		pub := lang.L("admin.complaint.unpublished")
		if r.Published {
			pub = lang.L("admin.complaint.published")
		}
		fact(lang.L("admin.complaint.publication"), pub+"  "+lang.L("admin.complaint.closedAt",
			map[string]any{"Time": dayTime(r.Closed)}))
	}
	v.facts.Refresh()
	v.showActions()
}

// steps are the steps the complaint's status allows the session.
func (v *ComplaintView) steps() []string {
	r, admin := v.Row, v.a.d.session.Admin()
	switch r.Status {
	case "open", "investigating":
		var out []string
		if admin || r.HandlerID == 0 {
			out = append(out, CompAssign)
		}
		out = append(out, CompInvestigate)
		if r.Investigation != "" {
			out = append(out, CompDecide)
		}
		return out
	case "answered":
		return []string{CompReply}
	case "closed":
		if r.Published {
			return []string{CompUnpublish}
		}
		return []string{CompPublish}
	}
	return nil
}

func (v *ComplaintView) showActions() {
	d := v.a.d
	v.Actions = map[string]*widget.Button{}
	v.buttons.RemoveAll()
	for _, s := range v.steps() {
		label := lang.L("admin.complaint.step." + s)
		if s == CompAssign && !d.session.Admin() {
			label = lang.L("admin.complaint.step.take")
		}
		b := widget.NewButton(label, d.tap(func() { v.OpenStep(s) }))
		b.Importance = widget.HighImportance
		v.Actions[s] = b
		v.buttons.Add(container.New(&fixedSize{size: fyne.NewSize(190, 56)}, b))
	}
	v.buttons.Refresh()
}

// OpenStep opens the dialog of a step (publishing and withdrawing ask only
// for confirmation).
func (v *ComplaintView) OpenStep(step string) {
	d, st, sess, ctx, id := v.a.d, v.a.store, v.a.d.session, v.a.d.opts.Context, v.ID
	r := v.Row
	f := &ComplaintForm{}
	v.Fields = f
	var rows []fyne.CanvasObject
	var collect func(*FormDialog) func() error
	size := fyne.NewSize(760, 520)
	switch step {
	case CompAssign:
		if !d.session.Admin() {
			take := widget.NewLabel(lang.L("admin.complaint.takeConfirm"))
			take.Wrapping = fyne.TextWrapWord
			rows = append(rows, take)
			collect = func(*FormDialog) func() error {
				return func() error { return st.AssignComplaint(ctx, sess, id, sess.StaffID) }
			}
			break
		}
		var names []string
		var ids []int64
		for _, p := range v.people {
			if p.StaffID == r.StaffID {
				continue // 回避: not the person complained about
			}
			names = append(names, staffText(p))
			ids = append(ids, p.StaffID)
		}
		f.Handler = touch.NewSelect(names, func(string) { d.Activity() })
		f.Handler.PlaceHolder = lang.L("staff.choose")
		rows = append(rows, labelled(lang.L("admin.complaint.handler"), f.Handler)...)
		collect = func(fd *FormDialog) func() error {
			i := f.Handler.SelectedIndex()
			if i < 0 {
				fd.Error.SetText(lang.L("admin.complaint.chooseHandler"))
				return nil
			}
			return func() error { return st.AssignComplaint(ctx, sess, id, ids[i]) }
		}
	case CompInvestigate:
		f.Text = d.newEntry(true, lang.L("admin.complaint.investigationHint"))
		f.Text.SetMinRowsVisible(6)
		size = fyne.NewSize(760, 620)
		f.Text.SetText(r.Investigation)
		rows = append(rows, labelled(lang.L("admin.complaint.investigation"), f.Text)...)
		collect = func(*FormDialog) func() error {
			text := f.Text.Text
			return func() error { return st.RecordInvestigation(ctx, sess, id, text) }
		}
	case CompDecide:
		rows, collect = v.decideForm(f)
		size = fyne.NewSize(860, 740)
	case CompReply:
		f.Text = d.newEntry(true, lang.L("admin.complaint.replyHint"))
		f.Text.SetMinRowsVisible(5)
		size = fyne.NewSize(760, 740)
		f.Publish = widget.NewCheck(lang.L("admin.complaint.publishCheck"), func(bool) { d.Activity() })
		f.Publish.SetChecked(true)
		rows = append(rows, labelled(lang.L("admin.complaint.reply"), f.Text)...)
		rows = append(rows, f.Publish, hint(lang.L("admin.complaint.publishHint")))
		collect = func(*FormDialog) func() error {
			text, publish := f.Text.Text, f.Publish.Checked
			return func() error { return st.ReplyComplaint(ctx, sess, id, text, publish) }
		}
	case CompPublish, CompUnpublish:
		publish := step == CompPublish
		confirm := widget.NewLabel(lang.L("admin.complaint." + step + "Confirm"))
		confirm.Wrapping = fyne.TextWrapWord
		rows = append(rows, confirm)
		size = fyne.NewSize(660, 400)
		collect = func(*FormDialog) func() error {
			return func() error { return st.SetComplaintPublished(ctx, sess, id, publish) }
		}
	default:
		return
	}
	title := lang.L("admin.complaint.step."+step) + " · " + r.Code
	v.Done.SetText("")
	v.Form = newFormDialog(d, title, rows, size, collect, func() {
		key := step
		if step == CompDecide && f.Substantiated.Selected == lang.L("admin.complaint.substantiated") {
			key = "decideAcct"
		}
		v.Done.SetText(lang.L("admin.complaint.done." + key))
		v.Reload()
	})
}

// decideForm is the dialog of 作出处理结论: substantiated or not, the
// result and, when substantiated, the accountability entry (§九).
func (v *ComplaintView) decideForm(f *ComplaintForm) ([]fyne.CanvasObject, func(*FormDialog) func() error) {
	d, st, sess, ctx, id, r := v.a.d, v.a.store, v.a.d.session, v.a.d.opts.Context, v.ID, v.Row
	yes, no := lang.L("admin.complaint.substantiated"), lang.L("admin.complaint.notSubstantiated")
	var accRows [][]fyne.CanvasObject
	showAcc := func(show bool) {
		for _, r := range accRows {
			showRow(r, show)
		}
	}
	f.Substantiated = widget.NewRadioGroup([]string{yes, no}, func(s string) {
		d.Activity()
		if v.Form != nil {
			v.Form.Error.SetText("") // the choice answers 请选择调查结论
		}
		showAcc(s == yes)
		v.Form.relayout()
	})
	f.Substantiated.Horizontal = true
	f.Text = d.newEntry(true, lang.L("admin.complaint.resultHint"))
	f.Text.SetMinRowsVisible(3)
	var names []string
	ids := []int64{0}
	names = append(names, lang.L("admin.complaint.nobody"))
	for _, p := range v.people {
		names = append(names, staffText(p))
		ids = append(ids, p.StaffID)
	}
	if r.About == data.AboutStaff {
		// The person complained about is the one held accountable.
		who := widget.NewLabel(lang.L("admin.complaint.subjectName", map[string]any{"Name": r.StaffName}))
		accRows = append(accRows, plainLabelled(lang.L("admin.complaint.responsible"), who))
	} else {
		f.Responsible = touch.NewSelect(names, func(string) { d.Activity() })
		f.Responsible.SetSelectedIndex(0)
		accRows = append(accRows, labelled(lang.L("admin.complaint.responsible"), f.Responsible))
	}
	kinds := wordsOf(data.AccountabilityKinds, accountabilityWord)
	f.Kind = touch.NewSelect(kinds, func(string) { d.Activity() })
	f.Kind.SetSelectedIndex(0)
	f.Note = d.newEntry(true, lang.L("admin.complaint.noteHint"))
	f.Note.SetMinRowsVisible(2)
	f.Deadline = d.dayEntry(lang.L("admin.complaint.deadlineHint"))
	accRows = append(accRows, labelled(lang.L("admin.complaint.kind"), f.Kind),
		labelled(lang.L("admin.complaint.note"), f.Note), labelled(lang.L("admin.complaint.deadline"), f.Deadline))
	showAcc(false)
	rows := []fyne.CanvasObject{form(append([][]fyne.CanvasObject{
		labelled(lang.L("admin.complaint.verdict"), f.Substantiated),
		labelled(lang.L("admin.complaint.result"), f.Text)}, accRows...)...)}
	return rows, func(fd *FormDialog) func() error {
		if f.Substantiated.Selected == "" {
			fd.Error.SetText(lang.L("admin.complaint.chooseVerdict"))
			return nil
		}
		dec := data.ComplaintDecision{Substantiated: f.Substantiated.Selected == yes, Result: f.Text.Text}
		if dec.Substantiated {
			deadline, err := parseDay(f.Deadline.Text)
			if err != nil {
				fd.Error.SetText(lang.L("staff.form.badDay"))
				return nil
			}
			dec.Deadline, dec.Note = deadline, f.Note.Text
			if i := f.Kind.SelectedIndex(); i >= 0 {
				dec.Kind = data.AccountabilityKinds[i]
			}
			if f.Responsible != nil {
				if i := f.Responsible.SelectedIndex(); i > 0 {
					dec.Responsible = ids[i]
				}
			}
		}
		return func() error {
			_, err := st.DecideComplaint(ctx, sess, id, dec)
			return err
		}
	}
}

// plainLabelled is labelled with a bold label and a read-only value.
func plainLabelled(label string, value *widget.Label) []fyne.CanvasObject {
	value.Wrapping = fyne.TextWrapWord
	return labelled(label, value)
}

// hint is a small explanatory line.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
