package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// TestShellSlimsWhileKeysAreOpen: on a short landscape window the open
// keys leave the header one line and no title bar, so that elder mode's
// shell, keys and field fit in 800 px; the bars come back when the keys
// close, and a portrait screen keeps them.
func TestShellSlimsWhileKeysAreOpen(t *testing.T) {
	tests := map[string]struct {
		size fyne.Size
		slim bool
	}{
		"landscape": {fyne.NewSize(1280, 800), true},
		"portrait":  {fyne.NewSize(1080, 1920), false},
		"fullHD":    {fyne.NewSize(1920, 1080), false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newTrackRig(t, nil)
			r.win.Resize(tc.size)
			r.k.SetElder(true)
			test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
			s := trackCurrent[*kiosk.Track](t, r)
			full := r.k.Content().MinSize().Height
			assert.False(t, r.k.Slim(), "no keys open yet")

			test.Tap(s.Form.Number)
			require.NotNil(t, s.Form.Panel.Active())
			assert.Equal(t, tc.slim, r.k.Slim())
			open := r.k.Content().MinSize() // the driver asks, and the shell follows
			assert.Equal(t, !tc.slim, r.k.Header.Date.Visible())
			assert.Equal(t, !tc.slim, r.k.Header.Hours.Visible())
			assert.True(t, r.k.Header.Clock.Visible(), "the time stays")
			if tc.slim {
				room := tc.size.Height - 2*fynetheme.Padding()
				assert.LessOrEqual(t, open.Height, room, "shell, keypad and form fit the screen's height")
				assert.Less(t, open.Height-s.Form.Panel.MinSize().Height, full, "the shell gave room back")
			}

			r.k.Nav.Back()
			r.k.Content().MinSize()
			assert.False(t, r.k.Slim())
			assert.True(t, r.k.Header.Date.Visible(), "the bars come back")
		})
	}
}

// TestRegisterNameStepFitsInElderMode: the name step of a registration,
// keyboard open, in elder mode at 1280×800, asks for no more than the
// screen.
func TestRegisterNameStepFitsInElderMode(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	r.k.SetElder(true)
	checked := false
	regFillDB(t, r, func(screen string) {
		s, ok := r.k.Nav.Current().(*kiosk.RegisterStep)
		if !ok || s.Panel == nil || s.Panel.Active() == nil {
			return
		}
		assert.Truef(t, r.k.Slim(), "%s: keys open", screen)
		room := r.win.Canvas().Size().Height - 2*fynetheme.Padding()
		assert.LessOrEqualf(t, r.k.Content().MinSize().Height, room, "%s fits the height", screen)
		checked = true
	})
	assert.True(t, checked, "some step had its keys open")
}
