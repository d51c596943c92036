package staff

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// DiscFields are the fields of a disclosure's draft: the new-item dialog
// has them all; the item's editor has all but Code and Audience.
type DiscFields struct {
	Code     *widget.Entry
	Audience *widget.RadioGroup // 对外公开 / 对内公开
	Category *touch.Select
	Cadence  *touch.Select
	Title    *widget.Entry
	Body     *widget.Entry

	cats     []data.DisclosureCategory // the Category options on show
	cadences []data.Cadence
}

var discCadences = []data.Cadence{data.CadenceRegular, data.CadencePhased, data.CadenceAdhoc}

// newDiscFields makes the fields for an item of the audience.
func newDiscFields(d *Desk, audience data.Audience) *DiscFields {
	f := &DiscFields{cadences: discCadences}
	f.Code = d.newEntry(false, lang.L("disc.field.codeHint"))
	f.Title = d.newEntry(false, lang.L("disc.field.titleHint"))
	f.Body = d.newEntry(true, lang.L("disc.field.bodyHint"))
	f.Body.SetMinRowsVisible(12)
	var cadences []string
	for _, c := range discCadences {
		cadences = append(cadences, lang.L("disc.cadenceLong."+string(c)))
	}
	f.Cadence = touch.NewSelect(cadences, func(string) { d.Activity() })
	f.Cadence.PlaceHolder = lang.L("disc.field.choose")
	f.Category = touch.NewSelect(nil, func(string) { d.Activity() })
	f.Category.PlaceHolder = lang.L("disc.field.choose")
	f.Audience = widget.NewRadioGroup([]string{lang.L("disc.audience.public"), lang.L("disc.audience.internal")},
		func(string) {
			d.Activity()
			f.setCategories(f.audience())
		})
	f.Audience.Horizontal = true
	f.Audience.Required = true
	if audience == data.AudienceInternal {
		f.Audience.SetSelected(lang.L("disc.audience.internal"))
	} else {
		f.Audience.SetSelected(lang.L("disc.audience.public"))
	}
	f.setCategories(audience)
	return f
}

func (f *DiscFields) audience() data.Audience {
	if f.Audience.Selected == lang.L("disc.audience.internal") {
		return data.AudienceInternal
	}
	return data.AudiencePublic
}

// setCategories offers the categories of the audience, keeping the choice
// if it is among them.
func (f *DiscFields) setCategories(audience data.Audience) {
	cur := f.CategoryOf()
	f.cats = data.PublicCategories
	if audience == data.AudienceInternal {
		f.cats = data.InternalCategories
	}
	var names []string
	for _, c := range f.cats {
		names = append(names, categoryText(c))
	}
	f.Category.Options = names
	f.Category.ClearSelected()
	f.SetCategory(cur)
	f.Category.Refresh()
}

// SetCategory chooses a category (if offered).
func (f *DiscFields) SetCategory(c data.DisclosureCategory) {
	for i, x := range f.cats {
		if x == c {
			f.Category.SetSelectedIndex(i)
		}
	}
}

// CategoryOf is the chosen category, "" if none.
func (f *DiscFields) CategoryOf() data.DisclosureCategory {
	if i := f.Category.SelectedIndex(); i >= 0 && i < len(f.cats) {
		return f.cats[i]
	}
	return ""
}

// SetCadence chooses a cadence.
func (f *DiscFields) SetCadence(c data.Cadence) {
	for i, x := range f.cadences {
		if x == c {
			f.Cadence.SetSelectedIndex(i)
		}
	}
}

// CadenceOf is the chosen cadence, "" if none.
func (f *DiscFields) CadenceOf() data.Cadence {
	if i := f.Cadence.SelectedIndex(); i >= 0 {
		return f.cadences[i]
	}
	return ""
}

// draft is what the fields say, for code.
func (f *DiscFields) draft(code string) data.DisclosureDraft {
	return data.DisclosureDraft{Code: code, Category: f.CategoryOf(), Audience: f.audience(),
		Cadence: f.CadenceOf(), Title: f.Title.Text, Body: f.Body.Text}
}

// discScreen is what the two sections that list disclosure items and make
// new ones share (公开内容 and 内部制度): a list screen's common part, its
// status line, and 新建 with its dialog.
type discScreen struct {
	New    *widget.Button
	Status *widget.Label
	// NewForm is the 新建 dialog while open, with its fields.
	NewForm   *FormDialog
	NewFields *DiscFields

	adminList
}

// newDiscScreen is the common part of a section whose 新建, labelled by
// the translation key newKey, calls onNew.
func newDiscScreen(a *Admin, newKey string, onNew func()) discScreen {
	s := discScreen{adminList: newAdminList(a), Status: widget.NewLabel("")}
	s.Status.Wrapping = fyne.TextWrapWord
	s.New = widget.NewButtonWithIcon(lang.L(newKey), fynetheme.ContentAddIcon(), a.d.tap(onNew))
	return s
}

// OpenNew opens the 新建公开事项 dialog, the audience chosen to start with.
// On success the new item opens.
func (s *DisclosuresScreen) OpenNew(audience data.Audience) {
	s.openNew(audience, s.Open)
}

// openNew shows the dialog of a new item, the audience chosen to start
// with; opened runs with its code once it is saved.
func (s *discScreen) openNew(audience data.Audience, opened func(code string)) {
	d, st := s.a.d, s.a.store
	f := newDiscFields(d, audience)
	f.SetCadence(data.CadenceAdhoc)
	if audience == data.AudienceInternal {
		f.SetCadence(data.CadenceRegular)
	}
	note := widget.NewLabel(lang.L("disc.new.note"))
	note.Wrapping = fyne.TextWrapWord
	// Labels left of their fields: every field and 确定 in sight at once
	// on a 1280×800 screen.
	f.Body.SetMinRowsVisible(4)
	rows := []fyne.CanvasObject{note, form(labelled(lang.L("disc.field.code"), f.Code),
		labelled(lang.L("disc.field.audience"), f.Audience),
		labelled(lang.L("disc.field.category"), f.Category),
		labelled(lang.L("disc.field.cadence"), f.Cadence),
		labelled(lang.L("disc.field.title"), f.Title),
		labelled(lang.L("disc.field.body"), f.Body))}
	var code string
	s.NewFields = f
	s.NewForm = newFormDialog(d, lang.L("disc.new.title"), rows, fyne.NewSize(1000, 780),
		func(*FormDialog) func() error {
			dr := f.draft(strings.TrimSpace(f.Code.Text))
			code = dr.Code
			return func() error {
				_, err := st.NewDisclosure(d.opts.Context, d.session, dr)
				return err
			}
		}, func() { opened(code) })
}
