package staff

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// DatePicker chooses a day with three large selects (year, month, day), so
// no typing is needed on a touchscreen. The day list follows the month: a
// 31st becomes the 30th (or 28th) when the month is changed to a shorter one.
type DatePicker struct {
	Year, Month, Day *touch.Select

	years   []int
	content fyne.CanvasObject
	// OnChanged, if set, is called after any of the three changes.
	OnChanged func()
}

// newDatePicker offers the years first…last.
func newDatePicker(first, last int) *DatePicker {
	p := &DatePicker{}
	var ys, ms []string
	for y := first; y <= last; y++ {
		p.years = append(p.years, y)
		ys = append(ys, lang.L("report.date.year", map[string]any{"N": y}))
	}
	for m := 1; m <= 12; m++ {
		ms = append(ms, lang.L("report.date.month", map[string]any{"N": m}))
	}
	changed := func(string) {
		p.fitDays()
		if p.OnChanged != nil {
			p.OnChanged()
		}
	}
	p.Year = touch.NewSelect(ys, nil)
	p.Month = touch.NewSelect(ms, nil)
	p.Day = touch.NewSelect(nil, nil)
	p.Year.SetSelectedIndex(len(ys) - 1)
	p.Month.SetSelectedIndex(0)
	p.fitDays()
	p.Day.SetSelectedIndex(0)
	p.Year.OnChanged, p.Month.OnChanged = changed, changed
	p.Day.OnChanged = func(string) {
		if p.OnChanged != nil {
			p.OnChanged()
		}
	}
	// A select is as wide as its placeholder: make that its longest
	// option, so it asks for no more room than it needs.
	p.Year.PlaceHolder, p.Month.PlaceHolder = ys[len(ys)-1], ms[11]
	p.Day.PlaceHolder = lang.L("report.date.day", map[string]any{"N": 31})
	p.content = container.NewHBox(p.Year, p.Month, p.Day)
	return p
}

// fitDays makes the day list that of the chosen month, keeping the chosen
// day when the month has it and its last day otherwise.
func (p *DatePicker) fitDays() {
	y, m := p.years[max(0, p.Year.SelectedIndex())], time.Month(max(0, p.Month.SelectedIndex())+1)
	n := time.Date(y, m+1, 0, 0, 0, 0, 0, data.China).Day()
	if len(p.Day.Options) == n {
		return
	}
	day := p.Day.SelectedIndex()
	var ds []string
	for d := 1; d <= n; d++ {
		ds = append(ds, lang.L("report.date.day", map[string]any{"N": d}))
	}
	p.Day.Options = ds
	if day >= 0 {
		keep := p.Day.OnChanged
		p.Day.OnChanged = nil
		p.Day.SetSelectedIndex(min(day, n-1))
		p.Day.OnChanged = keep
	}
	p.Day.Refresh()
}

// Date is the day chosen, midnight China time.
func (p *DatePicker) Date() time.Time {
	y := p.years[max(0, p.Year.SelectedIndex())]
	m := time.Month(max(0, p.Month.SelectedIndex()) + 1)
	return time.Date(y, m, max(0, p.Day.SelectedIndex())+1, 0, 0, 0, 0, data.China)
}

// SetDate chooses the day of t (China time); a year outside the list is
// brought to its nearest end.
func (p *DatePicker) SetDate(t time.Time) {
	t = t.In(data.China)
	keep := p.OnChanged
	p.OnChanged = nil
	defer func() { p.OnChanged = keep }()
	yi := 0
	for i, y := range p.years {
		if y <= t.Year() {
			yi = i
		}
	}
	p.Year.SetSelectedIndex(yi)
	p.Month.SetSelectedIndex(int(t.Month()) - 1)
	p.fitDays()
	p.Day.SetSelectedIndex(min(t.Day(), len(p.Day.Options)) - 1)
}

// yearsOffered is how many years back the pickers go.
const yearsOffered = 10

// pickDays asks for the days of the custom period in a dialog: a row of
// selects for the first day and one for the last, starting from the days
// on show. 确定 checks them (the last not before the first, at most three
// years) and keeps the dialog open with the reason when they will not do;
// 取消 the first time goes back to the period shown before.
func (r *Reports) pickDays() {
	d := r.a.d
	y := d.opts.Now().In(data.China).Year()
	r.From, r.To = newDatePicker(y-yearsOffered, y), newDatePicker(y-yearsOffered, y)
	if !r.from.IsZero() {
		r.From.SetDate(r.from)
		r.To.SetDate(r.to.Add(-time.Nanosecond))
	}
	var from, to time.Time
	row := func(label string, p *DatePicker) fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return container.NewHBox(l, p.content)
	}
	rows := []fyne.CanvasObject{row(lang.L("report.custom.from"), r.From),
		row(lang.L("report.custom.to"), r.To), hint(lang.L("report.custom.hint"))}
	r.Dates = newFormDialog(d, lang.L("report.custom.title"), rows, fyne.NewSize(660, 560),
		func(f *FormDialog) func() error {
			var err error
			if from, to, err = data.DayPeriod(r.From.Date(), r.To.Date()); err != nil {
				f.Error.SetText(locale.Message(err))
				return nil
			}
			return func() error { return nil }
		}, func() {
			r.custFrom, r.custTo = from, to
			r.Days.SetText(lang.L("report.custom.days", map[string]any{
				"From": from.Format("2006-01-02"), "To": to.AddDate(0, 0, -1).Format("2006-01-02")}))
			r.Days.Show()
			r.content.Refresh() // lay the period row out again
			r.choiceShown = r.Period.SelectedIndex()
			r.Reload()
		})
	cancel := r.Dates.Cancel.OnTapped
	r.Dates.Cancel.OnTapped = func() {
		cancel()
		if r.custFrom.IsZero() && r.Period.SelectedIndex() != r.choiceShown {
			r.Period.SetSelectedIndex(r.choiceShown) // back to the period on show
		}
	}
}

// SetCustom chooses 自定义 with the days first…last and computes it (as
// the day dialog would).
func (r *Reports) SetCustom(first, last time.Time) {
	r.SetPeriod(PeriodCustom)
	if r.Dates == nil || !r.Dates.Open() {
		r.pickDays()
	}
	r.From.SetDate(first)
	r.To.SetDate(last)
	r.Dates.Submit.OnTapped()
}

// periodStamp is the part of an export's file name that names the period:
// 202603 for a month, 2026 for a year, 20260301-20260415 otherwise.
func periodStamp(from, to time.Time) string {
	f, l := from.In(data.China), to.In(data.China).AddDate(0, 0, -1)
	switch {
	case f.Day() == 1 && f.AddDate(0, 1, 0).Equal(to.In(data.China)):
		return f.Format("200601")
	case f.YearDay() == 1 && f.AddDate(1, 0, 0).Equal(to.In(data.China)):
		return strconv.Itoa(f.Year())
	}
	return f.Format("20060102") + "-" + l.Format("20060102")
}
