package staff_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
	"bianmin/ui/staff"
)

// chinaDay is midnight of a day in China.
func chinaDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, data.China)
}

// pick chooses a day on a DatePicker through its selects, as a person would.
func pick(t *testing.T, p *staff.DatePicker, y int, m time.Month, d int) {
	t.Helper()
	p.Year.SetSelected(itoa(y) + "年")
	p.Month.SetSelected(itoa(int(m)) + "月")
	p.Day.SetSelected(itoa(d) + "日")
	require.Equal(t, chinaDay(y, m, d), p.Date())
}

func TestReportCustomPeriodChartsAndPDF(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	r := adminRig(t)
	ctx := context.Background()
	r.d.Admin.Show(staff.SectionReports)
	rp := r.d.Admin.Reports
	require.NotNil(t, rp)
	require.True(t, rp.Loaded)
	// This month (March, per day): the line charts have a point per day.
	assert.Len(t, rp.Trend.Labels, 31)
	require.Len(t, rp.Trend.Segments, 2)
	assert.Len(t, rp.Trend.Segments[0], 30, "31 days joined by 30 segments")
	assert.Equal(t, "登记与办结件数（按日）", rp.Trend.Title)
	assert.Len(t, rp.OnTime.Series, 1)
	march := rp.Report

	// 自定义 asks for the days, starting from the days on show; 取消 goes
	// back to the month.
	rp.SetPeriod(staff.PeriodCustom)
	require.NotNil(t, rp.Dates)
	require.True(t, rp.Dates.Open())
	assert.Equal(t, chinaDay(2026, 3, 1), rp.From.Date())
	assert.Equal(t, chinaDay(2026, 3, 31), rp.To.Date())
	test.Tap(rp.Dates.Cancel)
	assert.False(t, rp.Dates.Open())
	assert.Equal(t, "本月", rp.Period.Selected)
	assert.False(t, rp.Days.Visible())

	// January and February, chosen with the selects.
	rp.SetPeriod(staff.PeriodCustom)
	pick(t, rp.From, 2026, 1, 1)
	pick(t, rp.To, 2026, 2, 28)
	test.Tap(rp.Dates.Submit)
	assert.False(t, rp.Dates.Open())
	want, err := r.s.Report(ctx, chinaDay(2026, 1, 1), chinaDay(2026, 3, 1))
	require.NoError(t, err)
	require.True(t, rp.Loaded)
	assert.Equal(t, want.Requests, rp.Report.Requests)
	assert.Equal(t, want.Finished, rp.Report.Finished)
	assert.Equal(t, want.OnTime, rp.Report.OnTime)
	assert.NotEqual(t, march.Requests, rp.Report.Requests, "the figures follow the period")
	assert.Equal(t, "统计期间：2026-01-01 至 2026-02-28", rp.Status.Text)
	assert.Equal(t, "2026-01-01 至 2026-02-28", rp.Days.Text)
	assert.True(t, rp.Days.Visible())
	assert.Equal(t, filepath.Join(home, "bianmin-报表-20260101-20260228.xlsx"), rp.Path.Text)
	assert.Len(t, rp.Trend.Labels, 59, "59 days: per day")
	registered := 0
	for _, p := range want.Series().Points {
		registered += p.Registered
	}
	assert.Equal(t, want.Requests, registered)

	// A longer period is drawn per week; the dialog opens on the days shown.
	test.Tap(rp.Days)
	require.True(t, rp.Dates.Open())
	assert.Equal(t, chinaDay(2026, 2, 28), rp.To.Date())
	pick(t, rp.From, 2025, 10, 1)
	test.Tap(rp.Dates.Submit)
	assert.Equal(t, data.StepWeek, rp.Report.Series().Step)
	assert.Equal(t, "登记与办结件数（按周）", rp.Trend.Title)
	assert.Len(t, rp.Trend.Labels, 22, "Wed 10-01 … Sat 02-28: 22 weeks (Monday to Sunday)")
	shown := rp.Report.Requests

	// The day list follows the month: the 31st becomes February's 28th.
	test.Tap(rp.Days)
	pick(t, rp.From, 2026, 1, 31)
	rp.From.Month.SetSelected("2月")
	assert.Equal(t, "28日", rp.From.Day.Selected)
	assert.Len(t, rp.From.Day.Options, 28)

	// The end before the start: the dialog stays open and says why; the
	// report on show stays as it was.
	pick(t, rp.From, 2026, 3, 2)
	pick(t, rp.To, 2026, 3, 1)
	test.Tap(rp.Dates.Submit)
	assert.True(t, rp.Dates.Open())
	assert.Equal(t, "结束日期（2026年3月1日）早于开始日期（2026年3月2日），请重新选择。", rp.Dates.Error.Text)
	// Longer than three years.
	pick(t, rp.From, 2020, 1, 1)
	pick(t, rp.To, 2026, 3, 5)
	test.Tap(rp.Dates.Submit)
	assert.True(t, rp.Dates.Open())
	assert.Equal(t, "统计期间最长3年，请缩短期间后再统计。", rp.Dates.Error.Text)
	test.Tap(rp.Dates.Cancel)
	assert.Equal(t, "自定义", rp.Period.Selected, "cancelling keeps the days chosen before")
	assert.Equal(t, shown, rp.Report.Requests)

	// January and February again, then the PDF.
	rp.SetCustom(chinaDay(2026, 1, 1), chinaDay(2026, 2, 28))
	require.True(t, rp.Loaded)
	require.Equal(t, want.Requests, rp.Report.Requests)
	dir := t.TempDir()
	rp.Path.SetText(filepath.Join(dir, "报表.xlsx"))
	require.False(t, rp.ExportPDF.Disabled())
	test.Tap(rp.ExportPDF)
	path := filepath.Join(dir, "报表.pdf")
	assert.Equal(t, "已导出到 "+path, rp.Status.Text)
	pdf, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
	words := papertest.Words(t, pdf, "-layout")
	for _, s := range []string{"统计报表", "统计期间：2026-01-01至2026-02-28", "制表人：张建华",
		"登记件数" + itoa(want.Requests), "办结件数" + itoa(want.Finished), "按期办结率" + want.OnTime.Percent(),
		"登记与办结件数（按日）", "按事项", "按办理方式", "按状态", "按窗口", "按渠道", "按日统计", "投诉", "评价", "人员",
		"制表时间2026-03-0509:30", "第1页共"} {
		assert.Contains(t, words, s)
	}
	for _, c := range want.ByMode {
		assert.Contains(t, words, c.Label+itoa(c.N))
	}
	page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditDataExport})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Contains(t, page.Entries[0].Target, "（PDF）")

	// 打印报表: A4 through the desk's printer, recorded too.
	test.Tap(rp.Print)
	require.Len(t, r.printer.Jobs, 1)
	assert.Equal(t, "A4", r.printer.Media[0])
	assert.Contains(t, papertest.Words(t, r.printer.Jobs[0], "-layout"), "统计期间：2026-01-01至2026-02-28")
	assert.Contains(t, rp.Status.Text, "已送打印机")
	page, err = r.s.Audit(ctx, data.AuditFilter{Action: data.AuditDataExport})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 2)

	if dir := shots.Dir(t, ""); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "report-custom.pdf"), pdf, 0o644))
	}
}

// brokenPrinter is a printer that is out of paper.
type brokenPrinter struct{}

func (brokenPrinter) Print(context.Context, []byte, string) (string, error) {
	return "", &paper.PrintError{Kind: paper.ErrPrinterStopped, Queue: "a4"}
}

func TestReportPrintFails(t *testing.T) {
	r := newRig(t, true)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1280, 800))
	d := staff.New(r.s, w, staff.Options{Context: context.Background(), Now: func() time.Time { return r.now },
		Run: func(f func()) { f() }, After: r.timers.After, Printer: brokenPrinter{}})
	w.SetContent(d.Content())
	d.Open()
	b := &rig{d: d, s: r.s, w: w, timers: r.timers, now: r.now, ids: r.ids}
	b.login(t, "张建华", adminPIN)
	test.Tap(d.AdminButton)
	d.Admin.Show(staff.SectionReports)
	rp := d.Admin.Reports
	require.True(t, rp.Print.Visible())
	test.Tap(rp.Print)
	assert.Equal(t, "报表未能打印：打印机已暂停（可能缺纸或卡纸）。请检查打印机后再点“打印报表”。", rp.Status.Text)
	assert.False(t, rp.Print.Disabled(), "the button stays for another try")
	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditDataExport})
	require.NoError(t, err)
	assert.Empty(t, page.Entries, "nothing printed, nothing recorded")
}
