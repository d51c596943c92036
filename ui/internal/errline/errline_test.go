package errline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

func TestLineShowsOnlyAMessage(t *testing.T) {
	test.NewTempApp(t)
	l := New()
	assert.False(t, l.Visible(), "a new line is hidden")
	assert.Equal(t, widget.DangerImportance, l.Importance)
	assert.Equal(t, fyne.TextWrapWord, l.Wrapping)
	assert.True(t, l.TextStyle.Bold)

	Set(l, "请填写姓名。")
	assert.True(t, l.Visible())
	assert.Equal(t, "请填写姓名。", l.Text)

	Set(l, "")
	assert.False(t, l.Visible(), "hidden again with nothing to say")
	assert.Equal(t, "", l.Text)
}
