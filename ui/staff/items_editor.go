package staff

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// The parts of the item editor, in the order of its tabs.
const (
	ItemTabBasic     = 0 // 基本信息
	ItemTabHandling  = 1 // 办理要求
	ItemTabMaterials = 2 // 申报材料
	ItemTabFields    = 3 // 登记字段
)

// ItemEditor edits one service item: every guide field in four tabs, and
// 保存, which sends the whole item to the store at once (nothing is saved
// half). The store's message shows beside the field at fault and on the
// bottom line.
type ItemEditor struct {
	// 基本信息
	Name     *widget.Entry
	Code     *widget.Entry
	Category *touch.SelectEntry
	Keywords *widget.Entry
	Summary  *widget.Entry
	Mode     *touch.Select
	Lead     *touch.Select
	Joint    []*widget.Check // one per window, in the order of the windows
	Upper    *widget.Entry
	Phone    *widget.Entry
	Result   *widget.Entry
	Active   *widget.Check
	Sample   *widget.Check
	NoID     *widget.Check
	// 办理要求
	Basis         *widget.Entry
	Conditions    *widget.Entry
	Procedure     *widget.Entry // one step per line
	PromisedDays  *widget.Entry
	LegalDays     *widget.Entry
	Trips         *widget.Entry
	Fee           *widget.Entry
	FeeBasis      *widget.Entry
	Special       *widget.Entry
	SpecialCounts *widget.Check
	// 申报材料
	Materials   []*MaterialCard
	AddMaterial *widget.Button
	// 登记字段
	Fields   []*FieldCard
	AddField *widget.Button

	Tabs  *container.AppTabs
	Save  *widget.Button
	Back  *widget.Button
	Title *widget.Label
	// HistoryB opens the earlier guide versions (History while open).
	HistoryB *widget.Button
	History  *ItemHistory
	// Error is the bottom line: the store's message, or what was saved.
	Error *widget.Label
	// Leave is the dialog that asks before unsaved changes are dropped.
	Leave *FormDialog

	// Item is the item as loaded or last saved.
	Item data.Item

	s        *ItemsScreen
	windows  []string // codes offered, in order
	jointBox *fyne.Container
	errs     map[string]*widget.Label
	tabOf    map[string]int
	matBox   *fyne.Container
	fieldBox *fyne.Container
	matErr   *widget.Label
	fieldErr *widget.Label
	content  fyne.CanvasObject
	busy     bool
}

var itemFormOrder = []data.MaterialForm{data.FormOriginal, data.FormCopy, data.FormBoth, data.FormElectronic}

func newItemEditor(s *ItemsScreen, it data.Item, windows []data.Window, categories []string) *ItemEditor {
	d := s.a.d
	e := &ItemEditor{s: s, Item: it, errs: map[string]*widget.Label{}, tabOf: map[string]int{}}

	e.Name = d.newEntry(false, lang.L("items.f.nameHint"))
	e.Code = d.newEntry(false, lang.L("items.f.codeHint"))
	e.Category = touch.NewSelectEntry(categories)
	e.Category.SetPlaceHolder(lang.L("items.f.categoryHint"))
	e.Keywords = d.newEntry(false, lang.L("items.f.keywordsHint"))
	e.Summary = d.newEntry(true, lang.L("items.f.summaryHint"))
	e.Summary.SetMinRowsVisible(2)
	e.Mode = newPicker(modeWords(), nil) // data.Modes, by index
	e.windowChoices(it, windows)
	e.Upper = d.newEntry(false, lang.L("items.f.upperHint"))
	e.Phone = d.newEntry(false, lang.L("items.f.phoneHint"))
	e.Result = d.newEntry(false, lang.L("items.f.resultHint"))
	e.Active = widget.NewCheck(lang.L("items.f.active"), nil)
	e.Sample = widget.NewCheck(lang.L("items.f.sample"), nil)
	e.NoID = widget.NewCheck(lang.L("items.f.noID"), nil)

	e.Basis = d.newEntry(true, lang.L("items.f.basisHint"))
	e.Conditions = d.newEntry(true, lang.L("items.f.conditionsHint"))
	e.Procedure = d.newEntry(true, lang.L("items.f.procedureHint"))
	e.Procedure.SetMinRowsVisible(5)
	e.PromisedDays = d.newEntry(false, "0")
	e.LegalDays = d.newEntry(false, "0")
	e.Trips = d.newEntry(false, "1")
	for _, n := range []*widget.Entry{e.PromisedDays, e.LegalDays, e.Trips} {
		d.Keys.SetKind(n, input.Digits) // a number: the keypad, not the pinyin keyboard
	}
	e.Fee = d.newEntry(false, lang.L("items.defaultFee"))
	e.FeeBasis = d.newEntry(false, lang.L("items.f.feeBasisHint"))
	e.Special = d.newEntry(true, lang.L("items.f.specialHint"))
	e.Special.SetMinRowsVisible(2)
	e.SpecialCounts = widget.NewCheck(lang.L("items.f.specialCounts"), nil)

	unit := func(en *widget.Entry, key string) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L(key)), en)
	}
	basic := container.NewVBox(
		container.NewGridWithColumns(2,
			form(e.field(ItemTabBasic, "name", e.Name), e.field(ItemTabBasic, "category", e.Category),
				e.field(ItemTabBasic, "mode", e.Mode), e.field(ItemTabBasic, "upper_department", e.Upper)),
			form(e.field(ItemTabBasic, "code", e.Code), e.field(ItemTabBasic, "keywords", e.Keywords),
				e.field(ItemTabBasic, "lead_window", e.Lead), e.field(ItemTabBasic, "phone", e.Phone))),
		form(e.field(ItemTabBasic, "joint_windows", e.jointBox),
			e.field(ItemTabBasic, "result", e.Result),
			e.field(ItemTabBasic, "summary", e.Summary)),
		container.NewGridWithColumns(2, e.Active, e.NoID), e.Sample,
	)
	handling := container.NewVBox(
		form(e.field(ItemTabHandling, "basis", e.Basis),
			e.field(ItemTabHandling, "conditions", e.Conditions),
			e.field(ItemTabHandling, "procedure", e.Procedure)),
		container.NewGridWithColumns(3,
			form(e.field(ItemTabHandling, "promised_days", unit(e.PromisedDays, "items.f.workdays"))),
			form(e.field(ItemTabHandling, "legal_days", unit(e.LegalDays, "items.f.workdays"))),
			form(e.field(ItemTabHandling, "trips", unit(e.Trips, "items.f.times")))),
		hint(lang.L("items.f.daysHint")),
		form(e.field(ItemTabHandling, "fee", e.Fee), e.field(ItemTabHandling, "fee_basis", e.FeeBasis),
			e.field(ItemTabHandling, "special_steps", e.Special)),
		e.SpecialCounts,
	)
	materials, fields := e.listTabs()

	e.Tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("items.tab.basic"), clearOfScrollBar(basic)),
		container.NewTabItem(lang.L("items.tab.handling"), clearOfScrollBar(handling)),
		container.NewTabItem(lang.L("items.tab.materials"), clearOfScrollBar(materials)),
		container.NewTabItem(lang.L("items.tab.fields"), clearOfScrollBar(fields)),
	)
	e.Title = widget.NewLabel("")
	e.Title.TextStyle = fyne.TextStyle{Bold: true}
	e.Title.Truncation = fyne.TextTruncateEllipsis
	e.Back = widget.NewButtonWithIcon(lang.L("items.back"), fynetheme.NavigateBackIcon(), d.tap(e.OnBack))
	e.Save = widget.NewButtonWithIcon(lang.L("items.save"), fynetheme.DocumentSaveIcon(), d.tap(e.OnSave))
	e.Save.Importance = widget.HighImportance
	e.Error = errorLine()
	// 返回列表, the title and 保存 share the top line; the message line
	// under the tabs takes room only while it has something to say.
	e.HistoryB = widget.NewButtonWithIcon(lang.L("items.history.open"), fynetheme.HistoryIcon(), d.tap(e.OpenHistory))
	top := container.NewBorder(nil, nil, e.Back, container.NewHBox(e.HistoryB, e.Save), e.Title)
	e.content = orgCompact(container.NewBorder(top, e.Error, nil, nil, e.Tabs))
	e.load(it)
	return e
}

// windowChoices builds the lead window's choice and the joint windows'
// ticks: the windows in service, and any the item names that is not.
func (e *ItemEditor) windowChoices(it data.Item, windows []data.Window) {
	var windowNames []string
	for _, w := range windows {
		e.windows = append(e.windows, w.Code)
		windowNames = append(windowNames, w.Code+" "+w.Name)
	}
	for _, code := range append([]string{it.LeadWindow}, it.JointWindows...) {
		if code != "" && !slices.Contains(e.windows, code) { // a window out of service
			e.windows = append(e.windows, code)
			windowNames = append(windowNames, code+" "+lang.L("items.f.windowStopped"))
		}
	}
	e.Lead = newPicker(append([]string{lang.L("items.f.noWindow")}, windowNames...), nil)
	var checks []fyne.CanvasObject
	for _, n := range windowNames {
		c := widget.NewCheck(n, nil)
		e.Joint = append(e.Joint, c)
		checks = append(checks, c)
	}
	e.jointBox = container.NewGridWithColumns(2, checks...)
}

// listTabs builds the contents of the materials and the intake questions
// tabs: their cards and the buttons that add one.
func (e *ItemEditor) listTabs() (materials, fields fyne.CanvasObject) {
	d := e.s.a.d
	e.matErr = errorLine()
	e.fieldErr = errorLine()
	e.tabOf["materials"], e.tabOf["fields"] = ItemTabMaterials, ItemTabFields
	e.errs["materials"], e.errs["fields"] = e.matErr, e.fieldErr
	e.matBox = container.NewVBox()
	e.fieldBox = container.NewVBox()
	e.AddMaterial = widget.NewButtonWithIcon(lang.L("items.m.add"), fynetheme.ContentAddIcon(), d.tap(func() {
		e.addMaterial(data.Material{Required: true, Form: data.FormOriginal, Copies: 1})
		e.Tabs.Selected().Content.(*container.Scroll).ScrollToBottom()
	}))
	e.AddField = widget.NewButtonWithIcon(lang.L("items.q.add"), fynetheme.ContentAddIcon(), d.tap(func() {
		e.addField(data.IntakeField{Key: e.freeKey(), Kind: data.KindText})
		e.Tabs.Selected().Content.(*container.Scroll).ScrollToBottom()
	}))
	materials = container.NewVBox(hint(lang.L("items.m.intro")), e.matErr,
		cardHeader(materialWeights, "items.m.", "name", "form", "copies", "required"), e.matBox, container.NewHBox(e.AddMaterial))
	fields = container.NewVBox(hint(lang.L("items.q.intro")), e.fieldErr,
		cardHeader(fieldWeights, "items.q.", "label", "key", "kind", "required"), e.fieldBox, container.NewHBox(e.AddField))
	return materials, fields
}

// field is an input with its label and its error line under it, as two
// cells of a form; key is the store's field name (data.InvalidError.Field)
// of the input.
func (e *ItemEditor) field(tab int, key string, o fyne.CanvasObject) []fyne.CanvasObject {
	l := errorLine()
	e.errs[key] = l
	e.tabOf[key] = tab
	name := widget.NewLabel(lang.L("items.f." + key))
	name.TextStyle = fyne.TextStyle{Bold: true}
	return []fyne.CanvasObject{name, container.NewVBox(o, l)}
}

// cardHeader names the columns of the cards' first line.
func cardHeader(columns weightedColumns, prefix string, names ...string) fyne.CanvasObject {
	cells := []fyne.CanvasObject{widget.NewLabel("")}
	cells = append(cells, boldLabels(prefix, names...)...)
	// widget.Card pads its content: the header is padded the same way.
	return container.NewPadded(container.New(columns, cells...))
}

// bind ties the form's inputs to the fields of it (numbers with the
// store's names of them).
func (e *ItemEditor) bind(it *data.Item) bindings {
	return bindings{
		texts: []textField{{e.Name, &it.Name}, {e.Code, &it.Code}, {e.Category.TextEntry(), &it.Category},
			{e.Summary, &it.Summary}, {e.Upper, &it.UpperDepartment}, {e.Phone, &it.Phone}, {e.Result, &it.Result},
			{e.Basis, &it.Basis}, {e.Conditions, &it.Conditions},
			{e.Fee, &it.Fee}, {e.FeeBasis, &it.FeeBasis}, {e.Special, &it.SpecialSteps}},
		checks: []checkField{{e.Active, &it.Active}, {e.Sample, &it.Sample}, {e.NoID, &it.NoID},
			{e.SpecialCounts, &it.SpecialCounts}},
		numbers: []numberField{{e.PromisedDays, &it.PromisedDays, "promised_days", ""},
			{e.LegalDays, &it.LegalDays, "legal_days", ""}, {e.Trips, &it.Trips, "trips", ""}},
	}
}

// load puts an item into the form.
func (e *ItemEditor) load(it data.Item) {
	e.Item = it
	if e.HistoryB != nil {
		e.HistoryB.Hidden = it.ID == 0 // a new item has no versions yet
	}
	if it.ID == 0 {
		e.Title.SetText(lang.L("items.newTitle"))
	} else {
		e.Title.SetText(lang.L("items.editTitle", map[string]any{"Name": it.Name, "Version": it.Version}))
	}
	e.bind(&it).fill()
	e.Keywords.SetText(strings.Join(it.Keywords, " "))
	e.Procedure.SetText(strings.Join(it.Procedure, "\n"))
	if it.Mode.Valid() {
		e.Mode.SetSelectedIndex(slices.Index(data.Modes, it.Mode))
	}
	e.Lead.SetSelectedIndex(0)
	for i, code := range e.windows {
		if code == it.LeadWindow {
			e.Lead.SetSelectedIndex(i + 1)
		}
		e.Joint[i].SetChecked(slices.Contains(it.JointWindows, code))
	}
	e.Materials = nil
	e.matBox.RemoveAll()
	for _, m := range it.Materials {
		e.addMaterial(m)
	}
	e.Fields = nil
	e.fieldBox.RemoveAll()
	for _, f := range it.Fields {
		e.addField(f)
	}
}

var listSplit = regexp.MustCompile(`[\s,，、;；]+`)

// lines splits a multi-line entry into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func words(s string) []string {
	var out []string
	for _, w := range listSplit.Split(strings.TrimSpace(s), -1) {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// number reads a whole number from an entry; on a bad one it shows a
// message under the field and reports false.
func (e *ItemEditor) number(key string, en *widget.Entry, show bool) (int, bool) {
	t := strings.TrimSpace(en.Text)
	if t == "" {
		return 0, true
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		if show {
			e.fail(key, lang.L("items.err.number"))
		}
		return 0, false
	}
	return n, true
}

// Collect builds the item the form says. On input the form itself cannot
// read (a number that is not one) it shows why and reports false; with
// show false it only reports.
func (e *ItemEditor) Collect(show bool) (data.Item, bool) {
	it := e.Item // keeps the id and what the form does not show
	b := e.bind(&it)
	b.collect(true)
	it.Keywords = words(e.Keywords.Text)
	it.Procedure = lines(e.Procedure.Text)
	it.Mode = ""
	if i := e.Mode.SelectedIndex(); i >= 0 {
		it.Mode = data.Modes[i]
	}
	it.LeadWindow, it.JointWindows = "", nil
	if i := e.Lead.SelectedIndex(); i > 0 {
		it.LeadWindow = e.windows[i-1]
	}
	for i, c := range e.Joint {
		if c.Checked {
			it.JointWindows = append(it.JointWindows, e.windows[i])
		}
	}
	ok := true
	for _, n := range b.numbers {
		var good bool
		if *n.at, good = e.number(n.key, n.entry, show); !good {
			ok = false
		}
	}
	it.Materials = readCards(e, e.Materials, "materials", "copies", "items.err.number", show, &ok)
	it.Fields = readCards(e, e.Fields, "fields", "rule", "items.err.ruleNumber", show, &ok)
	return it, ok
}

// readCards reads every card of the list named list. A card that cannot be
// read clears *ok; the form's first such card (*ok still true) gets the
// message of key msg under its input key, when show.
func readCards[T any, C interface{ collect() (T, bool) }](e *ItemEditor, cards []C, list, key, msg string, show bool,
	ok *bool) []T {
	var out []T
	for i, c := range cards {
		v, good := c.collect()
		if !good {
			if show && *ok {
				e.fail(list+"["+strconv.Itoa(i)+"]."+key, lang.L(msg))
			}
			*ok = false
		}
		out = append(out, v)
	}
	return out
}

// clearErrors hides every error line.
func (e *ItemEditor) clearErrors() {
	for _, l := range e.errs {
		setErrorLine(l, "")
	}
	for _, m := range e.Materials {
		m.clearErrors()
	}
	for _, f := range e.Fields {
		f.clearErrors()
	}
	setErrorLine(e.Error, "")
}

// OnSave sends the item to the store.
func (e *ItemEditor) OnSave() {
	if e.busy {
		return
	}
	d, st, sess := e.s.a.d, e.s.a.store, e.s.a.d.session
	e.clearErrors()
	it, ok := e.Collect(true)
	if !ok {
		return
	}
	e.busy = true
	e.Save.Disable()
	e.Error.Importance = widget.MediumImportance
	setErrorLine(e.Error, lang.L("admin.saving"))
	d.async(func() func() {
		saved, err := st.SaveItem(d.opts.Context, sess, it)
		return func() {
			e.busy = false
			e.Save.Enable()
			if err != nil {
				e.ShowError(err)
				return
			}
			e.saved(saved)
		}
	})
}

// saved takes the stored item back: its id, version and the ids of new
// materials, keeping the form as it is.
func (e *ItemEditor) saved(it data.Item) {
	e.Item = it
	for i, m := range e.Materials {
		if i < len(it.Materials) {
			m.ID = it.Materials[i].ID
		}
	}
	e.Title.SetText(lang.L("items.editTitle", map[string]any{"Name": it.Name, "Version": it.Version}))
	e.Error.Importance = widget.SuccessImportance
	setErrorLine(e.Error, lang.L("items.saved", map[string]any{"Version": it.Version}))
}

// ShowError puts the store's message beside the field at fault (opening
// its tab) and on the bottom line.
func (e *ItemEditor) ShowError(err error) {
	msg := locale.Message(err)
	field := ""
	if ie, ok := err.(*data.InvalidError); ok {
		field = ie.Field
	}
	e.fail(field, msg)
}

// fail shows msg for the store's field name: "name", "procedure[1]",
// "materials[2].name", "fields[0].options" …
func (e *ItemEditor) fail(field, msg string) {
	e.Error.Importance = widget.DangerImportance
	head, idx, sub := splitField(field)
	where := ""
	switch {
	case head == "materials" && idx >= 0 && idx < len(e.Materials):
		e.Tabs.SelectIndex(ItemTabMaterials)
		e.Materials[idx].fail(sub, msg)
		where = lang.L("items.err.material", map[string]any{"N": idx + 1})
	case head == "fields" && idx >= 0 && idx < len(e.Fields):
		e.Tabs.SelectIndex(ItemTabFields)
		e.Fields[idx].fail(sub, msg)
		where = lang.L("items.err.field", map[string]any{"N": idx + 1})
	default:
		if l, ok := e.errs[head]; ok {
			setErrorLine(l, msg)
			e.Tabs.SelectIndex(e.tabOf[head])
			if head != "materials" && head != "fields" {
				where = lang.L("items.f." + head)
			}
		}
	}
	if where != "" {
		msg = where + lang.L("items.err.sep") + msg
	}
	setErrorLine(e.Error, msg)
}

var fieldPattern = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?`)

// splitField splits "materials[2].name" into "materials", 2, "name" (-1
// without an index).
func splitField(f string) (head string, idx int, sub string) {
	m := fieldPattern.FindStringSubmatch(f)
	if m == nil {
		return f, -1, ""
	}
	idx = -1
	if m[2] != "" {
		idx, _ = strconv.Atoi(m[2])
	}
	return m[1], idx, m[3]
}

// OnBack returns to the list, asking first when there are unsaved changes.
func (e *ItemEditor) OnBack() {
	it, ok := e.Collect(false)
	if ok && (e.Item.ID != 0 && len(data.ItemChanges(e.Item, it)) == 0 ||
		e.Item.ID == 0 && it.Name == "" && len(it.Materials) == 0) {
		e.s.CloseEditor()
		return
	}
	lbl := widget.NewLabel(lang.L("items.leaveConfirm"))
	lbl.Wrapping = fyne.TextWrapWord
	e.Leave = newFormDialog(e.s.a.d, lang.L("items.confirmTitle"), []fyne.CanvasObject{lbl}, fyne.NewSize(520, 280),
		func(*FormDialog) func() error { return func() error { return nil } }, e.s.CloseEditor)
}

// freeKey is a key no intake field of the form has yet: field1, field2 …
func (e *ItemEditor) freeKey() string {
	for n := len(e.Fields) + 1; ; n++ {
		k := "field" + strconv.Itoa(n)
		free := true
		for _, f := range e.Fields {
			if strings.TrimSpace(f.Key.Text) == k {
				free = false
			}
		}
		if free {
			return k
		}
	}
}
