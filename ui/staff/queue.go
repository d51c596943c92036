package staff

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
)

// QueueTabs are the queue's tabs in display order.
var QueueTabs = []data.QueueGroup{data.QueueNew, data.QueueInProgress, data.QueueWaiting, data.QueueEscalated,
	data.QueueDueSoon, data.QueueOverdue, data.QueueOpen, data.QueueFinished}

// Queue is the queue screen: tabs with counts, filters, one page of rows,
// paging.
type Queue struct {
	Tabs map[data.QueueGroup]*widget.Button
	// Filters: my requests, window, handling mode.
	Mine   *widget.Check
	Window *widget.Select
	Mode   *widget.Select
	// Rows of the page on show.
	Rows   []*QueueRowView
	Status *widget.Label
	Prev   *widget.Button
	Next   *widget.Button
	Page   *widget.Label

	Filter data.QueueFilter
	Counts data.QueueCounts

	d       *Desk
	windows []data.Window
	list    *fyne.Container
	content fyne.CanvasObject
	seq     int // the latest load; older answers are dropped
}

func newQueue(d *Desk) *Queue {
	q := &Queue{d: d, Tabs: map[data.QueueGroup]*widget.Button{}}
	q.Filter = data.QueueFilter{Group: data.QueueNew, Page: 1, PageSize: data.DefaultQueuePageSize}
	var tabs []fyne.CanvasObject
	for _, g := range QueueTabs {
		b := widget.NewButton(tabLabel(g, -1), d.tap(func() { q.SetGroup(g) }))
		q.Tabs[g] = b
		tabs = append(tabs, b)
	}
	q.Mine = widget.NewCheck(lang.L("staff.queue.mine"), func(bool) { d.Activity(); q.filterChanged() })
	q.Window = widget.NewSelect(nil, func(string) { d.Activity(); q.filterChanged() })
	q.Window.PlaceHolder = lang.L("staff.queue.allWindows")
	modes := []string{lang.L("staff.queue.allModes")}
	for _, m := range data.Modes {
		modes = append(modes, m.Label())
	}
	q.Mode = widget.NewSelect(modes, nil)
	q.Mode.SetSelectedIndex(0)
	q.Mode.OnChanged = func(string) { d.Activity(); q.filterChanged() }
	refresh := widget.NewButtonWithIcon(lang.L("staff.queue.refresh"), fynetheme.ViewRefreshIcon(), d.tap(q.Reload))
	filters := container.NewHBox(q.Mine, widget.NewLabel(lang.L("staff.queue.window")),
		container.New(&fixedSize{size: fyne.NewSize(260, 0)}, q.Window),
		widget.NewLabel(lang.L("staff.queue.mode")), container.New(&fixedSize{size: fyne.NewSize(200, 0)}, q.Mode), refresh)

	q.Status = widget.NewLabel(lang.L("staff.loading"))
	q.Prev = widget.NewButtonWithIcon(lang.L("staff.queue.prev"), fynetheme.NavigateBackIcon(), d.tap(func() { q.turn(-1) }))
	q.Next = widget.NewButtonWithIcon(lang.L("staff.queue.next"), fynetheme.NavigateNextIcon(), d.tap(func() { q.turn(1) }))
	q.Next.IconPlacement = widget.ButtonIconTrailingText
	q.Page = widget.NewLabel("")
	q.list = container.NewVBox()
	header := newRowLayoutBox(true, headerLabels()...)
	paging := container.NewHBox(q.Prev, q.Page, q.Next, q.Status)
	q.content = container.NewBorder(container.NewVBox(container.NewGridWithColumns((len(tabs)+1)/2, tabs...), filters,
		header, widget.NewSeparator()), paging, nil, nil, container.NewVScroll(q.list))
	q.loadWindows()
	q.Reload()
	return q
}

// tabLabel is a tab's name with its count (n < 0: not known yet).
func tabLabel(g data.QueueGroup, n int) string {
	name := lang.L("staff.tab." + string(g))
	switch {
	case n < 0:
		return name
	case n >= data.QueueCountCap:
		return name + " 999+"
	}
	return name + " " + strconv.Itoa(n)
}

func headerLabels() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, k := range []string{"no", "item", "applicant", "owner", "status", "due", "flags"} {
		l := widget.NewLabel(lang.L("staff.queue.col." + k))
		l.TextStyle = fyne.TextStyle{Bold: true}
		out = append(out, l)
	}
	return out
}

func (q *Queue) loadWindows() {
	d := q.d
	d.async(func() func() {
		ws, err := d.store.Windows(d.opts.Context)
		if err != nil {
			fyne.LogError("staff: windows", err)
			return nil
		}
		return func() {
			q.windows = ws
			opts := []string{lang.L("staff.queue.allWindows")}
			for _, w := range ws {
				opts = append(opts, w.Name)
			}
			q.Window.Options = opts
			q.Window.Refresh()
		}
	})
}

// SetGroup switches tab, back to page 1.
func (q *Queue) SetGroup(g data.QueueGroup) {
	q.Filter.Group = g
	q.Filter.Page = 1
	q.Reload()
}

func (q *Queue) filterChanged() {
	f := &q.Filter
	f.Owner = 0
	if q.Mine.Checked {
		f.Owner = q.d.session.StaffID
	}
	f.Window = 0
	if i := q.Window.SelectedIndex(); i > 0 && i-1 < len(q.windows) {
		f.Window = q.windows[i-1].ID
	}
	f.Mode = ""
	if i := q.Mode.SelectedIndex(); i > 0 {
		f.Mode = data.Modes[i-1]
	}
	f.Page = 1
	q.Reload()
}

func (q *Queue) turn(delta int) {
	q.Filter.Page = max(1, q.Filter.Page+delta)
	q.Reload()
}

// Reload reads the page and the counts again.
func (q *Queue) Reload() {
	d, f := q.d, q.Filter
	q.seq++
	seq := q.seq
	for g, b := range q.Tabs {
		if g == f.Group {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	q.Status.SetText(lang.L("staff.loading"))
	d.async(func() func() {
		rows, err := d.store.Queue(d.opts.Context, f)
		counts, cerr := d.store.QueueCounts(d.opts.Context, f)
		return func() {
			if seq != q.seq {
				return
			}
			if cerr == nil {
				q.Counts = counts
				for g, b := range q.Tabs {
					b.SetText(tabLabel(g, counts[g]))
				}
			}
			q.show(rows, err)
		}
	})
}

func (q *Queue) show(rows []data.QueueRow, err error) {
	q.Rows = nil
	q.list.RemoveAll()
	if err != nil {
		q.Status.SetText(data.Message(err))
		q.list.Refresh()
		return
	}
	for _, r := range rows {
		v := newQueueRowView(r, q.d.tap(func() { q.d.OpenRequest(r.ID) }))
		q.Rows = append(q.Rows, v)
		q.list.Add(v)
	}
	q.Status.SetText("")
	if len(rows) == 0 {
		q.Status.SetText(lang.L("staff.queue.empty"))
	}
	q.Page.SetText(lang.L("staff.queue.page", map[string]any{"Page": q.Filter.Page}))
	if q.Filter.Page > 1 {
		q.Prev.Enable()
	} else {
		q.Prev.Disable()
	}
	if len(rows) >= q.Filter.PageSize {
		q.Next.Enable()
	} else {
		q.Next.Disable()
	}
	q.list.Refresh()
}

// QueueRowView is one row of the queue; tapping it opens the request.
type QueueRowView struct {
	widget.BaseWidget
	Row data.QueueRow
	// Due is the due-date column, coloured by how the request stands.
	Due   *canvas.Text
	texts []string
	onTap func()
	box   fyne.CanvasObject
	bg    *canvas.Rectangle
}

func newQueueRowView(r data.QueueRow, onTap func()) *QueueRowView {
	v := &QueueRowView{Row: r, onTap: onTap}
	v.ExtendBaseWidget(v)
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	due, state := dueText(r)
	v.Due = canvas.NewText(due, th.Color(fynetheme.ColorNameForeground, variant))
	v.Due.TextSize = th.Size(fynetheme.SizeNameText)
	if c := stateColor(state); c != "" {
		v.Due.Color = th.Color(c, variant)
		v.Due.TextStyle = fyne.TextStyle{Bold: true}
	}
	owner := r.Owner
	if owner == "" {
		owner = lang.L("staff.queue.noOwner")
	}
	status := statusText(r.Status)
	if r.Paused {
		status += lang.L("staff.queue.paused")
	}
	flags := ""
	if r.NeedsHelp {
		flags = lang.L("staff.queue.help")
	}
	v.texts = []string{r.ReceiptNo, r.Item, r.Applicant, owner, status, due, flags}
	cells := []fyne.CanvasObject{}
	for i, t := range v.texts {
		if i == 5 {
			cells = append(cells, container.NewPadded(v.Due))
			continue
		}
		l := widget.NewLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 6 && t != "" {
			l.Importance = widget.WarningImportance
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		cells = append(cells, l)
	}
	v.bg = canvas.NewRectangle(color.Transparent)
	v.bg.StrokeColor = th.Color(fynetheme.ColorNameSeparator, variant)
	v.bg.StrokeWidth = 1
	v.box = container.NewStack(v.bg, newRowLayoutBox(false, cells...))
	return v
}

// Texts are the row's columns as shown.
func (v *QueueRowView) Texts() []string { return v.texts }

// Tapped is part of fyne.Tappable.
func (v *QueueRowView) Tapped(*fyne.PointEvent) {
	if v.onTap != nil {
		v.onTap()
	}
}

// CreateRenderer is part of fyne.Widget.
func (v *QueueRowView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.box) }

// MinSize keeps a row a comfortable touch target.
func (v *QueueRowView) MinSize() fyne.Size {
	return v.BaseWidget.MinSize().Max(fyne.NewSize(0, bmtheme.MinTouchTarget))
}

// dueText is the due column: the date and working days left, or for a new
// request the last day for a 补正 notice.
func dueText(r data.QueueRow) (string, data.DueState) {
	switch {
	case r.DueDay != "" && (r.Status == data.StatusAccepted || r.Status == data.StatusEscalated):
		var left string
		switch {
		case r.WorkdaysLeft < 0:
			left = lang.L("staff.due.overdue", map[string]any{"Days": -r.WorkdaysLeft})
		case r.WorkdaysLeft == 0:
			left = lang.L("staff.due.today")
		default:
			left = lang.L("staff.due.left", map[string]any{"Days": r.WorkdaysLeft})
		}
		return shortDay(r.DueDay) + " " + left, r.DueState
	case r.Status == data.StatusSubmitted && r.NoticeDeadline != "":
		return lang.L("staff.due.notice", map[string]any{"Day": shortDay(r.NoticeDeadline)}), r.NoticeState
	case r.DueDay != "":
		return shortDay(r.DueDay), data.DueNone
	}
	return "—", data.DueNone
}

func stateColor(s data.DueState) fyne.ThemeColorName {
	switch s {
	case data.DueSoon:
		return bmtheme.ColorNameStatusDueSoon
	case data.DueOverdue:
		return bmtheme.ColorNameStatusOverdue
	}
	return ""
}

// statusText is a status as staff name it (shorter than the resident's).
func statusText(s data.Status) string { return lang.L("staff.status." + string(s)) }

// rowLayout lays the queue's columns out by weight.
type rowLayout struct{}

var rowWeights = []float32{2.5, 2.8, 1.2, 1.1, 1.4, 2.6, 0.8}

func newRowLayoutBox(_ bool, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(rowLayout{}, cells...)
}

func (rowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range rowWeights[:len(objects)] {
		total += w
	}
	x := float32(0)
	for i, o := range objects {
		w := size.Width * rowWeights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (rowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(600, h)
}

// shortDay is a YYYY-MM-DD day as MM-DD.
func shortDay(day string) string {
	if len(day) == 10 {
		return day[5:]
	}
	return day
}
