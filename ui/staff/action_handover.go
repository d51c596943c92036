package staff

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// HandOverForm is 转交: to another staff member or to a window (choosing
// one clears the other), and what the receiver should know.
type HandOverForm struct {
	plainStep
	ToStaff  *touch.Select // every staff member but the owner
	ToWindow *touch.Select
	Note     *widget.Entry

	staff   []data.LoginChoice
	windows []data.Window
}

func newHandOverForm(r *Request) *HandOverForm {
	f := &HandOverForm{windows: r.windows}
	b := &formRows{d: r.d}
	f.staff = slices.DeleteFunc(slices.Clone(r.staff), func(c data.LoginChoice) bool {
		return c.StaffID == r.Detail.OwnerID
	})
	people := make([]string, len(f.staff))
	for i, c := range f.staff {
		people[i] = staffText(c)
	}
	ws := make([]string, len(f.windows))
	for i, w := range f.windows {
		ws[i] = w.Name
	}
	f.ToStaff = newPicker(people, nil)
	f.ToWindow = newPicker(ws, nil)
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
	b.add(lang.L("staff.form.toStaff"), f.ToStaff)
	b.add(lang.L("staff.form.toWindow"), f.ToWindow)
	f.Note = b.text("staff.form.handoverReason", true, lang.L("staff.form.handoverNote")) // the store needs it
	f.box = b.box()
	return f
}

func (f *HandOverForm) work() stepWork {
	var toStaff, toWindow int64
	if i := f.ToStaff.SelectedIndex(); i >= 0 {
		toStaff = f.staff[i].StaffID
	}
	if i := f.ToWindow.SelectedIndex(); i >= 0 {
		toWindow = f.windows[i].ID
	}
	note := f.Note.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.HandOver(ctx, by, id, toStaff, toWindow, note)
	}
}

// JointPartForm is 登记配合办理: which participating window's part is done
// (the signed-in window's, when it has one open), and a note.
type JointPartForm struct {
	plainStep
	Window *touch.Select // the open parts, lead excluded
	Note   *widget.Entry

	parts []data.JointPartState
}

func newJointPartForm(r *Request) *JointPartForm {
	f := &JointPartForm{}
	b := &formRows{d: r.d}
	var opts []string
	sel := -1
	for _, p := range r.Detail.Parts {
		if p.Lead || !p.Done.IsZero() {
			continue
		}
		if p.WindowID == r.d.session.WindowID {
			sel = len(f.parts)
		}
		f.parts = append(f.parts, p)
		opts = append(opts, p.WindowName)
	}
	f.Window = newPicker(opts, func(string) { r.d.Activity() })
	f.Window.PlaceHolder = lang.L("staff.choose")
	if sel >= 0 {
		f.Window.SetSelectedIndex(sel)
	}
	b.add(lang.L("staff.form.partWindow"), f.Window)
	f.Note = b.text("staff.form.partDone", true, lang.L("staff.form.partNote")) // the store needs it
	f.box = b.box()
	return f
}

func (f *JointPartForm) work() stepWork {
	var window int64
	if i := f.Window.SelectedIndex(); i >= 0 {
		window = f.parts[i].WindowID
	}
	note := f.Note.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.JointPart(ctx, by, id, window, note)
	}
}
