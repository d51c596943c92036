package touch

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longText is n numbered lines.
func longText(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("第%d行", i)
	}
	return strings.Join(lines, "\n")
}

// textScroll is the scroll inside e that shows its text.
func textScroll(t *testing.T, e fyne.Widget) *container.Scroll {
	t.Helper()
	sc := innerScroll(e)
	require.NotNil(t, sc)
	return sc
}

// swipe drags a finger from the point from by dy, in one event. The
// surface reads an event's position as where the finger is now, as the
// glfw driver sends it (test.Drag gives the start), so the event is sent
// from the end point.
func swipe(c fyne.Canvas, from fyne.Position, dy float32) {
	test.Drag(c, from.AddXY(0, dy), 0, dy)
}

// fieldInPage is a multi-line entry of lines lines, 8 rows tall, at the
// top of a finger-scrolled page of 20 buttons, in a 300×400 window.
func fieldInPage(t *testing.T, lines int) (*widget.Entry, *container.Scroll, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(8)
	e.SetText(longText(lines))
	box := container.NewVBox(e)
	for i := range 20 {
		box.Add(widget.NewButton(fmt.Sprintf("b%d", i), nil))
	}
	page := NewVScroll(box)
	w := test.NewTempWindow(t, page)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 400))
	return e, page, w
}

func TestDragInAMultiLineFieldScrollsItsText(t *testing.T) {
	manualFrames(t)
	e, page, w := fieldInPage(t, 30)
	text := textScroll(t, e)
	require.Greater(t, text.Content.Size().Height, text.Size().Height, "30 lines are more than the field shows")
	top, bottom := fyne.NewPos(100, 20), fyne.NewPos(100, e.Size().Height-20)

	swipe(w.Canvas(), bottom, -60)
	assert.Equal(t, float32(60), text.Offset.Y, "the text follows the finger up")
	assert.Equal(t, float32(0), page.Offset.Y, "the page stays")
	swipe(w.Canvas(), top, 25)
	assert.Equal(t, float32(35), text.Offset.Y, "and back down")
	for range 20 {
		swipe(w.Canvas(), bottom, -100)
	}
	assert.Equal(t, text.Content.Size().Height-text.Size().Height, text.Offset.Y, "it stops at the last line")
	assert.Equal(t, "", e.SelectedText(), "a drag selects no text")
	assert.Equal(t, float32(0), page.Offset.Y)

	swipe(w.Canvas(), fyne.NewPos(100, e.Size().Height+100), -50)
	assert.Equal(t, float32(50), page.Offset.Y, "a drag outside the field scrolls the page")
}

func TestShortFieldLeavesTheDragToThePage(t *testing.T) {
	manualFrames(t)
	e, page, w := fieldInPage(t, 2)
	text := textScroll(t, e)
	swipe(w.Canvas(), fyne.NewPos(100, e.Size().Height-20), -40)
	assert.Equal(t, float32(0), text.Offset.Y)
	assert.Equal(t, float32(40), page.Offset.Y, "a field with nothing hidden does not hold the page")
}

func TestTapInAScrolledFieldPlacesTheCursorOnTheLineUnderIt(t *testing.T) {
	clock, started := manualFrames(t)
	e, page, w := fieldInPage(t, 30)
	text := textScroll(t, e)
	// a finger drags the text up by ten lines in steps, rests, and lifts
	sf := surfaceOf(page)
	line := lineHeight(t, e)
	at := fyne.NewPos(100, e.Size().Height-10)
	for range 20 {
		*clock = clock.Add(16 * time.Millisecond)
		at = at.AddXY(0, -line/2)
		sf.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(0, -line/2)})
	}
	*clock = clock.Add(200 * time.Millisecond)
	sf.DragEnd()
	require.InDelta(t, 10*line, text.Offset.Y, 0.01)
	assert.Empty(t, *started, "a finger that rested before lifting starts no glide")
	assert.Nil(t, w.Canvas().Focused(), "the drag did not focus the field")

	test.TapCanvas(w.Canvas(), fyne.NewPos(100, text.Position().Y+line/2))
	assert.Same(t, e, w.Canvas().Focused(), "a tap focuses the field")
	assert.Equal(t, 10, e.CursorRow, "the cursor goes to the line tapped, the first in sight")
}

// lineHeight is the height of one line of e's text.
func lineHeight(t *testing.T, e *widget.Entry) float32 {
	t.Helper()
	sc := textScroll(t, e)
	return sc.Content.MinSize().Height / float32(strings.Count(e.Text, "\n")+1)
}

func TestFieldOutsideAScrollScrollsItsTextAndGlides(t *testing.T) {
	clock, started := manualFrames(t)
	test.NewTempApp(t)
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(4)
	e.SetText(longText(100))
	w := test.NewTempWindow(t, container.NewVBox(Field(e)))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 300))
	text := textScroll(t, e)

	swipe(w.Canvas(), fyne.NewPos(100, 80), -40)
	assert.Equal(t, float32(40), text.Offset.Y, "Field lets a finger scroll the text")
	*started = nil

	sf := w.Content().(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*surface)
	for range 4 {
		*clock = clock.Add(16 * time.Millisecond)
		sf.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 60)}, Dragged: fyne.NewDelta(0, -20)})
	}
	sf.DragEnd()
	require.Len(t, *started, 1, "a flick on the text glides")
	g := (*started)[0]
	before := text.Offset.Y
	assert.True(t, sf.field.step(g, 1.0/60))
	assert.Greater(t, text.Offset.Y, before, "the text glides on after the finger lifted")

	test.TapCanvas(w.Canvas(), fyne.NewPos(100, 30))
	assert.Nil(t, sf.field.glide, "a press stops the glide")
	assert.Nil(t, w.Canvas().Focused(), "and is no tap")
	test.TapCanvas(w.Canvas(), fyne.NewPos(100, 30))
	assert.Same(t, e, w.Canvas().Focused(), "the next tap focuses the field")
}
