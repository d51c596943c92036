package kiosk_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/paper/papertest"
)

// fitsWidth checks that the kiosk's content asks for no more width than a
// 1280 px full-screen window gives it (the canvas less the window's
// padding): a wider minimum makes the real window grow past the screen and
// clips its right edge, which the test canvas does not show.
func fitsWidth(t *testing.T, k *kiosk.Kiosk, win fyne.Window, screen string) {
	t.Helper()
	room := win.Canvas().Size().Width
	if win.Padded() {
		room -= 2 * fynetheme.Padding()
	}
	assert.LessOrEqualf(t, k.Content().MinSize().Width, room, "%s asks for more than the screen's width", screen)
}

func TestEveryScreenFitsTheWidth(t *testing.T) {
	for _, elder := range []bool{false, true} {
		t.Run(fmt.Sprintf("elder=%v", elder), func(t *testing.T) {
			t.Run("guides", func(t *testing.T) {
				r := newRigWith(t, kiosk.Options{Speaker: &fakeSpeaker{available: true}}, sampleCatalog(t))
				r.k.SetElder(elder)
				fitsWidth(t, r.k, r.win, "home")
				test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
				g := current[*kiosk.Guides](t, r)
				test.Tap(g.Search)
				require.NotNil(t, g.Panel.Active())
				fitsWidth(t, r.k, r.win, "guides with the keyboard")
				for _, name := range []string{"城乡居民基本养老保险参保登记", "最低生活保障申请"} {
					openGuide(t, r, name)
					fitsWidth(t, r.k, r.win, "guide "+name)
				}
			})
			t.Run("register", func(t *testing.T) {
				r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
				r.k.SetElder(elder)
				rv := regFillDB(t, r, func(screen string) { fitsWidth(t, r.k, r.win, screen) })
				fitsWidth(t, r.k, r.win, "review")
				test.Tap(rv.SubmitButton)
				regAt[*kiosk.RegisterReceipt](t, r)
				fitsWidth(t, r.k, r.win, "receipt")
				d := regOpenGuide(t, r, "高龄津贴申领")
				test.Tap(d.RegisterButton)
				r.step(t, kiosk.RegisterConsent)
				fitsWidth(t, r.k, r.win, "consent after a guide")
			})
			t.Run("track", func(t *testing.T) {
				r := newTrackRig(t, nil)
				r.k.SetElder(elder)
				rc := r.register(t, "DB")
				test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
				s := trackCurrent[*kiosk.Track](t, r)
				test.Tap(s.Form.Number)
				fitsWidth(t, r.k, r.win, "tracking with the keypad")
				typeReceipt(t, s.Form, rc.ReceiptNo, rc.QueryCode)
				trackCurrent[*kiosk.TrackResult](t, r)
				fitsWidth(t, r.k, r.win, "tracking result")

				r.k.Nav.Home()
				test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
				test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutWindow])
				test.Tap(trackCurrent[*kiosk.ComplainWindow](t, r).Tiles[1])
				body := trackCurrent[*kiosk.ComplainBody](t, r)
				test.Tap(body.Body)
				fitsWidth(t, r.k, r.win, "complaint with the keyboard")

				r.finish(t, rc.RequestID)
				r.k.Nav.Home()
				test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
				typeReceipt(t, trackCurrent[*kiosk.RateLookup](t, r).Form, rc.ReceiptNo, rc.QueryCode)
				trackCurrent[*kiosk.Rate](t, r)
				fitsWidth(t, r.k, r.win, "rating")
			})
		})
	}
}

// TestReceiptFitsTheHeight: the receipt asks for no more height than a
// 1280×800 screen has, in elder mode too. There it asked for 805 px (the
// QR code's 300 px least and its hint under the large header and footer),
// and the real window, which cannot grow past the screen, drew the
// bottom 800 px: the header lost its top. The QR code stays large enough
// to read off the screen.
func TestReceiptFitsTheHeight(t *testing.T) {
	for _, elder := range []bool{false, true} {
		t.Run(fmt.Sprintf("elder=%v", elder), func(t *testing.T) {
			r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
			r.k.SetElder(elder)
			rc := regReceipt(t, r)
			room := r.win.Canvas().Size().Height
			if r.win.Padded() {
				room -= 2 * fynetheme.Padding()
			}
			assert.LessOrEqual(t, r.k.Content().MinSize().Height, room)
			require.NotNil(t, rc.QR)
			assert.GreaterOrEqual(t, rc.QR.Size().Width, float32(260))
			assert.Equal(t, rc.TrackURL, papertest.QR(t, r.win.Canvas().Capture()), "the QR code reads off the screen")
		})
	}
}
