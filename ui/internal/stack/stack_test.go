package stack

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/stretchr/testify/assert"
)

func TestLayoutStacksVisibleObjectsGapApart(t *testing.T) {
	a := canvas.NewRectangle(nil)
	a.SetMinSize(fyne.NewSize(40, 10))
	hidden := canvas.NewRectangle(nil)
	hidden.SetMinSize(fyne.NewSize(90, 50))
	hidden.Hide()
	b := canvas.NewRectangle(nil)
	b.SetMinSize(fyne.NewSize(60, 20))
	objs := []fyne.CanvasObject{a, hidden, b}
	l := Layout{Gap: 3}

	assert.Equal(t, fyne.NewSize(60, 33), l.MinSize(objs))
	l.Layout(objs, fyne.NewSize(100, 200))
	assert.Equal(t, fyne.NewPos(0, 0), a.Position())
	assert.Equal(t, fyne.NewSize(100, 10), a.Size())
	assert.Equal(t, fyne.NewPos(0, 13), b.Position())
	assert.Equal(t, fyne.NewSize(100, 20), b.Size())
}
