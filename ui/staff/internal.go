package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: the internal rules (廉洁自律, 考核考勤奖惩): shown to every staff member, edited by administrators, never on the kiosk.
// STUB: replaced by its owner.

// InternalStore is what the section needs from the store.
type InternalStore interface{}

// InternalRules is the section's screen.
type InternalRules struct {
	content fyne.CanvasObject
}

func (a *Admin) openInternal() fyne.CanvasObject {
	return widget.NewLabel("")
}
