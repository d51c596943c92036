//go:build shots

package staff_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// TestReportScreenshots writes the reports screen at 1280×800 into
// $BIANMIN_SHOTS (for looking at it).
func TestReportScreenshots(t *testing.T) {
	dir := shots.Need(t, "")
	r := adminRig(t)
	shot := func(name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	r.d.Admin.Show(staff.SectionReports)
	rp := r.d.Admin.Reports
	shot("reports-month")
	rp.SetPeriod(staff.PeriodCustom)
	shot("reports-dialog")
	pick(t, rp.From, 2026, 3, 2)
	pick(t, rp.To, 2026, 3, 1)
	test.Tap(rp.Dates.Submit)
	shot("reports-dialog-bad")
	test.Tap(rp.Dates.Cancel)
	rp.SetCustom(chinaDay(2025, 10, 1), chinaDay(2026, 2, 28))
	shot("reports-custom-weeks")
	rp.SetPeriod(staff.PeriodThisYear)
	shot("reports-year")
	r.w.Canvas().Content().Refresh()
	test.Scroll(r.w.Canvas(), fyne.NewPos(700, 500), 0, -200)
	shot("reports-year-charts")
	for i := 0; i < 3; i++ {
		test.Scroll(r.w.Canvas(), fyne.NewPos(700, 500), 0, -400)
	}
	shot("reports-year-scrolled")
}
