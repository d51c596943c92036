//go:build !migrated_fynedo

package theme

import (
	"image"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/internal/modcheck"
	"bianmin/ui/theme/themetest"
)

// TestShareFaces checks that after ShareFaces, bold and italic text (a
// button's label is bold) costs no font parse of its own, and that bold
// text is drawn with the same glyphs as regular text.
func TestShareFaces(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New(false))
	c := themetest.Use(a) // a fresh font cache, counted

	require.True(t, ShareFaces(a), "Fyne %s and its font cache as expected", fyneVersion)
	assert.Equal(t, 1, c.Fonts(), "the regular fonts, parsed once")

	w := test.NewTempWindow(t, container.NewVBox(
		widget.NewLabel("便民服务中心"),
		widget.NewButton("办事指南", nil),
		widget.NewLabelWithStyle("居住证 ABC 123", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("低保", fyne.TextAlignLeading, fyne.TextStyle{Italic: true, Bold: true}),
		widget.NewRichTextFromMarkdown("**办结**与*受理*"),
	))
	w.Resize(fyne.NewSize(400, 400))
	w.Canvas().Capture()
	assert.Equal(t, 1, c.Fonts(), "bold and italic text parsed no font of their own")

	// The same text, regular and bold, draws the same pixels.
	draw := func(s fyne.TextStyle) image.Image {
		txt := canvas.NewText("居住证 Ab1", fynetheme.Color(fynetheme.ColorNameForeground))
		txt.TextStyle = s
		txt.TextSize = 24
		w.SetContent(container.NewWithoutLayout(txt))
		txt.Resize(txt.MinSize())
		return w.Canvas().Capture()
	}
	assert.Equal(t, draw(fyne.TextStyle{}), draw(fyne.TextStyle{Bold: true}))
	assert.Equal(t, 1, c.Fonts())
}

// TestShareFacesNeeded checks that the test above would notice: without
// ShareFaces, a button parses the fonts again.
func TestShareFacesNeeded(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New(false))
	c := themetest.Use(a)
	w := test.NewTempWindow(t, container.NewVBox(widget.NewLabel("便民"), widget.NewButton("办事指南", nil)))
	w.Canvas().Capture()
	assert.Equal(t, 2, c.Fonts(), "regular and bold each parsed")
}

// TestFyneVersion checks that go.mod asks for the Fyne whose font cache
// ShareFaces was written against (a test binary cannot tell which it
// links). After an upgrade, read the new internal/painter/font.go and
// internal/async/map.go before changing fyneVersion.
func TestFyneVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	assert.True(t, modcheck.Required(mod, "fyne.io/fyne/v2", fyneVersion), "go.mod requires Fyne %s", fyneVersion)
}

// TestLoadFonts checks that the fonts LoadFonts parses in the background
// are the ones text is then measured and drawn with: no font parsed again,
// bold included.
func TestLoadFonts(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New(false))
	c := themetest.Use(a)

	LoadFonts(a)()
	assert.Equal(t, 1, c.Fonts(), "the regular fonts, parsed once")

	w := test.NewTempWindow(t, container.NewVBox(widget.NewLabel("便民服务中心"), widget.NewButton("办事指南", nil)))
	w.Canvas().Capture()
	assert.Equal(t, 1, c.Fonts(), "labels and bold buttons parsed no font of their own")
}
