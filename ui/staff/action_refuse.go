package staff

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// RefuseForm is 不予受理: the written reason (with the common reasons as
// quick picks that fill it, and for administrators their editor) and the
// legal basis (default the item's).
type RefuseForm struct {
	valid
	noHook
	Reason *widget.Entry
	Basis  *widget.Entry
	// ReasonPicks and ManageReasons are nil without the store's support;
	// ManageReasons also for staff who are not administrators. Reasons is
	// the editor ManageReasons opened last.
	ReasonPicks   *touch.Select
	ManageReasons *widget.Button
	Reasons       *ReasonEditor

	formBox
}

func newRefuseForm(r *Request) *RefuseForm {
	f := &RefuseForm{}
	b := &formRows{d: r.d}
	f.Reason = b.entry(true, lang.L("staff.form.reasonHint"))
	if picks := f.reasonPicks(r.d); picks != nil {
		b.add(lang.L("staff.form.commonReasons"), picks)
	}
	b.add(lang.L("staff.form.refuseReason"), f.Reason)
	f.Basis = b.text("staff.form.basis", true, orDash(r.Item.Basis)) // bases are long: wrapped, not cut off
	f.box = b.box()
	return f
}

func (f *RefuseForm) work() stepWork {
	reason, basis := f.Reason.Text, f.Basis.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		rf, err := st.Refuse(ctx, by, id, reason, basis)
		if err != nil {
			return nil, err
		}
		return &pendingNotice{kind: noticeRefusal, refusal: rf}, nil
	}
}

// RefusalReasonStore keeps the common refusal reasons (data/refusal.go);
// *data.Store satisfies it. Reading is for every staff member, changing
// for administrators.
type RefusalReasonStore interface {
	RefusalReasons(ctx context.Context) ([]data.RefusalReason, error)
	AddRefusalReason(ctx context.Context, by data.Session, text string) (data.RefusalReason, error)
	EditRefusalReason(ctx context.Context, by data.Session, id int64, text string) error
	DeleteRefusalReason(ctx context.Context, by data.Session, id int64) error
	MoveRefusalReason(ctx context.Context, by data.Session, id int64, delta int) error
}

var _ RefusalReasonStore = (*data.Store)(nil)

// reasonPicks builds the refuse dialog's quick picks (and, for an
// administrator, 管理常用理由) and loads them.
func (f *RefuseForm) reasonPicks(d *Desk) fyne.CanvasObject {
	rs := d.store
	var reasons []data.RefusalReason
	f.ReasonPicks = newPicker(nil, nil)
	f.ReasonPicks.PlaceHolder = lang.L("staff.form.pickReason")
	f.ReasonPicks.OnChanged = func(string) {
		d.Activity()
		if i := f.ReasonPicks.SelectedIndex(); i >= 0 && i < len(reasons) {
			f.Reason.SetText(reasons[i].Text)
		}
	}
	load := func() {
		d.async(func() func() {
			list, err := rs.RefusalReasons(d.opts.Context)
			return func() {
				if err != nil {
					fyne.LogError("staff: refusal reasons", err)
					return
				}
				reasons = list
				opts := make([]string, len(list))
				for i, r := range list {
					opts[i] = r.Text
				}
				f.ReasonPicks.ClearSelected()
				f.ReasonPicks.Options = opts
				f.ReasonPicks.Refresh()
			}
		})
	}
	load()
	if !d.session.Admin() {
		return f.ReasonPicks
	}
	f.ManageReasons = widget.NewButton(lang.L("staff.reasons.manage"), d.tap(func() {
		f.Reasons = openReasonEditor(d, rs, load)
	}))
	return container.NewBorder(nil, nil, nil, f.ManageReasons, f.ReasonPicks)
}

// ReasonEditor is the administrators' editor of the common refusal
// reasons: each reason as an entry with 保存, 上移, 下移 and 删除, and a new
// one at the bottom. Every change goes to the store at once (audited
// there) and the list is read again.
type ReasonEditor struct {
	Reasons []data.RefusalReason
	Entries []*widget.Entry
	Save    []*widget.Button
	Up      []*widget.Button
	Down    []*widget.Button
	Delete  []*widget.Button
	New     *widget.Entry
	Add     *widget.Button
	Error   *widget.Label
	Close   *widget.Button

	d       *Desk
	rs      RefusalReasonStore
	list    *fyne.Container
	dlg     dialog.Dialog
	changed func()
}

func openReasonEditor(d *Desk, rs RefusalReasonStore, changed func()) *ReasonEditor {
	e := &ReasonEditor{d: d, rs: rs, changed: changed}
	e.list = container.NewVBox()
	e.New = d.newEntry(false, lang.L("staff.reasons.newHint"))
	e.Add = widget.NewButton(lang.L("staff.reasons.add"), d.tap(e.onAdd))
	e.Add.Importance = widget.HighImportance
	e.Error = errorLine()
	e.Close = widget.NewButton(lang.L("staff.reasons.close"), d.tap(func() { e.dlg.Hide() }))
	hint := widget.NewLabel(lang.L("staff.reasons.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	// The list keeps clear of its scroll bar on the right (it would lie
	// over the delete buttons), and its rows are compact so that five or
	// six reasons show at once.
	list := container.NewBorder(nil, nil, nil, container.New(&fixedSize{size: fyne.NewSize(16, 0)}), e.list)
	body := container.NewBorder(hint, compactControls(container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, e.Add, e.New), e.Error, e.Close)), nil, nil,
		touch.NewVScroll(compactControls(list)))
	e.dlg = dialog.NewCustomWithoutButtons(lang.L("staff.reasons.title"), body, d.win)
	e.dlg.Resize(fyne.NewSize(1000, 740))
	e.dlg.Show()
	e.reload("")
	return e
}

// say shows msg under the new reason: in red when failed; "" hides it.
func (e *ReasonEditor) say(msg string, failed bool) {
	e.Error.Importance = widget.SuccessImportance
	if failed {
		e.Error.Importance = widget.DangerImportance
	}
	e.Error.SetText(msg)
	e.Error.Hidden = msg == ""
	e.Error.Refresh()
}

// reload reads the list again and shows msg (what was done, or "").
func (e *ReasonEditor) reload(msg string) {
	d := e.d
	d.async(func() func() {
		list, err := e.rs.RefusalReasons(d.opts.Context)
		return func() {
			if err != nil {
				e.say(locale.Message(err), true)
				return
			}
			e.show(list)
			e.say(msg, false)
		}
	})
}

func (e *ReasonEditor) show(list []data.RefusalReason) {
	d := e.d
	e.Reasons = list
	e.Entries, e.Save, e.Up, e.Down, e.Delete = nil, nil, nil, nil, nil
	e.list.RemoveAll()
	for i, r := range list {
		en := d.newEntry(false, "")
		en.SetText(r.Text)
		save := widget.NewButtonWithIcon("", fynetheme.DocumentSaveIcon(), d.tap(func() {
			e.run(lang.L("staff.reasons.saved"), func(ctx context.Context) error {
				return e.rs.EditRefusalReason(ctx, d.session, r.ID, en.Text)
			})
		}))
		up := widget.NewButtonWithIcon("", fynetheme.MoveUpIcon(), d.tap(func() {
			e.run("", func(ctx context.Context) error { return e.rs.MoveRefusalReason(ctx, d.session, r.ID, -1) })
		}))
		down := widget.NewButtonWithIcon("", fynetheme.MoveDownIcon(), d.tap(func() {
			e.run("", func(ctx context.Context) error { return e.rs.MoveRefusalReason(ctx, d.session, r.ID, 1) })
		}))
		del := widget.NewButtonWithIcon("", fynetheme.DeleteIcon(), d.tap(func() {
			e.run(lang.L("staff.reasons.deleted"), func(ctx context.Context) error {
				return e.rs.DeleteRefusalReason(ctx, d.session, r.ID)
			})
		}))
		del.Importance = widget.DangerImportance
		if i == 0 {
			up.Disable()
		}
		if i == len(list)-1 {
			down.Disable()
		}
		e.Entries = append(e.Entries, en)
		e.Save, e.Up, e.Down, e.Delete = append(e.Save, save), append(e.Up, up), append(e.Down, down),
			append(e.Delete, del)
		e.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(save, up, down, del), en))
	}
	if len(list) == 0 {
		e.list.Add(widget.NewLabel(lang.L("staff.reasons.empty")))
	}
	e.list.Refresh()
}

func (e *ReasonEditor) onAdd() {
	d, text := e.d, e.New.Text
	e.run(lang.L("staff.reasons.added"), func(ctx context.Context) error {
		_, err := e.rs.AddRefusalReason(ctx, d.session, text)
		return err
	})
}

// run applies one change off the UI goroutine; on success the list, the
// new-reason entry and the dialog's quick picks are renewed and done is
// said ("" for nothing).
func (e *ReasonEditor) run(done string, change func(ctx context.Context) error) {
	d := e.d
	d.async(func() func() {
		err := change(d.opts.Context)
		return func() {
			if err != nil {
				e.say(locale.Message(err), true)
				return
			}
			e.New.SetText("")
			e.reload(done)
			if e.changed != nil {
				e.changed()
			}
		}
	})
}
