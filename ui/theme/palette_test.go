package theme

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
)

// colorNames are Fyne's built-in colour names and ours.
var colorNames = []fyne.ThemeColorName{
	fynetheme.ColorNameBackground, fynetheme.ColorNameButton, fynetheme.ColorNameDisabledButton,
	fynetheme.ColorNameDisabled, fynetheme.ColorNameError, fynetheme.ColorNameFocus,
	fynetheme.ColorNameForeground, fynetheme.ColorNameForegroundOnError, fynetheme.ColorNameForegroundOnPrimary,
	fynetheme.ColorNameForegroundOnSuccess, fynetheme.ColorNameForegroundOnWarning,
	fynetheme.ColorNameHeaderBackground, fynetheme.ColorNameHover, fynetheme.ColorNameHyperlink,
	fynetheme.ColorNameInputBackground, fynetheme.ColorNameInputBorder, fynetheme.ColorNameMenuBackground,
	fynetheme.ColorNameOverlayBackground, fynetheme.ColorNamePlaceHolder, fynetheme.ColorNamePressed,
	fynetheme.ColorNamePrimary, fynetheme.ColorNameScrollBar, fynetheme.ColorNameScrollBarBackground,
	fynetheme.ColorNameSelection, fynetheme.ColorNameSeparator, fynetheme.ColorNameShadow,
	fynetheme.ColorNameSuccess, fynetheme.ColorNameWarning,
	ColorNameAccent, ColorNameOnAccent, ColorNameStatusOK, ColorNameStatusDueSoon,
	ColorNameStatusOverdue, ColorNameStatusInfo, ColorNameOnStatus, ColorNameCard,
}

// TestContrast checks every text colour against each surface it is drawn on:
// at least 7:1 (WCAG AAA) for text, 4.5:1 for disabled text and 3:1 for
// borders and scroll bars (WCAG 1.4.11).
func TestContrast(t *testing.T) {
	const (
		text     = 7.0
		disabled = 4.5
		graphics = 3.0
	)
	tests := map[string]struct {
		fg, bg fyne.ThemeColorName
		min    float64
	}{
		"TextOnBackground":       {fynetheme.ColorNameForeground, fynetheme.ColorNameBackground, text},
		"TextOnCard":             {fynetheme.ColorNameForeground, ColorNameCard, text},
		"TextOnButton":           {fynetheme.ColorNameForeground, fynetheme.ColorNameButton, text},
		"TextOnInput":            {fynetheme.ColorNameForeground, fynetheme.ColorNameInputBackground, text},
		"TextOnHeader":           {fynetheme.ColorNameForeground, fynetheme.ColorNameHeaderBackground, text},
		"TextOnMenu":             {fynetheme.ColorNameForeground, fynetheme.ColorNameMenuBackground, text},
		"TextOnOverlay":          {fynetheme.ColorNameForeground, fynetheme.ColorNameOverlayBackground, text},
		"PlaceholderOnInput":     {fynetheme.ColorNamePlaceHolder, fynetheme.ColorNameInputBackground, text},
		"OnPrimary":              {fynetheme.ColorNameForegroundOnPrimary, fynetheme.ColorNamePrimary, text},
		"HyperlinkOnBackground":  {fynetheme.ColorNameHyperlink, fynetheme.ColorNameBackground, text},
		"ErrorOnBackground":      {fynetheme.ColorNameError, fynetheme.ColorNameBackground, text},
		"OnError":                {fynetheme.ColorNameForegroundOnError, fynetheme.ColorNameError, text},
		"OnSuccess":              {fynetheme.ColorNameForegroundOnSuccess, fynetheme.ColorNameSuccess, text},
		"OnWarning":              {fynetheme.ColorNameForegroundOnWarning, fynetheme.ColorNameWarning, text},
		"OnAccent":               {ColorNameOnAccent, ColorNameAccent, text},
		"OnStatusOK":             {ColorNameOnStatus, ColorNameStatusOK, text},
		"OnStatusDueSoon":        {ColorNameOnStatus, ColorNameStatusDueSoon, text},
		"OnStatusOverdue":        {ColorNameOnStatus, ColorNameStatusOverdue, text},
		"OnStatusInfo":           {ColorNameOnStatus, ColorNameStatusInfo, text},
		"DisabledOnBackground":   {fynetheme.ColorNameDisabled, fynetheme.ColorNameBackground, disabled},
		"DisabledOnButton":       {fynetheme.ColorNameDisabled, fynetheme.ColorNameDisabledButton, disabled},
		"InputBorderOnInput":     {fynetheme.ColorNameInputBorder, fynetheme.ColorNameInputBackground, graphics},
		"InputBorderOnBackgound": {fynetheme.ColorNameInputBorder, fynetheme.ColorNameBackground, graphics},
		"PrimaryOnBackground":    {fynetheme.ColorNamePrimary, fynetheme.ColorNameBackground, graphics},
		"ScrollBarOnBackground":  {fynetheme.ColorNameScrollBar, fynetheme.ColorNameScrollBarBackground, graphics},
	}
	for mode, elder := range modes {
		th := New(elder)
		for name, tc := range tests {
			t.Run(mode+"/"+name, func(t *testing.T) {
				bg := th.Color(tc.bg, fynetheme.VariantLight)
				fg := over(th.Color(tc.fg, fynetheme.VariantLight), bg)
				got := contrast(fg, bg)
				assert.GreaterOrEqual(t, got, tc.min, "%s on %s: %.2f:1", tc.fg, tc.bg, got)
			})
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG 2 relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// over composites a possibly translucent colour on an opaque background.
func over(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// countInk counts the pixels of img that differ clearly from bg.
func countInk(img image.Image, bg color.Color) int {
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			if contrast(img.At(x, y), bg) > 1.5 {
				n++
			}
		}
	}
	return n
}
