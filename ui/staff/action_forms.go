package staff

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// CompleteForm is 材料补齐: a confirmation only.
type CompleteForm struct {
	valid
	noHook
	formBox
}

func newCompleteForm(r *Request) *CompleteForm {
	b := &formRows{d: r.d}
	b.add("", widget.NewLabel(lang.L("staff.form.completeConfirm")))
	return &CompleteForm{formBox: formBox{b.box()}}
}

func (f *CompleteForm) work() stepWork {
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.MaterialsComplete(ctx, by, id)
	}
}

// EscalateForm is 上报: the upper department (default the item's), the day
// it was sent (today unless changed), the expected reply day and a note.
type EscalateForm struct {
	noHook
	Department *widget.Entry
	Sent       *widget.Entry
	Expected   *widget.Entry
	Note       *widget.Entry

	formBox
}

func newEscalateForm(r *Request) *EscalateForm {
	f := &EscalateForm{}
	b := &formRows{d: r.d}
	f.Department = b.entry(false, r.Item.UpperDepartment)
	if r.Item.UpperDepartment != "" {
		b.add(lang.L("staff.form.departmentDefault"), f.Department)
	} else {
		b.add(lang.L("staff.form.department"), f.Department)
	}
	f.Sent = b.entry(false, lang.L("staff.form.dayHint"))
	f.Sent.SetText(data.Day(r.d.opts.Now()))
	b.add(lang.L("staff.form.sent"), f.Sent)
	f.Expected = b.entry(false, lang.L("staff.form.dayHint"))
	b.add(lang.L("staff.form.expected"), f.Expected)
	f.Note = b.entry(true, "")
	b.add(lang.L("staff.form.note"), f.Note)
	f.box = b.box()
	return f
}

// validate checks that both days are dates.
func (f *EscalateForm) validate() error {
	if _, err := parseDay(f.Sent.Text); err != nil {
		return formError(lang.L("staff.form.badSentDay"))
	}
	if _, err := parseDay(f.Expected.Text); err != nil {
		return formError(lang.L("staff.form.badExpectedDay"))
	}
	return nil
}

func (f *EscalateForm) work() stepWork {
	sent, _ := parseDay(f.Sent.Text) // validated
	expected, _ := parseDay(f.Expected.Text)
	dept, note := f.Department.Text, f.Note.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.Escalate(ctx, by, id, dept, sent, expected, note)
	}
}

// UpperResultForm is 登记上级审批结果: the upper department's result (Text).
type UpperResultForm struct{ textForm }

func newUpperResultForm(r *Request) *UpperResultForm {
	return &UpperResultForm{newTextForm(r, "staff.form.upperResult", HandlingStore.UpperResult)}
}

// FinishForm is 办结: the result and how the resident was told.
type FinishForm struct {
	valid
	noHook
	Result *widget.Entry
	Reply  *widget.RadioGroup // the words of data.ReplyMethods, in that order
	formBox
}

func newFinishForm(r *Request) *FinishForm {
	f := &FinishForm{}
	b := &formRows{d: r.d}
	f.Result = b.entry(true, r.Item.Result)
	b.add(lang.L("staff.form.result"), f.Result)
	f.Reply = widget.NewRadioGroup(wordsOf(data.ReplyMethods, replyWord), func(string) { r.d.Activity() })
	f.Reply.Horizontal = true
	b.add(lang.L("staff.form.reply"), f.Reply)
	f.box = b.box()
	return f
}

// SetReply chooses how the resident was told, as a tap on it would.
func (f *FinishForm) SetReply(m data.ReplyMethod) {
	if i := slices.Index(data.ReplyMethods, m); i >= 0 {
		f.Reply.SetSelected(f.Reply.Options[i])
		return
	}
	f.Reply.SetSelected("")
}

// Chosen is how the resident was told ("" for not chosen).
func (f *FinishForm) Chosen() data.ReplyMethod {
	return keyAt(data.ReplyMethods, f.Reply.Options, f.Reply.Selected)
}

func (f *FinishForm) work() stepWork {
	result, reply := f.Result.Text, f.Chosen()
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		if err := st.Finish(ctx, by, id, result, reply); err != nil {
			return nil, err
		}
		return &pendingNotice{kind: noticeFinished}, nil
	}
}

// PauseForm is 暂停计时: the written reason and the day the clock restarts.
type PauseForm struct {
	noHook
	Reason  *widget.Entry
	Restart *widget.Entry
	formBox
}

func newPauseForm(r *Request) *PauseForm {
	f := &PauseForm{}
	b := &formRows{d: r.d}
	f.Reason = b.entry(true, lang.L("staff.form.pauseHint"))
	b.add(lang.L("staff.form.pauseReason"), f.Reason)
	f.Restart = b.entry(false, lang.L("staff.form.dayHint"))
	b.add(lang.L("staff.form.restart"), f.Restart)
	f.box = b.box()
	return f
}

// validate checks that the restart day is a date.
func (f *PauseForm) validate() error {
	if _, err := parseDay(f.Restart.Text); err != nil {
		return formError(lang.L("staff.form.badRestartDay"))
	}
	return nil
}

func (f *PauseForm) work() stepWork {
	restart, _ := parseDay(f.Restart.Text) // validated
	reason := f.Reason.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.PauseClock(ctx, by, id, reason, restart)
	}
}

// ResumeForm is 恢复计时: a note (Text).
type ResumeForm struct{ textForm }

func newResumeForm(r *Request) *ResumeForm {
	return &ResumeForm{newTextForm(r, "staff.form.note", HandlingStore.ResumeClock)}
}

// NoteForm is 办理记录: the text, and whether the resident may see it.
type NoteForm struct {
	valid
	noHook
	Note   *widget.Entry
	Public *widget.Check
	formBox
}

func newNoteForm(r *Request) *NoteForm {
	f := &NoteForm{}
	b := &formRows{d: r.d}
	f.Note = b.entry(true, "")
	b.add(lang.L("staff.form.noteText"), f.Note)
	f.Public = widget.NewCheck(lang.L("staff.form.public"), func(bool) { r.d.Activity() })
	b.add("", f.Public)
	f.box = b.box()
	return f
}

func (f *NoteForm) work() stepWork {
	note, public := f.Note.Text, f.Public.Checked
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.AddNote(ctx, by, id, note, public)
	}
}

// WithdrawForm is 撤回: the resident's reason.
type WithdrawForm struct {
	valid
	noHook
	Reason *widget.Entry
	formBox
}

func newWithdrawForm(r *Request) *WithdrawForm {
	f := &WithdrawForm{}
	b := &formRows{d: r.d}
	f.Reason = b.entry(true, "")
	b.add(lang.L("staff.form.withdrawReason"), f.Reason)
	f.box = b.box()
	return f
}

func (f *WithdrawForm) work() stepWork {
	reason := f.Reason.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.Withdraw(ctx, by, id, reason)
	}
}

// textForm is a step whose form is one multi-line text under a label,
// sent to the store with send.
type textForm struct {
	valid
	noHook
	formBox
	Text *widget.Entry
	send textStep
}

// textStep is a HandlingStore method that takes the text of a textForm.
type textStep func(st HandlingStore, ctx context.Context, by data.Session, id int64, text string) error

// newTextForm is a textForm under the label of key.
func newTextForm(r *Request, key string, send textStep) textForm {
	b := &formRows{d: r.d}
	f := textForm{Text: b.entry(true, ""), send: send}
	b.add(lang.L(key), f.Text)
	f.box = b.box()
	return f
}

func (f *textForm) work() stepWork {
	text, send := f.Text.Text, f.send
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, send(st, ctx, by, id, text)
	}
}
