package staff

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
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
	Up       *widget.Button
	Down     *widget.Button
	Remove   *widget.Button

	e       *ItemEditor
	errs    map[string]*widget.Label
	heading *widget.Label
	options fyne.CanvasObject
	box     fyne.CanvasObject
}

// kindLabel is the kind's name in the editor.
func kindLabel(k data.FieldKind) string { return lang.L("items.kind." + string(k)) }

func (e *ItemEditor) addField(f data.IntakeField) {
	d := e.s.a.d
	c := &FieldCard{e: e, errs: map[string]*widget.Label{}}
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
	c.Up = widget.NewButtonWithIcon("", fynetheme.MoveUpIcon(), d.tap(func() { e.moveField(c, -1) }))
	c.Down = widget.NewButtonWithIcon("", fynetheme.MoveDownIcon(), d.tap(func() { e.moveField(c, 1) }))
	c.Remove = widget.NewButtonWithIcon(lang.L("items.remove"), fynetheme.ContentRemoveIcon(), d.tap(func() { e.removeField(c) }))
	c.heading = widget.NewLabel("")
	c.heading.TextStyle = fyne.TextStyle{Bold: true}
	errs := container.NewVBox()
	for _, key := range []string{"label", "key", "kind", "help"} {
		l := errorLine()
		c.errs[key] = l
		errs.Add(l)
	}
	optErr := errorLine()
	c.errs["options"] = optErr
	optLabel := widget.NewLabel(lang.L("items.q.options"))
	c.options = container.NewBorder(nil, nil, optLabel, nil, container.NewVBox(c.Options, optErr))
	c.box = widget.NewCard("", "", container.NewVBox(
		fieldRow(c.heading, c.Label, c.Key, c.Kind, c.Required),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("items.q.help")), container.NewHBox(c.Up, c.Down, c.Remove), c.Help),
		c.options,
		errs,
	))
	c.Kind.SetSelected(kindLabel(f.Kind))
	c.showOptions()
	e.Fields = append(e.Fields, c)
	e.layoutFields()
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

func (e *ItemEditor) layoutFields() {
	e.fieldBox.RemoveAll()
	for i, c := range e.Fields {
		c.heading.SetText(strconv.Itoa(i + 1))
		if i == 0 {
			c.Up.Disable()
		} else {
			c.Up.Enable()
		}
		if i == len(e.Fields)-1 {
			c.Down.Disable()
		} else {
			c.Down.Enable()
		}
		e.fieldBox.Add(c.box)
	}
	e.fieldBox.Refresh()
}

func (e *ItemEditor) moveField(c *FieldCard, delta int) {
	for i, x := range e.Fields {
		if x == c {
			j := i + delta
			if j < 0 || j >= len(e.Fields) {
				return
			}
			e.Fields[i], e.Fields[j] = e.Fields[j], e.Fields[i]
			e.layoutFields()
			return
		}
	}
}

func (e *ItemEditor) removeField(c *FieldCard) {
	for i, x := range e.Fields {
		if x == c {
			e.Fields = append(e.Fields[:i:i], e.Fields[i+1:]...)
			e.layoutFields()
			return
		}
	}
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

func (c *FieldCard) clearErrors() {
	for _, l := range c.errs {
		setErrorLine(l, "")
	}
}

func (c *FieldCard) fail(sub, msg string) {
	if l, ok := c.errs[sub]; ok {
		setErrorLine(l, msg)
		return
	}
	setErrorLine(c.errs["label"], msg)
}
