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

	"bianmin/internal/shots"
	"bianmin/ui/kiosk"
)

// TestDutyResultsPreviewShots renders the duty board, complaint results and 预公开 screens to PNG
// files for a person to look at, landscape and portrait, normal and elder.
// make shots runs it, writing into $BIANMIN_SHOTS.
func TestDutyResultsPreviewShots(t *testing.T) {
	dir := shots.Need(t, "")
	screens := map[string]func(t *testing.T, r *rig){
		"board-index": func(t *testing.T, r *rig) { test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure]) },
		"board-duty": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.DutyTile })
		},
		"board-results": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.ResultsTile })
		},
		"board-previews": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
		},
		"board-preview-view": func(t *testing.T, r *rig) {
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
			test.Tap(current[*kiosk.Previews](t, r).Rows[0])
		},
		"board-comment": func(t *testing.T, r *rig) {
			c := boardOpenComment(t, r)
			test.Tap(c.Body)
			boardTypeHan(t, c.Panel.Keyboard, "jianyi", "建议")
			for _, l := range "yanchang" {
				test.Tap(c.Panel.Keyboard.Letter(l))
			}
		},
		"board-comment-contact": func(t *testing.T, r *rig) {
			c := boardOpenComment(t, r)
			test.Tap(c.Contact)
			tapDigits(t, c.Panel.Keypad, "138")
		},
		"board-comment-short": func(t *testing.T, r *rig) {
			c := boardOpenComment(t, r)
			test.Tap(c.Body)
			boardTypeHan(t, c.Panel.Keyboard, "hao", "好")
			test.Tap(c.Submit)
		},
		"board-thanks": func(t *testing.T, r *rig) {
			c := boardOpenComment(t, r)
			test.Tap(c.Body)
			boardTypeHan(t, c.Panel.Keyboard, "jianyi", "建议")
			test.Tap(c.Submit)
		},
	}
	sizes := []fyne.Size{{Width: 1280, Height: 800}, {Width: 1080, Height: 1920}}
	for name, setup := range screens {
		for _, elder := range []bool{false, true} {
			for _, size := range sizes {
				file := fmt.Sprintf("%s-%.0fx%.0f", name, size.Width, size.Height)
				if elder {
					file += "-elder"
				}
				t.Run(file, func(t *testing.T) {
					r := boardRig(t)
					boardStaff(t, r)
					boardComplaint(t, r)
					boardPreview(t, r)
					r.win.Resize(size)
					r.k.SetElder(elder)
					setup(t, r)
					// The test window has no painter: draw the same content on
					// a software canvas of its size.
					c := software.NewCanvas()
					c.Resize(r.win.Canvas().Size())
					c.SetContent(r.k.Content())
					relayout(r.k.Content()) // wrapped text measured at its final width
					for _, o := range r.win.Canvas().Overlays().List() {
						c.Overlays().Add(o)
					}
					img := c.Capture()
					f, err := os.Create(filepath.Join(dir, file+".png"))
					require.NoError(t, err)
					defer f.Close()
					require.NoError(t, png.Encode(f, img))
				})
			}
		}
	}
}
