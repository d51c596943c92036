package staff

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
	"bianmin/ui/paper"
)

// seriesValues are a series' axis labels and its three lines: registered,
// finished, and the on-time rate (NaN where nothing finished had a due day).
func seriesValues(s data.Series) (labels []string, reg, fin, onTime []float64) {
	for _, p := range s.Points {
		labels = append(labels, p.Label)
		reg = append(reg, float64(p.Registered))
		fin = append(fin, float64(p.Finished))
		v := math.NaN()
		if p.OnTime.Defined() {
			v = p.OnTime.Value()
		}
		onTime = append(onTime, v)
	}
	return labels, reg, fin, onTime
}

// paperReport is the report on show as the printed 统计报表: the headline
// figures, the charts of the screen (every item's bar, not only the first
// twelve) and every table.
func (r *Reports) paperReport() paper.Report {
	d, rep := r.a.d, r.Report
	out := paper.Report{Center: d.center.Name, Period: periodWords(rep), Made: d.opts.Now().In(data.China),
		By: d.session.Name}
	for _, f := range []struct{ key, val string }{
		{"requests", fmt.Sprint(rep.Requests)}, {"finished", fmt.Sprint(rep.Finished)},
		{"onTime", rep.OnTime.Percent()}, {"avgDays", fmt.Sprintf("%.2f", rep.AvgWorkdays)},
		{"breaches", fmt.Sprint(rep.Breaches)}, {"complaints", fmt.Sprint(rep.Complaints)},
		{"substantiated", fmt.Sprint(rep.Substantiated)}, {"satisfied", rep.Satisfied.Percent()},
	} {
		out.Figures = append(out.Figures, [2]string{lang.L("admin.reports.fig." + f.key), f.val})
	}
	series := rep.Series()
	labels, reg, fin, onTime := seriesValues(series)
	step := map[string]any{"Step": stepWord(series.Step)}
	out.Lines = []paper.LineChart{
		{Title: lang.L("report.chart.trendStep", step), Labels: labels, Series: []paper.Line{
			{Name: lang.L("report.series.registered"), Values: reg},
			{Name: lang.L("report.series.finished"), Values: fin, Dashed: true}}},
		{Title: lang.L("report.chart.onTimeStep", step), Labels: labels, Percent: true, Series: []paper.Line{
			{Name: lang.L("report.series.onTime"), Values: onTime}}},
	}
	bars := func(title string, cs []data.Count) paper.BarChart {
		c := paper.BarChart{Title: title}
		for _, x := range cs {
			c.Bars = append(c.Bars, paper.Bar{Label: x.Label, N: x.N})
		}
		return c
	}
	out.Bars = []paper.BarChart{bars(lang.L("admin.reports.chartByItem"), rep.ByItem),
		bars(lang.L("admin.reports.chartRatings"), ratingCounts(rep.Ratings))}
	for _, t := range r.Tables {
		pt := paper.Table{Name: t.Name, Header: t.Header}
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = cellString(c)
			}
			pt.Rows = append(pt.Rows, cells)
		}
		out.Tables = append(out.Tables, pt)
	}
	return out
}

// onPrint prints the report on A4 off the UI goroutine and records it as an
// export to the printer; a printer problem shows the printer's message and
// leaves the button to try again.
func (r *Reports) onPrint() {
	d, st, p := r.a.d, r.a.store, r.a.d.printerFor(paper.A4) // the report is A4
	if !r.Loaded || p == nil {
		return
	}
	sess, ctx, doc, period := d.session, d.opts.Context, r.paperReport(), periodWords(r.Report)
	r.setExports(false)
	r.Status.SetText(lang.L("staff.notice.printing"))
	d.async(func() func() {
		err := printNotice(ctx, p, func() (paper.Document, error) { return paper.ReportPDF(doc) })
		if err == nil {
			what := lang.L("admin.reports.exportWhat", map[string]any{"Period": period, "Kind": lang.L("report.printKind")})
			if aerr := st.RecordExport(ctx, sess, what, lang.L("report.printDest")); aerr != nil {
				fyne.LogError("staff: record report print", aerr)
			}
		}
		return func() {
			r.setExports(true)
			if err != nil {
				fyne.LogError("staff: print report", err)
				r.Status.SetText(lang.L("report.printFailed", map[string]any{"Why": lang.L(printReasons.Key(err))}))
				return
			}
			r.Status.SetText(lang.L("report.printed", map[string]any{"Period": period}))
		}
	})
}

// printReasons say in a few words why the report did not print (the
// printer's own messages speak to residents about their request).
var printReasons = paper.Reasons{NoCUPS: "report.print.noCups", Missing: "report.print.missing",
	Stopped: "report.print.stopped", Failed: "report.print.failed"}
