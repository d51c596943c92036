package staff

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/touch"
)

// Request is one request in full: the applicant (full name, phone, ID
// number), the item and its fields, the materials brought, the 补正
// notices, joint parts, clock pauses and the whole timeline (internal
// entries too), with the steps its status allows as big buttons. After a
// step that comes with a written notice, the notice bar offers to print it.
type Request struct {
	ID     int64
	Detail data.RequestDetail
	Item   data.Item
	// Actions are the buttons of the steps the status allows.
	Actions map[data.Action]*widget.Button
	// Form is the step's dialog while it is open.
	Form *ActionForm
	// GuideButton opens the guide the request was registered under; Guide
	// is its text once shown.
	GuideButton *widget.Button
	Guide       string

	// Summary says status, mode, owner and due date in one place.
	Summary *widget.Label
	Status  *widget.Label
	// The notice bar: what the last step produced and 打印.
	NoticeLabel *widget.Label
	PrintButton *widget.Button
	// PrintStatus is the screen's one line for how a print went (the
	// notice, 补打回执, 补打通知书, 打印登记表); ReprintStatus is the same
	// label: two lines showed the same red message twice after two
	// failed prints.
	PrintStatus *widget.Label
	Notice      *pendingNotice
	BackButton  *widget.Button
	// 补打回执: the request's receipt again, whatever its status; with the
	// outcome beside it. Hidden without a printer.
	ReprintButton *widget.Button
	ReprintStatus *widget.Label
	// 补打通知书: the written notices the request has had, to print again
	// (the dialog's buttons are NoticeChoices). Hidden without a printer.
	NoticesButton *widget.Button
	NoticeChoices []*widget.Button
	Issued        []data.IssuedNotice
	// 打印预填申请表: the item's 申请表 filled in from what the resident
	// entered (协助办理), to check and sign. Hidden without a printer;
	// highlighted for requests flagged 协助.
	FormButton *widget.Button
	// Received are the item's materials, each a tick 已收 (ticked) or 未收
	// at the desk, by material id; disabled once the request is closed.
	Received map[int64]*widget.Check

	d          *Desk
	body       *fyne.Container
	actionsBox *fyne.Container
	noticeBar  fyne.CanvasObject // hidden until a step is done
	content    fyne.CanvasObject
	staff      []data.LoginChoice
	windows    []data.Window
}

func newRequest(d *Desk, id int64) *Request {
	r := &Request{ID: id, d: d, Actions: map[data.Action]*widget.Button{}}
	r.BackButton = widget.NewButtonWithIcon(lang.L("staff.request.back"), fynetheme.NavigateBackIcon(), d.tap(d.ShowQueue))
	r.Summary = fieldLabel("")
	r.Summary.SizeName = fynetheme.SizeNameSubHeadingText
	r.Status = line(lang.L("staff.loading"))
	r.NoticeLabel = fieldLabel("")
	r.PrintButton = widget.NewButtonWithIcon(lang.L("staff.notice.print"), fynetheme.DocumentPrintIcon(), d.tap(r.onPrint))
	r.PrintButton.Importance = widget.HighImportance
	r.PrintStatus = line("")
	r.PrintStatus.Hide()
	// Hide the theme override itself: it measures its content even when
	// that is hidden, and would leave a gap.
	r.noticeBar = compactControls(container.NewVBox(container.NewBorder(nil, nil, nil, r.PrintButton, r.NoticeLabel)))
	r.noticeBar.Hide()
	r.ReprintButton = widget.NewButtonWithIcon(lang.L("staff.request.reprint"), fynetheme.DocumentPrintIcon(),
		d.tap(r.onReprint))
	r.ReprintStatus = r.PrintStatus
	if d.opts.Printer == nil {
		r.ReprintButton.Hide()
	}
	r.NoticesButton = widget.NewButtonWithIcon(lang.L("staff.request.reprintNotice"), fynetheme.DocumentPrintIcon(),
		d.tap(r.OpenNotices))
	if d.opts.Printer == nil {
		r.NoticesButton.Hide()
	}
	r.FormButton = widget.NewButtonWithIcon(lang.L("staff.request.printForm"), fynetheme.DocumentIcon(),
		d.tap(r.onPrintForm))
	if d.opts.Printer == nil {
		r.FormButton.Hide()
	}
	r.body = container.NewVBox()
	// The steps in one row (every label is at most four characters), so
	// that the request itself keeps most of a 1280×800 screen.
	r.actionsBox = container.NewGridWithColumns(1)
	prints := compactControls(container.NewHBox(r.FormButton, r.NoticesButton, r.ReprintButton))
	top := container.NewVBox(container.NewBorder(nil, nil, r.BackButton, prints, r.Summary),
		r.noticeBar, compactText(container.NewVBox(r.ReprintStatus, r.Status)))
	r.content = container.NewBorder(top, container.NewVBox(widget.NewSeparator(),
		compactControls(container.New(&minHeightLayout{h: actionBarHeight}, r.actionsBox))), nil, nil,
		touch.NewVScroll(compactText(r.body)))
	r.loadPeople()
	r.Reload()
	return r
}

// loadPeople reads the staff and windows a hand-over may go to.
func (r *Request) loadPeople() {
	st := r.d.store
	fetch(r.d, st.LoginChoices, logged("staff: login choices"), func(staff []data.LoginChoice) { r.staff = staff })
	fetch(r.d, st.Windows, logged("staff: windows"), func(ws []data.Window) { r.windows = ws })
}

// Reload reads the request again and shows it; then runs after (if any)
// on the UI goroutine.
func (r *Request) Reload() { r.reload(nil) }

func (r *Request) reload(after func()) {
	d := r.d
	d.async(func() func() {
		det, err := d.store.RequestDetail(d.opts.Context, r.ID)
		var it data.Item
		if err == nil {
			it, err = d.store.Item(d.opts.Context, det.ItemID)
		}
		return func() {
			if err != nil {
				r.Status.SetText(locale.Message(err))
				return
			}
			r.Detail, r.Item = det, it
			r.show()
			if after != nil {
				after()
			}
		}
	})
}

func (r *Request) show() {
	det := r.Detail
	r.Status.SetText("")
	r.Status.Hide()
	r.Summary.SetText(r.summaryText())
	if det.NeedsHelp {
		r.FormButton.Importance = widget.HighImportance
	} else {
		r.FormButton.Importance = widget.MediumImportance
	}
	r.FormButton.Refresh()
	r.body.RemoveAll()
	applicant := section(lang.L("staff.request.applicant"),
		fact(lang.L("staff.request.name"), det.ApplicantName),
		fact(lang.L("staff.request.phone"), det.ApplicantPhone),
		fact(lang.L("staff.request.id"), orDash(det.ApplicantID)),
		fact(lang.L("staff.request.flags"), r.flagsText()))
	facts := []fyne.CanvasObject{
		fact(lang.L("staff.request.item"), det.ItemName),
		r.guideFact(),
		fact(lang.L("staff.request.channel"), channelWord(det.Channel)),
		fact(lang.L("staff.request.received"), timeText(det.Created)),
		fact(lang.L("staff.request.window"), orDash(det.WindowName)),
		fact(lang.L("staff.request.owner"), orDash(det.OwnerName)),
		fact(lang.L("staff.request.firstOwner"), orDash(det.FirstOwnerName)),
	}
	if det.Status == data.StatusSubmitted {
		facts = append(facts, fact(lang.L("staff.request.noticeDeadline"), det.NoticeDeadline))
	}
	if det.Result != "" {
		facts = append(facts, fact(lang.L("staff.request.result"), det.Result))
	}
	if det.UpperDepartment != "" {
		facts = append(facts, fact(lang.L("staff.request.upper"), det.UpperDepartment+" "+det.UpperSentDay+
			" → "+orDash(det.UpperExpectedDay)))
	}
	// The applicant and the request's facts side by side.
	r.body.Add(container.NewGridWithColumns(2, applicant, section(lang.L("staff.request.facts"), facts...)))
	if len(r.Item.Fields) > 0 || det.Description != "" {
		var fs []fyne.CanvasObject
		for _, f := range r.Item.Fields {
			fs = append(fs, fact(f.Label, orDash(strings.ReplaceAll(det.Fields[f.Key], data.ChoiceSep, lang.L("staff.listSep")))))
		}
		if det.Description != "" {
			fs = append(fs, fact(lang.L("staff.request.description"), det.Description))
		}
		r.body.Add(section(lang.L("staff.request.fields"), fs...))
	}
	r.body.Add(section(lang.L("staff.request.materials"), r.materialLines()...))
	r.showHistory()
	compactText(r.body) // the rows just added
	r.body.Refresh()

	r.showActions()
	r.content.Refresh()
}

// showHistory adds what happened so far: the 补正 notices, the joint
// parts, the pauses and the timeline.
func (r *Request) showHistory() {
	det := r.Detail
	if len(det.Supplements) > 0 {
		var ss []fyne.CanvasObject
		for _, s := range det.Supplements {
			text := timeText(s.At) + " " + strings.Join(s.Materials, lang.L("staff.listSep"))
			if s.Note != "" {
				text += "（" + s.Note + "）"
			}
			if s.Second {
				text += " " + lang.L("staff.request.second", map[string]any{"Reason": s.SecondReason})
			}
			ss = append(ss, line(text))
		}
		r.body.Add(section(lang.L("staff.request.supplements"), ss...))
	}
	if len(det.Parts) > 0 {
		var ps []fyne.CanvasObject
		for _, p := range det.Parts {
			state := lang.L("staff.part.pending")
			if !p.Done.IsZero() {
				state = lang.L("staff.part.done", map[string]any{"Time": timeText(p.Done), "Name": p.StaffName})
			}
			role := ""
			if p.Lead {
				role = lang.L("staff.part.lead")
			}
			ps = append(ps, line(p.WindowName+role+"："+state+" "+p.Note))
		}
		r.body.Add(section(lang.L("staff.request.parts"), ps...))
	}
	if len(det.Pauses) > 0 {
		var ps []fyne.CanvasObject
		for _, p := range det.Pauses {
			ps = append(ps, line(p.FromDay+" → "+orDash(p.ToDay)+" "+p.Reason+"（"+p.StaffName+"）"))
		}
		r.body.Add(section(lang.L("staff.request.pauses"), ps...))
	}
	var ev []fyne.CanvasObject
	for _, e := range det.Events {
		who := strings.TrimSpace(e.WindowName + " " + e.StaffName)
		text := timeText(e.At) + "  " + eventWord(e.Kind)
		if who != "" {
			text += "（" + who + "）"
		}
		if !e.Public {
			text += " " + lang.L("staff.request.internal")
		}
		if e.Note != "" {
			text += "\n" + e.Note
		}
		ev = append(ev, line(text))
	}
	r.body.Add(section(lang.L("staff.request.timeline"), ev...))
}

// showActions offers the buttons of the steps the status allows.
func (r *Request) showActions() {
	det := r.Detail
	r.Actions = map[data.Action]*widget.Button{}
	r.actionsBox.RemoveAll()
	paused := r.paused()
	next := nextStep(det)
	for _, a := range det.Allowed {
		switch {
		case a == data.ActJointPart && !partsPending(det.Parts):
			continue // every participating window's part is in
		case a == data.ActPause && paused, a == data.ActResume && !paused:
			continue // one of the two applies at a time
		}
		b := widget.NewButton(actionLabel(a), r.d.tap(func() { r.OpenAction(a) }))
		switch a {
		case data.ActAccept, next:
			b.Importance = widget.HighImportance
		case data.ActRefuse, data.ActWithdraw:
			b.Importance = widget.DangerImportance
		}
		r.Actions[a] = b
		r.actionsBox.Add(b)
	}
	r.actionsBox.Layout = layout.NewGridLayoutWithColumns(max(len(r.actionsBox.Objects), minActionColumns))
	compactControls(r.actionsBox) // the buttons just added
	r.actionsBox.Refresh()
}

// nextStep is the step after acceptance the bar shows first: 办结, or for
// 上报办理 上报 and then 登记上级审批结果 until both are on the timeline (the
// store refuses 办结 before them, data.UpperFinishRule, so a blue 办结 led
// staff to a refusal).
func nextStep(det data.RequestDetail) data.Action {
	has := func(kind string) bool {
		return slices.ContainsFunc(det.Events, func(e data.Event) bool { return e.Kind == kind })
	}
	escalated, answered := has(data.EventEscalated), has(data.EventUpperResult)
	if data.UpperFinishRule(det.Mode, escalated, answered) == nil {
		return data.ActFinish
	}
	if !escalated {
		return data.ActEscalate
	}
	return data.ActUpperResult
}

// The action bar: its height, and the fewest columns (so that two or three
// steps do not stretch across the whole screen).
const (
	actionBarHeight  = 60
	minActionColumns = 6
)

// paused reports whether the request's clock stands still today (a pause
// has begun and its restart day is still to come), as the store decides it.
func (r *Request) paused() bool {
	today := data.Day(r.d.opts.Now())
	for _, p := range r.Detail.Pauses {
		if p.FromDay <= today && (p.ToDay == "" || p.ToDay > today) {
			return true
		}
	}
	return false
}

// minHeightLayout gives its objects at least h of height.
type minHeightLayout struct{ h float32 }

func (l *minHeightLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *minHeightLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, l.h)
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// compactText shows the request's facts and lines with less padding than
// the touch theme's, so that a screen holds twice as many; nothing in it is
// a touch target.
func compactText(o fyne.CanvasObject) fyne.CanvasObject { return tight(o, 6) }

// partsPending reports whether a participating window's part is still to
// be recorded.
func partsPending(parts []data.JointPartState) bool {
	for _, p := range parts {
		if !p.Lead && p.Done.IsZero() {
			return true
		}
	}
	return false
}

func (r *Request) summaryText() string {
	det := r.Detail
	parts := []string{det.ReceiptNo, statusText(det.Status), modeWord(det.Mode)}
	if det.DueDay != "" && !det.Status.Closed() {
		parts = append(parts, lang.L("staff.request.due", map[string]any{"Day": det.DueDay}))
	}
	return strings.Join(parts, " · ")
}

func (r *Request) flagsText() string {
	var f []string
	if r.Detail.NeedsHelp {
		f = append(f, lang.L("staff.request.needsHelp"))
	}
	if r.Detail.Proxy {
		f = append(f, lang.L("staff.request.proxy"))
	}
	return orDash(strings.Join(f, "、"))
}

// materialLines lists the item's materials, each a tick 已收 / 未收 that
// staff set as the resident hands them in; a required one not received is
// marked in red.
func (r *Request) materialLines() []fyne.CanvasObject {
	brought := map[int64]bool{}
	for _, id := range r.Detail.Brought {
		brought[id] = true
	}
	r.Received = map[int64]*widget.Check{}
	var out []fyne.CanvasObject
	for _, m := range r.Item.Materials {
		m := m
		l := line("")
		r.markMaterial(l, m, brought[m.ID])
		c := widget.NewCheck(lang.L("staff.material.received"), nil)
		c.SetChecked(brought[m.ID])
		c.OnChanged = func(on bool) { r.onReceived(m, c, l, on) }
		if r.Detail.Status.Closed() {
			c.Disable()
		}
		r.Received[m.ID] = c
		out = append(out, container.NewBorder(nil, nil, c, nil, l))
	}
	if len(out) == 0 {
		out = append(out, line("—"))
	}
	return out
}

// markMaterial says beside a material whether it is still needed.
func (r *Request) markMaterial(l *widget.Label, m data.Material, received bool) {
	mark, imp := "", widget.MediumImportance
	switch {
	case received:
	case m.Required:
		mark, imp = lang.L("staff.material.missing"), widget.DangerImportance
	default:
		mark = lang.L("staff.material.optional")
	}
	l.SetText(strings.TrimSpace(lang.L("staff.material.line", map[string]any{"Name": m.Name, "Form": materialFormWord(m.Form), "Mark": mark})))
	l.Importance = imp
	l.Refresh()
}

// onReceived records a tick off the UI goroutine; if the store refuses,
// the tick goes back and the reason shows.
func (r *Request) onReceived(m data.Material, c *widget.Check, l *widget.Label, on bool) {
	d := r.d
	d.Activity()
	sess, id := d.session, r.ID
	c.Disable()
	d.async(func() func() {
		err := d.store.SetReceived(d.opts.Context, sess, id, m.ID, on)
		return func() {
			c.Enable()
			if err != nil {
				keep := c.OnChanged
				c.OnChanged = nil
				c.SetChecked(!on)
				c.OnChanged = keep
				r.Status.SetText(locale.Message(err))
				r.Status.Show()
				return
			}
			r.Detail.Brought = slices.DeleteFunc(r.Detail.Brought, func(x int64) bool { return x == m.ID })
			if on {
				r.Detail.Brought = append(r.Detail.Brought, m.ID)
			}
			r.markMaterial(l, m, on)
			r.Status.Hide()
		}
	})
}

func actionLabel(a data.Action) string { return lang.L("staff.action." + string(a)) }

// section is a titled group of lines.
func section(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewLabel(title)
	h.TextStyle = fyne.TextStyle{Bold: true}
	h.SizeName = fynetheme.SizeNameSubHeadingText
	return container.NewVBox(h, container.NewVBox(objs...), widget.NewSeparator())
}

func fact(label, value string) fyne.CanvasObject {
	v := widget.NewLabel(value)
	v.Wrapping = fyne.TextWrapWord
	return field(label, v)
}

// field is a label on the left and o beside it. A long label (共同生活家庭成员
// 人数) wraps in its column instead of pushing o out of its own.
func field(label string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.New(&fixedSize{size: fyne.NewSize(170, 0)}, l), nil, o)
}

// line is a label that wraps at word boundaries.
func line(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// receiptStore rebuilds a request's receipt for a reprint (and audits it);
// *data.Store satisfies it.
type receiptStore interface {
	ReceiptFor(ctx context.Context, by data.Session, requestID int64) (data.Receipt, error)
}

var _ receiptStore = (*data.Store)(nil)

// onReprint reads the receipt again and prints it off the UI goroutine.
func (r *Request) onReprint() {
	d, p := r.d, r.d.opts.Printer
	rs := d.store
	if p == nil {
		return
	}
	by, id := d.session, r.ID
	r.ReprintButton.Disable()
	setPrintStatus(r.ReprintStatus, lang.L("staff.notice.printing"), false)
	d.async(func() func() {
		rc, err := rs.ReceiptFor(d.opts.Context, by, id)
		if err != nil {
			return func() {
				r.ReprintButton.Enable()
				setPrintStatus(r.ReprintStatus, locale.Message(err), true)
			}
		}
		doc := paper.ReceiptFor(rc, d.trackURL(rc.Token))
		err = printNotice(d.opts.Context, p, func() (paper.Document, error) { return paper.ReceiptPDF(doc) })
		return func() {
			r.ReprintButton.Enable()
			showPrinted(r.ReprintStatus, "reprint receipt", lang.L("staff.notice.printed"), err)
		}
	})
}
