package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: disclosures: draft, 预公开 with residents' comments, publish, archive, and items due for re-publication.
// STUB: replaced by its owner.

// DisclosureAdminStore is what the section needs from the store.
type DisclosureAdminStore interface{}

// DisclosuresScreen is the section's screen.
type DisclosuresScreen struct {
	content fyne.CanvasObject
}

func (a *Admin) openDisclosures() fyne.CanvasObject {
	return widget.NewLabel("")
}
