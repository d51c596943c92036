package kiosk

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/mobile"
	"fyne.io/fyne/v2/widget"
)

// HoldArea wraps a canvas object and calls OnHold when it is pressed and
// held for Hold without being released: staff hold the center's name for
// three seconds to open staff login, which a resident will not do by
// accident.
//
// Fyne has no long-press gesture. On Linux a touchscreen arrives as the
// mouse (GLFW turns touches into left-button events), so HoldArea listens
// to desktop.Mouseable MouseDown/MouseUp, and to mobile.Touchable for the
// mobile driver. MouseDown starts a timer through the kiosk's AfterFunc;
// releasing, moving out of the area or cancelling the touch stops it. The
// timer only fires if the press is still down, so a release racing the
// timer never opens staff login.
type HoldArea struct {
	widget.BaseWidget

	Content fyne.CanvasObject
	Hold    time.Duration
	OnHold  func()

	after   AfterFunc
	cancel  func()
	pressed int // which press the timer belongs to; 0 when up
	presses int
}

var (
	_ desktop.Mouseable = (*HoldArea)(nil)
	_ desktop.Hoverable = (*HoldArea)(nil)
	_ mobile.Touchable  = (*HoldArea)(nil)
)

func newHoldArea(content fyne.CanvasObject, hold time.Duration, after AfterFunc, onHold func()) *HoldArea {
	h := &HoldArea{Content: content, Hold: hold, OnHold: onHold, after: after}
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer is part of fyne.Widget.
func (h *HoldArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.Content) }

// Press starts a press, as a finger or the left mouse button going down.
func (h *HoldArea) Press() {
	h.Release()
	h.presses++
	id := h.presses
	h.pressed = id
	h.cancel = h.after(h.Hold, func() {
		if h.pressed != id {
			return
		}
		h.pressed, h.cancel = 0, nil
		if h.OnHold != nil {
			h.OnHold()
		}
	})
}

// Release ends the press; a hold not yet complete does nothing.
func (h *HoldArea) Release() {
	h.pressed = 0
	if h.cancel != nil {
		h.cancel()
		h.cancel = nil
	}
}

// MouseDown is part of desktop.Mouseable.
func (h *HoldArea) MouseDown(ev *desktop.MouseEvent) {
	if ev == nil || ev.Button == desktop.MouseButtonPrimary {
		h.Press()
	}
}

// MouseUp is part of desktop.Mouseable.
func (h *HoldArea) MouseUp(*desktop.MouseEvent) { h.Release() }

// MouseIn is part of desktop.Hoverable.
func (h *HoldArea) MouseIn(*desktop.MouseEvent) {}

// MouseMoved is part of desktop.Hoverable.
func (h *HoldArea) MouseMoved(*desktop.MouseEvent) {}

// MouseOut cancels a press that slides off the area.
func (h *HoldArea) MouseOut() { h.Release() }

// TouchDown is part of mobile.Touchable.
func (h *HoldArea) TouchDown(*mobile.TouchEvent) { h.Press() }

// TouchUp is part of mobile.Touchable.
func (h *HoldArea) TouchUp(*mobile.TouchEvent) { h.Release() }

// TouchCancel is part of mobile.Touchable.
func (h *HoldArea) TouchCancel(*mobile.TouchEvent) { h.Release() }
