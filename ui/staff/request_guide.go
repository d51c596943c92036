package staff

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// GuideStore gives the guide a request was registered under: the basis
// that applied to it, whatever the item says today (§一(五)).
type GuideStore interface {
	RequestGuide(ctx context.Context, requestID int64) (data.GuideVersion, error)
}

var _ GuideStore = (*data.Store)(nil)

// guideFact is the request's 办事指南 row: its version, and 查看 when the
// request was registered under a guide version.
func (r *Request) guideFact() fyne.CanvasObject {
	text := lang.L("staff.guide.version", map[string]any{"N": r.Detail.ItemVersion})
	if r.Detail.ItemVersion == 0 {
		return fact(lang.L("staff.guide.label"), text)
	}
	r.GuideButton = widget.NewButton(lang.L("staff.guide.view"), r.d.tap(r.ShowGuide))
	// 查看 right after the version, clear of the scroll bar at the right.
	return field(lang.L("staff.guide.label"), container.NewHBox(widget.NewLabel(text), r.GuideButton))
}

// ShowGuide opens the guide the request was registered under.
func (r *Request) ShowGuide() {
	d, id := r.d, r.Detail.ID
	read := func(ctx context.Context) (data.GuideVersion, error) { return d.store.RequestGuide(ctx, id) }
	fetch(d, read, d.sayError, func(g data.GuideVersion) {
		r.Guide = guideText(g)
		body := widget.NewLabel(r.Guide)
		body.Wrapping = fyne.TextWrapWord
		title := lang.L("staff.guide.title", map[string]any{"N": g.Version, "Day": data.Day(g.At)})
		dlg := dialog.NewCustom(title, lang.L("staff.guide.close"), touch.NewVScroll(body), d.win)
		dlg.Resize(fyne.NewSize(900, 660))
		dlg.Show()
	})
}

// guideText is a guide version as plain text, field by field.
func guideText(g data.GuideVersion) string {
	it := g.Item
	var b strings.Builder
	add := func(key, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		b.WriteString("【" + lang.L("staff.guide."+key) + "】\n" + value + "\n\n")
	}
	add("item", it.Name)
	add("basis", it.Basis)
	add("conditions", it.Conditions)
	var steps []string
	for i, s := range it.Procedure {
		steps = append(steps, strconv.Itoa(i+1)+"、"+s)
	}
	add("procedure", strings.Join(steps, "\n"))
	var ms []string
	for i, m := range it.Materials {
		need := lang.L("staff.guide.required")
		if !m.Required {
			need = lang.L("staff.guide.optional")
		}
		line := strconv.Itoa(i+1) + "、" + m.Name + "（" + need + "，" + materialFormWord(m.Form) + " " + strconv.Itoa(m.Copies) +
			lang.L("staff.guide.copies") + "）"
		if m.Note != "" {
			line += " " + m.Note
		}
		ms = append(ms, line)
	}
	add("materials", strings.Join(ms, "\n"))
	if it.PromisedDays == 0 {
		add("promised", lang.L("staff.guide.onTheSpot"))
	} else {
		add("promised", lang.L("staff.guide.days", map[string]any{"N": it.PromisedDays}))
	}
	if it.LegalDays > 0 {
		add("legal", lang.L("staff.guide.days", map[string]any{"N": it.LegalDays}))
	}
	add("fee", strings.TrimSpace(it.Fee+" "+it.FeeBasis))
	add("special", it.SpecialSteps)
	add("result", it.Result)
	return strings.TrimSpace(b.String())
}
