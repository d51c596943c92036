package theme

import (
	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
)

// Text sizes in dp. Body text at 21 dp reads at arm's length on a lobby
// screen; elder mode multiplies every text size by ElderTextScale.
const (
	textBody       float32 = 21
	textHeading    float32 = 34
	textSubHeading float32 = 26
	textCaption    float32 = 17
)

// normalSizes: Fyne sizes most widgets from the text's line height (about
// 1.17 × the text size with the embedded font) plus two inner paddings; a
// button adds two inner paddings to the larger of its label and its inline
// icon. With 21 dp text, an inner padding of 20 and 32 dp icons a button is
// 72 dp tall, an entry, check, select or list row 64.6 dp: every standard
// control reaches MinTouchTarget (theme_test.go measures them). Elder mode
// gives 88 dp buttons and fields of about 80 dp.
func normalSizes() map[fyne.ThemeSizeName]float32 {
	return map[fyne.ThemeSizeName]float32{
		fynetheme.SizeNameText:               textBody,
		fynetheme.SizeNameHeadingText:        textHeading,
		fynetheme.SizeNameSubHeadingText:     textSubHeading,
		fynetheme.SizeNameCaptionText:        textCaption,
		fynetheme.SizeNameInnerPadding:       20,
		fynetheme.SizeNamePadding:            10,
		fynetheme.SizeNameLineSpacing:        6,
		fynetheme.SizeNameInlineIcon:         32,
		fynetheme.SizeNameInputBorder:        2,
		fynetheme.SizeNameInputRadius:        8,
		fynetheme.SizeNameSelectionRadius:    6,
		fynetheme.SizeNameSeparatorThickness: 2,
		fynetheme.SizeNameScrollBar:          20,
		fynetheme.SizeNameScrollBarSmall:     8,
		fynetheme.SizeNameScrollBarRadius:    10,

		SizeNameTouchTarget: MinTouchTarget,
		SizeNameTileWidth:   280,
		SizeNameTileHeight:  170,
		SizeNameTileIcon:    64,
	}
}

// elderSizes are the changes for elder mode: text ×1.5, and the paddings,
// icons, borders and tiles that must grow with it.
func elderSizes() map[fyne.ThemeSizeName]float32 {
	return map[fyne.ThemeSizeName]float32{
		fynetheme.SizeNameText:               textBody * ElderTextScale,
		fynetheme.SizeNameHeadingText:        textHeading * ElderTextScale,
		fynetheme.SizeNameSubHeadingText:     textSubHeading * ElderTextScale,
		fynetheme.SizeNameCaptionText:        textCaption * ElderTextScale,
		fynetheme.SizeNameInnerPadding:       22,
		fynetheme.SizeNamePadding:            12,
		fynetheme.SizeNameLineSpacing:        8,
		fynetheme.SizeNameInlineIcon:         44,
		fynetheme.SizeNameInputBorder:        3,
		fynetheme.SizeNameSeparatorThickness: 3,
		fynetheme.SizeNameScrollBar:          24,
		fynetheme.SizeNameScrollBarSmall:     10,
		fynetheme.SizeNameScrollBarRadius:    12,

		SizeNameTouchTarget: 72,
		SizeNameTileWidth:   380,
		SizeNameTileHeight:  230,
		SizeNameTileIcon:    96,
	}
}
