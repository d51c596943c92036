package staff

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// A person's record (个人档案, §五, §八, §九): for a period,
// the requests they own as 首问 and their on-time rate, attendance,
// study attendance, the complaints about them and their results, and
// their accountability entries. Administrators reach it from 学习培训 and
// 责任追究 by tapping a name.

// RecordStore is what a person's record needs from the store.
type RecordStore interface {
	Report(ctx context.Context, from, to time.Time) (data.Report, error)
	AttendanceReport(ctx context.Context, from, to time.Time) ([]data.AttendanceSummary, error)
	StudyRecord(ctx context.Context, staffID int64, from, to time.Time) (data.StudyRecord, error)
	Accountability(ctx context.Context, staffID int64, from, to time.Time) ([]data.AccountabilityEntry, error)
	ComplaintsAbout(ctx context.Context, by data.Session, staffID int64, from, to time.Time) ([]data.ComplaintRow, error)
	Breaches(ctx context.Context, staffID int64, from, to time.Time) ([]data.Breach, error)
}

// Figures of a record, the keys of RecordScreen.Figures.
const (
	RecOwned          = "owned"          // requests owned as 首问
	RecOnTime         = "ontime"         // on-time rate of those finished
	RecSignIn         = "signin"         // days signed in
	RecWorkdays       = "workdays"       // working days so far in the period
	RecLeave          = "leave"          // working days on leave
	RecAbsent         = "absent"         // working days absent
	RecLate           = "late"           // late sign-ins
	RecStudy          = "study"          // study sessions attended / held with a roll-call
	RecStudyLeave     = "studyLeave"     // study sessions on leave
	RecComplaints     = "complaints"     // complaints about them
	RecSubstantiated  = "substantiated"  // of which substantiated
	RecAccountability = "accountability" // accountability entries
)

// recordFigures are the figures in display order.
var recordFigures = []string{RecOwned, RecOnTime, RecSignIn, RecWorkdays, RecLeave, RecAbsent, RecLate, RecStudy,
	RecStudyLeave, RecComplaints, RecSubstantiated, RecAccountability}

// RecordScreen is one person's record for a period.
type RecordScreen struct {
	StaffID int64
	Title   *widget.Label
	Period  *touch.Select
	Back    *widget.Button
	Status  *widget.Label
	// Figures are the record's figures as shown, by the Rec* keys.
	Figures map[string]*widget.Label
	// The lines of each part, as shown.
	LateLines       []string
	StudyLines      []string
	ComplaintLines  []string
	AccountLines    []string
	ComplaintNotice *widget.Label // why complaints are not listed (回避), or ""
	Loaded          bool

	a       *Admin
	name    string
	body    *fyne.Container
	late    *fyne.Container
	study   *fyne.Container
	comps   *fyne.Container
	acct    *fyne.Container
	content fyne.CanvasObject
	load    latest
}

// openRecord shows staffID's record in the section's place; back returns
// to the section. It returns the screen.
func (a *Admin) openRecord(staffID int64, name string, back func()) *RecordScreen {
	d := a.d
	r := &RecordScreen{a: a, StaffID: staffID, name: name, Figures: map[string]*widget.Label{}}
	r.Title = widget.NewLabel(lang.L("study.record.title", map[string]any{"Name": name}))
	r.Title.TextStyle = fyne.TextStyle{Bold: true}
	// A record covers a month or the year: no custom days, no day picker.
	r.Period = touch.NewSelect(periodNames(len(reportPeriods)-1), nil)
	r.Period.SetSelectedIndex(2) // this year
	r.Period.OnChanged = func(string) { d.Activity(); r.Reload() }
	r.Back = widget.NewButtonWithIcon(lang.L("study.record.back"), fynetheme.NavigateBackIcon(), d.tap(back))
	r.Status = widget.NewLabel("")
	r.Status.Wrapping = fyne.TextWrapWord
	r.ComplaintNotice = widget.NewLabel("")
	r.ComplaintNotice.Wrapping = fyne.TextWrapWord
	for _, k := range recordFigures {
		l := widget.NewLabel("—")
		l.TextStyle = fyne.TextStyle{Bold: true}
		r.Figures[k] = l
	}
	r.late, r.study, r.comps, r.acct = container.NewVBox(), container.NewVBox(), container.NewVBox(), container.NewVBox()
	figs := func(keys ...string) fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for _, k := range keys {
			cells = append(cells, container.NewHBox(widget.NewLabel(lang.L("study.record.fig."+k)), r.Figures[k]))
		}
		return container.NewGridWrap(fyne.NewSize(330, 44), cells...)
	}
	part := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		t := sectionTitle(title)
		t.Importance = widget.HighImportance
		return container.NewVBox(append(append([]fyne.CanvasObject{t}, objs...), widget.NewSeparator())...)
	}
	body := container.NewVBox(
		part(lang.L("study.record.part.requests"), figs(RecOwned, RecOnTime)),
		part(lang.L("study.record.part.attendance"), figs(RecSignIn, RecWorkdays, RecLeave, RecAbsent, RecLate), r.late),
		part(lang.L("study.record.part.study"), figs(RecStudy, RecStudyLeave), r.study),
		part(lang.L("study.record.part.complaints"), figs(RecComplaints, RecSubstantiated), r.ComplaintNotice, r.comps),
		part(lang.L("study.record.part.accountability"), figs(RecAccountability), r.acct),
	)
	r.body = body
	top := container.NewBorder(nil, nil, container.NewHBox(r.Back, r.Title),
		container.NewHBox(widget.NewLabel(lang.L("admin.reports.periodLabel")),
			container.New(&fixedSize{size: fyne.NewSize(160, 0)}, r.Period)))
	r.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), r.Status, nil, nil,
		touch.NewVScroll(body))
	a.setBody(r.content)
	r.Reload()
	return r
}

// SetPeriod chooses a period (one of the Period constants but
// PeriodCustom) and loads it.
func (r *RecordScreen) SetPeriod(p string) {
	if i := periodIndex(p); i >= 0 {
		r.Period.SetSelectedIndex(i)
	}
}

// recordData is everything a record shows, read off the UI goroutine.
type recordData struct {
	person     data.PersonReport
	attendance data.AttendanceSummary
	late       []data.Breach
	study      data.StudyRecord
	complaints []data.ComplaintRow
	compErr    error
	acct       []data.AccountabilityEntry
}

// Reload reads the record for the chosen period.
func (r *RecordScreen) Reload() {
	d, st, sess := r.a.d, r.a.store, r.a.d.session
	ctx := d.opts.Context
	choice := PeriodThisYear
	if i := r.Period.SelectedIndex(); i >= 0 {
		choice = reportPeriods[i].period
	}
	from, to := periodOf(choice, d.opts.Now())
	id := r.StaffID
	r.Status.SetText(lang.L("admin.loading"))
	r.load.run(d, func() func() {
		var x recordData
		err := func() error {
			rep, err := st.Report(ctx, from, to)
			if err != nil {
				return err
			}
			x.person = data.PersonReport{StaffID: id, Name: r.name}
			for _, p := range rep.People {
				if p.StaffID == id {
					x.person = p
				}
			}
			att, err := st.AttendanceReport(ctx, from, to)
			if err != nil {
				return err
			}
			for _, a := range att {
				if a.StaffID == id {
					x.attendance = a
				}
			}
			breaches, err := st.Breaches(ctx, id, from, to)
			if err != nil {
				return err
			}
			for _, b := range breaches {
				if b.Kind == data.BreachLate {
					x.late = append(x.late, b)
				}
			}
			if x.study, err = st.StudyRecord(ctx, id, from, to); err != nil {
				return err
			}
			x.complaints, x.compErr = st.ComplaintsAbout(ctx, sess, id, from, to)
			x.acct, err = st.Accountability(ctx, id, from, to)
			return err
		}()
		return func() {
			r.show(x, err)
		}
	})
}

func (r *RecordScreen) show(x recordData, err error) {
	if err != nil {
		r.Status.SetText(locale.Message(err))
		return
	}
	r.Loaded = true
	r.Status.SetText("")
	p, at, sr := x.person, x.attendance, x.study
	n := func(v int) string { return lang.L("study.record.n", map[string]any{"N": v}) }
	days := func(v int) string { return lang.L("study.record.days", map[string]any{"N": v}) }
	set := func(k, v string) { r.Figures[k].SetText(v) }
	set(RecOwned, n(p.FirstOwned))
	set(RecOnTime, ratioText(p.OnTime))
	set(RecSignIn, days(at.Present))
	set(RecWorkdays, days(at.Workdays))
	set(RecLeave, days(at.Leave))
	set(RecAbsent, days(at.Absent))
	set(RecLate, lang.L("study.record.times", map[string]any{"N": len(x.late)}))
	set(RecStudy, ratioText(sr.Rate()))
	set(RecStudyLeave, lang.L("study.record.times", map[string]any{"N": sr.Leave}))
	set(RecComplaints, n(p.Complaints))
	set(RecSubstantiated, n(p.Substantiated))
	set(RecAccountability, lang.L("study.record.entries", map[string]any{"N": len(x.acct)}))

	r.LateLines = nil
	for _, b := range x.late {
		r.LateLines = append(r.LateLines, b.Text)
	}
	r.StudyLines = nil
	for _, l := range sr.Sessions {
		line := l.Day + "  " + studyKindWord(l.Kind) + "  " + l.Topic + "  —  " + markWord(l.Mark())
		if extra := rollNoteExtra(l.Mark(), l.Note); extra != "" {
			line += "（" + extra + "）"
		}
		r.StudyLines = append(r.StudyLines, line)
	}
	r.ComplaintLines = nil
	r.ComplaintNotice.SetText("")
	if x.compErr != nil {
		r.ComplaintNotice.SetText(locale.Message(x.compErr))
	}
	for _, c := range x.complaints {
		verdict := lang.L("study.record.undecided")
		if c.Substantiated != nil {
			verdict = lang.L("study.record.unsubstantiated")
			if *c.Substantiated {
				verdict = lang.L("study.record.substantiated")
			}
		}
		line := dayTime(c.Created)[:10] + "  " + c.Code + "  " + complaintStatusWord(c.Status) + "  " + verdict
		if c.Result != "" {
			line += "：" + c.Result
		}
		r.ComplaintLines = append(r.ComplaintLines, line)
	}
	r.AccountLines = nil
	for _, e := range x.acct {
		r.AccountLines = append(r.AccountLines, accountLine(e))
	}
	fill(r.late, r.LateLines, lang.L("study.record.noLate"))
	fill(r.study, r.StudyLines, lang.L("study.record.noStudy"))
	fill(r.comps, r.ComplaintLines, lang.L("study.record.noComplaints"))
	fill(r.acct, r.AccountLines, lang.L("study.record.noAccountability"))
	r.body.Refresh()
}

// accountLine is an accountability entry in one line.
func accountLine(e data.AccountabilityEntry) string {
	parts := []string{dayTime(e.At)[:10], accountabilityWord(e.Kind), e.Note}
	if e.DeadlineDay != "" {
		parts = append(parts, lang.L("acct.deadlineShort", map[string]any{"Day": e.DeadlineDay}))
	}
	if e.Outcome != "" {
		parts = append(parts, lang.L("acct.outcomeShort", map[string]any{"Text": e.Outcome}))
	} else if e.Overdue {
		parts = append(parts, lang.L("acct.overdue"))
	}
	return strings.Join(parts, "  ")
}

// fill shows lines as wrapped labels, or empty when there are none.
func fill(c *fyne.Container, lines []string, empty string) {
	c.RemoveAll()
	if len(lines) == 0 {
		l := widget.NewLabel(empty)
		l.Importance = widget.LowImportance
		c.Add(l)
	}
	for _, s := range lines {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		c.Add(l)
	}
	c.Refresh()
}

// ratioText is a rate with its parts: "85.7%（6/7）", or "—（0/0）" with
// nothing to count.
func ratioText(r data.Ratio) string {
	return fmt.Sprintf("%s（%d/%d）", r.Percent(), r.N, r.Of)
}

// tapLine is a row of a list that does something when tapped, at least a
// touch target tall. The rows of the lists embed it (and call
// ExtendBaseWidget with themselves); newTapLine makes a plain one.
type tapLine struct {
	widget.BaseWidget
	onTap func()
	box   fyne.CanvasObject
}

func newTapLine(o fyne.CanvasObject, onTap func()) *tapLine {
	t := &tapLine{onTap: onTap, box: rowBox(o)}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped is part of fyne.Tappable.
func (t *tapLine) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// CreateRenderer is part of fyne.Widget.
func (t *tapLine) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.box) }

// MinSize keeps a row a comfortable touch target.
func (t *tapLine) MinSize() fyne.Size {
	return t.BaseWidget.MinSize().Max(fyne.NewSize(0, bmtheme.MinTouchTarget))
}

// nameButton is a person's name that opens their record.
func nameButton(d *Desk, name string, open func()) *widget.Button {
	b := widget.NewButtonWithIcon(name, fynetheme.AccountIcon(), d.tap(open))
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}
