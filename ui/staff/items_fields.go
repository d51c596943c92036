package staff

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// FieldCard edits one intake field (登记字段) a request for the item asks:
// its key, label, kind, whether it is required, the choices of a single or
// multiple choice (one per line) and a line of help.
type FieldCard struct {
	Key      *widget.Entry
	Label    *widget.Entry
	Kind     *touch.Select
	Required *widget.Check
	Options  *widget.Entry
	Help     *widget.Entry
	// The field's rule (data.FieldRule): a number's range (RuleMin,
	// RuleMax), a date at least RuleMonths months before registration,
	// and the requirement in words (RuleMessage); shown for numbers and
	// dates only.
	RuleMin, RuleMax, RuleMonths, RuleMessage *widget.Entry
	cardParts

	e         *ItemEditor
	options   fyne.CanvasObject
	rule      *fyne.Container
	span      *fyne.Container // RuleMin and RuleMax
	monthsAgo *fyne.Container // RuleMonths
}

// kindLabel is the kind's name in the editor.
func kindLabel(k data.FieldKind) string { return lang.L("items.kind." + string(k)) }

func (e *ItemEditor) addField(f data.IntakeField) {
	d := e.s.a.d
	c := &FieldCard{e: e}
	var errs fyne.CanvasObject
	move, remove := cardActions(e.fieldBox, &e.Fields, c)
	c.cardParts, errs = newCardParts(d, move, remove, "label", "key", "kind", "help")
	c.Key = d.newEntry(false, lang.L("items.q.keyHint"))
	c.Key.SetText(f.Key)
	c.Label = d.newEntry(false, lang.L("items.q.labelHint"))
	c.Label.SetText(f.Label)
	c.Kind = newPicker(wordsOf(data.FieldKinds, kindLabel), func(string) { c.showOptions() }) // data.FieldKinds, by index
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
	c.addRule(f.Rule)
	c.box = widget.NewCard("", "", container.NewVBox(
		container.New(fieldWeights, c.heading, c.Label, c.Key, c.Kind, c.Required),
		c.withButtons("items.q.help", c.Help),
		c.options,
		c.rule,
		errs,
	))
	c.Kind.SetSelectedIndex(slices.Index(data.FieldKinds, f.Kind))
	c.showOptions()
	e.Fields = append(e.Fields, c)
	layoutCards(e.fieldBox, e.Fields)
}

// fieldWeights lay an intake field's first line out (and the header above
// the cards): number, label, key, kind, required.
var fieldWeights = weightedColumns{0.4, 3.2, 2.4, 1.9, 1.4}

// kind is the kind chosen.
func (c *FieldCard) kind() data.FieldKind {
	if i := c.Kind.SelectedIndex(); i >= 0 {
		return data.FieldKinds[i]
	}
	return ""
}

// addRule builds the rule's inputs, filled from r.
func (c *FieldCard) addRule(r data.FieldRule) {
	d := c.e.s.a.d
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	c.RuleMin = d.newEntry(false, lang.L("items.q.ruleMin"))
	c.RuleMin.SetText(num(r.Min))
	c.RuleMax = d.newEntry(false, lang.L("items.q.ruleMax"))
	c.RuleMax.SetText(num(r.Max))
	c.RuleMonths = d.newEntry(false, lang.L("items.q.ruleMonthsHint"))
	if r.MinMonthsAgo > 0 {
		c.RuleMonths.SetText(strconv.Itoa(r.MinMonthsAgo))
	}
	c.RuleMessage = d.newEntry(false, lang.L("items.q.ruleMessageHint"))
	c.RuleMessage.SetText(r.Message)
	ruleErr := errorLine()
	c.errs["rule"] = ruleErr
	c.span = container.NewBorder(nil, nil, widget.NewLabel(lang.L("items.q.ruleRange")), nil,
		container.NewGridWithColumns(2, c.RuleMin, c.RuleMax))
	c.monthsAgo = container.NewBorder(nil, nil, widget.NewLabel(lang.L("items.q.ruleMonths")), nil, c.RuleMonths)
	c.rule = container.NewVBox(c.span, c.monthsAgo,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("items.q.ruleMessage")), nil, c.RuleMessage), ruleErr)
}

// RangeShown reports whether the card offers a number's range, and
// MonthsShown whether it offers a date's months before registration.
func (c *FieldCard) RangeShown() bool  { return c.rule.Visible() && c.span.Visible() }
func (c *FieldCard) MonthsShown() bool { return c.rule.Visible() && c.monthsAgo.Visible() }

// showOptions shows the choices only for a single or multiple choice, and
// the rule only for a number (its range) or a date (months ago).
func (c *FieldCard) showOptions() {
	if c.options == nil {
		return
	}
	k := c.kind()
	if k.Choice() {
		c.options.Show()
	} else {
		c.options.Hide()
	}
	if c.rule == nil {
		return
	}
	c.rule.Hidden = k != data.KindNumber && k != data.KindDate
	c.span.Hidden = k != data.KindNumber
	c.monthsAgo.Hidden = k != data.KindDate
	c.rule.Refresh()
}

// collect is the intake field the card says. Choices count only for a
// single or multiple choice (a text field keeps none), a range only for a
// number, months only for a date; good is false when a rule's number is
// not one.
func (c *FieldCard) collect() (f data.IntakeField, good bool) {
	f = data.IntakeField{Key: strings.TrimSpace(c.Key.Text), Label: strings.TrimSpace(c.Label.Text), Kind: c.kind(),
		Required: c.Required.Checked, Help: strings.TrimSpace(c.Help.Text)}
	if f.Kind.Choice() {
		f.Options = lines(c.Options.Text)
	}
	good = true
	parse := func(e *widget.Entry) *float64 {
		v := strings.TrimSpace(e.Text)
		if v == "" {
			return nil
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			good = false
			return nil
		}
		return &n
	}
	switch f.Kind {
	case data.KindNumber:
		f.Rule.Min, f.Rule.Max = parse(c.RuleMin), parse(c.RuleMax)
	case data.KindDate:
		if v := strings.TrimSpace(c.RuleMonths.Text); v != "" {
			n, err := strconv.Atoi(v)
			good = err == nil
			f.Rule.MinMonthsAgo = n
		}
	}
	if f.Kind == data.KindNumber || f.Kind == data.KindDate {
		f.Rule.Message = strings.TrimSpace(c.RuleMessage.Text)
	}
	return f, good
}
