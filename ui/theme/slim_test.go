package theme_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	bmtheme "bianmin/ui/theme"
)

func TestInsetTakesBackPartOfTheInnerPadding(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, bmtheme.New(false))
	l := widget.NewLabel("受理后转报公安派出所")
	full := l.MinSize()
	by := func() float32 { return 12 }
	w := bmtheme.Inset(l, by)
	assert.Equal(t, full.SubtractWidthHeight(24, 24), w.MinSize())

	w.Resize(fyne.NewSize(400, 50))
	assert.Equal(t, fyne.NewPos(-12, -12), l.Position(), "the label overlaps its wrapper by the inset")
	assert.Equal(t, fyne.NewSize(424, 74), l.Size())

	l.Hide()
	assert.False(t, w.Visible(), "hidden with its label")
	assert.Equal(t, fyne.Size{}, w.MinSize())
	w.Show()
	assert.True(t, l.Visible())
}

func TestShrinkCentresAButtonInLessRoom(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, bmtheme.New(false))
	b := widget.NewButton("受理", nil)
	full := b.MinSize()
	w := bmtheme.Shrink(b, func() float32 { return 10 })
	assert.Equal(t, full.SubtractWidthHeight(20, 20), w.MinSize())
	w.Resize(w.MinSize())
	assert.Equal(t, fyne.NewPos(0, 0), b.Position())
	assert.Equal(t, w.MinSize(), b.Size(), "the button's background is the room given")
}

func TestTightenKeepsABordersSides(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, bmtheme.New(false))
	top := widget.NewLabel("申请人")
	left := widget.NewButton("返回", nil)
	center := widget.NewLabel("WY-20260305-0002")
	c := container.NewBorder(top, nil, left, nil, center)
	pad := fynetheme.Padding()
	bmtheme.Tighten(c, func() float32 { return 6 }, func() float32 { return pad })
	for _, o := range c.Objects {
		assert.NotSame(t, top, o, "every object is wrapped")
	}

	c.Resize(fyne.NewSize(600, 200))
	by := bmtheme.New(false).Size(fynetheme.SizeNameInnerPadding) - 6
	topH := top.MinSize().Height - 2*by
	assert.Equal(t, fyne.NewPos(-by, -by), top.Position(), "the top stays on top")
	centerWrap, leftWrap := c.Objects[0], c.Objects[2] // NewBorder puts the centre first, then the sides
	assert.Equal(t, fyne.NewPos(0, topH+pad), leftWrap.Position(), "the left side is under the top")
	leftW := left.MinSize().Width - 2*by
	assert.Equal(t, fyne.NewPos(leftW+pad, topH+pad), centerWrap.Position(), "the centre is right of the left side")
	assert.Equal(t, float32(600-leftW-pad), centerWrap.Size().Width)
}

func TestTightenAgainWrapsOnlyWhatWasAdded(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, bmtheme.New(false))
	box := container.NewVBox(widget.NewLabel("一"))
	inner := func() float32 { return 6 }
	bmtheme.Tighten(box, inner, fynetheme.Padding)
	first := box.Objects[0]
	box.Add(widget.NewLabel("二"))
	bmtheme.Tighten(box, inner, fynetheme.Padding)
	require.Len(t, box.Objects, 2)
	assert.Same(t, first, box.Objects[1-1], "not wrapped twice")
	_, stillLabel := box.Objects[1].(*widget.Label)
	assert.False(t, stillLabel, "the new label is wrapped")
}
