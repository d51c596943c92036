package theme

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/fonts"
)

var modes = map[string]bool{"Normal": false, "Elder": true}

func TestTouchTargets(t *testing.T) {
	targets := map[string]func() fyne.Widget{
		"Button":     func() fyne.Widget { return widget.NewButton("办事指南", nil) },
		"IconButton": func() fyne.Widget { return widget.NewButtonWithIcon("", fynetheme.HomeIcon(), nil) },
		"Entry":      func() fyne.Widget { return widget.NewEntry() },
		"Check":      func() fyne.Widget { return widget.NewCheck("同意", nil) },
		"Select":     func() fyne.Widget { return widget.NewSelect([]string{"是", "否"}, nil) },
		"ListRow": func() fyne.Widget {
			return widget.NewList(func() int { return 1 },
				func() fyne.CanvasObject { return widget.NewLabel("居住证") },
				func(widget.ListItemID, fyne.CanvasObject) {})
		},
	}
	for mode, elder := range modes {
		for name, build := range targets {
			t.Run(mode+"/"+name, func(t *testing.T) {
				test.NewTempApp(t)
				th := New(elder)
				test.ApplyTheme(t, th)
				minSide := th.Size(SizeNameTouchTarget)
				require.GreaterOrEqual(t, minSide, MinTouchTarget)

				size := build().MinSize()
				assert.GreaterOrEqual(t, size.Height, minSide, "height")
				assert.GreaterOrEqual(t, size.Width, minSide, "width")
			})
		}
	}
}

func TestElderText(t *testing.T) {
	normal, elder := New(false), New(true)
	for _, n := range []fyne.ThemeSizeName{
		fynetheme.SizeNameText,
		fynetheme.SizeNameHeadingText,
		fynetheme.SizeNameSubHeadingText,
		fynetheme.SizeNameCaptionText,
	} {
		t.Run(string(n), func(t *testing.T) {
			assert.GreaterOrEqual(t, elder.Size(n)/normal.Size(n), ElderTextScale)
		})
	}
	t.Run("LobbySizes", func(t *testing.T) {
		assert.InDelta(t, 21, normal.Size(fynetheme.SizeNameText), 1, "body text ~20-22 dp")
		assert.Greater(t, normal.Size(fynetheme.SizeNameSubHeadingText), normal.Size(fynetheme.SizeNameText))
		assert.Greater(t, normal.Size(fynetheme.SizeNameHeadingText), normal.Size(fynetheme.SizeNameSubHeadingText))
		assert.GreaterOrEqual(t, normal.Size(fynetheme.SizeNameCaptionText), float32(16), "caption still readable")
	})
}

func TestElderContrast(t *testing.T) {
	normal, elder := New(false), New(true)
	text := func(th fyne.Theme) float64 {
		return contrast(th.Color(fynetheme.ColorNameForeground, fynetheme.VariantLight),
			th.Color(fynetheme.ColorNameBackground, fynetheme.VariantLight))
	}
	border := func(th fyne.Theme) float64 {
		return contrast(th.Color(fynetheme.ColorNameInputBorder, fynetheme.VariantLight),
			th.Color(fynetheme.ColorNameInputBackground, fynetheme.VariantLight))
	}
	assert.Greater(t, text(elder), text(normal), "darker text")
	assert.Greater(t, border(elder), border(normal), "darker borders")
	for _, n := range []fyne.ThemeSizeName{fynetheme.SizeNameInputBorder, fynetheme.SizeNameSeparatorThickness} {
		assert.Greater(t, elder.Size(n), normal.Size(n), "thicker %s", n)
	}
}

func TestFont(t *testing.T) {
	th := New(false)
	styles := map[string]fyne.TextStyle{
		"Regular":    {},
		"Bold":       {Bold: true},
		"Italic":     {Italic: true},
		"BoldItalic": {Bold: true, Italic: true},
		"Monospace":  {Monospace: true},
	}
	for name, style := range styles {
		t.Run(name, func(t *testing.T) {
			res := th.Font(style)
			require.NotNil(t, res)
			assert.Equal(t, fonts.FileName, res.Name())
			assert.Equal(t, fonts.CJK, res.Content())
		})
	}
	t.Run("SymbolStaysFyne", func(t *testing.T) {
		assert.Equal(t, fynetheme.DefaultSymbolFont(), th.Font(fyne.TextStyle{Symbol: true}))
	})
}

// TestBoldRenders draws bold and italic Chinese with the regular-only font:
// Fyne must fall back to the regular face, not crash or draw nothing.
func TestBoldRenders(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, New(false))
	bold := widget.NewLabelWithStyle("便民服务 Bold", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	italic := widget.NewLabelWithStyle("便民服务 Italic", fyne.TextAlignLeading, fyne.TextStyle{Italic: true, Bold: true})
	w := test.NewTempWindow(t, widget.NewForm(widget.NewFormItem("", bold), widget.NewFormItem("", italic)))
	w.Resize(fyne.NewSize(400, 200))

	img := w.Canvas().Capture()
	bg := New(false).Color(fynetheme.ColorNameBackground, fynetheme.VariantLight)
	assert.Greater(t, countInk(img, bg), 200, "text pixels drawn")
}

func TestForcedLight(t *testing.T) {
	for mode, elder := range modes {
		t.Run(mode, func(t *testing.T) {
			th := New(elder)
			for _, n := range colorNames {
				assert.Equal(t, th.Color(n, fynetheme.VariantLight), th.Color(n, fynetheme.VariantDark), "colour %s", n)
			}
			assert.Greater(t, luminance(th.Color(fynetheme.ColorNameBackground, fynetheme.VariantDark)), 0.85)
			test.AssertAllColorNamesDefined(t, th, "bianmin "+mode)
		})
	}
}

func TestCustomNames(t *testing.T) {
	for mode, elder := range modes {
		th := New(elder)
		for _, n := range []fyne.ThemeColorName{ColorNameAccent, ColorNameOnAccent, ColorNameStatusOK,
			ColorNameStatusDueSoon, ColorNameStatusOverdue, ColorNameStatusInfo, ColorNameOnStatus, ColorNameCard} {
			t.Run(mode+"/"+string(n), func(t *testing.T) {
				_, _, _, a := th.Color(n, fynetheme.VariantLight).RGBA()
				assert.Equal(t, uint32(0xffff), a, "opaque")
			})
		}
		for _, n := range []fyne.ThemeSizeName{SizeNameTouchTarget, SizeNameTileWidth, SizeNameTileHeight, SizeNameTileIcon} {
			t.Run(mode+"/"+string(n), func(t *testing.T) {
				assert.Greater(t, th.Size(n), float32(0))
			})
		}
	}
}

func TestIsElder(t *testing.T) {
	tests := map[string]struct {
		th   fyne.Theme
		want bool
	}{
		"Elder":   {New(true), true},
		"Normal":  {New(false), false},
		"NotOurs": {fynetheme.DefaultTheme(), false},
		"Nil":     {nil, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsElder(tc.th))
		})
	}
	assert.True(t, New(true).Elder())
}

// TestFallsBack checks a size and a colour this theme leaves alone come from
// Fyne's light default.
func TestFallsBack(t *testing.T) {
	test.NewTempApp(t)
	th := New(false)
	def := fynetheme.DefaultTheme()
	assert.Equal(t, def.Size(fynetheme.SizeNameWindowTitleBarHeight), th.Size(fynetheme.SizeNameWindowTitleBarHeight))
	assert.Equal(t, color.Transparent, th.Color("bianmin.noSuchColour", fynetheme.VariantLight))
}
