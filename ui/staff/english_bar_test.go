package staff_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/staff"
)

// TestEnglishQueueBarAndRows: in English on the 1280×800 screen the bar's
// "Signed in: 张建华" shows whole beside 退出 (it ran off the bar's right
// edge), and a queue row of a request no one has taken says so ("not yet
// assigned"), not "handled by Unassigned".
func TestEnglishQueueBarAndRows(t *testing.T) {
	r := newRigIn(t, locale.English, true, nil)
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	r.registerYL(t)
	r.login(t, "张建华", adminPIN)
	r.w.Content().Refresh()

	l := r.d.UserLabel
	require.Equal(t, "Signed in: 张建华", l.Text)
	d := fyne.CurrentApp().Driver()
	at, exit := d.AbsolutePositionForObject(l), d.AbsolutePositionForObject(r.d.ExitButton)
	assert.GreaterOrEqual(t, at.X, float32(0))
	assert.LessOrEqual(t, at.X+l.MinSize().Width, exit.X, "the name shows whole left of Exit (label at %v)", at)
	bar := staff.BarScroll(r.d)
	assert.LessOrEqual(t, bar.Content.MinSize().Width, bar.Size().Width, "the bar's buttons show whole, none scrolled away")

	r.d.Queue.SetGroup(data.QueueNew)
	var unowned *staff.QueueRowView
	for _, v := range r.d.Queue.Rows {
		if v.Row.Owner == "" {
			unowned = v
		}
	}
	require.NotNil(t, unowned, "a new request has no one yet")
	shown := strings.Join(shownTexts(r.w), "\n")
	assert.Contains(t, shown, "not yet assigned")
	assert.NotContains(t, shown, "handled by Unassigned")
}

// TestChineseBarFits: with the name pinned beside 退出, the bar's buttons
// still show whole in Chinese.
func TestChineseBarFits(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "张建华", adminPIN)
	r.w.Content().Refresh()
	bar := staff.BarScroll(r.d)
	assert.LessOrEqual(t, bar.Content.MinSize().Width, bar.Size().Width, "the bar's buttons show whole")
	assert.Equal(t, "当前登录：张建华", r.d.UserLabel.Text)
}
