package touch

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SelectEntry is a widget.SelectEntry (a text field with a drop-down of
// suggestions) whose drop-down is Select's finger-scrolled list instead of
// Fyne's PopUpMenu, which scrolls by the wheel and its bar only
// (fyne-io/fyne#5755). The field itself is widget.Entry's: typing, the
// on-screen keyboard, Text, OnChanged, Disable.
type SelectEntry struct {
	widget.SelectEntry

	// List is the open list of options (nil while closed), for tests.
	List    *widget.List
	popUp   *widget.PopUp
	options []string
	button  *widget.Button
}

// NewSelectEntry is widget.NewSelectEntry with a finger-scrolled list.
func NewSelectEntry(options []string) *SelectEntry {
	e := &SelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	// Our drop-down button: widget.SelectEntry keeps an ActionItem it finds
	// set and only builds its menu, which nothing opens.
	e.button = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), e.open)
	e.button.Importance = widget.LowImportance
	e.ActionItem = e.button
	e.SetOptions(options)
	return e
}

// SetOptions sets the options offered.
func (e *SelectEntry) SetOptions(options []string) {
	e.options = slices.Clone(options)
	e.SelectEntry.SetOptions(options)
}

// TextEntry is the field's entry, for the on-screen keyboard (input.Auto).
func (e *SelectEntry) TextEntry() *widget.Entry { return &e.SelectEntry.Entry }

// Options are the options offered.
func (e *SelectEntry) Options() []string { return slices.Clone(e.options) }

// IsOpen is whether the list of options is shown.
func (e *SelectEntry) IsOpen() bool { return e.popUp != nil && e.popUp.Visible() }

// Hide hides the list of options with the widget.
func (e *SelectEntry) Hide() {
	e.close()
	e.SelectEntry.Hide()
}

func (e *SelectEntry) close() {
	if e.popUp != nil {
		e.popUp.Hide()
		e.popUp, e.List = nil, nil
	}
}

// open shows the options under the field (showOptions); a tap on one puts
// it in the field.
func (e *SelectEntry) open() {
	if e.Disabled() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	e.close()
	opts := e.options
	var pop *widget.PopUp
	pop, e.List = showOptions(c, e, opts, slices.Index(opts, e.Text), fyne.TextAlignLeading, func(id int) {
		if e.popUp != pop {
			return
		}
		e.close()
		e.SetText(opts[id])
	})
	e.popUp = pop
}
