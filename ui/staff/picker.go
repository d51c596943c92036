package staff

import "fyne.io/fyne/v2/widget"

// newPicker is a drop-down choice: the one place the handling steps, the
// item editor and the whereabouts build one, so that a touch-friendly
// select can take its place in one line.
func newPicker(options []string, changed func(string)) *widget.Select {
	return widget.NewSelect(options, changed)
}
