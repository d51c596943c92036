package kiosk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// ItemList is a list of guides (a category's items or search results). It
// is a widget.List, so a category of thousands of items costs only the rows
// on screen; a paged list (setMore) also holds only the items read so far,
// a screenful or two ahead of the rows shown. Tests pick a row with
// List.Select(i); Items says which is which.
type ItemList struct {
	List  *widget.List
	View  fyne.CanvasObject // List with finger scrolling: place this
	Items []data.ItemSummary

	onPick func(data.ItemSummary)
	// more reads the items after the given one and hands them to Append;
	// nil when every item is here. later runs it after the layout that
	// asked for it (a list must not change length while laying out).
	more    func(afterID int64)
	later   func(func())
	reading bool
}

// pageAhead is how many rows before the end of what was read the next page
// is asked for: enough that a flick rarely reaches the end first.
const pageAhead = 15

func newItemList(onPick func(data.ItemSummary)) *ItemList {
	l := &ItemList{onPick: onPick}
	l.List = widget.NewList(l.length, l.create, l.update)
	l.List.OnSelected = l.onSelected
	l.View = touch.List(l.List)
	return l
}

// Set replaces the items and scrolls to the top.
func (l *ItemList) Set(items []data.ItemSummary) {
	l.Items = items
	l.List.UnselectAll()
	l.List.Refresh()
	l.List.ScrollToTop()
}

// setMore makes the list paged: when a row within pageAhead of the last
// item read is shown, more(last item's ID) is called through later, once
// until Append answers.
func (l *ItemList) setMore(more func(afterID int64), later func(func())) {
	l.more, l.later, l.reading = more, later, false
}

// Append adds a page read by more; last says it was the category's last,
// and nothing more is asked.
func (l *ItemList) Append(items []data.ItemSummary, last bool) {
	l.reading = false
	if last {
		l.more = nil
	}
	if len(items) == 0 {
		return
	}
	l.Items = append(l.Items, items...)
	l.List.Refresh()
}

// readFailed lets the next row shown ask again.
func (l *ItemList) readFailed() { l.reading = false }

func (l *ItemList) length() int { return len(l.Items) }

func (l *ItemList) create() fyne.CanvasObject { return newItemRow() }

func (l *ItemList) update(id widget.ListItemID, o fyne.CanvasObject) {
	if id < len(l.Items) {
		o.(*itemRow).set(l.Items[id])
	}
	if l.more != nil && !l.reading && id >= len(l.Items)-pageAhead && len(l.Items) > 0 {
		l.reading = true
		more, after := l.more, l.Items[len(l.Items)-1].ID
		l.later(func() { more(after) })
	}
}

func (l *ItemList) onSelected(id widget.ListItemID) {
	l.List.UnselectAll()
	if id < len(l.Items) && l.onPick != nil {
		l.onPick(l.Items[id])
	}
}

// itemRow is one row: the item's name large, and below it the handling mode,
// the time limit and the summary.
//
// Both lines are cut short with … (fitlabel: a row recycled for another
// item would have Fyne shape its whole text again at each refresh).
type itemRow struct {
	widget.BaseWidget
	name *fitlabel.Label
	info *fitlabel.Label
}

func newItemRow() *itemRow {
	r := &itemRow{name: fitlabel.New(""), info: fitlabel.New("")}
	r.name.SizeName = fynetheme.SizeNameSubHeadingText
	r.info.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *itemRow) set(it data.ItemSummary) {
	r.name.SetText(it.Name)
	parts := []string{modeText(it.Mode), lang.L("kiosk.guide.promised") + " " + promisedText(it.PromisedDays)}
	if s := strings.TrimSpace(it.Summary); s != "" {
		parts = append(parts, s)
	}
	r.info.SetText(strings.Join(parts, " · "))
}

func (r *itemRow) CreateRenderer() fyne.WidgetRenderer {
	chev := bmtheme.NewIcon(fynetheme.NavigateNextIcon())
	return widget.NewSimpleRenderer(container.NewPadded(container.NewBorder(nil, nil, nil, chev,
		container.NewVBox(bmtheme.Inset(r.name, compactInset), bmtheme.Inset(r.info, compactInset)))))
}
