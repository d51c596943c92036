package staff_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"

	"bianmin/data"
	"bianmin/ui/staff"
)

// TestQueueFitsWithBigCounts: on a hall's big data file every tab shows
// 999+, and the queue still fits a 1280×800 screen: the window is not
// pushed wider than the screen (which cut off 退出 and the rows' due
// dates), and each tab shows its whole name and count without scrolling.
func TestQueueFitsWithBigCounts(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	q := r.d.Queue
	for _, g := range staff.QueueTabs {
		q.Tabs[g].SetText(staff.TabLabel(g, data.QueueCountCap))
	}
	r.w.Resize(fyne.NewSize(1280, 800))
	min := r.w.Content().MinSize()
	assert.LessOrEqual(t, min.Width, float32(1280), "the desk asks for %v", min)
	for _, g := range staff.QueueTabs {
		b := q.Tabs[g]
		text := fyne.MeasureText(b.Text, fyne.CurrentApp().Settings().Theme().Size("text"), fyne.TextStyle{})
		assert.GreaterOrEqual(t, b.Size().Width, text.Width, "%s is cut", b.Text)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		assert.LessOrEqual(t, pos.X+b.Size().Width, float32(1280), "%s needs scrolling to be seen", b.Text)
	}
}
