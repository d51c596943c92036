package staff

import "bianmin/ui/touch"

// newPicker is a drop-down choice whose list scrolls with a finger (see
// touch.Select): the one place the handling steps, the item editor and the
// whereabouts build one.
func newPicker(options []string, changed func(string)) *touch.Select {
	return touch.NewSelect(options, changed)
}
