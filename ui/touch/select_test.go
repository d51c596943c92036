package touch

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// selectRig is a Select of n options at the top of a 300×240 window, and
// the choices its OnChanged saw.
func selectRig(t *testing.T, n int) (*Select, fyne.Window, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	opts := make([]string, n)
	for i := range opts {
		opts[i] = fmt.Sprintf("选项%02d", i)
	}
	var chosen []string
	s := NewSelect(opts, func(v string) { chosen = append(chosen, v) })
	w := test.NewTempWindow(t, container.NewVBox(s))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 240))
	return s, w, &chosen
}

// listTop is where the open list's first row starts, in the window, and
// the distance from one row to the next.
func listTop(t *testing.T, s *Select) (fyne.Position, float32) {
	t.Helper()
	require.True(t, s.IsOpen())
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.List)
	rowH := widget.NewLabel("x").MinSize().Height
	return at, rowH + theme.Padding()
}

func TestSelectOpensAFingerScrolledList(t *testing.T) {
	manualFrames(t)
	s, w, chosen := selectRig(t, 40)
	test.Tap(s)
	require.True(t, s.IsOpen(), "a tap opens the list of options")
	pop := w.Canvas().Overlays().Top()
	require.NotNil(t, pop)
	assert.LessOrEqual(t, s.popUp.Content.Size().Height, w.Canvas().Size().Height, "a long list stays inside the window")
	assert.Equal(t, float32(0), s.List.GetScrollOffset())

	at, _ := listTop(t, s)
	test.Drag(w.Canvas(), at.Add(fyne.NewPos(50, 100)), 0, -80)
	assert.Equal(t, float32(80), s.List.GetScrollOffset(), "the options follow the finger up")
	test.Drag(w.Canvas(), at.Add(fyne.NewPos(50, 60)), 0, 30)
	assert.Equal(t, float32(50), s.List.GetScrollOffset(), "and back down")
	assert.True(t, s.IsOpen(), "a drag chooses nothing and keeps the list open")
	assert.Empty(t, *chosen)
	assert.Equal(t, "", s.Selected)
}

func TestSelectTapAfterScrollChoosesTheOptionUnderTheFinger(t *testing.T) {
	_, started := manualFrames(t)
	s, w, chosen := selectRig(t, 40)
	test.Tap(s)
	at, step := listTop(t, s)
	test.Drag(w.Canvas(), at.Add(fyne.NewPos(50, 150)), 0, -10*step)
	require.Equal(t, 10*step, s.List.GetScrollOffset())
	// test.Drag moves in one event: a flick, which glides until it rests
	sf := s.popUp.Content.(*fyne.Container).Objects[1].(*surface)
	require.Len(t, *started, 1)
	for sf.step((*started)[0], 1.0/60) {
	}
	off := s.List.GetScrollOffset()
	require.Greater(t, off, 10*step)
	y := step + step/2 // the middle of the second row in sight, before the glide
	want := fmt.Sprintf("选项%02d", int((off+y)/step))
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(50, y)))
	assert.Equal(t, want, s.Selected, "the option under the finger")
	assert.Equal(t, []string{want}, *chosen)
	assert.False(t, s.IsOpen(), "a choice closes the list")
	assert.Nil(t, w.Canvas().Overlays().Top())

	s.SetSelected("选项11")
	*chosen = nil
	test.Tap(s)
	assert.Equal(t, float32(11)*step, s.List.GetScrollOffset(), "it opens at the chosen option")
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(50, step/2)))
	assert.Equal(t, "选项11", s.Selected)
	assert.Equal(t, []string{"选项11"}, *chosen, "choosing it again is a choice, as on widget.Select")
	assert.False(t, s.IsOpen())
}

func TestSelectListGlidesAfterAFlick(t *testing.T) {
	clock, started := manualFrames(t)
	s, _, chosen := selectRig(t, 100)
	test.Tap(s)
	sf := s.popUp.Content.(*fyne.Container).Objects[1].(*surface)
	for range 4 {
		*clock = clock.Add(16 * time.Millisecond)
		sf.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(50, 100)}, Dragged: fyne.NewDelta(0, -30)})
	}
	sf.DragEnd()
	assert.Equal(t, float32(120), s.List.GetScrollOffset())
	require.Len(t, *started, 1, "a flick starts a glide")
	for sf.step((*started)[0], 1.0/60) {
	}
	assert.Greater(t, s.List.GetScrollOffset(), float32(200), "the list glides on after the finger lifted")
	assert.Empty(t, *chosen)
}

func TestSelectTapOutsideClosesWithoutChoosing(t *testing.T) {
	s, w, chosen := selectRig(t, 3)
	s.SetSelected("选项01")
	*chosen = nil
	test.Tap(s)
	require.True(t, s.IsOpen())
	h := s.popUp.Content.Size().Height
	_, step := listTop(t, s)
	assert.InDelta(t, 3*step-theme.Padding(), h, 0.5, "a short list is as tall as its options")
	test.TapCanvas(w.Canvas(), fyne.NewPos(295, 235))
	assert.False(t, s.IsOpen())
	assert.Equal(t, "选项01", s.Selected)
	assert.Empty(t, *chosen)
}

func TestSelectNearTheBottomOpensUpwards(t *testing.T) {
	test.NewTempApp(t)
	s := NewSelect([]string{"甲", "乙", "丙", "丁"}, nil)
	w := test.NewTempWindow(t, container.NewBorder(nil, s, nil, nil))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 240))
	test.Tap(s)
	require.True(t, s.IsOpen())
	d := fyne.CurrentApp().Driver()
	list := d.AbsolutePositionForObject(s.List)
	assert.Less(t, list.Y+s.List.Size().Height, d.AbsolutePositionForObject(s).Y+1, "the list lies above the widget")
	assert.Greater(t, list.Y, float32(0))
}

func TestSelectDisabledDoesNotOpen(t *testing.T) {
	s, _, _ := selectRig(t, 3)
	s.Disable()
	test.Tap(s)
	assert.False(t, s.IsOpen())
	s.Enable()
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	assert.True(t, s.IsOpen(), "the arrow key opens it as on widget.Select")
	s.Hide()
	assert.False(t, s.IsOpen(), "hiding the widget closes its list")
}

func TestSelectLongerThanTheWindowScrollsBelowTheWidget(t *testing.T) {
	s, _, _ := selectRig(t, 60)
	test.Tap(s)
	require.True(t, s.IsOpen())
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(s.List).Y
	assert.Greater(t, top, s.Size().Height*3/4, "the widget stays in sight above its list")
	assert.LessOrEqual(t, top+s.List.Size().Height, float32(240)+0.5, "the list ends inside the window")
}
