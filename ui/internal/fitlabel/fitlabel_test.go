package fitlabel

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

func TestCutsWithEllipsisToFit(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("城乡居民基本养老保险参保登记", 4)
	l := New(long)
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(300, 100))
	l.Resize(fyne.NewSize(300, l.MinSize().Height))

	shown := l.Shown()
	assert.True(t, strings.HasSuffix(shown, "…"), shown)
	assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(shown, "…")))
	pad := theme.Size(theme.SizeNameInnerPadding)
	size := theme.Size(theme.SizeNameText)
	assert.LessOrEqual(t, fyne.MeasureText(shown, size, fyne.TextStyle{}).Width, 300-2*pad)
	// One more character would not fit.
	n := len([]rune(shown)) - 1
	longer := string([]rune(long)[:n+1]) + "…"
	assert.Greater(t, fyne.MeasureText(longer, size, fyne.TextStyle{}).Width, 300-2*pad)

	// The same cut as Fyne's own ellipsis label.
	fl := widget.NewLabel(long)
	fl.Truncation = fyne.TextTruncateEllipsis
	assert.Equal(t, fl.MinSize(), l.MinSize(), "as narrow as an ellipsis label")

	// A short text is shown whole; a wider label shows more.
	l.SetText("养老")
	assert.Equal(t, "养老", l.Shown())
	l.SetText(long)
	l.Resize(fyne.NewSize(600, l.MinSize().Height))
	assert.Greater(t, len([]rune(l.Shown())), len([]rune(shown)))
}

// TestFitsMemoryIsBounded: long texts fitted at many widths do not pile up
// past the byte bound.
func TestFitsMemoryIsBounded(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("城乡居民基本养老保险参保登记", 3000) // 126 KB
	for w := range 80 {
		fit(fitKey{long, 14, fyne.TextStyle{}, float32(200 + w), false})
	}
	fitsMu.Lock()
	defer fitsMu.Unlock()
	assert.LessOrEqual(t, fitsBytes, maxFitsBytes+2*len(long))
	assert.Less(t, len(fits), 80, "forgotten on the way")
}
