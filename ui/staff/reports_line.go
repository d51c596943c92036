package staff

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/paper"
)

// LineSeries is one line of a LineChart; a NaN value is a point without a
// value (a day with nothing to rate), which the line passes over.
type LineSeries struct {
	Name   string
	Values []float64
	Color  fyne.ThemeColorName
}

// LineChart draws a time series with Fyne's canvas: a legend, the y axis
// with gridlines at round values, one line of canvas.Line segments per
// series with a dot per point, and as many x labels as fit.
type LineChart struct {
	widget.BaseWidget
	Title   string
	Labels  []string
	Series  []LineSeries
	Percent bool
	// Segments are the drawn segments per series (for tests).
	Segments [][]*canvas.Line

	box    *fyne.Container
	plot   *fyne.Container
	axes   [2]*canvas.Line
	grid   []*canvas.Line
	ticks  []float64
	yText  []*canvas.Text
	xText  []*canvas.Text
	dots   [][]*canvas.Circle
	segIdx [][][2]int // the points each segment joins
	top    float64
}

// NewLineChart is an empty chart with a title; Percent draws 0–100 %
// (values 0…1).
func NewLineChart(title string, percent bool) *LineChart {
	c := &LineChart{Title: title, Percent: percent, box: container.NewVBox()}
	c.ExtendBaseWidget(c)
	c.SetData(nil, nil)
	return c
}

// SetData draws the series over the labels (one per point).
func (c *LineChart) SetData(labels []string, series []LineSeries) {
	c.Labels, c.Series = labels, series
	c.Segments, c.grid, c.ticks, c.yText, c.xText, c.dots, c.segIdx = nil, nil, nil, nil, nil, nil, nil
	c.box.RemoveAll()
	title := widget.NewLabel(c.Title)
	title.TextStyle = fyne.TextStyle{Bold: true}
	c.box.Add(title)
	if len(labels) == 0 {
		c.box.Add(hint(lang.L("admin.reports.noRows")))
		c.box.Refresh()
		return
	}
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	col := func(n fyne.ThemeColorName) color.Color { return th.Color(n, variant) }
	textSize := th.Size(fynetheme.SizeNameCaptionText)
	fg := col(fynetheme.ColorNameForeground)

	legend := container.NewHBox()
	for _, s := range series {
		sw := canvas.NewRectangle(col(s.Color))
		sw.SetMinSize(fyne.NewSize(18, 4))
		legend.Add(container.NewCenter(sw))
		legend.Add(widget.NewLabel(s.Name))
	}
	c.box.Add(legend)

	c.top, c.ticks = 1, []float64{0, 0.25, 0.5, 0.75, 1}
	if !c.Percent {
		peak := 0.0
		for _, s := range series {
			for _, v := range s.Values {
				if !math.IsNaN(v) {
					peak = max(peak, v)
				}
			}
		}
		var step float64
		c.top, step = paper.AxisScale(peak)
		c.ticks = nil
		for v := 0.0; v <= c.top+step/2; v += step {
			c.ticks = append(c.ticks, v)
		}
	}
	var objs []fyne.CanvasObject
	for _, v := range c.ticks {
		g := canvas.NewLine(col(fynetheme.ColorNameSeparator))
		g.StrokeWidth = 1
		t := canvas.NewText(c.tickText(v), fg)
		t.TextSize = textSize
		t.Alignment = fyne.TextAlignTrailing
		c.grid, c.yText = append(c.grid, g), append(c.yText, t)
		objs = append(objs, g, t)
	}
	for i := range c.axes {
		c.axes[i] = canvas.NewLine(fg)
		c.axes[i].StrokeWidth = 1.5
		objs = append(objs, c.axes[i])
	}
	for _, l := range labels {
		t := canvas.NewText(l, fg)
		t.TextSize = textSize
		t.Alignment = fyne.TextAlignCenter
		c.xText = append(c.xText, t)
		objs = append(objs, t)
	}
	for _, s := range series {
		var segs []*canvas.Line
		var idx [][2]int
		var dots []*canvas.Circle
		prev := -1
		for i := 0; i < len(labels) && i < len(s.Values); i++ {
			if math.IsNaN(s.Values[i]) {
				continue
			}
			if prev >= 0 {
				l := canvas.NewLine(col(s.Color))
				l.StrokeWidth = 2.5
				segs, idx = append(segs, l), append(idx, [2]int{prev, i})
				objs = append(objs, l)
			}
			d := canvas.NewCircle(col(s.Color))
			d.Hidden = len(labels) > 62
			dots = append(dots, d)
			objs = append(objs, d)
			prev = i
		}
		c.Segments, c.segIdx, c.dots = append(c.Segments, segs), append(c.segIdx, idx), append(c.dots, dots)
	}
	c.plot = container.New(&linePlot{c}, objs...)
	c.box.Add(c.plot)
	c.box.Refresh()
}

func (c *LineChart) tickText(v float64) string {
	if c.Percent {
		return strconv.Itoa(int(math.Round(v*100))) + "%"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// CreateRenderer is part of fyne.Widget.
func (c *LineChart) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

// linePlot lays out a LineChart's plot area from its data.
type linePlot struct{ c *LineChart }

// linePlotHeight is the plot's height in a 1280×800 window; a larger window
// gives it proportionally more (roomScale), as the chart is wider there too.
const linePlotHeight = 180

func (p *linePlot) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(280, linePlotHeight*roomScale(p.c))
}

func (p *linePlot) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	c := p.c
	n := len(c.Labels)
	if n == 0 {
		return
	}
	yw := float32(0)
	for _, t := range c.yText {
		yw = max(yw, t.MinSize().Width)
	}
	xh := float32(0)
	xw := float32(0)
	for _, t := range c.xText {
		m := t.MinSize()
		xh, xw = max(xh, m.Height), max(xw, m.Width)
	}
	x0, x1 := yw+6, size.Width-4
	y0, y1 := float32(8), size.Height-xh-6
	ypos := func(v float64) float32 { return y1 - (y1-y0)*float32(v/c.top) }
	dx := (x1 - x0) / float32(n)
	xpos := func(i int) float32 { return x0 + dx*(float32(i)+0.5) }
	for i, v := range c.ticks {
		y := ypos(v)
		c.grid[i].Position1, c.grid[i].Position2 = fyne.NewPos(x0, y), fyne.NewPos(x1, y)
		ts := c.yText[i].MinSize()
		c.yText[i].Move(fyne.NewPos(0, y-ts.Height/2))
		c.yText[i].Resize(fyne.NewSize(yw, ts.Height))
	}
	c.axes[0].Position1, c.axes[0].Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x0, y1)
	c.axes[1].Position1, c.axes[1].Position2 = fyne.NewPos(x0, y1), fyne.NewPos(x1, y1)
	k := max(1, int(math.Ceil(float64((xw+8)/dx))))
	for i, t := range c.xText {
		if i%k != 0 {
			t.Hide()
			continue
		}
		t.Show()
		t.Move(fyne.NewPos(xpos(i)-xw/2-4, y1+4))
		t.Resize(fyne.NewSize(xw+8, xh))
	}
	r := min(float32(4), max(2, dx/4))
	for si, s := range c.Series {
		for j, seg := range c.Segments[si] {
			a, b := c.segIdx[si][j][0], c.segIdx[si][j][1]
			seg.Position1 = fyne.NewPos(xpos(a), ypos(s.Values[a]))
			seg.Position2 = fyne.NewPos(xpos(b), ypos(s.Values[b]))
		}
		j := 0
		for i := 0; i < n && i < len(s.Values); i++ {
			if math.IsNaN(s.Values[i]) {
				continue
			}
			d := c.dots[si][j]
			d.Move(fyne.NewPos(xpos(i)-r, ypos(s.Values[i])-r))
			d.Resize(fyne.NewSize(2*r, 2*r))
			j++
		}
	}
}
