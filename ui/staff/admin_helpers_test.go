package staff

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/locale"
)

// TestOpenScreen: a section's screen is made the first time it opens and
// kept after that; again runs on every later opening, and nil for again
// shows the screen as it was.
func TestOpenScreen(t *testing.T) {
	type screen struct{ made, again int }
	a := &Admin{}
	var slot *screen
	makes := 0
	build := func(got *Admin) *screen {
		assert.Same(t, a, got)
		makes++
		return &screen{made: makes}
	}
	again := func(s *screen) { s.again++ }

	first := openScreen(a, &slot, build, again)
	assert.Same(t, slot, first, "kept in the slot")
	assert.Equal(t, screen{made: 1}, *first, "made, not brought up to date")
	second := openScreen(a, &slot, build, again)
	assert.Same(t, first, second, "the same screen again")
	assert.Equal(t, screen{made: 1, again: 1}, *second)
	openScreen(a, &slot, build, nil)
	assert.Equal(t, screen{made: 1, again: 1}, *slot, "nil again: as it was")
	assert.Equal(t, 1, makes)
}

// TestShowRows: the list holds a view per row, in order, in place of what
// it held; the status line says how many, or why there are none.
func TestShowRows(t *testing.T) {
	test.NewTempApp(t)
	list := container.NewVBox(widget.NewLabel("old"))
	status := widget.NewLabel("")
	views := showRows(list, status, []string{"甲", "乙"}, nil, "acct.empty", widget.NewLabel)
	assert.Len(t, views, 2)
	assert.Equal(t, "乙", views[1].Text)
	assert.Len(t, list.Objects, 2)
	assert.Same(t, views[0], list.Objects[0])
	assert.Equal(t, listStatus(nil, 2, "acct.empty"), status.Text)

	views = showRows(list, status, nil, errors.New("断开"), "acct.empty", widget.NewLabel)
	assert.Nil(t, views)
	assert.Empty(t, list.Objects)
	assert.Equal(t, listStatus(errors.New("断开"), 0, "acct.empty"), status.Text)
	assert.NotEqual(t, listStatus(nil, 2, "acct.empty"), status.Text)
}

// TestFillList: the list holds what row makes of each row, in order, in
// place of what it held; no rows leave it empty.
func TestFillList(t *testing.T) {
	test.NewTempApp(t)
	list := container.NewVBox(widget.NewLabel("old"))
	fillList(list, []string{"甲", "乙"}, func(s string) fyne.CanvasObject { return widget.NewLabel(s) })
	require.Len(t, list.Objects, 2)
	assert.Equal(t, "甲", list.Objects[0].(*widget.Label).Text)
	assert.Equal(t, "乙", list.Objects[1].(*widget.Label).Text)
	fillList(list, nil, func(s string) fyne.CanvasObject { return widget.NewLabel(s) })
	assert.Empty(t, list.Objects)
}

// TestTextCells: a label a text, in order, each cut with an ellipsis;
// style sets the one it picks apart.
func TestTextCells(t *testing.T) {
	test.NewTempApp(t)
	cells := textCells([]string{"甲", "乙", "丙"}, func(i int, l *widget.Label) {
		if i == 1 {
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
	})
	require.Len(t, cells, 3)
	for i, want := range []string{"甲", "乙", "丙"} {
		l := cells[i].(*widget.Label)
		assert.Equal(t, want, l.Text)
		assert.Equal(t, fyne.TextTruncateEllipsis, l.Truncation)
		assert.Equal(t, i == 1, l.TextStyle.Bold, want)
	}
	assert.Len(t, textCells([]string{"甲"}, nil), 1, "no style")
	assert.Empty(t, textCells(nil, nil))
}

// TestActiveImportance: a stopped window or staff member reads dimmed.
func TestActiveImportance(t *testing.T) {
	assert.Equal(t, widget.MediumImportance, activeImportance(true))
	assert.Equal(t, widget.LowImportance, activeImportance(false))
}

type helperCard struct{ cardParts }

func newHelperCard(name string) *helperCard {
	return &helperCard{cardParts{Up: widget.NewButton("", nil), Down: widget.NewButton("", nil),
		heading: widget.NewLabel(""), box: widget.NewLabel(name)}}
}

// TestCardActions: move swaps a card with its neighbour (not past either
// end) and remove takes it out; the box shows the cards again after, in
// order and numbered, the first not movable up nor the last down.
func TestCardActions(t *testing.T) {
	test.NewTempApp(t)
	a, b, c := newHelperCard("甲"), newHelperCard("乙"), newHelperCard("丙")
	cards := []*helperCard{a, b, c}
	box := container.NewVBox()
	layoutCards(box, cards)
	names := func() (out []string) {
		for _, o := range box.Objects {
			out = append(out, o.(*widget.Label).Text)
		}
		return out
	}
	moveA, removeA := cardActions(box, &cards, a)
	moveC, _ := cardActions(box, &cards, c)

	moveA(-1)
	assert.Equal(t, []*helperCard{a, b, c}, cards, "the first does not move up")
	moveC(1)
	assert.Equal(t, []string{"甲", "乙", "丙"}, names(), "nor the last down")
	moveA(1)
	assert.Equal(t, []*helperCard{b, a, c}, cards)
	assert.Equal(t, []string{"乙", "甲", "丙"}, names())
	assert.Equal(t, "2", a.heading.Text)
	assert.False(t, a.Up.Disabled())
	assert.True(t, b.Up.Disabled())

	removeA()
	assert.Equal(t, []*helperCard{b, c}, cards)
	assert.Equal(t, []string{"乙", "丙"}, names())
	assert.Equal(t, "2", c.heading.Text)
	assert.True(t, c.Down.Disabled())
}

// TestOrgLoad: what is read is shown; a failed read is said on the status
// line in the danger colour and nothing is shown; an answer overtaken by a
// later read is dropped.
func TestOrgLoad(t *testing.T) {
	test.NewTempApp(t)
	var work []func()
	d := &Desk{opts: Options{Context: context.Background(), Run: func(f func()) { work = append(work, f) }}}
	drain := func() {
		for len(work) > 0 {
			f := work[0]
			work = work[1:]
			f()
		}
	}
	status := widget.NewLabel("")
	var l latest
	var shown []string
	show := func(v string) { shown = append(shown, v) }
	answer := func(v string, err error) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { return v, err }
	}

	orgLoad(&l, d, status, answer("甲", nil), show)
	drain()
	assert.Equal(t, []string{"甲"}, shown)

	orgLoad(&l, d, status, answer("乙", nil), show)
	orgLoad(&l, d, status, answer("丙", nil), show)
	drain()
	assert.Equal(t, []string{"甲", "丙"}, shown, "the overtaken answer is dropped")

	fail := errors.New("读不到")
	orgLoad(&l, d, status, answer("丁", fail), show)
	drain()
	assert.Equal(t, []string{"甲", "丙"}, shown, "nothing shown")
	assert.Equal(t, locale.Message(fail), status.Text)
	assert.Equal(t, widget.DangerImportance, status.Importance)
}
