package staff

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Administration section: accountability (责任追究制度 §九): every entry,
// from substantiated complaints and entered directly for breaches found
// otherwise (lateness, a 补正 breach, rudeness); who, what, the measure,
// the rectification deadline (due soon and overdue highlighted) and the
// outcome. Administrators add entries and record outcomes here.
// Administrators only.

// AccountabilityStore is what the section needs from the store.
type AccountabilityStore interface {
	AccountabilityList(ctx context.Context, by data.Session, f data.AccountabilityFilter) ([]data.AccountabilityRow, error)
	AddAccountability(ctx context.Context, by data.Session, n data.NewAccountability) (int64, error)
	SetAccountabilityOutcome(ctx context.Context, by data.Session, id int64, outcome string) error
	LoginChoices(ctx context.Context) ([]data.LoginChoice, error)
	RecordStore
}

// Accountability tabs.
const (
	AcctOpen    = "open"     // no outcome yet
	AcctDueSoon = "due_soon" // rectification deadline close
	AcctOverdue = "overdue"  // deadline passed without an outcome
	AcctClosed  = "closed"   // outcome recorded
	AcctAll     = "all"
)

// AcctTabs are the tabs in display order.
var AcctTabs = []string{AcctOpen, AcctDueSoon, AcctOverdue, AcctClosed, AcctAll}

// Sources offered by the source filter ("" is every source).
var acctSources = []string{"", data.AccFromComplaint, data.AccFromDirect}

// BreachDays is how far back 新增 offers breaches found in the records.
const BreachDays = 60

// AccountabilityScreen is the section's screen.
type AccountabilityScreen struct {
	tabList[data.AccountabilityFilter, data.AccountabilityRow, *AcctRowView]
	Source  *touch.Select
	Add     *widget.Button
	Refresh *widget.Button
	Notice  *widget.Label
	// AddForm is the 新增 dialog while open, AddFields its fields.
	AddForm   *FormDialog
	AddFields *AcctFields
	// OutcomeForm is the 登记整改结果 dialog while open, Outcome its field.
	OutcomeForm *FormDialog
	Outcome     *widget.Entry
	// Record is the person's record on show.
	Record *RecordScreen
}

func newAccountabilityScreen(a *Admin) *AccountabilityScreen {
	d := a.d
	s := &AccountabilityScreen{}
	s.tabList = newTabList(a, AcctOpen, s.filter, a.store.AccountabilityList, s.rowView, "acct.empty")
	tabs := s.tabRow("acct.tab.", AcctTabs)
	var sources []string
	for _, x := range acctSources {
		sources = append(sources, lang.L("acct.source."+sourceKey(x)))
	}
	s.Source = touch.NewSelect(sources, nil)
	s.Source.SetSelectedIndex(0)
	s.Source.OnChanged = func(string) { d.Activity(); s.Reload() }
	s.Add = widget.NewButtonWithIcon(lang.L("acct.add"), fynetheme.ContentAddIcon(), d.tap(s.OpenAdd))
	s.Add.Importance = widget.HighImportance
	// 刷新 as an icon: five tabs, the source and 新增 share the row.
	s.Refresh = widget.NewButtonWithIcon("", fynetheme.ViewRefreshIcon(), d.tap(s.Reload))
	s.Notice = noticeLabel()
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(
			container.New(&fixedSize{size: fyne.NewSize(150, 0)}, s.Source), s.Add, s.Refresh),
			tabs),
		widget.NewSeparator())
	s.content = container.NewBorder(top, container.NewHBox(s.Status, s.Notice), nil, nil, touch.NewVScroll(s.list))
	s.Reload()
	return s
}

func sourceKey(x string) string {
	if x == "" {
		return "any"
	}
	return x
}

// SetSource filters by source: "", data.AccFromComplaint or data.AccFromDirect.
func (s *AccountabilityScreen) SetSource(src string) {
	for i, x := range acctSources {
		if x == src {
			s.Source.SetSelectedIndex(i) // reloads
		}
	}
}

func (s *AccountabilityScreen) filter() data.AccountabilityFilter {
	var f data.AccountabilityFilter
	if i := s.Source.SelectedIndex(); i >= 0 {
		f.Source = acctSources[i]
	}
	switch s.Tab {
	case AcctOpen:
		f.Open = true
	case AcctDueSoon:
		f.Due = data.DueSoon
	case AcctOverdue:
		f.Due = data.DueOverdue
	case AcctClosed:
		f.Closed = true
	}
	return f
}

// rowView is an entry's row: tapping it opens 登记整改结果, its name the
// person's record.
func (s *AccountabilityScreen) rowView(r data.AccountabilityRow) *AcctRowView {
	d := s.a.d
	return newAcctRowView(d, r, d.tap(func() { s.OpenOutcome(r) }), func() { s.OpenRecord(r.StaffID, r.StaffName) })
}

// OpenRecord shows a person's record; 返回 comes back to the list.
func (s *AccountabilityScreen) OpenRecord(staffID int64, name string) {
	s.Record = s.a.openRecord(staffID, name, func() {
		s.Record = nil
		s.a.setBody(s.content)
		s.Reload()
	})
}

// acctSource is where an entry came from, as shown.
func acctSource(r data.AccountabilityRow) string {
	switch {
	case r.ComplaintCode != "":
		return lang.L("acct.fromComplaint", map[string]any{"Code": r.ComplaintCode})
	case r.ReceiptNo != "":
		return lang.L("acct.fromRequest", map[string]any{"No": r.ReceiptNo})
	}
	return lang.L("acct.direct")
}

// acctDeadline is the deadline as shown, with the working days left while
// it runs.
func acctDeadline(r data.AccountabilityRow) string {
	if r.DeadlineDay == "" {
		return "—"
	}
	if r.Outcome != "" || r.Due == data.DueNone {
		return r.DeadlineDay
	}
	left := workdaysLeft(r.WorkdaysLeft)
	if r.WorkdaysLeft == 0 && r.Due == data.DueOverdue {
		left = lang.L("acct.overdue")
	}
	return r.DeadlineDay + " " + left
}

// AcctRowView is one entry; tapping it opens 登记整改结果, the name opens
// the person's record.
type AcctRowView struct {
	tapLine
	Row      data.AccountabilityRow
	Name     *widget.Button
	Deadline *canvas.Text
	texts    []string
}

func newAcctRowView(d *Desk, r data.AccountabilityRow, onTap, openRecord func()) *AcctRowView {
	v := &AcctRowView{Row: r, tapLine: tapLine{onTap: onTap}}
	v.ExtendBaseWidget(v)
	outcome := r.Outcome
	if outcome == "" {
		outcome = lang.L("acct.noOutcome")
	}
	v.texts = []string{dayTime(r.At)[:10], r.StaffName, acctSource(r), accountabilityWord(r.Kind), r.Note, acctDeadline(r), outcome}
	v.Name = nameButton(d, r.StaffName, openRecord)
	shown := v.texts[5]
	if r.DeadlineDay != "" {
		shown = strings.Replace(shown, r.DeadlineDay, shortDay(r.DeadlineDay), 1)
	}
	v.Deadline = dueCanvasText(lang.L("acct.deadlineShort", map[string]any{"Day": shown}), r.Due)
	head := widget.NewLabel(accountabilityWord(r.Kind) + " · " + v.texts[2] + " · " + lang.L("acct.recordedOn",
		map[string]any{"Day": v.texts[0]}))
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Truncation = fyne.TextTruncateEllipsis
	note := widget.NewLabel(r.Note)
	note.Truncation = fyne.TextTruncateEllipsis
	res := widget.NewLabel(lang.L("acct.outcomeShort", map[string]any{"Text": outcome}))
	res.Truncation = fyne.TextTruncateEllipsis
	if r.Outcome == "" {
		res.Importance = widget.WarningImportance
	}
	deadline := container.NewPadded(v.Deadline)
	mid := container.New(&tightVBox{}, head, note)
	right := container.New(&tightVBox{}, deadline, res)
	v.box = rowBox(container.New(acctWeights, v.Name, mid, right))
	return v
}

// Texts are the row's columns as shown.
func (v *AcctRowView) Texts() []string { return v.texts }

var acctWeights = weightedColumns{1.1, 4.0, 2.8}

// AcctFields are the fields of 新增责任追究.
type AcctFields struct {
	Staff    *touch.Select
	Breach   *touch.Select // breaches found in the records, to start from (optional)
	Kind     *widget.RadioGroup
	Note     *widget.Entry
	Deadline *widget.Entry
}

// OpenAdd opens the dialog for an entry entered directly.
func (s *AccountabilityScreen) OpenAdd() {
	d, st := s.a.d, s.a.store
	ctx := d.opts.Context
	now := d.opts.Now()
	d.async(func() func() {
		people, perr := st.LoginChoices(ctx)
		from, to := breachWindow(now)
		breaches, berr := st.Breaches(ctx, 0, from, to)
		return func() {
			if err := firstErr(perr, berr); err != nil {
				d.message(locale.Message(err))
				return
			}
			s.newAddForm(people, breaches)
		}
	})
}

func (s *AccountabilityScreen) newAddForm(people []data.LoginChoice, breaches []data.Breach) {
	d := s.a.d
	var others []data.LoginChoice // nobody records an entry against themselves
	for _, p := range people {
		if p.StaffID != d.session.StaffID {
			others = append(others, p)
		}
	}
	var mine []data.Breach
	for _, b := range breaches {
		if b.StaffID != d.session.StaffID {
			mine = append(mine, b)
		}
	}
	breaches = mine
	f := &AcctFields{}
	var pn []string
	for _, p := range others {
		pn = append(pn, staffText(p))
	}
	f.Staff = touch.NewSelect(pn, func(string) { d.Activity() })
	f.Staff.PlaceHolder = lang.L("staff.choose")
	kinds := wordsOf(data.AccountabilityKinds, accountabilityWord)
	f.Kind = d.newChoiceRow(kinds)
	f.Note = d.newEntry(true, lang.L("acct.noteHint"))
	f.Deadline = d.dayEntry(lang.L("acct.deadlineHint"))
	var bn []string
	for _, b := range breaches {
		bn = append(bn, b.StaffName+" · "+breachWord(b.Kind)+" · "+b.Day)
	}
	requestID := int64(0)
	f.Breach = touch.NewSelect(bn, func(string) {
		d.Activity()
		i := f.Breach.SelectedIndex()
		if i < 0 {
			return
		}
		b := breaches[i]
		for j, p := range others {
			if p.StaffID == b.StaffID {
				f.Staff.SetSelectedIndex(j)
			}
		}
		f.Note.SetText(b.Text)
		requestID = b.RequestID
	})
	f.Breach.PlaceHolder = lang.L("acct.breachNone")
	if len(breaches) == 0 {
		f.Breach.PlaceHolder = lang.L("acct.breachEmpty", map[string]any{"Days": BreachDays})
		f.Breach.Disable()
	}
	// Labels left of their fields: every field and 确定 in sight at once.
	rows := []fyne.CanvasObject{form(labelled(lang.L("acct.breach"), f.Breach),
		labelled(lang.L("acct.staff"), f.Staff), labelled(lang.L("acct.kind"), f.Kind),
		labelled(lang.L("acct.note"), f.Note), labelled(lang.L("acct.deadline"), f.Deadline))}
	s.AddFields = f
	st, sess, ctx := s.a.store, d.session, d.opts.Context
	var who string
	s.AddForm = newFormDialog(d, lang.L("acct.add"), rows, fyne.NewSize(960, 720),
		func(fd *FormDialog) func() error {
			i := f.Staff.SelectedIndex()
			if i < 0 {
				fd.Error.SetText(lang.L("acct.chooseStaff"))
				return nil
			}
			deadline, err := parseDay(f.Deadline.Text)
			if err != nil {
				fd.Error.SetText(lang.L("acct.badDeadline"))
				return nil
			}
			n := data.NewAccountability{StaffID: others[i].StaffID, Note: f.Note.Text, Deadline: deadline}
			// A request is linked only while the cause is the breach chosen.
			if b := f.Breach.SelectedIndex(); b >= 0 && breaches[b].StaffID == n.StaffID {
				n.RequestID = requestID
			}
			for k, o := range f.Kind.Options {
				if o == f.Kind.Selected {
					n.Kind = data.AccountabilityKinds[k]
				}
			}
			who = others[i].Name
			return func() error {
				_, err := st.AddAccountability(ctx, sess, n)
				return err
			}
		},
		func() {
			s.Notice.SetText(lang.L("acct.added", map[string]any{"Name": who}))
			s.Reload()
		})
}

// OpenOutcome opens 登记整改结果 for an entry: the entry in full and its
// outcome (a later one corrects it).
func (s *AccountabilityScreen) OpenOutcome(r data.AccountabilityRow) {
	d := s.a.d
	info := widget.NewLabel(lang.L("acct.info", map[string]any{"Name": r.StaffName, "Kind": accountabilityWord(r.Kind),
		"Source": acctSource(r), "At": dayTime(r.At), "Deadline": acctDeadline(r)}))
	info.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(r.Note)
	note.Wrapping = fyne.TextWrapWord
	s.Outcome = d.newEntry(true, lang.L("acct.outcomeHint"))
	s.Outcome.SetText(r.Outcome)
	rows := []fyne.CanvasObject{info, form(labelled(lang.L("acct.note"), note),
		labelled(lang.L("acct.outcome"), s.Outcome))}
	st, sess, ctx := s.a.store, d.session, d.opts.Context
	out := s.Outcome
	s.OutcomeForm = newFormDialog(d, lang.L("acct.outcomeTitle"), rows, fyne.NewSize(760, 640),
		func(*FormDialog) func() error {
			text := out.Text
			return func() error { return st.SetAccountabilityOutcome(ctx, sess, r.ID, text) }
		},
		func() {
			s.Notice.SetText(lang.L("acct.outcomeSaved", map[string]any{"Name": r.StaffName}))
			s.Reload()
		})
}

// breachWindow is the period 新增 looks for breaches in, ending today.
func breachWindow(now time.Time) (time.Time, time.Time) {
	return now.AddDate(0, 0, -BreachDays), now.AddDate(0, 0, 1)
}
