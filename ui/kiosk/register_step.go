package kiosk

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// RegisterStepKind is what a registration step asks.
type RegisterStepKind int

// The kinds of step, in the order of the flow.
const (
	RegisterConsent     RegisterStepKind = iota // 个人信息保护告知: 同意 / 不同意
	RegisterField                               // one intake field of the item
	RegisterName                                // 姓名: the pinyin keyboard, surnames first
	RegisterPhone                               // 手机号码: the keypad
	RegisterID                                  // 身份证号码: the keypad with X
	RegisterDescription                         // 情况说明: the pinyin keyboard, may be skipped
	RegisterMaterials                           // 我已带齐以下材料: check buttons
	RegisterHelp                                // 协助办理 / 代为办理
)

// RegisterStep is one screen of the registration flow: the step indicator,
// one question with its help text, the input for it (an entry served by
// the on-screen keypad or keyboard, a date as 年/月/日 on the keypad, or
// big option buttons), the message of data's validator in red under it,
// and 下一步 in the footer.
type RegisterStep struct {
	Kind          RegisterStepKind
	Number, Total int
	Field         *data.IntakeField // the field a RegisterField step asks

	Question *fitlabel.Label
	Help     *fitlabel.Label
	// Error shows data's message for the value, hidden while there is none.
	Error *widget.Label
	// Entry is the field of a text, number, name, phone, ID or description
	// step; Year, Month and Day those of a date.
	Entry            *input.Entry
	Year, Month, Day *input.Entry
	// Choices are the options of a single or multi field, the materials or
	// the three ways of handling.
	Choices []*RegisterChoice
	// Panel is the keypad and keyboard of a step with entries, the
	// flow's one (nil until the step is first shown).
	Panel *input.Panel
	// NextButton goes on: 下一步, 跳过 (an optional step left empty), 改好了
	// (a step opened from the review), 同意 (the consent step).
	NextButton *widget.Button
	// DisagreeButton is the consent step's 不同意.
	DisagreeButton *widget.Button
	// Hours is the office-hours check of a first step opened from a guide;
	// nil otherwise.
	Hours *RegisterHours
	// CardPrompt is 请将身份证放在读卡区 on the name and ID steps when the
	// kiosk has a card reader (register_idcard.go); nil otherwise.
	CardPrompt *widget.Label
	// FromID is set when the step's field was filled from the ID number
	// (register_idfacts.go); its help then says so.
	FromID bool

	flow     *RegisterFlow
	editing  bool
	selected map[int]bool
	entries  []*input.Entry
	box      *regPanelBox
	body     fyne.CanvasObject
	content  *fyne.Container
	scroll   *container.Scroll
	actions  *fyne.Container

	cardPrompt *regCardPrompt
	stopCard   func()
}

func newRegisterStep(f *RegisterFlow, kind RegisterStepKind, field *data.IntakeField, n, total int) *RegisterStep {
	s := &RegisterStep{Kind: kind, Number: n, Total: total, Field: field, flow: f, selected: map[int]bool{}}
	s.Question = heading("")
	s.Help = para("")
	s.Error = regErrorLabel()
	s.NextButton = widget.NewButtonWithIcon(lang.L("register.next"), fynetheme.NavigateNextIcon(), s.onNext)
	s.NextButton.Importance = widget.HighImportance
	s.NextButton.IconPlacement = widget.ButtonIconTrailingText
	s.actions = container.NewHBox(layout.NewSpacer(), regWide(s.NextButton), layout.NewSpacer())

	var ask fyne.CanvasObject
	switch kind {
	case RegisterConsent:
		ask = s.buildConsent()
	case RegisterField:
		ask = s.buildField()
	case RegisterName, RegisterPhone, RegisterID, RegisterDescription:
		t := regTyped[kind]
		s.Question.SetText(lang.L(t.question))
		s.Help.SetText(lang.L(t.help))
		ask = s.buildEntry(t.input, t.width)
		if kind == RegisterDescription {
			s.Entry.MultiLine = true
			s.Entry.Wrapping = fyne.TextWrapWord
			s.Entry.SetMinRowsVisible(3)
		}
	case RegisterMaterials:
		ask = s.buildMaterials()
	case RegisterHelp:
		ask = s.buildHelp()
	}

	// The field right under the question, so that it is in view beside
	// or above the keyboard; the help under it (for a choice, before the
	// options). On a short landscape screen in elder mode the question
	// is set smaller, and a choice's question goes to the left of the
	// options.
	tight := regTight(f.nav)
	if tight {
		s.Question.SizeName = fynetheme.SizeNameSubHeadingText
	}
	var form *fyne.Container
	switch {
	case len(s.entries) > 0:
		form = container.New(&regColumn{}, s.Question, ask, s.Error)
		s.addCardPrompt(form)
		if s.Help.Text != "" {
			form.Add(s.Help)
		}
	case tight && kind != RegisterConsent:
		q := container.New(&regColumn{}, s.Question)
		if s.Help.Text != "" {
			q.Add(s.Help)
		}
		form = container.New(&regAskLayout{}, q, container.New(&regColumn{}, ask, s.Error))
	default:
		form = container.New(&regColumn{}, s.Question)
		if s.Help.Text != "" {
			form.Add(s.Help)
		}
		form.Add(ask)
		form.Add(s.Error)
	}
	s.scroll = vscroll(form)
	s.box = newRegPanelBox(f.nav, regStepHeader(n, total), s.scroll, nil)
	s.body = s.box.Container
	s.content = container.NewStack(s.body)
	s.refreshNext()
	return s
}

// regTyped are the steps that ask for typed text: the question, the help
// under it, the keyboard and the entry's widest width.
var regTyped = map[RegisterStepKind]struct {
	question, help string
	input          input.Kind
	width          float32
}{
	RegisterName:        {"register.name.question", "register.name.help", input.Name, 560},
	RegisterPhone:       {"register.phone.question", "register.phone.help", input.Phone, 480},
	RegisterID:          {"register.id.question", "register.id.help", input.IDNumber, 640},
	RegisterDescription: {"register.description.question", "register.description.help", input.Text, 1000},
}

// regDescriptionLabel is the label data.Registration.Clean gives the
// description in its messages; the step uses the same, so that a message
// reads the same whether the step or the store finds the problem.
const regDescriptionLabel = "情况说明"

// buildEntry makes the step's one entry, at most width wide, in large text.
func (s *RegisterStep) buildEntry(kind input.Kind, width float32) fyne.CanvasObject {
	s.Entry = s.newEntry(kind)
	return regSized(s.Entry, width)
}

func (s *RegisterStep) newEntry(kind input.Kind) *input.Entry {
	e := input.NewEntry(kind)
	e.OnChanged = s.onChanged
	s.entries = append(s.entries, e)
	return e
}

// ensurePanel gives the step the flow's keypad and keyboard as it is
// shown. The flow has one panel (RegisterFlow.keys), made when the first
// step with an entry is shown and moved from step to step: a keyboard
// is costly to build and lay out, and a flow has up to six steps that
// type.
func (s *RegisterStep) ensurePanel() {
	if len(s.entries) == 0 || s.flow.keysAt == s {
		return
	}
	f := s.flow
	if f.keys == nil {
		f.keys = input.NewPanel()
		if sc := f.cfg.Scanner; sc != nil {
			f.keys.SetScanner(sc)
		}
	}
	s.Panel = f.keys
	f.keysAt = s
	s.attach()
	s.box.setPanel(s.Panel)
}

// attach hands the step's entries to the panel, and its 完成 and
// scrolling to this step.
func (s *RegisterStep) attach() {
	for _, e := range s.entries {
		s.Panel.Attach(e, e.Kind())
	}
	s.Panel.OnDone = s.onPanelDone
	s.Panel.OnShow = func(e *input.Entry) {
		if fyne.CurrentApp().Driver().CanvasForObject(e) != nil {
			input.ScrollIntoView(s.scroll, e)
		}
	}
}

func (s *RegisterStep) buildField() fyne.CanvasObject {
	f := s.Field
	s.Question.SetText(f.Label)
	lines := []string{f.Help}
	if !f.Required {
		lines = append(lines, lang.L("register.optional"))
	}
	switch f.Kind {
	case data.KindNumber:
		lines = append(lines, lang.L("register.number.help"))
	case data.KindDate:
		lines = append(lines, lang.L("register.date.help"))
	case data.KindMulti:
		lines = append(lines, lang.L("register.multi.help"))
	}
	s.Help.SetText(helpLines(lines...))
	switch f.Kind {
	case data.KindText:
		return s.buildEntry(input.Text, 1000)
	case data.KindNumber:
		return s.buildEntry(input.Digits, 400)
	case data.KindDate:
		return s.buildDate()
	case data.KindSingle, data.KindMulti:
		for i, o := range f.Options {
			s.Choices = append(s.Choices, newRegisterChoice(o, f.Kind == data.KindMulti, nil, func() { s.onChoice(i) }))
		}
		return regChoiceGrid(300, 3, s.Choices)
	}
	return s.buildEntry(input.Text, 1000)
}

// buildDate is a date as three keypad fields: 年 月 日.
func (s *RegisterStep) buildDate() fyne.CanvasObject {
	s.Year = s.newEntry(input.Digits)
	s.Month = s.newEntry(input.Digits)
	s.Day = s.newEntry(input.Digits)
	s.Year.SetPlaceHolder(lang.L("register.date.yearHint"))
	unit := func(key string) fyne.CanvasObject {
		l := widget.NewLabel(lang.L(key))
		l.SizeName = fynetheme.SizeNameSubHeadingText
		return compact(l)
	}
	part := func(e *input.Entry, width float32, key string) fyne.CanvasObject {
		return container.NewHBox(container.New(regMinWidth{width}, e), container.NewCenter(unit(key)))
	}
	return container.New(&regRowOrColumn{},
		part(s.Year, 160, "register.date.year"),
		part(s.Month, 110, "register.date.month"),
		part(s.Day, 110, "register.date.day"),
	)
}

func (s *RegisterStep) buildConsent() fyne.CanvasObject {
	s.Question.SetText(lang.L("register.consent.question"))
	s.Help.SetText(lang.L("register.consent.intro"))
	s.NextButton.SetText(lang.L("register.consent.agree"))
	s.NextButton.SetIcon(fynetheme.ConfirmIcon())
	s.DisagreeButton = widget.NewButtonWithIcon(lang.L("register.consent.disagree"), fynetheme.CancelIcon(), s.onDisagree)
	s.actions.Objects = []fyne.CanvasObject{layout.NewSpacer(), bigButton(s.DisagreeButton), bigButton(s.NextButton),
		layout.NewSpacer()}
	what := "register.consent.what"
	if s.flow.Item.NoID {
		what = "register.consent.whatNoID"
	}
	blocks := container.New(newGrid(440, 2, false))
	keys := []string{what, "register.consent.why", "register.consent.howLong",
		"register.consent.who", "register.consent.rights"}
	if s.flow.cardReady() {
		keys = append(keys, "register.consent.card")
	}
	for _, k := range keys {
		head := widget.NewLabel(lang.L(k + ".head"))
		head.TextStyle = fyne.TextStyle{Bold: true}
		head.Importance = widget.HighImportance
		blocks.Add(onCard(compact(container.NewVBox(head, para(lang.L(k))))))
	}
	ask := para(lang.L("register.consent.ask"))
	ask.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewVBox(blocks, ask)
}

func (s *RegisterStep) buildMaterials() fyne.CanvasObject {
	s.Question.SetText(lang.L("register.materials.question"))
	s.Help.SetText(lang.L("register.materials.help"))
	for i, m := range s.flow.Item.Materials {
		detail := container.NewVBox(badges(materialBadges(m)...))
		if note := strings.TrimSpace(m.Note); note != "" {
			detail.Add(quiet(note))
		}
		s.Choices = append(s.Choices, newRegisterChoice(m.Name, true, compact(detail), func() { s.onChoice(i) }))
	}
	return regChoiceGrid(440, 2, s.Choices)
}

func (s *RegisterStep) buildHelp() fyne.CanvasObject {
	s.Question.SetText(lang.L("register.help.question"))
	s.Help.SetText(lang.L("register.help.intro"))
	for i, h := range []regHelp{regHelpNone, regHelpAssist, regHelpProxy} {
		detail := quiet(lang.L(regHelpWords[h].sub))
		s.Choices = append(s.Choices, newRegisterChoice(regHelpText(h), false, detail, func() { s.onChoice(i) }))
	}
	return regChoiceGrid(600, 1, s.Choices)
}

// Title is part of Screen.
func (s *RegisterStep) Title() string { return s.flow.title() }

// Content is part of Screen. It is called each time the step comes to the
// top, which opens the keypad or keyboard for the step's entry at once.
func (s *RegisterStep) Content() fyne.CanvasObject {
	s.shown()
	s.listenCard()
	return s.content
}

// Actions puts 下一步 (or 同意 and 不同意) in the footer.
func (s *RegisterStep) Actions() fyne.CanvasObject { return s.actions }

// Leave closes the keyboard, dropping any pinyin being composed.
func (s *RegisterStep) Leave() {
	s.unlistenCard()
	if s.Panel != nil && s.flow.keysAt == s { // the panel is this step's
		regClosePanel(s.Panel)
	}
}

// Flow is the registration the step belongs to.
func (s *RegisterStep) Flow() *RegisterFlow { return s.flow }

// gate makes the step wait for the office-hours check (a first step).
func (s *RegisterStep) gate() {
	s.Hours = newRegisterHours(s.flow.nav, s.flow.cfg.Store, s.body, s.onHoursOpen)
	s.content.Objects = []fyne.CanvasObject{s.Hours.Content()}
	s.actions.Hide()
	s.Hours.check()
}

func (s *RegisterStep) onHoursOpen() {
	s.actions.Show()
	s.flow.nav.Retitle(s) // the shell lays the footer out again
	if s.flow.nav.Current() == s {
		s.shown()
	}
}

// shown opens the input for the first empty entry.
func (s *RegisterStep) shown() {
	if s.Hours != nil && !s.Hours.Open() {
		return
	}
	s.ensurePanel()
	if s.Panel == nil || s.Panel.Active() != nil {
		return
	}
	e := s.Entry
	if s.Year != nil {
		e = s.Year
		for _, d := range []*input.Entry{s.Year, s.Month, s.Day} {
			if strings.TrimSpace(d.Text) == "" {
				e = d
				break
			}
		}
	}
	s.Panel.Activate(e)
}

// onPanelDone: 完成 on the keypad or keyboard moves from 年 to 月 to 日,
// and otherwise goes on as 下一步 does.
func (s *RegisterStep) onPanelDone(e *input.Entry) {
	if e != nil && e.MultiLine {
		if t := strings.TrimRight(e.Text, "\n"); t != e.Text {
			e.SetText(t) // 完成 typed an Enter
		}
	}
	switch e {
	case nil:
	case s.Year:
		regFocus(s.Panel, s.Month)
		return
	case s.Month:
		regFocus(s.Panel, s.Day)
		return
	}
	s.onNext()
}

func (s *RegisterStep) onChanged(string) {
	s.flow.nav.Activity()
	regSetError(s.Error, "")
	s.refreshNext()
}

func (s *RegisterStep) onChoice(i int) {
	s.flow.nav.Activity()
	multi := s.Kind == RegisterMaterials || (s.Kind == RegisterField && s.Field.Kind == data.KindMulti)
	switch {
	case multi:
		s.selected[i] = !s.selected[i]
	case s.selected[i] && s.optional():
		s.selected = map[int]bool{} // tap again to undo an optional choice
	default:
		s.selected = map[int]bool{i: true}
	}
	s.refreshChoices()
	regSetError(s.Error, "")
	s.refreshNext()
}

func (s *RegisterStep) refreshChoices() {
	for i, c := range s.Choices {
		c.SetChecked(s.selected[i])
	}
}

func (s *RegisterStep) onDisagree() {
	s.flow.nav.Activity()
	s.flow.consent = false
	s.flow.nav.ShowMessage(lang.L("register.consent.refusedTitle"), lang.L("register.consent.refused"))
}

// onNext checks the answer with data's validator: a problem is shown in
// red under the field and the step stays; a good answer is kept (in its
// cleaned form) and the flow goes on.
func (s *RegisterStep) onNext() {
	s.flow.nav.Activity()
	v, err := s.validate()
	if err != nil {
		s.setError(locale.Message(err))
		return
	}
	s.setError("")
	s.commit(v)
	s.flow.advance(s)
}

// optional reports whether the step may be left empty.
func (s *RegisterStep) optional() bool {
	return s.Kind == RegisterDescription || (s.Kind == RegisterField && !s.Field.Required)
}

// empty reports whether nothing is typed or chosen.
func (s *RegisterStep) empty() bool {
	for _, e := range s.entries {
		if strings.TrimSpace(e.Text) != "" {
			return false
		}
	}
	for _, on := range s.selected {
		if on {
			return false
		}
	}
	return true
}

// refreshNext labels the button with what it will do.
func (s *RegisterStep) refreshNext() {
	if s.Kind == RegisterConsent {
		return
	}
	text, icon := lang.L("register.next"), fynetheme.NavigateNextIcon()
	switch {
	case s.editing:
		text, icon = lang.L("register.saveEdit"), fynetheme.ConfirmIcon()
	case s.optional() && s.empty():
		text = lang.L("register.skip")
	}
	if s.NextButton.Text != text {
		s.NextButton.SetText(text)
		s.NextButton.SetIcon(icon)
	}
}

// raw is what the step holds for its field, in the form data validates.
func (s *RegisterStep) raw() string {
	switch {
	case s.Year != nil:
		y, m, d := strings.TrimSpace(s.Year.Text), strings.TrimSpace(s.Month.Text), strings.TrimSpace(s.Day.Text)
		if y == "" && m == "" && d == "" {
			return ""
		}
		return y + "-" + m + "-" + d
	case s.Entry != nil:
		return s.Entry.Text
	}
	var chosen []string
	for i, o := range s.Field.Options {
		if s.selected[i] {
			chosen = append(chosen, o)
		}
	}
	return data.JoinChoices(chosen)
}

func (s *RegisterStep) validate() (string, error) {
	switch s.Kind {
	case RegisterField:
		f := s.Field
		return f.CleanValue(s.raw(), s.flow.nav.Now()) // the administrator's rule too (居住满半年)
	case RegisterName:
		return data.PersonName("name", s.Entry.Text)
	case RegisterPhone:
		return data.ContactPhone("phone", s.Entry.Text)
	case RegisterID:
		return data.IDNumber("id_number", s.Entry.Text, s.flow.nav.Now())
	case RegisterDescription:
		return data.Text("description", regDescriptionLabel, s.Entry.Text, data.MaxDescriptionRunes, false, true)
	case RegisterHelp:
		for i := range s.Choices {
			if s.selected[i] {
				return strconv.Itoa(i), nil
			}
		}
		return "", data.Invalid("help", lang.L("register.help.choose"))
	}
	return "", nil
}

// commit keeps an accepted answer in the flow.
func (s *RegisterStep) commit(v string) {
	f := s.flow
	switch s.Kind {
	case RegisterConsent:
		f.consent = true
	case RegisterField:
		f.values[s.Field.Key] = v
	case RegisterName:
		f.name = v
		s.Entry.SetText(v)
	case RegisterPhone:
		f.phone = v
		s.Entry.SetText(v)
	case RegisterID:
		f.idNumber = v
		s.Entry.SetText(v)
		f.fillFromID(v)
	case RegisterDescription:
		f.description = v
	case RegisterMaterials:
		f.brought = map[int64]bool{}
		for i, m := range f.Item.Materials {
			if s.selected[i] {
				f.brought[m.ID] = true
			}
		}
	case RegisterHelp:
		i, _ := strconv.Atoi(v)
		f.help = []regHelp{regHelpNone, regHelpAssist, regHelpProxy}[i]
	}
}

// load puts the flow's accepted answer back into the widgets (the step is
// opened from the review).
func (s *RegisterStep) load() {
	f := s.flow
	switch s.Kind {
	case RegisterField:
		v := f.values[s.Field.Key]
		switch {
		case s.Year != nil:
			s.setDate(v)
		case s.Entry != nil:
			s.Entry.SetText(v)
		default:
			chosen := map[string]bool{}
			for _, c := range data.SplitChoices(v) {
				chosen[c] = true
			}
			s.selected = map[int]bool{}
			for i, o := range s.Field.Options {
				s.selected[i] = chosen[o]
			}
		}
	case RegisterName:
		s.Entry.SetText(f.name)
	case RegisterPhone:
		s.Entry.SetText(f.phone)
	case RegisterID:
		s.Entry.SetText(f.idNumber)
	case RegisterDescription:
		s.Entry.SetText(f.description)
	case RegisterMaterials:
		s.selected = map[int]bool{}
		for i, m := range f.Item.Materials {
			s.selected[i] = f.brought[m.ID]
		}
	case RegisterHelp:
		s.selected = map[int]bool{}
		if f.help != regHelpUnset {
			s.selected[int(f.help-regHelpNone)] = true
		}
	}
	s.refreshChoices()
	s.refreshNext()
}

// setError shows msg under the field and scrolls it into view.
func (s *RegisterStep) setError(msg string) {
	regSetError(s.Error, msg)
	s.refreshNext()
	if msg != "" {
		touch.BringIntoView(s.Error)
	}
}

// regSplitDate splits data's "2006-01-02" into year, month and day as a
// resident types them (no leading zeros).
func regSplitDate(v string) (y, m, d string) {
	parts := strings.Split(v, "-")
	if len(parts) != 3 {
		return "", "", ""
	}
	trim := func(s string) string {
		if t := strings.TrimLeft(s, "0"); t != "" {
			return t
		}
		return s
	}
	return parts[0], trim(parts[1]), trim(parts[2])
}

// setDate shows the stored date v in the step's year, month and day boxes.
func (s *RegisterStep) setDate(v string) {
	y, m, d := regSplitDate(v)
	s.Year.SetText(y)
	s.Month.SetText(m)
	s.Day.SetText(d)
}

// regDateText is a stored date in words: 1958年3月5日.
func regDateText(v string) string {
	y, m, d := regSplitDate(v)
	if y == "" {
		return v
	}
	return lang.L("register.date.text", map[string]any{"Year": y, "Month": m, "Day": d})
}

// helpLines puts a field's help and the hints after it a line each, every
// line ending its sentence: the catalog's help is often written without a
// 。, which then ran into the hint on the next line.
func helpLines(lines ...string) string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(l); !strings.ContainsRune("。！？；：…）)」』”.!?;:", r) {
			l += "。"
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
