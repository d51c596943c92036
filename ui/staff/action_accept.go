package staff

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
)

// AcceptForm is 受理: the handling mode, a note, and — when required
// materials are not ticked 已收 — what is missing with the tick that
// confirms accepting without them.
type AcceptForm struct {
	valid

	Mode *widget.RadioGroup // the words of data.Modes, in that order
	// Note is the result told to the resident for 直接办理, an internal
	// note otherwise; NoteLabel names it accordingly.
	Note      *widget.Entry
	NoteLabel *widget.Label
	// MissingNote and ConfirmMissing are hidden when nothing is missing.
	MissingNote    *widget.Label
	ConfirmMissing *widget.Check

	formBox
	missing *fyne.Container // MissingNote and ConfirmMissing
}

func newAcceptForm(r *Request) *AcceptForm {
	f := &AcceptForm{}
	b := &formRows{d: r.d}
	f.Mode = widget.NewRadioGroup(modeWords(), nil)
	f.Mode.Horizontal = true
	f.Mode.Required = true
	f.SetMode(r.Detail.Mode)
	b.add(lang.L("staff.form.mode"), f.Mode)
	f.NoteLabel = fieldLabel("")
	f.Note = b.entry(true, "")
	b.add("", f.NoteLabel)
	b.add("", f.Note)
	f.onMode()
	f.Mode.OnChanged = func(string) { r.d.Activity(); f.onMode() }
	f.MissingNote = widget.NewLabel("")
	f.MissingNote.Wrapping = fyne.TextWrapWord
	f.MissingNote.Importance = widget.DangerImportance
	f.ConfirmMissing = widget.NewCheck(lang.L("staff.form.confirmMissing"), func(bool) { r.d.Activity() })
	f.missing = container.NewVBox(f.MissingNote, f.ConfirmMissing)
	if missing := data.MissingRequired(r.Item.Materials, r.Detail.Brought); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, m := range missing {
			names[i] = m.Name
		}
		f.MissingNote.SetText(lang.L("staff.form.missingMaterials", map[string]any{"Names": strings.Join(names, lang.L("staff.listSep"))}))
	} else {
		f.missing.Hide()
	}
	b.add("", f.missing)
	f.box = b.box()
	return f
}

// SetMode chooses a handling mode, as a tap on it would.
func (f *AcceptForm) SetMode(m data.Mode) { selectKey(f.Mode, data.Modes, m) }

// Chosen is the handling mode chosen ("" for none).
func (f *AcceptForm) Chosen() data.Mode { return keyAt(data.Modes, f.Mode.Options, f.Mode.Selected) }

// onMode names the note for the mode: 直接办理 finishes the request at
// once and the note is then the result told to the resident; otherwise it
// is an internal note.
func (f *AcceptForm) onMode() {
	if f.Chosen() == data.ModeDirect {
		f.NoteLabel.SetText(lang.L("staff.form.directResult"))
		f.Note.SetPlaceHolder(lang.L("staff.form.directResultHint"))
	} else {
		f.NoteLabel.SetText(lang.L("staff.form.internalNote"))
		f.Note.SetPlaceHolder(lang.L("staff.form.internalNoteHint"))
	}
}

// MissingShown reports whether the required materials not received are
// on show, with the tick that confirms accepting without them.
func (f *AcceptForm) MissingShown() bool { return f.missing.Visible() }

func (f *AcceptForm) work() stepWork {
	mode, note, confirm := f.Chosen(), f.Note.Text, f.ConfirmMissing.Checked
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		return nil, st.AcceptChecked(ctx, by, id, mode, note, confirm)
	}
}

// failed shows what the store found missing (ticked elsewhere meanwhile)
// with the tick that confirms accepting without it.
func (f *AcceptForm) failed(af *ActionForm, err error) {
	var ie *data.InvalidError
	if errors.As(err, &ie) && ie.Field == data.MissingField {
		f.MissingNote.SetText(locale.Message(ie))
		f.missing.Show()
		af.scroll.ScrollToBottom()
	}
}

// SupplementForm is 补正告知: the materials to ask for (the required ones
// not received are ticked), a note, and the written reason the store asks
// for when materials are asked for a second time (hidden until then).
type SupplementForm struct {
	valid

	Materials    *widget.CheckGroup // the item's materials, by name
	Note         *widget.Entry
	SecondReason *widget.Entry

	mats []data.Material
	formBox
	second *fyne.Container // SecondReason and its label
}

func newSupplementForm(r *Request) *SupplementForm {
	f := &SupplementForm{mats: r.Item.Materials}
	b := &formRows{d: r.d}
	brought := map[int64]bool{}
	for _, id := range r.Detail.Brought {
		brought[id] = true
	}
	opts := make([]string, len(f.mats))
	var ticked []string
	for i, m := range f.mats {
		opts[i] = m.Name
		if m.Required && !brought[m.ID] {
			ticked = append(ticked, m.Name)
		}
	}
	f.Materials = widget.NewCheckGroup(opts, func([]string) { r.d.Activity() })
	f.Materials.SetSelected(ticked)
	b.add(lang.L("staff.form.materials"), f.Materials)
	f.Note = b.text("staff.form.note", true, lang.L("staff.form.supplementNote"))
	f.SecondReason = b.entry(true, lang.L("staff.form.secondReasonHint"))
	f.second = container.NewVBox(widget.NewLabel(lang.L("staff.form.secondReason")), f.SecondReason)
	if len(r.Detail.Supplements) == 0 {
		f.second.Hide()
	}
	b.add("", f.second)
	f.box = b.box()
	return f
}

// SecondReasonShown reports whether the written reason for asking again
// for materials is on show.
func (f *SupplementForm) SecondReasonShown() bool { return f.second.Visible() }

func (f *SupplementForm) work() stepWork {
	// The options are the materials in order: the ticked ones by index.
	var ids []int64
	for i, name := range f.Materials.Options {
		if i < len(f.mats) && slices.Contains(f.Materials.Selected, name) {
			ids = append(ids, f.mats[i].ID)
		}
	}
	note, second := f.Note.Text, f.SecondReason.Text
	return func(ctx context.Context, st HandlingStore, by data.Session, id int64) (*pendingNotice, error) {
		n, err := st.RequestSupplement(ctx, by, id, ids, note, second)
		if err != nil {
			return nil, err
		}
		return &pendingNotice{kind: noticeCorrection, supplement: n}, nil
	}
}

// failed brings up the written reason when the store asks for one.
func (f *SupplementForm) failed(af *ActionForm, err error) {
	var ie *data.InvalidError
	if errors.As(err, &ie) && ie.Field == "second_reason" {
		f.second.Show()
		af.scroll.ScrollToBottom() // the reason is the last field: bring it into sight
		af.r.d.win.Canvas().Focus(f.SecondReason)
	}
}
