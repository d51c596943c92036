package kiosk

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
)

// typeahead is search as you type, behind the search boxes of the guides
// and of 自助登记: each change of the query waits for a pause in typing,
// then searches off the UI goroutine and shows the results unless a newer
// query has started meanwhile; an empty query shows the browsing view
// again. Each screen brings its own words, its own search and its own
// views.
type typeahead struct {
	nav *Nav
	// searching, found and notFound are the screen's lang keys for the
	// status line.
	searching, found, notFound string
	find                       func(ctx context.Context, q string) ([]data.ItemSummary, error)
	showBrowse                 func() // shows the browsing view again

	// What the results are shown in: the status line, the browsing view
	// they hide, and the result list in its view.
	status          *widget.Label
	browse, results fyne.CanvasObject
	list            *ItemList

	debounce *debouncer
	query    int    // the number of the latest search, to drop stale answers
	asked    string // the latest query
}

// watch searches as e changes. The query is the text, or the pinyin being
// composed into an empty box: j-z-z finds 居住证 before any character is
// chosen.
func (t *typeahead) watch(e *input.Entry) {
	e.OnChanged = func(string) { t.changed(e.Query()) }
	e.OnComposing = func(string) {
		if q := e.Query(); q != t.asked {
			t.changed(q)
		}
	}
}

// flush searches for the waiting query now (Enter, the keyboard's 完成).
func (t *typeahead) flush() { t.debounce.Flush() }

// stop forgets a search still waiting for its pause.
func (t *typeahead) stop() { t.debounce.Stop() }

// changed waits for a pause in typing, then searches.
func (t *typeahead) changed(text string) {
	t.nav.Activity()
	t.query++
	t.asked = text
	if data.NormaliseQuery(text) == "" {
		t.debounce.Stop()
		t.showBrowse()
		return
	}
	t.debounce.Trigger(func() { t.search(text) })
}

// search runs one query off the UI goroutine and shows its results unless
// a newer query has started meanwhile.
func (t *typeahead) search(text string) {
	n := t.query
	t.status.SetText(lang.L(t.searching))
	t.nav.Async(func() func() {
		items, err := t.find(t.nav.Context(), text)
		return func() {
			if n == t.query {
				t.show(text, items, err)
			}
		}
	})
}

// show shows a search's items, or says nothing was found with the query,
// in the screen's own words.
func (t *typeahead) show(text string, items []data.ItemSummary, err error) {
	if t.nav.showFailure(t.status, "kiosk: search", err) {
		return
	}
	t.browse.Hide()
	t.list.Set(items)
	if len(items) == 0 {
		t.status.SetText(lang.L(t.notFound, map[string]any{"Query": text}))
		t.results.Hide()
		return
	}
	t.status.SetText(lang.L(t.found, map[string]any{"N": len(items)}))
	t.results.Show()
}
