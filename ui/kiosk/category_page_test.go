package kiosk_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// A category bigger than a screenful opens with its first page read and
// reads the rest as the list scrolls to them, in order; its status
// counts the whole category.
func TestCategoryReadsMoreAsItScrolls(t *testing.T) {
	r := newRigWith(t, kiosk.Options{}, manyGuides(t, 100))
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Tap(tileTitled(t, g.CategoryTiles, "医疗保障"))
	c := current[*kiosk.Category](t, r)
	total := 100 + 1 // the test catalog's own 医疗保障 item
	assert.Contains(t, c.Status.Text, fmt.Sprintf("共%d项", total))
	first := len(c.Items.Items)
	require.Less(t, first, total, "the first read is one page")
	r.timers.Fire()
	assert.Len(t, c.Items.Items, first, "nothing more read before the list scrolls")

	for range 10 {
		c.Items.List.ScrollToBottom()
		r.timers.Fire()
	}
	require.Len(t, c.Items.Items, total)
	seen := map[string]bool{}
	for i, it := range c.Items.Items {
		assert.False(t, seen[it.Name], "row %d repeats %s", i, it.Name)
		seen[it.Name] = true
	}
	// The last guide opens like the first.
	c.Items.List.Select(total - 1)
	d := current[*kiosk.Detail](t, r)
	assert.Equal(t, c.Items.Items[total-1].Name, d.Name.Text)
}
