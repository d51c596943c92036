package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/locale"
)

// TestEnglishHomeTileTitlesShowWhole: on the 1280×800 screen every home
// tile's English title shows whole; "Complaints and suggestions" was cut
// to "Complaints and sugg…".
func TestEnglishHomeTileTitlesShowWhole(t *testing.T) {
	r := newTrackRigIn(t, locale.English, nil)
	r.settle()
	require.NotEmpty(t, r.k.Home.Tiles)
	checkTileTitles(t, r, "normal")
	r.k.SetElder(true)
	r.settle()
	checkTileTitles(t, r, "elder")
}

func checkTileTitles(t *testing.T, r *trackRig, mode string) {
	t.Helper()
	for f, tile := range r.k.Home.Tiles {
		var title *fitlabel.Label
		for _, o := range test.WidgetRenderer(tile).Objects() {
			if l, ok := o.(*fitlabel.Label); ok {
				title = l
			}
		}
		require.NotNil(t, title, "%s has a title", f)
		assert.Equal(t, tile.Title, title.Shown(), "%s %s: the title is not cut (tile %v)", mode, f, tile.Size())
	}
}
