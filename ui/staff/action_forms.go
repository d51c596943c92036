package staff

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// CompleteForm is 材料补齐: a confirmation only.
type CompleteForm struct {
	plainStep
}

func newCompleteForm(r *Request) *CompleteForm {
	b := &formRows{d: r.d}
	b.add("", widget.NewLabel(lang.L("staff.form.completeConfirm")))
	f := &CompleteForm{}
	f.box = b.box()
	return f
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
	department := "staff.form.department"
	if r.Item.UpperDepartment != "" {
		department = "staff.form.departmentDefault"
	}
	f.Department = b.text(department, false, r.Item.UpperDepartment)
	f.Sent = b.day("staff.form.sent")
	f.Sent.SetText(data.Day(r.d.opts.Now()))
	f.Expected = b.day("staff.form.expected")
	f.Note = b.text("staff.form.note", true, "")
	f.box = b.box()
	return f
}

// validate checks that both days are dates.
func (f *EscalateForm) validate() error {
	if err := dayError(f.Sent, "staff.form.badSentDay"); err != nil {
		return err
	}
	return dayError(f.Expected, "staff.form.badExpectedDay")
}

func (f *EscalateForm) work() stepWork {
	sent, _ := parseDay(f.Sent.Text) // validated
	expected, _ := parseDay(f.Expected.Text)
	dept, note := f.Department.Text, f.Note.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.Escalate(ctx, by, id, dept, sent, expected, note)
	}
}

// FinishForm is 办结: the result and how the resident was told.
type FinishForm struct {
	plainStep
	Result *widget.Entry
	Reply  *widget.RadioGroup // the words of data.ReplyMethods, in that order
}

func newFinishForm(r *Request) *FinishForm {
	b := &formRows{d: r.d}
	f := &FinishForm{Result: b.text("staff.form.result", true, r.Item.Result),
		Reply: widget.NewRadioGroup(wordsOf(data.ReplyMethods, replyWord), func(string) { r.d.Activity() })}
	f.Reply.Horizontal = true
	b.add(lang.L("staff.form.reply"), f.Reply)
	f.box = b.box()
	return f
}

// SetReply chooses how the resident was told, as a tap on it would.
func (f *FinishForm) SetReply(m data.ReplyMethod) { selectKey(f.Reply, data.ReplyMethods, m) }

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
	b := &formRows{d: r.d}
	f := &PauseForm{Reason: b.text("staff.form.pauseReason", true, lang.L("staff.form.pauseHint")),
		Restart: b.day("staff.form.restart")}
	f.box = b.box()
	return f
}

// validate checks that the restart day is a date.
func (f *PauseForm) validate() error { return dayError(f.Restart, "staff.form.badRestartDay") }

func (f *PauseForm) work() stepWork {
	restart, _ := parseDay(f.Restart.Text) // validated
	reason := f.Reason.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.PauseClock(ctx, by, id, reason, restart)
	}
}

// NoteForm is 办理记录: the text, and whether the resident may see it.
type NoteForm struct {
	plainStep
	Note   *widget.Entry
	Public *widget.Check
}

func newNoteForm(r *Request) *NoteForm {
	b := &formRows{d: r.d}
	f := &NoteForm{Note: b.text("staff.form.noteText", true, ""), Public: b.check("staff.form.public")}
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
	plainStep
	Reason *widget.Entry
}

func newWithdrawForm(r *Request) *WithdrawForm {
	b := &formRows{d: r.d}
	f := &WithdrawForm{Reason: b.text("staff.form.withdrawReason", true, "")}
	f.box = b.box()
	return f
}

func (f *WithdrawForm) work() stepWork {
	reason := f.Reason.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.Withdraw(ctx, by, id, reason)
	}
}

// UpperResultForm is 登记上级审批结果: the upper department's result (Text).
type UpperResultForm struct{ textForm }

func newUpperResultForm(r *Request) *UpperResultForm {
	return &UpperResultForm{newTextForm(r, "staff.form.upperResult", HandlingStore.UpperResult)}
}

// ResumeForm is 恢复计时: a note (Text).
type ResumeForm struct{ textForm }

func newResumeForm(r *Request) *ResumeForm {
	return &ResumeForm{newTextForm(r, "staff.form.note", HandlingStore.ResumeClock)}
}

// textForm is a step whose form is one multi-line text under a label,
// sent to the store with send.
type textForm struct {
	plainStep
	Text *widget.Entry
	send textStep
}

// textStep is a HandlingStore method that takes the text of a textForm.
type textStep func(st HandlingStore, ctx context.Context, by data.Session, id int64, text string) error

// newTextForm is a textForm under the label of key.
func newTextForm(r *Request, key string, send textStep) textForm {
	b := &formRows{d: r.d}
	f := textForm{Text: b.text(key, true, ""), send: send}
	f.box = b.box()
	return f
}

func (f *textForm) work() stepWork {
	text, send := f.Text.Text, f.send
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, send(st, ctx, by, id, text)
	}
}
