package staff

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// FieldCard edits one intake field (登记字段) a request for the item asks:
// its key, label, kind, whether it is required, the choices of a single or
// multiple choice (one per line) and a line of help.
type FieldCard struct {
	Key      *widget.Entry
	Label    *widget.Entry
	Kind     *widget.Select
	Required *widget.Check
	Options  *widget.Entry
	Help     *widget.Entry
	cardParts

	e       *ItemEditor
	options fyne.CanvasObject
}

// kindLabel is the kind's name in the editor.
func kindLabel(k data.FieldKind) string { return lang.L("items.kind." + string(k)) }

func (e *ItemEditor) addField(f data.IntakeField) {
	d := e.s.a.d
	c := &FieldCard{e: e}
	var errs fyne.CanvasObject
	c.cardParts, errs = newCardParts(d, func(delta int) { e.moveField(c, delta) }, func() { e.removeField(c) },
		"label", "key", "kind", "help")
	c.Key = d.newEntry(false, lang.L("items.q.keyHint"))
	c.Key.SetText(f.Key)
	c.Label = d.newEntry(false, lang.L("items.q.labelHint"))
	c.Label.SetText(f.Label)
	var kinds []string
	for _, k := range itemKindOrder {
		kinds = append(kinds, kindLabel(k))
	}
	c.Kind = widget.NewSelect(kinds, func(string) { c.showOptions() })
	c.Required = widget.NewCheck(lang.L("items.q.required"), nil)
	c.Required.SetChecked(f.Required)
	c.Options = d.newEntry(true, lang.L("items.q.optionsHint"))
	c.Options.SetText(strings.Join(f.Options, "\n"))
	c.Help = d.newEntry(false, lang.L("items.q.helpHint"))
	c.Help.SetText(f.Help)
	optErr := errorLine()
	c.errs["options"] = optErr
	optLabel := widget.NewLabel(lang.L("items.q.options"))
	c.options = container.NewBorder(nil, nil, optLabel, nil, container.NewVBox(c.Options, optErr))
	c.box = widget.NewCard("", "", container.NewVBox(
		fieldRow(c.heading, c.Label, c.Key, c.Kind, c.Required),
		c.withButtons("items.q.help", c.Help),
		c.options,
		errs,
	))
	c.Kind.SetSelected(kindLabel(f.Kind))
	c.showOptions()
	e.Fields = append(e.Fields, c)
	layoutCards(e.fieldBox, e.Fields)
}

var fieldWeights = weightedColumns{0.4, 3.2, 2.4, 1.9, 1.4}

// fieldRow lays an intake field's first line out (or the header above the
// cards): number, label, key, kind, required.
func fieldRow(cells ...fyne.CanvasObject) fyne.CanvasObject {
	return container.New(fieldWeights, cells...)
}

// kind is the kind chosen.
func (c *FieldCard) kind() data.FieldKind {
	for _, k := range itemKindOrder {
		if kindLabel(k) == c.Kind.Selected {
			return k
		}
	}
	return ""
}

// showOptions shows the choices only for a single or multiple choice.
func (c *FieldCard) showOptions() {
	if c.options == nil {
		return
	}
	if k := c.kind(); k == data.KindSingle || k == data.KindMulti {
		c.options.Show()
	} else {
		c.options.Hide()
	}
}

func (e *ItemEditor) moveField(c *FieldCard, delta int) {
	if moveCard(e.Fields, c, delta) {
		layoutCards(e.fieldBox, e.Fields)
	}
}

func (e *ItemEditor) removeField(c *FieldCard) {
	e.Fields = removeCard(e.Fields, c)
	layoutCards(e.fieldBox, e.Fields)
}

// collect is the intake field the card says. Choices count only for a
// single or multiple choice (a text field keeps none).
func (c *FieldCard) collect() data.IntakeField {
	f := data.IntakeField{Key: strings.TrimSpace(c.Key.Text), Label: strings.TrimSpace(c.Label.Text), Kind: c.kind(),
		Required: c.Required.Checked, Help: strings.TrimSpace(c.Help.Text)}
	if f.Kind == data.KindSingle || f.Kind == data.KindMulti {
		f.Options = lines(c.Options.Text)
	}
	return f
}
