package paper

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"

	"bianmin/ui/internal/linebreak"
)

// Format is the paper a document is laid out for.
type Format int

// The two paper formats.
const (
	// Roll80 is an 80 mm thermal receipt roll: 72 mm printable, one page
	// as long as the content.
	Roll80 Format = iota + 1
	// A4 is a sheet of A4 (210 × 297 mm), as many pages as needed.
	A4
)

// String names the format as CUPS and people know it.
func (f Format) String() string {
	switch f {
	case Roll80:
		return "80mm"
	case A4:
		return "A4"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// geometry is a format's page in millimetres. grow means the page height is
// the content's height (a receipt roll), h then being the minimum.
type geometry struct {
	w, h                     float64
	left, right, top, bottom float64
	grow                     bool
	// type sizes in points
	body, small, head, title, big float64
}

func (f Format) geometry() geometry {
	if f == A4 {
		return geometry{w: 210, h: 297, left: 20, right: 20, top: 16, bottom: 18,
			body: 11, small: 9, head: 12.5, title: 18, big: 16}
	}
	return geometry{w: 80, h: 60, left: 4, right: 4, top: 3, bottom: 10, grow: true,
		body: 9.5, small: 8, head: 10.5, title: 14, big: 17}
}

// Points to millimetres.
const ptMM = 25.4 / 72

// lead is the line height as a multiple of the type size; ascent places the
// baseline inside the line.
const (
	lead   = 1.38
	ascent = 0.84
)

type align int

const (
	left align = iota
	center
	right
)

// style is how a run of text is set.
type style struct {
	size   float64 // points
	bold   bool
	align  align
	indent float64 // mm from the left margin
}

type opKind int

const (
	opText opKind = iota
	opLine
	opRect
	opImage
	opQR
)

// op is one drawing instruction of the display list. The layout pass writes
// them; the render pass replays them into fpdf once the page size is known.
type op struct {
	kind       opKind
	x, y, w, h float64 // mm; text: x and baseline y; line: from (x,y) to (w,h)
	size       float64 // text size in points; line width in mm
	bold       bool
	dash       bool
	text       string
	bits       [][]bool // QR modules, dark = true
	image      []byte   // opImage: a PNG or JPEG, fitted into the box (aspect kept, centred across); text names it
	key        string   // opImage: its name in the PDF
}

type page struct{ ops []op }

// sheet lays out one document: blocks of text, fields, lists, rules, QR
// codes and signature lines, top to bottom, breaking pages on A4 and growing
// the page on a roll. Every document type (receipt, notices) is a function
// that feeds a sheet.
type sheet struct {
	format Format
	g      geometry
	face   face
	title  string
	date   time.Time
	pages  []*page
	y      float64
	runes  map[rune]struct{}
	// footer, if set, is drawn on every A4 page once the page count is
	// known.
	footer string
}

func newSheet(f Format, fc face, title string, date time.Time) *sheet {
	if f != A4 {
		f = Roll80
	}
	s := &sheet{format: f, g: f.geometry(), face: fc, title: title, date: date,
		runes: make(map[rune]struct{}, 256)}
	s.newPage()
	return s
}

// scale sets all type sizes to k times the format's.
func (s *sheet) scale(k float64) {
	base := s.format.geometry()
	s.g.body, s.g.small, s.g.head, s.g.title, s.g.big = base.body*k, base.small*k, base.head*k, base.title*k, base.big*k
}

func (s *sheet) newPage() {
	s.pages = append(s.pages, &page{})
	s.y = s.g.top
}

func (s *sheet) cur() *page { return s.pages[len(s.pages)-1] }

// width is the printable width.
func (s *sheet) width() float64 { return s.g.w - s.g.left - s.g.right }

// need starts a new A4 page unless h millimetres still fit on this one.
func (s *sheet) need(h float64) {
	if s.g.grow || s.y+h <= s.g.h-s.g.bottom || s.y <= s.g.top {
		return
	}
	s.newPage()
}

// clean makes text drawable: control and invisible characters go, tabs
// become spaces, and characters the font lacks become a placeholder.
func (s *sheet) clean(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
			return -1
		case unicode.IsSpace(r) && r != '\u3000':
			return ' '
		case !s.face.has(r):
			if s.face.has(placeholder) {
				return placeholder
			}
			return '?'
		}
		return r
	}, text)
}

// measure is the width of text in mm at size points.
func (s *sheet) measure(text string, size float64) float64 {
	w := 0
	for _, r := range text {
		w += s.face.advance(r)
	}
	return float64(w) * size / 1000 * ptMM
}

func lineHeight(size float64) float64 { return size * ptMM * lead }

// put draws one line of text at the current y with its top there, aligned
// within [x, x+w], and does not move y.
func (s *sheet) put(text string, x, w float64, st style) {
	if text == "" {
		return
	}
	tw := s.measure(text, st.size)
	switch st.align {
	case center:
		x += (w - tw) / 2
	case right:
		x += w - tw
	}
	base := s.y + st.size*ptMM*((lead-1)/2+ascent)
	for _, r := range text {
		s.runes[r] = struct{}{}
	}
	s.cur().ops = append(s.cur().ops, op{kind: opText, x: x, y: base, size: st.size, bold: st.bold, text: text})
}

// text sets a paragraph, wrapping it to the printable width less the indent.
func (s *sheet) text(text string, st style) {
	x := s.g.left + st.indent
	w := s.width() - st.indent
	lh := lineHeight(st.size)
	for _, line := range linebreak.Wrap(s.clean(text), w, func(t string) float64 { return s.measure(t, st.size) }) {
		s.need(lh)
		s.put(line, x, w, st)
		s.y += lh
	}
}

// field sets "label：value" with the value wrapped in a column to the right
// of a label column labelW wide.
func (s *sheet) field(label, value string, labelW float64, st style) {
	if strings.TrimSpace(value) == "" {
		return
	}
	lh := lineHeight(st.size)
	x := s.g.left + st.indent
	vw := s.width() - st.indent - labelW
	lines := linebreak.Wrap(s.clean(value), vw, func(t string) float64 { return s.measure(t, st.size) })
	s.need(lh * float64(min(len(lines), 2)))
	ls := st
	ls.bold = false
	s.put(s.clean(label), x, labelW, ls)
	for i, line := range lines {
		if i > 0 {
			s.need(lh)
		}
		s.put(line, x+labelW, vw, st)
		s.y += lh
	}
}

// list sets items with a marker ("1.", "·", "□") and a hanging indent.
func (s *sheet) list(items []string, marker func(i int) string, st style) {
	lh := lineHeight(st.size)
	mw := 0.0
	for i := range items {
		mw = max(mw, s.measure(s.clean(marker(i)), st.size))
	}
	mw += st.size * ptMM * 0.35
	x := s.g.left + st.indent
	w := s.width() - st.indent - mw
	for i, item := range items {
		lines := linebreak.Wrap(s.clean(item), w, func(t string) float64 { return s.measure(t, st.size) })
		s.need(lh)
		s.put(s.clean(marker(i)), x, mw, style{size: st.size})
		for j, line := range lines {
			if j > 0 {
				s.need(lh)
			}
			s.put(line, x+mw, w, st)
			s.y += lh
		}
	}
}

// dryRun is the height f sets, measured without breaking pages and then
// undone: f must only lay out (text, fields, rules ...) on this sheet.
func (s *sheet) dryRun(f func()) float64 {
	pages, ops, y, grow := len(s.pages), len(s.cur().ops), s.y, s.g.grow
	s.g.grow = true
	f()
	h := s.y - y
	s.pages = s.pages[:pages]
	s.cur().ops = s.cur().ops[:ops]
	s.y, s.g.grow = y, grow
	return h
}

// together sets what f lays out on one page: on a new page unless it fits
// on this one (it flows on if longer than a page).
func (s *sheet) together(f func()) {
	s.need(s.dryRun(f))
	f()
}

// gap adds vertical space.
func (s *sheet) gap(mm float64) {
	s.y += mm
	if !s.g.grow && s.y > s.g.h-s.g.bottom {
		s.newPage()
	}
}

// rule draws a horizontal line across the printable width with some air
// above and below; dashed for the separators of a receipt.
func (s *sheet) rule(dashed bool) {
	s.need(3)
	s.y += 1.2
	s.line(s.g.left, s.y, s.g.left+s.width(), s.y, 0.25, dashed)
	s.y += 1.6
}

func (s *sheet) line(x1, y1, x2, y2, width float64, dashed bool) {
	s.cur().ops = append(s.cur().ops, op{kind: opLine, x: x1, y: y1, w: x2, h: y2, size: width, dash: dashed})
}

func (s *sheet) rect(x, y, w, h, width float64) {
	s.cur().ops = append(s.cur().ops, op{kind: opRect, x: x, y: y, w: w, h: h, size: width})
}

// image fits a PNG or JPEG into the box x, y, w, h (mm) of the current
// page, aspect kept, centred across, with a thin frame; name names the
// file in an error.
func (s *sheet) image(name string, data []byte, x, y, w, h float64) {
	s.cur().ops = append(s.cur().ops, op{kind: opImage, x: x, y: y, w: w, h: h, image: data, text: name})
}

// qr draws the QR modules as a square side mm wide (quiet zone excluded),
// centred, with at least a four-module quiet zone above and below, and a
// caption under it.
func (s *sheet) qr(bits [][]bool, side float64, caption string) {
	if len(bits) == 0 {
		return
	}
	quiet := 4 * side / float64(len(bits))
	capH := 0.0
	if caption != "" {
		capH = lineHeight(s.g.small) + 1
	}
	s.need(side + 2*quiet + capH)
	s.y += quiet
	x := s.g.left + (s.width()-side)/2
	s.cur().ops = append(s.cur().ops, op{kind: opQR, x: x, y: s.y, w: side, h: side, bits: bits})
	s.y += side + quiet*0.6
	if caption != "" {
		s.text(caption, style{size: s.g.small, align: center})
	}
	s.y += quiet * 0.4
}

// signatures sets one signing line per label ("申请人（签字）"), each with
// a date line, the way paper forms leave room for ink. On a roll the date
// line goes under the signature line.
func (s *sheet) signatures(labels []string, withDate bool) {
	st := style{size: s.g.body}
	lh := lineHeight(st.size)
	narrow := s.width() < 100
	under := func(x1, x2 float64) { s.line(x1, s.y+lh*0.92, x2, s.y+lh*0.92, 0.2, false) }
	for _, l := range labels {
		label := s.clean(l) + "："
		s.need(lh * 2.2)
		s.y += lh * 1.2
		x := s.g.left
		end := s.g.left + s.width()
		lw := s.measure(label, st.size)
		s.put(label, x, lw, st)
		dl := "日期："
		dw := s.measure(dl, st.size)
		switch {
		case !withDate:
			under(x+lw, end)
		case narrow:
			under(x+lw, end)
			s.y += lh * 1.5
			s.put(dl, x, dw, st)
			under(x+lw, end)
		default:
			dateW := min(s.width()*0.32, 34)
			dx := end - dateW - dw
			s.put(dl, dx, dw, st)
			under(dx+dw, end)
			under(x+lw, dx-3)
		}
		s.y += lh
	}
}

// tableOpts are a table's page-breaking options.
type tableOpts struct {
	// tail is the height (mm) of what must follow the last row on its page
	// (signatures, a closing): the last rows go to a new page with it
	// rather than leave it alone there.
	tail float64
	// cont, if set, is the caption over the repeated header after a page
	// break (续表1 ...).
	cont string
}

// table sets a bordered table (A4): widths are fractions of the printable
// width; each cell wraps; the header row repeats after a page break.
func (s *sheet) table(widths []float64, header []string, rows [][]string, st style, opt ...tableOpts) {
	var o tableOpts
	if len(opt) > 0 {
		o = opt[0]
	}
	st.size *= 0.92
	lh := lineHeight(st.size)
	pad := 1.4
	total := s.width()
	cols := make([]float64, len(widths))
	for i, w := range widths {
		cols[i] = w * total
	}
	layout := func(cells []string) ([][]string, float64) {
		out := make([][]string, len(cols))
		n := 1
		for i := range cols {
			var cell string
			if i < len(cells) {
				cell = cells[i]
			}
			out[i] = linebreak.Wrap(s.clean(cell), cols[i]-2*pad, func(t string) float64 { return s.measure(t, st.size) })
			n = max(n, len(out[i]))
		}
		return out, float64(n)*lh + 2*pad
	}
	drawRow := func(cells [][]string, h float64, bold bool) {
		x := s.g.left
		top := s.y
		for i, w := range cols {
			s.rect(x, top, w, h, 0.2)
			s.y = top + pad
			for _, line := range cells[i] {
				s.put(line, x+pad, w-2*pad, style{size: st.size, bold: bold})
				s.y += lh
			}
			x += w
		}
		s.y = top + h
	}
	hc, hh := layout(header)
	body := make([][][]string, len(rows))
	hs := make([]float64, len(rows))
	for i, r := range rows {
		body[i], hs[i] = layout(r)
	}
	bottom := s.g.h - s.g.bottom
	// The last two rows and the tail share a page when they fit on one.
	last := min(2, len(rows))
	keep := o.tail
	for _, h := range hs[len(hs)-last:] {
		keep += h
	}
	if hh+keep > bottom-s.g.top-lineHeight(s.g.body) {
		keep = 0
	}
	// The header keeps at least one row (two if there are) with it.
	first := hh
	for i := 0; i < last; i++ {
		first += hs[i]
	}
	if len(rows) <= 4 {
		// A short table is not split.
		first = hh + o.tail
		for _, h := range hs {
			first += h
		}
	}
	s.need(first)
	drawRow(hc, hh, true)
	onPage := 0
	for i := range rows {
		h := hs[i]
		if i == len(rows)-last && keep > 0 && onPage >= 2 {
			h = keep
		}
		if !s.g.grow && s.y+h > bottom && i > 0 {
			s.newPage()
			if o.cont != "" {
				s.text(o.cont, style{size: st.size, bold: true})
			}
			drawRow(hc, hh, true)
			onPage = 0
		}
		drawRow(body[i], hs[i], false)
		onPage++
	}
}

// render replays the display list into a PDF: one page per sheet page, a
// roll page as tall as its content, the font subset to the characters used.
func (s *sheet) render() ([]byte, error) {
	h := s.g.h
	if s.g.grow {
		h = max(s.g.h, s.y+s.g.bottom)
	}
	if s.footer != "" && !s.g.grow {
		n := len(s.pages)
		for i, p := range s.pages {
			txt := s.clean(fmt.Sprintf("%s　第 %d 页 共 %d 页", s.footer, i+1, n))
			for _, r := range txt {
				s.runes[r] = struct{}{}
			}
			size := s.g.small
			tw := s.measure(txt, size)
			p.ops = append(p.ops, op{kind: opText, x: (s.g.w - tw) / 2, y: s.g.h - s.g.bottom/2, size: size, text: txt})
		}
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm",
		Size: fpdf.SizeType{Wd: s.g.w, Ht: h}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreationDate(s.date)
	pdf.SetModificationDate(s.date)
	pdf.SetTitle(s.title, true)
	pdf.SetCreator("Bianmin", false)
	runes := make([]rune, 0, len(s.runes))
	for r := range s.runes {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	draw, err := s.face.install(pdf, runes)
	if err != nil {
		return nil, err
	}
	// Images are registered before any page is drawn; fpdf reports a bad
	// one, like a bad font, only through pdf.Error.
	images := 0
	for _, p := range s.pages {
		for i, o := range p.ops {
			if o.kind == opImage {
				images++
				p.ops[i].key = "image" + strconv.Itoa(images)
				pdf.RegisterImageOptionsReader(p.ops[i].key, fpdf.ImageOptions{ImageType: imageType(o.image)},
					bytes.NewReader(o.image))
				if err := pdf.Error(); err != nil {
					return nil, fmt.Errorf("paper: image %q: %w", o.text, err)
				}
			}
		}
	}
	for _, p := range s.pages {
		pdf.AddPage()
		for _, o := range p.ops {
			drawOp(pdf, draw, o)
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("paper: pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("paper: pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// imageType is the fpdf image type of a PNG or JPEG file, "" for anything
// else (a PDF sample, say, which fpdf cannot draw).
func imageType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return "JPG"
	}
	return ""
}

func drawOp(pdf *fpdf.Fpdf, draw drawText, o op) {
	switch o.kind {
	case opText:
		if o.bold {
			// The font has one weight: stroke the outlines as well to embolden.
			pdf.SetLineWidth(o.size * 0.012)
			pdf.SetTextRenderingMode(2)
			draw(o.x, o.y, o.size, o.text)
			pdf.SetTextRenderingMode(0)
			return
		}
		draw(o.x, o.y, o.size, o.text)
	case opLine:
		pdf.SetLineWidth(o.size)
		if o.dash {
			pdf.SetDashPattern([]float64{1.2, 0.9}, 0)
		}
		pdf.Line(o.x, o.y, o.w, o.h)
		if o.dash {
			pdf.SetDashPattern(nil, 0)
		}
	case opRect:
		pdf.SetLineWidth(o.size)
		pdf.Rect(o.x, o.y, o.w, o.h, "D")
	case opImage:
		info := pdf.GetImageInfo(o.key)
		if info == nil || info.Width() <= 0 || info.Height() <= 0 {
			return
		}
		scale := min(o.w/info.Width(), o.h/info.Height())
		w, h := info.Width()*scale, info.Height()*scale
		x := o.x + (o.w-w)/2
		pdf.ImageOptions(o.key, x, o.y, w, h, false, fpdf.ImageOptions{}, 0, "")
		pdf.SetLineWidth(0.2)
		pdf.Rect(x, o.y, w, h, "D")
	case opQR:
		m := o.w / float64(len(o.bits))
		for r, row := range o.bits {
			for c := 0; c < len(row); {
				if !row[c] {
					c++
					continue
				}
				end := c
				for end < len(row) && row[end] {
					end++
				}
				// A hair taller than a module so rows fuse without seams.
				pdf.Rect(o.x+float64(c)*m, o.y+float64(r)*m, float64(end-c)*m, m+0.02, "F")
				c = end
			}
		}
	}
}
