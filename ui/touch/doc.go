// Package touch lets a finger scroll: a drag on a scroll container, list,
// table or grid moves its content with the finger, a flick glides on and
// slows down, the content stops at its edges, and a press that moves less
// than a small threshold still taps what is under it.
//
// It works around fyne-io/fyne#5755 (open upstream): Fyne's desktop driver
// sees a touchscreen finger as a mouse, and container.Scroll.Dragged returns
// at once when the device is not mobile, so on a kiosk's touchscreen only
// the thin scroll bar moved the content. Each constructor here stacks a
// transparent surface over the content. The glfw driver gives a press, a
// tap and a drag to the last Mouseable, Tappable or Draggable under the
// pointer (internal/driver/util.go FindObjectAtPositionMatching), which is
// the surface: a drag past Threshold scrolls, anything less is passed on as
// the tap the driver would have delivered (Fyne itself stops tapping after
// 2 units of movement). The surface is neither Hoverable nor Scrollable, so
// hover and the mouse wheel reach the content; a container.Scroll draws its
// bars after its content, so they keep their own drags. A press is passed
// on at once, except to a text field, which gets it with the tap: a swipe
// that starts on a field scrolls and opens no keyboard. A press during a
// glide only stops the glide.
//
// Every scroll in the program is built here (NewVScroll, NewHScroll,
// NewScroll for containers; List, Table, GridWrap for collection widgets),
// and every drop-down is a Select, whose list of options scrolls the same
// way. A multi-line text field inside one of these scrolls its own text
// under a finger (see field.go); a tap still places its cursor.
// BringIntoView (or Reveal, for one known scroll) brings a message into
// sight after the tap that produced it.
package touch
