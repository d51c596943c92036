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
		if r == '+' {
			require.True(t, kp.Plus.Visible(), "+ key hidden")
			test.Tap(kp.Plus)
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
// TestKeypadPlus: a contact number can start with + (Hong Kong, Macao,
// Taiwan) or 00 on the keypad; the + key shows for phone numbers only, in
// the place of X.
func TestKeypadPlus(t *testing.T) {
	p, es, _ := newScreen(t, Phone, IDNumber, Digits)
	test.Tap(es[0])
	assert.True(t, p.Keypad.Plus.Visible())
	assert.False(t, p.Keypad.X.Visible())
	tapDigits(t, p.Keypad, "+85291234567")
	assert.Equal(t, "+85291234567", es[0].Text)
	test.Tap(p.Keypad.Clear)
	tapDigits(t, p.Keypad, "0085361234567")
	assert.Equal(t, "0085361234567", es[0].Text)
	test.Tap(es[1])
	assert.False(t, p.Keypad.Plus.Visible(), "no + in an ID number")
	assert.True(t, p.Keypad.X.Visible())
	test.Tap(es[2])
	assert.False(t, p.Keypad.Plus.Visible(), "nor in a number")
}

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

// TestKeypadZeroRow: with neither X nor + (a plain number) 0 takes the
// whole bottom row; with either, the key sits left of 0.
func TestKeypadZeroRow(t *testing.T) {
	p, es, _ := newScreen(t, Phone, Digits)
	test.Tap(es[1])
	zero := p.Keypad.Digit(0)
	wide := zero.Size().Width
	test.Tap(es[0])
	assert.Less(t, zero.Size().Width, wide)
	assert.Less(t, p.Keypad.Plus.Position().X+p.Keypad.Plus.Size().Width, zero.Position().X+1)
}
