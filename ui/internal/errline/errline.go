// Package errline has the line under a field that says what to fix: red,
// bold, wrapped, and hidden while it has nothing to say. The kiosk and the
// staff desk both use it.
package errline

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// New is an empty, hidden error line.
func New() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Hide()
	return l
}

// Set shows msg on l, or hides l while msg is "".
func Set(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
