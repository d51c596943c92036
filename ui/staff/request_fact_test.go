package staff

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFactLongLabelKeepsTheValueColumn: a long field name in 登记内容
// (共同生活家庭成员人数, or its English) wraps in the label column; on the
// real screen it stayed one line and pushed the value out of its column.
func TestFactLongLabelKeepsTheValueColumn(t *testing.T) {
	test.NewTempApp(t)
	short := fact("姓名", "张三")
	long := fact("共同生活家庭成员人数（含申请人本人）", "4")
	eng := fact("Number of household members living together", "4")
	w := test.NewWindow(container.NewVBox(short, long, eng))
	defer w.Close()
	w.Resize(fyne.NewSize(600, 500))
	w.Content().Refresh()
	valueOf := func(o fyne.CanvasObject) (label, value *widget.Label) {
		c := o.(*fyne.Container)
		value = c.Objects[0].(*widget.Label)
		label = c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
		return label, value
	}
	d := fyne.CurrentApp().Driver()
	_, sv := valueOf(short)
	for _, o := range []fyne.CanvasObject{long, eng} {
		l, v := valueOf(o)
		require.Equal(t, "4", v.Text)
		assert.Equal(t, d.AbsolutePositionForObject(sv).X, d.AbsolutePositionForObject(v).X,
			"%q: the value stays in its column", l.Text)
		assert.GreaterOrEqual(t, l.Size().Height, l.MinSize().Height, "%q shows whole", l.Text)
		assert.Greater(t, l.MinSize().Height, short.MinSize().Height, "%q wraps onto more lines", l.Text)
	}
}
