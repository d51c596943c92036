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

// TestItemCategoryDropDownIsTouchScrolled: the item editor's 分类 field
// offers the categories in the finger-scrolled list (not Fyne's menu); a
// tap on one puts it in the field, and the field still gets the on-screen
// keyboard for a new category.
func TestItemCategoryDropDownIsTouchScrolled(t *testing.T) {
	r, s := itemsRig(t)
	test.Tap(s.Add)
	e := s.Editor
	require.NotNil(t, e)
	cats := e.Category.Options()
	require.NotEmpty(t, cats)

	var button *widget.Button
	for _, o := range test.LaidOutObjects(e.Category) {
		if b, ok := o.(*widget.Button); ok {
			button = b
		}
	}
	require.NotNil(t, button, "the drop-down button")
	test.Tap(button)
	require.True(t, e.Category.IsOpen(), "the button opens the list of categories")
	require.NotNil(t, e.Category.List)
	i := min(len(cats)-1, 1) // a row in sight: the list scrolls in the room below the field
	step := widget.NewLabel(cats[i]).MinSize().Height + fynetheme.Padding()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.Category.List)
	test.TapCanvas(r.w.Canvas(), at.Add(fyne.NewPos(20, float32(i)*step+step/2)))
	assert.False(t, e.Category.IsOpen())
	assert.Equal(t, cats[i], e.Category.Text, "the category tapped")

	r.w.Canvas().Focus(e.Category)
	r.d.Keys.Check()
	p := r.d.Keys.Serving()
	require.NotNil(t, p, "the on-screen keyboard for a new category")
	assert.Same(t, e.Category.TextEntry(), p.Keyboard.Target())
}
