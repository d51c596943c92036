package staff

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

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

// Report periods offered.
const (
	PeriodThisMonth = "this_month"
	PeriodLastMonth = "last_month"
	PeriodThisYear  = "this_year"
	// PeriodCustom is any days the administrator picks (From, To).
	PeriodCustom = "custom"
)

// reportPeriod is a period offered and the translation key of its name.
type reportPeriod struct{ period, key string }

// reportPeriods are the periods in the order offered. The staff record
// offers all but the last.
var reportPeriods = []reportPeriod{
	{PeriodThisMonth, "admin.reports.period.this_month"},
	{PeriodLastMonth, "admin.reports.period.last_month"},
	{PeriodThisYear, "admin.reports.period.this_year"},
	{PeriodCustom, "report.period.custom"},
}

// periodNames are the names of reportPeriods[:n], for a select.
func periodNames(n int) []string {
	names := make([]string, n)
	for i, p := range reportPeriods[:n] {
		names[i] = lang.L(p.key)
	}
	return names
}

// periodIndex is p's place in reportPeriods, -1 for none.
func periodIndex(p string) int {
	return slices.IndexFunc(reportPeriods, func(x reportPeriod) bool { return x.period == p })
}

// Reports is the statistics screen (§5): a period (a month, the year or
// any days), the report's figures as line and bar charts and tables, export
// to XLSX, CSV or PDF and printing on A4.
type Reports struct {
	Period *touch.Select
	// Days opens the dialog that picks the days of the custom period (shown
	// with 自定义, labelled with the days chosen); Dates is that dialog
	// while open, From and To its pickers.
	Days     *widget.Button
	Dates    *FormDialog
	From, To *DatePicker
	// Report is the report on show (zero until loaded).
	Report data.Report
	Loaded bool
	// Tables are the report's tables as shown below the figures, in order.
	Tables []data.ReportTable
	// Charts: requests by item and the rating distribution.
	ByItem  *BarChart
	Ratings *BarChart
	// Trend is requests registered and finished over the period, OnTime
	// the on-time rate (per day, week or month).
	Trend  *LineChart
	OnTime *LineChart
	// Path is where the export is written; the CSV and the PDF go beside
	// it with their own extension.
	Path       *widget.Entry
	ExportXLSX *widget.Button
	ExportCSV  *widget.Button
	ExportPDF  *widget.Button
	// Print prints the report on A4 (hidden without a printer).
	Print  *widget.Button
	Status *widget.Label

	a    *Admin
	body *fyne.Container
	// custFrom, custTo are the custom period's days once chosen.
	custFrom, custTo time.Time
	// choiceShown is the period select's choice on show (for going back
	// when the day dialog is cancelled).
	choiceShown int
	content     fyne.CanvasObject
	from        time.Time
	to          time.Time
	load        latest
}

func newReports(a *Admin) *Reports {
	d := a.d
	r := &Reports{a: a}
	r.Period = touch.NewSelect(periodNames(len(reportPeriods)), nil)
	r.Period.SetSelectedIndex(0)
	r.Period.OnChanged = func(string) { d.Activity(); r.onPeriod() }
	r.Days = widget.NewButtonWithIcon("", fynetheme.CalendarIcon(), d.tap(r.pickDays))
	r.Days.Hide()
	r.Path = d.newEntry(false, "")
	r.ExportXLSX = widget.NewButtonWithIcon(lang.L("admin.reports.exportXLSX"), fynetheme.DocumentSaveIcon(),
		d.tap(func() { r.Export("xlsx") }))
	r.ExportCSV = widget.NewButtonWithIcon(lang.L("admin.reports.exportCSV"), fynetheme.DocumentSaveIcon(),
		d.tap(func() { r.Export("csv") }))
	r.ExportPDF = widget.NewButtonWithIcon(lang.L("report.exportPDF"), fynetheme.DocumentSaveIcon(),
		d.tap(func() { r.Export("pdf") }))
	r.Print = widget.NewButtonWithIcon(lang.L("report.print"), fynetheme.DocumentPrintIcon(), d.tap(r.onPrint))
	r.ExportXLSX.Importance = widget.HighImportance
	if d.opts.Printer == nil {
		r.Print.Hide()
	}
	r.Status = widget.NewLabel("")
	r.Status.Wrapping = fyne.TextWrapWord
	r.ByItem = NewBarChart(lang.L("admin.reports.chartByItem"))
	r.Ratings = NewBarChart(lang.L("admin.reports.chartRatings"))
	r.Trend = NewLineChart(lang.L("report.chart.trend"), false)
	r.OnTime = NewLineChart(lang.L("report.chart.onTime"), true)
	r.body = container.NewVBox()
	period := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lang.L("admin.reports.periodLabel")),
		container.New(&fixedSize{size: fyne.NewSize(150, 0)}, r.Period), r.Days), r.Print)
	export := container.NewBorder(nil, nil, widget.NewLabel(lang.L("admin.reports.path")),
		container.NewHBox(r.ExportXLSX, r.ExportCSV, r.ExportPDF), r.Path)
	r.content = container.NewBorder(container.NewVBox(period, export, widget.NewSeparator()), r.Status, nil, nil,
		touch.NewVScroll(r.body))
	r.Reload()
	return r
}

// onPeriod follows the period select: 自定义 asks for the days (the days on
// show to start with) and computes them once chosen.
func (r *Reports) onPeriod() {
	if r.choice() != PeriodCustom {
		r.Days.Hide()
		r.content.Refresh() // lay the period row out again
		r.choiceShown = r.Period.SelectedIndex()
		r.Reload()
		return
	}
	if r.custFrom.IsZero() {
		r.pickDays()
		return
	}
	r.Days.Show()
	r.content.Refresh()
	r.choiceShown = r.Period.SelectedIndex()
	r.Reload()
}

// setExports enables or disables the export and print buttons.
func (r *Reports) setExports(on bool) {
	for _, b := range []*widget.Button{r.ExportXLSX, r.ExportCSV, r.ExportPDF, r.Print} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// periodOf is the period [from, to) of a choice at now, China time.
func periodOf(choice string, now time.Time) (from, to time.Time) {
	n := now.In(data.China)
	switch choice {
	case PeriodLastMonth:
		first := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, data.China).AddDate(0, -1, 0)
		return data.MonthPeriod(first.Year(), first.Month())
	case PeriodThisYear:
		from = time.Date(n.Year(), 1, 1, 0, 0, 0, 0, data.China)
		return from, from.AddDate(1, 0, 0)
	}
	return data.MonthPeriod(n.Year(), n.Month())
}

// defaultExportPath is ~/bianmin-报表-YYYYMM.xlsx (YYYY for a year,
// YYYYMMDD-YYYYMMDD for other days).
func defaultExportPath(from, to time.Time) string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, "bianmin-报表-"+periodStamp(from, to)+".xlsx")
}

// SetPeriod chooses a period (one of the Period constants) and loads it.
func (r *Reports) SetPeriod(p string) {
	if i := periodIndex(p); i >= 0 {
		r.Period.SetSelectedIndex(i) // OnChanged reloads
	}
}

func (r *Reports) choice() string {
	if i := r.Period.SelectedIndex(); i >= 0 {
		return reportPeriods[i].period
	}
	return PeriodThisMonth
}

// Reload computes the report of the chosen period.
func (r *Reports) Reload() {
	d, st := r.a.d, r.a.store
	choice := r.choice()
	from, to := periodOf(choice, d.opts.Now())
	if choice == PeriodCustom && !r.custFrom.IsZero() {
		from, to = r.custFrom, r.custTo
	}
	r.from, r.to = from, to
	r.Path.SetText(defaultExportPath(from, to))
	r.Status.SetText(lang.L("admin.reports.computing"))
	r.setExports(false)
	r.load.run(d, func() func() {
		rep, err := st.Report(d.opts.Context, from, to)
		return func() {
			if err != nil {
				r.Status.SetText(locale.Message(err))
				return
			}
			r.show(rep)
		}
	})
}

func (r *Reports) show(rep data.Report) {
	r.Report, r.Loaded = rep, true
	r.Tables = reportTables(rep)
	r.Status.SetText(lang.L("admin.reports.periodShown", map[string]any{"Period": periodWords(rep)}))
	r.setExports(true)
	r.body.RemoveAll()
	// Headline figures.
	facts := container.NewGridWithColumns(4)
	for _, f := range []struct {
		key, val string
	}{
		{"requests", fmt.Sprint(rep.Requests)}, {"finished", fmt.Sprint(rep.Finished)},
		{"onTime", rep.OnTime.Percent()}, {"avgDays", fmt.Sprintf("%.2f", rep.AvgWorkdays)},
		{"breaches", fmt.Sprint(rep.Breaches)}, {"complaints", fmt.Sprint(rep.Complaints)},
		{"substantiated", fmt.Sprint(rep.Substantiated)}, {"satisfied", rep.Satisfied.Percent()},
	} {
		facts.Add(newFigure(lang.L("admin.reports.fig."+f.key), f.val))
	}
	r.body.Add(facts)
	items := rep.ByItem
	if len(items) > 12 {
		items = items[:12]
	}
	r.ByItem.SetData(items)
	r.Ratings.SetData(ratingCounts(rep.Ratings))
	series := rep.Series()
	labels, reg, fin, onTime := seriesValues(series)
	r.Trend.Title = lang.L("report.chart.trendStep", map[string]any{"Step": stepWord(series.Step)})
	r.Trend.SetData(labels, []LineSeries{
		{Name: lang.L("report.series.registered"), Values: reg, Color: fynetheme.ColorNamePrimary},
		{Name: lang.L("report.series.finished"), Values: fin, Color: fynetheme.ColorNameWarning}})
	r.OnTime.Title = lang.L("report.chart.onTimeStep", map[string]any{"Step": stepWord(series.Step)})
	r.OnTime.SetData(labels, []LineSeries{
		{Name: lang.L("report.series.onTime"), Values: onTime, Color: fynetheme.ColorNameSuccess}})
	r.body.Add(container.NewGridWithColumns(2, r.Trend, r.OnTime))
	r.body.Add(container.NewGridWithColumns(2, r.ByItem, r.Ratings))
	for _, t := range r.Tables {
		r.body.Add(tableView(t))
	}
	r.body.Refresh()
}

// newFigure is a headline number under its name (side by side, a name
// such as 违反一次性告知 was cut short at 1280 px).
func newFigure(name, value string) fyne.CanvasObject {
	v := widget.NewLabel(value)
	v.SizeName = fynetheme.SizeNameSubHeadingText
	v.TextStyle = fyne.TextStyle{Bold: true}
	n := widget.NewLabel(name)
	n.Truncation = fyne.TextTruncateEllipsis
	return rowBox(container.New(&tightVBox{}, n, v))
}

// tableView shows a report table: its name, a bold header and its rows.
func tableView(t data.ReportTable) fyne.CanvasObject {
	title := widget.NewLabel(t.Name)
	title.SizeName = fynetheme.SizeNameSubHeadingText
	title.TextStyle = fyne.TextStyle{Bold: true}
	grid := container.NewGridWithColumns(len(t.Header))
	for _, h := range t.Header {
		l := widget.NewLabel(h)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Truncation = fyne.TextTruncateEllipsis
		grid.Add(l)
	}
	for _, row := range t.Rows {
		for _, c := range row {
			l := widget.NewLabel(cellString(c))
			l.Truncation = fyne.TextTruncateEllipsis
			grid.Add(l)
		}
	}
	if len(t.Rows) == 0 {
		return container.NewVBox(title, grid, hint(lang.L("admin.reports.noRows")), widget.NewSeparator())
	}
	return container.NewVBox(title, grid, widget.NewSeparator())
}

// cellString is a report cell as text.
func cellString(v any) string {
	switch x := v.(type) {
	case data.Ratio:
		return x.Percent()
	case float64:
		return fmt.Sprintf("%.2f", x)
	}
	return fmt.Sprint(v)
}

// ExportPath is where an export of the kind goes: the path field, with the
// extension of the kind.
func (r *Reports) ExportPath(kind string) string {
	p := strings.TrimSpace(r.Path.Text)
	if p == "" {
		return ""
	}
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[2:])
		}
	}
	return strings.TrimSuffix(p, filepath.Ext(p)) + "." + kind
}

// Export writes the report as XLSX, CSV or PDF ("xlsx", "csv", "pdf") to ExportPath and
// records the export in the audit log.
func (r *Reports) Export(kind string) {
	if !r.Loaded {
		return
	}
	d, st, sess, rep := r.a.d, r.a.store, r.a.d.session, r.Report
	path := r.ExportPath(kind)
	if path == "" {
		r.Status.SetText(lang.L("admin.reports.noPath"))
		return
	}
	var doc paper.Report
	if kind == "pdf" {
		doc = r.paperReport()
	}
	r.Status.SetText(lang.L("admin.reports.exporting"))
	r.setExports(false)
	d.async(func() func() {
		err := writeFileAtomic(d.opts.Context, path, func(w io.Writer) error {
			switch kind {
			case "csv":
				return rep.WriteCSV(w)
			case "pdf":
				pdf, err := paper.ReportPDF(doc)
				if err != nil {
					return err
				}
				_, err = w.Write(pdf.PDF)
				return err
			}
			return rep.WriteXLSX(w)
		})
		if err == nil {
			what := lang.L("admin.reports.exportWhat", map[string]any{"Period": periodWords(rep),
				"Kind": strings.ToUpper(kind)})
			err = st.RecordExport(d.opts.Context, sess, what, path)
		}
		return func() {
			r.setExports(true)
			if err != nil {
				r.Status.SetText(lang.L("admin.reports.exportFailed", map[string]any{"Error": fileMessage(err)}))
				return
			}
			r.Status.SetText(lang.L("admin.reports.exported", map[string]any{"Path": path}))
		}
	})
}

// writeFileAtomic writes a file, in a folder made if missing, through a
// temporary file beside it (data.WriteFileAtomic), so a failed write leaves
// no half-written file.
func writeFileAtomic(ctx context.Context, path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return data.WriteFileAtomic(ctx, path, write)
}
