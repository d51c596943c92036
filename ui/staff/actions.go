package staff

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// ActionForm is the dialog of one handling step. Only the widgets the step
// asks for are set; the rest are nil. 确定 passes what was typed to the
// store; its message, if any, shows in Error and the dialog stays open.
type ActionForm struct {
	Action data.Action

	Mode         *widget.RadioGroup // 受理: the handling mode
	Materials    *widget.CheckGroup // 补正: the item's materials
	SecondReason *widget.Entry      // 补正: shown when data asks for a reason
	Reason       *widget.Entry      // 不予受理, 暂停计时, 撤回
	Basis        *widget.Entry      // 不予受理
	Department   *widget.Entry      // 上报
	Sent         *widget.Entry      // 上报: the day it was sent (today unless changed)
	Expected     *widget.Entry      // 上报: expected reply day
	Result       *widget.Entry      // 上报结果, 办结
	Reply        *widget.RadioGroup // 办结: how the resident was told
	ToStaff      *widget.Select     // 转交
	ToWindow     *widget.Select     // 转交
	Window       *widget.Select     // 配合办结: which part
	Restart      *widget.Entry      // 暂停计时: restart day
	Public       *widget.Check      // 备注: the resident may see it
	// 受理 with required materials not ticked 已收: what is missing, and
	// the tick that confirms accepting without them (hidden when nothing
	// is missing).
	MissingNote    *widget.Label
	ConfirmMissing *widget.Check
	// 不予受理: the common reasons as quick picks that fill Reason, and for
	// administrators the button that opens their editor (nil without the
	// store's support).
	ReasonPicks   *widget.Select
	ManageReasons *widget.Button
	Reasons       *ReasonEditor
	Note          *widget.Entry
	// NoteLabel names Note in 受理: the result told to the resident for
	// 直接办理, an internal note otherwise.
	NoteLabel *widget.Label
	Error     *widget.Label
	Submit    *widget.Button
	Cancel    *widget.Button

	r       *Request
	dlg     dialog.Dialog
	mats    []data.Material
	staff   []data.LoginChoice
	windows []data.Window
	parts   []data.JointPartState
	busy    bool
	scroll  *container.Scroll // the fields
	// onSecondReason holds SecondReason and its label, hidden until needed.
	onSecondReason *fyne.Container
	// onConfirmMissing holds MissingNote and ConfirmMissing, likewise.
	onConfirmMissing *fyne.Container
}

// OpenAction opens the dialog of a step.
func (r *Request) OpenAction(a data.Action) {
	f := &ActionForm{Action: a, r: r}
	r.Form = f
	det := r.Detail
	var rows []fyne.CanvasObject
	add := func(label string, o fyne.CanvasObject) {
		if label != "" {
			l := widget.NewLabel(label)
			l.TextStyle = fyne.TextStyle{Bold: true}
			l.Wrapping = fyne.TextWrapWord
			rows = append(rows, l)
		}
		rows = append(rows, o)
	}
	entry := func(multi bool, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.SetMinRowsVisible(3)
			e.Wrapping = fyne.TextWrapWord
		}
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { r.d.Activity() }
		return e
	}
	switch a {
	case data.ActAccept:
		var opts []string
		for _, m := range data.Modes {
			opts = append(opts, m.Label())
		}
		f.Mode = widget.NewRadioGroup(opts, nil)
		f.Mode.Horizontal = true
		f.Mode.Required = true
		f.Mode.SetSelected(det.Mode.Label())
		add(lang.L("staff.form.mode"), f.Mode)
		// 直接办理 finishes the request at once and the note is then the
		// result told to the resident; otherwise it is an internal note.
		f.NoteLabel = widget.NewLabel("")
		f.NoteLabel.TextStyle = fyne.TextStyle{Bold: true}
		f.NoteLabel.Wrapping = fyne.TextWrapWord
		f.Note = entry(true, "")
		rows = append(rows, f.NoteLabel, f.Note)
		onMode := func() {
			if f.Mode.Selected == data.ModeDirect.Label() {
				f.NoteLabel.SetText(lang.L("staff.form.directResult"))
				f.Note.SetPlaceHolder(lang.L("staff.form.directResultHint"))
			} else {
				f.NoteLabel.SetText(lang.L("staff.form.internalNote"))
				f.Note.SetPlaceHolder(lang.L("staff.form.internalNoteHint"))
			}
		}
		onMode()
		f.Mode.OnChanged = func(string) { r.d.Activity(); onMode() }
		f.MissingNote = widget.NewLabel("")
		f.MissingNote.Wrapping = fyne.TextWrapWord
		f.MissingNote.Importance = widget.DangerImportance
		f.ConfirmMissing = widget.NewCheck(lang.L("staff.form.confirmMissing"), func(bool) { r.d.Activity() })
		f.onConfirmMissing = container.NewVBox(f.MissingNote, f.ConfirmMissing)
		if missing := data.MissingRequired(r.Item.Materials, det.Brought); len(missing) > 0 {
			var names []string
			for _, m := range missing {
				names = append(names, m.Name)
			}
			f.MissingNote.SetText(lang.L("staff.form.missingMaterials", map[string]any{"Names": strings.Join(names, "、")}))
		} else {
			f.onConfirmMissing.Hide()
		}
		rows = append(rows, f.onConfirmMissing)
	case data.ActSupplement:
		f.mats = r.Item.Materials
		brought := map[int64]bool{}
		for _, id := range det.Brought {
			brought[id] = true
		}
		var opts, ticked []string
		for _, m := range f.mats {
			opts = append(opts, m.Name)
			if m.Required && !brought[m.ID] {
				ticked = append(ticked, m.Name)
			}
		}
		f.Materials = widget.NewCheckGroup(opts, func([]string) { r.d.Activity() })
		f.Materials.SetSelected(ticked)
		add(lang.L("staff.form.materials"), f.Materials)
		f.Note = entry(true, lang.L("staff.form.supplementNote"))
		add(lang.L("staff.form.note"), f.Note)
		f.SecondReason = entry(true, lang.L("staff.form.secondReasonHint"))
		label := widget.NewLabel(lang.L("staff.form.secondReason"))
		box := container.NewVBox(label, f.SecondReason)
		if len(det.Supplements) == 0 {
			box.Hide()
		}
		rows = append(rows, box)
		f.SecondReason.OnChanged = func(string) { r.d.Activity() }
		f.onSecondReason = box
	case data.ActComplete:
		add("", widget.NewLabel(lang.L("staff.form.completeConfirm")))
	case data.ActRefuse:
		f.Reason = entry(true, lang.L("staff.form.reasonHint"))
		if picks := f.reasonPicks(); picks != nil {
			add(lang.L("staff.form.commonReasons"), picks)
		}
		add(lang.L("staff.form.refuseReason"), f.Reason)
		f.Basis = entry(true, orDash(r.Item.Basis)) // bases are long: wrapped, not cut off
		add(lang.L("staff.form.basis"), f.Basis)
	case data.ActEscalate:
		f.Department = entry(false, r.Item.UpperDepartment)
		if r.Item.UpperDepartment != "" {
			add(lang.L("staff.form.departmentDefault"), f.Department)
		} else {
			add(lang.L("staff.form.department"), f.Department)
		}
		f.Sent = entry(false, lang.L("staff.form.dayHint"))
		f.Sent.SetText(data.Day(r.d.opts.Now()))
		add(lang.L("staff.form.sent"), f.Sent)
		f.Expected = entry(false, lang.L("staff.form.dayHint"))
		add(lang.L("staff.form.expected"), f.Expected)
		f.Note = entry(true, "")
		add(lang.L("staff.form.note"), f.Note)
	case data.ActUpperResult:
		f.Result = entry(true, "")
		add(lang.L("staff.form.upperResult"), f.Result)
	case data.ActHandOver:
		f.staff = slices.DeleteFunc(slices.Clone(r.staff), func(c data.LoginChoice) bool {
			return c.StaffID == r.Detail.OwnerID
		})
		var people []string
		for _, c := range f.staff {
			people = append(people, staffText(c))
		}
		f.windows = r.windows
		var ws []string
		for _, w := range f.windows {
			ws = append(ws, w.Name)
		}
		f.ToStaff = widget.NewSelect(people, nil)
		f.ToWindow = widget.NewSelect(ws, nil)
		f.ToStaff.OnChanged = func(string) {
			r.d.Activity()
			if f.ToStaff.SelectedIndex() >= 0 {
				f.ToWindow.ClearSelected()
			}
		}
		f.ToWindow.OnChanged = func(string) {
			r.d.Activity()
			if f.ToWindow.SelectedIndex() >= 0 {
				f.ToStaff.ClearSelected()
			}
		}
		f.ToStaff.PlaceHolder, f.ToWindow.PlaceHolder = lang.L("staff.choose"), lang.L("staff.choose")
		add(lang.L("staff.form.toStaff"), f.ToStaff)
		add(lang.L("staff.form.toWindow"), f.ToWindow)
		f.Note = entry(true, lang.L("staff.form.handoverNote"))
		add(lang.L("staff.form.note"), f.Note)
	case data.ActJointPart:
		var opts []string
		sel := -1
		for _, p := range det.Parts {
			if p.Lead || !p.Done.IsZero() {
				continue
			}
			if p.WindowID == r.d.session.WindowID {
				sel = len(f.parts)
			}
			f.parts = append(f.parts, p)
			opts = append(opts, p.WindowName)
		}
		f.Window = widget.NewSelect(opts, func(string) { r.d.Activity() })
		f.Window.PlaceHolder = lang.L("staff.choose")
		if sel >= 0 {
			f.Window.SetSelectedIndex(sel)
		}
		add(lang.L("staff.form.partWindow"), f.Window)
		f.Note = entry(true, lang.L("staff.form.partNote"))
		add(lang.L("staff.form.note"), f.Note)
	case data.ActFinish:
		f.Result = entry(true, r.Item.Result)
		add(lang.L("staff.form.result"), f.Result)
		var opts []string
		for _, m := range data.ReplyMethods {
			opts = append(opts, m.Label())
		}
		f.Reply = widget.NewRadioGroup(opts, func(string) { r.d.Activity() })
		f.Reply.Horizontal = true
		add(lang.L("staff.form.reply"), f.Reply)
	case data.ActPause:
		f.Reason = entry(true, lang.L("staff.form.pauseHint"))
		add(lang.L("staff.form.pauseReason"), f.Reason)
		f.Restart = entry(false, lang.L("staff.form.dayHint"))
		add(lang.L("staff.form.restart"), f.Restart)
	case data.ActResume:
		f.Note = entry(true, "")
		add(lang.L("staff.form.note"), f.Note)
	case data.ActNote:
		f.Note = entry(true, "")
		add(lang.L("staff.form.noteText"), f.Note)
		f.Public = widget.NewCheck(lang.L("staff.form.public"), func(bool) { r.d.Activity() })
		add("", f.Public)
	case data.ActWithdraw:
		f.Reason = entry(true, "")
		add(lang.L("staff.form.withdrawReason"), f.Reason)
	}
	f.Error = widget.NewLabel("")
	f.Error.Wrapping = fyne.TextWrapWord
	f.Error.Importance = widget.DangerImportance
	f.Error.TextStyle = fyne.TextStyle{Bold: true}
	f.Error.Hide()
	f.Submit = widget.NewButton(lang.L("staff.form.submit"), r.d.tap(f.submit))
	f.Submit.Importance = widget.HighImportance
	f.Cancel = widget.NewButton(lang.L("staff.form.cancel"), r.d.tap(f.close))
	buttons := container.NewGridWithColumns(2, f.Cancel, f.Submit)
	// The fields scroll; the message and the buttons stay in sight below
	// them, however long the form.
	form := compactControls(container.NewVBox(rows...))
	f.scroll = touch.NewVScroll(form)
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.Error, buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(actionLabel(a)+" · "+det.ReceiptNo, body, r.d.win)
	f.dlg.Resize(actionDialogSize(form.MinSize().Height))
	f.dlg.Show()
}

// actionDialogSize fits a step's dialog to its fields (formHeight tall):
// wide enough for the six handling modes in a row, no taller than a
// 1280×800 screen allows (the fields scroll beyond that).
func actionDialogSize(formHeight float32) fyne.Size {
	// Title, separator, a two-line message and the buttons take about 320.
	return fyne.NewSize(980, min(max(formHeight+320, 400), 740))
}

// setError shows msg below the fields (hides the line when msg is "").
func (f *ActionForm) setError(msg string) {
	f.Error.Importance = widget.DangerImportance
	f.Error.SetText(msg)
	f.Error.Hidden = msg == ""
	f.Error.Refresh()
}

func (f *ActionForm) close() {
	if f.dlg != nil {
		f.dlg.Hide()
	}
	if f.r.Form == f {
		f.r.Form = nil
	}
}

// SecondReasonShown reports whether the written reason for asking again
// for materials is on show.
func (f *ActionForm) SecondReasonShown() bool {
	return f.onSecondReason != nil && f.onSecondReason.Visible()
}

// MissingShown reports whether 受理 shows the required materials not
// received, with the tick that confirms accepting without them.
func (f *ActionForm) MissingShown() bool {
	return f.onConfirmMissing != nil && f.onConfirmMissing.Visible()
}

// Open reports whether the dialog is still up.
func (f *ActionForm) Open() bool { return f.r.Form == f }

// errBadDay is a day typed in a form that is not a date.
var errBadDay = errors.New("bad day")

// parseDay reads a day typed as 2026-03-10, 2026-3-10 or 20260310; "" is
// the zero time.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s))
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-1-2", "20060102"} {
		if t, err := time.ParseInLocation(layout, s, data.China); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errBadDay
}

// submit collects the form on the UI goroutine, runs the step off it and
// shows the outcome.
func (f *ActionForm) submit() {
	if f.busy {
		return
	}
	r, d := f.r, f.r.d
	sess, id := d.session, r.ID
	ctx := d.opts.Context
	var work func() (*pendingNotice, error)
	text := func(e *widget.Entry) string {
		if e == nil {
			return ""
		}
		return e.Text
	}
	note := text(f.Note)
	switch f.Action {
	case data.ActAccept:
		mode := data.Mode("")
		for _, m := range data.Modes {
			if m.Label() == f.Mode.Selected {
				mode = m
			}
		}
		confirm := f.ConfirmMissing.Checked
		work = func() (*pendingNotice, error) {
			return nil, d.store.AcceptChecked(ctx, sess, id, mode, note, confirm)
		}
	case data.ActSupplement:
		var ids []int64
		for _, m := range f.mats {
			if slices.Contains(f.Materials.Selected, m.Name) {
				ids = append(ids, m.ID)
			}
		}
		second := text(f.SecondReason)
		work = func() (*pendingNotice, error) {
			n, err := d.store.RequestSupplement(ctx, sess, id, ids, note, second)
			if err != nil {
				return nil, err
			}
			return &pendingNotice{kind: noticeCorrection, supplement: n}, nil
		}
	case data.ActComplete:
		work = func() (*pendingNotice, error) { return nil, d.store.MaterialsComplete(ctx, sess, id) }
	case data.ActRefuse:
		reason, basis := f.Reason.Text, f.Basis.Text
		work = func() (*pendingNotice, error) {
			rf, err := d.store.Refuse(ctx, sess, id, reason, basis)
			if err != nil {
				return nil, err
			}
			return &pendingNotice{kind: noticeRefusal, refusal: rf}, nil
		}
	case data.ActEscalate:
		sent, err := parseDay(f.Sent.Text)
		if err != nil {
			f.setError(lang.L("staff.form.badSentDay"))
			return
		}
		expected, err := parseDay(f.Expected.Text)
		if err != nil {
			f.setError(lang.L("staff.form.badExpectedDay"))
			return
		}
		dept := f.Department.Text
		work = func() (*pendingNotice, error) {
			return nil, d.store.Escalate(ctx, sess, id, dept, sent, expected, note)
		}
	case data.ActUpperResult:
		result := f.Result.Text
		work = func() (*pendingNotice, error) { return nil, d.store.UpperResult(ctx, sess, id, result) }
	case data.ActHandOver:
		var toStaff, toWindow int64
		if i := f.ToStaff.SelectedIndex(); i >= 0 {
			toStaff = f.staff[i].StaffID
		}
		if i := f.ToWindow.SelectedIndex(); i >= 0 {
			toWindow = f.windows[i].ID
		}
		work = func() (*pendingNotice, error) {
			return nil, d.store.HandOver(ctx, sess, id, toStaff, toWindow, note)
		}
	case data.ActJointPart:
		var window int64
		if i := f.Window.SelectedIndex(); i >= 0 {
			window = f.parts[i].WindowID
		}
		work = func() (*pendingNotice, error) { return nil, d.store.JointPart(ctx, sess, id, window, note) }
	case data.ActFinish:
		result := f.Result.Text
		reply := data.ReplyMethod("")
		for _, m := range data.ReplyMethods {
			if m.Label() == f.Reply.Selected {
				reply = m
			}
		}
		work = func() (*pendingNotice, error) {
			if err := d.store.Finish(ctx, sess, id, result, reply); err != nil {
				return nil, err
			}
			return &pendingNotice{kind: noticeFinished}, nil
		}
	case data.ActPause:
		restart, err := parseDay(f.Restart.Text)
		if err != nil {
			f.setError(lang.L("staff.form.badRestartDay"))
			return
		}
		reason := f.Reason.Text
		work = func() (*pendingNotice, error) { return nil, d.store.PauseClock(ctx, sess, id, reason, restart) }
	case data.ActResume:
		work = func() (*pendingNotice, error) { return nil, d.store.ResumeClock(ctx, sess, id, note) }
	case data.ActNote:
		public := f.Public.Checked
		work = func() (*pendingNotice, error) { return nil, d.store.AddNote(ctx, sess, id, note, public) }
	case data.ActWithdraw:
		reason := f.Reason.Text
		work = func() (*pendingNotice, error) { return nil, d.store.Withdraw(ctx, sess, id, reason) }
	default:
		return
	}
	f.busy = true
	f.Submit.Disable()
	f.setError(lang.L("staff.form.saving"))
	f.Error.Importance = widget.MediumImportance
	f.Error.Refresh()
	d.async(func() func() {
		n, err := work()
		return func() {
			f.busy = false
			f.Submit.Enable()
			if err != nil {
				f.failed(err)
				return
			}
			f.close()
			r.done(f.Action, n)
		}
	})
}

// failed shows the store's message; for 补正 asking for new materials a
// second time it brings up the written reason the store wants.
func (f *ActionForm) failed(err error) {
	f.setError(data.Message(err))
	var ie *data.InvalidError
	if errors.As(err, &ie) && ie.Field == "second_reason" && f.onSecondReason != nil {
		f.onSecondReason.Show()
		f.scroll.ScrollToBottom() // the reason is the last field: bring it into sight
		f.r.d.win.Canvas().Focus(f.SecondReason)
	}
	if ie != nil && ie.Field == data.MissingField && f.onConfirmMissing != nil {
		// Ticked elsewhere meanwhile: the store names what is missing now.
		f.MissingNote.SetText(ie.Msg)
		f.onConfirmMissing.Show()
		f.scroll.ScrollToBottom()
	}
}

// done reloads the request after a step and offers its notice.
func (r *Request) done(a data.Action, n *pendingNotice) {
	r.reload(func() {
		det := r.Detail
		if n == nil {
			switch {
			case a == data.ActAccept && det.Status == data.StatusFinished:
				n = &pendingNotice{kind: noticeFinished}
			case (a == data.ActAccept || a == data.ActComplete) && det.Mode == data.ModePromise && det.DueDay != "":
				// Accepted, or accepted anew once the materials are in:
				// the resident gets the promised day in writing.
				n = &pendingNotice{kind: noticePromise}
			}
		}
		msg := lang.L("staff.done", map[string]any{"Action": actionLabel(a)})
		switch {
		case a == data.ActAccept && det.DueDay != "":
			msg = lang.L("staff.done.accepted", map[string]any{"Day": det.DueDay,
				"Mode": det.Mode.Label()})
		case a == data.ActComplete && det.DueDay != "":
			msg = lang.L("staff.done.completed", map[string]any{"Day": det.DueDay})
		}
		r.setNotice(msg, n)
	})
}

// setNotice shows the notice bar with msg and, when n is set, 打印.
func (r *Request) setNotice(msg string, n *pendingNotice) {
	r.Notice = n
	setPrintStatus(r.PrintStatus, "", false)
	// What an earlier print said belongs to what was on show before.
	setPrintStatus(r.ReprintStatus, "", false)
	if n != nil {
		msg += lang.L("staff.notice.offer", map[string]any{"Notice": n.title()})
		if r.d.opts.Printer != nil {
			r.PrintButton.SetText(lang.L("staff.notice.printNamed", map[string]any{"Notice": n.title()}))
			r.PrintButton.Show()
		} else {
			r.PrintButton.Hide()
			setPrintStatus(r.PrintStatus, lang.L("staff.notice.noPrinter"), false)
		}
	} else {
		r.PrintButton.Hide()
	}
	r.NoticeLabel.SetText(msg)
	r.noticeBar.Show()
	r.content.Refresh() // the top grew: lay the screen out again
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
// administrator, 管理常用理由) and loads them; nil when the store keeps no
// common reasons.
func (f *ActionForm) reasonPicks() fyne.CanvasObject {
	d := f.r.d
	rs, ok := d.store.(RefusalReasonStore)
	if !ok {
		return nil
	}
	var reasons []data.RefusalReason
	f.ReasonPicks = widget.NewSelect(nil, nil)
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
	e.Error = widget.NewLabel("")
	e.Error.Wrapping = fyne.TextWrapWord
	e.Error.Importance = widget.DangerImportance
	e.Error.TextStyle = fyne.TextStyle{Bold: true}
	e.Error.Hide()
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
				e.say(data.Message(err), true)
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
				e.say(data.Message(err), true)
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
