package staff

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// tabList is what the administration lists with tabs over rows read for
// the person signed in share (the complaints, the accountability entries):
// the tabs and the one on show, the views of its rows, the status line,
// and the reading of the tab on show: read with the tab's filter, a view
// made by view for each row of type T.
type tabList[F, T any, V fyne.CanvasObject] struct {
	Tabs   map[string]*widget.Button
	Tab    string
	Rows   []V
	Status *widget.Label

	adminList
	tabFilter func() F // the filter of the tab on show (UI goroutine)
	read      func(ctx context.Context, by data.Session, f F) ([]T, error)
	view      func(T) V
	emptyKey  string // the status line's text when the tab has no rows
}

// newTabList is a tab list's common part with tab on show, not read yet.
func newTabList[F, T any, V fyne.CanvasObject](a *Admin, tab string, filter func() F,
	read func(context.Context, data.Session, F) ([]T, error), view func(T) V, emptyKey string) tabList[F, T, V] {
	return tabList[F, T, V]{Tabs: map[string]*widget.Button{}, Tab: tab, Status: widget.NewLabel(""),
		adminList: newAdminList(a), tabFilter: filter, read: read, view: view, emptyKey: emptyKey}
}

// tabRow is the row of tabs, one per name labelled by the translation key
// prefix+name (tabButtons); tapping one shows it.
func (l *tabList[F, T, V]) tabRow(prefix string, names []string) *fyne.Container {
	return tabButtons(l.a.d, l.Tabs, prefix, names, l.SetTab)
}

// SetTab shows another tab.
func (l *tabList[F, T, V]) SetTab(tab string) {
	l.Tab = tab
	l.Reload()
}

// query is the read of the tab on show, its filter taken now (UI
// goroutine), to run off it.
func (l *tabList[F, T, V]) query() func(context.Context) ([]T, error) {
	read, by, f := l.read, l.a.d.session, l.tabFilter()
	return func(ctx context.Context) ([]T, error) { return read(ctx, by, f) }
}

// Reload marks the tab on show, says on the status line that its list is
// loading and reads it again (loadLatest).
func (l *tabList[F, T, V]) Reload() {
	markTab(l.Tabs, l.Tab)
	l.Status.SetText(lang.L("admin.loading"))
	loadLatest(&l.load, l.a.d, l.query(), l.show)
}

// show puts a view of each row read in the list (showRows).
func (l *tabList[F, T, V]) show(rows []T, err error) {
	l.Rows = showRows(l.list, l.Status, rows, err, l.emptyKey, l.view)
}
