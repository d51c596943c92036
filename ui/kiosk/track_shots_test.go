//go:build shots

package kiosk_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/kiosk"
)

// TestTrackScreenshots renders the tracking, complaint and rating screens
// to PNG files in $BIANMIN_SHOTS/track for a person to look at (make shots).
func TestTrackScreenshots(t *testing.T) {
	dir := shots.Need(t, "track")
	openTrack := func(t *testing.T, r *trackRig) *kiosk.Track {
		test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
		r.settle()
		return trackCurrent[*kiosk.Track](t, r)
	}
	waitingResult := func(t *testing.T, r *trackRig) {
		rc := r.register(t, "DB")
		r.waiting(t, rc.RequestID)
		r.scan(rc.Token)
	}
	body := func(t *testing.T, r *trackRig) *kiosk.ComplainBody {
		test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
		test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutWindow])
		test.Tap(trackCurrent[*kiosk.ComplainWindow](t, r).Tiles[0])
		r.settle()
		return trackCurrent[*kiosk.ComplainBody](t, r)
	}
	rate := func(t *testing.T, r *trackRig) *kiosk.Rate {
		rc := r.register(t, "JZZ")
		r.finish(t, rc.RequestID)
		r.scan(rc.Token)
		test.Tap(trackCurrent[*kiosk.TrackResult](t, r).RateButton)
		r.settle()
		return trackCurrent[*kiosk.Rate](t, r)
	}
	screens := map[string]func(t *testing.T, r *trackRig){
		"track": func(t *testing.T, r *trackRig) { openTrack(t, r) },
		"track-keypad": func(t *testing.T, r *trackRig) {
			s := openTrack(t, r)
			test.Tap(s.Form.Number)
			tapDigits(t, s.Form.Panel.Keypad, "20260305")
		},
		"track-keyboard": func(t *testing.T, r *trackRig) {
			s := openTrack(t, r)
			test.Tap(s.Form.Number)
			tapDigits(t, s.Form.Panel.Keypad, "202603050001")
			test.Tap(s.Form.Panel.Keypad.Done)
			tapCode(t, s.Form.Panel.Keyboard, "AC3")
		},
		"track-throttled": func(t *testing.T, r *trackRig) {
			s := openTrack(t, r)
			for i := 0; i < 3; i++ {
				typeReceipt(t, s.Form, "WY-20260305-0009", "ACDEFH")
			}
		},
		"result":     waitingResult,
		"result-top": waitingResult,
		"result-finished": func(t *testing.T, r *trackRig) {
			rc := r.register(t, "JZZ")
			r.finish(t, rc.RequestID)
			r.scan(rc.Token)
		},
		"complain": func(t *testing.T, r *trackRig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
		},
		"complain-staff": func(t *testing.T, r *trackRig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
			test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutStaff])
		},
		"complain-window": func(t *testing.T, r *trackRig) {
			test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
			test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutWindow])
		},
		"complain-body": func(t *testing.T, r *trackRig) {
			s := body(t, r)
			test.Tap(s.Body)
			tapPinyin(t, s.Panel.Keyboard, "deng", "le")
			for _, c := range "bantian" {
				test.Tap(s.Panel.Keyboard.Letter(c))
			}
		},
		"complain-contact": func(t *testing.T, r *trackRig) {
			s := body(t, r)
			s.Body.SetText("排队等了半个小时，窗口一直没有人")
			test.Tap(s.Next)
			c := trackCurrent[*kiosk.ComplainContact](t, r)
			r.settle()
			test.Tap(c.Phone)
			tapDigits(t, c.Panel.Keypad, "139")
		},
		"complain-review": func(t *testing.T, r *trackRig) {
			s := body(t, r)
			s.Body.SetText("排队等了半个小时，窗口一直没有人")
			test.Tap(s.Next)
			c := trackCurrent[*kiosk.ComplainContact](t, r)
			c.Name.SetText("王芳")
			c.Phone.SetText("13900001112")
			test.Tap(c.Next)
		},
		"complain-done": func(t *testing.T, r *trackRig) {
			s := body(t, r)
			s.Body.SetText("排队等了半个小时，窗口一直没有人")
			test.Tap(s.Next)
			test.Tap(trackCurrent[*kiosk.ComplainContact](t, r).Anonymous)
			test.Tap(trackCurrent[*kiosk.ComplainReview](t, r).Submit)
		},
		"complaint-view": func(t *testing.T, r *trackRig) {
			cr, err := r.store.FileComplaint(t.Context(), data.NewComplaint{Channel: "kiosk", About: data.AboutOther,
				Body: "大厅的座椅太少了"})
			require.NoError(t, err)
			r.scan(trackBase + "/c/" + cr.Token)
		},
		"rate": func(t *testing.T, r *trackRig) {
			s := rate(t, r)
			test.Tap(s.Levels[data.RatingBad])
		},
		"rate-keyboard": func(t *testing.T, r *trackRig) {
			s := rate(t, r)
			test.Tap(s.Levels[data.RatingVeryBad])
			test.Tap(s.Reason)
			tapPinyin(t, s.Panel.Keyboard, "tai", "man")
		},
		"rate-thanks": func(t *testing.T, r *trackRig) {
			s := rate(t, r)
			test.Tap(s.Levels[data.RatingVeryGood])
			test.Tap(s.Submit)
		},
		"scan-notfound": func(t *testing.T, r *trackRig) {
			r.scan("abcdefghijklmnopqrstuvwxyz")
		},
	}
	scrollDown := map[string]bool{"result": true}
	sizes := []fyne.Size{{Width: 1280, Height: 800}, {Width: 1080, Height: 1920}}
	for name, setup := range screens {
		for _, elder := range []bool{false, true} {
			for _, size := range sizes {
				suffix := ""
				if elder {
					suffix = "-elder"
				}
				t.Run(fmt.Sprintf("%s%s-%.0fx%.0f", name, suffix, size.Width, size.Height), func(t *testing.T) {
					r := newTrackRig(t, nil)
					r.win.Resize(size)
					if elder {
						r.k.SetElder(true)
					}
					setup(t, r)
					r.settle()
					if scrollDown[name] {
						if res, ok := r.k.Nav.Current().(*kiosk.TrackResult); ok {
							if s, ok := res.Content().(interface{ ScrollToBottom() }); ok {
								s.ScrollToBottom()
							}
						}
					}
					f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s%s-%.0fx%.0f.png", name, suffix, size.Width, size.Height)))
					require.NoError(t, err)
					defer f.Close()
					require.NoError(t, png.Encode(f, r.capture()))
				})
			}
		}
	}
}
