package kiosk

import (
	"context"

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
	count   int // the category's size, from the list of categories
	content fyne.CanvasObject
}

// NewCategory builds the list of the category cat (its name and size, as
// Categories gave them) and starts reading its first page.
func NewCategory(nav *Nav, store GuideStore, opts GuideOptions, cat data.Category) *Category {
	c := &Category{Name: cat.Name, count: cat.Count, nav: nav, store: store, opts: opts}
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

// categoryPage is how many guides a category list reads at a time: more
// than the tallest screen shows, so the first read fills it.
const categoryPage = 40

// load reads the first page; the list reads the next ones as it scrolls
// (pageCategory).
func (c *Category) load() {
	readThenShow(c.nav, nil, c.Status, "kiosk: category", func(ctx context.Context) ([]data.ItemSummary, error) {
		return c.store.ItemsInCategoryPage(ctx, c.Name, 0, categoryPage)
	}, c.show)
}

func (c *Category) show(items []data.ItemSummary) {
	pageCategory(c.nav, c.Items, c.Name, c.store.ItemsInCategoryPage, len(items))
	c.Items.Set(items)
	if len(items) == 0 {
		c.Status.SetText(lang.L("kiosk.category.empty"))
		return
	}
	c.Status.SetText(lang.L("kiosk.category.count", map[string]any{"N": max(c.count, len(items))}))
}

// pageCategory has l read the category's next pages as it scrolls (off
// the UI goroutine), unless the first page (of first items) was its last. A
// page that fails is logged and asked again when the next row is shown.
func pageCategory(nav *Nav, l *ItemList, name string,
	read func(ctx context.Context, category string, afterID int64, limit int) ([]data.ItemSummary, error), first int) {
	if first < categoryPage {
		l.setMore(nil, nil)
		return
	}
	l.setMore(func(after int64) {
		nav.Async(func() func() {
			items, err := read(nav.Context(), name, after, categoryPage)
			return func() {
				if err != nil {
					fyne.LogError("kiosk: category page", err)
					l.readFailed()
					return
				}
				l.Append(items, len(items) < categoryPage)
			}
		})
	}, func(f func()) { nav.After(0, f) })
}

func (c *Category) onPick(it data.ItemSummary) {
	c.nav.Push(NewDetail(c.nav, c.store, c.opts, it.ID))
}
