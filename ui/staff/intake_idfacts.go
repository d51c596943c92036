package staff

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// fillFromIDNumber fills the intake fields that ask the applicant's own
// birth date or sex (data.IntakeField.FromIDNumber: 出生日期, 性别 男/女)
// from an ID number the clerk typed or a confirmed card put in, while they
// are still empty; the clerk may change them. A number data refuses fills
// nothing.
func (in *Intake) fillFromIDNumber(number string) {
	if in.Item.NoID {
		return
	}
	facts, ok := data.IDNumberFacts(number, in.d.opts.Now())
	if !ok {
		return
	}
	for i := range in.Item.Fields {
		f := &in.Item.Fields[i]
		v := f.FromIDNumber(facts)
		if v == "" {
			continue
		}
		switch o := in.Fields[f.Key].(type) {
		case *widget.Entry:
			if strings.TrimSpace(o.Text) == "" {
				o.SetText(v)
			}
		case *touch.Select:
			if o.Selected == "" && slices.Contains(f.Options, v) {
				o.SetSelected(v)
			}
		}
	}
}
