package touch

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// column is a scroll of n buttons, each 40 units tall, in a 300×200 window;
// taps counts the taps per button.
func column(t *testing.T, n int) (*container.Scroll, fyne.Window, []*widget.Button, []int) {
	t.Helper()
	test.NewTempApp(t)
	taps := make([]int, n)
	box := container.NewVBox()
	buttons := make([]*widget.Button, n)
	for i := range n {
		buttons[i] = widget.NewButton(fmt.Sprintf("b%d", i), func() { taps[i]++ })
		box.Add(container.NewGridWrap(fyne.NewSize(200, 40), buttons[i]))
	}
	s := NewVScroll(box)
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 200))
	return s, w, buttons, taps
}

func surfaceOf(s *container.Scroll) *surface {
	return s.Content.(*fyne.Container).Objects[1].(*surface)
}

// manualFrames makes glides wait for the test to step them, and time
// advance only when the test says.
func manualFrames(t *testing.T) (*time.Time, *[]*glide) {
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var started []*glide
	oldNow, oldStart := now, startGlide
	now = func() time.Time { return clock }
	startGlide = func(_ *surface, g *glide) { started = append(started, g) }
	t.Cleanup(func() { now, startGlide = oldNow, oldStart })
	return &clock, &started
}

func TestDragMovesOffsetByTheDragDistance(t *testing.T) {
	manualFrames(t)
	s, w, _, taps := column(t, 20)
	test.Drag(w.Canvas(), fyne.NewPos(100, 150), 0, -70)
	assert.Equal(t, float32(70), s.Offset.Y, "the content follows the finger up")
	test.Drag(w.Canvas(), fyne.NewPos(100, 150), 0, 30)
	assert.Equal(t, float32(40), s.Offset.Y, "and back down")
	assert.Equal(t, make([]int, 20), taps, "a drag presses nothing")
}

func TestDragStopsAtTheEdges(t *testing.T) {
	manualFrames(t)
	s, w, _, _ := column(t, 20) // 800 tall in a 200 viewport
	test.Drag(w.Canvas(), fyne.NewPos(100, 150), 0, 50)
	assert.Equal(t, float32(0), s.Offset.Y)
	test.Drag(w.Canvas(), fyne.NewPos(100, 150), 0, -5000)
	assert.Equal(t, s.Content.MinSize().Height-200, s.Offset.Y)
}

func TestDragStartingOnAButtonDoesNotTapIt(t *testing.T) {
	manualFrames(t)
	s, w, _, taps := column(t, 20)
	test.Drag(w.Canvas(), fyne.NewPos(100, 20), 0, -25) // starts on b0
	assert.Equal(t, 0, taps[0])
	assert.Equal(t, float32(25), s.Offset.Y)
}

func TestJitterBelowThresholdStillTaps(t *testing.T) {
	manualFrames(t)
	s, w, _, taps := column(t, 20)
	s.ScrollToOffset(fyne.NewPos(0, 80)) // b2 at the top now
	test.Drag(w.Canvas(), fyne.NewPos(100, 20), 3, 6)
	assert.Equal(t, 1, taps[2], "a press that trembled is a tap on what is under it")
	assert.Equal(t, float32(80), s.Offset.Y, "and the content did not move")
	test.TapCanvas(w.Canvas(), fyne.NewPos(100, 60))
	assert.Equal(t, 1, taps[3], "a still tap reaches the button through the surface")
}

func TestFlickGlidesOnAndStopsAtTheEdge(t *testing.T) {
	clock, started := manualFrames(t)
	s, w, _, _ := column(t, 20)
	sf := surfaceOf(s)
	// a finger moving up 30 units every 16 ms, then lifting
	pos := fyne.NewPos(100, 180)
	for range 4 {
		*clock = clock.Add(16 * time.Millisecond)
		pos = pos.Add(fyne.NewPos(0, -30))
		sf.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.NewDelta(0, -30)})
	}
	sf.DragEnd()
	assert.Equal(t, float32(120), s.Offset.Y)
	require.Len(t, *started, 1, "a flick starts a glide")
	g := (*started)[0]
	assert.True(t, sf.step(g, 1.0/60))
	after := s.Offset.Y
	assert.Greater(t, after, float32(120), "the content keeps moving after the finger lifted")
	assert.True(t, sf.step(g, 1.0/60))
	assert.Less(t, s.Offset.Y-after, after-120, "and slows down")
	frames := 0
	for sf.step(g, 1.0/60) {
		frames++
		require.Less(t, frames, 600)
	}
	assert.Equal(t, s.Content.MinSize().Height-200, s.Offset.Y, "a fast flick stops at the bottom edge")
	assert.Nil(t, sf.glide)
	_ = w
}

func TestFlickSlowsToRestBeforeTheEdge(t *testing.T) {
	clock, started := manualFrames(t)
	s, _, _, _ := column(t, 100)
	sf := surfaceOf(s)
	for range 3 {
		*clock = clock.Add(16 * time.Millisecond)
		sf.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, -8)})
	}
	sf.DragEnd()
	require.Len(t, *started, 1)
	start := s.Offset.Y
	for sf.step((*started)[0], 1.0/60) {
	}
	glided := s.Offset.Y - start
	assert.Greater(t, glided, float32(50))
	assert.Less(t, glided, float32(600), "the glide dies out by itself")
}

func TestPressDuringGlideStopsItWithoutTapping(t *testing.T) {
	clock, started := manualFrames(t)
	s, w, _, taps := column(t, 20)
	sf := surfaceOf(s)
	for range 3 {
		*clock = clock.Add(16 * time.Millisecond)
		sf.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, -20)})
	}
	sf.DragEnd()
	require.Len(t, *started, 1)
	require.True(t, sf.step((*started)[0], 1.0/60))
	at := s.Offset.Y
	// the driver's order for a press that does not move
	press := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	press.Position = fyne.NewPos(100, 100+at)
	sf.MouseDown(press)
	sf.MouseUp(press)
	sf.Tapped(&press.PointEvent)
	assert.Equal(t, make([]int, 20), taps, "the tap only stopped the glide")
	assert.False(t, sf.step((*started)[0], 1.0/60), "the glide is over")
	assert.Equal(t, at, s.Offset.Y)
	sf.MouseDown(press)
	sf.MouseUp(press)
	sf.Tapped(&press.PointEvent)
	assert.Equal(t, 1, taps[int((100+at)/44)], "the next tap presses the button under it")
	_ = w
}

func TestSlowLiftDoesNotGlide(t *testing.T) {
	clock, started := manualFrames(t)
	s, _, _, _ := column(t, 20)
	sf := surfaceOf(s)
	*clock = clock.Add(16 * time.Millisecond)
	sf.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, -40)})
	*clock = clock.Add(300 * time.Millisecond) // the finger rested
	sf.DragEnd()
	assert.Empty(t, *started)
	assert.Equal(t, float32(40), s.Offset.Y)
}

func TestWheelStillScrolls(t *testing.T) {
	manualFrames(t)
	s, w, _, _ := column(t, 20)
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, -60)
	assert.Equal(t, float32(60), s.Offset.Y)
}

func TestScrollBarKeepsItsDrag(t *testing.T) {
	manualFrames(t)
	s, w, _, _ := column(t, 20)
	test.Drag(w.Canvas(), fyne.NewPos(297, 20), 0, 50) // on the bar at the right edge
	assert.Greater(t, s.Offset.Y, float32(50), "dragging the bar down moves the content up, faster")
}

func TestListScrollsByDrag(t *testing.T) {
	manualFrames(t)
	test.NewTempApp(t)
	tapped := -1
	l := widget.NewList(func() int { return 100 },
		func() fyne.CanvasObject { return widget.NewLabel("row") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(fmt.Sprint("row ", i)) })
	l.OnSelected = func(i widget.ListItemID) { tapped = i }
	wrapped := List(l)
	w := test.NewTempWindow(t, wrapped)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 300))
	test.Drag(w.Canvas(), fyne.NewPos(100, 250), 0, -120)
	assert.Equal(t, float32(120), l.GetScrollOffset())
	assert.Equal(t, -1, tapped, "the drag selected no row")
	wrapped.(*fyne.Container).Objects[1].(*surface).stop() // the flick's glide
	test.Drag(w.Canvas(), fyne.NewPos(100, 20), 2, 4)
	assert.GreaterOrEqual(t, tapped, 2, "a trembling tap selects the row under it")
}

func TestGridWrapAndTableScrollByDrag(t *testing.T) {
	manualFrames(t)
	test.NewTempApp(t)
	g := widget.NewGridWrap(func() int { return 200 },
		func() fyne.CanvasObject { return widget.NewLabel("cell") },
		func(widget.GridWrapItemID, fyne.CanvasObject) {})
	tb := widget.NewTable(func() (int, int) { return 100, 20 },
		func() fyne.CanvasObject { return widget.NewLabel("cell") },
		func(widget.TableCellID, fyne.CanvasObject) {})
	w := test.NewTempWindow(t, container.NewGridWithColumns(2, GridWrap(g), Table(tb)))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 300))
	test.Drag(w.Canvas(), fyne.NewPos(100, 250), 0, -90)
	assert.Equal(t, float32(90), g.GetScrollOffset())
	test.Drag(w.Canvas(), fyne.NewPos(450, 250), -40, -90)
	assert.Equal(t, fyne.NewPos(40, 90), innerScroll(tb).Offset)
}

func TestNestedScrollTakesItsOwnAxis(t *testing.T) {
	manualFrames(t)
	test.NewTempApp(t)
	row := container.NewHBox()
	for i := range 20 {
		row.Add(container.NewGridWrap(fyne.NewSize(80, 40), widget.NewLabel(fmt.Sprint(i))))
	}
	inner := NewHScroll(row)
	col := container.NewVBox(inner)
	for range 20 {
		col.Add(container.NewGridWrap(fyne.NewSize(200, 40), widget.NewLabel("line")))
	}
	outer := NewVScroll(col)
	w := test.NewTempWindow(t, outer)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 200))
	test.Drag(w.Canvas(), fyne.NewPos(150, 20), -100, 0)
	assert.Equal(t, float32(100), inner.Offset.X, "a sideways drag on the row moves the row")
	assert.Equal(t, float32(0), outer.Offset.Y)
	test.Drag(w.Canvas(), fyne.NewPos(150, 20), 0, -50)
	assert.Equal(t, float32(50), outer.Offset.Y, "an upward drag on the row moves the page")
}

func TestRevealBringsAMessageIntoSight(t *testing.T) {
	test.NewTempApp(t)
	msg := widget.NewLabel("未找到该办件")
	box := container.NewVBox()
	for range 20 {
		box.Add(container.NewGridWrap(fyne.NewSize(200, 40), widget.NewLabel("line")))
	}
	box.Add(msg)
	s := NewVScroll(box)
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 200))
	Reveal(s, msg)
	top := msg.Position().Y - s.Offset.Y
	assert.GreaterOrEqual(t, top, float32(0))
	assert.LessOrEqual(t, top+msg.Size().Height, s.Size().Height)
	s.ScrollToOffset(fyne.NewPos(0, 9999))
	Reveal(s, box.Objects[0])
	assert.Equal(t, float32(0), s.Offset.Y)
}

func TestBringIntoViewFindsTheScrollAndTheNewSize(t *testing.T) {
	test.NewTempApp(t)
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	box := container.NewVBox()
	for range 20 {
		box.Add(container.NewGridWrap(fyne.NewSize(200, 40), widget.NewLabel("line")))
	}
	box.Add(msg)
	s := NewVScroll(container.NewPadded(box))
	w := test.NewTempWindow(t, container.NewBorder(widget.NewLabel("title"), nil, nil, nil, s))
	w.Resize(fyne.NewSize(300, 240))
	msg.SetText("未找到该办件，请核对受理编号和查询码。未找到该办件，请核对受理编号和查询码。")
	msg.Show()
	BringIntoView(msg)
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(msg).Y - d.AbsolutePositionForObject(s).Y
	assert.Greater(t, msg.Size().Height, float32(40), "measured at its new, wrapped size")
	assert.GreaterOrEqual(t, top, float32(0))
	assert.LessOrEqual(t, top+msg.Size().Height, s.Size().Height, "the whole message is in the viewport")
}

// holder is a Mouseable that counts presses held, like a long-press area.
type holder struct {
	widget.Label
	down int
}

func (h *holder) MouseDown(*desktop.MouseEvent) { h.down++ }
func (h *holder) MouseUp(*desktop.MouseEvent)   { h.down-- }

func TestSwipeFromAFieldScrollsWithoutFocusingIt(t *testing.T) {
	manualFrames(t)
	test.NewTempApp(t)
	field := widget.NewEntry()
	hold := &holder{}
	hold.ExtendBaseWidget(hold)
	hold.SetText("hold")
	box := container.NewVBox(field, hold)
	for range 20 {
		box.Add(container.NewGridWrap(fyne.NewSize(200, 40), widget.NewLabel("line")))
	}
	s := NewVScroll(box)
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 200))
	sf := surfaceOf(s)
	at := func(o fyne.CanvasObject) *desktop.MouseEvent {
		ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
		ev.Position = o.Position().Add(fyne.NewPos(10, 10)).Add(s.Offset)
		return ev
	}

	// the driver's order for a swipe: press, moves, release, drag end
	press := at(field)
	sf.MouseDown(press)
	for range 5 {
		sf.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, -10)})
	}
	sf.MouseUp(press)
	sf.DragEnd()
	sf.stop()
	assert.Equal(t, float32(50), s.Offset.Y)
	assert.Nil(t, w.Canvas().Focused(), "a swipe from a field opens no keyboard")

	s.ScrollToTop()
	press = at(field)
	sf.MouseDown(press)
	assert.Nil(t, w.Canvas().Focused(), "not on the press")
	sf.MouseUp(press)
	sf.Tapped(&press.PointEvent)
	assert.Equal(t, fyne.Focusable(field), w.Canvas().Focused(), "a tap on the field focuses it")

	press = at(hold)
	sf.MouseDown(press)
	assert.Equal(t, 1, hold.down, "a hold area feels the press at once")
	sf.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(0, -30)})
	assert.Equal(t, 0, hold.down, "and lets go once the finger scrolls")
	sf.MouseUp(press)
	sf.DragEnd()
	assert.Equal(t, 0, hold.down)
}
