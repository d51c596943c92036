package kiosk

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// RegisterReview is the last step: every answer on one page, each with 修改
// (which opens that step on top of this page), and 提交登记. The name is
// shown in full; the mobile and ID numbers only to their last four
// characters, since people may stand behind the resident. A failed submit
// shows data's message at the top with 重试; everything typed stays.
type RegisterReview struct {
	Rows         []*RegisterReviewRow
	SubmitButton *widget.Button
	// Error is data's message after a failed submit, hidden otherwise.
	Error *widget.Label

	flow    *RegisterFlow
	busy    bool
	retry   bool
	list    *fyne.Container
	scroll  *container.Scroll
	content fyne.CanvasObject
	actions fyne.CanvasObject
	inView  inViewFirst // the answers below the fold (inview.go)
}

// RegisterReviewRow is one answer on the review page.
type RegisterReviewRow struct {
	Label string
	Value *widget.Label
	// EditButton opens the step; nil on rows that cannot be changed here
	// (the item, the consent).
	EditButton *widget.Button
	Step       *RegisterStep
}

func newRegisterReview(f *RegisterFlow, total int) *RegisterReview {
	r := &RegisterReview{flow: f}
	r.Error = regErrorLabel()
	r.SubmitButton = widget.NewButtonWithIcon(lang.L("register.submit"), fynetheme.ConfirmIcon(), r.onSubmit)
	r.SubmitButton.Importance = widget.HighImportance
	r.actions = container.NewHBox(layout.NewSpacer(), regWide(r.SubmitButton), layout.NewSpacer())
	r.list = container.New(newGrid(460, 2, false))
	head := container.NewVBox(heading(lang.L("register.review.question")), para(lang.L("register.review.intro")), r.Error)
	r.scroll = vscroll(container.NewVBox(head, r.list))
	r.content = container.NewBorder(regStepHeader(total, total), nil, nil, nil, r.scroll)
	r.inView = inViewFirst{on: f.cfg.InViewFirst, scroll: r.scroll}
	r.content = r.inView.wrap(r.content)
	return r
}

// Title is part of Screen.
func (r *RegisterReview) Title() string { return r.flow.title() }

// Content is part of Screen. The rows are built afresh each time the page
// comes to the top, from the answers the steps have accepted; a step that
// was opened to be changed and left with 返回 gets its answer back.
func (r *RegisterReview) Content() fyne.CanvasObject {
	for _, s := range r.flow.Steps {
		if s.editing {
			s.editing = false
			s.load()
		}
	}
	r.refresh()
	return r.content
}

// Actions puts 提交登记 in the footer.
func (r *RegisterReview) Actions() fyne.CanvasObject { return r.actions }

// reviewEditIcon is the 修改 buttons' icon, a ready picture (newPlainIcon).
var reviewEditIcon = sync.OnceValue(func() fyne.Resource { return newPlainIcon(fynetheme.DocumentCreateIcon()) })

func (r *RegisterReview) refresh() {
	f := r.flow
	r.Rows = nil
	r.inView.fold = nil
	// The cards are collected and set at once: adding them one by one
	// would lay the list (and re-wrap every answer) out after each.
	var cards []fyne.CanvasObject
	add := func(label, value string, s *RegisterStep) {
		row := &RegisterReviewRow{Label: label, Value: widget.NewLabel(value), Step: s}
		row.Value.Wrapping = fyne.TextWrapWord
		row.Value.SizeName = fynetheme.SizeNameSubHeadingText
		var edit fyne.CanvasObject
		if s != nil {
			row.EditButton = widget.NewButtonWithIcon(lang.L("register.review.edit"), reviewEditIcon(),
				func() { r.onEdit(s) })
			edit = container.NewCenter(container.New(&minLayout{width: 140, touchScale: 1}, row.EditButton))
		}
		r.Rows = append(r.Rows, row)
		card := onCard(container.NewBorder(nil, nil, nil, edit, compact(container.NewVBox(quiet(label), row.Value))))
		cards = append(cards, r.inView.keep(card))
	}
	add(lang.L("register.review.item"), f.Item.Name, nil)
	for _, s := range f.Steps {
		switch s.Kind {
		case RegisterField:
			add(s.Field.Label, r.fieldText(s.Field, f.values[s.Field.Key]), s)
		case RegisterName:
			add(lang.L("register.review.name"), f.name, s)
		case RegisterPhone:
			add(lang.L("register.review.phone"), lang.L("register.review.masked",
				map[string]any{"Value": data.MaskPhone(f.phone)}), s)
		case RegisterID:
			add(lang.L("register.review.id"), lang.L("register.review.masked",
				map[string]any{"Value": data.MaskID(f.idNumber)}), s)
		case RegisterDescription:
			add(lang.L("register.review.description"), regOr(f.description, lang.L("register.review.empty")), s)
		case RegisterMaterials:
			var have, missing []string
			for _, m := range f.Item.Materials {
				switch {
				case f.brought[m.ID]:
					have = append(have, m.Name)
				case m.Required:
					missing = append(missing, m.Name)
				}
			}
			add(lang.L("register.review.brought"), regOr(strings.Join(have, "、"), lang.L("register.review.none")), s)
			if len(missing) > 0 {
				add(lang.L("register.review.missing"), strings.Join(missing, "、"), s)
			}
		case RegisterHelp:
			add(lang.L("register.review.help"), regHelpText(f.help), s)
		}
	}
	r.list.Objects = cards
	if r.list.Size().IsZero() {
		return // never shown: laid out when it is (a refresh would build every card twice)
	}
	r.list.Refresh()
}

// fieldText is an intake field's answer as the resident reads it.
func (r *RegisterReview) fieldText(f *data.IntakeField, v string) string {
	switch {
	case v == "":
		return lang.L("register.review.empty")
	case f.Kind == data.KindDate:
		return regDateText(v)
	case f.Kind == data.KindMulti:
		return strings.Join(data.SplitChoices(v), "、")
	}
	return v
}

func regOr(s, empty string) string {
	if strings.TrimSpace(s) == "" {
		return empty
	}
	return s
}

func (r *RegisterReview) onEdit(s *RegisterStep) {
	r.flow.nav.Activity()
	r.flow.edit(s, "")
}

func (r *RegisterReview) onSubmit() {
	r.flow.nav.Activity()
	if r.busy {
		return
	}
	r.flow.submit()
}

// setBusy disables 提交 while the store works.
func (r *RegisterReview) setBusy(on bool) {
	r.busy = on
	switch {
	case on:
		r.SubmitButton.SetText(lang.L("register.submitting"))
		r.SubmitButton.Disable()
	case r.retry:
		r.SubmitButton.SetText(lang.L("register.retry"))
		r.SubmitButton.SetIcon(fynetheme.ViewRefreshIcon())
		r.SubmitButton.Enable()
	default:
		r.SubmitButton.SetText(lang.L("register.submit"))
		r.SubmitButton.SetIcon(fynetheme.ConfirmIcon())
		r.SubmitButton.Enable()
	}
}

// setError shows msg at the top of the page; retry relabels 提交 as 重试.
func (r *RegisterReview) setError(msg string, retry bool) {
	r.retry = retry
	regSetError(r.Error, msg)
	r.setBusy(r.busy)
	if msg != "" {
		r.scroll.ScrollToTop()
	}
}

// Flow is the registration the page reviews.
func (r *RegisterReview) Flow() *RegisterFlow { return r.flow }
