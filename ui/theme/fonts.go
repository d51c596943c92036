package theme

import (
	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/fontscan"
)

// LoadFonts parses, in the background, the fonts the app's theme draws
// text with, and has bold and italic text share them (ShareFaces). It
// returns a function that waits until they are in: call that before
// anything measures or draws text (before the screens are built).
//
// Why in the background: the fonts are the longest single step of a
// start, and need nothing of the window: the 1.3 MB Chinese font, Fyne's
// Latin and emoji fonts, the index of the system's fonts and a fallback
// font picked from it, 30–40 ms of one core on a 2-core kiosk PC. Parsed
// on the other core while the window and the data file are opened, the
// first frame comes about 25 ms sooner. The index (go-text's fontscan
// keeps one for the process, built once) is read in a goroutine of its
// own, as Fyne only needs it after the fonts.
//
// Call it once the language is set (the fallback font is chosen for it)
// and the app's theme too, before the app runs: a running Fyne app clears
// its font cache when the theme changes.
func LoadFonts(a fyne.App) (wait func()) {
	done := make(chan struct{})
	go func() {
		go fontscan.SystemFonts(quiet{}, "") // builds the index only; Fyne's cache folder too
		a.Driver().RenderedTextSize("便民", 17.25, fyne.TextStyle{}, nil)
		ShareFaces(a)
		close(done)
	}()
	return func() { <-done }
}

// quiet is a fontscan.Logger that says nothing: a font the index cannot
// read is Fyne's to report, when it reads the index itself.
type quiet struct{}

func (quiet) Printf(string, ...any) {}
