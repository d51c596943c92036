package kiosk

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	bmtheme "bianmin/ui/theme"
)

// GuideStore is what the guide screens read.
type GuideStore interface {
	Categories(ctx context.Context) ([]data.Category, error)
	ItemsInCategoryPage(ctx context.Context, category string, afterID int64, limit int) ([]data.ItemSummary, error)
	SearchItems(ctx context.Context, q string) ([]data.ItemSummary, error)
	Item(ctx context.Context, id int64) (data.Item, error)
	Windows(ctx context.Context) ([]data.Window, error)
}

// GuideOptions are the hooks a guide's buttons call.
type GuideOptions struct {
	RegisterItem func(nav *Nav, item data.Item) Screen
	PrintNotice  func(nav *Nav, item data.Item)
	SearchDelay  time.Duration
	// Scanner, when set, receives the search keyboard's keys, so a scan
	// into the search box opens its result instead of searching.
	Scanner *input.Scanner
}

// Guides is 办事指南: a search box over the categories. Typing searches as
// you type (keyword, two-character words such as 低保, full pinyin or pinyin
// initials such as jzz) and the results replace the categories; an empty
// box shows the categories again.
type Guides struct {
	// Search is typed with the on-screen pinyin keyboard (Panel) or a
	// physical keyboard.
	Search *input.Entry
	Panel  *input.Panel
	// CategoryTiles are the category buttons, in display order, with their
	// item counts.
	CategoryTiles []*Tile
	Categories    []data.Category
	Results       *ItemList
	// Status says what is going on: loading, how many results, or that
	// nothing was found (with the pinyin hint).
	Status *widget.Label

	nav    *Nav
	store  GuideStore
	opts   GuideOptions
	typing *typeahead

	categories *fyne.Container
	browse     fyne.CanvasObject
	results    fyne.CanvasObject
	content    fyne.CanvasObject
}

// NewGuides builds the guides screen and starts loading the categories.
func NewGuides(nav *Nav, store GuideStore, opts GuideOptions) *Guides {
	g := &Guides{nav: nav, store: store, opts: opts}

	g.Panel = input.NewPanel()
	if opts.Scanner != nil {
		g.Panel.SetScanner(opts.Scanner)
	}
	g.Search = g.Panel.NewEntry(input.Text)
	g.Search.SetPlaceHolder(lang.L("kiosk.guides.searchHint"))
	g.Search.OnSubmitted = g.onSubmitted
	g.Search.ActionItem = widget.NewButtonWithIcon("", fynetheme.ContentClearIcon(), g.onClear)

	g.Status = status(lang.L("kiosk.loading"))
	// Cells grow with the text, so elder mode gets fewer, wider columns.
	g.categories = container.New(newGrid(fynetheme.TextSize()*16, 3, false))
	g.browse = vscroll(g.categories)
	g.Results = newItemList(g.onPick)
	g.results = g.Results.View
	g.results.Hide()
	g.typing = &typeahead{nav: nav, searching: "kiosk.guides.searching", found: "kiosk.guides.found",
		notFound: "kiosk.guides.notFound", find: store.SearchItems, showBrowse: g.showBrowse,
		status: g.Status, browse: g.browse, results: g.results, list: g.Results,
		debounce: newDebouncer(nav.After, opts.SearchDelay)}
	g.typing.watch(g.Search)

	searchRow := container.NewBorder(nil, nil, bmtheme.NewIcon(fynetheme.SearchIcon()), nil, g.Search)
	// The keyboard never covers the results and never makes the screen
	// taller than the window: beside them on a landscape screen, below on
	// a portrait one (the registration flow's layout).
	g.content = container.New(&regPanelLayout{panel: g.Panel},
		searchRow,
		container.New(&browseLayout{browse: g.browse, categories: g.categories,
			tiles: func() []*Tile { return g.CategoryTiles },
			count: func(i int) string {
				return lang.L("kiosk.guides.count", map[string]any{"N": g.Categories[i].Count})
			}}, g.Status, container.NewStack(g.browse, g.results)),
		g.Panel,
	)
	g.loadCategories()
	return g
}

// Title is part of Screen.
func (g *Guides) Title() string { return lang.L("kiosk.home.guides") }

// Content is part of Screen.
func (g *Guides) Content() fyne.CanvasObject { return g.content }

// Leave cancels a search still waiting for its debounce.
func (g *Guides) Leave() { g.typing.stop() }

func (g *Guides) loadCategories() {
	readThenShow(g.nav, nil, g.Status, "kiosk: categories", g.store.Categories, g.showCategories)
}

// boardList is a board screen that is a list under a status line, read
// again each time it comes to the top (counts and results change): the
// previews and the complaint results.
type boardList[T any] struct {
	Status *widget.Label

	nav     *Nav
	list    *fyne.Container
	content fyne.CanvasObject
	loading bool
	what    string
	read    func(context.Context) ([]T, error)
	show    func([]T)
}

// newBoardList is a boardList that reads with read and shows with show,
// a failed read logged with what.
func newBoardList[T any](nav *Nav, what string, read func(context.Context) ([]T, error), show func([]T)) boardList[T] {
	l := boardList[T]{nav: nav, Status: status(lang.L("kiosk.loading")), list: container.NewVBox(), what: what,
		read: read, show: show}
	l.content = vscroll(container.NewVBox(l.Status, l.list))
	return l
}

// Content is part of Screen: the list, read again.
func (l *boardList[T]) Content() fyne.CanvasObject {
	readThenShow(l.nav, &l.loading, l.Status, l.what, l.read, l.show)
	return l.content
}

// readThenShow reads off the UI goroutine and shows what it read, or says
// in status why it could not be read (showFailure, logged with what). With
// loading, a read already under way is not started again.
func readThenShow[T any](nav *Nav, loading *bool, status *widget.Label, what string,
	read func(context.Context) (T, error), show func(T)) {
	if loading != nil {
		if *loading {
			return
		}
		*loading = true
	}
	nav.Async(func() func() {
		v, err := read(nav.Context())
		return func() {
			if loading != nil {
				*loading = false
			}
			if !nav.showFailure(status, what, err) {
				show(v)
			}
		}
	})
}

func (g *Guides) showCategories(cats []data.Category) {
	g.Categories = cats
	g.CategoryTiles = fillCategories(g.categories, cats, "kiosk.guides.count", g.onCategory)
	if g.Search.Text == "" {
		g.showBrowse()
	}
}

// fillCategories puts a row tile for each category in grid, in order, its
// count line in the screen's words (countKey), and returns the tiles.
func fillCategories(grid *fyne.Container, cats []data.Category, countKey string, onCategory func(data.Category)) []*Tile {
	var tiles []*Tile
	grid.RemoveAll()
	for _, c := range cats {
		t := NewRowTile(fynetheme.FolderIcon(), c.Name, lang.L(countKey, map[string]any{"N": c.Count}),
			func() { onCategory(c) })
		tiles = append(tiles, t)
		grid.Add(t)
	}
	return tiles
}

func (g *Guides) showBrowse() {
	if len(g.Categories) == 0 {
		g.Status.SetText(lang.L("kiosk.guides.empty"))
	} else {
		g.Status.SetText(lang.L("kiosk.guides.browse"))
	}
	g.results.Hide()
	g.browse.Show()
}

func (g *Guides) onCategory(c data.Category) {
	g.nav.Push(NewCategory(g.nav, g.store, g.opts, c))
}

func (g *Guides) onPick(it data.ItemSummary) {
	g.nav.Push(NewDetail(g.nav, g.store, g.opts, it.ID))
}

func (g *Guides) onClear() {
	g.nav.Activity()
	g.Search.SetText("")
}

func (g *Guides) onSubmitted(string) { g.typing.flush() }

// debouncer runs the last function it was given once its delay has passed
// without another Trigger.
type debouncer struct {
	after  AfterFunc
	delay  time.Duration
	cancel func()
	gen    int
	next   func()
}

func newDebouncer(after AfterFunc, delay time.Duration) *debouncer {
	if delay <= 0 {
		delay = 150 * time.Millisecond
	}
	return &debouncer{after: after, delay: delay}
}

// Trigger (re)starts the wait for f.
func (d *debouncer) Trigger(f func()) {
	d.Stop()
	d.gen++
	gen := d.gen
	d.next = f
	d.cancel = d.after(d.delay, func() {
		if gen == d.gen {
			d.Flush()
		}
	})
}

// Flush runs the waiting function now.
func (d *debouncer) Flush() {
	f := d.next
	d.Stop()
	if f != nil {
		f()
	}
}

// Stop forgets the waiting function.
func (d *debouncer) Stop() {
	d.gen++
	d.next = nil
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

// browseLayout puts the status line above the categories or the results,
// as a border would (guides and 自助登记 alike). When the room cannot hold
// two rows of categories (elder mode on a 1280×800 screen), the status
// line, a mere hint while browsing, gives way to them, and if that is not
// enough either, the tiles leave out their count line (几项) to be one
// line shorter.
type browseLayout struct {
	browse     fyne.CanvasObject // the scroll of categories
	categories *fyne.Container   // laid out by a *gridLayout
	tiles      func() []*Tile
	count      func(i int) string // tile i's count line
}

// twoRows is the height of two rows of category tiles as they are now; 0
// when there are none on show.
func (l *browseLayout) twoRows() float32 {
	grid, ok := l.categories.Layout.(*gridLayout)
	if !ok || !l.browse.Visible() || len(l.tiles()) < 2 {
		return 0
	}
	cell := grid.cellMin(visible(l.categories.Objects))
	return 2*cell.Height + grid.gap()
}

// setCounts shows or leaves out the tiles' count lines.
func (l *browseLayout) setCounts(on bool) {
	for i, t := range l.tiles() {
		sub := ""
		if on {
			sub = l.count(i)
		}
		if t.Subtitle != sub {
			t.Subtitle = sub
			t.Refresh()
		}
	}
}

func (l *browseLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	status, body := objects[0], objects[1]
	pad := fynetheme.Padding()
	sh := status.MinSize().Height
	l.setCounts(true)
	rows := l.twoRows()
	if rows > 0 && size.Height < rows {
		l.setCounts(false) // one line shorter each
		rows = l.twoRows()
	}
	setVisible(status, rows == 0 || size.Height-sh-pad >= rows)
	top := float32(0)
	if status.Visible() {
		status.Move(fyne.NewPos(0, 0))
		status.Resize(fyne.NewSize(size.Width, sh))
		top = sh + pad
	}
	body.Move(fyne.NewPos(0, top))
	body.Resize(fyne.NewSize(size.Width, max(0, size.Height-top)))
}

func (l *browseLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	status, body := objects[0], objects[1]
	s := body.MinSize()
	if l.twoRows() == 0 {
		s.Height += status.MinSize().Height + fynetheme.Padding()
	}
	return fyne.NewSize(max(s.Width, status.MinSize().Width), s.Height)
}
