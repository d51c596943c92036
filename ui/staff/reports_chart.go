package staff

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// BarChart draws counts as horizontal bars with Fyne's canvas: the label
// on the left, the bar scaled to the largest count, the number after it.
type BarChart struct {
	widget.BaseWidget
	Title  string
	Counts []data.Count
	// Bars are the drawn rectangles, one per count (for tests).
	Bars []*canvas.Rectangle

	box *fyne.Container
}

// NewBarChart is an empty chart with a title.
func NewBarChart(title string) *BarChart {
	c := &BarChart{Title: title, box: container.NewVBox()}
	c.ExtendBaseWidget(c)
	c.SetData(nil)
	return c
}

// SetData draws the counts.
func (c *BarChart) SetData(counts []data.Count) {
	c.Counts, c.Bars = counts, nil
	c.box.RemoveAll()
	title := widget.NewLabel(c.Title)
	title.TextStyle = fyne.TextStyle{Bold: true}
	c.box.Add(title)
	peak := 0
	for _, x := range counts {
		peak = max(peak, x.N)
	}
	if len(counts) == 0 || peak == 0 {
		c.box.Add(hint(lang.L("admin.reports.noRows")))
		c.box.Refresh()
		return
	}
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	for _, x := range counts {
		label := widget.NewLabel(x.Label)
		label.Truncation = fyne.TextTruncateEllipsis
		bar := canvas.NewRectangle(th.Color(fynetheme.ColorNamePrimary, variant))
		num := canvas.NewText(strconv.Itoa(x.N), th.Color(fynetheme.ColorNameForeground, variant))
		num.TextSize = th.Size(fynetheme.SizeNameText)
		c.Bars = append(c.Bars, bar)
		c.box.Add(container.New(&barRow{frac: float32(x.N) / float32(peak)}, label, bar, num))
	}
	c.box.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

// barRow lays out label | bar (frac of the bar area) number.
type barRow struct{ frac float32 }

const barLabelShare = 0.5

func (b *barRow) Layout(o []fyne.CanvasObject, size fyne.Size) {
	labelW := size.Width * barLabelShare
	num := o[2].MinSize()
	area := max(0, size.Width-labelW-num.Width-12)
	o[0].Move(fyne.NewPos(0, 0))
	o[0].Resize(fyne.NewSize(labelW, size.Height))
	w := max(2, area*b.frac)
	o[1].Move(fyne.NewPos(labelW, size.Height*0.2))
	o[1].Resize(fyne.NewSize(w, max(1, size.Height*0.6)))
	o[2].Move(fyne.NewPos(labelW+w+6, (size.Height-num.Height)/2))
	o[2].Resize(num)
}

func (b *barRow) MinSize(o []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(240, o[0].MinSize().Height)
}
