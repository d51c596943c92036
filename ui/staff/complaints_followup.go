package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// FollowUps is the list of bad ratings (不满意, 非常不满意) waiting for a
// follow-up call, the most urgent first, each with 回访 to record it.
type FollowUps struct {
	Items  []data.FollowUpDue
	Rows   []*FollowUpRow
	Status *widget.Label
	// Form and Text are the follow-up dialog while open.
	Form *FormDialog
	Text *widget.Entry

	a       *Admin
	list    *fyne.Container
	content fyne.CanvasObject
}

// FollowUpRow is one rating waiting for its follow-up.
type FollowUpRow struct {
	Due    data.FollowUpDue
	Record *widget.Button
	Texts  []string
}

var followUpWeights = weightedColumns{1.8, 2.2, 1.1, 2.0, 2.2, 2.2, 1.2}

func newFollowUps(a *Admin) *FollowUps {
	d := a.d
	f := &FollowUps{a: a}
	f.Status = widget.NewLabel("")
	f.list = container.NewVBox()
	refresh := widget.NewButtonWithIcon(lang.L("admin.refresh"), fynetheme.ViewRefreshIcon(), d.tap(f.Reload))
	intro := hint(lang.L("admin.followups.intro", map[string]any{"Days": data.FollowUpWorkdays}))
	header := container.New(followUpWeights, boldLabels("admin.followups.col.",
		"receipt", "item", "level", "reason", "applicant", "due", "action")...)
	f.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, refresh, intro), header,
		widget.NewSeparator()), f.Status, nil, nil, touch.NewVScroll(f.list))
	f.Reload()
	return f
}

// Reload reads the list again.
func (f *FollowUps) Reload() {
	d, st := f.a.d, f.a.store
	f.Status.SetText(lang.L("admin.loading"))
	d.async(func() func() {
		items, err := st.RatingsNeedingFollowUp(d.opts.Context)
		return func() { f.show(items, err) }
	})
}

func (f *FollowUps) show(items []data.FollowUpDue, err error) {
	d := f.a.d
	f.Items, f.Rows = items, nil
	f.list.RemoveAll()
	f.Status.SetText(listStatus(err, len(items), "admin.followups.empty"))
	for _, it := range items {
		due := shortDay(it.DueDay) + " " + workdaysLeft(it.WorkdaysLeft)
		row := &FollowUpRow{Due: it, Texts: []string{it.ReceiptNo, it.ItemName, ratingWord(it.Level), orDash(it.Reason),
			it.ApplicantName + " " + it.ApplicantPhone, due}}
		row.Record = widget.NewButton(lang.L("admin.followups.record"), d.tap(func() { f.OpenRecord(it) }))
		row.Record.Importance = widget.HighImportance
		cells := append(textCells(row.Texts[:5], nil), container.NewPadded(dueCanvasText(due, it.Due)), row.Record)
		f.Rows = append(f.Rows, row)
		box := rowBox(container.New(followUpWeights, cells...))
		f.list.Add(container.New(&minHeightLayout{h: bmtheme.MinTouchTarget}, box))
	}
	f.list.Refresh()
}

// OpenRecord opens the follow-up dialog of one rating.
func (f *FollowUps) OpenRecord(it data.FollowUpDue) {
	d, st, sess, ctx := f.a.d, f.a.store, f.a.d.session, f.a.d.opts.Context
	f.Text = d.newEntry(true, lang.L("admin.followups.hint"))
	f.Text.SetMinRowsVisible(5)
	info := widget.NewLabel(lang.L("admin.followups.about", map[string]any{"Receipt": it.ReceiptNo,
		"Item": it.ItemName, "Level": ratingWord(it.Level), "Name": it.ApplicantName, "Phone": it.ApplicantPhone,
		"Reason": orDash(it.Reason)}))
	info.Wrapping = fyne.TextWrapWord
	rows := []fyne.CanvasObject{info}
	rows = append(rows, labelled(lang.L("admin.followups.text"), f.Text)...)
	f.Form = newFormDialog(d, lang.L("admin.followups.record")+" · "+it.ReceiptNo, rows, fyne.NewSize(760, 700),
		func(*FormDialog) func() error {
			text := f.Text.Text
			return func() error { return st.RecordFollowUp(ctx, sess, it.RatingID, text) }
		},
		func() {
			f.Reload()
		})
}
