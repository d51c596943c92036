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
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// The roll-call of a study session (集中学习点名制度): every active staff
// member with three large buttons, 出席, 请假 and 缺席. Saving records the
// people marked; those left unmarked stay off the roll-call.

// RollCallScreen is a session's roll-call.
type RollCallScreen struct {
	Session    data.StudySession
	Title      *widget.Label
	Rows       []*RollRow
	AllPresent *widget.Button
	Save       *widget.Button
	Back       *widget.Button
	Status     *widget.Label

	s       *StudyScreen
	list    *fyne.Container
	content fyne.CanvasObject
	busy    bool
}

// RollRow is one person on the roll-call.
type RollRow struct {
	Line    data.RollLine
	Mark    data.RollMark
	Name    *widget.Button
	Present *widget.Button
	Leave   *widget.Button
	Absent  *widget.Button
}

// OpenRoll shows the roll-call of a session in place of the list.
func (s *StudyScreen) OpenRoll(x data.StudySession) {
	d, st := s.a.d, s.a.store
	ctx := d.opts.Context
	r := &RollCallScreen{Session: x, s: s}
	r.Title = widget.NewLabel(lang.L("study.roll.title", map[string]any{"Day": x.Day, "Kind": studyKindWord(x.Kind),
		"Topic": x.Topic}))
	r.Title.TextStyle = fyne.TextStyle{Bold: true}
	r.Title.Truncation = fyne.TextTruncateEllipsis
	r.Back = widget.NewButtonWithIcon(lang.L("study.roll.back"), fynetheme.NavigateBackIcon(), d.tap(r.close))
	r.AllPresent = widget.NewButtonWithIcon(lang.L("study.roll.allPresent"), fynetheme.ConfirmIcon(),
		d.tap(r.markAllPresent))
	r.Save = widget.NewButtonWithIcon(lang.L("study.roll.save"), fynetheme.DocumentSaveIcon(), d.tap(r.OnSave))
	r.Save.Importance = widget.HighImportance
	r.Status = widget.NewLabel("")
	r.Status.Wrapping = fyne.TextWrapWord
	r.Status.Importance = widget.DangerImportance
	r.Status.TextStyle = fyne.TextStyle{Bold: true}
	r.list = container.NewVBox()
	top := container.NewBorder(nil, nil, r.Back, container.NewHBox(r.AllPresent, r.Save), r.Title)
	hint := widget.NewLabel(lang.L("study.roll.hint"))
	hint.Wrapping = fyne.TextWrapWord
	r.content = container.NewBorder(container.NewVBox(top, hint, widget.NewSeparator()), r.Status, nil, nil,
		touch.NewVScroll(r.list))
	s.Roll, s.Record = r, nil
	s.a.setBody(r.content)
	r.Status.SetText(lang.L("admin.loading"))
	d.async(func() func() {
		lines, err := st.StudyRoll(ctx, x.ID)
		return func() { r.show(lines, err) }
	})
}

func (r *RollCallScreen) show(lines []data.RollLine, err error) {
	d := r.s.a.d
	r.Rows = nil
	r.list.RemoveAll()
	if err != nil {
		r.Status.SetText(locale.Message(err))
		return
	}
	r.Status.SetText("")
	for _, l := range lines {
		row := &RollRow{Line: l, Mark: l.Mark()}
		row.Name = nameButton(d, l.Name, func() { r.s.OpenRecord(l.StaffID, l.Name) })
		row.Present = widget.NewButton(markWord(data.MarkPresent), d.tap(func() { r.set(row, data.MarkPresent) }))
		row.Leave = widget.NewButton(markWord(data.MarkLeave), d.tap(func() { r.set(row, data.MarkLeave) }))
		row.Absent = widget.NewButton(markWord(data.MarkAbsent), d.tap(func() { r.set(row, data.MarkAbsent) }))
		r.paint(row)
		r.Rows = append(r.Rows, row)
		note := widget.NewLabel(rollNoteExtra(l.Mark(), l.Note))
		note.Importance = widget.LowImportance
		note.Truncation = fyne.TextTruncateEllipsis
		buttons := container.New(&rollButtons{}, row.Present, row.Leave, row.Absent)
		r.list.Add(rowBox(container.NewBorder(nil, nil,
			container.New(&fixedSize{size: fyne.NewSize(200, bmtheme.MinTouchTarget)}, row.Name), buttons, note)))
	}
	r.list.Refresh()
}

// set marks a person; tapping their current mark again clears it.
func (r *RollCallScreen) set(row *RollRow, m data.RollMark) {
	if row.Mark == m {
		m = data.MarkNone
	}
	row.Mark = m
	r.paint(row)
}

// paint shows a row's mark on its buttons.
func (r *RollCallScreen) paint(row *RollRow) {
	for _, x := range []struct {
		b    *widget.Button
		m    data.RollMark
		high widget.Importance
	}{{row.Present, data.MarkPresent, widget.SuccessImportance}, {row.Leave, data.MarkLeave, widget.WarningImportance},
		{row.Absent, data.MarkAbsent, widget.DangerImportance}} {
		if row.Mark == x.m {
			x.b.Importance = x.high
			x.b.Icon = fynetheme.ConfirmIcon()
		} else {
			x.b.Importance = widget.MediumImportance
			x.b.Icon = nil
		}
		x.b.Refresh()
	}
}

// markAllPresent marks everyone not yet marked as present.
func (r *RollCallScreen) markAllPresent() {
	for _, row := range r.Rows {
		if row.Mark == data.MarkNone {
			row.Mark = data.MarkPresent
			r.paint(row)
		}
	}
}

// Marks are the marks on screen by staff id (those marked only).
func (r *RollCallScreen) Marks() map[int64]data.RollMark {
	out := map[int64]data.RollMark{}
	for _, row := range r.Rows {
		if row.Mark != data.MarkNone {
			out[row.Line.StaffID] = row.Mark
		}
	}
	return out
}

// OnSave records the roll-call and goes back to the list.
func (r *RollCallScreen) OnSave() {
	if r.busy {
		return
	}
	d, st, sess := r.s.a.d, r.s.a.store, r.s.a.d.session
	ctx := d.opts.Context
	present, notes := map[int64]bool{}, map[int64]string{}
	var here, leave, away int
	for _, row := range r.Rows {
		id, note := row.Line.StaffID, row.Line.Note
		switch row.Mark {
		case data.MarkNone:
			continue
		case data.MarkPresent:
			present[id] = true
			here++
			if strings.HasPrefix(note, data.RollLeave) {
				note = ""
			}
		case data.MarkLeave:
			present[id] = false
			leave++
			if !strings.HasPrefix(note, data.RollLeave) {
				note = data.RollLeave
			}
		case data.MarkAbsent:
			present[id] = false
			away++
			if strings.HasPrefix(note, data.RollLeave) {
				note = ""
			}
		}
		notes[id] = note
	}
	if len(present) == 0 {
		r.Status.SetText(lang.L("study.roll.none"))
		return
	}
	id := r.Session.ID
	submitOffUI(d, &r.busy, r.Save, r.Status, func() error { return st.RollCall(ctx, sess, id, present, notes) }, func() {
		r.close()
		r.s.Notice.SetText(lang.L("study.roll.saved", map[string]any{"Present": here, "Leave": leave,
			"Absent": away}))
	})
}

// close goes back to the session list.
func (r *RollCallScreen) close() {
	r.s.Roll = nil
	r.s.a.setBody(r.s.content)
	r.s.Reload()
}

// rollButtons lays out the three mark buttons side by side, each a large
// touch target.
type rollButtons struct{}

const rollButtonWidth float32 = 132

func (rollButtons) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNamePadding)
	x := float32(0)
	for _, o := range objects {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(rollButtonWidth, size.Height))
		x += rollButtonWidth + pad
	}
}

func (rollButtons) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNamePadding)
	n := float32(len(objects))
	return fyne.NewSize(n*rollButtonWidth+(n-1)*pad, bmtheme.MinTouchTarget)
}

// rollNoteExtra is what a roll-call note adds to its mark: the 请假 that
// marks leave is said by the mark already, so 请假（病假） adds 病假 and a
// bare 请假 nothing.
func rollNoteExtra(mark data.RollMark, note string) string {
	if mark != data.MarkLeave {
		return note
	}
	rest := strings.TrimSpace(strings.TrimPrefix(note, data.RollLeave))
	rest = strings.TrimSuffix(strings.TrimPrefix(rest, "（"), "）")
	rest = strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")")
	return strings.TrimSpace(strings.TrimLeft(rest, "：:，, "))
}
