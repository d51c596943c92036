package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// TestSearchByOnScreenKeyboardOnly finds a guide with taps alone: the
// search box opens the pinyin keyboard; d-i gives 低, b-a-o gives 保.
func TestSearchByOnScreenKeyboardOnly(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)

	test.Tap(g.Search)
	require.True(t, g.Panel.Visible(), "touching the search box opens the keyboard")
	kb := g.Panel.Keyboard
	typeHan := func(letters, want string) {
		for _, c := range letters {
			test.Tap(kb.Letter(c))
		}
		for i, c := range kb.Candidates() {
			if c == want {
				test.Tap(kb.Candidate(i))
				return
			}
		}
		t.Fatalf("%s not offered for %s: %v", want, letters, kb.Candidates())
	}
	typeHan("di", "低")
	typeHan("bao", "保")
	assert.Equal(t, "低保", g.Search.Text)
	r.timers.Fire()
	require.NotEmpty(t, g.Results.Items)
	assert.Equal(t, "最低生活保障申请", g.Results.Items[0].Name)
}
