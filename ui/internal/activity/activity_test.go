package activity

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

func TestAreaReportsEachPointerMoveAndKeepsTheDefaultCursor(t *testing.T) {
	test.NewTempApp(t)
	moves := 0
	a := NewArea(widget.NewLabel("内容"), func() { moves++ })
	for i := 0; i < 3; i++ {
		assert.Equal(t, desktop.DefaultCursor, a.Cursor())
	}
	assert.Equal(t, 3, moves)
}

func TestAreaShowsItsContentAndLetsTapsThrough(t *testing.T) {
	test.NewTempApp(t)
	tapped := false
	b := widget.NewButton("办理", func() { tapped = true })
	a := NewArea(b, func() {})
	w := test.NewWindow(a)
	defer w.Close()
	w.Resize(fyne.NewSize(200, 100))

	assert.Equal(t, b.MinSize(), a.MinSize())
	test.Tap(b)
	assert.True(t, tapped)
	_, isTappable := any(a).(fyne.Tappable)
	assert.False(t, isTappable, "the area takes no taps itself")
}
