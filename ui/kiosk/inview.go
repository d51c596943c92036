package kiosk

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Drawing what is in view first (Options.InViewFirst). Fyne draws every
// visible object of a screen in its first frame, those scrolled out of
// view included: each new text is rasterised (Fyne 2.7.1 draws it into an
// NRGBA image, a slow path of x/image/vector) and each object drawn in
// OpenGL, before the resident sees anything. A long screen can keep its
// blocks below the fold hidden for its first frame and show them in the
// next: the first frame, which the resident waits for, is what is in
// view; the rest is drawn while they read it. The blocks keep their size
// while hidden (foldKeep), so the layout and the scroll bar are those of
// the whole screen from the first frame.

// inViewFirst is a screen's part in it: the scroll, the blocks that may
// wait (keep), and those waiting. on is Options.InViewFirst.
type inViewFirst struct {
	on     bool
	scroll *container.Scroll
	fold   []*fyne.Container
	later  []fyne.CanvasObject
	held   bool
}

// keep returns block as the screen is to place it: in a foldKeep when on.
func (v *inViewFirst) keep(block fyne.CanvasObject) fyne.CanvasObject {
	if !v.on {
		return block
	}
	k := foldKeep(block)
	v.fold = append(v.fold, k)
	return k
}

// wrap returns the screen's content with the probe that shows the blocks
// kept back once drawn, when on.
func (v *inViewFirst) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	if !v.on {
		return content
	}
	return container.NewStack(content, afterDrawn(v.drawn))
}

// hold hides the blocks below the fold until the first frame; call it
// once the screen has been shown (laid out) for the first time. Later
// calls do nothing: the probe fires once. Should no frame come (a hidden
// window), they show after a second anyway.
func (v *inViewFirst) hold(nav *Nav) {
	if !v.on || v.held || v.scroll == nil {
		return
	}
	v.held = true
	v.later = belowFold(v.scroll, v.fold)
	if len(v.later) > 0 {
		nav.After(time.Second, v.drawn)
	}
}

// drawn shows the blocks kept back.
func (v *inViewFirst) drawn() {
	for _, o := range v.later {
		o.Show()
	}
	v.later = nil
}

// foldKeep holds one block of a long screen: it asks for the block's
// size whether the block shows or not. The block must not be one the
// screen hides itself (a hidden block takes no room in a VBox; its
// foldKeep would keep it).
func foldKeep(block fyne.CanvasObject) *fyne.Container {
	return container.New(foldKeepLayout{}, block)
}

type foldKeepLayout struct{}

func (foldKeepLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (foldKeepLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// belowFold hides, until the screen's first frame is drawn, the blocks
// (foldKeep holders in the scroll's content) that lie wholly below what
// the scroll shows, and returns the probe to place in the screen (always
// in its tree) that shows them again once drawn: a transparent 1×1
// raster, whose picture Fyne asks for as it draws the frame. It hides
// nothing when the scroll has not been laid out. show runs on the UI
// goroutine after that frame.
func belowFold(scroll *container.Scroll, blocks []*fyne.Container) (hidden []fyne.CanvasObject) {
	view := scroll.Size().Height
	if view <= 0 || scroll.Offset.Y != 0 {
		return nil
	}
	for _, b := range blocks {
		if top := absoluteIn(b, scroll.Content); top >= view && len(b.Objects) == 1 && b.Objects[0].Visible() {
			b.Objects[0].Hide()
			hidden = append(hidden, b.Objects[0])
		}
	}
	return hidden
}

// absoluteIn is o's top within root, o being inside root's tree; NaN-free:
// an o not found is placed at 0 (shown).
func absoluteIn(o, root fyne.CanvasObject) float32 {
	var find func(c fyne.CanvasObject, y float32) (float32, bool)
	find = func(c fyne.CanvasObject, y float32) (float32, bool) {
		if c == o {
			return y, true
		}
		if cc, ok := c.(*fyne.Container); ok {
			for _, ch := range cc.Objects {
				if at, ok := find(ch, y+ch.Position().Y); ok {
					return at, true
				}
			}
		}
		return 0, false
	}
	at, _ := find(root, 0)
	return at
}

// afterDrawn is a probe to place in a screen: once Fyne has drawn it (the
// screen's first frame), then runs on the UI goroutine, once.
func afterDrawn(then func()) fyne.CanvasObject {
	var once sync.Once
	probe := canvas.NewRaster(func(_, _ int) image.Image {
		once.Do(func() { go fyne.Do(then) }) // after this frame, not inside it
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	return container.New(probeLayout{}, probe)
}

// probeLayout gives the probe one dp in the top left corner.
type probeLayout struct{}

func (probeLayout) Layout(objects []fyne.CanvasObject, _ fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSquareSize(1))
	}
}

func (probeLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }
