package kiosk

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// Detail is one service guide with every field of §一(一)3: what the item
// is, how it is handled, the time limits, the fee and its basis, the policy
// basis, the conditions, the procedure as numbered steps, the materials
// (required or optional, original or copy, how many), special steps,
// trips to the hall, the result, the windows and the phone. It scrolls; the
// 我要登记 and 打印一次性告知单 buttons stay below it.
type Detail struct {
	ID   int64
	Item data.Item // zero until loaded

	Name           *fitlabel.Label
	Status         *widget.Label
	Scroll         *container.Scroll
	RegisterButton *widget.Button
	PrintButton    *widget.Button

	nav     *Nav
	store   GuideStore
	opts    GuideOptions
	body    *fyne.Container
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

// NewDetail builds the guide screen and starts loading the item.
func NewDetail(nav *Nav, store GuideStore, opts GuideOptions, id int64) *Detail {
	d := &Detail{ID: id, nav: nav, store: store, opts: opts}
	d.Name = heading("")
	d.Status = status(lang.L("kiosk.loading"))
	d.body = container.NewVBox(d.Status)
	d.Scroll = vscroll(d.body)
	// Disabled until the guide has loaded.
	d.RegisterButton = disabledButton(lang.L("kiosk.guide.register"), fynetheme.DocumentCreateIcon(), d.onRegister)
	d.RegisterButton.Importance = widget.HighImportance
	d.PrintButton = disabledButton(lang.L("kiosk.guide.print"), fynetheme.DocumentPrintIcon(), d.onPrint)
	// A guide built without these (a test of the guide alone) shows no
	// button that could not do anything.
	if opts.RegisterItem == nil {
		d.RegisterButton.Hide()
	}
	if opts.PrintNotice == nil {
		d.PrintButton.Hide()
	}
	d.actions = container.NewGridWithColumns(2,
		container.New(&minLayout{touchScale: 1.25}, d.RegisterButton),
		container.New(&minLayout{touchScale: 1.25}, d.PrintButton))
	d.content = d.Scroll
	d.load()
	return d
}

// disabledButton is widget.NewButtonWithIcon, disabled from the start.
// Disable on a new button would create its renderer at once and refresh
// it, decoding its SVG icon three times (~190 KB of garbage per guide
// opened, a tenth of what it allocated); disabled before the widget is
// extended, the button is drawn disabled when it is first laid out.
func disabledButton(text string, icon fyne.Resource, tapped func()) *widget.Button {
	b := &widget.Button{Text: text, Icon: icon, OnTapped: tapped}
	b.Disable() // not yet extended: only sets the state
	b.ExtendBaseWidget(b)
	return b
}

// Title is part of Screen.
func (d *Detail) Title() string {
	if d.Item.Category != "" {
		return lang.L("kiosk.home.guides") + " · " + d.Item.Category
	}
	return lang.L("kiosk.home.guides")
}

// Content is part of Screen.
func (d *Detail) Content() fyne.CanvasObject { return d.content }

// Actions puts 我要登记 and 打印一次性告知单 in the footer.
func (d *Detail) Actions() fyne.CanvasObject { return d.actions }

func (d *Detail) load() {
	d.nav.Async(func() func() {
		ctx := d.nav.Context()
		it, err := d.store.Item(ctx, d.ID)
		names := map[string]string{}
		if err == nil {
			if ws, werr := d.store.Windows(ctx); werr == nil {
				for _, w := range ws {
					names[w.Code] = w.Name
				}
			} else {
				fyne.LogError("kiosk: windows", werr) // the codes still show
			}
		}
		return func() { d.show(it, names, err) }
	})
}

func (d *Detail) show(it data.Item, windows map[string]string, err error) {
	if d.nav.showFailure(d.Status, "kiosk: guide", err) {
		return
	}
	d.Item = it
	d.Name.SetText(it.Name)
	d.body.Objects = d.build(it, windows)
	d.body.Refresh()
	d.Scroll.ScrollToTop()
	d.RegisterButton.Enable()
	d.PrintButton.Enable()
	d.nav.Retitle(d) // the title bar now knows the category
}

func (d *Detail) build(it data.Item, windows map[string]string) []fyne.CanvasObject {
	tags := []fyne.CanvasObject{badge(it.Category, badgeInfo), badge(modeText(it.Mode), badgeInfo)}
	if it.Sample {
		tags = append(tags, badge(lang.L("kiosk.sample"), badgeSample))
	}
	out := []fyne.CanvasObject{d.Name, badges(tags...)}
	if s := strings.TrimSpace(it.Summary); s != "" {
		out = append(out, para(s))
	}

	facts := container.New(newGrid(260, 3, false),
		fact(lang.L("kiosk.guide.mode"), modeText(it.Mode)),
		fact(lang.L("kiosk.guide.promised"), promisedText(it.PromisedDays)),
	)
	// A legal limit of 0 is "not given" (data.Item.Validate) unless the
	// promise is on the spot too: saying 即办件 under a 3-day promise
	// would contradict it.
	if it.LegalDays > 0 || it.PromisedDays == 0 {
		facts.Add(fact(lang.L("kiosk.guide.legal"), promisedText(it.LegalDays)))
	}
	facts.Add(fact(lang.L("kiosk.guide.trips"), tripsText(it.Trips)))
	facts.Add(fact(lang.L("kiosk.guide.fee"), it.Fee))
	if it.Phone != "" {
		facts.Add(fact(lang.L("kiosk.guide.phone"), it.Phone))
	}
	out = append(out, facts)

	out = append(out, section(lang.L("kiosk.guide.conditions"), paragraphs(it.Conditions)))

	var steps []fyne.CanvasObject
	for i, s := range it.Procedure {
		steps = append(steps, step(i+1, s))
	}
	out = append(out, section(lang.L("kiosk.guide.procedure"), compact(container.NewVBox(steps...))))

	out = append(out, section(lang.L("kiosk.guide.materials"), d.materials(it.Materials)...))

	if s := strings.TrimSpace(it.SpecialSteps); s != "" {
		counts := lang.L("kiosk.guide.specialNotCounted")
		if it.SpecialCounts {
			counts = lang.L("kiosk.guide.specialCounted")
		}
		out = append(out, section(lang.L("kiosk.guide.special"), paragraphs(s), quiet(counts)))
	}
	if s := strings.TrimSpace(it.Result); s != "" {
		out = append(out, section(lang.L("kiosk.guide.result"), paragraphs(s)))
	}

	fee := []fyne.CanvasObject{para(it.Fee)}
	if s := strings.TrimSpace(it.FeeBasis); s != "" {
		fee = append(fee, quiet(lang.L("kiosk.guide.feeBasis", map[string]any{"Basis": s})))
	}
	out = append(out, section(lang.L("kiosk.guide.fee"), fee...))
	out = append(out, section(lang.L("kiosk.guide.basis"), paragraphs(it.Basis)))
	out = append(out, section(lang.L("kiosk.guide.where"), d.where(it, windows)...))

	if it.Sample {
		out = append(out, quiet(lang.L("kiosk.guide.sampleNote")))
	}
	return out
}

// materialBadges are a material's badges: required or optional, the form
// and the number of copies (when given).
func materialBadges(m data.Material) []fyne.CanvasObject {
	need := badge(lang.L("kiosk.material.optional"), badgeQuiet)
	if m.Required {
		need = badge(lang.L("kiosk.material.required"), badgeRequired)
	}
	tags := []fyne.CanvasObject{need, badge(formText(m.Form), badgeInfo)}
	if m.Copies > 0 {
		tags = append(tags, badge(lang.L("kiosk.material.copies", map[string]any{"N": m.Copies}), badgeOK))
	}
	return tags
}

// materials lists 申报材料: the name, then badges for required or optional,
// the form and the number of copies, then the note.
func (d *Detail) materials(ms []data.Material) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i, m := range ms {
		name := widget.NewLabel(lang.L("kiosk.material.name", map[string]any{"N": i + 1, "Name": m.Name}))
		name.SizeName = fynetheme.SizeNameSubHeadingText
		name.Wrapping = fyne.TextWrapWord
		row := []fyne.CanvasObject{name, container.NewPadded(badges(materialBadges(m)...))}
		if s := strings.TrimSpace(m.Note); s != "" {
			row = append(row, quiet(s))
		}
		if m.SampleName != "" {
			row = append(row, quiet(lang.L("kiosk.material.sampleForm", map[string]any{"Name": m.SampleName})))
		}
		out = append(out, compact(container.NewVBox(row...)))
	}
	return out
}

// where is the windows, the upper department and the phone.
func (d *Detail) where(it data.Item, windows map[string]string) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if it.LeadWindow != "" {
		out = append(out, para(lang.L("kiosk.guide.leadWindow", map[string]any{"Window": windowText(it.LeadWindow, windows)})))
	}
	if len(it.JointWindows) > 0 {
		var ws []string
		for _, w := range it.JointWindows {
			ws = append(ws, windowText(w, windows))
		}
		out = append(out, para(lang.L("kiosk.guide.jointWindows", map[string]any{"Windows": strings.Join(ws, "、")})))
	}
	if s := strings.TrimSpace(it.UpperDepartment); s != "" {
		out = append(out, para(lang.L("kiosk.guide.upper", map[string]any{"Department": s})))
	}
	phone := it.Phone
	if phone == "" {
		phone = d.nav.Center().Phone
	}
	if phone != "" {
		out = append(out, para(lang.L("kiosk.guide.phoneLine", map[string]any{"Phone": phone})))
	}
	if len(out) == 0 {
		out = append(out, para(lang.L("kiosk.guide.askWindow")))
	}
	return out
}

func (d *Detail) onRegister() {
	d.nav.Activity()
	if d.opts.RegisterItem == nil {
		return
	}
	d.nav.Push(d.opts.RegisterItem(d.nav, d.Item))
}

func (d *Detail) onPrint() {
	d.nav.Activity()
	if d.opts.PrintNotice == nil {
		return
	}
	d.opts.PrintNotice(d.nav, d.Item)
}

// Speech is what 朗读 reads of the guide (§六 一次性告知, read aloud): its name, the
// conditions, the materials one by one, the promised time limit and the
// fee, in whole sentences. Empty until the guide has loaded.
func (d *Detail) Speech() string {
	it := d.Item
	if it.Name == "" {
		return ""
	}
	parts := []string{lang.L("kiosk.speech.guide", map[string]any{"Name": it.Name})}
	if s := spoken(it.Conditions); s != "" {
		parts = append(parts, lang.L("kiosk.speech.conditions", map[string]any{"Text": s}))
	}
	if len(it.Materials) > 0 {
		var ms []string
		for i, m := range it.Materials {
			need := lang.L("kiosk.material.optional")
			if m.Required {
				need = lang.L("kiosk.material.required")
			}
			ms = append(ms, lang.L("kiosk.speech.material", map[string]any{
				"N": i + 1, "Name": spoken(m.Name), "Need": need, "Form": formText(m.Form), "Copies": m.Copies,
			}))
		}
		parts = append(parts, lang.L("kiosk.speech.materials", map[string]any{
			"N": len(it.Materials), "List": strings.Join(ms, lang.L("kiosk.speech.sep")),
		}))
	}
	parts = append(parts, lang.L("kiosk.speech.promised", map[string]any{"Days": promisedText(it.PromisedDays)}))
	if s := spoken(it.Fee); s != "" {
		parts = append(parts, lang.L("kiosk.speech.fee", map[string]any{"Fee": s}))
	}
	return strings.Join(parts, "")
}

// spokenMarker is a list number at the start of a line, with or without a
// space after it: "1.", "2、", "（3）" (but not the "1.5" of a number; the
// character after the dot is kept as $1).
var spokenMarker = regexp.MustCompile(`^(?:\d+[.．](\D)|\d+[、)）]|[（(]\d+[)）])\s*`)

// spoken makes text read well aloud: its lines joined into one sentence
// with the list numbers ("1.", "（2）") dropped, and no full stop at the end
// (the frame adds one).
func spoken(text string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(spokenMarker.ReplaceAllString(strings.TrimSpace(l), "$1"))
		l = strings.TrimRight(l, "。；;，,.　 ")
		if l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, lang.L("kiosk.speech.sep"))
}
