package kiosk

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// plainScreen is a Screen of one label.
type plainScreen struct{ content fyne.CanvasObject }

func (s *plainScreen) Title() string              { return "" }
func (s *plainScreen) Content() fyne.CanvasObject { return s.content }

// TestNavKeepsNoScreenLeft: once Back or Home has left a screen, the
// stack's array holds it no more, so that it can be collected.
func TestNavKeepsNoScreenLeft(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	n := newNav(win, context.Background(), func(f func()) { f() },
		func(time.Duration, func()) func() { return func() {} }, time.Now)
	screen := func() Screen { return &plainScreen{widget.NewLabel("屏幕")} }
	home := screen()
	n.Push(home)
	n.Push(screen())
	n.Push(screen())
	n.Push(screen())

	n.Back()
	assert.Equal(t, 3, n.Depth())
	assert.Nil(t, n.stack[:4][3], "the screen Back left")

	n.Home()
	assert.Equal(t, 1, n.Depth())
	assert.Same(t, home, n.Current())
	for i, s := range n.stack[:cap(n.stack)] {
		if i > 0 {
			assert.Nil(t, s, "place %d of the stack after Home", i)
		}
	}
}
