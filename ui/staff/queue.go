package staff

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// QueueTabs are the queue's tabs in display order.
var QueueTabs = []data.QueueGroup{data.QueueNew, data.QueueInProgress, data.QueueWaiting, data.QueueEscalated,
	data.QueueDueSoon, data.QueueOverdue, data.QueueOpen, data.QueueFinished}

// Queue is the queue screen: tabs with counts, one row of filters with the
// paging beside them, and one page of compact two-line rows, so that a
// 1280×800 screen shows eight or more requests above the fold.
type Queue struct {
	Tabs map[data.QueueGroup]*widget.Button
	// Filters: my requests, window, handling mode, item.
	Mine   *widget.Check
	Window *touch.Select
	Mode   *touch.Select
	Item   *ItemFilter
	// Rows of the page on show.
	Rows   []*QueueRowView
	Status *widget.Label
	// Warning says when the official holiday schedule of this year (or,
	// from October, next year) is missing, so due dates may be wrong;
	// hidden otherwise.
	Warning *widget.Label
	Prev    *widget.Button
	Next    *widget.Button
	Page    *widget.Label
	// ClearFilters, under an empty page while a filter is on, shows every
	// request of the tab again.
	ClearFilters *widget.Button

	Filter data.QueueFilter
	Counts data.QueueCounts

	d         *Desk
	windows   []data.Window
	list      *widget.List
	rowMin    fyne.Size // a row's size, from a sample row (rowSize)
	statusBox *fyne.Container
	rowsArea  *fyne.Container // statusBox above the rows
	content   fyne.CanvasObject
	seq       int // the latest load; older answers are dropped

	// Live updates (live.go): loads under way, whether a change came
	// meanwhile, the pace of reloads for a change, and a test's hook
	// called after each reload for a change.
	loading int
	again   bool
	pace    livePace
	onLive  func()
}

func newQueue(d *Desk) *Queue {
	q := &Queue{d: d, Tabs: map[data.QueueGroup]*widget.Button{}}
	q.Filter = data.QueueFilter{Group: data.QueueNew, Page: 1, PageSize: data.DefaultQueuePageSize}
	var tabs []fyne.CanvasObject
	for _, g := range QueueTabs {
		b := widget.NewButton(TabLabel(g, -1), d.tap(func() { q.SetGroup(g) }))
		q.Tabs[g] = b
		tabs = append(tabs, b)
	}
	q.Mine = widget.NewCheck(lang.L("staff.queue.mine"), func(bool) { d.Activity(); q.filterChanged() })
	q.Window = touch.NewSelect(nil, func(string) { d.Activity(); q.filterChanged() })
	q.Window.PlaceHolder = lang.L("staff.queue.allWindows")
	modes := append([]string{lang.L("staff.queue.allModes")}, modeWords()...)
	q.Mode = touch.NewSelect(modes, nil)
	q.Mode.SetSelectedIndex(0)
	q.Mode.OnChanged = func(string) { d.Activity(); q.filterChanged() }
	q.Item = newItemFilter(d, q.filterChanged)
	refresh := widget.NewButtonWithIcon("", fynetheme.ViewRefreshIcon(), d.tap(q.Reload))

	q.Status = widget.NewLabel(lang.L("staff.loading"))
	q.Status.Truncation = fyne.TextTruncateEllipsis
	q.Prev = widget.NewButtonWithIcon("", fynetheme.NavigateBackIcon(), d.tap(func() { q.turn(-1) }))
	q.Next = widget.NewButtonWithIcon("", fynetheme.NavigateNextIcon(), d.tap(func() { q.turn(1) }))
	q.Page = widget.NewLabel("")
	q.Warning = widget.NewLabel("")
	q.Warning.Importance = widget.DangerImportance
	q.Warning.TextStyle = fyne.TextStyle{Bold: true}
	q.Warning.Hide()
	q.Status.Wrapping = fyne.TextWrapWord
	q.Status.Truncation = fyne.TextTruncateOff
	q.ClearFilters = widget.NewButtonWithIcon(lang.L("staff.queue.clearFilters"), fynetheme.ContentClearIcon(),
		d.tap(q.clearFilters))
	q.ClearFilters.Hide()
	// Only the rows in sight are drawn (a page has twenty, a screen shows
	// about eight); each is built when first scrolled to.
	q.list = widget.NewList(func() int { return len(q.Rows) },
		func() fyne.CanvasObject { return container.New(&rowSlotLayout{q: q}) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(q.Rows) {
				slot := o.(*fyne.Container)
				slot.Objects = []fyne.CanvasObject{q.Rows[id]}
				slot.Refresh()
			}
		})
	q.list.HideSeparators = true
	q.list.OnSelected = func(id widget.ListItemID) {
		q.list.UnselectAll()
		if id < len(q.Rows) {
			q.Rows[id].Tapped(nil)
		}
	}
	// The item filter takes what the row leaves: item names are long.
	filters := container.NewBorder(nil, nil,
		container.NewHBox(q.Mine, exactWidth(250, q.Window), exactWidth(170, q.Mode)),
		container.NewHBox(refresh, q.Prev, q.Page, q.Next), q.Item.Content())
	// Loading, nothing to show or an error: said where the rows would be.
	q.statusBox = container.NewVBox(q.Status, container.NewHBox(q.ClearFilters))
	// With 999+ on every tab (a hall's data file) the tabs need about
	// 1,300 dp at Fyne's padding: slimmer tabs fit 1280, and a scroll
	// keeps a narrower window from being pushed wider than its screen.
	tabRow := touch.NewHScroll(tight(container.NewGridWithColumns(len(tabs), tabs...), 4))
	q.rowsArea = container.NewBorder(q.statusBox, nil, nil, nil, touch.List(q.list))
	q.content = container.NewBorder(compactControls(container.NewVBox(q.Warning,
		tabRow, filters)), nil, nil, nil, q.rowsArea)
	q.loadFilters()
	q.Reload()
	return q
}

// loadWarning shows or hides the warning of a missing holiday schedule.
func (q *Queue) loadWarning() {
	fetch(q.d, q.d.store.CalendarCoverage, logged("staff: calendar coverage"), func(cov data.CalendarCoverage) {
		w := missingScheduleWarning(cov, "staff.queue.calendarWarning")
		q.Warning.SetText(w)
		q.Warning.Hidden = w == ""
		q.Warning.Refresh()
	})
}

// TabLabel is a tab's name with its count (n < 0: not known yet).
func TabLabel(g data.QueueGroup, n int) string {
	name := lang.L("staff.tab." + string(g))
	switch {
	case n < 0:
		return name
	case n >= data.QueueCountCap:
		return name + " 999+"
	}
	return name + " " + strconv.Itoa(n)
}

// itemChoice is how the item filter names an item: with its category.
func itemChoice(it data.ItemSummary) string {
	return lang.L("staff.queue.itemChoice", map[string]any{"Name": it.Name, "Category": it.Category})
}

// loadFilters reads the windows the window filter offers. The item filter
// reads nothing until it is used: it searches.
func (q *Queue) loadFilters() {
	fetch(q.d, q.d.store.Windows, func(err error) {
		fyne.LogError("staff: windows", err)
		q.showWindows(nil) // 全部窗口 is offered still
	}, q.showWindows)
}

// showWindows offers 全部窗口 and each of ws in the window filter.
func (q *Queue) showWindows(ws []data.Window) {
	q.windows = ws
	opts := []string{lang.L("staff.queue.allWindows")}
	for _, w := range ws {
		opts = append(opts, w.Name)
	}
	q.Window.Options = opts
	q.Window.Refresh()
}

// SelectItem filters the queue by the item named name ("" for all items),
// found with the item search as the picker finds it; nothing changes when
// no item has that name.
func (q *Queue) SelectItem(name string) { q.Item.ChooseName(name) }

// SetGroup switches tab, back to page 1.
func (q *Queue) SetGroup(g data.QueueGroup) {
	q.Filter.Group = g
	q.Filter.Page = 1
	q.Reload()
}

func (q *Queue) filterChanged() {
	f := &q.Filter
	f.Owner, f.Covering = 0, false
	if q.Mine.Checked {
		// Mine: what I own, and what waits unclaimed at the windows on
		// duty to me (B's while A is away).
		f.Owner, f.Covering = q.d.session.StaffID, true
	}
	f.Window = 0
	if i := q.Window.SelectedIndex(); i > 0 && i-1 < len(q.windows) {
		f.Window = q.windows[i-1].ID
	}
	f.Mode = ""
	if i := q.Mode.SelectedIndex(); i > 0 {
		f.Mode = data.Modes[i-1]
	}
	f.Item = q.Item.Chosen.ID
	f.Page = 1
	q.Reload()
}

func (q *Queue) turn(delta int) {
	page := max(1, q.Filter.Page+delta)
	if n := q.pages(); n > 0 {
		page = min(page, n)
	}
	if page == q.Filter.Page {
		return
	}
	q.Filter.Page = page
	q.Reload()
}

// pages is how many pages the tab has with the filters on show (0 while
// not known: the count is not in, or capped).
func (q *Queue) pages() int {
	n, ok := q.Counts[q.Filter.Group]
	if !ok || n >= data.QueueCountCap {
		return 0
	}
	size := max(q.Filter.PageSize, 1)
	return max(1, (n+size-1)/size)
}

// filtered reports whether a filter other than the tab is on.
func (q *Queue) filtered() bool {
	f := q.Filter
	return f.Owner != 0 || f.Window != 0 || f.Mode != "" || f.Item != 0
}

// clearFilters turns every filter off (one reload).
func (q *Queue) clearFilters() {
	q.Item.set(data.ItemSummary{})
	for _, s := range []*touch.Select{q.Window, q.Mode} {
		on := s.OnChanged
		s.OnChanged = nil
		s.SetSelectedIndex(0)
		s.OnChanged = on
	}
	on := q.Mine.OnChanged
	q.Mine.OnChanged = nil
	q.Mine.SetChecked(false)
	q.Mine.OnChanged = on
	q.filterChanged()
}

// setStatus says msg where the rows would be ("" hides it); clear offers
// 清除筛选 beside it.
func (q *Queue) setStatus(msg string, clear bool) {
	q.Status.SetText(msg)
	q.Status.Hidden = msg == ""
	q.ClearFilters.Hidden = !clear
	q.statusBox.Hidden = msg == "" && !clear
	q.statusBox.Refresh()
	// The rows take the status's place, or give it back: laid out again
	// (a live reload that brings the first rows left a blank band above
	// them where the status had been).
	q.rowsArea.Refresh()
}

// Reload reads the page and the counts again.
func (q *Queue) Reload() { q.reload(false) }

// reload reads the page and the counts again; live (for a change of the
// store, see watchChanges) keeps what is on screen, scroll position
// included, until the new rows are in.
func (q *Queue) reload(live bool) {
	d, f := q.d, q.Filter
	q.seq++
	seq := q.seq
	q.loading++
	read := func() func() {
		rows, err := d.store.Queue(d.opts.Context, f)
		counts, cerr := d.store.QueueCounts(d.opts.Context, f)
		return func() {
			if seq == q.seq {
				q.apply(rows, err, counts, cerr, live)
			}
			q.loaded(live)
		}
	}
	if live {
		d.async(read)
		return
	}
	q.loadWarning()
	for g, b := range q.Tabs {
		if g == f.Group {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	if len(q.Rows) == 0 {
		q.setStatus(lang.L("staff.loading"), false)
	}
	// No turning the page again before this one is in.
	q.Prev.Disable()
	q.Next.Disable()
	d.async(read)
}

// apply shows a page and the counts read by reload.
func (q *Queue) apply(rows []data.QueueRow, err error, counts data.QueueCounts, cerr error, live bool) {
	q.Counts = nil
	if cerr == nil {
		q.Counts = counts
		for g, b := range q.Tabs {
			b.SetText(TabLabel(g, counts[g]))
		}
	}
	q.show(rows, err, live)
}

func (q *Queue) show(rows []data.QueueRow, err error, live bool) {
	if n := q.pages(); err == nil && len(rows) == 0 && n > 0 && q.Filter.Page > n {
		// The page went away (requests moved on): show the last one.
		q.Filter.Page = n
		q.reload(live)
		return
	}
	q.Rows = nil
	if err != nil {
		q.setStatus(locale.Message(err), false)
		if q.Filter.Page > 1 {
			q.Prev.Enable()
		}
		q.list.Refresh()
		return
	}
	q.Rows = make([]*QueueRowView, 0, len(rows))
	for _, r := range rows {
		q.Rows = append(q.Rows, newQueueRowView(r, q.d.tap(func() { q.d.OpenRequest(r.ID) })))
	}
	switch {
	case len(rows) > 0:
		q.setStatus("", false)
	case q.filtered():
		q.setStatus(lang.L("staff.queue.emptyFiltered"), true)
	default:
		q.setStatus(lang.L("staff.queue.empty"), false)
	}
	pages := q.pages()
	if pages > 0 {
		q.Page.SetText(lang.L("staff.queue.pageOf", map[string]any{"Page": q.Filter.Page, "Pages": pages}))
	} else {
		q.Page.SetText(lang.L("staff.queue.page", map[string]any{"Page": q.Filter.Page}))
	}
	if q.Filter.Page > 1 {
		q.Prev.Enable()
	} else {
		q.Prev.Disable()
	}
	more := len(rows) >= q.Filter.PageSize
	if pages > 0 {
		more = q.Filter.Page < pages
	}
	if more {
		q.Next.Enable()
	} else {
		q.Next.Disable()
	}
	if live {
		// The same page, read again: the rows stay where the clerk
		// scrolled them.
		offset := q.list.GetScrollOffset()
		q.list.Refresh()
		q.list.ScrollToOffset(offset)
		return
	}
	q.list.Refresh()
	q.list.ScrollToTop()
}

// rowSize is the size of a queue row, measured once on a sample row: the
// list needs it before any row is shown, and every row has two lines.
func (q *Queue) rowSize() fyne.Size {
	if q.rowMin.IsZero() {
		q.rowMin = newQueueRowView(data.QueueRow{ReceiptNo: "WY-20260101-0001", Item: "示例", Applicant: "示例",
			NeedsHelp: true, DueState: data.DueSoon, Status: data.StatusSubmitted, Mode: data.ModeDirect}, nil).MinSize()
	}
	return q.rowMin
}

// rowSlotLayout holds the row the list shows in one of its places, at
// least as tall as any row. The list puts the theme's padding between its
// places, too much between queue rows (eight or more are to show above the
// fold at 1280×800): the place is shorter than the row by the difference,
// and the row reaches into the space under it, so rows stand rowGap apart.
type rowSlotLayout struct{ q *Queue }

// rowGap is the space between two queue rows.
const rowGap = 4

func rowOverlap() float32 { return max(fynetheme.Padding()-rowGap, 0) }

func (l *rowSlotLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, size.Height+rowOverlap()))
	}
}

func (l *rowSlotLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := l.q.rowSize()
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	s.Height -= rowOverlap()
	return s
}
