package fitlabel

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

// TestLinesKeepChinesePunctuation: at every width, no line begins with
// closing punctuation or ends with opening punctuation, a number stays
// whole, nothing is lost, and the label is as high as its lines.
func TestLinesKeepChinesePunctuation(t *testing.T) {
	test.NewTempApp(t)
	text := "请携带《居民身份证》原件，到2号窗口办理。咨询电话：0919-0000001。材料齐全的，当场办结；不齐全的，一次告知。"
	l := NewWrapped(text)
	w := test.NewTempWindow(t, l)
	for width := float32(120); width <= 700; width += 7 {
		w.Resize(fyne.NewSize(width, 400))
		l.Resize(fyne.NewSize(width, l.MinSize().Height))
		shown := l.Shown()
		lines := strings.Split(shown, "\n")
		for i, line := range lines {
			if line == "" {
				continue
			}
			first, last := []rune(line)[0], []rune(line)[len([]rune(line))-1]
			assert.NotContains(t, "，。、；：）》”", string(first), "width %v line %d %q", width, i, line)
			if i < len(lines)-1 {
				assert.NotContains(t, "（《“", string(last), "width %v line %d %q", width, i, line)
			}
		}
		assert.Equal(t, text, strings.Join(lines, ""), "width %v", width)
		if width >= 200 { // narrower, the number alone is wider than a line
			assert.Contains(t, strings.Join(lines, "|"), "0919-0000001", "width %v: the number whole", width)
		}
	}
	l.Resize(fyne.NewSize(200, 10))
	l.Refresh()
	one := fyne.MeasureText("请", fyne.CurrentApp().Settings().Theme().Size("text"), fyne.TextStyle{}).Height
	assert.Greater(t, l.MinSize().Height, 3*one, "as high as its lines")
}

// TestSetTextBreaksAgain: a new text is broken for the width the label has.
func TestSetTextBreaksAgain(t *testing.T) {
	test.NewTempApp(t)
	l := NewWrapped("短")
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(160, 400))
	l.Resize(fyne.NewSize(160, 300))
	assert.Equal(t, "短", l.Shown())
	l.SetText("材料齐全的，当场办结；不齐全的，一次告知。")
	assert.Contains(t, l.Shown(), "\n")
	assert.Equal(t, "材料齐全的，当场办结；不齐全的，一次告知。", strings.ReplaceAll(l.Shown(), "\n", ""))
}
