package staff

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/touch"
)

// Complaint tabs: which complaints the list shows.
const (
	ComplaintsOpen       = "open"       // not closed
	ComplaintsDueSoon    = "due_soon"   // due within a few working days
	ComplaintsOverdue    = "overdue"    // past the time limit
	ComplaintsUnassigned = "unassigned" // nobody handles them yet
	ComplaintsClosed     = "closed"     // replied and closed
	ComplaintsAll        = "all"
)

// ComplaintTabs are the complaint list's tabs in display order.
var ComplaintTabs = []string{ComplaintsOpen, ComplaintsDueSoon, ComplaintsOverdue, ComplaintsUnassigned,
	ComplaintsClosed, ComplaintsAll}

// ComplaintList is the complaint queue: tabs, the rows (those due first)
// and 登记投诉 for complaints taken by phone, from the box or at a window.
type ComplaintList struct {
	tabList[data.ComplaintFilter, data.ComplaintRow, *ComplaintRowView]
	// Notice says what the last 登记投诉 filed.
	Notice *widget.Label
	// Enter opens the dialog for a complaint staff take down.
	Enter *widget.Button
	// EnterForm is that dialog while open.
	EnterForm *FormDialog
	// PrintReceipt prints the receipt of the complaint just taken down (a
	// resident at the window takes it home, as a request's); shown after
	// 登记投诉 when there is a printer and a base URL for its QR code.
	PrintReceipt *widget.Button
	entered      data.ComplaintReceipt
	enteredAbout string

	enter *EnterFields

	// Live updates (live.go): a read for a change under way, another
	// change meanwhile, the reads' pace, a test's hook called after each
	// such read.
	liveLoading bool
	again       bool
	pace        livePace
	onLive      func()
}

func newComplaintList(a *Admin) *ComplaintList {
	d := a.d
	c := &ComplaintList{}
	c.tabList = newTabList(a, ComplaintsOpen, c.filter, a.store.ComplaintQueue, c.rowView, "admin.complaints.empty")
	tabs := c.tabRow("admin.complaints.tab.", ComplaintTabs)
	c.Enter = widget.NewButtonWithIcon(lang.L("admin.complaints.enter"), fynetheme.ContentAddIcon(), d.tap(c.OpenEnter))
	// 刷新 as an icon: the row holds six tabs and 登记投诉 beside the
	// section list at 1280 px.
	refresh := widget.NewButtonWithIcon("", fynetheme.ViewRefreshIcon(), d.tap(c.Reload))
	c.Notice = noticeLabel()
	c.PrintReceipt = widget.NewButtonWithIcon(lang.L("admin.complaints.printReceipt"), fynetheme.DocumentPrintIcon(),
		d.tap(c.onPrintReceipt))
	c.PrintReceipt.Hide()
	header := slimCells(container.New(complaintWeights, boldLabels("admin.complaints.col.",
		"code", "about", "channel", "status", "handler", "due")...))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(c.Enter, refresh), tabs), header, widget.NewSeparator())
	c.content = container.NewBorder(top, container.NewHBox(c.Status, c.Notice, c.PrintReceipt), nil, nil,
		touch.NewVScroll(c.list))
	c.Reload()
	return c
}

// textCells are a row's cells, a label a text, cut with an ellipsis where
// the column is too narrow; style, unless nil, sets the label of texts[i]
// apart.
func textCells(texts []string, style func(i int, l *widget.Label)) []fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(texts))
	for i, t := range texts {
		l := widget.NewLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		if style != nil {
			style(i, l)
		}
		cells[i] = l
	}
	return cells
}

// boldLabels are column headers from translation keys prefix+name.
func boldLabels(prefix string, names ...string) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, n := range names {
		l := widget.NewLabel(lang.L(prefix + n))
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Truncation = fyne.TextTruncateEllipsis
		out = append(out, l)
	}
	return out
}

func (c *ComplaintList) filter() data.ComplaintFilter {
	switch c.Tab {
	case ComplaintsDueSoon:
		return data.ComplaintFilter{Due: data.DueSoon}
	case ComplaintsOverdue:
		return data.ComplaintFilter{Due: data.DueOverdue}
	case ComplaintsUnassigned:
		return data.ComplaintFilter{Unassigned: true}
	case ComplaintsClosed:
		return data.ComplaintFilter{Status: "closed"}
	case ComplaintsAll:
		return data.ComplaintFilter{Status: "all"}
	}
	return data.ComplaintFilter{}
}

// rowView is a complaint's row; tapping it opens the complaint.
func (c *ComplaintList) rowView(r data.ComplaintRow) *ComplaintRowView {
	return newComplaintRowView(r, c.a.d.tap(func() { c.a.OpenComplaint(r.ID) }))
}

// complaintTarget is what a complaint is about, with the request, window
// or person named.
func complaintTarget(r data.ComplaintRow) string {
	switch r.About {
	case data.AboutRequest:
		return aboutWord(r.About) + " " + r.ReceiptNo
	case data.AboutWindow:
		return aboutWord(r.About) + " " + r.WindowName
	case data.AboutStaff:
		return aboutWord(r.About) + " " + r.StaffName
	}
	return aboutWord(r.About)
}

// complaintDue is a complaint's time limit as shown: the due day and the
// working days left, or for a closed one whether it closed late.
func complaintDue(r data.ComplaintRow) (string, data.DueState) {
	if r.DueDay == "" {
		return "—", data.DueNone
	}
	if r.Status == "closed" {
		if r.Late {
			return r.DueDay + " " + lang.L("admin.complaints.late"), data.DueNone
		}
		return r.DueDay + " " + lang.L("admin.complaints.inTime"), data.DueNone
	}
	return shortDay(r.DueDay) + " " + workdaysLeft(r.WorkdaysLeft), r.Due
}

// workdaysLeft says how many working days are left before a time limit:
// 剩 N 个工作日, 今日到期, or 已超期 N 个工作日 when negative.
func workdaysLeft(days int) string {
	switch {
	case days < 0:
		return lang.L("staff.due.overdue", map[string]any{"Days": -days})
	case days == 0:
		return lang.L("staff.due.today")
	}
	return lang.L("staff.due.left", map[string]any{"Days": days})
}

// ComplaintRowView is one complaint in the list; tapping it opens it.
type ComplaintRowView struct {
	tapLine
	Row   data.ComplaintRow
	Due   *canvas.Text
	texts []string
}

func newComplaintRowView(r data.ComplaintRow, onTap func()) *ComplaintRowView {
	v := &ComplaintRowView{Row: r, tapLine: tapLine{onTap: onTap}}
	v.ExtendBaseWidget(v)
	handler := r.HandlerName
	if handler == "" {
		handler = lang.L("admin.complaints.noHandler")
	}
	due, state := complaintDue(r)
	v.texts = []string{r.Code, complaintTarget(r), complaintChannelWord(r.Channel), complaintStatusWord(r.Status), handler, due}
	v.Due = dueCanvasText(due, state)
	cells := append(textCells(v.texts[:5], nil), container.NewPadded(v.Due))
	v.box = rowBox(slimCells(container.New(complaintWeights, cells...)))
	return v
}

// dueCanvasText is a due column coloured by its state.
func dueCanvasText(text string, state data.DueState) *canvas.Text {
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	t := canvas.NewText(text, th.Color(fynetheme.ColorNameForeground, variant))
	t.TextSize = th.Size(fynetheme.SizeNameText)
	if c := stateColor(state); c != "" {
		t.Color = th.Color(c, variant)
		t.TextStyle = fyne.TextStyle{Bold: true}
	}
	return t
}

// rowBox puts a thin line under a row.
func rowBox(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, widget.NewSeparator(), nil, nil, o)
}

// Texts are the row's columns as shown.
func (v *ComplaintRowView) Texts() []string { return v.texts }

// weightedColumns lays cells out side by side by weight.
type weightedColumns []float32

func (w weightedColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, x := range w[:len(objects)] {
		total += x
	}
	x := float32(0)
	for i, o := range objects {
		cw := size.Width * w[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(cw, size.Height))
		x += cw
	}
}

func (w weightedColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(60*len(objects)), h)
}

// complaintColumns are the complaint list's column widths.
var complaintWeights = weightedColumns{2.0, 2.1, 1.0, 1.8, 0.9, 2.0}

// slimCells gives a list's cells little padding, so that a complaint
// number (TWY-20261127-0001) or a status (已收到，待指派) fits its column at
// 1280 px and a row stays about a touch target high.
func slimCells(o fyne.CanvasObject) fyne.CanvasObject {
	return tight(o, 6)
}

// OpenEnter opens the dialog for a complaint taken by phone, from the box
// or at a window.
func (c *ComplaintList) OpenEnter() {
	d, st := c.a.d, c.a.store
	ctx := d.opts.Context
	d.async(func() func() {
		people, perr := st.LoginChoices(ctx)
		windows, werr := st.Windows(ctx)
		return func() {
			if perr != nil || werr != nil {
				d.message(locale.Message(firstErr(perr, werr)))
				return
			}
			c.EnterForm = newEnterComplaint(c, people, windows)
		}
	})
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Complaint channels staff enter, with their translation keys.
var enterChannels = []string{"phone", "box", "window"}

// Complaint subjects staff may enter (a request is complained about from
// its own screen or the kiosk, where its receipt is known).
var enterAbout = []data.ComplaintAbout{data.AboutWindow, data.AboutStaff, data.AboutOther}

// EnterFields are the fields of 登记投诉, for tests.
type EnterFields struct {
	Channel *widget.RadioGroup
	About   *widget.RadioGroup
	Window  *touch.Select
	Staff   *touch.Select
	Body    *widget.Entry
	Name    *widget.Entry
	Phone   *widget.Entry
}

// Fields are the fields of the 登记投诉 dialog last opened.
func (c *ComplaintList) Fields() *EnterFields { return c.enter }

func newEnterComplaint(c *ComplaintList, people []data.LoginChoice, windows []data.Window) *FormDialog {
	d := c.a.d
	f := &EnterFields{}
	var chans []string
	for _, ch := range enterChannels {
		chans = append(chans, lang.L("admin.channel."+ch))
	}
	f.Channel = d.newChoiceRow(chans)
	abouts := wordsOf(enterAbout, aboutWord)
	var wn, pn []string
	for _, w := range windows {
		wn = append(wn, w.Name)
	}
	for _, p := range people {
		pn = append(pn, staffText(p))
	}
	f.Window = touch.NewSelect(wn, func(string) { d.Activity() })
	f.Staff = touch.NewSelect(pn, func(string) { d.Activity() })
	f.Window.PlaceHolder, f.Staff.PlaceHolder = lang.L("staff.choose"), lang.L("staff.choose")
	windowRow := labelled(lang.L("admin.complaints.window"), f.Window)
	staffRow := labelled(lang.L("admin.complaints.person"), f.Staff)
	showRow(windowRow, false)
	showRow(staffRow, false)
	f.About = widget.NewRadioGroup(abouts, func(s string) {
		d.Activity()
		about := keyAt(enterAbout, abouts, s)
		showRow(windowRow, about == data.AboutWindow)
		showRow(staffRow, about == data.AboutStaff)
		if c.EnterForm != nil {
			c.EnterForm.Error.SetText("") // the choice answers 请选择投诉的对象
		}
		c.EnterForm.relayout()
	})
	f.About.Horizontal = true
	f.Body = d.newEntry(true, lang.L("admin.complaints.bodyHint"))
	f.Name = d.newEntry(false, "")
	d.Keys.SetKind(f.Name, input.Name)
	f.Phone = d.newEntry(false, "")
	d.Keys.SetKind(f.Phone, input.Phone)
	rows := []fyne.CanvasObject{form(
		labelled(lang.L("admin.complaints.channel"), f.Channel),
		labelled(lang.L("admin.complaints.about"), f.About),
		windowRow, staffRow,
		labelled(lang.L("admin.complaints.body"), f.Body),
		labelled(lang.L("admin.complaints.contactName"), f.Name),
		labelled(lang.L("admin.complaints.contactPhone"), f.Phone))}
	c.enter = f
	st, sess, ctx := c.a.store, d.session, d.opts.Context
	var code string
	return newFormDialog(d, lang.L("admin.complaints.enter"), rows, fyne.NewSize(860, 740),
		func(*FormDialog) func() error {
			nc := data.NewComplaint{Body: f.Body.Text, ContactName: f.Name.Text, ContactPhone: f.Phone.Text}
			for i, o := range f.Channel.Options {
				if o == f.Channel.Selected {
					nc.Channel = enterChannels[i]
				}
			}
			for i, o := range f.About.Options {
				if o == f.About.Selected {
					nc.About = enterAbout[i]
				}
			}
			if i := f.Window.SelectedIndex(); i >= 0 && nc.About == data.AboutWindow {
				nc.WindowID = windows[i].ID
			}
			if i := f.Staff.SelectedIndex(); i >= 0 && nc.About == data.AboutStaff {
				nc.StaffID = people[i].StaffID
			}
			// The receipt is paper, Chinese in every UI language: data's
			// Chinese word, not the one on screen.
			about := nc.About.Label()
			if nc.About == data.AboutWindow && f.Window.Selected != "" {
				about += " " + f.Window.Selected
			}
			if nc.About == data.AboutStaff && f.Staff.Selected != "" {
				about += " " + f.Staff.Selected
			}
			return func() error {
				rc, err := st.EnterComplaint(ctx, sess, nc)
				code, c.entered, c.enteredAbout = rc.Code, rc, about
				return err
			}
		},
		func() {
			c.Reload()
			c.Notice.SetText(lang.L("admin.complaints.entered", map[string]any{"Code": code}))
			if d.opts.Printer != nil && d.opts.BaseURL != "" {
				c.PrintReceipt.Show()
			}
		})
}

// onPrintReceipt prints the receipt of the complaint just taken down on
// the roll, off the UI goroutine.
func (c *ComplaintList) onPrintReceipt() {
	d, p := c.a.d, c.a.d.printerFor(paper.Roll80)
	rc := c.entered
	if p == nil || rc.Code == "" || d.opts.BaseURL == "" {
		return
	}
	r := paper.ComplaintReceipt{Center: d.center.Name, Code: rc.Code, QueryCode: rc.QueryCode, About: c.enteredAbout,
		Time: rc.Created, Days: d.center.ComplaintDays, TrackURL: d.opts.BaseURL + "/c/" + rc.Token, Phone: rc.Phone}
	if due, err := data.ParseDay(rc.DueDay); err == nil {
		r.Due = due
	}
	c.PrintReceipt.Disable()
	c.Notice.SetText(lang.L("staff.notice.printing"))
	d.async(func() func() {
		err := printNotice(d.opts.Context, p, func() (paper.Document, error) { return paper.ComplaintReceiptPDF(r) })
		return func() {
			c.PrintReceipt.Enable()
			if err != nil {
				fyne.LogError("staff: print complaint receipt", err)
				c.Notice.SetText(printMessage(err))
				return
			}
			c.Notice.SetText(lang.L("admin.complaints.receiptPrinted", map[string]any{"Code": rc.Code}))
		}
	})
}

// joinNonEmpty joins the parts that are not blank with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// latest applies only the answer to the last load: a load started while an
// earlier one runs makes the earlier answer stale (a tab tapped twice, a
// reload while the list is still being read).
type latest struct{ n int }

// run does work off the UI goroutine (Desk.async) and applies what it
// returns unless another load has started since.
func (l *latest) run(d *Desk, work func() (apply func())) {
	l.n++
	n := l.n
	d.async(func() func() {
		apply := work()
		return func() {
			if n == l.n && apply != nil {
				apply()
			}
		}
	})
}

// loadLatest reads with read off the UI goroutine (l.run) and hands the
// answer to show on it, unless another load has started since.
func loadLatest[T any](l *latest, d *Desk, read func(context.Context) (T, error), show func(T, error)) {
	l.run(d, func() func() {
		v, err := read(d.opts.Context)
		return func() { show(v, err) }
	})
}

// showRows puts in list a view of each row, made by view, and says on
// status how many there are (listStatus). It returns the views in order.
func showRows[T any, V fyne.CanvasObject](list *fyne.Container, status *widget.Label, rows []T, err error, emptyKey string,
	view func(T) V) []V {
	views := fillRows(list, rows, func(r T) (V, fyne.CanvasObject) {
		v := view(r)
		return v, v
	})
	status.SetText(listStatus(err, len(rows), emptyKey))
	return views
}

// fillRows puts in list the view row makes of each of items, in place of
// what it held, and returns the rows it made with them, in order.
func fillRows[T, R any](list *fyne.Container, items []T, row func(T) (R, fyne.CanvasObject)) []R {
	var rows []R
	fillList(list, items, func(it T) fyne.CanvasObject {
		r, o := row(it)
		rows = append(rows, r)
		return o
	})
	return rows
}

// fillList puts in list what row makes of each of rows, in place of what
// it held.
func fillList[T any](list *fyne.Container, rows []T, row func(T) fyne.CanvasObject) {
	list.RemoveAll()
	for _, r := range rows {
		list.Add(row(r))
	}
	list.Refresh()
}

// tabButtons makes a list's tabs, one button per name labelled by the
// translation key prefix+name, into tabs; tapping one calls show(name).
// It returns the buttons side by side.
func tabButtons(d *Desk, tabs map[string]*widget.Button, prefix string, names []string,
	show func(string)) *fyne.Container {
	row := container.NewGridWithColumns(len(names))
	for _, t := range names {
		b := widget.NewButton(lang.L(prefix+t), d.tap(func() { show(t) }))
		tabs[t] = b
		row.Add(b)
	}
	return row
}

// markTab highlights the tab on show.
func markTab(tabs map[string]*widget.Button, on string) {
	for t, b := range tabs {
		if t == on {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

// listStatus is a list's status line: the store's message, emptyKey's text
// when the list is empty, else how many rows it shows.
func listStatus(err error, n int, emptyKey string) string {
	switch {
	case err != nil:
		return locale.Message(err)
	case n == 0:
		return lang.L(emptyKey)
	}
	return lang.L("admin.count", map[string]any{"N": n})
}

// noticeLabel is a bold green line saying what the last change did.
func noticeLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.SuccessImportance
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// showRow shows or hides every object of a form row.
func showRow(row []fyne.CanvasObject, show bool) {
	for _, o := range row {
		if show {
			o.Show()
		} else {
			o.Hide()
		}
	}
}
