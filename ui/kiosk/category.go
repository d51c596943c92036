package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// Category lists the guides of one category.
type Category struct {
	Name   string
	Items  *ItemList
	Status *widget.Label

	nav     *Nav
	store   GuideStore
	opts    GuideOptions
	content fyne.CanvasObject
}

// NewCategory builds the list and starts loading it.
func NewCategory(nav *Nav, store GuideStore, opts GuideOptions, name string) *Category {
	c := &Category{Name: name, nav: nav, store: store, opts: opts}
	c.Items = newItemList(c.onPick)
	c.Status = status(lang.L("kiosk.loading"))
	c.content = container.NewBorder(c.Status, nil, nil, nil, c.Items.View)
	c.load()
	return c
}

// Title is part of Screen.
func (c *Category) Title() string {
	return lang.L("kiosk.home.guides") + " · " + c.Name
}

// Content is part of Screen.
func (c *Category) Content() fyne.CanvasObject { return c.content }

func (c *Category) load() {
	c.nav.Async(func() func() {
		items, err := c.store.ItemsInCategory(c.nav.Context(), c.Name)
		return func() { c.show(items, err) }
	})
}

func (c *Category) show(items []data.ItemSummary, err error) {
	if err != nil {
		fyne.LogError("kiosk: category", err)
		c.Status.SetText(c.nav.errorText(err))
		return
	}
	c.Items.Set(items)
	if len(items) == 0 {
		c.Status.SetText(lang.L("kiosk.category.empty"))
		return
	}
	c.Status.SetText(lang.L("kiosk.category.count", map[string]any{"N": len(items)}))
}

func (c *Category) onPick(it data.ItemSummary) {
	c.nav.Push(NewDetail(c.nav, c.store, c.opts, it.ID))
}
