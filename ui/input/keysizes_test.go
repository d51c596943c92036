package input

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	bntheme "bianmin/ui/theme"
)

func TestSetKeySizesGivesNormalKeysInElderMode(t *testing.T) {
	p, es, _ := newScreen(t, Phone, Name)
	test.Tap(es[0])
	require.Same(t, es[0], p.Active())
	normalKey, normalPanel := p.Keypad.Digit(1).MinSize(), p.MinSize()
	test.Tap(es[1])
	normalLetter := p.Keyboard.Letter('a').MinSize()

	fyne.CurrentApp().Settings().SetTheme(bntheme.New(true))
	test.Tap(es[0])
	elderKey := p.Keypad.Digit(1).MinSize()
	require.Greater(t, elderKey.Height, normalKey.Height)

	p.SetKeySizes(bntheme.New(false))
	assert.Equal(t, normalKey, p.Keypad.Digit(1).MinSize(), "a normal-mode key in elder mode")
	assert.InDelta(t, normalPanel.Height, p.MinSize().Height, 0.01, "and the whole keypad")
	test.Tap(es[1])
	assert.Equal(t, normalLetter, p.Keyboard.Letter('a').MinSize(), "the keyboard's keys too")

	p.SetKeySizes(nil)
	assert.Equal(t, elderKey, p.Keypad.Digit(1).MinSize(), "back to the app's sizes")
}
