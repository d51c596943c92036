package staff

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Administration section 内部制度 (对内公开, §一(二)): the internal items —
// 廉洁自律情况, 考核考勤奖惩情况, 其他重要情况 — as documents every staff
// member reads, each with its published versions by date. Administrators
// also edit them (编辑 opens the item's draft → 正式公开, with no 预公开: these
// never reach the kiosk) and create new ones; they see items not yet
// published too.

// InternalStore is what the section needs from the store to show the
// internal items.
type InternalStore interface {
	Notices(ctx context.Context, audience data.Audience) ([]data.Notice, error)
	Archive(ctx context.Context, code string, audience data.Audience) ([]data.DisclosureVersion, error)
}

// InternalRules is the section's screen: the list of internal items beside
// the document on show.
type InternalRules struct {
	// Items are the rows of the list; Selected the code on show.
	Items    []*DiscRow
	Selected string
	// Versions are the published versions of the item on show, newest
	// first; Shown the one whose text is on show.
	Versions []data.DisclosureVersion
	Shown    data.DisclosureVersion
	Version  *touch.Select
	DocTitle *widget.Label
	DocMeta  *widget.Label
	DocBody  *widget.Label
	// Edit, as New, is for administrators (both hidden for other staff).
	Edit *widget.Button
	// Editor is the item open for editing.
	Editor *DisclosureView

	discScreen
}

func newInternalRules(a *Admin) *InternalRules {
	d := a.d
	s := &InternalRules{}
	s.discScreen = newDiscScreen(a, "disc.internal.new", s.OpenNew)
	s.DocTitle = widget.NewLabel("")
	s.DocTitle.TextStyle = fyne.TextStyle{Bold: true}
	s.DocTitle.Wrapping = fyne.TextWrapWord
	s.DocMeta = widget.NewLabel("")
	s.DocMeta.Wrapping = fyne.TextWrapWord
	s.DocBody = widget.NewLabel("")
	s.DocBody.Wrapping = fyne.TextWrapWord
	s.Version = touch.NewSelect(nil, func(string) { d.Activity(); s.showVersion() })
	s.Edit = widget.NewButtonWithIcon(lang.L("disc.internal.edit"), fynetheme.DocumentCreateIcon(), d.tap(s.OpenEditor))
	if !d.session.Admin() {
		s.Edit.Hide()
		s.New.Hide()
	}
	intro := widget.NewLabel(lang.L("disc.internal.intro"))
	intro.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(container.NewVBox(sectionTitle(lang.L("disc.internal.list")), widget.NewSeparator()),
		container.NewVBox(s.New), nil, nil, touch.NewVScroll(s.list))
	docTop := container.NewVBox(s.DocTitle,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("disc.internal.version")), s.Edit, s.Version),
		s.DocMeta, widget.NewSeparator())
	doc := container.NewBorder(docTop, nil, nil, nil, touch.NewVScroll(s.DocBody))
	split := container.NewHSplit(left, doc)
	split.Offset = 0.3
	s.content = container.NewBorder(container.NewVBox(intro, widget.NewSeparator()), s.Status, nil, nil, split)
	s.Reload()
	return s
}

// internalEntry is an item of the list.
type internalEntry struct {
	code, title string
	current     int
	at          string
}

// Reload reads the list again and shows the item selected (the first one
// if none).
func (s *InternalRules) Reload() {
	st, admin := s.a.store, s.a.d.session.Admin()
	s.Status.SetText(lang.L("admin.loading"))
	loadLatest(&s.load, s.a.d, func(ctx context.Context) ([]internalEntry, error) {
		return readInternalEntries(ctx, st, admin)
	}, s.show)
}

// readInternalEntries reads the internal items: those published, and for
// administrators those not yet published too.
func readInternalEntries(ctx context.Context, st AdminStore, admin bool) ([]internalEntry, error) {
	var items []internalEntry
	if admin {
		states, err := st.DisclosureStates(ctx)
		for _, x := range states {
			if x.Audience == data.AudienceInternal {
				items = append(items, internalEntry{x.Code, x.Title, x.Current, data.Day(x.PublishedAt)})
			}
		}
		return items, err
	}
	ns, err := st.Notices(ctx, data.AudienceInternal)
	for _, n := range ns {
		items = append(items, internalEntry{n.Code, n.Title, n.Version, data.Day(n.PublishedAt)})
	}
	return items, err
}

func (s *InternalRules) show(items []internalEntry, err error) {
	d := s.a.d
	s.Items = nil
	s.list.RemoveAll()
	if err != nil {
		s.Status.SetText(locale.Message(err))
		return
	}
	s.Status.SetText(lang.L("disc.internal.count", map[string]any{"N": len(items)}))
	found := false
	for _, it := range items {
		when := lang.L("disc.state.unpublished")
		if it.current > 0 {
			when = lang.L("disc.internal.when", map[string]any{"N": it.current, "Date": it.at})
		}
		r := newTwoLineRow(it.code, []string{it.title, when}, it.title, when, d.tap(func() { s.Select(it.code) }))
		s.Items = append(s.Items, r)
		s.list.Add(r)
		found = found || it.code == s.Selected
	}
	s.list.Refresh()
	switch {
	case found:
		s.Select(s.Selected)
	case len(items) > 0:
		s.Select(items[0].code)
	default:
		s.Selected = ""
		s.clearDoc(lang.L("disc.internal.empty"))
	}
}

func (s *InternalRules) clearDoc(text string) {
	s.Versions, s.Shown = nil, data.DisclosureVersion{}
	s.DocTitle.SetText(text)
	s.DocMeta.SetText("")
	s.DocBody.SetText("")
	s.Version.Options = nil
	s.Version.ClearSelected()
	s.Version.Refresh()
	s.Edit.Disable()
}

// Select shows an item: its version in force, with the older ones to
// choose from.
func (s *InternalRules) Select(code string) {
	d, st := s.a.d, s.a.store
	s.Selected = code
	for _, r := range s.Items {
		r.SetSelected(r.Code == code)
	}
	s.load.run(d, func() func() {
		vs, err := st.Archive(d.opts.Context, code, data.AudienceInternal)
		return func() {
			if err != nil {
				s.Status.SetText(locale.Message(err))
				return
			}
			s.showItem(code, vs)
		}
	})
}

func (s *InternalRules) showItem(code string, vs []data.DisclosureVersion) {
	s.Edit.Enable()
	s.Versions = nil
	for i := len(vs) - 1; i >= 0; i-- {
		s.Versions = append(s.Versions, vs[i])
	}
	if len(s.Versions) == 0 {
		title := code
		for _, r := range s.Items {
			if r.Code == code {
				title = r.Texts()[0]
			}
		}
		s.Version.Options = nil
		s.Version.ClearSelected()
		s.Version.Refresh()
		s.Shown = data.DisclosureVersion{}
		s.DocTitle.SetText(title)
		s.DocMeta.SetText(lang.L("disc.internal.noVersion"))
		s.DocBody.SetText("")
		return
	}
	var names []string
	for _, v := range s.Versions {
		key := "disc.internal.optionOld"
		if v.Status == data.VersionPublished {
			key = "disc.internal.optionCurrent"
		}
		names = append(names, lang.L(key, map[string]any{"N": v.Version, "Date": data.Day(v.PublishedAt)}))
	}
	s.Version.Options = names
	s.Version.SetSelectedIndex(0) // calls showVersion
}

// ShowVersion shows the version of the item on show with that number.
func (s *InternalRules) ShowVersion(n int) {
	for i, v := range s.Versions {
		if v.Version == n {
			s.Version.SetSelectedIndex(i)
		}
	}
}

func (s *InternalRules) showVersion() {
	i := s.Version.SelectedIndex()
	if i < 0 || i >= len(s.Versions) {
		return
	}
	v := s.Versions[i]
	s.Shown = v
	s.DocTitle.SetText(v.Title)
	meta := lang.L("disc.read.meta", map[string]any{"N": v.Version, "At": dayTime(v.PublishedAt), "By": v.Publisher})
	if v.Status == data.VersionSuperseded {
		meta += " " + lang.L("disc.internal.oldNote")
	}
	s.DocMeta.SetText(meta)
	s.DocBody.SetText(v.Body)
}

// OpenEditor opens the item on show for editing (administrators).
func (s *InternalRules) OpenEditor() {
	if !s.a.d.session.Admin() || s.Selected == "" {
		return
	}
	s.Editor = newDisclosureView(s.a, s.Selected, func() { s.a.Show(SectionInternal) })
	s.a.setBody(s.Editor.content)
}

// OpenNew opens the dialog of a new internal item (administrators).
func (s *InternalRules) OpenNew() {
	if !s.a.d.session.Admin() {
		return
	}
	s.openNew(data.AudienceInternal, func(code string) {
		s.Selected = code
		s.OpenEditor()
	})
}
