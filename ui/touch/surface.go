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

// surface is the transparent fyne.Draggable over a scroll's content.
type surface struct {
	widget.BaseWidget

	target   target
	tree     fyne.CanvasObject // what lies under the surface, for taps
	barStrip bool              // the scroll bar lies under the surface
	catch    catcher

	// the gesture in progress
	active   bool
	press    fyne.Position     // press point, relative to the surface
	moved    fyne.Delta        // total movement since the press
	dragging bool              // past the threshold: the content follows
	forward  fyne.Draggable    // another Draggable that takes this gesture
	noTap    bool              // the press stopped a glide: not a tap
	mouseUp  desktop.Mouseable // got MouseDown at the press, owes a MouseUp
	upPos    fyne.Position
	samples  []sample

	glide *glide
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
	s.samples = append(s.samples, sample{now(), ev.Dragged})
	if !s.dragging {
		if abs(s.moved.DX) < Threshold && abs(s.moved.DY) < Threshold {
			return
		}
		s.dragging = true
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
	fwd, dragging, up := s.forward, s.dragging, s.mouseUp
	s.active, s.forward, s.mouseUp = false, nil, nil
	if up != nil {
		up.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: s.upPos}, Button: desktop.MouseButtonPrimary})
	}
	if fwd != nil {
		fwd.DragEnd()
		return
	}
	if !dragging {
		if !s.noTap {
			s.tap()
		}
		return
	}
	if v := s.velocity(); v != (fyne.Delta{}) {
		s.fling(v)
	}
}

// begin starts a gesture: the driver calls Dragged once the pointer moved
// 2 units from the press, so the press point is that far behind.
func (s *surface) begin(ev *fyne.DragEvent) {
	s.noTap = s.glide != nil || s.catch.Visible()
	s.stop()
	s.active, s.dragging, s.forward, s.mouseUp = true, false, nil, nil
	s.moved, s.samples = fyne.Delta{}, s.samples[:0]
	s.press = ev.Position.Subtract(fyne.NewPos(ev.Dragged.DX, ev.Dragged.DY))
	hits := objectsAt(s.tree, s.press)
	if pressed := driverPick(hits, pressable); pressed != nil {
		if m, ok := pressed.obj.(desktop.Mouseable); ok {
			s.mouseUp, s.upPos = m, pressed.pos
		}
	}
	// a scroll nested inside this one takes the drag along its own axis
	vertical := abs(ev.Dragged.DY) >= abs(ev.Dragged.DX)
	for i := len(hits) - 1; i >= 0; i-- {
		if in, ok := hits[i].obj.(*surface); ok && in != s && in.target.scrolls(vertical) {
			s.forward = in
			break
		}
	}
	if s.forward == nil && s.barStrip && s.onBar() {
		if d := driverPick(hits, isDraggable); d != nil && strings.Contains(typeName(d.obj), "scrollBar") {
			s.forward = d.obj.(fyne.Draggable)
		}
	}
	if in, ok := s.forward.(*surface); ok {
		in.begin(ev)
	}
}

// onBar is whether the press lies on the strip of a widget's own scroll bar.
func (s *surface) onBar() bool {
	w := theme.Size(theme.SizeNameScrollBar)
	return s.press.X >= s.Size().Width-w || s.press.Y >= s.Size().Height-w
}

// tap delivers a press that moved less than Threshold as the driver would
// have delivered it had it not moved: to the last Tappable under the press.
func (s *surface) tap() {
	h := driverPick(objectsAt(s.tree, s.press), pressable)
	if h == nil {
		return
	}
	if t, ok := h.obj.(fyne.Tappable); ok {
		abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(s).Add(s.press)
		t.Tapped(&fyne.PointEvent{Position: h.pos, AbsolutePosition: abs})
	}
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

// stop ends a glide and takes the catcher away.
func (s *surface) stop() {
	s.halt()
	s.catch.Hide()
}

// halt ends a glide; the catcher stays until the finger lifts.
func (s *surface) halt() {
	if s.glide != nil {
		s.glide.stopped = true
		s.glide = nil
	}
}

// stopGlide stops a glide of a scroll built by this package.
func stopGlide(sc *container.Scroll) {
	if st, ok := sc.Content.(*fyne.Container); ok && len(st.Objects) == 3 {
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
		switch hits[i].obj.(type) {
		case *surface, *catcher:
			continue
		}
		if match(hits[i].obj) {
			return &hits[i]
		}
	}
	return nil
}

func abs(f float32) float32 { return float32(math.Abs(float64(f))) }

// catcher covers the content while it glides, so the press that stops the
// glide does not also press the button that slid under the finger.
type catcher struct {
	widget.BaseWidget
	s *surface
}

func (c *catcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

func (c *catcher) MinSize() fyne.Size { return fyne.Size{} }

// MouseDown is part of desktop.Mouseable: a press stops the glide.
func (c *catcher) MouseDown(*desktop.MouseEvent) { c.s.halt() }

// MouseUp is part of desktop.Mouseable: the finger lifted, the content
// is for tapping again.
func (c *catcher) MouseUp(*desktop.MouseEvent) { c.s.stop() }

// Tapped is part of fyne.Tappable: the tap only stopped the glide.
func (c *catcher) Tapped(*fyne.PointEvent) { c.s.stop() }

// Dragged is part of fyne.Draggable: a new drag during a glide.
func (c *catcher) Dragged(ev *fyne.DragEvent) { c.s.Dragged(ev) }

// DragEnd is part of fyne.Draggable.
func (c *catcher) DragEnd() { c.s.DragEnd() }
