package kiosk

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// DisclosureStore is what the disclosure screens read. The resident side
// only ever asks for data.AudiencePublic: internal items (廉洁自律,
// 考核考勤奖惩 …) and drafts never leave the store for a kiosk screen, and
// the store, not the screen, enforces it.
type DisclosureStore interface {
	Notices(ctx context.Context, audience data.Audience) ([]data.Notice, error)
	StaffCards(ctx context.Context) ([]data.StaffCard, error)
	// Archive lists the published versions of a disclosure, oldest first;
	// ErrNotFound for an internal item asked with AudiencePublic.
	Archive(ctx context.Context, code string, audience data.Audience) ([]data.DisclosureVersion, error)
}

// DisclosureIndexStore is what the disclosure index reads: the notices of
// its categories and, behind its last tiles, the duty board, the results
// of complaints and the drafts open for comment. *data.Store satisfies it.
type DisclosureIndexStore interface {
	DisclosureStore
	DutyStore
	ResultsStore
	PreviewStore
}

// disclosureIcon is a category tile's picture.
func disclosureIcon(c data.DisclosureCategory) fyne.Resource {
	switch c {
	case data.CatOrg:
		return fynetheme.GridIcon()
	case data.CatRules:
		return fynetheme.ListIcon()
	case data.CatGuide:
		return fynetheme.FileTextIcon()
	case data.CatComplaint:
		return fynetheme.MailComposeIcon()
	}
	return fynetheme.InfoIcon()
}

// Disclosure is 政务公开: the five public categories of §一(一) and the
// staff page, each with how many items it holds.
type Disclosure struct {
	Tiles     map[data.DisclosureCategory]*Tile
	StaffTile *Tile
	Notices   []data.Notice // public only
	Status    *widget.Label

	// DutyTile (今日在岗), ResultsTile (投诉处理结果) and PreviewTile (征求意见)
	// open the screens of dutyboard.go, results.go and preview.go.
	DutyTile, ResultsTile, PreviewTile *Tile

	nav     *Nav
	store   DisclosureIndexStore
	guides  GuideStore // for the 办事公开 page's link to the guides
	opts    GuideOptions
	content fyne.CanvasObject
}

// NewDisclosure builds the index and starts loading the notices. guides and
// opts serve the link from 办事公开 to the guides.
func NewDisclosure(nav *Nav, store DisclosureIndexStore, guides GuideStore, opts GuideOptions) *Disclosure {
	d := &Disclosure{Tiles: map[data.DisclosureCategory]*Tile{}, nav: nav, store: store, guides: guides, opts: opts}
	d.Status = status(lang.L("kiosk.loading"))
	// Cells grow with the text: three columns on a landscape screen (1280
	// or 1920 wide), two in elder mode at 1280×800 and on a portrait
	// screen, one wide column in elder mode on a portrait screen. The
	// introduction scrolls with the tiles, so elder mode at 1280×800 keeps
	// room for two rows of them.
	grid := container.New(newGrid(fynetheme.TextSize()*18, 3, false))
	for _, c := range data.PublicCategories {
		c := c
		t := NewRowTile(disclosureIcon(c), categoryText(c), categorySub(c, -1), func() { d.onCategory(c) })
		d.Tiles[c] = t
		grid.Add(t)
	}
	d.StaffTile = NewRowTile(fynetheme.AccountIcon(), lang.L("kiosk.disclosure.staff"),
		lang.L("kiosk.disclosure.staff.sub"), d.onStaff)
	grid.Add(d.StaffTile)
	for _, t := range d.extraTiles() {
		grid.Add(t)
	}
	d.content = vscroll(container.NewVBox(d.Status, grid))
	d.load()
	return d
}

// categoryText is a public category's Chinese name.
func categoryText(c data.DisclosureCategory) string {
	return lang.L("kiosk.disclosure.cat." + string(c))
}

// categorySub is what a category holds, with its count once known (n ≥ 0).
// A category whose page shows more than its notices (the guides, the
// staff, the ways to complain) gives no count of nothing.
func categorySub(c data.DisclosureCategory, n int) string {
	sub := lang.L("kiosk.disclosure.cat." + string(c) + ".sub")
	if n < 0 || n == 0 && hasOwnContent(c) {
		return sub
	}
	return sub + " · " + lang.L("kiosk.disclosure.count", map[string]any{"N": n})
}

// hasOwnContent reports whether a category's page shows more than its
// notices.
func hasOwnContent(c data.DisclosureCategory) bool {
	return c == data.CatGuide || c == data.CatOrg || c == data.CatComplaint
}

// Title is part of Screen.
func (d *Disclosure) Title() string { return lang.L("kiosk.home.disclosure") }

// Content is part of Screen.
func (d *Disclosure) Content() fyne.CanvasObject { return d.content }

func (d *Disclosure) load() {
	readThenShow(d.nav, nil, d.Status, "kiosk: notices", func(ctx context.Context) ([]data.Notice, error) {
		return d.store.Notices(ctx, data.AudiencePublic)
	}, d.show)
}

// publicOnly keeps the notices of public categories. The store already
// filters by audience; this second fence costs nothing.
func publicOnly(ns []data.Notice) []data.Notice {
	var out []data.Notice
	for _, n := range ns {
		if !n.Category.Internal() && n.Category.Valid() {
			out = append(out, n)
		}
	}
	return out
}

func (d *Disclosure) show(ns []data.Notice) {
	d.Notices = publicOnly(ns)
	counts := map[data.DisclosureCategory]int{}
	for _, n := range d.Notices {
		counts[n.Category]++
	}
	for c, t := range d.Tiles {
		t.Subtitle = categorySub(c, counts[c])
		t.Refresh()
	}
	d.Status.SetText(lang.L("kiosk.disclosure.intro"))
}

func (d *Disclosure) inCategory(c data.DisclosureCategory) []data.Notice {
	var out []data.Notice
	for _, n := range d.Notices {
		if n.Category == c {
			out = append(out, n)
		}
	}
	return out
}

func (d *Disclosure) onCategory(c data.DisclosureCategory) {
	d.nav.Push(NewNoticeList(d.nav, d.store, d.guides, d.opts, c, d.inCategory(c)))
}

func (d *Disclosure) onStaff() { d.nav.Push(NewStaff(d.nav, d.store)) }
