package touch

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
)

// A flick glides on with the finger's speed and slows down exponentially,
// as on a phone: it covers speed×decay in all and stops at an edge or when
// it is slower than minSpeed.
const (
	decay    = 0.325 // seconds for the speed to fall to 1/e
	minSpeed = 40    // units per second below which the content rests
	frame    = time.Second / 60
)

type glide struct {
	v       fyne.Delta // units per second, in the finger's direction
	stopped bool
}

// fling starts a glide with the finger's velocity v.
func (s *surface) fling(v fyne.Delta) {
	if hypot(v) < 4*minSpeed {
		return // a slow lift is no flick
	}
	if !s.target.scrolls(true) {
		v.DY = 0
	}
	if !s.target.scrolls(false) {
		v.DX = 0
	}
	g := &glide{v: v}
	s.glide = g
	startGlide(s, g)
}

// step moves the content by one frame of dt seconds; false when the glide
// is over (slow, at an edge or stopped).
func (s *surface) step(g *glide, dt float64) bool {
	if g.stopped || s.glide != g {
		return false
	}
	f := float32(math.Exp(-dt / decay))
	// distance covered in dt with exponential decay: v·τ·(1−e^(−dt/τ))
	k := float32(decay) * (1 - f)
	d := fyne.NewDelta(g.v.DX*k, g.v.DY*k)
	before := s.target.offset()
	s.moveBy(d)
	g.v = fyne.NewDelta(g.v.DX*f, g.v.DY*f)
	if s.target.offset() == before || hypot(g.v) < minSpeed {
		s.stop()
		return false
	}
	return true
}

// runGlide steps g once a frame on the UI goroutine until it ends.
func runGlide(s *surface, g *glide) {
	t := time.NewTicker(frame)
	defer t.Stop()
	last := time.Now()
	for range t.C {
		n := time.Now()
		dt := n.Sub(last).Seconds()
		last = n
		more := false
		fyne.DoAndWait(func() { more = s.step(g, dt) })
		if !more {
			return
		}
	}
}

func hypot(d fyne.Delta) float32 {
	return float32(math.Hypot(float64(d.DX), float64(d.DY)))
}
