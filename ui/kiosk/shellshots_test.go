//go:build shots

package kiosk_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/kiosk"
)

// TestShellScreenshots renders every screen of the shell, in normal and
// elder mode, at the three kiosk screen sizes, with the office
// hours notice, the idle question and the 朗读 button, for a person to look
// at, in $BIANMIN_SHOTS/shell (make shots).
func TestShellScreenshots(t *testing.T) {
	dir := shots.Need(t, "shell")
	open := "2026-03-05 09:30"
	screens := map[string]struct {
		at    string
		setup func(t *testing.T, r *rig)
	}{
		"home":         {open, func(*testing.T, *rig) {}},
		"home-closed":  {"2026-03-05 18:00", func(*testing.T, *rig) {}},
		"home-holiday": {"2026-10-05 10:00", func(*testing.T, *rig) {}},
		"guides": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
		}},
		"search": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			test.Type(current[*kiosk.Guides](t, r).Search, "jzz")
			r.timers.Fire()
		}},
		"category": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			test.Tap(current[*kiosk.Guides](t, r).CategoryTiles[0])
		}},
		"detail": {open, func(t *testing.T, r *rig) { openGuide(t, r, "最低生活保障申请") }},
		"detail-speaking": {open, func(t *testing.T, r *rig) {
			openGuide(t, r, "最低生活保障申请")
			test.Tap(r.k.SpeakButton)
		}},
		"disclosure": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
		}},
		"staff": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).StaffTile)
		}},
		"complaint": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatComplaint])
		}},
		"notices": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatRules])
		}},
		"notice": {open, func(t *testing.T, r *rig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatRules])
			test.Tap(current[*kiosk.NoticeList](t, r).Rows[0])
		}},
		"idle": {open, func(t *testing.T, r *rig) {
			openGuide(t, r, "最低生活保障申请")
			r.k.Start()
			r.wait(91 * time.Second)
			r.wait(3 * time.Second) // the dialog shows 7 seconds left
		}},
	}
	sizes := []fyne.Size{{Width: 1280, Height: 800}, {Width: 1080, Height: 1920}, {Width: 1920, Height: 1080}}
	for name, sc := range screens {
		for _, elder := range []bool{false, true} {
			for _, size := range sizes {
				mode := ""
				if elder {
					mode = "-elder"
				}
				file := fmt.Sprintf("%s%s-%.0fx%.0f.png", name, mode, size.Width, size.Height)
				t.Run(file, func(t *testing.T) {
					r := newCalendarRigWith(t, at(t, sc.at), kiosk.Options{Speaker: &fakeSpeaker{available: true}},
						sampleCatalog(t))
					r.win.Resize(size)
					r.k.SetElder(elder)
					sc.setup(t, r)
					r.win.Resize(size)
					c := software.NewCanvas()
					c.SetContent(r.k.Content())
					c.Resize(size)
					for _, o := range r.win.Canvas().Overlays().List() {
						c.Overlays().Add(o)
					}
					f, err := os.Create(filepath.Join(dir, file))
					require.NoError(t, err)
					defer f.Close()
					require.NoError(t, png.Encode(f, c.Capture()))
				})
			}
		}
	}
}
