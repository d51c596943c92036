package staff

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/touch"
)

// ProxyBatchView is one batch open: its particulars, 补打清单, and per
// request the department's result and whether the applicant was told.
type ProxyBatchView struct {
	Batch data.ProxyBatchDetail
	Back  *widget.Button
	// Reprint prints the list again (and retries a print that failed).
	Reprint     *widget.Button
	PrintStatus *widget.Label
	Lines       []*ProxyLine

	content fyne.CanvasObject
}

// ProxyLine is one request of an open batch.
type ProxyLine struct {
	Row    data.ProxyBatchRow
	Open   *widget.Button // the request number: opens it in the desk
	Result *widget.Button // 登记结果: while the department's reply is awaited
	Told   *widget.Button // 已告知申请人: once the reply is in
	State  *widget.Label
}

// OpenCreate opens the 生成代办清单 dialog for the ticked requests of g.
func (p *ProxyBatches) OpenCreate(g *ProxyGroup) {
	d := p.a.d
	picked := g.picked()
	if len(picked) == 0 {
		return
	}
	p.Department = d.newEntry(false, lang.L("proxy.form.departmentHint"))
	p.Department.SetText(g.Department)
	p.SentDay = d.dayEntry(lang.L("staff.form.dayHint"))
	p.SentDay.SetText(data.Day(d.opts.Now()))
	p.Note = d.newEntry(true, lang.L("proxy.form.noteHint"))
	nos := make([]string, len(picked))
	ids := make([]int64, len(picked))
	for i, c := range picked {
		nos[i], ids[i] = c.ReceiptNo, c.RequestID
	}
	which := widget.NewLabel(lang.L("proxy.form.requests", map[string]any{"N": len(picked)}) + strings.Join(nos, "、"))
	which.Wrapping = fyne.TextWrapWord
	// Labels left of their fields: the note and 确定 in sight at once.
	rows := []fyne.CanvasObject{which, form(labelled(lang.L("proxy.form.department"), p.Department),
		labelled(lang.L("proxy.form.sentDay"), p.SentDay), labelled(lang.L("proxy.form.note"), p.Note))}
	if d.opts.Printer == nil {
		rows = append(rows, widget.NewLabel(lang.L("proxy.form.noPrinter")))
	}
	var created data.ProxyBatchDetail
	sess, ctx, st := d.session, d.opts.Context, p.store
	p.Form = newFormDialog(d, lang.L("proxy.form.title"), rows, fyne.NewSize(860, 600),
		func(f *FormDialog) func() error {
			sent, err := parseDay(p.SentDay.Text)
			if errors.Is(err, errBadDay) {
				f.Error.SetText(lang.L("proxy.form.badDay"))
				return nil
			}
			dept, note := p.Department.Text, p.Note.Text
			return func() error {
				var err error
				created, err = st.CreateProxyBatch(ctx, sess, dept, ids, sent, note)
				return err
			}
		},
		func() {
			p.Notice.SetText(lang.L("proxy.created", map[string]any{"No": created.No, "Dept": created.Department,
				"N": created.Count}))
			p.showBatch(created)
			p.print(created, false)
		})
}

// OpenBatch reads a batch and shows it.
func (p *ProxyBatches) OpenBatch(id int64) {
	d, st := p.a.d, p.store
	ctx := d.opts.Context
	p.load.run(d, func() func() {
		b, err := st.ProxyBatch(ctx, id)
		return func() {
			if err != nil {
				p.Status.SetText(locale.Message(err))
				return
			}
			p.showBatch(b)
		}
	})
}

var proxyLineWeights = weightedColumns{2.3, 1.2, 2.4, 2.4, 1.5, 1.9}

func (p *ProxyBatches) showBatch(b data.ProxyBatchDetail) {
	d := p.a.d
	prev := p.Batch
	v := &ProxyBatchView{Batch: b}
	v.Back = widget.NewButtonWithIcon(lang.L("proxy.back"), fynetheme.NavigateBackIcon(), d.tap(func() {
		p.showTabs()
		p.Tab = ProxyTabSent
		p.Reload()
	}))
	v.Reprint = widget.NewButtonWithIcon(lang.L("proxy.reprint"), fynetheme.DocumentPrintIcon(),
		d.tap(func() { p.print(p.Batch.Batch, true) }))
	v.PrintStatus = widget.NewLabel("")
	if prev != nil && prev.Batch.ID == b.ID {
		v.PrintStatus.SetText(prev.PrintStatus.Text)
		v.Reprint.SetText(prev.Reprint.Text)
	}
	if d.opts.Printer == nil {
		v.Reprint.Hide()
	}
	title := widget.NewLabel(lang.L("proxy.batch.title", map[string]any{"No": b.No, "Dept": b.Department}))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Wrapping = fyne.TextWrapWord
	facts := lang.L("proxy.batch.facts", map[string]any{"Day": b.SentDay, "Staff": b.StaffName, "N": b.Count,
		"In": b.ResultsIn, "Told": b.Told})
	if b.Note != "" {
		facts += "　" + lang.L("proxy.batch.note", map[string]any{"Note": b.Note})
	}
	factsLabel := widget.NewLabel(facts)
	factsLabel.Wrapping = fyne.TextWrapWord
	list := container.NewVBox(container.New(proxyLineWeights, boldLabels("proxy.col.",
		"no", "applicant", "upperResult", "state", "result", "told")...), widget.NewSeparator())
	for _, r := range b.Rows {
		l := &ProxyLine{Row: r}
		l.Open = widget.NewButton(r.ReceiptNo, d.tap(func() { d.OpenRequest(r.RequestID) }))
		l.Open.Importance = widget.LowImportance
		l.Open.Alignment = widget.ButtonAlignLeading
		l.Result = widget.NewButton(lang.L("proxy.result"), d.tap(func() { p.OpenResult(l) }))
		l.Told = widget.NewButton(lang.L("proxy.told"), d.tap(func() { p.OpenTold(l) }))
		if r.Status != data.StatusEscalated {
			l.Result.Disable()
		} else {
			l.Result.Importance = widget.HighImportance
		}
		switch {
		case r.Told:
			l.Told.SetText(replyWord(r.ReplyMethod))
			l.Told.Disable()
		case r.Status != data.StatusAccepted:
			l.Told.Disable()
		default:
			l.Told.Importance = widget.HighImportance
		}
		l.State = widget.NewLabel(proxyState(r))
		l.State.Truncation = fyne.TextTruncateEllipsis
		if r.Told {
			l.State.Importance = widget.SuccessImportance
		}
		upper := r.UpperResult
		if upper == "" {
			upper = lang.L("proxy.awaiting")
		}
		cells := append([]fyne.CanvasObject{l.Open}, textCells([]string{r.ApplicantName, upper}, nil)...)
		cells = append(cells, l.State, l.Result, l.Told)
		list.Add(rowBox(container.New(proxyLineWeights, cells...)))
		v.Lines = append(v.Lines, l)
	}
	// The printer's word goes under the title, so the title keeps the
	// width between the two buttons.
	top := container.NewVBox(container.NewBorder(nil, nil, v.Back, v.Reprint,
		container.NewVBox(title, container.New(collapseEmpty{v.PrintStatus}, v.PrintStatus))),
		factsLabel, widget.NewSeparator())
	v.content = container.NewBorder(top, nil, nil, nil, touch.NewVScroll(list))
	p.Batch = v
	p.Status.SetText("")
	p.body.Objects = []fyne.CanvasObject{v.content}
	p.body.Refresh()
}

// proxyState is where a request of a batch stands, as the batch shows it.
func proxyState(r data.ProxyBatchRow) string {
	switch {
	case r.Told:
		return lang.L("proxy.state.told")
	case r.Status == data.StatusEscalated:
		return lang.L("proxy.state.awaiting")
	case r.Status == data.StatusAccepted:
		return lang.L("proxy.state.toTell")
	}
	return statusText(r.Status)
}

// OpenResult opens 登记结果 for a request of the open batch.
func (p *ProxyBatches) OpenResult(l *ProxyLine) {
	d := p.a.d
	p.Result = d.newEntry(true, lang.L("proxy.form.resultHint"))
	rows := []fyne.CanvasObject{proxyLineTitle(l.Row),
		form(labelled(lang.L("proxy.form.result"), p.Result))}
	sess, ctx, st, id := d.session, d.opts.Context, p.store, l.Row.RequestID
	p.Form = newFormDialog(d, lang.L("proxy.result"), rows, fyne.NewSize(860, 520),
		func(*FormDialog) func() error {
			result := p.Result.Text
			return func() error { return st.ProxyResult(ctx, sess, id, result) }
		},
		func() {
			p.Notice.SetText(lang.L("proxy.resultDone", map[string]any{"No": l.Row.ReceiptNo}))
			p.Reload()
		})
}

// OpenTold opens 已告知申请人 for a request of the open batch: the result
// told (the department's by default) and how.
func (p *ProxyBatches) OpenTold(l *ProxyLine) {
	d := p.a.d
	p.Result = d.newEntry(true, lang.L("proxy.form.toldHint"))
	p.Result.SetText(l.Row.UpperResult)
	p.ReplyMethod = widget.NewRadioGroup(wordsOf(data.ReplyMethods, replyWord), func(string) { d.Activity() })
	p.ReplyMethod.Horizontal = true
	// The way of telling beside its label, above 确定: never below the fold.
	rows := []fyne.CanvasObject{proxyLineTitle(l.Row), form(labelled(lang.L("proxy.form.told"), p.Result),
		labelled(lang.L("staff.form.reply"), p.ReplyMethod))}
	sess, ctx, st, id := d.session, d.opts.Context, p.store, l.Row.RequestID
	p.Form = newFormDialog(d, lang.L("proxy.told"), rows, fyne.NewSize(860, 580),
		func(*FormDialog) func() error {
			result := p.Result.Text
			reply := keyAt(data.ReplyMethods, p.ReplyMethod.Options, p.ReplyMethod.Selected)
			return func() error { return st.ProxyReportBack(ctx, sess, id, result, reply) }
		},
		func() {
			p.Notice.SetText(lang.L("proxy.toldDone", map[string]any{"No": l.Row.ReceiptNo}))
			p.Reload()
		})
}

// proxyLineTitle names the request a dialog of the batch is about.
func proxyLineTitle(r data.ProxyBatchRow) *widget.Label {
	l := widget.NewLabel(r.ReceiptNo + "　" + r.ItemName + "　" + r.ApplicantName)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

// proxyPaper is the batch as the 代办清单 prints it.
func (p *ProxyBatches) proxyPaper(b data.ProxyBatchDetail) paper.ProxyList {
	sent, err := data.ParseDay(b.SentDay)
	if err != nil {
		sent = b.Created.In(data.China)
	}
	l := paper.ProxyList{Center: p.a.d.center.Name, BatchNo: b.No, Department: b.Department, Date: sent,
		Staff: b.StaffName, Note: b.Note}
	for _, r := range b.Rows {
		l.Rows = append(l.Rows, paper.ProxyRow{RequestNo: r.ReceiptNo, Applicant: r.ApplicantName, IDTail: r.IDTail,
			Item: r.ItemName, Materials: strings.Join(r.Materials, "、")})
	}
	return l
}

// print prints the batch's list off the UI goroutine and records it; a
// failure shows the printer's message and leaves the button to try again.
func (p *ProxyBatches) print(b data.ProxyBatchDetail, again bool) {
	d, pr, st := p.a.d, p.a.d.printerFor(p.a.d.opts.NoticeFormat), p.store
	v := p.Batch
	if pr == nil || v == nil {
		return
	}
	sess, ctx, f := d.session, d.opts.Context, d.opts.NoticeFormat
	list := p.proxyPaper(b)
	v.Reprint.Disable()
	v.PrintStatus.SetText(lang.L("staff.notice.printing"))
	d.async(func() func() {
		err := printNotice(ctx, pr, func() (paper.Document, error) { return paper.ProxyListPDF(list, f) })
		if err == nil {
			if aerr := st.ProxyListPrinted(ctx, sess, b.ID, again); aerr != nil {
				fyne.LogError("staff: record proxy list print", aerr)
			}
		}
		return func() {
			v.Reprint.Enable()
			done := lang.L("proxy.printed", map[string]any{"Time": d.opts.Now().In(data.China).Format("15:04")})
			if showPrinted(v.PrintStatus, "print proxy list", done, err) { // said to staff, not residents
				v.Reprint.SetText(lang.L("proxy.reprint"))
			} else {
				v.Reprint.SetText(lang.L("proxy.retry"))
			}
		}
	})
}
