// Package activity has the widget the kiosk and the staff desk wrap their
// whole content in to see that someone is using the screen.
//
// Fyne has no global input hook: the driver hands a tap, a drag or a scroll
// to the topmost object that takes it, and a wrapper never sees what its
// children take. But GLFW's driver (internal/driver/glfw window.go,
// processMouseMoved) asks every object under the pointer, from the window's
// content down, for its desktop.Cursorable cursor on each move, and on
// Linux a touchscreen drives the pointer (X11 pointer emulation), so every
// touch and every drag moves it. Area answers that question by reporting
// activity.
package activity

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Area holds a screen's content and reports activity each time the pointer
// moves over it. It takes no input itself, so every tap, drag and scroll
// still reaches its target.
type Area struct {
	widget.BaseWidget
	content    fyne.CanvasObject
	onActivity func()
}

var _ desktop.Cursorable = (*Area)(nil)

// NewArea wraps content; onActivity is called on every pointer move over it.
func NewArea(content fyne.CanvasObject, onActivity func()) *Area {
	a := &Area{content: content, onActivity: onActivity}
	a.ExtendBaseWidget(a)
	return a
}

// CreateRenderer is part of fyne.Widget.
func (a *Area) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

// Cursor is part of desktop.Cursorable: the driver asks on every pointer
// move over the area, which is the activity it reports. It returns the
// default cursor; anything below may still choose its own.
func (a *Area) Cursor() desktop.Cursor {
	a.onActivity()
	return desktop.DefaultCursor
}
