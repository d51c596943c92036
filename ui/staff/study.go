package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: study and training (§八): sessions, roll-call, each person's attendance.
// STUB: replaced by its owner.

// StudyStore is what the section needs from the store.
type StudyStore interface{}

// StudyScreen is the section's screen.
type StudyScreen struct {
	content fyne.CanvasObject
}

func (a *Admin) openStudy() fyne.CanvasObject {
	return widget.NewLabel("")
}
