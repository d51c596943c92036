package kiosk_test

import (
	"regexp"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// drawnSize is the size the text exactly equal to text is drawn at inside
// an entry on the window: the markup names a size only when it is not
// the body size.
func drawnSize(t *testing.T, w fyne.Window, text string) float32 {
	t.Helper()
	re := regexp.MustCompile(`type="\*widget.entryContent">\s*<widget[^>]*>\s*<text([^>]*)>` + regexp.QuoteMeta(text) + `</text>`)
	m := re.FindStringSubmatch(test.RenderToMarkup(w.Canvas()))
	require.NotNil(t, m, "no entry shows %q", text)
	if s := regexp.MustCompile(`textSize="([0-9.]+)"`).FindStringSubmatch(m[1]); s != nil {
		v, err := strconv.ParseFloat(s[1], 32)
		require.NoError(t, err)
		return float32(v)
	}
	return fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameText)
}

// TestRegisterEntriesShowBodySizeText reads back the size the typed text
// is drawn at in the registration steps' fields (a number, a name, the
// free-text description), against the help text under them: never
// smaller, in normal mode and in elder mode, where both are larger.
func TestRegisterEntriesShowBodySizeText(t *testing.T) {
	var sizes [2]float32
	for i, elder := range []bool{false, true} {
		r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
		r.k.SetElder(elder)
		body := fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameText)
		s := regOpenDB(t, r)
		test.Tap(s.NextButton) // 同意

		s = r.step(t, kiosk.RegisterField)
		regKeys(t, s.Panel.Keypad, "3")
		size := drawnSize(t, r.win, "3")
		assert.Equal(t, body, size, "a number field (elder %v)", elder)
		assert.GreaterOrEqual(t, size, s.Help.Theme().Size(s.Help.SizeName), "no smaller than the help under it")
		sizes[i] = size
		test.Tap(s.NextButton)

		s = r.step(t, kiosk.RegisterField)
		regKeys(t, s.Panel.Keypad, "1250")
		test.Tap(s.NextButton)
		s = r.step(t, kiosk.RegisterField)
		choose(t, s, "因病")
		test.Tap(s.NextButton)
		s = r.step(t, kiosk.RegisterField)
		choose(t, s, "本人申请")
		test.Tap(s.NextButton)

		s = r.step(t, kiosk.RegisterName)
		regPinyin(t, s.Panel.Keyboard, "zhang", "张")
		regPinyin(t, s.Panel.Keyboard, "san", "三")
		assert.Equal(t, body, drawnSize(t, r.win, "张三"), "the name (elder %v)", elder)
		test.Tap(s.NextButton)
		s = r.step(t, kiosk.RegisterPhone)
		regKeys(t, s.Panel.Keypad, regPhone)
		assert.Equal(t, body, drawnSize(t, r.win, regPhone), "the phone number (elder %v)", elder)
		test.Tap(s.NextButton)
		s = r.step(t, kiosk.RegisterID)
		regKeys(t, s.Panel.Keypad, regGoodID)
		test.Tap(s.NextButton)

		s = r.step(t, kiosk.RegisterDescription)
		regPinyin(t, s.Panel.Keyboard, "kun", "困")
		assert.Equal(t, body, drawnSize(t, r.win, "困"), "the description (elder %v)", elder)
	}
	assert.Greater(t, sizes[1], sizes[0], "elder mode's fields show larger text")
}
