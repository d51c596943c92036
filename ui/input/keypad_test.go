package input

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tapDigits taps the keypad's keys for each digit of s, and X for X.
func tapDigits(t *testing.T, kp *Keypad, s string) {
	t.Helper()
	for _, r := range s {
		if r == 'X' {
			require.True(t, kp.X.Visible(), "X key hidden")
			test.Tap(kp.X)
			continue
		}
		test.Tap(kp.Digit(int(r - '0')))
	}
}

func TestKeypad(t *testing.T) {
	tests := map[string]struct {
		kind  Kind
		taps  func(kp *Keypad)
		want  string
		showX bool
	}{
		"IDNumberWithX": {IDNumber, func(kp *Keypad) {
			tapDigits(t, kp, "11010519491231002X")
		}, "11010519491231002X", true},
		"Phone": {Phone, func(kp *Keypad) {
			tapDigits(t, kp, "13800138000")
		}, "13800138000", false},
		"Backspace": {Phone, func(kp *Keypad) {
			tapDigits(t, kp, "1389")
			test.Tap(kp.Backspace)
			tapDigits(t, kp, "0")
		}, "1380", false},
		"BackspaceOnEmpty": {Digits, func(kp *Keypad) {
			test.Tap(kp.Backspace)
		}, "", false},
		"Clear": {IDNumber, func(kp *Keypad) {
			tapDigits(t, kp, "110105")
			test.Tap(kp.Clear)
			tapDigits(t, kp, "2")
		}, "2", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, es, _ := newScreen(t, tc.kind)
			e := es[0]
			test.Tap(e)
			require.Same(t, &e.Entry, p.Keypad.Target())
			assert.Nil(t, p.Keyboard.Target())
			assert.Equal(t, tc.showX, p.Keypad.X.Visible())
			tc.taps(p.Keypad)
			assert.Equal(t, tc.want, e.Text)
		})
	}
}

// TestKeypadDone: 完成 submits the entry and closes the panel, or runs
// the screen's OnDone instead of closing.
func TestKeypadDone(t *testing.T) {
	t.Run("Closes", func(t *testing.T) {
		p, es, _ := newScreen(t, Phone)
		var submitted string
		es[0].OnSubmitted = func(s string) { submitted = s }
		test.Tap(es[0])
		tapDigits(t, p.Keypad, "13800138000")
		test.Tap(p.Keypad.Done)
		assert.Equal(t, "13800138000", submitted)
		assert.Nil(t, p.Active())
	})
	t.Run("OnDone", func(t *testing.T) {
		p, es, _ := newScreen(t, Phone, IDNumber)
		p.OnDone = func(e *Entry) {
			if e == es[0] {
				p.Activate(es[1]) // next field
			}
		}
		test.Tap(es[0])
		tapDigits(t, p.Keypad, "13800138000")
		test.Tap(p.Keypad.Done)
		assert.Same(t, es[1], p.Active())
		tapDigits(t, p.Keypad, "X")
		assert.Equal(t, "X", es[1].Text)
	})
}
