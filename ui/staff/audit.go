package staff

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// AuditLog is 操作日志 (§6): the audit log, newest first, filtered by staff
// member, action and date range, a page at a time.
type AuditLog struct {
	Staff  *touch.Select
	Action *touch.Select
	From   *widget.Entry // day, inclusive
	To     *widget.Entry // day, inclusive
	Search *widget.Button
	Prev   *widget.Button
	Next   *widget.Button
	Page   *widget.Label
	Status *widget.Label

	Filter  data.AuditFilter
	Entries []data.AuditEntry
	// Rows are the entries as shown: time, person, action, target, detail.
	Rows [][]string

	a       *Admin
	people  []data.LoginChoice
	list    *fyne.Container
	content fyne.CanvasObject
	load    latest
}

// AuditPageSize is how many entries a page shows.
const AuditPageSize = 30

var auditWeights = weightedColumns{2.2, 1.3, 2, 2.4, 3}

func newAuditLog(a *Admin) *AuditLog {
	d := a.d
	l := &AuditLog{a: a, Filter: data.AuditFilter{Page: 1, PageSize: AuditPageSize}}
	l.Staff = touch.NewSelect([]string{lang.L("admin.audit.allStaff")}, nil)
	l.Staff.SetSelectedIndex(0)
	actions := []string{lang.L("admin.audit.allActions")}
	for _, x := range data.AuditActions() {
		actions = append(actions, auditWord(x))
	}
	l.Action = touch.NewSelect(actions, nil)
	l.Action.SetSelectedIndex(0)
	l.From = d.dayEntry(lang.L("admin.audit.dayHint"))
	l.To = d.dayEntry(lang.L("admin.audit.dayHint"))
	l.Search = widget.NewButtonWithIcon(lang.L("admin.audit.search"), fynetheme.SearchIcon(), d.tap(l.Apply))
	l.Search.Importance = widget.HighImportance
	l.Prev = widget.NewButtonWithIcon(lang.L("staff.queue.prev"), fynetheme.NavigateBackIcon(), d.tap(func() { l.turn(-1) }))
	l.Next = widget.NewButtonWithIcon(lang.L("staff.queue.next"), fynetheme.NavigateNextIcon(), d.tap(func() { l.turn(1) }))
	l.Next.IconPlacement = widget.ButtonIconTrailingText
	l.Page = widget.NewLabel("")
	l.Status = widget.NewLabel("")
	l.list = container.NewVBox()
	size := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.New(&fixedSize{size: fyne.NewSize(w, 0)}, o)
	}
	filters := container.NewHBox(widget.NewLabel(lang.L("admin.audit.staff")), size(170, l.Staff),
		widget.NewLabel(lang.L("admin.audit.action")), size(210, l.Action),
		widget.NewLabel(lang.L("admin.audit.from")), size(hintWidth(l.From, 150), l.From),
		widget.NewLabel(lang.L("admin.audit.to")), size(hintWidth(l.To, 150), l.To))
	header := container.New(auditWeights, boldLabels("admin.audit.col.", "at", "staff", "action", "target", "detail")...)
	l.content = container.NewBorder(container.NewVBox(
		// 查询 follows the filters, and stays in view when they scroll sideways (1280 px).
		followedBy(filters, l.Search), header, widget.NewSeparator()),
		container.NewHBox(l.Prev, l.Page, l.Next, l.Status), nil, nil, touch.NewVScroll(l.list))
	l.loadStaff()
	l.Reload()
	return l
}

func (l *AuditLog) loadStaff() {
	d, st := l.a.d, l.a.store
	d.async(func() func() {
		people, err := st.LoginChoices(d.opts.Context)
		if err != nil {
			fyne.LogError("staff: audit staff", err)
			return nil
		}
		return func() {
			l.people = people
			opts := []string{lang.L("admin.audit.allStaff")}
			for _, p := range people {
				opts = append(opts, staffText(p))
			}
			l.Staff.Options = opts
			l.Staff.Refresh()
		}
	})
}

// SetStaff filters by a staff member (0: everyone); Apply runs it.
func (l *AuditLog) SetStaff(id int64) {
	chooseAfterFirst(l.Staff, l.people, func(p data.LoginChoice) bool { return p.StaffID == id })
}

// SetAction filters by an action (data.Audit*; "": all); Apply runs it.
func (l *AuditLog) SetAction(action string) {
	chooseAfterFirst(l.Action, data.AuditActions(), func(x string) bool { return x == action })
}

// Apply reads the filters and shows their first page.
func (l *AuditLog) Apply() {
	f := data.AuditFilter{Page: 1, PageSize: AuditPageSize}
	if i := l.Staff.SelectedIndex(); i > 0 && i-1 < len(l.people) {
		f.Staff = l.people[i-1].StaffID
	}
	if i := l.Action.SelectedIndex(); i > 0 {
		f.Action = data.AuditActions()[i-1]
	}
	from, err := parseDay(l.From.Text)
	if err != nil {
		l.Status.SetText(lang.L("staff.form.badDay"))
		return
	}
	to, err := parseDay(l.To.Text)
	if err != nil {
		l.Status.SetText(lang.L("staff.form.badDay"))
		return
	}
	f.From = from
	if !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the last day counts whole
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		l.Status.SetText(lang.L("admin.audit.badRange"))
		return
	}
	l.Filter = f
	l.Reload()
}

func (l *AuditLog) turn(delta int) {
	l.Filter.Page = max(1, l.Filter.Page+delta)
	l.Reload()
}

// Reload reads the page on show again.
func (l *AuditLog) Reload() {
	d, st, f := l.a.d, l.a.store, l.Filter
	l.Status.SetText(lang.L("admin.loading"))
	loadLatest(&l.load, d, func(ctx context.Context) (data.AuditPage, error) { return st.Audit(ctx, f) }, l.show)
}

func (l *AuditLog) show(page data.AuditPage, err error) {
	l.Entries, l.Rows = page.Entries, nil
	l.list.RemoveAll()
	l.Status.SetText("")
	if err != nil {
		l.Status.SetText(locale.Message(err))
	} else if len(page.Entries) == 0 {
		l.Status.SetText(lang.L("admin.audit.empty"))
	}
	for _, e := range page.Entries {
		who := e.StaffName
		if who == "" {
			who = lang.L("admin.audit.system")
		}
		texts := []string{dayTime(e.At), who, auditWord(e.Action), orDash(e.Target), orDash(e.Detail)}
		l.Rows = append(l.Rows, texts)
		var cells []fyne.CanvasObject
		for i, t := range texts {
			c := widget.NewLabel(t)
			if i >= 3 {
				// What was done to what is read in full: it wraps.
				c.Wrapping = fyne.TextWrapBreak
			} else {
				c.Truncation = fyne.TextTruncateEllipsis
			}
			cells = append(cells, c)
		}
		l.list.Add(container.New(auditWeights, cells...))
	}
	l.Page.SetText(lang.L("staff.queue.page", map[string]any{"Page": l.Filter.Page}))
	if l.Filter.Page > 1 {
		l.Prev.Enable()
	} else {
		l.Prev.Disable()
	}
	if page.More {
		l.Next.Enable()
	} else {
		l.Next.Disable()
	}
	l.list.Refresh()
}
