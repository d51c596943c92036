package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: the working-day calendar (issue 5 §7): holidays and 调休 days, edited by staff, next year's schedule imported from a file.
// STUB: replaced by its owner.

// CalendarStore is what the section needs from the store.
type CalendarStore interface{}

// CalendarScreen is the section's screen.
type CalendarScreen struct {
	content fyne.CanvasObject
}

func (a *Admin) openCalendar() fyne.CanvasObject {
	return widget.NewLabel("")
}
