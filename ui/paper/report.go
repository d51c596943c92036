package paper

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Report is the printable 统计报表 (§五, §七, §九): the headline figures, bar
// and line charts and every table of the report screen, on A4. The caller
// (staff mode) turns its figures into text; the package draws them.
type Report struct {
	Center  string
	Period  string    // "2026-11-01 至 2026-11-30"
	Made    time.Time // when the report was made: in the heading and the footer
	By      string    // 制表人 printed name; "" to leave out
	Figures [][2]string
	Bars    []BarChart
	Lines   []LineChart
	Tables  []Table
}

// Table is one table of a report: a title, a header and rows of text.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
}

// BarChart is a horizontal bar chart of counts.
type BarChart struct {
	Title string
	Bars  []Bar
}

// Bar is one bar: a label and its count.
type Bar struct {
	Label string
	N     int
}

// LineChart is a time series: points with an x-axis label each and one
// line per series; Percent sets the y-axis to 0–100 % (values 0…1).
type LineChart struct {
	Title   string
	Labels  []string
	Series  []Line
	Percent bool
}

// Line is one series of a LineChart; a NaN value is a point without a
// value (a day with nothing to rate), which the line passes over. Dashed lines and hollow markers tell a second series
// from the first on a black-and-white printer.
type Line struct {
	Name   string
	Values []float64
	Dashed bool
}

// ReportPDF lays out the report on A4: the masthead with the center and
// period, the headline figures, the charts, the tables (headers repeated
// after a page break), a page number and the time made at the foot of every
// page.
func ReportPDF(r Report) (Document, error) {
	fc, err := defaultFace()
	if err != nil {
		return Document{}, err
	}
	if strings.TrimSpace(r.Period) == "" {
		return Document{}, fmt.Errorf("%w: 统计报表 needs Period", ErrIncomplete)
	}
	made := chinaTime(r.Made).Format("2006-01-02 15:04")
	s := newSheet(A4, fc, "统计报表 "+r.Period, r.Made)
	s.masthead(r.Center, "统计报表", "")
	body := style{size: s.g.body}
	lw := s.measure("制表时间：", body.size)
	s.field("统计期间：", r.Period, lw, body)
	s.field("制表时间：", made, lw, body)
	s.field("制表人：", r.By, lw, body)
	if len(r.Figures) > 0 {
		s.heading("一、主要指标")
		var rows [][]string
		for i := 0; i < len(r.Figures); i += 2 {
			row := []string{r.Figures[i][0], r.Figures[i][1], "", ""}
			if i+1 < len(r.Figures) {
				row[2], row[3] = r.Figures[i+1][0], r.Figures[i+1][1]
			}
			rows = append(rows, row)
		}
		s.table([]float64{0.34, 0.16, 0.34, 0.16}, []string{"指标", "数值", "指标", "数值"}, rows, body)
	}
	n := 1
	if len(r.Figures) > 0 {
		n++
	}
	if len(r.Bars)+len(r.Lines) > 0 {
		s.heading(sectionNo[n-1] + "、图表")
		n++
		for _, c := range r.Lines {
			s.lineChart(c)
		}
		for _, c := range r.Bars {
			s.barChart(c)
		}
	}
	if len(r.Tables) > 0 {
		s.heading(sectionNo[min(n, len(sectionNo))-1] + "、统计表")
		for i, t := range r.Tables {
			s.reportTable(fmt.Sprintf("表%d　%s", i+1, t.Name), fmt.Sprintf("续表%d　%s", i+1, t.Name), t)
		}
	}
	s.footer = strings.TrimSpace(r.Center+"　统计报表 "+r.Period) + "　制表时间 " + made
	return s.document()
}

// chartTitle sets a chart's or a table's title, kept with the h mm that
// follow it.
func (s *sheet) chartTitle(title string, h float64) {
	st := style{size: s.g.body, bold: true}
	s.need(lineHeight(st.size) + h)
	s.gap(1.5)
	s.text(title, st)
	s.gap(0.5)
}

// putAt sets one line of text with its top at y, leaving the flow where it
// was.
func (s *sheet) putAt(text string, x, y, w float64, st style) {
	keep := s.y
	s.y = y
	s.put(s.clean(text), x, w, st)
	s.y = keep
}

// fit cuts text to w mm at size, ending it with "…" when cut.
func (s *sheet) fit(text string, w, size float64) string {
	text = s.clean(strings.ReplaceAll(text, "\n", " "))
	if s.measure(text, size) <= w {
		return text
	}
	rs := []rune(text)
	for len(rs) > 0 && s.measure(string(rs)+"…", size) > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// barChart draws horizontal bars: the label, a bar scaled to the largest
// count (a thick line, so it prints solid with no fill colour), the count.
func (s *sheet) barChart(c BarChart) {
	st := style{size: s.g.small}
	lh := lineHeight(st.size) * 1.2
	peak := 0
	for _, b := range c.Bars {
		peak = max(peak, b.N)
	}
	// A chart stays on one page if it fits on one, else it starts with at
	// least 20 bars and goes on under its title marked （续）.
	all := lh*float64(len(c.Bars)) + 1
	if lineHeight(s.g.body)+3+all > s.g.h-s.g.top-s.g.bottom {
		all = lh*20 + 1
	}
	s.chartTitle(c.Title, all)
	if peak == 0 {
		s.text("本期没有数据。", st)
		return
	}
	labelW := s.width() * 0.34
	numW := s.measure(strconv.Itoa(peak), st.size) + 2
	x0 := s.g.left + labelW
	area := s.width() - labelW - numW - 1.5
	pad := (lh - lineHeight(st.size)) / 2
	top := s.y
	for _, b := range c.Bars {
		if !s.g.grow && s.y+lh > s.g.h-s.g.bottom {
			s.line(x0, top, x0, s.y, 0.3, false)
			s.newPage()
			s.chartTitle(c.Title+"（续）", lh)
			top = s.y
		}
		s.putAt(s.fit(b.Label, labelW-2, st.size), s.g.left, s.y+pad, labelW-2, st)
		w := 0.0
		if b.N > 0 {
			w = max(0.5, area*float64(b.N)/float64(peak))
			mid := s.y + lh/2
			s.line(x0, mid, x0+w, mid, lh*0.58, false)
		}
		s.putAt(strconv.Itoa(b.N), x0+w+1.2, s.y+pad, numW, st)
		s.y += lh
	}
	s.line(x0, top, x0, s.y, 0.3, false)
	s.gap(1)
}

// chartHeight is the plot area of a line chart, mm.
const chartHeight = 52

// lineChart draws a time series: a legend, the y axis with gridlines at
// round values, one polyline per series with markers, and as many x labels
// as fit.
func (s *sheet) lineChart(c LineChart) {
	small := style{size: s.g.small}
	slh := lineHeight(small.size)
	s.chartTitle(c.Title, slh*2.5+chartHeight)
	n := len(c.Labels)
	if n == 0 {
		s.text("本期没有数据。", small)
		return
	}
	// Legend.
	x := s.g.left
	for i, l := range c.Series {
		mid := s.y + slh/2
		s.line(x, mid, x+9, mid, 0.4, l.Dashed)
		s.marker(x+4.5, mid, i, l.Dashed)
		x += 11
		name := s.clean(l.Name)
		s.putAt(name, x, s.y, s.measure(name, small.size), small)
		x += s.measure(name, small.size) + 6
	}
	s.y += slh + 2
	// Scale.
	top, step := 1.0, 0.25
	if !c.Percent {
		peak := 0.0
		for _, l := range c.Series {
			for _, v := range l.Values {
				if !math.IsNaN(v) {
					peak = max(peak, v)
				}
			}
		}
		top, step = AxisScale(peak)
	}
	tick := func(v float64) string {
		if c.Percent {
			return strconv.Itoa(int(math.Round(v*100))) + "%"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	yw := s.measure(tick(top), small.size) + 2
	x0, x1 := s.g.left+yw, s.g.left+s.width()-1
	y0, y1 := s.y+slh/2, s.y+slh/2+chartHeight
	ypos := func(v float64) float64 { return y1 - (y1-y0)*v/top }
	for v := 0.0; v <= top+step/2; v += step {
		y := ypos(v)
		if v > 0 {
			s.line(x0, y, x1, y, 0.1, true)
		}
		s.putAt(tick(v), s.g.left, y-slh/2, yw-1.5, style{size: small.size, align: right})
	}
	s.line(x0, y0, x0, y1, 0.3, false)
	s.line(x0, y1, x1, y1, 0.3, false)
	dx := (x1 - x0) / float64(n)
	xpos := func(i int) float64 { return x0 + dx*(float64(i)+0.5) }
	// X labels: every k-th, as many as fit side by side.
	lw := 0.0
	for _, l := range c.Labels {
		lw = max(lw, s.measure(s.clean(l), small.size))
	}
	k := max(1, int(math.Ceil((lw+2.5)/dx)))
	for i := 0; i < n; i += k {
		s.line(xpos(i), y1, xpos(i), y1+1.2, 0.25, false)
		s.putAt(c.Labels[i], xpos(i)-lw, y1+1.4, 2*lw, style{size: small.size, align: center})
	}
	for si, l := range c.Series {
		width := 0.45
		if l.Dashed {
			width = 0.35
		}
		// A point without a value (NaN) is skipped: the line joins the
		// points on either side, the markers show where the values are.
		prev := -1
		for i := 0; i < n && i < len(l.Values); i++ {
			v := l.Values[i]
			if math.IsNaN(v) {
				continue
			}
			if prev >= 0 {
				s.line(xpos(prev), ypos(l.Values[prev]), xpos(i), ypos(v), width, l.Dashed)
			}
			prev = i
			if n <= 40 {
				s.marker(xpos(i), ypos(v), si, l.Dashed)
			}
		}
	}
	s.y = y1 + 1.4 + slh + 2
}

// marker draws a point of a series: a solid square for a solid line, a
// hollow one for a dashed line.
func (s *sheet) marker(x, y float64, _ int, hollow bool) {
	const m = 1.3
	if hollow {
		s.rect(x-m/2, y-m/2, m, m, 0.25)
		return
	}
	s.line(x-m/2, y, x+m/2, y, m, false)
}

// AxisScale is the top of a count axis and its step: up to five steps of
// 1, 2 or 5 times a power of ten, the top at or above peak (at least 1).
// The printed report and the staff screen's charts share it, so both draw
// the same axis for the same figures.
func AxisScale(peak float64) (top, step float64) {
	if peak <= 0 {
		return 1, 1
	}
	raw := peak / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = mag
	for _, f := range []float64{1, 2, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	step = max(step, 1)
	return step * math.Ceil(peak/step), step
}

// reportTable sets a titled table with column widths from its text: each
// column as wide as its longest cell (within limits), the whole scaled to
// the page; wide tables in smaller type.
func (s *sheet) reportTable(title, cont string, t Table) {
	st := style{size: s.g.body}
	if len(t.Header) > 6 {
		st.size = s.g.small
	}
	s.chartTitle(title, lineHeight(st.size)*3)
	if len(t.Header) == 0 {
		return
	}
	if len(t.Rows) == 0 {
		t.Rows = [][]string{{"本期没有数据。"}}
	}
	ws := make([]float64, len(t.Header))
	for i, h := range t.Header {
		// A header may wrap to two lines.
		ws[i] = max(s.measure(s.clean(h), st.size)/2, s.measure("数值", st.size))
	}
	for _, row := range t.Rows {
		for i, c := range row {
			if i < len(ws) {
				ws[i] = max(ws[i], min(s.measure(s.clean(c), st.size), s.width()*0.45))
			}
		}
	}
	total := 0.0
	for i := range ws {
		ws[i] += 3
		total += ws[i]
	}
	for i := range ws {
		ws[i] /= total
	}
	s.table(ws, t.Header, t.Rows, st, tableOpts{cont: cont})
}
