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
	"bianmin/ui/paper"
)

// TestRegisterScreenshots renders every screen of the registration flow,
// the receipt, the picker and the closed notice to PNG files for a person
// to look at, at 1280×800 and 1080×1920, in normal and elder mode. make shots
// runs it, writing into $BIANMIN_SHOTS.
func TestRegisterScreenshots(t *testing.T) {
	dir := shots.Need(t, "")
	sizes := []fyne.Size{{Width: 1280, Height: 800}, {Width: 1080, Height: 1920}}
	for _, elder := range []bool{false, true} {
		for _, size := range sizes {
			mode := "normal"
			if elder {
				mode = "elder"
			}
			name := fmt.Sprintf("%s-%.0fx%.0f", mode, size.Width, size.Height)
			t.Run(name, func(t *testing.T) {
				shot := func(r *regRig, screen string) {
					t.Helper()
					f, err := os.Create(filepath.Join(dir, fmt.Sprintf("register-%s-%s.png", name, screen)))
					require.NoError(t, err)
					defer f.Close()
					// A fresh software canvas lays everything out as a real
					// window would after the screen changed.
					c := software.NewCanvas()
					c.SetContent(r.k.Content())
					c.Resize(size)
					for _, o := range r.win.Canvas().Overlays().List() {
						c.Overlays().Add(o) // dialogs
					}
					require.NoError(t, png.Encode(f, c.Capture()))
					r.win.SetContent(r.k.Content())
					r.win.Resize(size)
				}
				r := newRegRig(t, regNow, size)
				r.k.SetElder(elder)
				test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
				shot(r, "00-picker")
				p := regAt[*kiosk.RegisterPicker](t, r)
				test.Tap(p.Search)
				regPinyin(t, p.Panel.Keyboard, "ju", "居")
				regPinyin(t, p.Panel.Keyboard, "zhu", "住")
				r.timers.Fire()
				shot(r, "00-picker-search")
				r.k.Nav.Home()
				s := regOpenDB(t, r)
				test.Tap(s.DisagreeButton)
				shot(r, "01-consent-refused")
				r.k.Reset()
				r.k.SetElder(elder)
				rv := regFillDB(t, r, func(screen string) { shot(r, screen) })
				test.Tap(rv.SubmitButton)
				shot(r, "12-receipt")
				rc := regAt[*kiosk.RegisterReceipt](t, r)
				r.printer.Err = fmt.Errorf("job: %w", errStopped())
				test.Tap(rc.PrintButton)
				shot(r, "13-receipt-print-failed")

				// A date, from a guide.
				d := regOpenGuide(t, r, "高龄津贴申领")
				test.Tap(d.RegisterButton)
				s = r.step(t, kiosk.RegisterConsent)
				test.Tap(s.NextButton)
				s = r.step(t, kiosk.RegisterField)
				regKeys(t, s.Panel.Keypad, "1948")
				test.Tap(s.Panel.Keypad.Done)
				regKeys(t, s.Panel.Keypad, "2")
				shot(r, "14-date")

				// Closed.
				*r.now = time.Date(2026, 3, 7, 10, 0, 0, 0, data.China)
				r.k.Nav.Home()
				test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
				shot(r, "15-closed")
			})
		}
	}
}

func errStopped() error { return &paper.PrintError{Kind: paper.ErrPrinterStopped} }
