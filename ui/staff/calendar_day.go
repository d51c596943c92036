package staff

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// CalendarDayForm is the dialog of one day: 法定节假日 (with its name),
// 调休上班 or 按常规, and a note saying why (kept in the audit log).
type CalendarDayForm struct {
	Day  time.Time
	Kind *widget.RadioGroup
	Name *widget.Entry
	Note *widget.Entry
	Form *FormDialog
	// Change is what the store did, once saved.
	Change data.CalendarChange

	nameRow []fyne.CanvasObject
}

// calendarKinds are the dialog's choices in order, with their data kinds.
var calendarKinds = []string{data.DayHoliday, data.DayWorkday, data.DayOrdinary}

func kindChoice(kind string) string {
	switch kind {
	case data.DayHoliday:
		return lang.L("calendar.kind.holiday")
	case data.DayWorkday:
		return lang.L("calendar.kind.workday")
	}
	return lang.L("calendar.kind.ordinary")
}

// KindOf is the data kind of the choice selected ("" for 按常规).
func (f *CalendarDayForm) KindOf() string {
	if i := slices.Index(f.Kind.Options, f.Kind.Selected); i >= 0 && f.Kind.Selected != "" {
		return calendarKinds[i] // the options are calendarKinds' words, in order
	}
	return data.DayOrdinary
}

// OpenDay opens the dialog of the date of day, preset to what is stored.
func (c *CalendarScreen) OpenDay(day time.Time) {
	d := c.a.d
	cell := c.Cell(day)
	var entry data.CalendarDay
	if cell != nil {
		entry = cell.Entry
	}
	f := &CalendarDayForm{Day: day}
	opts := make([]string, len(calendarKinds))
	for i, k := range calendarKinds {
		opts[i] = kindChoice(k)
	}
	f.Name = d.newEntry(false, lang.L("calendar.edit.nameHint"))
	f.Name.SetText(entry.Name)
	f.Note = d.newEntry(false, lang.L("calendar.edit.noteHint"))
	f.Kind = widget.NewRadioGroup(opts, nil)
	f.Kind.Required = true
	f.Kind.Horizontal = true
	f.Kind.SetSelected(kindChoice(entry.Kind))
	f.nameRow = []fyne.CanvasObject{inlineField(lang.L("calendar.edit.name"), f.Name)}
	f.Kind.OnChanged = func(string) {
		d.Activity()
		f.showName()
	}
	rows := []fyne.CanvasObject{f.Kind}
	rows = append(rows, hint(lang.L("calendar.edit.usual", map[string]any{"Usual": usualDay(day)})+
		lang.L("calendar.edit.audit")))
	rows = append(rows, f.nameRow...)
	rows = append(rows, inlineField(lang.L("calendar.edit.note"), f.Note))
	c.Edit = f
	f.Form = newFormDialog(d, lang.L("calendar.edit.title", map[string]any{"Date": dateTitle(day)}), rows,
		fyne.NewSize(700, 600), func(*FormDialog) func() error {
			kind, name, note := f.KindOf(), f.Name.Text, f.Note.Text
			st, sess, ctx := c.a.store, d.session, d.opts.Context
			return func() error {
				ch, err := st.SetCalendarDay(ctx, sess, day, kind, name, note)
				f.Change = ch
				return err
			}
		}, func() {
			done := lang.L("calendar.edit.done", map[string]any{"Date": dateTitle(day), "Kind": kindChoice(f.KindOf())})
			if f.Change.Empty() {
				done = lang.L("calendar.edit.same")
			}
			c.changed(f.Change, done)
		})
	f.showName()
}

func (f *CalendarDayForm) showName() {
	for _, o := range f.nameRow {
		if f.KindOf() == data.DayOrdinary {
			f.Name.Hide()
			o.Hide()
		} else {
			f.Name.Show()
			o.Show()
		}
	}
	f.Form.relayout()
}

// usualDay says what the date would be without an entry.
func usualDay(day time.Time) string {
	wd := day.In(data.China).Weekday()
	if wd == time.Saturday || wd == time.Sunday {
		return lang.L("calendar.edit.usualOff")
	}
	return lang.L("calendar.edit.usualOn")
}

// inlineField is a field with its label on the left.
func inlineField(label string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewBorder(nil, nil, l, nil, o)
}
