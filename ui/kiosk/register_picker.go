package kiosk

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	bmtheme "bianmin/ui/theme"
)

// RegisterPicker is the 自助登记 tile's first screen: which item to
// register, by category (large tiles) or by typing part of its name on the
// on-screen keyboard. Tapping an item starts the registration. Outside
// office hours it shows the closed notice instead.
type RegisterPicker struct {
	Hours  *RegisterHours
	Search *input.Entry
	Panel  *input.Panel
	// Status says what the list shows: the categories, how many items were
	// found, or that nothing was.
	Status        *widget.Label
	CategoryTiles []*Tile
	Categories    []data.Category
	Results       *ItemList

	nav        *Nav
	cfg        RegisterConfig
	typing     *typeahead
	categories *fyne.Container
	browse     fyne.CanvasObject
	results    fyne.CanvasObject
}

// NewRegisterPicker builds the picker and starts loading the hours and the
// categories.
func NewRegisterPicker(nav *Nav, cfg RegisterConfig) *RegisterPicker {
	p := &RegisterPicker{nav: nav, cfg: cfg}
	p.Panel = input.NewPanel()
	if cfg.Scanner != nil {
		p.Panel.SetScanner(cfg.Scanner)
	}
	p.Panel.OnDone = p.onDone
	p.Search = p.Panel.NewEntry(input.Text)
	p.Search.SetPlaceHolder(lang.L("register.pick.searchHint"))
	p.Status = status(lang.L("register.loading"))
	p.categories = container.New(newGrid(300, 3, false))
	p.browse = vscroll(p.categories)
	p.Results = newItemList(p.onPick)
	p.results = p.Results.View
	p.results.Hide()
	p.typing = &typeahead{nav: nav, searching: "register.pick.searching", found: "register.pick.found",
		notFound: "register.pick.notFound", find: cfg.Store.SearchItems, showBrowse: p.showBrowse,
		status: p.Status, browse: p.browse, results: p.results, list: p.Results,
		debounce: newDebouncer(nav.After, 0)}
	p.typing.watch(p.Search)

	search := container.NewBorder(nil, nil, bmtheme.NewIcon(fynetheme.SearchIcon()), nil, p.Search)
	browse := &browseLayout{browse: p.browse, categories: p.categories,
		tiles: func() []*Tile { return p.CategoryTiles },
		count: func(i int) string {
			return lang.L("register.pick.count", map[string]any{"N": p.Categories[i].Count})
		}}
	list := container.NewBorder(search, nil, nil, nil,
		container.New(browse, p.Status, container.NewStack(p.browse, p.results)))
	body := newRegPanelBox(nav, nil, list, p.Panel).Container
	p.Hours = newRegisterHours(nav, cfg.Store, body, nil)
	p.Hours.check()
	p.loadCategories()
	return p
}

// Title is part of Screen.
func (p *RegisterPicker) Title() string { return lang.L("register.pick.title") }

// Content is part of Screen.
func (p *RegisterPicker) Content() fyne.CanvasObject { return p.Hours.Content() }

// Leave cancels a waiting search and closes the keyboard.
func (p *RegisterPicker) Leave() {
	p.typing.stop()
	regClosePanel(p.Panel)
}

func (p *RegisterPicker) loadCategories() {
	readThenShow(p.nav, nil, p.Status, "kiosk: register: categories", p.cfg.Store.Categories, p.showCategories)
}

func (p *RegisterPicker) showCategories(cats []data.Category) {
	p.Categories = cats
	p.CategoryTiles = fillCategories(p.categories, cats, "register.pick.count", p.onCategory)
	if p.Search.Text == "" {
		p.showBrowse()
	}
}

func (p *RegisterPicker) showBrowse() {
	p.Status.SetText(lang.L("register.pick.browse"))
	p.results.Hide()
	p.browse.Show()
}

func (p *RegisterPicker) onCategory(c data.Category) {
	p.nav.Push(newRegisterCategory(p.nav, p.cfg, c.Name))
}

func (p *RegisterPicker) onPick(it data.ItemSummary) { regStart(p.nav, p.cfg, it.ID) }

func (p *RegisterPicker) onDone(*input.Entry) {
	p.typing.flush()
	regClosePanel(p.Panel)
}

// RegisterCategory lists the items of one category to register.
type RegisterCategory struct {
	Name   string
	Items  *ItemList
	Status *widget.Label

	nav     *Nav
	cfg     RegisterConfig
	content fyne.CanvasObject
}

func newRegisterCategory(nav *Nav, cfg RegisterConfig, name string) *RegisterCategory {
	c := &RegisterCategory{Name: name, nav: nav, cfg: cfg}
	c.Items = newItemList(func(it data.ItemSummary) { regStart(nav, cfg, it.ID) })
	c.Status = status(lang.L("register.loading"))
	c.content = container.NewBorder(c.Status, nil, nil, nil, c.Items.List)
	readThenShow(nav, nil, c.Status, "kiosk: register: category", func(ctx context.Context) ([]data.ItemSummary, error) {
		return cfg.Store.ItemsInCategoryPage(ctx, name, 0, categoryPage)
	}, c.show)
	return c
}

// Title is part of Screen.
func (c *RegisterCategory) Title() string {
	return lang.L("register.pick.category", map[string]any{"Category": c.Name})
}

// Content is part of Screen.
func (c *RegisterCategory) Content() fyne.CanvasObject { return c.content }

func (c *RegisterCategory) show(items []data.ItemSummary) {
	pageCategory(c.nav, c.Items, c.Name, c.cfg.Store.ItemsInCategoryPage, len(items))
	c.Items.Set(items)
	c.Status.SetText(lang.L("register.pick.choose"))
}

// regStart reads the item in full and opens the first step of its
// registration (the hours were checked by the picker).
func regStart(nav *Nav, cfg RegisterConfig, id int64) {
	nav.Activity()
	nav.Async(func() func() {
		it, err := cfg.Store.Item(nav.Context(), id)
		return func() {
			if err != nil {
				nav.ShowError(err)
				return
			}
			nav.Push(newRegisterFlow(nav, cfg, it).first(false))
		}
	})
}
