package kiosk

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// typeaheadRig is a typeahead with its timer and its background work held
// back until the test lets them run.
type typeaheadRig struct {
	t       *typeahead
	timers  []*func()
	work    []func()
	asked   []string
	browsed int
	answer  map[string][]data.ItemSummary
}

func newTypeaheadRig(t *testing.T) *typeaheadRig {
	test.NewTempApp(t)
	r := &typeaheadRig{answer: map[string][]data.ItemSummary{}}
	after := func(_ time.Duration, f func()) func() {
		timer := &f
		r.timers = append(r.timers, timer)
		return func() { *timer = nil }
	}
	run := func(f func()) { r.work = append(r.work, f) }
	nav := newNav(test.NewWindow(nil), context.Background(), run, after, time.Now)
	list := newItemList(func(data.ItemSummary) {})
	browse := widget.NewLabel("分类")
	r.t = &typeahead{nav: nav, searching: "kiosk.guides.searching", found: "kiosk.guides.found",
		notFound: "kiosk.guides.notFound", showBrowse: func() { r.browsed++ },
		find: func(_ context.Context, q string) ([]data.ItemSummary, error) {
			r.asked = append(r.asked, q)
			return r.answer[q], nil
		},
		status: widget.NewLabel(""), browse: browse, results: list.View, list: list,
		debounce: newDebouncer(after, time.Second)}
	return r
}

// pause fires the waiting timers, as a pause in typing would.
func (r *typeaheadRig) pause() {
	timers := r.timers
	r.timers = nil
	for _, f := range timers {
		if *f != nil {
			(*f)()
		}
	}
}

// finish lets the background work run and come back.
func (r *typeaheadRig) finish() {
	work := r.work
	r.work = nil
	for _, f := range work {
		f()
	}
}

func TestTypeaheadSearchesOnceTypingPauses(t *testing.T) {
	r := newTypeaheadRig(t)
	r.answer["居住"] = []data.ItemSummary{{ID: 1, Name: "居住证明"}}
	r.t.changed("居")
	r.t.changed("居住")
	assert.Empty(t, r.asked, "nothing is searched while typing goes on")

	r.pause()
	assert.Equal(t, lang.L("kiosk.guides.searching"), r.t.status.Text)
	r.finish()
	assert.Equal(t, []string{"居住"}, r.asked, "only the query typed last")
	assert.Equal(t, lang.L("kiosk.guides.found", map[string]any{"N": 1}), r.t.status.Text)
	assert.True(t, r.t.results.Visible())
	assert.False(t, r.t.browse.Visible())
}

func TestTypeaheadDropsAnAnswerToAnOlderQuery(t *testing.T) {
	r := newTypeaheadRig(t)
	r.answer["低保"] = []data.ItemSummary{{ID: 1, Name: "低保申请"}}
	r.t.changed("低保")
	r.pause() // the search for 低保 is under way
	r.t.changed("居住证")
	r.finish()
	assert.Equal(t, lang.L("kiosk.guides.searching"), r.t.status.Text, "the answer for 低保 is not shown")
	assert.Equal(t, 0, r.t.list.List.Length())

	r.pause()
	r.finish()
	assert.Equal(t, lang.L("kiosk.guides.notFound", map[string]any{"Query": "居住证"}), r.t.status.Text)
	assert.False(t, r.t.results.Visible())
}

func TestTypeaheadEmptyQueryBrowsesAndForgetsTheWaitingSearch(t *testing.T) {
	r := newTypeaheadRig(t)
	r.t.changed("jzz")
	r.t.changed("  ")
	assert.Equal(t, 1, r.browsed)
	r.pause()
	r.finish()
	assert.Empty(t, r.asked)
}

func TestTypeaheadFlushSearchesAtOnce(t *testing.T) {
	r := newTypeaheadRig(t)
	r.t.changed("jzz")
	r.t.flush()
	r.finish()
	require.Equal(t, []string{"jzz"}, r.asked)
	r.t.changed("jzzm")
	r.t.stop()
	r.pause()
	r.finish()
	assert.Equal(t, []string{"jzz"}, r.asked, "a stopped search never runs")
}

func TestFillCategoriesReplacesTheTilesInOrder(t *testing.T) {
	test.NewTempApp(t)
	grid := container.NewVBox(widget.NewLabel("旧的"))
	var picked []string
	cats := []data.Category{{Name: "社会保障", Count: 3}, {Name: "户籍证明", Count: 1}}

	tiles := fillCategories(grid, cats, "register.pick.count", func(c data.Category) { picked = append(picked, c.Name) })

	require.Len(t, tiles, 2)
	assert.Equal(t, []fyne.CanvasObject{tiles[0], tiles[1]}, grid.Objects)
	assert.Equal(t, "社会保障", tiles[0].Title)
	assert.Equal(t, lang.L("register.pick.count", map[string]any{"N": 3}), tiles[0].Subtitle)
	test.Tap(tiles[1])
	test.Tap(tiles[0])
	assert.Equal(t, []string{"户籍证明", "社会保障"}, picked)

	assert.Empty(t, fillCategories(grid, nil, "register.pick.count", nil))
	assert.Empty(t, grid.Objects)
}
