package input

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	bntheme "bianmin/ui/theme"
)

func newAutoWindow(t *testing.T, content fyne.CanvasObject) (*Auto, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(bntheme.New(false))
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	auto := NewAuto(w)
	w.SetContent(auto.Wrap(content))
	w.Resize(fyne.NewSize(1280, 800))
	return auto, w
}

func focus(auto *Auto, w fyne.Window, e fyne.Focusable) {
	w.Canvas().Focus(e)
	auto.Check()
}

func apart(t *testing.T, a, b fyne.CanvasObject) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	ap, as := d.AbsolutePositionForObject(a), a.Size()
	bp, bs := d.AbsolutePositionForObject(b), b.Size()
	require.Positive(t, as.Height)
	overlap := ap.X < bp.X+bs.Width && bp.X < ap.X+as.Width && ap.Y < bp.Y+bs.Height && bp.Y < ap.Y+as.Height
	assert.False(t, overlap, "%v+%v overlaps %v+%v", ap, as, bp, bs)
}

// A field of the window gets the window's panel; a password field the
// keypad; Skip and SetKind change that.
func TestAutoWindowFields(t *testing.T) {
	name, pin, own, phone := widget.NewEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewEntry()
	box := container.NewVBox(name, pin, own, phone)
	auto, w := newAutoWindow(t, box)
	auto.Skip(own)
	auto.SetKind(phone, Phone)
	assert.Nil(t, auto.Serving())

	focus(auto, w, name)
	require.Same(t, auto.Panel, auto.Serving())
	assert.Same(t, name, auto.Panel.Keyboard.Target())
	for _, c := range "ni" {
		test.Tap(auto.Panel.Keyboard.Letter(c))
	}
	test.Tap(auto.Panel.Keyboard.Space)
	assert.Equal(t, "你", name.Text)
	apart(t, auto.Panel, name)

	focus(auto, w, pin)
	assert.Same(t, pin, auto.Panel.Keypad.Target())
	test.Tap(auto.Panel.Keypad.Digit(7))
	assert.Equal(t, "7", pin.Text)

	focus(auto, w, phone)
	assert.Same(t, phone, auto.Panel.Keypad.Target())

	auto.Panel.Close()
	focus(auto, w, own)
	assert.Nil(t, auto.Serving(), "skipped")

	// A field taken off the screen takes the panel with it.
	focus(auto, w, name)
	require.Same(t, auto.Panel, auto.Serving())
	box.Remove(name)
	auto.Check()
	assert.Nil(t, auto.Serving())
}

// A field in a dialog gets a panel inside the dialog, below its form,
// never over the field; the window's panel closes under the dialog.
func TestAutoDialogField(t *testing.T) {
	outside := widget.NewEntry()
	auto, w := newAutoWindow(t, outside)
	focus(auto, w, outside)
	require.Same(t, auto.Panel, auto.Serving())

	note := widget.NewMultiLineEntry()
	note.SetMinRowsVisible(3)
	day := widget.NewEntry()
	d := dialog.NewForm("备注", "确定", "取消", []*widget.FormItem{
		widget.NewFormItem("备注", note), widget.NewFormItem("日期", day),
	}, nil, w)
	d.Show()
	focus(auto, w, note)
	p := auto.Serving()
	require.NotNil(t, p)
	assert.NotSame(t, auto.Panel, p)
	assert.Nil(t, auto.Panel.Field(), "the window's panel is closed under the dialog")
	apart(t, p, note)
	apart(t, p, day)
	for _, c := range "hao" {
		test.Tap(p.Keyboard.Letter(c))
	}
	test.Tap(p.Keyboard.Candidate(0))
	assert.Equal(t, "好", note.Text)
	test.Tap(p.Keyboard.Done)
	assert.Equal(t, "好", note.Text, "完成 adds no line to a multi-line field")
	assert.Nil(t, auto.Serving())

	// Closed, the dialog's panel goes with it; the window's field still
	// has the window's focus and gets the window's panel back.
	d.Hide()
	auto.Check()
	assert.Same(t, auto.Panel, auto.Serving())
	assert.Same(t, outside, auto.Panel.Field())
}
