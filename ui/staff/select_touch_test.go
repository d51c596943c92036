package staff_test

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// TestQueueFilterDropDownIsTouchScrolled opens the queue's 办理方式 filter,
// a touch.Select, and chooses an option by tapping its row in the open
// list, as a finger does: the queue is filtered by it.
func TestQueueFilterDropDownIsTouchScrolled(t *testing.T) {
	r := newRig(t, true)
	r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	q := r.d.Queue
	q.SetGroup(data.QueueOpen)

	test.Tap(q.Mode)
	require.True(t, q.Mode.IsOpen(), "a tap opens the list of modes")
	i := slices.Index(q.Mode.Options, data.ModePromise.Label())
	require.GreaterOrEqual(t, i, 0)
	step := widget.NewLabel("承诺办理").MinSize().Height + fynetheme.Padding()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(q.Mode.List)
	test.TapCanvas(r.w.Canvas(), at.Add(fyne.NewPos(20, float32(i)*step+step/2)))

	assert.False(t, q.Mode.IsOpen(), "a choice closes the list")
	assert.Equal(t, data.ModePromise.Label(), q.Mode.Selected)
	assert.Equal(t, data.ModePromise, q.Filter.Mode, "the queue is filtered by the option tapped")
}
