package fonts

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"
)

// TestCJKFont checks what Fyne and fpdf need of the embedded font: one
// TrueType font (not a collection, glyf outlines) with glyphs for Chinese,
// Latin letters and digits, and full-width punctuation.
func TestCJKFont(t *testing.T) {
	require.Equal(t, []byte{0, 1, 0, 0}, CJK[:4], "a TrueType font with glyf outlines, not OTTO or ttcf")
	f, err := sfnt.Parse(CJK)
	require.NoError(t, err)
	var buf sfnt.Buffer
	for _, r := range "0123456789AZaz便民服务居住证办事指南镕喆，。（）：“”·—" {
		i, err := f.GlyphIndex(&buf, r)
		require.NoError(t, err)
		assert.NotZero(t, i, "no glyph for %q", r)
	}
	name, err := f.Name(&buf, sfnt.NameIDFamily)
	require.NoError(t, err)
	assert.Equal(t, "WenQuanYi Micro Hei", name)
}
