//go:build shots

package kiosk_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/kiosk"
)

// TestScreenshots renders the main screens to PNG files for a person to look
// at, at the three kiosk screen sizes. make shots
// runs it, writing into $BIANMIN_SHOTS.
func TestScreenshots(t *testing.T) {
	dir := shots.Need(t, "")
	screens := map[string]func(t *testing.T, r *rig){
		"home": func(*testing.T, *rig) {},
		"home-elder": func(_ *testing.T, r *rig) {
			r.k.SetElder(true)
		},
		"guides": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
		},
		"search": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			g := current[*kiosk.Guides](t, r)
			test.Type(g.Search, "jzz")
			r.timers.Fire()
		},
		"detail": func(t *testing.T, r *rig) { openGuide(t, r, "最低生活保障申请") },
		"detail-elder": func(t *testing.T, r *rig) {
			r.k.SetElder(true)
			openGuide(t, r, "最低生活保障申请")
		},
		"disclosure": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
		},
		"staff": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).StaffTile)
		},
		"complaint": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatComplaint])
		},
		"notice": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatRules])
			test.Tap(current[*kiosk.NoticeList](t, r).Rows[0])
		},
	}
	sizes := []fyne.Size{{Width: 1280, Height: 800}, {Width: 1080, Height: 1920}, {Width: 1920, Height: 1080}}
	for name, setup := range screens {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%.0fx%.0f", name, size.Width, size.Height), func(t *testing.T) {
				r := newRigWith(t, kiosk.Options{}, sampleCatalog(t))
				r.win.Resize(size)
				setup(t, r)
				// The test window has no painter; draw the same content on a
				// software canvas of the same size.
				c := software.NewCanvas()
				c.SetContent(r.k.Content())
				c.Resize(size)
				for _, o := range r.win.Canvas().Overlays().List() {
					c.Overlays().Add(o) // dialogs
				}
				f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%.0fx%.0f.png", name, size.Width, size.Height)))
				require.NoError(t, err)
				defer f.Close()
				require.NoError(t, png.Encode(f, c.Capture()))
			})
		}
	}
}
