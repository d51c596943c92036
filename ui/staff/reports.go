package staff

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// Report periods offered.
const (
	PeriodThisMonth = "this_month"
	PeriodLastMonth = "last_month"
	PeriodThisYear  = "this_year"
)

// ReportPeriods are the periods in the order offered.
var ReportPeriods = []string{PeriodThisMonth, PeriodLastMonth, PeriodThisYear}

// Reports is the statistics screen (§5): a period, the report's figures as
// bar charts and tables, and export to XLSX or CSV.
type Reports struct {
	Period *widget.Select
	// Report is the report on show (zero until loaded).
	Report data.Report
	Loaded bool
	// Tables are the report's tables as shown, in order.
	Tables []data.ReportTable
	// Charts: requests by item and the rating distribution.
	ByItem  *BarChart
	Ratings *BarChart
	// Path is where the export is written; the CSV goes beside it with
	// the .csv extension.
	Path       *widget.Entry
	ExportXLSX *widget.Button
	ExportCSV  *widget.Button
	Status     *widget.Label

	a       *Admin
	body    *fyne.Container
	content fyne.CanvasObject
	from    time.Time
	to      time.Time
	seq     int
}

func newReports(a *Admin) *Reports {
	d := a.d
	r := &Reports{a: a}
	var names []string
	for _, p := range ReportPeriods {
		names = append(names, lang.L("admin.reports.period."+p))
	}
	r.Period = widget.NewSelect(names, nil)
	r.Period.SetSelectedIndex(0)
	r.Period.OnChanged = func(string) { d.Activity(); r.Reload() }
	r.Path = d.newEntry(false, "")
	r.ExportXLSX = widget.NewButtonWithIcon(lang.L("admin.reports.exportXLSX"), fynetheme.DocumentSaveIcon(),
		d.tap(func() { r.Export("xlsx") }))
	r.ExportCSV = widget.NewButtonWithIcon(lang.L("admin.reports.exportCSV"), fynetheme.DocumentSaveIcon(),
		d.tap(func() { r.Export("csv") }))
	r.ExportXLSX.Importance = widget.HighImportance
	r.Status = widget.NewLabel("")
	r.Status.Wrapping = fyne.TextWrapWord
	r.ByItem = NewBarChart(lang.L("admin.reports.chartByItem"))
	r.Ratings = NewBarChart(lang.L("admin.reports.chartRatings"))
	r.body = container.NewVBox()
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lang.L("admin.reports.periodLabel")),
		container.New(&fixedSize{size: fyne.NewSize(160, 0)}, r.Period), widget.NewLabel(lang.L("admin.reports.path"))),
		container.NewHBox(r.ExportXLSX, r.ExportCSV), r.Path)
	r.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), r.Status, nil, nil,
		container.NewVScroll(r.body))
	r.Reload()
	return r
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

// defaultExportPath is ~/bianmin-报表-YYYYMM.xlsx (YYYY for a year).
func defaultExportPath(choice string, from time.Time) string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	stamp := from.In(data.China).Format("200601")
	if choice == PeriodThisYear {
		stamp = from.In(data.China).Format("2006")
	}
	return filepath.Join(home, "bianmin-报表-"+stamp+".xlsx")
}

// SetPeriod chooses a period (one of ReportPeriods) and loads it.
func (r *Reports) SetPeriod(p string) {
	for i, x := range ReportPeriods {
		if x == p {
			r.Period.SetSelectedIndex(i) // OnChanged reloads
		}
	}
}

func (r *Reports) choice() string {
	if i := r.Period.SelectedIndex(); i >= 0 {
		return ReportPeriods[i]
	}
	return PeriodThisMonth
}

// Reload computes the report of the chosen period.
func (r *Reports) Reload() {
	d, st := r.a.d, r.a.store
	choice := r.choice()
	from, to := periodOf(choice, d.opts.Now())
	r.from, r.to = from, to
	r.Path.SetText(defaultExportPath(choice, from))
	r.seq++
	seq := r.seq
	r.Status.SetText(lang.L("admin.reports.computing"))
	r.ExportXLSX.Disable()
	r.ExportCSV.Disable()
	d.async(func() func() {
		rep, err := st.Report(d.opts.Context, from, to)
		return func() {
			if seq != r.seq {
				return
			}
			if err != nil {
				r.Status.SetText(data.Message(err))
				return
			}
			r.show(rep)
		}
	})
}

func (r *Reports) show(rep data.Report) {
	r.Report, r.Loaded = rep, true
	r.Tables = rep.Tables()
	r.Status.SetText(lang.L("admin.reports.periodShown", map[string]any{"Period": rep.PeriodLabel()}))
	r.ExportXLSX.Enable()
	r.ExportCSV.Enable()
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
	r.Ratings.SetData(rep.Ratings)
	r.body.Add(container.NewGridWithColumns(2, r.ByItem, r.Ratings))
	for _, t := range r.Tables[1:] { // the summary is the figures above
		r.body.Add(tableView(t))
	}
	r.body.Refresh()
}

// newFigure is a headline number with its name, on one line.
func newFigure(name, value string) fyne.CanvasObject {
	v := widget.NewLabel(value)
	v.SizeName = fynetheme.SizeNameSubHeadingText
	v.TextStyle = fyne.TextStyle{Bold: true}
	n := widget.NewLabel(name)
	n.Truncation = fyne.TextTruncateEllipsis
	return rowBox(container.NewBorder(nil, nil, nil, v, n))
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

// Export writes the report as XLSX or CSV ("xlsx", "csv") to ExportPath and
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
	r.Status.SetText(lang.L("admin.reports.exporting"))
	r.ExportXLSX.Disable()
	r.ExportCSV.Disable()
	d.async(func() func() {
		err := writeFileAtomic(path, func(w io.Writer) error {
			if kind == "csv" {
				return rep.WriteCSV(w)
			}
			return rep.WriteXLSX(w)
		})
		if err == nil {
			what := lang.L("admin.reports.exportWhat", map[string]any{"Period": rep.PeriodLabel(),
				"Kind": strings.ToUpper(kind)})
			err = st.RecordExport(d.opts.Context, sess, what, path)
		}
		return func() {
			r.ExportXLSX.Enable()
			r.ExportCSV.Enable()
			if err != nil {
				r.Status.SetText(lang.L("admin.reports.exportFailed", map[string]any{"Error": fileMessage(err)}))
				return
			}
			r.Status.SetText(lang.L("admin.reports.exported", map[string]any{"Path": path}))
		}
	})
}

// writeFileAtomic writes a file through a temporary file beside it, so a
// failed write leaves no half-written file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".bianmin-export-*.tmp")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}
