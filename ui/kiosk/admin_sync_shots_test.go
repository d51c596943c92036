//go:build shots

package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/internal/shots"
	"bianmin/ui/kiosk"
)

// TestAdminSyncShots renders the screens of this file to PNG files for a
// person to look at. make shots runs it, writing into
// $BIANMIN_SHOTS.
func TestAdminSyncShots(t *testing.T) {
	dir := shots.Need(t, "")
	screens := map[string]func(t *testing.T, r *rig){
		"sync-previews": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
		},
		"sync-preview-view": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
			test.Tap(current[*kiosk.Previews](t, r).Rows[0])
		},
		"sync-comment": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
			test.Tap(current[*kiosk.Previews](t, r).Rows[0])
			test.Tap(current[*kiosk.PreviewView](t, r).Comment)
		},
		"sync-late": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
			test.Tap(current[*kiosk.Previews](t, r).Rows[0])
			test.Tap(current[*kiosk.PreviewView](t, r).Comment)
			c := current[*kiosk.PreviewComment](t, r)
			test.Tap(c.Body)
			boardTypeHan(t, c.Panel.Keyboard, "jianyi", "建议")
			*r.now = fixedNow.AddDate(0, 0, 3)
			test.Tap(c.Submit)
		},
		"sync-late-dialog": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
			test.Tap(current[*kiosk.Previews](t, r).Rows[0])
			*r.now = fixedNow.AddDate(0, 0, 3)
			test.Tap(current[*kiosk.PreviewView](t, r).Comment)
		},
		"sync-staff": func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).StaffTile)
		},
		"sync-duty": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.DutyTile })
		},
	}
	for name, setup := range screens {
		for _, elder := range []bool{false, true} {
			file := name
			if elder {
				file += "-elder"
			}
			t.Run(file, func(t *testing.T) {
				r := syncRig(t, testCatalog(t))
				syncPreviewUntil(t, r, fixedNow.AddDate(0, 0, 2))
				syncStorePhoto(t, r, "王芳")
				_, err := r.store.SignIn(bgCtx, syncAdmin(t, r))
				require.NoError(t, err)
				r.k.SetElder(elder)
				setup(t, r)
				c := software.NewCanvas()
				c.Resize(r.win.Canvas().Size())
				c.SetContent(r.k.Content())
				relayout(r.k.Content())
				for _, o := range r.win.Canvas().Overlays().List() {
					c.Overlays().Add(o)
				}
				shots.Save(t, dir, file, c)
			})
		}
	}
}
