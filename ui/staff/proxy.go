package staff

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Administration section: 代办清单 (§三 代为办理). The 待报送 tab lists
// the accepted proxy requests not yet sent, grouped by upper department;
// staff tick those they take along and 生成代办清单 sends them in one batch
// (each request 上报 with the department and day) and prints the list. The
// 已报送 tab lists the batches; a batch opens to record each request's
// result and that its applicant was told, and to reprint the list.

// ProxyStore is what the section needs from the store.
type ProxyStore interface {
	ProxyPending(ctx context.Context) ([]data.ProxyDepartment, error)
	ProxyBatches(ctx context.Context) ([]data.ProxyBatchSummary, error)
	ProxyBatch(ctx context.Context, id int64) (data.ProxyBatchDetail, error)
	CreateProxyBatch(ctx context.Context, by data.Session, dept string, requestIDs []int64, sentDay time.Time,
		note string) (data.ProxyBatchDetail, error)
	ProxyResult(ctx context.Context, by data.Session, requestID int64, result string) error
	ProxyReportBack(ctx context.Context, by data.Session, requestID int64, result string, reply data.ReplyMethod) error
	ProxyListPrinted(ctx context.Context, by data.Session, batchID int64, again bool) error
}

// Proxy tabs.
const (
	ProxyTabPending = "pending" // 待报送
	ProxyTabSent    = "sent"    // 已报送
)

// ProxyBatches is the section's screen: the two tabs, or one batch open.
type ProxyBatches struct {
	Tabs   map[string]*widget.Button
	Tab    string
	Status *widget.Label
	// Notice says what the last step did.
	Notice *widget.Label
	// Groups are the 待报送 tab's departments; Sent the 已报送 tab's batches.
	Groups []*ProxyGroup
	Sent   []*ProxySentRow
	// Batch is the batch open, nil on the tabs.
	Batch *ProxyBatchView
	// Form is the dialog last opened (生成代办清单, 登记结果, 已告知申请人);
	// its entries are below.
	Form        *FormDialog
	Department  *widget.Entry
	SentDay     *widget.Entry
	Note        *widget.Entry
	Result      *widget.Entry
	ReplyMethod *widget.RadioGroup

	a       *Admin
	store   ProxyStore
	list    *fyne.Container
	tabs    fyne.CanvasObject
	body    *fyne.Container
	content fyne.CanvasObject
	load    latest
}

// ProxyGroup is one department of the 待报送 tab.
type ProxyGroup struct {
	Department string
	// Title names the department with the number of requests and how many
	// are ticked.
	Title  *widget.Label
	All    *widget.Check
	Picks  []*ProxyPick
	Create *widget.Button

	name string
}

// ProxyPick is one request waiting to be sent, with its tick box.
type ProxyPick struct {
	Request data.ProxyCandidate
	Check   *widget.Check
	Open    *widget.Button // the request number: opens it in the desk
}

// ProxySentRow is one batch of the 已报送 tab.
type ProxySentRow struct {
	Batch data.ProxyBatchSummary
	Open  *widget.Button
	texts []string
}

// Texts are the row's columns as shown.
func (r *ProxySentRow) Texts() []string { return r.texts }

func newProxyBatches(a *Admin) *ProxyBatches {
	d := a.d
	p := &ProxyBatches{a: a, store: a.store, Tab: ProxyTabPending, Tabs: map[string]*widget.Button{}}
	tabs := tabButtons(d, p.Tabs, "proxy.tab.", []string{ProxyTabPending, ProxyTabSent}, p.SetTab)
	refresh := widget.NewButtonWithIcon(lang.L("admin.refresh"), fynetheme.ViewRefreshIcon(), d.tap(p.Reload))
	p.Status = widget.NewLabel("")
	p.Notice = noticeLabel()
	p.Notice.Wrapping = fyne.TextWrapWord
	p.list = container.NewVBox()
	p.tabs = container.NewBorder(nil, nil, nil, refresh, tabs)
	p.body = container.NewStack()
	p.content = container.NewBorder(nil, container.NewBorder(nil, nil, p.Status, nil, p.Notice), nil, nil, p.body)
	p.showTabs()
	p.Reload()
	return p
}

// showTabs puts the tabs and their list back (after a batch was open).
func (p *ProxyBatches) showTabs() {
	p.Batch = nil
	p.body.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(p.tabs, widget.NewSeparator()),
		nil, nil, nil, touch.NewVScroll(p.list))}
	p.body.Refresh()
}

// SetTab shows another tab.
func (p *ProxyBatches) SetTab(tab string) {
	p.Tab = tab
	p.Notice.SetText("")
	p.Reload()
}

// Reload reads the tab (or the open batch) again.
func (p *ProxyBatches) Reload() {
	if p.Batch != nil {
		p.OpenBatch(p.Batch.Batch.ID)
		return
	}
	markTab(p.Tabs, p.Tab)
	d, st := p.a.d, p.store
	ctx := d.opts.Context
	tab := p.Tab
	p.Status.SetText(lang.L("admin.loading"))
	p.load.run(d, func() func() {
		if tab == ProxyTabSent {
			bs, err := st.ProxyBatches(ctx)
			return func() {
				p.showSent(bs, err)
			}
		}
		deps, err := st.ProxyPending(ctx)
		return func() {
			p.showPending(deps, err)
		}
	})
}

var proxyPendingWeights = weightedColumns{0.45, 2.5, 2.5, 1.2, 1.6, 2.8}

func (p *ProxyBatches) showPending(deps []data.ProxyDepartment, err error) {
	d := p.a.d
	p.Groups, p.Sent = nil, nil
	p.list.RemoveAll()
	n := 0
	for _, dep := range deps {
		n += len(dep.Requests)
	}
	switch {
	case err != nil:
		p.Status.SetText(locale.Message(err))
	case n == 0:
		p.Status.SetText(lang.L("proxy.pending.empty"))
	default:
		p.Status.SetText(lang.L("proxy.pending.count", map[string]any{"N": n, "Groups": len(deps)}))
	}
	for _, dep := range deps {
		g := &ProxyGroup{Department: dep.Department}
		name := dep.Department
		if name == "" {
			name = lang.L("proxy.noDepartment")
		}
		g.Title = widget.NewLabel(name)
		g.Title.TextStyle = fyne.TextStyle{Bold: true}
		g.Title.Wrapping = fyne.TextWrapWord
		g.name = name
		g.Create = widget.NewButtonWithIcon(lang.L("proxy.create"), fynetheme.DocumentPrintIcon(),
			d.tap(func() { p.OpenCreate(g) }))
		g.Create.Importance = widget.HighImportance
		g.All = widget.NewCheck(lang.L("proxy.pending.all"), nil)
		header := container.New(proxyPendingWeights, append([]fyne.CanvasObject{widget.NewLabel("")},
			boldLabels("proxy.col.", "no", "item", "applicant", "due", "materials")...)...)
		rows := container.NewVBox()
		for _, c := range dep.Requests {
			pk := &ProxyPick{Request: c}
			pk.Check = widget.NewCheck("", func(bool) { d.Activity(); p.syncGroup(g) })
			pk.Open = widget.NewButton(c.ReceiptNo, d.tap(func() { d.OpenRequest(c.RequestID) }))
			pk.Open.Importance = widget.LowImportance
			pk.Open.Alignment = widget.ButtonAlignLeading
			due := c.DueDay
			if due == "" {
				due = "—"
			}
			cells := append([]fyne.CanvasObject{pk.Check, pk.Open},
				textCells([]string{c.ItemName, c.ApplicantName, due, strings.Join(c.Materials, "、")}, nil)...)
			rows.Add(rowBox(container.New(proxyPendingWeights, cells...)))
			g.Picks = append(g.Picks, pk)
		}
		g.All.OnChanged = func(on bool) {
			d.Activity()
			for _, pk := range g.Picks {
				pk.Check.Checked = on
				pk.Check.Refresh()
			}
			p.syncGroup(g)
		}
		p.syncGroup(g)
		p.Groups = append(p.Groups, g)
		p.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(g.All, g.Create), g.Title))
		p.list.Add(header)
		p.list.Add(widget.NewSeparator())
		p.list.Add(rows)
		p.list.Add(widget.NewLabel(""))
	}
	p.list.Refresh()
}

// picked are the ticked requests of a group.
func (g *ProxyGroup) picked() []data.ProxyCandidate {
	var out []data.ProxyCandidate
	for _, pk := range g.Picks {
		if pk.Check.Checked {
			out = append(out, pk.Request)
		}
	}
	return out
}

// syncGroup enables 生成代办清单 when something is ticked.
func (p *ProxyBatches) syncGroup(g *ProxyGroup) {
	if g.Create == nil {
		return
	}
	n := len(g.picked())
	g.Title.SetText(lang.L("proxy.pending.group", map[string]any{"Dept": g.name, "N": len(g.Picks), "K": n}))
	if n == 0 {
		g.Create.Disable()
		return
	}
	g.Create.Enable()
}

var proxySentWeights = weightedColumns{2.4, 3.6, 3.2, 1.0}

func (p *ProxyBatches) showSent(bs []data.ProxyBatchSummary, err error) {
	d := p.a.d
	p.Groups, p.Sent = nil, nil
	p.list.RemoveAll()
	p.Status.SetText(listStatus(err, len(bs), "proxy.sent.empty"))
	p.list.Add(container.New(proxySentWeights, boldLabels("proxy.col.",
		"batch", "department", "progress", "open")...))
	p.list.Add(widget.NewSeparator())
	for _, b := range bs {
		r := &ProxySentRow{Batch: b}
		r.texts = []string{b.No + "\n" + lang.L("proxy.sentOn", map[string]any{"Day": b.SentDay}),
			b.Department + "\n" + lang.L("proxy.staffName", map[string]any{"Name": b.StaffName}),
			lang.L("proxy.progress", map[string]any{"N": b.Count, "In": b.ResultsIn, "Told": b.Told})}
		cells := textCells(r.texts, func(i int, l *widget.Label) {
			if i == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
			}
			if i == 2 && b.Done() {
				l.Importance = widget.SuccessImportance
			}
		})
		r.Open = widget.NewButton(lang.L("proxy.open"), d.tap(func() { p.OpenBatch(b.ID) }))
		cells = append(cells, r.Open)
		p.Sent = append(p.Sent, r)
		p.list.Add(rowBox(container.New(proxySentWeights, cells...)))
	}
	p.list.Refresh()
}
