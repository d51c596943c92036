package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: service items: every guide field, materials, intake fields and sample forms.
// STUB: replaced by its owner.

// ItemsStore is what the section needs from the store.
type ItemsStore interface{}

// ItemsScreen is the section's screen.
type ItemsScreen struct {
	content fyne.CanvasObject
}

func (a *Admin) openItems() fyne.CanvasObject {
	return widget.NewLabel("")
}
