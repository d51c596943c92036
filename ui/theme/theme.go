// Package theme is Bianmin's Fyne theme for a lobby touchscreen used by
// elderly residents, and for the staff desk.
//
// It embeds Fyne's default theme and overrides only what it changes: the
// embedded CJK font (package bianmin/fonts) for every text style, a light
// palette in calm government-service blue with a red accent whatever the
// system prefers, text sized for reading at arm's length, and paddings that
// make a plain widget.Button at least MinTouchTarget dp tall.
//
// New(true) gives the elder mode (长辈模式): text 1.5× larger, black on
// white, thicker and darker borders. Switch modes by setting a new theme:
//
//	app.Settings().SetTheme(theme.New(elder))
//
// All sizes are in Fyne's device-independent units (dp), so the same theme
// serves 1920×1080, 1280×800 and 1080×1920 portrait; nothing here knows
// the window's pixel size.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"bianmin/fonts"
)

// MinTouchTarget is the smallest side, in dp, of anything a resident
// touches in normal mode. SizeNameTouchTarget gives the value
// for the current mode.
const MinTouchTarget float32 = 60

// ElderTextScale is how much larger text is in elder mode (长辈模式).
const ElderTextScale float32 = 1.5

// Colour names this theme adds to Fyne's. Read them with
// fynetheme.Color(name) or Theme.Color like any built-in name.
const (
	// ColorNameAccent is the red accent for the center's name banner and
	// other sparing highlights; ColorNameOnAccent is text on it.
	ColorNameAccent   fyne.ThemeColorName = "bianmin.accent"
	ColorNameOnAccent fyne.ThemeColorName = "bianmin.onAccent"

	// Status badge backgrounds for a request or a deadline; text and icons
	// on any of them use ColorNameOnStatus.
	ColorNameStatusOK      fyne.ThemeColorName = "bianmin.statusOK"      // done, on time
	ColorNameStatusDueSoon fyne.ThemeColorName = "bianmin.statusDueSoon" // close to its time limit
	ColorNameStatusOverdue fyne.ThemeColorName = "bianmin.statusOverdue" // past its time limit
	ColorNameStatusInfo    fyne.ThemeColorName = "bianmin.statusInfo"    // neutral: received, in progress
	ColorNameOnStatus      fyne.ThemeColorName = "bianmin.onStatus"

	// ColorNameCard is the background of a tile, card or panel that sits
	// on ColorNameBackground.
	ColorNameCard fyne.ThemeColorName = "bianmin.card"
)

// Size names this theme adds to Fyne's. Read them with fynetheme.Size(name).
const (
	// SizeNameTouchTarget is the smallest side of a touchable control.
	SizeNameTouchTarget fyne.ThemeSizeName = "bianmin.touchTarget"
	// SizeNameTileWidth and SizeNameTileHeight are the minimum size of a
	// home-screen tile; six fit on 1280×800, 1920×1080 and 1080×1920.
	SizeNameTileWidth  fyne.ThemeSizeName = "bianmin.tileWidth"
	SizeNameTileHeight fyne.ThemeSizeName = "bianmin.tileHeight"
	// SizeNameTileIcon is the side of the icon on a home-screen tile.
	SizeNameTileIcon fyne.ThemeSizeName = "bianmin.tileIcon"
)

// Theme is Bianmin's fyne.Theme. Make one with New; it never changes.
type Theme struct {
	fyne.Theme // Fyne's default, for everything not overridden here

	elder  bool
	font   fyne.Resource
	colors map[fyne.ThemeColorName]color.Color
	sizes  map[fyne.ThemeSizeName]float32
}

var _ fyne.Theme = (*Theme)(nil)

// New returns the kiosk theme, in elder mode (长辈模式) if elder is true.
func New(elder bool) *Theme {
	t := &Theme{
		Theme:  fynetheme.DefaultTheme(),
		elder:  elder,
		font:   fyne.NewStaticResource(fonts.FileName, fonts.CJK),
		colors: normalColors(),
		sizes:  normalSizes(),
	}
	if elder {
		for n, c := range elderColors() {
			t.colors[n] = c
		}
		for n, s := range elderSizes() {
			t.sizes[n] = s
		}
	}
	return t
}

// Elder reports whether t is the elder-mode variant.
func (t *Theme) Elder() bool { return t.elder }

// IsElder reports whether th is a Bianmin theme in elder mode, so a screen
// can show fewer items per page: theme.IsElder(fyne.CurrentApp().Settings().Theme()).
func IsElder(th fyne.Theme) bool {
	e, ok := th.(interface{ Elder() bool }) // also a wrapper, as in tests
	return ok && e.Elder()
}

// Color returns the light palette whatever variant the system asks for: a
// lobby screen looks the same day and night.
func (t *Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := t.colors[n]; ok {
		return c
	}
	return t.Theme.Color(n, fynetheme.VariantLight)
}

// Font returns the embedded CJK font for every style except Symbol, which
// stays Fyne's (it holds the arrows and marks Fyne draws as text). The font
// has no bold or italic face and Fyne 2.7 does not synthesise one, so Bold
// and Italic text renders in the regular face: emphasise with size or
// colour.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.Theme.Font(s)
	}
	return t.font
}

// Size returns Bianmin's sizes and falls back to Fyne's for the rest.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	if s, ok := t.sizes[n]; ok {
		return s
	}
	return t.Theme.Size(n)
}
