package staff

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"
)

// Bindings tie an editor's inputs to the fields of the record it edits, so
// that one loop shows the record (fill) and one reads the form back
// (collect) instead of a line per field each way. What needs more than a
// copy (lists typed a line each, choices, office hours) stays with each
// editor.

// textField ties an entry to a text field of the record.
type textField struct {
	entry *widget.Entry
	at    *string
}

// checkField ties a tick box to a yes/no field of the record.
type checkField struct {
	check *widget.Check
	at    *bool
}

// numberField ties an entry to a whole-number field of the record. key is
// the field's name to the store (data.InvalidError.Field) and label the
// translation key of its name where a message needs one. Each editor
// reads numbers its own way (what it accepts, where its message shows).
type numberField struct {
	entry *widget.Entry
	at    *int
	key   string
	label string
}

// bindings are an editor's inputs tied to one record.
type bindings struct {
	texts   []textField
	checks  []checkField
	numbers []numberField
}

// fill shows the record in the inputs.
func (b bindings) fill() {
	for _, t := range b.texts {
		t.entry.SetText(*t.at)
	}
	for _, c := range b.checks {
		c.check.SetChecked(*c.at)
	}
	for _, n := range b.numbers {
		n.entry.SetText(strconv.Itoa(*n.at))
	}
}

// collect reads the texts and the ticks back into the record, the texts
// without the spaces around them when trim. Numbers are left to the editor.
func (b bindings) collect(trim bool) {
	for _, t := range b.texts {
		*t.at = t.entry.Text
		if trim {
			*t.at = strings.TrimSpace(*t.at)
		}
	}
	for _, c := range b.checks {
		*c.at = c.check.Checked
	}
}
