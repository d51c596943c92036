package kiosk_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

// scan types code on the window as a keyboard-wedge scanner does, every
// key at once on the test clock, then Enter.
func (r *trackRig) scan(code string) {
	c := r.win.Canvas()
	test.TypeOnCanvas(c, code)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestScanOnHomeOpensTheResult(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.waiting(t, rc.RequestID)

	r.scan(trackBase + "/r/" + rc.Token)
	res := trackCurrent[*kiosk.TrackResult](t, r)
	assert.Equal(t, rc.RequestID, res.Tracking.RequestID)
	assert.Contains(t, r.flat(), "等待补充材料")

	// A second scan replaces the result instead of stacking another.
	depth := r.k.Nav.Depth()
	r.scan("]Q1" + rc.Token + "\r") // a scanner's symbology prefix, a bare token
	trackCurrent[*kiosk.TrackResult](t, r)
	assert.Equal(t, depth, r.k.Nav.Depth())
}

func TestScanTable(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "YB")
	cr, err := r.store.FileComplaint(t.Context(), data.NewComplaint{Channel: "kiosk", About: data.AboutOther,
		Body: "希望延长周六的办公时间"})
	require.NoError(t, err)
	tests := map[string]struct {
		code   string
		screen string // the screen opened, or "" for a message
		dialog string
	}{
		"RequestURL":     {trackBase + "/r/" + rc.Token, "result", ""},
		"RequestToken":   {rc.Token, "result", ""},
		"UpperCase":      {trackBase + "/R/" + string(toUpper(rc.Token)), "result", ""},
		"ComplaintURL":   {trackBase + "/c/" + cr.Token, "complaint", ""},
		"ComplaintToken": {cr.Token, "complaint", ""},
		"Unknown":        {"abcdefghijklmnopqrstuvwxyz", "", "未找到与该二维码对应的办件"},
		"NotOurs":        {"https://example.com/pay?id=42", "", "没有识别出这个二维码"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r.k.Reset()
			r.scan(tc.code)
			switch tc.screen {
			case "result":
				assert.Equal(t, rc.RequestID, trackCurrent[*kiosk.TrackResult](t, r).Tracking.RequestID)
			case "complaint":
				assert.Equal(t, cr.Code, trackCurrent[*kiosk.ComplaintView](t, r).Complaint.Code)
			default:
				assert.Equal(t, 1, r.k.Nav.Depth())
				assert.Contains(t, r.dialogText(), tc.dialog)
			}
		})
	}
}

func toUpper(s string) []rune {
	out := []rune(s)
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return out
}

func TestScanSlowTypingIsNotAScan(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	c := r.win.Canvas()
	for _, ch := range rc.Token {
		*r.now = r.now.Add(200 * time.Millisecond)
		c.OnTypedRune()(ch)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, 1, r.k.Nav.Depth(), "typed by a person: nothing opens")
}

func TestScansCountTowardTheThrottle(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	for i := 0; i < 3; i++ {
		r.scan("abcdefghijklmnopqrstuvwxy" + string(rune('a'+i)))
	}
	assert.Len(t, r.win.Canvas().Overlays().List(), 1, "one message at a time")
	assert.Equal(t, 10*time.Second, r.tracker.Throttle.Wait())

	r.scan(rc.Token)
	assert.Equal(t, 1, r.k.Nav.Depth(), "even a good scan waits")
	assert.Contains(t, r.dialogText(), "10秒后再试")
	r.closeDialogs()

	*r.now = r.now.Add(10 * time.Second)
	r.scan(rc.Token)
	trackCurrent[*kiosk.TrackResult](t, r)
}

// TestScanIntoAFocusedField: while a field of a lookup form has the focus,
// the scan reaches the scanner through the field, which keeps what it had.
func TestScanIntoAFocusedField(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := trackCurrent[*kiosk.Track](t, r)
	test.Tap(s.Form.Code)
	test.Type(s.Form.Code, "AC")
	require.Equal(t, "AC", s.Form.Code.Text)
	*r.now = r.now.Add(time.Second) // a person's pause before the scan

	test.Type(s.Form.Code, trackBase+"/r/"+rc.Token)
	s.Form.Code.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	trackCurrent[*kiosk.TrackResult](t, r)
	assert.Equal(t, "AC", s.Form.Code.Text, "the scan did not land in the field")
}

// TestScanOnTheRatingScreen: a screen that asks for a receipt takes the
// scan itself.
func TestScanOnTheRatingScreen(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.finish(t, rc.RequestID)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
	trackCurrent[*kiosk.RateLookup](t, r)
	r.scan(trackBase + "/r/" + rc.Token)
	assert.Equal(t, rc.RequestID, trackCurrent[*kiosk.Rate](t, r).Tracking.RequestID)
}

// TestScanThatStalls: a scanner that stops mid-code (no Enter) types
// nothing into the focused field and the kiosk asks for the scan again;
// the rest of the code that arrives late opens nothing.
func TestScanThatStalls(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := trackCurrent[*kiosk.Track](t, r)
	test.Tap(s.Form.Code)
	test.Type(s.Form.Code, "AC")
	*r.now = r.now.Add(time.Second) // a person's pause before the scan

	url := trackBase + "/r/" + rc.Token
	test.Type(s.Form.Code, url[:20]) // then the scanner stalls
	*r.now = r.now.Add(200 * time.Millisecond)
	r.timers.Fire()
	assert.Equal(t, "AC", s.Form.Code.Text, "nothing of the broken scan stays in the field")
	assert.Contains(t, r.dialogText(), "未能识别，请重新扫描")

	*r.now = r.now.Add(100 * time.Millisecond)
	test.Type(s.Form.Code, url[20:])
	s.Form.Code.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, "AC", s.Form.Code.Text)
	trackCurrent[*kiosk.Track](t, r) // nothing opened
	r.closeDialogs()

	// Scanned again, whole: it opens.
	*r.now = r.now.Add(2 * time.Second)
	r.scan(url)
	trackCurrent[*kiosk.TrackResult](t, r)
}
