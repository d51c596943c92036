package staff

import (
	"context"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Administration section 办事事项 (administrators; §一(一)3,
// §六1): the service items by category with search, and an editor for
// every guide field, the materials with their sample forms, the intake
// fields and the windows. The store checks an edit by the rules of the
// catalog import and keeps the old version for the requests registered
// under it; the kiosk sees the new guide at once.

// ItemsStore is what the section needs from the store.
type ItemsStore interface {
	AllItems(ctx context.Context) ([]data.ItemEntry, error)
	SearchItems(ctx context.Context, q string) ([]data.ItemSummary, error)
	Item(ctx context.Context, id int64) (data.Item, error)
	SaveItem(ctx context.Context, by data.Session, it data.Item) (data.Item, error)
	SetItemActive(ctx context.Context, by data.Session, id int64, active bool) error
	Windows(ctx context.Context) ([]data.Window, error)
	ItemVersionStore
}

// ItemsPageSize is how many items a page of the list shows.
const ItemsPageSize = 25

// ItemsScreen is the section's screen: the list of items, or the editor of
// one of them.
type ItemsScreen struct {
	Search   *widget.Entry
	Category *touch.Select
	Add      *widget.Button
	Prev     *widget.Button
	Next     *widget.Button
	Page     *widget.Label
	Status   *widget.Label
	// Rows are the items on show.
	Rows []*ItemRow
	// Editor is the item being edited, nil while the list shows.
	Editor *ItemEditor
	// Confirm asks before an item is taken out of service or brought back.
	Confirm *FormDialog

	// Entries is every item as last read; Shown those the filter keeps.
	Entries []data.ItemEntry
	Shown   []data.ItemEntry
	page    int
	matches map[int64]int // search results: id → rank; nil without a query

	a       *Admin
	list    *fyne.Container
	listBox fyne.CanvasObject
	body    *fyne.Container
	content fyne.CanvasObject
	load    latest
}

// ItemRow is one item of the list with its buttons.
type ItemRow struct {
	Entry  data.ItemEntry
	Edit   *widget.Button
	Toggle *widget.Button // 停用 or 启用
}

func newItemsScreen(a *Admin) *ItemsScreen {
	d := a.d
	s := &ItemsScreen{a: a}
	s.Search = d.newEntry(false, lang.L("items.search.hint"))
	s.Search.OnChanged = func(string) {
		d.Activity()
		s.runSearch()
	}
	s.Category = touch.NewSelect([]string{lang.L("items.allCategories")}, nil)
	s.Category.SetSelectedIndex(0)
	s.Category.OnChanged = func(string) {
		s.page = 0
		s.filter()
	}
	s.Add = widget.NewButtonWithIcon(lang.L("items.add"), fynetheme.ContentAddIcon(), d.tap(s.OpenNew))
	s.Add.Importance = widget.HighImportance
	refresh := widget.NewButtonWithIcon("", fynetheme.ViewRefreshIcon(), d.tap(s.Reload))
	s.Prev = widget.NewButtonWithIcon(lang.L("staff.queue.prev"), fynetheme.NavigateBackIcon(), d.tap(func() { s.turn(-1) }))
	s.Next = widget.NewButtonWithIcon(lang.L("staff.queue.next"), fynetheme.NavigateNextIcon(), d.tap(func() { s.turn(1) }))
	s.Next.IconPlacement = widget.ButtonIconTrailingText
	s.Page = widget.NewLabel("")
	s.Status = widget.NewLabel("")
	s.Status.Wrapping = fyne.TextWrapWord
	s.list = container.NewVBox()

	filters := container.NewBorder(nil, nil, nil, container.NewHBox(
		container.New(&fixedSize{size: fyne.NewSize(230, 0)}, s.Category), s.Add, refresh), s.Search)
	header := scrollBarGap(container.New(itemWeights, boldLabels("items.col.", "name", "code", "mode", "days", "state",
		"actions")...))
	s.listBox = orgCompact(container.NewBorder(container.NewVBox(filters, header, widget.NewSeparator()),
		container.NewBorder(nil, nil, container.NewHBox(s.Prev, s.Page, s.Next), nil, s.Status), nil, nil,
		clearOfScrollBar(s.list)))
	s.body = container.NewStack(s.listBox)
	s.content = s.body
	s.Reload()
	return s
}

var itemWeights = weightedColumns{4.4, 1, 1.3, 1.5, 1, 2.2}

// reopen reads the list again, unless an item is open in the editor
// (what was typed there stays).
func (s *ItemsScreen) reopen() {
	if s.Editor == nil {
		s.Reload()
	}
}

// Reload reads every item again and shows the list.
func (s *ItemsScreen) Reload() {
	d, st := s.a.d, s.a.store
	s.Status.SetText(lang.L("admin.loading"))
	s.fetch(func() (func(), error) {
		entries, err := st.AllItems(d.opts.Context)
		return func() {
			s.Entries = entries
			s.setCategories()
			s.runSearch()
		}, err
	})
}

// fetch runs work off the UI goroutine and, unless a later fetch has
// started since (latest), shows its error in Status or runs what it gives
// on the UI goroutine.
func (s *ItemsScreen) fetch(work func() (apply func(), err error)) {
	s.load.run(s.a.d, func() func() {
		apply, err := work()
		if err != nil {
			return func() { s.Status.SetText(locale.Message(err)) }
		}
		return apply
	})
}

// setCategories offers every category of the items, keeping the choice.
func (s *ItemsScreen) setCategories() {
	opts := []string{lang.L("items.allCategories")}
	for _, c := range itemCategories(s.Entries) {
		opts = append(opts, c)
	}
	chosen := s.Category.Selected
	s.Category.SetOptions(opts)
	if !slices.Contains(opts, chosen) {
		chosen = opts[0]
	}
	s.Category.Selected = chosen
	s.Category.Refresh()
}

func itemCategories(entries []data.ItemEntry) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range entries {
		if !seen[e.Category] {
			seen[e.Category] = true
			out = append(out, e.Category)
		}
	}
	return out
}

// runSearch looks the query up as the kiosk does (SearchItems: keyword,
// pinyin, initials) and adds the items out of service whose name or code
// holds it, then filters.
func (s *ItemsScreen) runSearch() {
	d, st := s.a.d, s.a.store
	q := strings.TrimSpace(s.Search.Text)
	s.page = 0
	if q == "" {
		s.matches = nil
		s.filter()
		return
	}
	s.fetch(func() (func(), error) {
		found, err := st.SearchItems(d.opts.Context, q)
		return func() {
			s.matches = map[int64]int{}
			for i, f := range found {
				s.matches[f.ID] = i
			}
			lq := strings.ToLower(q)
			for _, e := range s.Entries {
				if !e.Active && (strings.Contains(e.Name, q) || strings.Contains(strings.ToLower(e.Code), lq)) {
					s.matches[e.ID] = len(found)
				}
			}
			s.filter()
		}, err
	})
}

// filter keeps the items of the chosen category (and of the search) and
// shows the page.
func (s *ItemsScreen) filter() {
	cat := ""
	if s.Category.SelectedIndex() > 0 {
		cat = s.Category.Selected
	}
	s.Shown = nil
	for _, e := range s.Entries {
		if cat != "" && e.Category != cat {
			continue
		}
		if s.matches != nil {
			if _, ok := s.matches[e.ID]; !ok {
				continue
			}
		}
		s.Shown = append(s.Shown, e)
	}
	if s.matches != nil { // search results in the search's order
		sort.SliceStable(s.Shown, func(i, j int) bool { return s.matches[s.Shown[i].ID] < s.matches[s.Shown[j].ID] })
	}
	s.show()
}

func (s *ItemsScreen) turn(delta int) {
	s.page += delta
	s.show()
}

// show lays the current page out, with a heading before each category
// (the search's results come as one list).
func (s *ItemsScreen) show() {
	d := s.a.d
	pages := max(1, (len(s.Shown)+ItemsPageSize-1)/ItemsPageSize)
	s.page = min(max(s.page, 0), pages-1)
	from := s.page * ItemsPageSize
	to := min(from+ItemsPageSize, len(s.Shown))
	s.Rows = nil
	s.list.RemoveAll()
	last := ""
	for _, e := range s.Shown[from:to] {
		if s.matches == nil && e.Category != last {
			last = e.Category
			h := widget.NewLabel(e.Category)
			h.TextStyle = fyne.TextStyle{Bold: true}
			h.Importance = widget.HighImportance
			s.list.Add(h)
		}
		row := &ItemRow{Entry: e}
		row.Edit = widget.NewButtonWithIcon(lang.L("items.edit"), fynetheme.DocumentCreateIcon(), d.tap(func() { s.OpenItem(e.ID) }))
		if e.Active {
			row.Toggle = widget.NewButton(lang.L("items.stop"), d.tap(func() { s.confirmToggle(row) }))
		} else {
			row.Toggle = widget.NewButton(lang.L("items.restart"), d.tap(func() { s.confirmToggle(row) }))
			row.Toggle.Importance = widget.HighImportance
		}
		s.Rows = append(s.Rows, row)
		name := widget.NewLabel(e.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		days := lang.L("items.onTheSpot")
		if e.PromisedDays > 0 {
			days = lang.L("items.days", map[string]any{"N": e.PromisedDays})
		}
		state := widget.NewLabel(lang.L("items.active"))
		if !e.Active {
			state.SetText(lang.L("items.stopped"))
			state.Importance = widget.WarningImportance
		}
		code := widget.NewLabel(e.Code)
		code.Truncation = fyne.TextTruncateEllipsis
		s.list.Add(container.New(itemWeights, name, code, widget.NewLabel(modeWord(e.Mode)), widget.NewLabel(days), state,
			container.NewGridWithColumns(2, row.Edit, row.Toggle)))
	}
	orgCompact(s.list) // the rows just added
	s.Page.SetText(lang.L("items.page", map[string]any{"Page": s.page + 1, "Pages": pages}))
	if s.page > 0 {
		s.Prev.Enable()
	} else {
		s.Prev.Disable()
	}
	if s.page < pages-1 {
		s.Next.Enable()
	} else {
		s.Next.Disable()
	}
	switch {
	case len(s.Shown) == 0 && s.matches != nil:
		s.Status.SetText(lang.L("items.noMatch"))
	case len(s.Shown) == 0:
		s.Status.SetText(lang.L("items.none"))
	default:
		s.Status.SetText(lang.L("items.count", map[string]any{"N": len(s.Shown)}))
	}
	s.list.Refresh()
}

// Row finds the row of an item on show by name.
func (s *ItemsScreen) Row(name string) *ItemRow {
	for _, r := range s.Rows {
		if r.Entry.Name == name {
			return r
		}
	}
	return nil
}

// confirmToggle asks before taking an item out of service (or bringing it
// back) and does it.
func (s *ItemsScreen) confirmToggle(row *ItemRow) {
	e := row.Entry
	msg := lang.L("items.stopConfirm", map[string]any{"Name": e.Name, "N": e.Requests})
	if !e.Active {
		msg = lang.L("items.restartConfirm", map[string]any{"Name": e.Name})
	}
	lbl := widget.NewLabel(msg)
	lbl.Wrapping = fyne.TextWrapWord
	s.Confirm = newFormDialog(s.a.d, lang.L("items.confirmTitle"), []fyne.CanvasObject{lbl}, fyne.NewSize(560, 300),
		func(*FormDialog) func() error { return func() error { return nil } }, func() { s.SetActive(e.ID, !e.Active) })
}

// SetActive takes an item out of service or brings it back, then reads the
// list again.
func (s *ItemsScreen) SetActive(id int64, active bool) {
	d, st, sess := s.a.d, s.a.store, s.a.d.session
	d.async(func() func() {
		err := st.SetItemActive(d.opts.Context, sess, id, active)
		return func() {
			if err != nil {
				s.Status.SetText(locale.Message(err))
				return
			}
			s.Reload()
		}
	})
}

// OpenNew opens the editor on a new item.
func (s *ItemsScreen) OpenNew() {
	it := data.Item{Active: true, Mode: data.ModePromise, Trips: 1, Fee: lang.L("items.defaultFee")}
	if cat := s.Category.SelectedIndex(); cat > 0 {
		it.Category = s.Category.Selected
	}
	s.openEditor(it)
}

// OpenItem reads an item and opens the editor on it.
func (s *ItemsScreen) OpenItem(id int64) {
	st := s.a.store
	read := func(ctx context.Context) (data.Item, error) { return st.Item(ctx, id) }
	fetch(s.a.d, read, s.sayError, s.openEditor)
}

func (s *ItemsScreen) openEditor(it data.Item) {
	fetch(s.a.d, s.a.store.Windows, s.sayError, func(windows []data.Window) {
		s.Editor = newItemEditor(s, it, windows, itemCategories(s.Entries))
		s.body.Objects = []fyne.CanvasObject{s.Editor.content}
		s.body.Refresh()
	})
}

// sayError says a store error on the screen's status line.
func (s *ItemsScreen) sayError(err error) { s.Status.SetText(locale.Message(err)) }

// CloseEditor goes back to the list and reads it again.
func (s *ItemsScreen) CloseEditor() {
	s.Editor = nil
	s.body.Objects = []fyne.CanvasObject{s.listBox}
	s.body.Refresh()
	s.Reload()
}
