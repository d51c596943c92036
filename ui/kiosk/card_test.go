package kiosk

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	bmtheme "bianmin/ui/theme"
)

func TestOnCardDrawsTheThemesCardWithABorderAroundPaddedContent(t *testing.T) {
	app := test.NewTempApp(t)
	app.Settings().SetTheme(bmtheme.New(false))
	th, v := app.Settings().Theme(), app.Settings().ThemeVariant()
	label := widget.NewLabel("受理编号")

	c, ok := onCard(label).(*fyne.Container)
	require.True(t, ok)
	require.Len(t, c.Objects, 2)
	bg, ok := c.Objects[0].(*canvas.Rectangle)
	require.True(t, ok, "the card's background comes first")
	assert.Equal(t, th.Color(bmtheme.ColorNameCard, v), bg.FillColor)
	assert.Equal(t, th.Color(fynetheme.ColorNameSeparator, v), bg.StrokeColor)
	assert.Equal(t, float32(2), bg.StrokeWidth)
	assert.Equal(t, th.Size(fynetheme.SizeNameInputRadius)*1.5, bg.CornerRadius)
	padded, ok := c.Objects[1].(*fyne.Container)
	require.True(t, ok)
	assert.Equal(t, []fyne.CanvasObject{label}, padded.Objects)
	assert.Greater(t, c.MinSize().Width, label.MinSize().Width, "the content sits inside padding")
}

func TestOnCardFallsBackToTheInputBackgroundWithoutACardColour(t *testing.T) {
	app := test.NewTempApp(t) // Fyne's test theme has no Bianmin card colour
	th, v := app.Settings().Theme(), app.Settings().ThemeVariant()
	require.True(t, isTransparent(th.Color(bmtheme.ColorNameCard, v)))

	bg := onCard(widget.NewLabel("x")).(*fyne.Container).Objects[0].(*canvas.Rectangle)
	assert.Equal(t, th.Color(fynetheme.ColorNameInputBackground, v), bg.FillColor)
}

func TestCardBackgroundTakesItsBorderAndCorners(t *testing.T) {
	app := test.NewTempApp(t)
	app.Settings().SetTheme(bmtheme.New(false))
	th := app.Settings().Theme()

	bg := cardBackground(1, 1) // a key fact's small card
	assert.Equal(t, float32(1), bg.StrokeWidth)
	assert.Equal(t, th.Size(fynetheme.SizeNameInputRadius), bg.CornerRadius)
	assert.Equal(t, th.Color(bmtheme.ColorNameCard, app.Settings().ThemeVariant()), bg.FillColor)
}
