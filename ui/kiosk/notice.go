package kiosk

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// NoticeView is one disclosure read in full: its title, when and by whom it
// was published, and the whole text, scrolling. 历史版本 lists the earlier
// published versions (§一(五) every disclosure is archived).
type NoticeView struct {
	Code       string
	TitleLabel *fitlabel.Label
	Meta       *fitlabel.Label
	// Body is the text, one label per paragraph.
	Body          []*fitlabel.Label
	Scroll        *container.Scroll
	HistoryButton *widget.Button

	nav     *Nav
	store   DisclosureStore
	title   string
	content fyne.CanvasObject
	actions fyne.CanvasObject // nil for an old version
}

// NewNoticeView shows the current version of a public notice.
func NewNoticeView(nav *Nav, store DisclosureStore, n data.Notice) *NoticeView {
	v := newNoticeView(nav, store, n.Code, n.Title, n.Body, publishedText(n.PublishedAt, n.Publisher, n.Version), false)
	return v
}

func newNoticeView(nav *Nav, store DisclosureStore, code, title, body, meta string, old bool) *NoticeView {
	v := &NoticeView{Code: code, nav: nav, store: store, title: title}
	v.TitleLabel = heading(title)
	v.Meta = quiet(meta)
	text := container.NewVBox()
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			l := para(p)
			v.Body = append(v.Body, l)
			text.Add(l)
		}
	}
	objs := []fyne.CanvasObject{v.TitleLabel, v.Meta}
	if old {
		objs = append(objs, badges(badge(lang.L("kiosk.notice.oldVersion"), badgeSample)))
	}
	objs = append(objs, widget.NewSeparator(), compact(text))
	v.Scroll = vscroll(container.NewVBox(objs...))
	if old {
		v.content = v.Scroll
		return v
	}
	v.HistoryButton = widget.NewButtonWithIcon(lang.L("kiosk.notice.history"), fynetheme.HistoryIcon(), v.onHistory)
	v.actions = container.NewCenter(bigButton(v.HistoryButton))
	v.content = v.Scroll
	return v
}

// Text is the body as shown, paragraphs joined by newlines.
func (v *NoticeView) Text() string {
	var ps []string
	for _, l := range v.Body {
		ps = append(ps, l.Text)
	}
	return strings.Join(ps, "\n")
}

// Title is part of Screen.
func (v *NoticeView) Title() string { return lang.L("kiosk.home.disclosure") + " · " + v.title }

// Content is part of Screen.
func (v *NoticeView) Content() fyne.CanvasObject { return v.content }

// Actions puts 历史版本 in the footer.
func (v *NoticeView) Actions() fyne.CanvasObject { return v.actions }

func (v *NoticeView) onHistory() {
	v.nav.Activity()
	v.nav.Async(func() func() {
		vs, err := v.store.Archive(v.nav.Context(), v.Code, data.AudiencePublic)
		return func() { v.showHistory(vs, err) }
	})
}

func (v *NoticeView) showHistory(vs []data.DisclosureVersion, err error) {
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		v.nav.ShowError(err)
		return
	}
	old := archived(vs)
	if len(old) == 0 {
		v.nav.ShowMessage(lang.L("kiosk.notice.history"), lang.L("kiosk.notice.noHistory"))
		return
	}
	v.nav.Push(newArchive(v.nav, v.store, v.title, old))
}

// archived is the earlier versions to list, newest first: of the published
// versions the store gives the public (never a draft, a preview or an
// internal item), those superseded by a later one; the version in force is
// the one on screen.
func archived(vs []data.DisclosureVersion) []data.DisclosureVersion {
	var out []data.DisclosureVersion
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Status == data.VersionSuperseded {
			out = append(out, vs[i])
		}
	}
	return out
}

// Archive lists the earlier versions of one notice.
type Archive struct {
	Rows []*Tile

	nav     *Nav
	store   DisclosureStore
	title   string
	content fyne.CanvasObject
}

func newArchive(nav *Nav, store DisclosureStore, title string, versions []data.DisclosureVersion) *Archive {
	a := &Archive{nav: nav, store: store, title: title}
	objs := []fyne.CanvasObject{quiet(lang.L("kiosk.notice.archiveIntro"))}
	for _, ver := range versions {
		ver := ver
		t := NewRowTile(fynetheme.HistoryIcon(), ver.Title, publishedText(ver.PublishedAt, ver.Publisher, ver.Version),
			func() { a.onVersion(ver) })
		a.Rows = append(a.Rows, t)
		objs = append(objs, t)
	}
	a.content = vscroll(container.NewVBox(objs...))
	return a
}

// Title is part of Screen.
func (a *Archive) Title() string { return lang.L("kiosk.notice.history") + " · " + a.title }

// Content is part of Screen.
func (a *Archive) Content() fyne.CanvasObject { return a.content }

func (a *Archive) onVersion(ver data.DisclosureVersion) {
	a.nav.Push(newNoticeView(a.nav, a.store, "", ver.Title, ver.Body,
		publishedText(ver.PublishedAt, ver.Publisher, ver.Version), true))
}
