package touch

import (
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Threshold is how far (in Fyne units, either axis) a press must move to
// become a drag. A press that moves less is a tap, delivered to what lies
// under the press point; the content does not move.
const Threshold float32 = 10

// surface is the transparent layer over a scroll's content. The driver
// gives it every press, tap and drag there (it is the last Mouseable,
// Tappable and Draggable under the pointer), and it passes each on:
// a drag scrolls, a tap goes to what lies under it. A text field gets its
// press only once the finger lifts without moving: a swipe that starts on
// a field scrolls and opens no keyboard. It is not Hoverable nor
// Scrollable, so hover and the mouse wheel reach the content directly.
type surface struct {
	widget.BaseWidget

	target   target
	tree     fyne.CanvasObject // what lies under the surface, for taps
	barStrip bool              // the scroll bar lies under the surface

	// the press in progress
	pressed  bool
	press    fyne.Position // press point, relative to the surface
	under    *hit          // what the driver would have pressed
	downSent bool          // under got MouseDown and is owed a MouseUp
	stopper  bool          // the press stopped a glide: it is no tap

	// the drag in progress
	active   bool
	moved    fyne.Delta     // total movement since the press
	dragging bool           // past the threshold: the content follows
	forward  fyne.Draggable // another Draggable that takes this gesture
	samples  []sample

	glide *glide
	field *surface // drags a multi-line field's text: see fieldSurface
}

type sample struct {
	t time.Time
	d fyne.Delta
}

// now and startGlide are variables so tests drive time and frames.
var (
	now        = time.Now
	startGlide = func(s *surface, g *glide) { go runGlide(s, g) }
)

func (s *surface) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

func (s *surface) MinSize() fyne.Size { return fyne.Size{} }

// MouseDown is part of desktop.Mouseable: a press stops a glide, and is
// passed on at once to what lies under it unless that takes the focus.
func (s *surface) MouseDown(ev *desktop.MouseEvent) {
	s.stopper = s.gliding()
	s.halt()
	s.pressAt(ev.Position)
	if s.stopper || s.under == nil {
		return
	}
	if m, ok := s.under.obj.(desktop.Mouseable); ok && !isFocusable(s.under.obj) {
		m.MouseDown(s.mouseEvent(ev.AbsolutePosition))
		s.downSent = true
	}
}

// MouseUp is part of desktop.Mouseable.
func (s *surface) MouseUp(*desktop.MouseEvent) { s.release() }

// Tapped is part of fyne.Tappable: a press that did not move.
func (s *surface) Tapped(ev *fyne.PointEvent) {
	if !s.pressed { // a tap with no press before it (tests)
		s.stopper = s.gliding()
		s.halt()
		s.pressAt(ev.Position)
	}
	s.pressed = false
	if !s.stopper {
		s.tap(ev.AbsolutePosition)
	}
}

func (s *surface) pressAt(p fyne.Position) {
	s.pressed, s.press, s.downSent = true, p, false
	s.under = driverPick(objectsAt(s.tree, p), pressable)
}

// release sends the MouseUp owed for a MouseDown passed on.
func (s *surface) release() {
	if s.downSent && s.under != nil {
		s.downSent = false
		s.under.obj.(desktop.Mouseable).MouseUp(s.mouseEvent(fyne.Position{}))
	}
}

func (s *surface) mouseEvent(abs fyne.Position) *desktop.MouseEvent {
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	ev.Position, ev.AbsolutePosition = s.under.pos, abs
	return ev
}

// tap delivers a press that moved less than Threshold as the driver would
// have delivered it had it not moved, to what lay under the press.
func (s *surface) tap(abs fyne.Position) {
	h := s.under
	if h == nil {
		return
	}
	if abs == (fyne.Position{}) {
		abs = fyne.CurrentApp().Driver().AbsolutePositionForObject(s).Add(s.press)
	}
	if m, ok := h.obj.(desktop.Mouseable); ok && isFocusable(h.obj) {
		text := fieldScroll(h.obj)
		var off fyne.Position
		if text != nil {
			off = text.Offset
		}
		m.MouseDown(s.mouseEvent(abs)) // a field takes the focus now
		if text != nil && text.Offset != off {
			// Taking the focus scrolled a multi-line field back to its
			// old cursor: the finger tapped a line of the text it saw.
			text.ScrollToOffset(off)
			m.MouseDown(s.mouseEvent(abs))
		}
		m.MouseUp(s.mouseEvent(abs))
	}
	if t, ok := h.obj.(fyne.Tappable); ok {
		t.Tapped(&fyne.PointEvent{Position: h.pos, AbsolutePosition: abs})
	}
}

// Dragged is part of fyne.Draggable.
func (s *surface) Dragged(ev *fyne.DragEvent) {
	if !s.active {
		s.begin(ev)
	}
	if s.forward != nil {
		s.forward.Dragged(ev)
		return
	}
	s.moved = fyne.NewDelta(s.moved.DX+ev.Dragged.DX, s.moved.DY+ev.Dragged.DY)
	if len(s.samples) >= 64 { // the speed needs only the last 100 ms
		s.samples = append(s.samples[:0], s.samples[32:]...)
	}
	s.samples = append(s.samples, sample{now(), ev.Dragged})
	if !s.dragging {
		if abs(s.moved.DX) < Threshold && abs(s.moved.DY) < Threshold {
			return
		}
		s.dragging = true
		s.release()       // a key or a hold area under the finger lets go
		s.moveBy(s.moved) // catch up: the content lies under the finger again
		return
	}
	s.moveBy(ev.Dragged)
}

// DragEnd is part of fyne.Draggable.
func (s *surface) DragEnd() {
	if !s.active {
		return
	}
	fwd, dragging := s.forward, s.dragging
	s.active, s.forward, s.pressed = false, nil, false
	s.release()
	if fwd != nil {
		fwd.DragEnd()
		return
	}
	if !dragging {
		if !s.stopper {
			s.tap(fyne.Position{})
		}
		return
	}
	if v := s.velocity(); v != (fyne.Delta{}) {
		s.fling(v)
	}
}

// begin starts a drag. The driver calls Dragged once the pointer moved
// 2 units from the press; without a MouseDown before (tests), the press
// point is taken as that far behind.
func (s *surface) begin(ev *fyne.DragEvent) {
	if !s.pressed {
		s.stopper = s.gliding()
		s.pressAt(ev.Position.Subtract(fyne.NewPos(ev.Dragged.DX, ev.Dragged.DY)))
	}
	s.halt()
	s.active, s.dragging, s.forward = true, false, nil
	s.moved, s.samples = fyne.Delta{}, s.samples[:0]
	hits := objectsAt(s.tree, s.press)
	// a scroll nested inside this one, or a multi-line field whose text
	// is longer than it shows, takes the drag along its own axis
	vertical := abs(ev.Dragged.DY) >= abs(ev.Dragged.DX)
	for i := len(hits) - 1; i >= 0 && s.forward == nil; i-- {
		if in, ok := hits[i].obj.(*surface); ok && in != s && in.target.scrolls(vertical) {
			s.forward = in
		} else if in := s.fieldSurface(hits[i].obj); in != nil && in != s && in.target.scrolls(vertical) {
			s.forward = in
		}
	}
	if s.forward == nil && s.barStrip && s.onBar() {
		if d := driverPick(hits, isDraggable); d != nil && strings.Contains(typeName(d.obj), "scrollBar") {
			s.forward = d.obj.(fyne.Draggable)
		}
	}
	if s.forward != nil {
		s.release()
	}
	if in, ok := s.forward.(*surface); ok {
		in.stopper = false
		in.pressAt(s.press.Subtract(positionIn(hits, in.tree)))
		in.begin(ev)
	}
}

// positionIn is where o lies among hits, relative to the walk's root.
func positionIn(hits []hit, o fyne.CanvasObject) fyne.Position {
	for _, h := range hits {
		if h.obj == o {
			return h.at
		}
	}
	return fyne.Position{}
}

// onBar is whether the press lies on the strip of a widget's own scroll bar.
func (s *surface) onBar() bool {
	w := theme.Size(theme.SizeNameScrollBar)
	return s.press.X >= s.Size().Width-w || s.press.Y >= s.Size().Height-w
}

func (s *surface) moveBy(d fyne.Delta) {
	off := s.target.offset()
	s.target.scrollTo(fyne.NewPos(off.X-d.DX, off.Y-d.DY))
}

// velocity is the finger's speed (units per second) over its last 100 ms.
func (s *surface) velocity() fyne.Delta {
	if len(s.samples) == 0 {
		return fyne.Delta{}
	}
	last := s.samples[len(s.samples)-1].t
	if now().Sub(last) > 80*time.Millisecond {
		return fyne.Delta{} // the finger rested before lifting
	}
	var sum fyne.Delta
	first := last
	for i := len(s.samples) - 1; i >= 0 && last.Sub(s.samples[i].t) <= 100*time.Millisecond; i-- {
		sum = fyne.NewDelta(sum.DX+s.samples[i].d.DX, sum.DY+s.samples[i].d.DY)
		first = s.samples[i].t
	}
	span := last.Sub(first).Seconds()
	if span < 0.016 {
		span = 0.016 // one frame: a flick reported in one event
	}
	return fyne.NewDelta(sum.DX/float32(span), sum.DY/float32(span))
}

// stop ends a glide.
func (s *surface) stop() { s.halt() }

func (s *surface) halt() {
	if s.glide != nil {
		s.glide.stopped = true
		s.glide = nil
	}
	if s.field != nil {
		s.field.halt()
	}
}

// gliding is whether the content, or a field's text, glides.
func (s *surface) gliding() bool {
	return s.glide != nil || s.field != nil && s.field.glide != nil
}

// stopGlide stops a glide of a scroll built by this package.
func stopGlide(sc *container.Scroll) {
	if st, ok := sc.Content.(*fyne.Container); ok && len(st.Objects) == 2 {
		if s, ok := st.Objects[1].(*surface); ok {
			s.stop()
		}
	}
}

func pressable(o fyne.CanvasObject) bool {
	switch o.(type) {
	case fyne.Tappable, fyne.SecondaryTappable, fyne.DoubleTappable, fyne.Focusable, desktop.Mouseable:
		return true
	}
	return false
}

func isDraggable(o fyne.CanvasObject) bool {
	_, ok := o.(fyne.Draggable)
	return ok
}

// driverPick is the driver's choice among hits: the last that matches,
// never a surface of this package.
func driverPick(hits []hit, match func(fyne.CanvasObject) bool) *hit {
	for i := len(hits) - 1; i >= 0; i-- {
		if _, ok := hits[i].obj.(*surface); ok {
			continue
		}
		if match(hits[i].obj) {
			return &hits[i]
		}
	}
	return nil
}

func abs(f float32) float32 { return float32(math.Abs(float64(f))) }

func isFocusable(o fyne.CanvasObject) bool {
	_, ok := o.(fyne.Focusable)
	return ok
}
