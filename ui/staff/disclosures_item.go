package staff

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// DisclosureView is one disclosure item: where it stands, its draft in an
// editor (保存草稿, 预公开…, 正式公开…), residents' opinions on it, and its
// published versions by date, read-only. An internal item has no 预公开 and
// no opinions. The 公开内容 and 内部制度 sections both open it.
type DisclosureView struct {
	Code  string
	State data.DisclosureState
	// Working is the working copy (draft or preview), zero if none;
	// Basis the text the editor started from.
	Working data.DisclosureVersion
	Basis   data.DisclosureVersion

	Back    *widget.Button
	Heading *widget.Label
	Summary *widget.Label
	Fields  *DiscFields
	Basis0  *widget.Label // what the editor holds: 第3版草稿 / 以现行第2版为底稿
	Save    *widget.Button
	Preview *widget.Button // nil for an internal item
	Publish *widget.Button
	// Message is the line under the editor: the last step's result or the
	// store's answer.
	Message *widget.Label

	// Comments are the opinions received (public items), newest first.
	Comments     []data.DisclosureComment
	CommentsList *fyne.Container
	// History are the published versions, newest first, and their rows.
	History     []data.DisclosureVersion
	HistoryRows []*DiscRow
	AtDay       *widget.Entry
	AtShow      *widget.Button
	// AtMessage is the history tab's line under the day: what the lookup
	// found or what is wrong with the day typed.
	AtMessage *widget.Label
	Tabs      *container.AppTabs

	// Form is the 预公开 or 正式公开 dialog while open; PreviewEnd its
	// last-day field.
	Form       *FormDialog
	PreviewEnd *widget.Entry
	// Reading is the archived version last opened read-only, Reader its
	// dialog.
	Reading *data.DisclosureVersion
	Reader  dialog.Dialog

	a       *Admin
	saved   data.DisclosureDraft
	history *fyne.Container
	center  *fyne.Container
	content fyne.CanvasObject
	load    latest
}

func newDisclosureView(a *Admin, code string, back func()) *DisclosureView {
	d := a.d
	v := &DisclosureView{a: a, Code: code}
	v.Back = widget.NewButtonWithIcon(lang.L("disc.back"), fynetheme.NavigateBackIcon(), d.tap(back))
	v.Heading = widget.NewLabel(code)
	v.Heading.TextStyle = fyne.TextStyle{Bold: true}
	v.Heading.Truncation = fyne.TextTruncateEllipsis
	v.Summary = line(lang.L("admin.loading"))
	v.Message = fieldLabel("")
	v.Basis0 = line("")
	v.Save = widget.NewButtonWithIcon(lang.L("disc.save"), fynetheme.DocumentSaveIcon(), d.tap(v.SaveDraft))
	v.Publish = widget.NewButtonWithIcon(lang.L("disc.publish"), fynetheme.ConfirmIcon(), d.tap(v.OpenPublish))
	v.Publish.Importance = widget.HighImportance
	v.CommentsList = container.NewVBox()
	v.history = container.NewVBox()
	v.AtDay = d.dayEntry(lang.L("disc.history.dayHint"))
	v.AtShow = widget.NewButtonWithIcon(lang.L("disc.history.show"), fynetheme.SearchIcon(), d.tap(v.ShowAt))
	v.AtMessage = fieldLabel("")
	v.Fields = newDiscFields(d, data.AudiencePublic)
	v.center = container.NewStack()
	v.content = container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, container.NewVBox(v.Back), nil,
			container.NewVBox(v.Heading, v.Summary)), widget.NewSeparator()),
		nil, nil, nil, v.center)
	v.Reload()
	return v
}

// Reload reads the item again and lays it out.
func (v *DisclosureView) Reload() {
	d, st := v.a.d, v.a.store
	ctx := d.opts.Context
	v.load.run(d, func() func() {
		var state data.DisclosureState
		var all data.Disclosure
		var comments []data.DisclosureComment
		var history []data.DisclosureVersion
		err := func() (err error) {
			if state, err = st.DisclosureStateOf(ctx, v.Code); err != nil {
				return err
			}
			if all, err = st.DisclosureArchive(ctx, v.Code); err != nil {
				return err
			}
			if state.Audience == data.AudiencePublic {
				if comments, err = st.Comments(ctx, v.Code); err != nil {
					return err
				}
			}
			// Staff read every item's archive: they ask as the internal audience.
			history, err = st.Archive(ctx, v.Code, data.AudienceInternal)
			return err
		}()
		return func() {
			if err != nil {
				v.Summary.SetText(locale.Message(err))
				return
			}
			v.show(state, all, comments, history)
		}
	})
}

func (v *DisclosureView) show(state data.DisclosureState, all data.Disclosure, comments []data.DisclosureComment,
	history []data.DisclosureVersion) {
	first := v.State.Code == ""
	v.State, v.Comments = state, comments
	v.History = nil
	for i := len(history) - 1; i >= 0; i-- {
		v.History = append(v.History, history[i])
	}
	v.Working, v.Basis = data.DisclosureVersion{}, data.DisclosureVersion{}
	for _, ver := range all.Versions {
		switch ver.Status {
		case data.VersionDraft, data.VersionPreview:
			v.Working, v.Basis = ver, ver
		case data.VersionPublished:
			if v.Working.ID == 0 {
				v.Basis = ver
			}
		}
	}
	v.Heading.SetText(state.Code + " · " + state.Title)
	v.Summary.SetText(v.summary())
	if first {
		v.layout()
	}
	v.loadEditor()
	v.showComments()
	v.showHistory()
}

// layout builds the editor and the tabs once the item's audience is known.
func (v *DisclosureView) layout() {
	d := v.a.d
	internal := v.State.Audience == data.AudienceInternal
	v.Fields = newDiscFields(d, v.State.Audience)
	buttons := []fyne.CanvasObject{v.Save}
	if !internal {
		v.Preview = widget.NewButtonWithIcon(lang.L("disc.preview"), fynetheme.VisibilityIcon(), d.tap(v.OpenPreview))
		buttons = append(buttons, v.Preview)
	}
	buttons = append(buttons, v.Publish)
	// The editor scrolls as a whole so the text keeps a comfortable
	// height at 800 px; the buttons stay in view under it.
	v.Fields.Body.SetMinRowsVisible(11)
	// The category takes the room the cadence leaves: its names are long
	// (便民措施、服务承诺、监督办法、管理制度).
	meta := container.NewBorder(nil, nil, sectionTitle(lang.L("disc.field.categoryShort")),
		container.NewHBox(sectionTitle(lang.L("disc.field.cadenceShort")), v.Fields.Cadence), v.Fields.Category)
	fields := container.NewVBox(v.Basis0, meta,
		container.NewBorder(nil, nil, sectionTitle(lang.L("disc.field.title")), nil, v.Fields.Title), v.Fields.Body)
	editor := container.NewBorder(nil,
		container.NewVBox(container.NewGridWithColumns(len(buttons), buttons...),
			container.New(collapseEmpty{v.Message}, v.Message)), nil, nil,
		touch.NewVScroll(fields))

	lookup := container.NewVBox(widget.NewLabel(lang.L("disc.history.at")),
		container.NewBorder(nil, nil, nil, v.AtShow, v.AtDay), container.New(collapseEmpty{v.AtMessage}, v.AtMessage))
	historyTab := container.NewBorder(container.NewVBox(lookup, widget.NewSeparator()), nil, nil, nil,
		touch.NewVScroll(v.history))
	v.Tabs = container.NewAppTabs()
	if !internal {
		v.Tabs.Append(container.NewTabItem(lang.L("disc.comments.tab"), touch.NewVScroll(v.CommentsList)))
	}
	v.Tabs.Append(container.NewTabItem(lang.L("disc.history.tab"), historyTab))
	split := container.NewHSplit(editor, v.Tabs)
	split.Offset = 0.6
	v.center.Objects = []fyne.CanvasObject{split}
	v.center.Refresh()
}

// summary says where the item stands, in a sentence or three.
func (v *DisclosureView) summary() string {
	st, now := v.State, v.a.d.opts.Now()
	audience := lang.L("disc.audience." + string(st.Audience))
	parts := []string{lang.L("disc.summary.kind", map[string]any{"Audience": audience,
		"Category": categoryText(st.Category), "Cadence": cadenceText(st.Cadence)})}
	if st.Current > 0 {
		parts = append(parts, lang.L("disc.summary.current", map[string]any{"N": st.Current,
			"At": dayTime(st.PublishedAt), "By": st.Publisher}))
	} else {
		parts = append(parts, lang.L("disc.summary.unpublished"))
	}
	switch {
	case st.Working == data.VersionDraft:
		parts = append(parts, lang.L("disc.summary.draft", map[string]any{"N": st.WorkingNumber}))
	case st.Working == data.VersionPreview && st.PreviewOpen(now):
		parts = append(parts, lang.L("disc.summary.preview", map[string]any{"N": st.WorkingNumber,
			"Until": untilText(st.PreviewUntil), "Comments": st.Comments}))
	case st.Working == data.VersionPreview:
		parts = append(parts, lang.L("disc.summary.previewEnded", map[string]any{"N": st.WorkingNumber,
			"Until": untilText(st.PreviewUntil), "Comments": st.Comments}))
	}
	// Fyne wraps Chinese only at spaces: a space between the sentences
	// lets a long summary break there, not inside a date.
	return strings.Join(parts, " ")
}

// untilText is the last day of a preview, or 未设截止日期.
func untilText(t time.Time) string {
	if t.IsZero() {
		return lang.L("disc.noEnd")
	}
	return data.Day(t)
}

// loadEditor fills the editor from the working copy, or from the version
// in force as the basis of the next one.
func (v *DisclosureView) loadEditor() {
	f := v.Fields
	f.SetCategory(v.State.Category)
	f.SetCadence(v.State.Cadence)
	f.Title.SetText(v.Basis.Title)
	f.Body.SetText(v.Basis.Body)
	v.saved = f.draft(v.Code)
	switch {
	case v.Working.ID != 0 && v.Working.Status == data.VersionPreview:
		v.Basis0.SetText(lang.L("disc.basis.preview", map[string]any{"N": v.Working.Version}))
	case v.Working.ID != 0:
		v.Basis0.SetText(lang.L("disc.basis.draft", map[string]any{"N": v.Working.Version}))
	case v.Basis.ID != 0:
		v.Basis0.SetText(lang.L("disc.basis.current", map[string]any{"N": v.Basis.Version}))
	default:
		v.Basis0.SetText("")
	}
}

// Dirty reports whether the editor holds changes not saved yet.
func (v *DisclosureView) Dirty() bool {
	return v.Fields != nil && v.Fields.draft(v.Code) != v.saved
}

func (v *DisclosureView) say(text string, ok bool) {
	v.Message.SetText(text)
	if ok {
		v.Message.Importance = widget.SuccessImportance
	} else {
		v.Message.Importance = widget.DangerImportance
	}
	v.Message.Refresh()
	touch.BringIntoView(v.Message)
}

// SaveDraft saves the editor as the draft of the next version.
func (v *DisclosureView) SaveDraft() {
	d, st := v.a.d, v.a.store
	dr := v.Fields.draft(v.Code)
	v.say(lang.L("admin.saving"), true)
	d.async(func() func() {
		ver, err := st.SaveDraft(d.opts.Context, d.session, dr)
		return func() {
			if err != nil {
				v.say(locale.Message(err), false)
				return
			}
			v.say(lang.L("disc.saved", map[string]any{"N": ver.Version}), true)
			v.Reload()
		}
	})
}

// ready refuses a step while the editor holds unsaved changes.
func (v *DisclosureView) ready() bool {
	if v.Dirty() {
		v.say(lang.L("disc.unsaved"), false)
		return false
	}
	return true
}

// OpenPreview opens the 预公开 dialog: the last day residents may comment.
func (v *DisclosureView) OpenPreview() {
	if !v.ready() {
		return
	}
	d, st := v.a.d, v.a.store
	v.PreviewEnd = d.dayEntry(lang.L("disc.history.dayHint"))
	v.PreviewEnd.SetText(data.Day(d.opts.Now().AddDate(0, 0, 14)))
	note := widget.NewLabel(lang.L("disc.preview.note"))
	note.Wrapping = fyne.TextWrapWord
	// The day first, beside its label, so it is in sight without scrolling.
	rows := []fyne.CanvasObject{form(labelled(lang.L("disc.preview.until"), v.PreviewEnd)), note}
	var last time.Time
	v.Form = newFormDialog(d, lang.L("disc.preview.title"), rows, fyne.NewSize(720, 520),
		func(f *FormDialog) func() error {
			t, err := data.ParsePreviewEnd(v.PreviewEnd.Text)
			if err != nil {
				f.Error.SetText(locale.Message(err))
				return nil
			}
			last = t
			return func() error {
				_, err := st.PreviewUntil(d.opts.Context, d.session, v.Code, t)
				return err
			}
		}, func() {
			v.say(lang.L("disc.previewed", map[string]any{"Until": data.Day(last)}), true)
			v.Reload()
		})
}

// OpenPublish asks to confirm 正式公开 of the saved working copy.
func (v *DisclosureView) OpenPublish() {
	if !v.ready() {
		return
	}
	d, st := v.a.d, v.a.store
	text := lang.L("disc.publish.confirm", map[string]any{"Title": v.Basis.Title})
	if v.Working.ID != 0 {
		text = lang.L("disc.publish.confirmN", map[string]any{"N": v.Working.Version, "Title": v.Working.Title})
	}
	if v.State.Working == data.VersionPreview && !v.State.PreviewUntil.IsZero() && v.State.PreviewOpen(d.opts.Now()) {
		text += "\n" + lang.L("disc.publish.previewOpen", map[string]any{"Until": data.Day(v.State.PreviewUntil)})
	}
	note := widget.NewLabel(text)
	note.Wrapping = fyne.TextWrapWord
	var pub data.DisclosureVersion
	v.Form = newFormDialog(d, lang.L("disc.publish.title"), []fyne.CanvasObject{note}, fyne.NewSize(660, 440),
		func(*FormDialog) func() error {
			return func() (err error) {
				pub, err = st.Publish(d.opts.Context, d.session, v.Code)
				return err
			}
		}, func() {
			v.say(lang.L("disc.published", map[string]any{"N": pub.Version, "At": dayTime(pub.PublishedAt)}), true)
			v.Reload()
		})
}

func (v *DisclosureView) showComments() {
	v.CommentsList.RemoveAll()
	if v.Tabs != nil && v.State.Audience == data.AudiencePublic {
		v.Tabs.Items[0].Text = lang.L("disc.comments.tabN", map[string]any{"N": len(v.Comments)})
		v.Tabs.Refresh()
	}
	if len(v.Comments) == 0 {
		l := widget.NewLabel(lang.L("disc.comments.none"))
		l.Wrapping = fyne.TextWrapWord
		v.CommentsList.Add(l)
		return
	}
	for _, c := range v.Comments {
		head := lang.L("disc.comments.head", map[string]any{"N": c.Version, "At": dayTime(c.At)})
		if c.Contact != "" {
			head += "　" + lang.L("disc.comments.contact", map[string]any{"Contact": c.Contact})
		}
		h := widget.NewLabel(head)
		h.TextStyle = fyne.TextStyle{Bold: true}
		h.Wrapping = fyne.TextWrapWord
		b := widget.NewLabel(c.Body)
		b.Wrapping = fyne.TextWrapWord
		v.CommentsList.Add(container.NewVBox(h, b, widget.NewSeparator()))
	}
}

func (v *DisclosureView) showHistory() {
	d := v.a.d
	v.HistoryRows = nil
	v.history.RemoveAll()
	if len(v.History) == 0 {
		v.history.Add(widget.NewLabel(lang.L("disc.history.none")))
		return
	}
	for _, ver := range v.History {
		state := lang.L("disc.history.superseded")
		if ver.Status == data.VersionPublished {
			state = lang.L("disc.history.inForce")
		}
		r := newHistoryRow(v.Code, []string{lang.L("disc.history.version", map[string]any{"N": ver.Version}),
			dayTime(ver.PublishedAt), ver.Publisher, state}, d.tap(func() { v.Read(ver) }))
		v.HistoryRows = append(v.HistoryRows, r)
		v.history.Add(r)
	}
}

// newHistoryRow is a published version in two lines (the pane is
// narrow): 第2版 · 现行, then the time and the publisher. texts are the
// version, time, publisher and state.
func newHistoryRow(code string, texts []string, onTap func()) *DiscRow {
	return newTwoLineRow(code, texts, texts[0]+" · "+texts[3],
		lang.L("disc.history.line", map[string]any{"At": texts[1], "By": texts[2]}), onTap)
}

// newTwoLineRow is a row of a narrow list: a bold line over a plain one.
func newTwoLineRow(code string, texts []string, head, sub string, onTap func()) *DiscRow {
	r := &DiscRow{Code: code, texts: texts, tapLine: tapLine{onTap: onTap}}
	r.ExtendBaseWidget(r)
	r.head = widget.NewLabel(head)
	r.head.TextStyle = fyne.TextStyle{Bold: true}
	r.head.Wrapping = fyne.TextWrapWord
	l := widget.NewLabel(sub)
	l.Truncation = fyne.TextTruncateEllipsis
	r.box = rowBox(container.NewVBox(r.head, l))
	return r
}

// SetSelected marks the row as the one on show.
func (r *DiscRow) SetSelected(on bool) {
	if r.head == nil {
		return
	}
	r.head.Importance = widget.MediumImportance
	if on {
		r.head.Importance = widget.HighImportance
	}
	r.head.Refresh()
}

// ShowAt shows the version that was in force at the end of the day typed.
func (v *DisclosureView) ShowAt() {
	d, st := v.a.d, v.a.store
	// The answer shows under the day, in the history tab, where the eye is.
	say := func(text string, ok bool) {
		v.AtMessage.Importance = widget.DangerImportance
		if ok {
			v.AtMessage.Importance = widget.SuccessImportance
		}
		v.AtMessage.SetText(text)
		touch.BringIntoView(v.AtMessage)
	}
	day, err := data.ParseArchiveDay(v.AtDay.Text)
	if err != nil {
		say(locale.Message(err), false)
		return
	}
	end := day.AddDate(0, 0, 1).Add(-time.Millisecond)
	d.async(func() func() {
		ver, err := st.VersionAt(d.opts.Context, v.Code, end, data.AudienceInternal)
		return func() {
			switch {
			case errors.Is(err, data.ErrNotFound):
				say(lang.L("disc.history.nothingAt", map[string]any{"Day": data.Day(day)}), false)
			case err != nil:
				say(locale.Message(err), false)
			default:
				say(lang.L("disc.history.atResult", map[string]any{"Day": data.Day(day), "N": ver.Version}), true)
				v.Read(ver)
			}
		}
	})
}

// Read shows a published version read-only.
func (v *DisclosureView) Read(ver data.DisclosureVersion) {
	v.Reading = &ver
	v.Reader = showVersion(v.a.d, ver)
}

// showVersion is a dialog with a published version's text, read-only.
func showVersion(d *Desk, ver data.DisclosureVersion) dialog.Dialog {
	meta := widget.NewLabel(lang.L("disc.read.meta", map[string]any{"N": ver.Version, "At": dayTime(ver.PublishedAt),
		"By": ver.Publisher}))
	title := widget.NewLabel(ver.Title)
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Wrapping = fyne.TextWrapWord
	body := widget.NewLabel(ver.Body)
	body.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustom(lang.L("disc.read.title"), lang.L("disc.read.close"),
		container.NewBorder(container.NewVBox(title, meta, widget.NewSeparator()), nil, nil, nil,
			touch.NewVScroll(body)), d.win)
	dlg.Resize(fyne.NewSize(760, 600))
	dlg.Show()
	return dlg
}
