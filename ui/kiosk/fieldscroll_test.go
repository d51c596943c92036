package kiosk_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// textScrollOf is the scroll inside a multi-line entry that shows its text.
func textScrollOf(t *testing.T, w fyne.Widget) *container.Scroll {
	t.Helper()
	var found *container.Scroll
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if sc, ok := o.(*container.Scroll); ok && found == nil {
			found = sc
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(w)
	require.NotNil(t, found, "no text scroll in %T", w)
	return found
}

// regToDescription fills the steps after the first field of 最低生活保障
// up to the description, calling at with "name" and "phone" when those
// are filled.
func regToDescription(t *testing.T, r *regRig, at func(step string)) *kiosk.RegisterStep {
	t.Helper()
	s := r.step(t, kiosk.RegisterField)
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
	at("name")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	at("phone")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterID)
	regKeys(t, s.Panel.Keypad, regGoodID)
	test.Tap(s.NextButton)
	return r.step(t, kiosk.RegisterDescription)
}

// TestDescriptionTextScrollsWithAFinger: on the registration's free-text
// step, a description longer than the field's rows scrolls inside the
// field with a finger, and a tap still focuses it.
func TestDescriptionTextScrollsWithAFinger(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	s := regOpenDB(t, r)
	test.Tap(s.NextButton) // 同意
	s = r.step(t, kiosk.RegisterField)
	regKeys(t, s.Panel.Keypad, "3")
	test.Tap(s.NextButton)
	s = regToDescription(t, r, func(string) {})
	e := s.Entry
	e.SetText(strings.Repeat("家中有老人长期患病，需要照顾。\n", 12))
	text := textScrollOf(t, e)
	require.Greater(t, text.Content.Size().Height, text.Size().Height+100, "the text is longer than the field")
	before := text.Offset.Y

	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(e).Add(fyne.NewPos(e.Size().Width/2, e.Size().Height-15))
	// one event from the end point: the surface reads an event's position
	// as where the finger is now, as the driver sends it
	test.Drag(r.win.Canvas(), at.AddXY(0, -60), 0, -60)
	assert.InDelta(t, before+60, text.Offset.Y, 0.5, "the field's text follows the finger up")
	assert.Equal(t, "", e.SelectedText(), "a drag selects nothing")
}
