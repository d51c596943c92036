package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: the organisation: center profile, windows with their A/B posts, staff with photos, whereabouts and the sign-in board.
// STUB: replaced by its owner.

// OrgStore is what the section needs from the store.
type OrgStore interface{}

// OrgScreen is the section's screen.
type OrgScreen struct {
	content fyne.CanvasObject
}

func (a *Admin) openOrg() fyne.CanvasObject {
	return widget.NewLabel("")
}
