package staff

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// Administration section 公开内容 (§一), administrators only:
// every disclosure item, public and internal, with where it stands and how
// often it is published; on top the items due for re-publication (待更新)
// with how long they are overdue. Tapping an item opens it
// (disclosures_item.go): its draft, 预公开 with a last day, residents'
// opinions, 正式公开, and the published versions by date. 新建公开事项 is in
// disclosures_new.go.

// DisclosureAdminStore is what the section needs from the store.
type DisclosureAdminStore interface {
	DisclosureStates(ctx context.Context) ([]data.DisclosureState, error)
	DisclosureStateOf(ctx context.Context, code string) (data.DisclosureState, error)
	DueForRepublication(ctx context.Context) ([]data.DueItem, error)
	DisclosureArchive(ctx context.Context, code string) (data.Disclosure, error)
	NewDisclosure(ctx context.Context, by data.Session, d data.DisclosureDraft) (data.DisclosureVersion, error)
	SaveDraft(ctx context.Context, by data.Session, d data.DisclosureDraft) (data.DisclosureVersion, error)
	PreviewUntil(ctx context.Context, by data.Session, code string, last time.Time) (data.DisclosureVersion, error)
	Publish(ctx context.Context, by data.Session, code string) (data.DisclosureVersion, error)
	Comments(ctx context.Context, code string) ([]data.DisclosureComment, error)
	Archive(ctx context.Context, code string, audience data.Audience) ([]data.DisclosureVersion, error)
	VersionAt(ctx context.Context, code string, t time.Time, audience data.Audience) (data.DisclosureVersion, error)
}

// DisclosuresScreen is the section's screen: the 待更新 list, then the
// public items and the internal ones.
type DisclosuresScreen struct {
	// Due are the rows of the items due for re-publication, longest
	// overdue first; Public and Internal the rows of every item.
	Due      []*DiscRow
	Public   []*DiscRow
	Internal []*DiscRow
	Refresh  *widget.Button
	// Item is the item on show (nil on the list).
	Item *DisclosureView

	discScreen
}

func newDisclosuresScreen(a *Admin) *DisclosuresScreen {
	s := &DisclosuresScreen{}
	s.discScreen = newDiscScreen(a, "disc.new", func() { s.OpenNew(data.AudiencePublic) })
	s.New.Importance = widget.HighImportance
	s.Refresh = widget.NewButtonWithIcon(lang.L("admin.refresh"), fynetheme.ViewRefreshIcon(), a.d.tap(s.Reload))
	intro := widget.NewLabel(lang.L("disc.intro"))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewBorder(nil, nil, nil, container.NewHBox(s.New, s.Refresh), intro)
	s.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), s.Status, nil, nil,
		touch.NewVScroll(s.list))
	s.Reload()
	return s
}

// discLists are what the section shows: every item and those due for
// re-publication.
type discLists struct {
	states []data.DisclosureState
	due    []data.DueItem
}

// readDiscLists reads the section's lists.
func readDiscLists(ctx context.Context, st DisclosureAdminStore) (discLists, error) {
	states, err := st.DisclosureStates(ctx)
	if err != nil {
		return discLists{}, err
	}
	due, err := st.DueForRepublication(ctx)
	return discLists{states, due}, err
}

// Reload reads the items again.
func (s *DisclosuresScreen) Reload() {
	st, now := s.a.store, s.a.d.opts.Now()
	s.Status.SetText(lang.L("admin.loading"))
	loadLatest(&s.load, s.a.d, func(ctx context.Context) (discLists, error) { return readDiscLists(ctx, st) },
		func(l discLists, err error) { s.show(l.states, l.due, now, err) })
}

func (s *DisclosuresScreen) show(states []data.DisclosureState, due []data.DueItem, now time.Time, err error) {
	d := s.a.d
	s.Due, s.Public, s.Internal = nil, nil, nil
	s.list.RemoveAll()
	if err != nil {
		s.Status.SetText(locale.Message(err))
		return
	}
	if len(due) > 0 {
		s.list.Add(discHeading(lang.L("disc.due.title", map[string]any{"N": len(due)}), true))
		s.list.Add(container.New(discDueWeights, boldLabels("disc.col.", "code", "title", "cadence", "last",
			"overdue")...))
		for _, it := range due {
			r := newDueRow(it, now, d.tap(func() { s.Open(it.Code) }))
			s.Due = append(s.Due, r)
			s.list.Add(r)
		}
	}
	var public, internal []data.DisclosureState
	for _, st := range states {
		if st.Audience == data.AudienceInternal {
			internal = append(internal, st)
		} else {
			public = append(public, st)
		}
	}
	add := func(title string, sts []data.DisclosureState, rows *[]*DiscRow) {
		s.list.Add(discHeading(title, false))
		s.list.Add(container.New(discWeights, boldLabels("disc.col.", "code", "title", "cadence", "current",
			"working", "comments")...))
		for _, st := range sts {
			r := newStateRow(st, now, d.tap(func() { s.Open(st.Code) }))
			*rows = append(*rows, r)
			s.list.Add(r)
		}
	}
	add(lang.L("disc.public.title", map[string]any{"N": len(public)}), public, &s.Public)
	add(lang.L("disc.internal.title", map[string]any{"N": len(internal)}), internal, &s.Internal)
	s.list.Refresh()
	s.Status.SetText(lang.L("disc.count", map[string]any{"N": len(states), "Due": len(due)}))
}

// Open shows one item of the section.
func (s *DisclosuresScreen) Open(code string) {
	s.Item = newDisclosureView(s.a, code, func() { s.a.Show(SectionDisclosures) })
	s.a.setBody(s.Item.content)
}

// Row finds the row of an item in the public or internal list (nil if
// none).
func (s *DisclosuresScreen) Row(code string) *DiscRow {
	for _, r := range append(append([]*DiscRow{}, s.Public...), s.Internal...) {
		if r.Code == code {
			return r
		}
	}
	return nil
}

// discHeading is the title of a part of the list; warn colours it as a
// warning.
func discHeading(text string, warn bool) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	t := canvas.NewText(text, th.Color(fynetheme.ColorNameForeground, variant))
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.TextSize = th.Size(fynetheme.SizeNameSubHeadingText)
	if warn {
		t.Color = th.Color(bmtheme.ColorNameStatusOverdue, variant)
	}
	return container.NewVBox(widget.NewSeparator(), container.NewPadded(t))
}

// DiscRow is one item in a list; tapping it opens the item.
type DiscRow struct {
	tapLine
	Code  string
	texts []string
	head  *widget.Label // the first line of a two-line row
}

func newDiscRow(code string, texts []string, layout fyne.Layout, warn int, onTap func()) *DiscRow {
	r := &DiscRow{Code: code, texts: texts, tapLine: tapLine{onTap: onTap}}
	r.ExtendBaseWidget(r)
	var cells []fyne.CanvasObject
	for i, t := range texts {
		if i == warn {
			cells = append(cells, container.NewPadded(dueCanvasText(t, data.DueOverdue)))
			continue
		}
		l := widget.NewLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, l)
	}
	r.box = rowBox(container.New(layout, cells...))
	return r
}

func newStateRow(st data.DisclosureState, now time.Time, onTap func()) *DiscRow {
	comments := ""
	if st.AllComments > 0 {
		comments = strconv.Itoa(st.AllComments)
	}
	return newDiscRow(st.Code, []string{st.Code, st.Title, cadenceText(st.Cadence), currentText(st),
		workingText(st, now), comments}, discWeights, -1, onTap)
}

func newDueRow(it data.DueItem, now time.Time, onTap func()) *DiscRow {
	last := lang.L("disc.due.never")
	if !it.LastPublished.IsZero() {
		last = data.Day(it.LastPublished)
	}
	return newDiscRow(it.Code, []string{it.Code, it.Title, cadenceText(it.Cadence), last, overdueText(it, now)},
		discDueWeights, 4, onTap)
}

// Texts are the row's columns as shown.
func (r *DiscRow) Texts() []string { return r.texts }

var discWeights = weightedColumns{1.3, 2.9, 0.8, 3.2, 2.0, 0.9}

var discDueWeights = weightedColumns{1.5, 3.6, 0.9, 1.5, 1.5}

// cadenceText is 定期, 逐段 or 随时.
func cadenceText(c data.Cadence) string { return lang.L("disc.cadence." + string(c)) }

// categoryText is a category's name.
func categoryText(c data.DisclosureCategory) string { return lang.L("disc.cat." + string(c)) }

// currentText is the version in force: 第2版 2026-07-01 王芳, or 尚未公开.
func currentText(st data.DisclosureState) string {
	if st.Current == 0 {
		return lang.L("disc.state.unpublished")
	}
	return lang.L("disc.state.current", map[string]any{"N": st.Current, "Date": data.Day(st.PublishedAt),
		"By": st.Publisher})
}

// workingText is the working copy: 第3版草稿, 第3版预公开至 12-03, or —.
func workingText(st data.DisclosureState, now time.Time) string {
	switch {
	case st.Working == data.VersionDraft:
		return lang.L("disc.state.draft", map[string]any{"N": st.WorkingNumber})
	case st.Working == data.VersionPreview && st.PreviewUntil.IsZero():
		return lang.L("disc.state.previewOpen", map[string]any{"N": st.WorkingNumber})
	case st.PreviewOpen(now):
		return lang.L("disc.state.preview", map[string]any{"N": st.WorkingNumber, "Date": data.Day(st.PreviewUntil)})
	case st.Working == data.VersionPreview:
		return lang.L("disc.state.previewEnded", map[string]any{"N": st.WorkingNumber,
			"Date": data.Day(st.PreviewUntil)})
	}
	return "—"
}

// overdueText says how long an item has been due: 已逾期12天, 今天到期, or
// 从未公开.
func overdueText(it data.DueItem, now time.Time) string {
	if it.DueSince.IsZero() {
		return lang.L("disc.due.neverPublished")
	}
	days := daysBetween(it.DueSince, now)
	if days <= 0 {
		return lang.L("disc.due.today")
	}
	return lang.L("disc.due.overdue", map[string]any{"Days": days, "Since": data.Day(it.DueSince)})
}

// daysBetween counts calendar days (China time) from a to b.
func daysBetween(a, b time.Time) int {
	da, _ := data.ParseDay(data.Day(a))
	db, _ := data.ParseDay(data.Day(b))
	return int(db.Sub(da).Hours()+12) / 24
}
