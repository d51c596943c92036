package staff_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// The queue says when an official holiday schedule is missing, since due
// dates then count only weekends.
func TestQueueWarnsOfMissingHolidaySchedule(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	datatest.ClearCalendar(t, r.s)
	r.login(t, "王丽娟", clerkPIN)
	q := r.d.Queue
	assert.True(t, q.Warning.Visible())
	assert.Equal(t, "2026年节假日安排尚未导入，截止日期按普通周末计算。", q.Warning.Text)

	require.NoError(t, r.s.PutCalendarDays(ctx, data.OfficialCalendarDays()))
	test.Tap(r.d.QueueButton)
	assert.False(t, r.d.Queue.Warning.Visible(), "2026's schedule is in; 2027's is not due before October")

	r.now = time.Date(2026, 11, 27, 9, 0, 0, 0, data.China)
	test.Tap(r.d.QueueButton)
	assert.True(t, r.d.Queue.Warning.Visible())
	assert.Contains(t, r.d.Queue.Warning.Text, "2027年节假日安排尚未导入")
}
