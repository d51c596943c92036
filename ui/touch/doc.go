// Package touch lets a finger scroll: a drag on a scroll container, list,
// table or grid moves its content with the finger, a flick glides on and
// slows down, the content stops at its edges, and a press that moves less
// than a small threshold still taps what is under it.
//
// It works around fyne-io/fyne#5755 (open upstream): Fyne's desktop driver
// sees a touchscreen finger as a mouse, and container.Scroll.Dragged returns
// at once when the device is not mobile, so on a kiosk's touchscreen only
// the thin scroll bar moved the content. Each constructor here places a
// transparent fyne.Draggable surface over the content. It is neither
// Tappable nor Hoverable nor Scrollable, so taps, hover and the mouse wheel
// still reach the content; the glfw driver gives a drag to the last
// Draggable under the press (internal/driver/util.go), which is the surface.
// The scroll bars are drawn after the surface and keep their own drags.
//
// Every scroll in the program is built here (NewVScroll, NewHScroll,
// NewScroll for containers; List, Table, GridWrap for collection widgets),
// and Reveal brings a message into sight after the tap that produced it.
package touch
