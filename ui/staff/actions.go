package staff

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// ActionForm is the dialog of one handling step: the step's own fields
// (Step, one form type per action) above a message line and 取消 / 确定.
// 确定 checks what was typed, then passes it to the store off the UI
// goroutine; the store's message, if any, shows in Error and the dialog
// stays open.
type ActionForm struct {
	Action data.Action
	// Step is the step's fields: *AcceptForm, *SupplementForm, … (see
	// newStepForm).
	Step StepForm

	Error  *widget.Label
	Submit *widget.Button
	Cancel *widget.Button

	r      *Request
	dlg    dialog.Dialog
	busy   bool
	scroll *container.Scroll // the fields
}

// StepForm is the fields of one handling step.
type StepForm interface {
	// fields is the form's rows, built once.
	fields() fyne.CanvasObject
	// validate checks what was typed before anything goes to the store;
	// its error's text is the message shown.
	validate() error
	// work reads the widgets (on the UI goroutine) and returns the store
	// call to run off it.
	work() stepWork
	// failed lets the form react to the store's refusal, after its
	// message is shown (bring up a field the store asks for).
	failed(f *ActionForm, err error)
}

// stepWork is a handling step's store call; it returns the notice to offer
// for printing, if any.
type stepWork func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error)

// formBox holds a form's rows (formRows.box) and gives them as its fields.
type formBox struct{ box fyne.CanvasObject }

func (f *formBox) fields() fyne.CanvasObject { return f.box }

// noHook is the failed of the forms that need none.
type noHook struct{}

func (noHook) failed(*ActionForm, error) {}

// valid is the validate of the forms that check nothing before the store.
type valid struct{}

func (valid) validate() error { return nil }

// plainStep is what a form that checks nothing before the store and needs
// no hook keeps besides its fields: valid, noHook and its rows.
type plainStep struct {
	valid
	noHook
	formBox
}

// newStepForm builds the fields of step a for the request on show.
func newStepForm(a data.Action, r *Request) StepForm {
	switch a {
	case data.ActAccept:
		return newAcceptForm(r)
	case data.ActSupplement:
		return newSupplementForm(r)
	case data.ActComplete:
		return newCompleteForm(r)
	case data.ActRefuse:
		return newRefuseForm(r)
	case data.ActEscalate:
		return newEscalateForm(r)
	case data.ActUpperResult:
		return newUpperResultForm(r)
	case data.ActHandOver:
		return newHandOverForm(r)
	case data.ActJointPart:
		return newJointPartForm(r)
	case data.ActFinish:
		return newFinishForm(r)
	case data.ActPause:
		return newPauseForm(r)
	case data.ActResume:
		return newResumeForm(r)
	case data.ActNote:
		return newNoteForm(r)
	case data.ActWithdraw:
		return newWithdrawForm(r)
	}
	return nil
}

// OpenAction opens the dialog of a step (nothing for an unknown step).
func (r *Request) OpenAction(a data.Action) {
	step := newStepForm(a, r)
	if step == nil {
		return
	}
	f := &ActionForm{Action: a, Step: step, r: r}
	r.Form = f
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
	form := compactControls(step.fields())
	f.scroll = touch.NewVScroll(form)
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.Error, buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(actionLabel(a)+" · "+r.Detail.ReceiptNo, body, r.d.win)
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

// submit checks the form on the UI goroutine, runs the step off it and
// shows the outcome.
func (f *ActionForm) submit() {
	if f.busy {
		return
	}
	if err := f.Step.validate(); err != nil {
		f.setError(err.Error())
		return
	}
	r, d := f.r, f.r.d
	sess, id, ctx := d.session, r.ID, d.opts.Context
	work := f.Step.work()
	f.busy = true
	f.Submit.Disable()
	f.setError(lang.L("staff.form.saving"))
	f.Error.Importance = widget.MediumImportance
	f.Error.Refresh()
	d.async(func() func() {
		n, err := work(ctx, d.store, sess, id)
		return func() {
			f.busy = false
			f.Submit.Enable()
			if err != nil {
				f.setError(locale.Message(err))
				f.Step.failed(f, err)
				return
			}
			f.close()
			r.done(f.Action, n)
		}
	})
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
				"Mode": modeWord(det.Mode)})
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

// formRows lays out a step's fields: each under its bold label, one below
// the other. Every step form builds its rows with it.
type formRows struct {
	d    *Desk
	rows []fyne.CanvasObject
}

// add puts o under a bold label (none when label is "").
func (b *formRows) add(label string, o fyne.CanvasObject) {
	if label != "" {
		b.rows = append(b.rows, fieldLabel(label))
	}
	b.rows = append(b.rows, o)
}

// entry is a text field that counts as activity; multi-line ones wrap
// and show three lines.
func (b *formRows) entry(multi bool, placeholder string) *widget.Entry {
	return b.d.newEntry(multi, placeholder)
}

// text adds a text field (entry) under the label of key.
func (b *formRows) text(key string, multi bool, placeholder string) *widget.Entry {
	e := b.entry(multi, placeholder)
	b.add(lang.L(key), e)
	return e
}

// check adds a tick box labelled with key.
func (b *formRows) check(key string) *widget.Check {
	c := widget.NewCheck(lang.L(key), func(bool) { b.d.Activity() })
	b.add("", c)
	return c
}

// day adds a one-line field for a day under the label of key.
func (b *formRows) day(key string) *widget.Entry {
	e := b.text(key, false, lang.L("staff.form.dayHint"))
	b.d.Keys.SetKind(e, input.Date)
	return e
}

// box is the rows, one below the other.
func (b *formRows) box() fyne.CanvasObject { return container.NewVBox(b.rows...) }

// fieldLabel is a field's name above it, bold and wrapped.
func fieldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

// formError is a message a step form shows without asking the store.
type formError string

func (e formError) Error() string { return string(e) }

// dayError is nil when en holds a day parseDay reads, or else the message
// of key.
func dayError(en *widget.Entry, key string) error {
	if _, err := parseDay(en.Text); err != nil {
		return formError(lang.L(key))
	}
	return nil
}
