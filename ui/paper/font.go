package paper

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"

	"bianmin/fonts"
)

// face is a font as the layout engine sees it: advance widths for measuring
// and a way to make itself available to one fpdf document.
type face interface {
	// advance is the width of r in thousandths of the font size, the same
	// figure fpdf uses for its own widths.
	advance(r rune) int
	// has reports whether the font can draw r.
	has(r rune) bool
	// install adds the font to pdf for the given runes (sorted, unique,
	// all drawable) and returns how to draw text with it.
	install(pdf *fpdf.Fpdf, runes []rune) (drawText, error)
}

// drawText sets text with its baseline at (x, y) mm, size points.
type drawText func(x, y, size float64, text string)

// placeholder is drawn for a character the font lacks (□, in GB2312), so a
// rare character in a name shows as a visible gap rather than overprinting
// its neighbour.
const placeholder = '□'

// trueType is a TrueType font parsed once per process. fpdf's UTF-8 font
// support parses the whole font file for every document and again when it
// writes it out; with a CJK font that is nearly the entire cost of a
// receipt. Instead each document embeds small fonts holding only the glyphs
// it uses (see subset and cjkFace.install), built from these tables in a
// fraction of a millisecond.
type trueType struct {
	name    string
	tables  map[string][]byte // raw tables, slices of the file
	upem    int
	glyphs  int
	advs    []uint16   // advance width per glyph, font units
	lsbs    []int16    // left side bearing per glyph
	loca    []uint32   // glyph offsets into glyf, glyphs+1 entries
	cmap    [][]uint16 // rune → glyph for the BMP, 256 pages of 256 (nil page: none)
	width1k []int      // advance per glyph in 1/1000 em, rounded as fpdf rounds
	desc    fontDesc   // PDF font descriptor values, 1/1000 em
}

// fontDesc is what a PDF font descriptor says about the font, in the shape
// of fpdf's FontDescType (its JSON font definition).
type fontDesc struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

var errFont = errors.New("paper: font")

// parseTrueType reads the tables the subsetter needs. It accepts only
// TrueType outlines (glyf), as fpdf does.
func parseTrueType(name string, b []byte) (*trueType, error) {
	bad := func(what string) error { return fmt.Errorf("%w %s: %s", errFont, name, what) }
	if len(b) < 12 {
		return nil, bad("file too short")
	}
	if v := binary.BigEndian.Uint32(b); v != 0x00010000 && v != 0x74727565 {
		return nil, bad("not a TrueType (glyf) font")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, bad("truncated table directory")
	}
	t := &trueType{name: name, tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, bad("table " + tag + " out of range")
		}
		t.tables[tag] = b[off : off+ln]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post", "OS/2"} {
		if t.tables[tag] == nil {
			return nil, bad("missing table " + tag)
		}
	}
	head, hhea, maxp := t.tables["head"], t.tables["hhea"], t.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, bad("short head/hhea/maxp")
	}
	t.upem = int(binary.BigEndian.Uint16(head[18:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	t.glyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if t.upem == 0 || t.glyphs == 0 || metrics == 0 || metrics > t.glyphs {
		return nil, bad("bad unitsPerEm, glyph or metric count")
	}

	hmtx := t.tables["hmtx"]
	if len(hmtx) < 4*metrics+2*(t.glyphs-metrics) {
		return nil, bad("short hmtx")
	}
	t.advs = make([]uint16, t.glyphs)
	t.lsbs = make([]int16, t.glyphs)
	t.width1k = make([]int, t.glyphs)
	scale := 1000 / float64(t.upem)
	for g := 0; g < t.glyphs; g++ {
		if g < metrics {
			t.advs[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			t.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			t.advs[g] = t.advs[metrics-1]
			t.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*metrics+2*(g-metrics):]))
		}
		t.width1k[g] = int(math.Round(scale * float64(t.advs[g])))
	}

	loca := t.tables["loca"]
	t.loca = make([]uint32, t.glyphs+1)
	for g := 0; g <= t.glyphs; g++ {
		if longLoca {
			if len(loca) < 4*(g+1) {
				return nil, bad("short loca")
			}
			t.loca[g] = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			if len(loca) < 2*(g+1) {
				return nil, bad("short loca")
			}
			t.loca[g] = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
		if g > 0 && (t.loca[g] < t.loca[g-1] || int(t.loca[g]) > len(t.tables["glyf"])) {
			return nil, bad("bad loca")
		}
	}
	if err := t.parseCmap(); err != nil {
		return nil, bad(err.Error())
	}
	t.parseDesc()
	return t, nil
}

// parseDesc fills the font descriptor the way fpdf's own TrueType parser
// does (head bbox, hhea ascender/descender, OS/2 cap height and weight).
func (t *trueType) parseDesc() {
	be := binary.BigEndian
	k := func(v uint16) int { return int(math.Round(float64(int16(v)) * 1000 / float64(t.upem))) }
	head, hhea := t.tables["head"], t.tables["hhea"]
	d := &t.desc
	d.FontBBox.Xmin, d.FontBBox.Ymin = k(be.Uint16(head[36:])), k(be.Uint16(head[38:]))
	d.FontBBox.Xmax, d.FontBBox.Ymax = k(be.Uint16(head[40:])), k(be.Uint16(head[42:]))
	d.Ascent, d.Descent = k(be.Uint16(hhea[4:])), k(be.Uint16(hhea[6:]))
	d.CapHeight = d.Ascent
	weight := 400
	if os2 := t.tables["OS/2"]; len(os2) >= 90 {
		weight = int(be.Uint16(os2[4:]))
		if be.Uint16(os2) >= 2 {
			d.CapHeight = k(be.Uint16(os2[88:]))
		}
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65, 2))
	d.Flags = 32 // nonsymbolic: glyphs are found through the encoding's names
	d.MissingWidth = t.width1k[0]
}

// parseCmap reads the Unicode BMP (format 4) subtable.
func (t *trueType) parseCmap() error {
	c := t.tables["cmap"]
	if len(c) < 4 {
		return errors.New("short cmap")
	}
	var sub []byte
	for i := 0; i < int(binary.BigEndian.Uint16(c[2:])); i++ {
		if 4+8*i+8 > len(c) {
			return errors.New("short cmap directory")
		}
		rec := c[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(c) || binary.BigEndian.Uint16(c[off:]) != 4 {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 {
			sub = c[off:]
			break
		}
	}
	if sub == nil || len(sub) < 14 {
		return errors.New("no Unicode BMP cmap (format 4)")
	}
	seg := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if len(sub) < 16+8*seg {
		return errors.New("short cmap format 4")
	}
	ends, starts := sub[14:], sub[16+2*seg:]
	deltas, ranges := sub[16+4*seg:], sub[16+6*seg:]
	t.cmap = make([][]uint16, 256)
	for s := 0; s < seg; s++ {
		end := int(binary.BigEndian.Uint16(ends[2*s:]))
		start := int(binary.BigEndian.Uint16(starts[2*s:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*s:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*s:]))
		for r := start; r <= end && r < 0xFFFF; r++ {
			var g int
			if ro == 0 {
				g = (r + delta) & 0xFFFF
			} else {
				at := 16 + 6*seg + 2*s + ro + 2*(r-start)
				if at+2 > len(sub) {
					continue
				}
				g = int(binary.BigEndian.Uint16(sub[at:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g == 0 || g >= t.glyphs {
				continue
			}
			page := t.cmap[r>>8]
			if page == nil {
				page = make([]uint16, 256)
				t.cmap[r>>8] = page
			}
			page[r&0xFF] = uint16(g)
		}
	}
	return nil
}

// glyph returns the glyph of r, 0 if the font lacks it.
func (t *trueType) glyph(r rune) int {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	if page := t.cmap[r>>8]; page != nil {
		return int(page[r&0xFF])
	}
	return 0
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// glyphData is the glyf entry of glyph g.
func (t *trueType) glyphData(g int) []byte {
	return t.tables["glyf"][t.loca[g]:t.loca[g+1]]
}

// components calls fn with the byte offset (inside the glyph) and the glyph
// index of each component of a composite glyph.
func components(data []byte, fn func(at int, g int)) {
	if len(data) < compositeHeader || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	at := compositeHeader
	for at+4 <= len(data) {
		flags := binary.BigEndian.Uint16(data[at:])
		fn(at+2, int(binary.BigEndian.Uint16(data[at+2:])))
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// subset builds a TrueType font holding .notdef, the glyphs of runes (which
// must be sorted and unique) and every component they refer to. Glyphs are
// renumbered densely; composite glyphs are patched to the new numbers. The
// result has a format 4 cmap for exactly those runes, full metrics and long
// loca, an empty name table, and the hinting tables, OS/2 and post as they
// are. Runes the font lacks are left out.
func (t *trueType) subset(runes []rune) []byte {
	// New glyph order: .notdef, then each rune's glyph in rune order (so runs
	// of consecutive characters get consecutive glyphs and one cmap
	// segment), then components as found.
	order := make([]int, 1, len(runes)+16)
	newID := make(map[int]int, len(runes)+16)
	newID[0] = 0
	add := func(g int) {
		if _, ok := newID[g]; !ok {
			newID[g] = len(order)
			order = append(order, g)
		}
	}
	mapped := make([]rune, 0, len(runes))
	for _, r := range runes {
		if g := t.glyph(r); g != 0 {
			add(g)
			mapped = append(mapped, r)
		}
	}
	for i := 0; i < len(order); i++ { // order grows as components are found
		components(t.glyphData(order[i]), func(_ int, g int) {
			if g < t.glyphs {
				add(g)
			}
		})
	}

	// glyf, loca (long), hmtx.
	size := 0
	for _, g := range order {
		size += (len(t.glyphData(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(len(order)+1))
	hmtx := make([]byte, 4*len(order))
	for i, g := range order {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		binary.BigEndian.PutUint16(hmtx[4*i:], t.advs[g])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(t.lsbs[g]))
		start := len(glyf)
		glyf = append(glyf, t.glyphData(g)...)
		components(glyf[start:], func(at int, c int) {
			binary.BigEndian.PutUint16(glyf[start+at:], uint16(newID[c]))
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*len(order):], uint32(len(glyf)))

	head := slices.Clone(t.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(t.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := slices.Clone(t.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))

	out := map[string][]byte{
		"cmap": cmap4(mapped, func(r rune) int { return newID[t.glyph(r)] }),
		"glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx,
		"loca": loca, "maxp": maxp,
	}
	// An empty name table: fpdf needs the table, and without a PostScript
	// name in it cairo gives each subset its own name when a print
	// pipeline turns the PDF into PostScript. With the font's real name every
	// subset is called WenQuanYiMicroHei, and Ghostscript, which then makes
	// the printed PDF, merges same-named fonts and garbles their text.
	out["name"] = []byte{0, 0, 0, 0, 0, 6}
	for _, tag := range []string{"OS/2", "post", "cvt ", "fpgm", "prep", "gasp"} {
		if b := t.tables[tag]; b != nil {
			out[tag] = b
		}
	}
	return assemble(out)
}

// cmap4 writes a cmap table with one Unicode BMP format 4 subtable mapping
// runes (sorted, unique) to gid(r). Consecutive runes with consecutive glyphs
// share a segment; every segment uses idDelta only.
func cmap4(runes []rune, gid func(rune) int) []byte {
	type segment struct{ start, end, delta int }
	segs := make([]segment, 0, len(runes)/2+2)
	for _, r := range runes {
		g := gid(r)
		if n := len(segs); n > 0 && int(r) == segs[n-1].end+1 && (int(r)+segs[n-1].delta)&0xFFFF == g {
			segs[n-1].end = int(r)
			continue
		}
		segs = append(segs, segment{int(r), int(r), (g - int(r)) & 0xFFFF})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	putSearchHeader(sub[8:], n, 2)
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], uint16(s.end))
		be.PutUint16(sub[16+2*n+2*i:], uint16(s.start))
		be.PutUint16(sub[16+4*n+2*i:], uint16(s.delta))
		// idRangeOffset stays 0
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// putSearchHeader writes at b the binary-search hints sfnt puts before n
// entries of size bytes each (the table directory, a cmap format 4
// subtable): searchRange, the largest power of two not above n times size;
// entrySelector, that power's log2; rangeShift, the rest of the entries'
// bytes.
func putSearchHeader(b []byte, n, size int) {
	pow, log := 1, 0
	for pow*2 <= n {
		pow *= 2
		log++
	}
	be := binary.BigEndian
	be.PutUint16(b[0:], uint16(pow*size))
	be.PutUint16(b[2:], uint16(log))
	be.PutUint16(b[4:], uint16((n-pow)*size))
}

// assemble writes an sfnt file from its tables, with the directory sorted by
// tag, checksums and head's checkSumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 0
	for tag, b := range tables {
		tags = append(tags, tag)
		size += (len(b) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*n, 12+16*n+size)
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	putSearchHeader(out[6:], n, 16)
	headAt := -1
	for i, tag := range tags {
		b := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(b))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(b)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the last one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// cjkFace is the embedded CJK font, parsed once and subset per document.
type cjkFace struct{ tt *trueType }

func (f cjkFace) has(r rune) bool { return f.tt.glyph(r) != 0 }

func (f cjkFace) advance(r rune) int {
	g := f.tt.glyph(r)
	if g == 0 {
		g = f.tt.glyph(placeholder)
	}
	return f.tt.width1k[g]
}

// The document's font goes into the PDF as simple TrueType fonts of up to
// 224 characters each (codes 32–255), not as fpdf's UTF-8 (CID) font. The
// UTF-8 path costs a JSON encoding of a 65,536-entry width table, two parses
// of the font and a 128 KB CIDToGIDMap per document, and its output trips
// up printing: its cmap table is malformed and its ToUnicode CMap is one
// range that Ghostscript (which CUPS PDF printing runs through) cannot read,
// so printed text is garbled. A simple font names each code's glyph
// (/Differences with uniXXXX names), which gives viewers, Ghostscript and
// cairo the Unicode text, and it is embedded as the subset we compressed
// ourselves.
const codesPerFont = 224

func (f cjkFace) install(pdf *fpdf.Fpdf, runes []rune) (drawText, error) {
	type slot struct {
		font int
		code byte
	}
	slots := make(map[rune]slot, len(runes))
	families := make([]string, 0, len(runes)/codesPerFont+1)
	for i := 0; i < len(runes); i += codesPerFont {
		chunk := runes[i:min(i+codesPerFont, len(runes))]
		n := len(families)
		family := fmt.Sprintf("%s%d", fonts.Name, n)
		def, z, err := f.simpleFont(chunk, n)
		if err != nil {
			return nil, err
		}
		if err := addFont(pdf, family, def, z); err != nil {
			return nil, err
		}
		for j, r := range chunk {
			slots[r] = slot{n, byte(32 + j)}
		}
		families = append(families, family)
	}
	current := -1
	buf := make([]byte, 0, 64)
	return func(x, y, size float64, text string) {
		flush := func() {
			if len(buf) == 0 {
				return
			}
			pdf.Text(x, y, string(buf))
			x += pdf.GetStringWidth(string(buf))
			buf = buf[:0]
		}
		if current >= 0 {
			pdf.SetFontSize(size)
		}
		for _, r := range text {
			sl, ok := slots[r]
			if !ok {
				continue // not collected: cannot happen for cleaned text
			}
			if sl.font != current {
				flush()
				current = sl.font
				pdf.SetFont(families[current], "", size)
			}
			buf = append(buf, sl.code)
		}
		flush()
	}, nil
}

// addFont adds a font definition to pdf and selects it. fpdf reports a font
// it could not take only when it is selected ("undefined font"), so check
// there.
func addFont(pdf *fpdf.Fpdf, family string, def, z []byte) error {
	pdf.AddFontFromBytes(family, "", def, z)
	pdf.SetFont(family, "", 10)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("%w %s: %v", errFont, family, err)
	}
	return nil
}

// simpleFont builds font number n of a document: the subset of chunk's
// characters, zlib-compressed, and fpdf's JSON definition of it.
func (f cjkFace) simpleFont(chunk []rune, n int) (def, z []byte, err error) {
	ttf := f.tt.subset(chunk)
	z, err = deflate(ttf)
	if err != nil {
		return nil, nil, err
	}
	var cw [256]int
	var diff strings.Builder
	diff.WriteString("32")
	for j, r := range chunk {
		cw[32+j] = f.tt.width1k[f.tt.glyph(r)]
		fmt.Fprintf(&diff, " /uni%04X", r)
	}
	// A distinct subset-style name per font: a print pipeline that merges
	// same-named fonts must not mix two subsets.
	tag := []byte("BMAAAA")
	for i, v := 5, n; i >= 2; i, v = i-1, v/26 {
		tag[i] = byte('A' + v%26)
	}
	def, err = json.Marshal(struct {
		Tp           string
		Name         string
		Desc         fontDesc
		Up, Ut       int
		Cw           [256]int
		Diff         string
		File         string
		OriginalSize int
	}{"TrueType", string(tag) + "+WenQuanYiMicroHei", f.tt.desc, -100, 50, cw, diff.String(),
		fmt.Sprintf("%s%d.z", fonts.Name, n), len(ttf)})
	return def, z, err
}

// zlibs keeps compressors between documents: a new one allocates about a
// megabyte.
var zlibs = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

func deflate(b []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(b) / 2)
	w := zlibs.Get().(*zlib.Writer)
	defer zlibs.Put(w)
	w.Reset(&out)
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("paper: font: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("paper: font: %w", err)
	}
	return out.Bytes(), nil
}

// defaultFace parses the embedded font on first use; the parsed tables are
// read-only afterwards and shared by every document and goroutine.
var defaultFace = sync.OnceValues(func() (face, error) {
	tt, err := parseTrueType(fonts.FileName, fonts.CJK)
	if err != nil {
		return nil, err
	}
	if tt.glyph(placeholder) == 0 {
		return nil, fmt.Errorf("%w %s: lacks %q", errFont, fonts.FileName, placeholder)
	}
	return cjkFace{tt}, nil
})

// coreFace is fpdf's built-in Helvetica for Latin text. It exists so that
// BenchmarkReceiptPDF can set the same layout without an embedded font (the
// floor the CJK path is measured against).
type coreFace struct{ widths *[128]int }

var helveticaWidths = sync.OnceValue(func() *[128]int {
	var w [128]int
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetFont("Helvetica", "", 1000)
	for r := 32; r < 127; r++ {
		w[r] = int(math.Round(pdf.GetStringWidth(string(rune(r)))))
	}
	return &w
})

func newCoreFace() coreFace { return coreFace{helveticaWidths()} }

func (f coreFace) has(r rune) bool { return r >= 32 && r < 127 }

func (f coreFace) advance(r rune) int {
	if !f.has(r) {
		r = '?'
	}
	return f.widths[r]
}

func (f coreFace) install(pdf *fpdf.Fpdf, _ []rune) (drawText, error) {
	pdf.SetFont("Helvetica", "", 10)
	return func(x, y, size float64, text string) {
		pdf.SetFontSize(size)
		pdf.Text(x, y, text)
	}, pdf.Error()
}
