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
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// Administration section: study and training (学习教育制度 §八): the
// sessions of a year (monthly study, yearly training, ethics, a window's
// own study), the months without the monthly study, the roll-call of each
// session (study_roll.go) and each person's attendance rate for the year.
// Administrators only.

// StudyStore is what the section needs from the store.
type StudyStore interface {
	StudySessions(ctx context.Context, from, to time.Time) ([]data.StudySession, error)
	AddStudySession(ctx context.Context, by data.Session, day time.Time, topic string, kind data.StudyKind,
		note string) (int64, error)
	StudyRoll(ctx context.Context, sessionID int64) ([]data.RollLine, error)
	RollCall(ctx context.Context, by data.Session, sessionID int64, present map[int64]bool,
		notes map[int64]string) error
	StudyRecords(ctx context.Context, from, to time.Time) ([]data.StudyRecord, error)
	MonthsWithoutStudy(ctx context.Context, year int) ([]time.Month, error)
	RecordStore
}

// StudyScreen is the section's screen: the year's sessions, the months
// without a monthly study, and everyone's attendance rate.
type StudyScreen struct {
	Year     *touch.Select
	Add      *widget.Button
	Refresh  *widget.Button
	Status   *widget.Label
	Notice   *widget.Label
	Missing  *widget.Label // the months of the year without a monthly study
	Sessions []*StudySessionRow
	People   []*StudyPersonRow
	// Months are the twelve month chips; MonthMissing[m-1] is true for a
	// month without a monthly study.
	MonthMissing [12]bool
	// AddForm is the 新增学习活动 dialog while open, AddFields its fields.
	AddForm   *FormDialog
	AddFields *StudyFields
	// Roll is the roll-call on show, Record the person's record on show.
	Roll   *RollCallScreen
	Record *RecordScreen

	adminList
	years  []int
	months *fyne.Container
	people *fyne.Container
}

func newStudyScreen(a *Admin) *StudyScreen {
	d := a.d
	s := &StudyScreen{adminList: newAdminList(a)}
	this := d.opts.Now().In(data.China).Year()
	var names []string
	for y := this; y >= this-2; y-- {
		s.years = append(s.years, y)
		names = append(names, lang.L("study.year", map[string]any{"Year": y}))
	}
	s.Year = touch.NewSelect(names, nil)
	s.Year.SetSelectedIndex(0)
	s.Year.OnChanged = func(string) { d.Activity(); s.Reload() }
	s.Add = widget.NewButtonWithIcon(lang.L("study.add"), fynetheme.ContentAddIcon(), d.tap(s.OpenAdd))
	s.Add.Importance = widget.HighImportance
	s.Refresh = widget.NewButtonWithIcon(lang.L("admin.refresh"), fynetheme.ViewRefreshIcon(), d.tap(s.Reload))
	s.Status = widget.NewLabel("")
	s.Notice = noticeLabel()
	s.Missing = widget.NewLabel("")
	s.Missing.Wrapping = fyne.TextWrapWord
	s.Missing.TextStyle = fyne.TextStyle{Bold: true}
	s.months = container.NewGridWithColumns(12)
	s.people = container.NewVBox()

	top := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(lang.L("study.yearLabel")),
			container.New(&fixedSize{size: fyne.NewSize(140, 0)}, s.Year)),
		container.NewHBox(s.Add, s.Refresh))
	sessions := container.NewBorder(container.NewVBox(sectionTitle(lang.L("study.sessions")),
		widget.NewSeparator()), nil, nil, nil, touch.NewVScroll(s.list))
	peopleHeader := container.New(studyPersonWeights, boldLabels("study.col.", "name", "attended", "rate")...)
	people := container.NewBorder(container.NewVBox(sectionTitle(lang.L("study.people")), peopleHeader,
		widget.NewSeparator()), nil, nil, nil, touch.NewVScroll(s.people))
	split := container.NewHSplit(sessions, people)
	split.Offset = 0.55
	s.content = container.NewBorder(container.NewVBox(top, s.months, s.Missing, widget.NewSeparator()),
		container.NewHBox(s.Status, s.Notice), nil, nil, split)
	s.Reload()
	return s
}

// sectionTitle is a part's title in bold.
func sectionTitle(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// SelectedYear is the year on show.
func (s *StudyScreen) SelectedYear() int {
	if i := s.Year.SelectedIndex(); i >= 0 {
		return s.years[i]
	}
	return s.years[0]
}

// Reload reads the year again and shows the list.
func (s *StudyScreen) Reload() {
	d, st := s.a.d, s.a.store
	ctx := d.opts.Context
	year := s.SelectedYear()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, data.China)
	to := from.AddDate(1, 0, 0)
	s.Status.SetText(lang.L("admin.loading"))
	s.load.run(d, func() func() {
		var sessions []data.StudySession
		var missing []time.Month
		var recs []data.StudyRecord
		err := func() (err error) {
			if sessions, err = st.StudySessions(ctx, from, to); err != nil {
				return err
			}
			if missing, err = st.MonthsWithoutStudy(ctx, year); err != nil {
				return err
			}
			recs, err = st.StudyRecords(ctx, from, to)
			return err
		}()
		return func() {
			s.show(year, sessions, missing, recs, err)
		}
	})
}

func (s *StudyScreen) show(year int, sessions []data.StudySession, missing []time.Month, recs []data.StudyRecord,
	err error) {
	d := s.a.d
	s.Sessions, s.People = nil, nil
	s.list.RemoveAll()
	s.people.RemoveAll()
	if err != nil {
		s.Status.SetText(locale.Message(err))
		return
	}
	switch len(sessions) {
	case 0:
		s.Status.SetText(lang.L("study.empty"))
	default:
		s.Status.SetText(lang.L("study.count", map[string]any{"N": len(sessions)}))
	}
	now := d.opts.Now().In(data.China)
	s.MonthMissing = [12]bool{}
	for _, m := range missing {
		s.MonthMissing[m-1] = true
	}
	s.months.RemoveAll()
	for m := time.January; m <= time.December; m++ {
		state := monthHad
		switch {
		case s.MonthMissing[m-1]:
			state = monthMissing
		case year > now.Year() || (year == now.Year() && m > now.Month()):
			state = monthAhead
		}
		s.months.Add(monthChip(m, state))
	}
	if len(missing) == 0 {
		s.Missing.Importance = widget.SuccessImportance
		s.Missing.SetText(lang.L("study.noMissing"))
	} else {
		var ms []string
		for _, m := range missing {
			ms = append(ms, lang.L("study.month", map[string]any{"M": int(m)}))
		}
		s.Missing.Importance = widget.DangerImportance
		s.Missing.SetText(lang.L("study.missing", map[string]any{"Months": strings.Join(ms, "、")}))
	}
	for i := len(sessions) - 1; i >= 0; i-- { // newest first
		x := sessions[i]
		row := newStudySessionRow(x, d.tap(func() { s.OpenRoll(x) }))
		s.Sessions = append(s.Sessions, row)
		s.list.Add(row)
	}
	for _, r := range recs {
		row := newStudyPersonRow(d, r, func() { s.OpenRecord(r.StaffID, r.Name) })
		s.People = append(s.People, row)
		s.people.Add(row)
	}
	s.list.Refresh()
	s.people.Refresh()
}

// Month chip states.
const (
	monthHad = iota
	monthMissing
	monthAhead
)

// monthChip is a month coloured by whether it had its monthly study.
func monthChip(m time.Month, state int) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := th.Color(bmtheme.ColorNameStatusOK, v)
	fg := th.Color(bmtheme.ColorNameOnStatus, v)
	switch state {
	case monthMissing:
		bg = th.Color(bmtheme.ColorNameStatusOverdue, v)
	case monthAhead:
		bg = th.Color(fynetheme.ColorNameDisabledButton, v)
		fg = th.Color(fynetheme.ColorNameForeground, v)
	}
	rect := canvas.NewRectangle(bg)
	rect.CornerRadius = 6
	t := canvas.NewText(lang.L("study.month", map[string]any{"M": int(m)}), fg)
	t.Alignment = fyne.TextAlignCenter
	t.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewStack(rect, container.NewPadded(t))
}

// OpenRecord shows a person's record; 返回 comes back to the list.
func (s *StudyScreen) OpenRecord(staffID int64, name string) {
	s.Roll = nil
	s.Record = s.a.openRecord(staffID, name, func() {
		s.Record = nil
		s.a.setBody(s.content)
		s.Reload()
	})
}

// StudySessionRow is a session in the list; tapping it opens its roll-call.
type StudySessionRow struct {
	*tapLine
	Session data.StudySession
	texts   []string
}

func newStudySessionRow(x data.StudySession, onTap func()) *StudySessionRow {
	roll := lang.L("study.notCalled")
	if x.RollCalled {
		roll = lang.L("study.called", map[string]any{"Present": x.Present, "Absent": x.Absent})
	}
	topic := x.Topic
	if x.Note != "" {
		topic += "（" + x.Note + "）"
	}
	r := &StudySessionRow{Session: x, texts: []string{x.Day, studyKindWord(x.Kind), topic, roll}}
	head := widget.NewLabel(x.Day + " · " + studyKindWord(x.Kind))
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Truncation = fyne.TextTruncateEllipsis
	body := widget.NewLabel(topic)
	body.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel(roll)
	if !x.RollCalled {
		status.Importance = widget.WarningImportance
	}
	r.tapLine = newTapLine(container.NewBorder(nil, nil, nil, status,
		container.New(&tightVBox{}, head, body)), onTap)
	return r
}

// tightVBox stacks objects with no space between them.
type tightVBox struct{}

func (tightVBox) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightVBox) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
	}
	return fyne.NewSize(w, h)
}

// Texts are the row's columns as shown.
func (r *StudySessionRow) Texts() []string { return r.texts }

// StudyPersonRow is one person's attendance for the year; the name opens
// their record.
type StudyPersonRow struct {
	widget.BaseWidget
	Record data.StudyRecord
	Name   *widget.Button
	texts  []string
	box    fyne.CanvasObject
}

func newStudyPersonRow(d *Desk, r data.StudyRecord, open func()) *StudyPersonRow {
	rate := r.Rate()
	attended := lang.L("study.attendedOf", map[string]any{"N": rate.N, "Of": rate.Of})
	if r.Leave > 0 {
		attended += lang.L("study.withLeave", map[string]any{"N": r.Leave})
	}
	p := &StudyPersonRow{Record: r, texts: []string{r.Name, attended, rate.Percent()}}
	p.ExtendBaseWidget(p)
	p.Name = nameButton(d, r.Name, open)
	a := widget.NewLabel(attended)
	a.Truncation = fyne.TextTruncateEllipsis
	pct := widget.NewLabel(rate.Percent())
	pct.TextStyle = fyne.TextStyle{Bold: true}
	if rate.Defined() && rate.Value() < 0.8 {
		pct.Importance = widget.DangerImportance
	}
	p.box = rowBox(container.New(studyPersonWeights, slimButton(p.Name), a, pct))
	return p
}

// Texts are the row's columns as shown.
func (p *StudyPersonRow) Texts() []string { return p.texts }

// CreateRenderer is part of fyne.Widget.
func (p *StudyPersonRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

var studyPersonWeights = weightedColumns{1.3, 1.9, 1.0}

// StudyFields are the fields of 新增学习活动.
type StudyFields struct {
	Day   *widget.Entry
	Kind  *widget.RadioGroup
	Topic *widget.Entry
	Note  *widget.Entry
}

// OpenAdd opens the dialog for a new session.
func (s *StudyScreen) OpenAdd() {
	d := s.a.d
	f := &StudyFields{}
	f.Day = d.dayEntry(lang.L("study.dayHint"))
	f.Day.SetText(d.opts.Now().In(data.China).Format("2006-01-02"))
	kinds := wordsOf(data.StudyKinds, studyKindWord)
	f.Kind = d.newChoiceRow(kinds)
	f.Topic = d.newEntry(false, lang.L("study.topicHint"))
	f.Note = d.newEntry(true, lang.L("study.noteHint"))
	// Labels left of their fields: every field and 确定 in sight at once.
	rows := []fyne.CanvasObject{form(labelled(lang.L("study.day"), f.Day),
		labelled(lang.L("study.kind"), f.Kind), labelled(lang.L("study.topic"), f.Topic),
		labelled(lang.L("study.note"), f.Note))}
	s.AddFields = f
	st, sess, ctx := s.a.store, d.session, d.opts.Context
	var added time.Time
	s.AddForm = newFormDialog(d, lang.L("study.add"), rows, fyne.NewSize(1000, 640),
		func(fd *FormDialog) func() error {
			day, err := parseDay(f.Day.Text)
			if err != nil || day.IsZero() {
				fd.Error.SetText(lang.L("study.badDay"))
				return nil
			}
			kind := data.StudyKind("")
			for i, o := range f.Kind.Options {
				if o == f.Kind.Selected {
					kind = data.StudyKinds[i]
				}
			}
			topic, note := f.Topic.Text, f.Note.Text
			return func() error {
				added = day
				_, err := st.AddStudySession(ctx, sess, day, topic, kind, note)
				return err
			}
		},
		func() {
			s.Notice.SetText(lang.L("study.added", map[string]any{"Day": added.Format("2006-01-02")}))
			if y := added.Year(); y != s.SelectedYear() {
				for i, x := range s.years {
					if x == y {
						s.Year.SetSelectedIndex(i) // reloads
						return
					}
				}
			}
			s.Reload()
		})
}

// slimButton keeps a button in a list row about 48 px high (still a touch
// target) instead of the theme's 64, so that more rows fit.
func slimButton(b fyne.CanvasObject) fyne.CanvasObject {
	return tight(b, 12)
}
