package kiosk_test

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// absRect is o's rectangle on the canvas.
func absRect(o fyne.CanvasObject) (fyne.Position, fyne.Size) {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size()
}

// notClipped checks that o is laid out at least at its minimum size and
// lies within the window: its text and icon are drawn whole.
func notClipped(t *testing.T, win fyne.Window, o fyne.CanvasObject, what string) {
	t.Helper()
	require.True(t, o.Visible(), "%s is shown", what)
	pos, size := absRect(o)
	min := o.MinSize()
	assert.GreaterOrEqualf(t, size.Width+0.5, min.Width, "%s: %v wide, needs %v", what, size.Width, min.Width)
	assert.GreaterOrEqualf(t, size.Height+0.5, min.Height, "%s: %v high, needs %v", what, size.Height, min.Height)
	c := win.Canvas().Size()
	assert.LessOrEqualf(t, pos.X+size.Width, c.Width+0.5, "%s runs off the right edge", what)
	assert.LessOrEqualf(t, pos.Y+size.Height, c.Height+0.5, "%s runs off the bottom", what)
}

// rowsInSight counts the rows of tiles whose whole height lies between
// top and bottom (canvas coordinates).
func rowsInSight(tiles []*kiosk.Tile, top, bottom float32) int {
	rows := map[float32]bool{}
	for _, tile := range tiles {
		pos, size := absRect(tile)
		if pos.Y >= top-0.5 && pos.Y+size.Height <= bottom+0.5 {
			rows[pos.Y] = true
		}
	}
	return len(rows)
}

// TestElderCategoriesTwoRowsAt1280x800: in elder mode on a 1280×800
// screen, 办事指南 and 自助登记 show at least two rows of categories
// without scrolling.
func TestElderCategoriesTwoRowsAt1280x800(t *testing.T) {
	r := newRigWith(t, kiosk.Options{}, sampleCatalog(t))
	r.win.Resize(fyne.NewSize(1280, 800))
	r.k.SetElder(true)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	require.Greater(t, len(g.CategoryTiles), 4)
	top, bottom := footerBounds(t, r, g.Search)
	assert.GreaterOrEqual(t, rowsInSight(g.CategoryTiles, top, bottom), 2, "guides: two rows of categories in sight")

	rr := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rr.k.SetElder(true)
	test.Tap(rr.k.Home.Tiles[kiosk.FeatureRegister])
	p := regAt[*kiosk.RegisterPicker](t, rr)
	require.Greater(t, len(p.CategoryTiles), 4)
	home, _ := absRect(rr.k.HomeButton)
	first, _ := absRect(p.CategoryTiles[0])
	assert.GreaterOrEqual(t, rowsInSight(p.CategoryTiles, first.Y, home.Y), 2, "自助登记: two rows of categories in sight")
}

// footerBounds is the space between the bottom of above and the top of
// the footer's 首页 button.
func footerBounds(t *testing.T, r *rig, above fyne.CanvasObject) (float32, float32) {
	t.Helper()
	p, s := absRect(above)
	home, _ := absRect(r.k.HomeButton)
	require.Greater(t, home.Y, p.Y+s.Height)
	return p.Y + s.Height, home.Y
}

// TestPortraitCategoryNamesWhole: on a portrait screen, in normal and
// elder mode, every category's name is drawn whole.
func TestPortraitCategoryNamesWhole(t *testing.T) {
	for _, elder := range []bool{false, true} {
		t.Run(fmt.Sprintf("elder=%v", elder), func(t *testing.T) {
			r := newRigWith(t, kiosk.Options{}, sampleCatalog(t))
			r.win.Resize(fyne.NewSize(1080, 1920))
			r.k.SetElder(elder)
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			g := current[*kiosk.Guides](t, r)
			text := r.text()
			for _, tile := range g.CategoryTiles {
				assert.Contains(t, text, tile.Title+"\n", "drawn whole")
				notClipped(t, r.win, tile, tile.Title)
			}
			assert.NotContains(t, text, "…")
		})
	}
}

// TestStopReadingNotClipped: 停止朗读 in the footer is drawn whole at
// every size, in normal and elder mode.
func TestStopReadingNotClipped(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1920, Height: 1080}, {Width: 1080, Height: 1920}} {
		for _, elder := range []bool{false, true} {
			t.Run(fmt.Sprintf("%vx%v/elder=%v", size.Width, size.Height, elder), func(t *testing.T) {
				sp := &fakeSpeaker{available: true}
				r := newRig(t, kiosk.Options{Speaker: sp})
				r.win.Resize(size)
				r.k.SetElder(elder)
				openGuide(t, r, "居住证申领")
				test.Tap(r.k.SpeakButton)
				require.True(t, sp.speaking)
				require.Equal(t, "停止朗读", r.k.SpeakButton.Text)
				if _, size := absRect(r.k.SpeakButton); size.Width > 0 { // else shown as its icon alone
					notClipped(t, r.win, r.k.SpeakButton, "停止朗读")
					assert.True(t, strings.Contains(r.text(), "停止朗读"))
				}
			})
		}
	}
}
