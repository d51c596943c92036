package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/input"
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

// TestSearchAsYouTypePinyin finds 居住证 in the sample catalog while the
// pinyin is still being composed: initials (j-z-z) and full pinyin
// (j-u-z-h-u) search at once, with no 空格 and no switch to 英文, and the
// candidate bar offers the word.
func TestSearchAsYouTypePinyin(t *testing.T) {
	for name, tc := range map[string]struct{ letters, word string }{
		"Initials":   {"jzz", "居住证"},
		"FullPinyin": {"juzhu", "居住"},
	} {
		letters := tc.letters
		t.Run(name, func(t *testing.T) {
			r := newRigWith(t, kiosk.Options{}, sampleCatalog(t))
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			g := current[*kiosk.Guides](t, r)
			test.Tap(g.Search)
			kb := g.Panel.Keyboard
			require.Equal(t, input.Pinyin, kb.Mode(), "the default mode")
			for _, c := range letters {
				test.Tap(kb.Letter(c))
			}
			assert.Equal(t, letters, kb.Composing())
			assert.Empty(t, g.Search.Text, "nothing chosen yet")
			assert.Contains(t, kb.Candidates(), tc.word, "the candidate bar offers the word")
			r.timers.Fire()
			require.NotEmpty(t, g.Results.Items, "results while composing")
			assert.Contains(t, names(g.Results.Items), "居住证申领（受理转报）")
			assert.True(t, g.Results.View.Visible())

			// Picking the word searches for it.
			for i, c := range kb.Candidates() {
				if c == tc.word {
					test.Tap(kb.Candidate(i))
					break
				}
			}
			assert.Equal(t, tc.word, g.Search.Text)
			assert.Empty(t, kb.Composing())
			r.timers.Fire()
			assert.Contains(t, names(g.Results.Items), "居住证申领（受理转报）")

			// Deleting the composition brings the categories back.
			test.Tap(kb.Clear)
			r.timers.Fire()
			assert.False(t, g.Results.View.Visible())
		})
	}
}

// TestRegisterPickerSearchesWhileComposing: 自助登记's item search finds
// by initials while composing, as the guides do.
func TestRegisterPickerSearchesWhileComposing(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
	p := regAt[*kiosk.RegisterPicker](t, r)
	require.True(t, p.Hours.Open())
	test.Tap(p.Search)
	for _, c := range "jzz" {
		test.Tap(p.Panel.Keyboard.Letter(c))
	}
	r.timers.Fire()
	assert.Contains(t, names(p.Results.Items), "居住证申领（受理转报）")
}

func names(items []data.ItemSummary) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}
