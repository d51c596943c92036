package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
)

// rgb is an opaque colour from a 0xRRGGBB literal.
func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// rgba is a colour from a 0xRRGGBB literal and an alpha.
func rgba(hex uint32, a uint8) color.NRGBA {
	c := rgb(hex)
	c.A = a
	return c
}

// The palette: a calm government-service blue, a sparing Chinese red,
// near-black text on an off-white that does not glare under lobby lights.
// Every text colour has a contrast ratio of at least 7:1 (WCAG AAA) against
// the surface it is drawn on; palette_test.go checks each pair.
const (
	blue      = 0x0b4a99 // primary: buttons of high importance, links, focus
	blueDeep  = 0x083a7a // elder-mode primary
	red       = 0xa3161b // accent: the center's banner
	ink       = 0x1a1f26 // body text
	paper     = 0xf5f7fa // window background
	white     = 0xffffff
	slate     = 0x4a5361 // input borders, scroll bars
	mist      = 0xc5cfdc // separators
	green     = 0x17612f // status ok, success
	amber     = 0x7a4100 // status due soon, warning
	crimson   = 0x9b1b1b // status overdue, error
	tint      = 0xdbe5f4 // plain buttons: a pale blue that reads as "press me"
	tintDeep  = 0xc7d6ee // elder-mode plain buttons
	header    = 0xe6ecf5 // table and list headers
	grey      = 0x555555 // placeholder text
	greyLight = 0x5f6670 // disabled text
)

func normalColors() map[fyne.ThemeColorName]color.Color {
	return map[fyne.ThemeColorName]color.Color{
		fynetheme.ColorNameBackground:          rgb(paper),
		fynetheme.ColorNameForeground:          rgb(ink),
		fynetheme.ColorNameButton:              rgb(tint),
		fynetheme.ColorNameDisabledButton:      rgb(0xe4e7eb),
		fynetheme.ColorNameDisabled:            rgb(greyLight),
		fynetheme.ColorNamePlaceHolder:         rgb(grey),
		fynetheme.ColorNamePrimary:             rgb(blue),
		fynetheme.ColorNameForegroundOnPrimary: rgb(white),
		fynetheme.ColorNameHyperlink:           rgb(blue),
		fynetheme.ColorNameFocus:               rgba(blue, 0x66),
		fynetheme.ColorNameSelection:           rgba(blue, 0x40),
		fynetheme.ColorNameHover:               rgba(blue, 0x1a),
		fynetheme.ColorNamePressed:             rgba(blue, 0x40),
		fynetheme.ColorNameInputBackground:     rgb(white),
		fynetheme.ColorNameInputBorder:         rgb(slate),
		fynetheme.ColorNameHeaderBackground:    rgb(header),
		fynetheme.ColorNameMenuBackground:      rgb(white),
		fynetheme.ColorNameOverlayBackground:   rgb(white),
		fynetheme.ColorNameSeparator:           rgb(mist),
		fynetheme.ColorNameScrollBar:           rgba(slate, 0xb0),
		fynetheme.ColorNameScrollBarBackground: rgb(0xe1e6ed),
		fynetheme.ColorNameShadow:              rgba(0x000000, 0x33),
		fynetheme.ColorNameError:               rgb(crimson),
		fynetheme.ColorNameForegroundOnError:   rgb(white),
		fynetheme.ColorNameSuccess:             rgb(green),
		fynetheme.ColorNameForegroundOnSuccess: rgb(white),
		fynetheme.ColorNameWarning:             rgb(amber),
		fynetheme.ColorNameForegroundOnWarning: rgb(white),

		ColorNameAccent:        rgb(red),
		ColorNameOnAccent:      rgb(white),
		ColorNameStatusOK:      rgb(green),
		ColorNameStatusDueSoon: rgb(amber),
		ColorNameStatusOverdue: rgb(crimson),
		ColorNameStatusInfo:    rgb(blue),
		ColorNameOnStatus:      rgb(white),
		ColorNameCard:          rgb(white),
	}
}

// elderColors are the changes for elder mode: black on white, darker
// primary, borders and separators that show clearly.
func elderColors() map[fyne.ThemeColorName]color.Color {
	return map[fyne.ThemeColorName]color.Color{
		fynetheme.ColorNameBackground:          rgb(white),
		fynetheme.ColorNameForeground:          rgb(0x000000),
		fynetheme.ColorNameButton:              rgb(tintDeep),
		fynetheme.ColorNameDisabled:            rgb(0x4d4d4d),
		fynetheme.ColorNamePlaceHolder:         rgb(0x404040),
		fynetheme.ColorNamePrimary:             rgb(blueDeep),
		fynetheme.ColorNameHyperlink:           rgb(blueDeep),
		fynetheme.ColorNameFocus:               rgba(blueDeep, 0x80),
		fynetheme.ColorNameInputBorder:         rgb(ink),
		fynetheme.ColorNameInputBackground:     rgb(0xf2f5fa), // tinted, to stand out on white
		fynetheme.ColorNameSeparator:           rgb(0x6b7585),
		fynetheme.ColorNameScrollBar:           rgba(ink, 0xc0),
		fynetheme.ColorNameHeaderBackground:    rgb(0xdde5f2),
		fynetheme.ColorNameScrollBarBackground: rgb(0xd5dbe3),
		ColorNameStatusInfo:                    rgb(blueDeep),
		ColorNameCard:                          rgb(0xf2f5fa),
	}
}
