package staff

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/errline"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Layout pieces shared by 机构与人员 and 办事事项: forms with the label
// beside the input, status lines that take no room while empty, and list
// rows compact enough for six or more to fit on a 1280×800 screen while
// every button stays about 52 dp tall.

// fieldCells is a bold label (a translation key) and its input: two cells
// of a form.
func fieldCells(key string, o fyne.CanvasObject) []fyne.CanvasObject {
	return []fyne.CanvasObject{boldLabel(key), o}
}

// boldLabel is a field's name (a translation key) in bold.
func boldLabel(key string) *widget.Label {
	l := widget.NewLabel(lang.L(key))
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// form lays labelled fields out with each label left of its field, so that
// a dialog's fields fit the 800 px screen without scrolling; a pair whose
// label and field are both hidden takes no room.
func form(cells ...[]fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, c := range cells {
		objs = append(objs, c...)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// orgStatus is a status line under a list or form, hidden while empty.
func orgStatus() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// orgShowResult puts the store's answer on a status line: its message in
// red, or ok in green.
func orgShowResult(l *widget.Label, err error, ok string) {
	l.TextStyle = fyne.TextStyle{Bold: true}
	if err != nil {
		l.Importance = widget.DangerImportance
		setErrorLine(l, locale.Message(err))
		return
	}
	l.Importance = widget.SuccessImportance
	setErrorLine(l, ok)
}

// orgPlain sets a status line's text without colour.
func orgPlain(l *widget.Label, text string) {
	l.Importance = widget.MediumImportance
	l.TextStyle = fyne.TextStyle{}
	setErrorLine(l, text)
}

// errorLine is a red line under a field, hidden while empty.
func errorLine() *widget.Label { return errline.New() }

// setErrorLine shows msg on a line, hiding the line while msg is empty.
func setErrorLine(l *widget.Label, msg string) { errline.Set(l, msg) }

// orgRow is a list row: weighted columns, then the actions in a column of
// fixed width (so that the buttons never push the row off the screen).
func orgRow(cols fyne.Layout, cells []fyne.CanvasObject, actions fyne.CanvasObject, width float32) fyne.CanvasObject {
	return rowBox(orgCompact(container.NewBorder(nil, nil, nil,
		container.New(&fixedSize{size: fyne.NewSize(width, 0)}, actions), container.New(cols, cells...))))
}

// activeImportance is how a row of the lists of windows and of staff reads:
// dimmed for one stopped.
func activeImportance(active bool) widget.Importance {
	if active {
		return widget.MediumImportance
	}
	return widget.LowImportance
}

// orgHeader is a list's header over orgRow rows.
func orgHeader(cols fyne.Layout, prefix string, width float32, names ...string) fyne.CanvasObject {
	labels := boldLabels(prefix, names...)
	last := labels[len(labels)-1]
	return scrollBarGap(orgCompact(container.NewBorder(nil, nil, nil,
		container.New(&fixedSize{size: fyne.NewSize(width, 0)}, last), container.New(cols, labels[:len(labels)-1]...))))
}

// listTop is the head of a list: an explanation with the add button
// beside it, then the column header.
func listTop(introKey string, add *widget.Button, header fyne.CanvasObject) fyne.CanvasObject {
	intro := widget.NewLabel(lang.L(introKey))
	intro.Wrapping = fyne.TextWrapWord
	intro.Importance = widget.LowImportance
	return container.NewVBox(orgCompact(container.NewBorder(nil, nil, nil, add, intro)), header, widget.NewSeparator())
}

// twoLines is a cell of two lines, the first bold, set close together.
func twoLines(first, second string, imp widget.Importance) fyne.CanvasObject {
	a, b := widget.NewLabel(first), widget.NewLabel(second)
	a.TextStyle = fyne.TextStyle{Bold: true}
	a.Truncation, b.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	a.Importance, b.Importance = imp, imp
	return compactRow(container.NewVBox(a, b))
}

// orgList is what the lists of windows and of staff share: the add button
// over the rows, the status line under them, and the reading of the
// windows and the staff, which both lists need.
type orgList struct {
	Add    *widget.Button
	Status *widget.Label
	// Windows and Staff are what the last read found.
	Windows []data.OrgWindow
	Staff   []data.StaffRecord

	a       *Admin
	list    *fyne.Container
	content fyne.CanvasObject
	reads   latest
	show    func() // puts what the last read found in the list
}

// build makes the common part of a list that show fills after each read,
// in place (show may run before build returns), and reads the list a
// first time.
func (l *orgList) build(a *Admin, addKey string, onAdd func(), introKey string, header fyne.CanvasObject,
	show func()) {
	l.a, l.Status, l.list, l.show = a, orgStatus(), container.NewVBox(), show
	l.Add = widget.NewButtonWithIcon(lang.L(addKey), fynetheme.ContentAddIcon(), a.d.tap(onAdd))
	l.Add.Importance = widget.HighImportance
	l.content = container.NewBorder(listTop(introKey, l.Add, header), l.Status, nil, nil, clearOfScrollBar(l.list))
	l.Reload()
}

func (l *orgList) view() fyne.CanvasObject { return l.content }

// Reload reads the windows and the staff again and shows them (or the
// store's message); an answer overtaken by a later read is dropped.
func (l *orgList) Reload() {
	st := l.a.store
	type read struct {
		ws     []data.OrgWindow
		people []data.StaffRecord
	}
	orgLoad(&l.reads, l.a.d, l.Status, func(ctx context.Context) (read, error) {
		ws, err := st.OrgWindows(ctx)
		people, serr := st.OrgStaff(ctx)
		if err == nil {
			err = serr
		}
		return read{ws, people}, err
	}, func(r read) {
		l.Windows, l.Staff = r.ws, r.people
		l.show()
	})
}

// orgLoad reads with read off the UI goroutine and shows what it read, or
// says on status why it could not (orgShowResult); an answer overtaken by
// a later read of l is dropped (loadLatest).
func orgLoad[T any](l *latest, d *Desk, status *widget.Label, read func(context.Context) (T, error), show func(T)) {
	loadLatest(l, d, read, func(v T, err error) {
		if err != nil {
			orgShowResult(status, err, "")
			return
		}
		show(v)
	})
}

// change runs a change in the store (work returns what to say when it
// succeeds) and says how it went on the status line; after a success the
// list is read again.
func (l *orgList) change(work func() (string, error)) {
	l.a.d.async(func() func() {
		ok, err := work()
		return func() {
			orgShowResult(l.Status, err, ok)
			if err == nil {
				l.Reload()
			}
		}
	})
}

// saved is what a dialog of the list does once the store took its change.
func (l *orgList) saved(ok string) func() {
	return func() {
		orgShowResult(l.Status, nil, ok)
		l.Reload()
	}
}

// orgCompact shows controls with less padding than the touch theme:
// buttons and selects about 52 dp tall, still easy to hit at a desk.
func orgCompact(o fyne.CanvasObject) fyne.CanvasObject { return tight(o, 10) }

// clearOfScrollBar scrolls o vertically, keeping its right edge clear of
// the scroll bar so that the bar never covers a button.
func clearOfScrollBar(o fyne.CanvasObject) *container.Scroll {
	return touch.NewVScroll(scrollBarGap(o))
}

// scrollBarGap leaves room for a scroll bar on o's right: a list's header
// takes it too, so that its columns stay over those of the rows.
func scrollBarGap(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, 0, fynetheme.ScrollBarSize()), o)
}
