package input

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	bntheme "bianmin/ui/theme"
)

func TestPanelSwitchesWithEntry(t *testing.T) {
	p, es, _ := newScreen(t, Name, Phone, IDNumber, Code, Text, Digits)
	assert.Nil(t, p.Active())
	assert.Zero(t, p.MinSize().Height, "closed panel takes no room")

	tests := map[string]struct {
		entry  *Entry
		keypad bool
		mode   Mode
	}{
		"Name":     {es[0], false, Pinyin},
		"Phone":    {es[1], true, 0},
		"IDNumber": {es[2], true, 0},
		"Code":     {es[3], false, Letters},
		"Text":     {es[4], false, Pinyin},
		"Digits":   {es[5], true, 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			test.Tap(tc.entry)
			require.Same(t, tc.entry, p.Active())
			assert.Greater(t, p.MinSize().Height, float32(0))
			if tc.keypad {
				assert.Same(t, &tc.entry.Entry, p.Keypad.Target())
				assert.Nil(t, p.Keyboard.Target())
				assert.True(t, p.keypad.Visible())
				assert.False(t, p.keybd.Visible())
			} else {
				assert.Same(t, &tc.entry.Entry, p.Keyboard.Target())
				assert.Nil(t, p.Keypad.Target())
				assert.Equal(t, tc.mode, p.Keyboard.Mode())
				assert.True(t, p.keybd.Visible())
				assert.False(t, p.keypad.Visible())
			}
		})
	}

	t.Run("FocusAlsoActivates", func(t *testing.T) {
		p.Close()
		w := fyne.CurrentApp().Driver().CanvasForObject(es[1])
		w.Focus(es[1])
		assert.Same(t, es[1], p.Active())
	})
	t.Run("SwitchDropsComposition", func(t *testing.T) {
		test.Tap(es[4])
		tapLetters(t, p.Keyboard, "zhong")
		test.Tap(es[0])
		assert.Empty(t, p.Keyboard.Composing())
		assert.Empty(t, es[4].Text)
	})
	t.Run("Close", func(t *testing.T) {
		p.Close()
		assert.Nil(t, p.Active())
		assert.Zero(t, p.MinSize().Height)
	})
}

// TestPhysicalKeyboard: an attached entry stays a normal entry for a
// physical keyboard, typing only what its kind accepts.
func TestPhysicalKeyboard(t *testing.T) {
	tests := map[string]struct {
		kind  Kind
		typed string
		want  string
	}{
		"Phone":         {Phone, "138-0013 8000a", "13800138000"},
		"PhonePlus":     {Phone, "+852 9123 4567", "+85291234567"},
		"PhoneWidePlus": {Phone, "＋８８６", "+886"},
		"DigitsNoPlus":  {Digits, "+12", "12"},
		"FullWidth":     {Digits, "１２３", "123"},
		"IDLowerX":      {IDNumber, "11010519491231002x", "11010519491231002X"},
		"IDNoLetters":   {IDNumber, "1a1", "11"},
		"CodeUpperCase": {Code, "bm-2026 7k", "BM-20267K"},
		"TextAnything":  {Text, "Room 3, 张三!", "Room 3, 张三!"},
		"Name":          {Name, "阿依古丽·买买提", "阿依古丽·买买提"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, es, _ := newScreen(t, tc.kind)
			test.Type(es[0], tc.typed)
			assert.Equal(t, tc.want, es[0].Text)
		})
	}
}

func TestKindKeypad(t *testing.T) {
	tests := map[string]struct {
		kind Kind
		want bool
	}{
		"Text": {Text, false}, "Name": {Name, false}, "Code": {Code, false},
		"Digits": {Digits, true}, "IDNumber": {IDNumber, true}, "Phone": {Phone, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.kind.Keypad())
		})
	}
}

// TestKeyboardStandalone drives a Keyboard without a Panel, on a plain
// widget.Entry.
func TestKeyboardStandalone(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(bntheme.New(false))
	e := widget.NewEntry()
	kb := NewKeyboard()
	kb.SetTarget(e)
	w := test.NewWindow(container.NewBorder(nil, kb, nil, nil, e))
	defer w.Close()
	tapLetters(t, kb, "ju")
	tapCandidate(t, kb, "居")
	tapLetters(t, kb, "zhu")
	tapCandidate(t, kb, "住")
	assert.Equal(t, "居住", e.Text)

	kb.SetTarget(nil)
	tapLetters(t, kb, "a")
	assert.NotPanics(t, func() { test.Tap(kb.Candidate(0)) })
	assert.Equal(t, "居住", e.Text)
}

func TestScrollIntoView(t *testing.T) {
	test.NewTempApp(t)
	box := container.NewVBox()
	var first, last *widget.Entry
	for i := range 30 {
		last = widget.NewEntry()
		if i == 0 {
			first = last
		}
		box.Add(last)
	}
	s := container.NewVScroll(box)
	w := test.NewWindow(s)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 300))
	require.Zero(t, s.Offset.Y)

	ScrollIntoView(s, last)
	d := fyne.CurrentApp().Driver()
	bottom := d.AbsolutePositionForObject(last).Y + last.Size().Height
	assert.Greater(t, s.Offset.Y, float32(0))
	assert.LessOrEqual(t, bottom, d.AbsolutePositionForObject(s).Y+s.Size().Height+0.5)

	ScrollIntoView(s, first)
	assert.Zero(t, s.Offset.Y)
}

// TestInputsNeverTakeFocus: the keypad and keyboard are Focusable only so
// that a tap on them keeps the entry focused on the desktop driver; they
// refuse the focus itself, and Tab goes from field to field past them.
func TestInputsNeverTakeFocus(t *testing.T) {
	p, es, w := newScreen(t, Text, Phone)
	c := w.Canvas()
	test.Tap(es[0])
	c.Focus(es[0])
	for _, f := range []fyne.Focusable{p.Keyboard, p.Keypad} {
		c.Focus(f)
		assert.Same(t, es[0], c.Focused())
	}
	c.FocusNext()
	assert.Same(t, es[1], c.Focused())
	c.FocusNext()
	assert.Same(t, es[0], c.Focused())
}

// TestDismiss: the panel closes, drops what is being composed and leaves
// no field focused.
func TestDismiss(t *testing.T) {
	p, es, w := newScreen(t, Text)
	c := w.Canvas()
	test.Tap(es[0])
	c.Focus(es[0])
	test.Tap(p.Keyboard.letters['n'])
	require.NotEmpty(t, es[0].composing)
	p.Dismiss()
	assert.Nil(t, p.Active())
	assert.Nil(t, p.Keyboard.Target())
	assert.Empty(t, es[0].composing)
	assert.Nil(t, c.Focused())
	p.Dismiss() // closed already: nothing to do
	assert.Nil(t, p.Active())
}

func TestDisabledEntryDoesNotOpen(t *testing.T) {
	p, es, _ := newScreen(t, Text)
	es[0].Disable()
	p.Activate(es[0])
	assert.Nil(t, p.Active())
}

// TestEntryComposingQuery: the entry hears every change of the pinyin
// composed for it, and Query is the letters while its text is empty, the
// text once it holds some; switching to another entry or closing drops
// the composition and says so.
func TestEntryComposingQuery(t *testing.T) {
	p, es, _ := newScreen(t, Text, Text)
	e := es[0]
	var heard []string
	e.OnComposing = func(s string) { heard = append(heard, s) }
	test.Tap(e)
	tapLetters(t, p.Keyboard, "jz")
	assert.Equal(t, []string{"j", "jz"}, heard)
	assert.Equal(t, "jz", e.Composing())
	assert.Equal(t, "jz", e.Query())

	test.Tap(p.Keyboard.Space)
	assert.Equal(t, "", e.Composing())
	assert.NotEmpty(t, e.Text)
	tapLetters(t, p.Keyboard, "z")
	assert.Equal(t, e.Text, e.Query(), "letters wait for their character once there is text")

	test.Tap(es[1])
	assert.Equal(t, "", heard[len(heard)-1], "switching entries drops the composition")
	assert.Equal(t, "", e.Composing())
	tapLetters(t, p.Keyboard, "d")
	assert.Equal(t, "", e.Composing(), "the other entry's letters are not e's")
	assert.Equal(t, "d", es[1].Composing())
	p.Close()
	assert.Equal(t, "", es[1].Composing())
}
