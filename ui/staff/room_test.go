package staff_test

import (
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// On a 1920×1080 monitor the reports' line charts grow taller with the
// window; at 1280×800 they keep their height.
func TestReportChartsGrowOnLargeScreen(t *testing.T) {
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionReports)
	rp := r.d.Admin.Reports
	require.NotNil(t, rp)
	require.NotEmpty(t, rp.Trend.Labels)
	small := rp.Trend.MinSize().Height

	r.w.Resize(fyne.NewSize(1920, 1080))
	large := rp.Trend.MinSize().Height
	assert.InDelta(t, 180*0.35, large-small, 1, "the plot grows by the smaller screen ratio (1080/800)")
	assert.InDelta(t, large, rp.OnTime.MinSize().Height, 1, "both line charts alike")

	r.w.Resize(fyne.NewSize(1280, 800))
	assert.Equal(t, small, rp.Trend.MinSize().Height, "back at 1280×800, back to the tuned height")
}

// The audit log's date filters are wide enough to show their hint
// (如 2026-03-01) whole, and the filter row still fits a 1280×800 window.
func TestAuditDateFiltersShowTheirHint(t *testing.T) {
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionAudit)
	l := r.d.Admin.Audit
	require.NotNil(t, l)
	drv := fyne.CurrentApp().Driver()
	for name, e := range map[string]fyne.CanvasObject{"from": l.From, "to": l.To} {
		t.Run(name, func(t *testing.T) {
			th := l.From.Theme()
			text := fyne.MeasureText(l.From.PlaceHolder, th.Size("text"), fyne.TextStyle{})
			assert.GreaterOrEqual(t, e.Size().Width, text.Width+2*th.Size("innerPadding"))
		})
	}
	if dir := shots.Dir(t, "room"); dir != "" {
		f, err := os.Create(dir + "/audit1280.png")
		require.NoError(t, err)
		require.NoError(t, png.Encode(f, r.w.Canvas().Capture()))
		f.Close()
	}
	end := drv.AbsolutePositionForObject(l.Search).X + l.Search.Size().Width
	assert.LessOrEqual(t, end, r.w.Canvas().Size().Width, "查询 stays on screen at 1280×800, whatever the filters need")

	r.w.Resize(fyne.NewSize(1920, 1080))
	gap := drv.AbsolutePositionForObject(l.Search).X - drv.AbsolutePositionForObject(l.To).X - l.To.Size().Width
	assert.Less(t, gap, float32(40), "on a wide screen 查询 sits right after the dates, not at the far edge")
}
