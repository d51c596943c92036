package kiosk

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// leavingScreen is a plainScreen that counts its Leave calls.
type leavingScreen struct {
	plainScreen
	left int
}

func (s *leavingScreen) Leave() { s.left++ }

// TestNavFinish: Finish leaves every screen above home, keeps none of them
// in the stack's array, and shows its screen over home, as Home then Push
// did, without showing home in between.
func TestNavFinish(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	n := newNav(win, context.Background(), func(f func()) { f() },
		func(time.Duration, func()) func() { return func() {} }, time.Now)
	var shown []Screen
	n.onChange = func(s Screen) { shown = append(shown, s) }
	home := &plainScreen{widget.NewLabel("首页")}
	n.Push(home)
	var flow []*leavingScreen
	for range 3 {
		s := &leavingScreen{plainScreen: plainScreen{widget.NewLabel("步骤")}}
		flow = append(flow, s)
		n.Push(s)
	}
	end := &plainScreen{widget.NewLabel("回执")}
	shown = nil
	for _, s := range flow {
		s.left = 0 // those covered by the next were left then
	}

	n.Finish(end)
	assert.Equal(t, 2, n.Depth())
	assert.Same(t, end, n.Current())
	assert.Equal(t, []Screen{end}, shown, "only the end is shown, not home first")
	assert.Same(t, end.content, n.holder.Objects[0])
	for i, s := range flow {
		assert.Equal(t, 1, s.left, "screen %d of the flow left once", i)
	}
	for i, s := range n.stack[:cap(n.stack)] {
		if i > 1 {
			assert.Nil(t, s, "place %d of the stack after Finish", i)
		}
	}

	n.Back()
	assert.Same(t, home, n.Current(), "返回 from the end goes home")
}
