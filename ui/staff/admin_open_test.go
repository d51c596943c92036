package staff

import (
	"testing"

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
