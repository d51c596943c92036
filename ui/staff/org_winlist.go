package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// WindowList is 窗口: every window with its A and B posts, those out of
// service last; 新增窗口, and per window 修改, 设置AB岗 and 停用 (or 恢复启用).
type WindowList struct {
	orgList
	Rows []*OrgWindowRow
	// Form is the dialog open (a window's fields, or its A/B posts).
	Form *FormDialog
	// WindowFields and PostFields are that dialog's fields.
	WindowFields *WindowFields
	PostFields   *PostFields
}

// OrgWindowRow is one window in the list.
type OrgWindowRow struct {
	Window data.OrgWindow
	Texts  []string
	Edit   *widget.Button
	Posts  *widget.Button
	Stop   *widget.Button // 停用, or 恢复启用 for a window out of service
}

var windowWeights = weightedColumns{2.4, 2, 1.6}

// windowActionsWidth is the width of the actions column (three buttons).
const windowActionsWidth = 370

func newWindowList(a *Admin) *WindowList {
	l := &WindowList{}
	header := orgHeader(windowWeights, "org.windows.col.", windowActionsWidth, "window", "posts", "state", "actions")
	l.build(a, "org.windows.add", func() { l.OpenWindow(nil) }, "org.windows.intro", header, func() {
		l.Rows = fillRows(l.list, l.Windows, l.row)
	})
	return l
}

// row is the row of window w and its view.
func (l *WindowList) row(w data.OrgWindow) (*OrgWindowRow, fyne.CanvasObject) {
	d := l.a.d
	r := &OrgWindowRow{Window: w}
	state := lang.L("org.windows.active")
	if !w.Active {
		state = lang.L("org.windows.stopped")
	}
	r.Texts = []string{w.Code, w.Name, orNobody(w.AName), orNobody(w.BName),
		lang.L("org.windows.itemsN", map[string]any{"N": w.Items}), state}
	r.Edit = widget.NewButtonWithIcon(lang.L("org.edit"), fynetheme.DocumentCreateIcon(), d.tap(func() { l.OpenWindow(&w) }))
	r.Posts = widget.NewButtonWithIcon(lang.L("org.windows.posts"), fynetheme.AccountIcon(), d.tap(func() { l.OpenPosts(w) }))
	if w.Active {
		r.Stop = widget.NewButtonWithIcon(lang.L("org.windows.stop"), fynetheme.CancelIcon(), d.tap(func() { l.ConfirmStop(w) }))
	} else {
		r.Posts.Disable()
		r.Stop = widget.NewButtonWithIcon(lang.L("org.windows.restart"), fynetheme.MediaReplayIcon(), d.tap(func() { l.Restart(w) }))
	}
	imp := activeImportance(w.Active)
	cells := []fyne.CanvasObject{
		twoLines(lang.L("org.windows.number", map[string]any{"Code": w.Code}), w.Name, imp),
		twoLines(lang.L("org.post.A")+"："+r.Texts[2], lang.L("org.post.B")+"："+r.Texts[3], imp),
		twoLines(r.Texts[5], r.Texts[4], imp),
	}
	return r, orgRow(windowWeights, cells, container.NewHBox(r.Edit, r.Posts, r.Stop), windowActionsWidth)
}

// orNobody is a post holder's name, or 空缺.
func orNobody(name string) string {
	if name == "" {
		return lang.L("org.vacant")
	}
	return name
}

// Row is the row of the window with code (nil if none).
func (l *WindowList) Row(code string) *OrgWindowRow {
	for _, r := range l.Rows {
		if r.Window.Code == code {
			return r
		}
	}
	return nil
}

// WindowFields are the fields of 新增窗口 / 修改窗口.
type WindowFields struct {
	Code   *widget.Entry
	Name   *widget.Entry
	Duties *widget.Entry
}

// OpenWindow opens the dialog for a new window (w nil) or for changing w.
func (l *WindowList) OpenWindow(w *data.OrgWindow) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	f := &WindowFields{Code: d.newEntry(false, "5"), Name: d.newEntry(false, lang.L("org.windows.nameHint")),
		Duties: d.newEntry(true, lang.L("org.windows.dutiesHint"))}
	f.Duties.SetMinRowsVisible(4)
	title := lang.L("org.windows.add")
	var base data.Window
	if w != nil {
		base = w.Window
		title = lang.L("org.windows.editTitle", map[string]any{"Name": w.Name})
		f.Code.SetText(w.Code)
		f.Name.SetText(w.Name)
		f.Duties.SetText(w.Duties)
	}
	rows := []fyne.CanvasObject{orgCompact(form(
		fieldCells("org.windows.col.code", container.NewVBox(f.Code, hint(lang.L("org.windows.codeHint")))),
		fieldCells("org.windows.col.name", f.Name),
		fieldCells("org.windows.duties", f.Duties)))}
	l.WindowFields, l.PostFields = f, nil
	l.Form = newFormDialog(d, title, rows, fyne.NewSize(760, 640), func(*FormDialog) func() error {
		nw := base
		nw.Code, nw.Name, nw.Duties = f.Code.Text, f.Name.Text, f.Duties.Text
		return func() error {
			_, err := st.PutWindow(d.opts.Context, sess, nw)
			return err
		}
	}, l.saved(lang.L("org.saved")))
}

// PostFields are the fields of 设置AB岗.
type PostFields struct {
	A, B *touch.Select
	// People are the choices after 空缺, in the order of the selects.
	People []data.StaffRecord
}

// choose selects a staff member by name in sel ("" for 空缺).
func (p *PostFields) choose(sel *touch.Select, name string) {
	chooseAfterFirst(sel, p.People, func(r data.StaffRecord) bool { return r.Name == name })
}

// ChooseA and ChooseB pick the A and B post by the person's name.
func (p *PostFields) ChooseA(name string) { p.choose(p.A, name) }

// ChooseB picks the B post by the person's name ("" for 空缺).
func (p *PostFields) ChooseB(name string) { p.choose(p.B, name) }

func (p *PostFields) chosen(sel *touch.Select) int64 {
	if i := sel.SelectedIndex(); i > 0 {
		return p.People[i-1].ID
	}
	return 0
}

// OpenPosts opens 设置AB岗 for a window: an A and a B chosen among the
// active staff. Someone from another window moves to this one.
func (l *WindowList) OpenPosts(w data.OrgWindow) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	p := &PostFields{}
	opts := []string{lang.L("org.vacant")}
	for _, r := range l.Staff {
		if !r.Active {
			continue
		}
		p.People = append(p.People, r)
		opts = append(opts, r.Name+"（"+staffPostText(r)+"）")
	}
	p.A, p.B = touch.NewSelect(opts, nil), touch.NewSelect(opts, nil)
	p.ChooseA(w.AName)
	p.ChooseB(w.BName)
	rows := []fyne.CanvasObject{orgCompact(container.NewVBox(form(fieldCells("org.windows.col.a", p.A),
		fieldCells("org.windows.col.b", p.B)), hint(lang.L("org.windows.postsNote"))))}
	l.PostFields, l.WindowFields = p, nil
	l.Form = newFormDialog(d, lang.L("org.windows.postsTitle", map[string]any{"Name": w.Name}), rows,
		fyne.NewSize(700, 520), func(*FormDialog) func() error {
			a, b := p.chosen(p.A), p.chosen(p.B)
			return func() error { return st.SetWindowPosts(d.opts.Context, sess, w.ID, a, b) }
		}, l.saved(lang.L("org.windows.postsSaved", map[string]any{"Name": w.Name})))
}

// ConfirmStop asks before taking a window out of service, then does.
func (l *WindowList) ConfirmStop(w data.OrgWindow) {
	d := l.a.d
	dialog.ShowConfirm(lang.L("org.windows.stopTitle", map[string]any{"Name": w.Name}),
		lang.L("org.windows.stopAsk"), func(ok bool) {
			if ok {
				l.Stop(w)
			}
		}, d.win)
}

// Stop takes a window out of service (deleting it if it was never used).
func (l *WindowList) Stop(w data.OrgWindow) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	d.Activity()
	l.change(func() (string, error) {
		deleted, err := st.StopWindow(d.opts.Context, sess, w.ID)
		if deleted {
			return lang.L("org.windows.deleted", map[string]any{"Name": w.Name}), err
		}
		return lang.L("org.windows.stopped.done", map[string]any{"Name": w.Name}), err
	})
}

// Restart puts a window back in service.
func (l *WindowList) Restart(w data.OrgWindow) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	l.change(func() (string, error) {
		return lang.L("org.windows.restarted", map[string]any{"Name": w.Name}), st.RestartWindow(d.opts.Context, sess, w.ID)
	})
}
