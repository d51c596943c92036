package staff

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
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
