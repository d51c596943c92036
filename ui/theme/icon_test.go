package theme

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// opaque counts the picture's pixels that are drawn, and the colour of
// the most opaque one.
func opaque(pic image.Image) (n int, strongest color.NRGBA) {
	b := pic.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(pic.At(x, y)).(color.NRGBA)
			if c.A > 0 {
				n++
			}
			if c.A > strongest.A {
				strongest = c
			}
		}
	}
	return n, strongest
}

func TestDrawIconDrawsTheIconInTheColourAtTwiceTheSize(t *testing.T) {
	test.NewTempApp(t)
	th := New(false)
	test.ApplyTheme(t, th)
	img := &canvas.Image{}
	DrawIcon(img, fynetheme.HomeIcon(), fynetheme.ColorNamePrimary, 32)

	require.NotNil(t, img.Image)
	assert.Nil(t, img.Resource, "a picture, not a resource Fyne would decode again")
	assert.Equal(t, image.Rect(0, 0, 64, 64), img.Image.Bounds())
	n, c := opaque(img.Image)
	assert.Greater(t, n, 64*64/10, "the house is drawn")
	want := color.NRGBAModel.Convert(th.Color(fynetheme.ColorNamePrimary, fynetheme.VariantLight)).(color.NRGBA)
	assert.Equal(t, want.R, c.R)
	assert.Equal(t, want.G, c.G)
	assert.Equal(t, want.B, c.B)

	// The same icon, colour and size again: the same picture, not drawn
	// again; another colour: another picture.
	other := &canvas.Image{}
	DrawIcon(other, fynetheme.HomeIcon(), fynetheme.ColorNamePrimary, 32)
	assert.Same(t, img.Image, other.Image)
	DrawIcon(other, fynetheme.HomeIcon(), fynetheme.ColorNameForeground, 32)
	assert.NotSame(t, img.Image, other.Image)

	DrawIcon(other, nil, fynetheme.ColorNameForeground, 32)
	assert.Nil(t, other.Image, "no icon clears it")
}

func TestDrawIconKeepsAWideIconsAspect(t *testing.T) {
	test.NewTempApp(t)
	wide := fyne.NewStaticResource("wide.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#000"/></svg>`))
	img := &canvas.Image{}
	DrawIcon(img, wide, fynetheme.ColorNameForeground, 20)
	assert.Equal(t, image.Rect(0, 0, 40, 20), img.Image.Bounds())
}

// An Icon widget refreshed and laid out again does not decode its SVG
// again: it allocates next to nothing (a widget.Icon decodes it at each
// refresh of its image).
func TestIconRefreshDoesNotDecodeAgain(t *testing.T) {
	test.NewTempApp(t)
	ic := NewIcon(fynetheme.SearchIcon())
	w := test.NewTempWindow(t, ic)
	w.Resize(fyne.NewSize(48, 48))
	r := test.WidgetRenderer(ic)
	img := r.Objects()[0].(*canvas.Image)
	require.NotNil(t, img.Image)

	allocs := testing.AllocsPerRun(20, func() {
		ic.Refresh()
		img.Refresh()
		r.Layout(fyne.NewSize(48, 48))
	})
	assert.Less(t, allocs, 50.0, "no SVG decoding on refresh")
	assert.Equal(t, fyne.NewSquareSize(fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameInlineIcon)), ic.MinSize())
}

// A themed resource in another colour keeps it, as in widget.Icon.
func TestIconTakesAThemedResourcesColour(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, New(false))
	ic := NewIcon(fynetheme.NewColoredResource(fynetheme.HomeIcon(), fynetheme.ColorNameError))
	w := test.NewTempWindow(t, ic)
	w.Resize(fyne.NewSize(48, 48))
	img := test.WidgetRenderer(ic).Objects()[0].(*canvas.Image)
	_, c := opaque(img.Image)
	want := color.NRGBAModel.Convert(fyne.CurrentApp().Settings().Theme().Color(fynetheme.ColorNameError, fynetheme.VariantLight)).(color.NRGBA)
	assert.Equal(t, [3]uint8{want.R, want.G, want.B}, [3]uint8{c.R, c.G, c.B})
}

// A button with a PictureIcon shows the icon's picture, in the colour, and
// its refreshes decode no SVG.
func TestPictureIconOnAButton(t *testing.T) {
	test.NewTempApp(t)
	th := New(false)
	test.ApplyTheme(t, th)
	b := widget.NewButtonWithIcon("修改", PictureIcon(fynetheme.DocumentCreateIcon(), fynetheme.ColorNameForeground), nil)
	w := test.NewTempWindow(t, b)
	w.Resize(fyne.NewSize(200, 80))
	var img *canvas.Image
	for _, o := range test.WidgetRenderer(b).Objects() {
		if i, ok := o.(*canvas.Image); ok {
			img = i
		}
	}
	require.NotNil(t, img)
	require.NotNil(t, img.Image, "the picture, decoded from the resource")
	side := int(2 * th.Size(fynetheme.SizeNameInlineIcon))
	assert.Equal(t, image.Rect(0, 0, side, side), img.Image.Bounds())
	_, c := opaque(img.Image)
	want := color.NRGBAModel.Convert(th.Color(fynetheme.ColorNameForeground, fynetheme.VariantLight)).(color.NRGBA)
	assert.Equal(t, [3]uint8{want.R, want.G, want.B}, [3]uint8{c.R, c.G, c.B})

	svg := widget.NewButtonWithIcon("修改", fynetheme.DocumentCreateIcon(), nil)
	test.NewTempWindow(t, svg).Resize(fyne.NewSize(200, 80))
	ours := testing.AllocsPerRun(10, b.Refresh)
	fynes := testing.AllocsPerRun(10, svg.Refresh)
	assert.Less(t, ours*3, fynes, "a refresh without decoding an SVG: %v allocations, Fyne's %v", ours, fynes)
}
