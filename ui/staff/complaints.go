package staff

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
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
	Tabs   map[string]*widget.Button
	Tab    string
	Rows   []*ComplaintRowView
	Status *widget.Label
	// Notice says what the last 登记投诉 filed.
	Notice *widget.Label
	// Enter opens the dialog for a complaint staff take down.
	Enter *widget.Button
	// EnterForm is that dialog while open.
	EnterForm *FormDialog

	a       *Admin
	enter   *EnterFields
	list    *fyne.Container
	content fyne.CanvasObject
	seq     int
}

func newComplaintList(a *Admin) *ComplaintList {
	d := a.d
	c := &ComplaintList{a: a, Tab: ComplaintsOpen, Tabs: map[string]*widget.Button{}}
	var tabs []fyne.CanvasObject
	for _, t := range ComplaintTabs {
		b := widget.NewButton(lang.L("admin.complaints.tab."+t), d.tap(func() { c.SetTab(t) }))
		c.Tabs[t] = b
		tabs = append(tabs, b)
	}
	c.Enter = widget.NewButtonWithIcon(lang.L("admin.complaints.enter"), fynetheme.ContentAddIcon(), d.tap(c.OpenEnter))
	// 刷新 as an icon: the row holds six tabs and 登记投诉 beside the
	// section list at 1280 px.
	refresh := widget.NewButtonWithIcon("", fynetheme.ViewRefreshIcon(), d.tap(c.Reload))
	c.Status = widget.NewLabel("")
	c.Notice = widget.NewLabel("")
	c.Notice.Importance = widget.SuccessImportance
	c.Notice.TextStyle = fyne.TextStyle{Bold: true}
	c.list = container.NewVBox()
	header := container.New(complaintColumns{}, boldLabels("admin.complaints.col.",
		"code", "about", "channel", "status", "handler", "due")...)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(c.Enter, refresh),
		container.NewGridWithColumns(len(tabs), tabs...)), header, widget.NewSeparator())
	c.content = container.NewBorder(top, container.NewHBox(c.Status, c.Notice), nil, nil, container.NewVScroll(c.list))
	c.Reload()
	return c
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

// SetTab shows another tab.
func (c *ComplaintList) SetTab(tab string) {
	c.Tab = tab
	c.Reload()
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

// Reload reads the tab again.
func (c *ComplaintList) Reload() {
	d, st, sess, f := c.a.d, c.a.store, c.a.d.session, c.filter()
	for t, b := range c.Tabs {
		if t == c.Tab {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	c.seq++
	seq := c.seq
	c.Status.SetText(lang.L("admin.loading"))
	d.async(func() func() {
		rows, err := st.ComplaintQueue(d.opts.Context, sess, f)
		return func() {
			if seq == c.seq {
				c.show(rows, err)
			}
		}
	})
}

func (c *ComplaintList) show(rows []data.ComplaintRow, err error) {
	c.Rows = nil
	c.list.RemoveAll()
	switch {
	case err != nil:
		c.Status.SetText(data.Message(err))
	case len(rows) == 0:
		c.Status.SetText(lang.L("admin.complaints.empty"))
	default:
		c.Status.SetText(lang.L("admin.count", map[string]any{"N": len(rows)}))
	}
	for _, r := range rows {
		v := newComplaintRowView(r, c.a.d.tap(func() { c.a.OpenComplaint(r.ID) }))
		c.Rows = append(c.Rows, v)
		c.list.Add(v)
	}
	c.list.Refresh()
}

// complaintTarget is what a complaint is about, with the request, window
// or person named.
func complaintTarget(r data.ComplaintRow) string {
	switch r.About {
	case data.AboutRequest:
		return r.AboutLabel + " " + r.ReceiptNo
	case data.AboutWindow:
		return r.AboutLabel + " " + r.WindowName
	case data.AboutStaff:
		return r.AboutLabel + " " + r.StaffName
	}
	return r.AboutLabel
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
	var left string
	switch {
	case r.WorkdaysLeft < 0:
		left = lang.L("staff.due.overdue", map[string]any{"Days": -r.WorkdaysLeft})
	case r.WorkdaysLeft == 0:
		left = lang.L("staff.due.today")
	default:
		left = lang.L("staff.due.left", map[string]any{"Days": r.WorkdaysLeft})
	}
	return shortDay(r.DueDay) + " " + left, r.Due
}

// ComplaintRowView is one complaint in the list; tapping it opens it.
type ComplaintRowView struct {
	widget.BaseWidget
	Row   data.ComplaintRow
	Due   *canvas.Text
	texts []string
	onTap func()
	box   fyne.CanvasObject
}

func newComplaintRowView(r data.ComplaintRow, onTap func()) *ComplaintRowView {
	v := &ComplaintRowView{Row: r, onTap: onTap}
	v.ExtendBaseWidget(v)
	handler := r.HandlerName
	if handler == "" {
		handler = lang.L("admin.complaints.noHandler")
	}
	due, state := complaintDue(r)
	v.texts = []string{r.Code, complaintTarget(r), r.ChannelLabel, r.StatusLabel, handler, due}
	v.Due = dueCanvasText(due, state)
	var cells []fyne.CanvasObject
	for _, t := range v.texts[:5] {
		l := widget.NewLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, l)
	}
	cells = append(cells, container.NewPadded(v.Due))
	v.box = rowBox(container.New(complaintColumns{}, cells...))
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

// Tapped is part of fyne.Tappable.
func (v *ComplaintRowView) Tapped(*fyne.PointEvent) {
	if v.onTap != nil {
		v.onTap()
	}
}

// CreateRenderer is part of fyne.Widget.
func (v *ComplaintRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.box)
}

// MinSize keeps a row a comfortable touch target.
func (v *ComplaintRowView) MinSize() fyne.Size {
	return v.BaseWidget.MinSize().Max(fyne.NewSize(0, bmtheme.MinTouchTarget))
}

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
type complaintColumns struct{}

var complaintWeights = weightedColumns{1.6, 2.6, 1.1, 1.6, 1.1, 2.4}

func (complaintColumns) Layout(o []fyne.CanvasObject, s fyne.Size) { complaintWeights.Layout(o, s) }
func (complaintColumns) MinSize(o []fyne.CanvasObject) fyne.Size   { return complaintWeights.MinSize(o) }

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
				d.message(data.Message(firstErr(perr, werr)))
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
	Window  *widget.Select
	Staff   *widget.Select
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
	f.Channel = widget.NewRadioGroup(chans, func(string) { d.Activity() })
	f.Channel.Horizontal = true
	f.Channel.SetSelected(chans[0])
	var abouts []string
	for _, a := range enterAbout {
		abouts = append(abouts, a.Label())
	}
	var wn, pn []string
	for _, w := range windows {
		wn = append(wn, w.Name)
	}
	for _, p := range people {
		pn = append(pn, staffText(p))
	}
	f.Window = widget.NewSelect(wn, func(string) { d.Activity() })
	f.Staff = widget.NewSelect(pn, func(string) { d.Activity() })
	f.Window.PlaceHolder, f.Staff.PlaceHolder = lang.L("staff.choose"), lang.L("staff.choose")
	windowRow := container.NewVBox(labelled(lang.L("admin.complaints.window"), f.Window)...)
	staffRow := container.NewVBox(labelled(lang.L("admin.complaints.person"), f.Staff)...)
	windowRow.Hide()
	staffRow.Hide()
	f.About = widget.NewRadioGroup(abouts, func(s string) {
		d.Activity()
		for _, x := range []struct {
			row  *fyne.Container
			show bool
		}{{windowRow, s == data.AboutWindow.Label()}, {staffRow, s == data.AboutStaff.Label()}} {
			if x.show {
				x.row.Show()
			} else {
				x.row.Hide()
			}
		}
		c.EnterForm.relayout()
	})
	f.About.Horizontal = true
	f.Body = d.newEntry(true, lang.L("admin.complaints.bodyHint"))
	f.Name = d.newEntry(false, "")
	f.Phone = d.newEntry(false, "")
	var rows []fyne.CanvasObject
	rows = append(rows, labelled(lang.L("admin.complaints.channel"), f.Channel)...)
	rows = append(rows, labelled(lang.L("admin.complaints.about"), f.About)...)
	rows = append(rows, windowRow, staffRow)
	rows = append(rows, labelled(lang.L("admin.complaints.body"), f.Body)...)
	rows = append(rows, labelled(lang.L("admin.complaints.contactName"), f.Name)...)
	rows = append(rows, labelled(lang.L("admin.complaints.contactPhone"), f.Phone)...)
	c.enter = f
	st, sess, ctx := c.a.store, d.session, d.opts.Context
	var code string
	return newFormDialog(d, lang.L("admin.complaints.enter"), rows, fyne.NewSize(820, 660),
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
			return func() error {
				rc, err := st.EnterComplaint(ctx, sess, nc)
				code = rc.Code
				return err
			}
		},
		func() {
			c.Reload()
			c.Notice.SetText(lang.L("admin.complaints.entered", map[string]any{"Code": code}))
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
