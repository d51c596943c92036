package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: accountability (§九): entries from complaints and entered directly, rectification deadline and outcome.
// STUB: replaced by its owner.

// AccountabilityStore is what the section needs from the store.
type AccountabilityStore interface{}

// AccountabilityScreen is the section's screen.
type AccountabilityScreen struct {
	content fyne.CanvasObject
}

func (a *Admin) openAccountability() fyne.CanvasObject {
	return widget.NewLabel("")
}
