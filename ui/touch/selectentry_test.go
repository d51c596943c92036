package touch

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// selectEntryRig is a SelectEntry of n options at the top of a 300×240
// window.
func selectEntryRig(t *testing.T, n int) (*SelectEntry, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	opts := make([]string, n)
	for i := range opts {
		opts[i] = fmt.Sprintf("分类%02d", i)
	}
	e := NewSelectEntry(opts)
	w := test.NewTempWindow(t, container.NewVBox(e))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 240))
	return e, w
}

func TestSelectEntryDropDownScrollsByFingerAndFillsTheField(t *testing.T) {
	_, started := manualFrames(t)
	e, w := selectEntryRig(t, 40)
	var typed []string
	e.OnChanged = func(s string) { typed = append(typed, s) }
	test.Tap(e.button)
	require.True(t, e.IsOpen(), "the drop-down button opens the list")
	assert.NotNil(t, w.Canvas().Overlays().Top(), "in a pop-up")
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(e.List)
	assert.GreaterOrEqual(t, at.Y, e.Size().Height/2, "under the field")

	test.Drag(w.Canvas(), at.Add(fyne.NewPos(50, 100)), 0, -60)
	assert.Equal(t, float32(60), e.List.GetScrollOffset(), "the options follow the finger")
	assert.True(t, e.IsOpen(), "a drag chooses nothing")
	assert.Equal(t, "", e.Text)
	sf := e.popUp.Content.(*fyne.Container).Objects[1].(*surface)
	require.Len(t, *started, 1, "test.Drag is one quick move: a flick")
	for sf.step((*started)[0], 1.0/60) {
	}

	step := widget.NewLabel("x").MinSize().Height + theme.Padding()
	off := e.List.GetScrollOffset()
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(50, step/2))) // the row at the top
	assert.False(t, e.IsOpen())
	want := fmt.Sprintf("分类%02d", int((off+step/2)/step))
	assert.Equal(t, want, e.Text, "the option tapped is in the field")
	assert.Equal(t, []string{want}, typed)

	e.CursorColumn = len([]rune(e.Text))
	test.Type(e, "新")
	assert.Equal(t, want+"新", e.Text, "the field still takes typing")
}

func TestSelectEntryOpensAtTheOptionInTheField(t *testing.T) {
	e, _ := selectEntryRig(t, 40)
	e.SetText("分类30")
	test.Tap(e.button)
	require.True(t, e.IsOpen())
	assert.Greater(t, e.List.GetScrollOffset(), float32(0), "the option in the field is in sight")
	e.SetOptions([]string{"甲", "乙"})
	assert.Equal(t, []string{"甲", "乙"}, e.Options())
}

func TestSelectEntryDisabledDoesNotOpen(t *testing.T) {
	e, w := selectEntryRig(t, 3)
	e.Disable()
	test.Tap(e.button)
	assert.False(t, e.IsOpen())
	e.Enable()
	test.Tap(e.button)
	assert.True(t, e.IsOpen())
	test.TapCanvas(w.Canvas(), fyne.NewPos(295, 235))
	assert.False(t, e.IsOpen(), "a tap outside closes it")
	assert.Equal(t, "", e.Text)
	test.Tap(e.button)
	e.Hide()
	assert.False(t, e.IsOpen(), "hiding the field closes its list")
}
