package paper

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/fonts"
)

func cjk(t testing.TB) *trueType {
	t.Helper()
	f, err := defaultFace()
	require.NoError(t, err)
	return f.(cjkFace).tt
}

func runesOf(s string) []rune {
	rs := []rune(s)
	slices.Sort(rs)
	return slices.Compact(rs)
}

func TestEmbeddedFontCoverage(t *testing.T) {
	tt := cjk(t)
	for _, r := range "便民服务受理回执查询码一次性告知0123456789ABCXYZabcxyz*（）：；，。“”√·□" {
		assert.NotZero(t, tt.glyph(r), "font lacks %q", r)
	}
	assert.Zero(t, tt.glyph('😀'))
}

// TestSubset checks the per-document font: every rune keeps its outline and
// advance, composite glyphs point at glyphs that exist, and the result parses
// again.
func TestSubset(t *testing.T) {
	tt := cjk(t)
	rs := runesOf("幸福社区便民服务室受理回执XF-20261126-0042张*三½ÀÉ（）：😀")
	sub := tt.subset(rs)
	st, err := parseTrueType("subset", sub)
	require.NoError(t, err)
	assert.Less(t, len(sub), 40_000)
	assert.Less(t, st.glyphs, 80)

	for _, r := range rs {
		g := tt.glyph(r)
		if g == 0 {
			assert.Zero(t, st.glyph(r), "rune %q not in font must not be mapped", r)
			continue
		}
		ng := st.glyph(r)
		require.NotZero(t, ng, "rune %q lost", r)
		assert.Equal(t, tt.advs[g], st.advs[ng], "advance of %q", r)
		assert.Equal(t, tt.width1k[g], st.width1k[ng])
		old, cur := tt.glyphData(g), st.glyphData(ng)
		if len(old) >= 2 && int16(binary.BigEndian.Uint16(old)) >= 0 {
			assert.Equal(t, old, bytes.TrimRight(cur, "\x00")[:len(old)], "outline of %q", r)
		}
	}
	composites := 0
	for g := 0; g < st.glyphs; g++ {
		components(st.glyphData(g), func(_ int, c int) {
			composites++
			assert.Less(t, c, st.glyphs, "component points past the subset")
			assert.NotEmpty(t, st.glyphData(c), "component %d is empty", c)
		})
	}
	assert.NotZero(t, composites, "the sample should include composite glyphs")
	assert.Equal(t, uint32(0xB1B0AFBA), checksum(sub), "whole-font checksum")
}

func TestFontInFpdf(t *testing.T) {
	// 600 distinct characters: three embedded fonts of up to 224 each.
	var gb []rune
	for r := rune(0x4E00); len(gb) < 600; r++ {
		if cjk(t).glyph(r) != 0 {
			gb = append(gb, r)
		}
	}
	tests := map[string]string{
		"Short": "受理回执 ABC 123",
		"Mixed": "申请人：张*三（尾号4578）",
		"Many":  string(gb),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := defaultFace()
			require.NoError(t, err)
			pdf := fpdf.New("P", "mm", "A4", "")
			draw, err := f.install(pdf, runesOf(text))
			require.NoError(t, err)
			pdf.AddPage()
			for i := 0; i*40 < len([]rune(text)); i++ {
				line := []rune(text)[i*40 : min(i*40+40, len([]rune(text)))]
				draw(10, 20+float64(i)*6, 10, string(line))
			}
			var buf bytes.Buffer
			require.NoError(t, pdf.Output(&buf))
			got := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), "")
			assert.Equal(t, strings.Join(strings.Fields(text), ""), got)
		})
	}
}

// Text switching between the embedded fonts keeps its size.
func TestFontSizesAcrossFonts(t *testing.T) {
	var gb []rune
	for r := rune(0x4E00); len(gb) < 300; r++ {
		if cjk(t).glyph(r) != 0 {
			gb = append(gb, r)
		}
	}
	f, err := defaultFace()
	require.NoError(t, err)
	pdf := fpdf.New("P", "mm", "A4", "")
	small := string(gb[:10])                                   // first font
	big := string(gb[:3]) + string(gb[290:]) + string(gb[3:6]) // first font, second, first
	draw, err := f.install(pdf, runesOf(small+big))
	require.NoError(t, err)
	pdf.AddPage()
	draw(10, 20, 8, small)
	draw(10, 40, 24, big)
	draw(10, 60, 8, small)
	var buf bytes.Buffer
	require.NoError(t, pdf.Output(&buf))
	box := pdfText(t, buf.Bytes(), "-bbox")
	re := regexp.MustCompile(`yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<`)
	words := re.FindAllStringSubmatch(box, -1)
	require.NotEmpty(t, words)
	for _, m := range words {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		size := 8.0
		if strings.ContainsRune(big, []rune(m[3])[0]) && y0 > 80 && y0 < 130 {
			size = 24 // the middle line, baseline at 40 mm
		}
		// poppler's box is the font's ascent to descent: about 1.2 × size
		assert.InDelta(t, 1.2, (y1-y0)/size, 0.2, "height of %q", m[3])
	}
}

func TestParseTrueTypeRejects(t *testing.T) {
	otto := append([]byte("OTTO"), make([]byte, 40)...)
	tests := map[string][]byte{
		"Empty":     nil,
		"CFF":       otto,
		"Truncated": fonts.CJK[:200],
		"Garbage":   bytes.Repeat([]byte{0, 1, 0, 0, 0xff}, 50),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := parseTrueType(name, b)
			assert.ErrorIs(t, err, errFont)
		})
	}
}

// fpdf reports a font it cannot take only at SetFont; addFont must turn
// that into an error rather than produce a PDF without text.
func TestAddFontReportsBadFont(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	err := addFont(pdf, "bad", []byte("{not json"), nil)
	assert.ErrorIs(t, err, errFont)
}

// TestPutSearchHeader: the hints of the OpenType spec (searchRange,
// entrySelector, rangeShift) for a table directory (16-byte entries) and a
// cmap format 4 subtable (2-byte segment ends).
func TestPutSearchHeader(t *testing.T) {
	for name, c := range map[string]struct {
		n, size int
		want    [3]uint16
	}{
		"OneTable":       {1, 16, [3]uint16{16, 0, 0}},
		"PowerOfTwo":     {8, 16, [3]uint16{128, 3, 0}},
		"Tables":         {11, 16, [3]uint16{128, 3, 48}},
		"SegmentsOfSpec": {39, 2, [3]uint16{64, 5, 14}},
	} {
		t.Run(name, func(t *testing.T) {
			b := make([]byte, 6)
			putSearchHeader(b, c.n, c.size)
			be := binary.BigEndian
			assert.Equal(t, c.want, [3]uint16{be.Uint16(b), be.Uint16(b[2:]), be.Uint16(b[4:])})
		})
	}
}

// TestPutSearchHeaderAsFontTools: the embedded font's own directory carries
// the hints putSearchHeader writes for its table count.
func TestPutSearchHeaderAsFontTools(t *testing.T) {
	raw := fonts.CJK
	n := int(binary.BigEndian.Uint16(raw[4:]))
	b := make([]byte, 6)
	putSearchHeader(b, n, 16)
	assert.Equal(t, raw[6:12], b)
}
