package kiosk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"bianmin/ui/input"
)

// trackKeys is the on-screen keypad and keyboard of a form screen, laid
// out below the form (never over it). It feeds the Tracker's scanner, so a
// scan works while a field has the focus. While the keys are open they take
// half a landscape screen: there the objects set aside (pictures, intros)
// hide so the fields move up and multi-line fields shrink to two lines.
// The field being filled scrolls into view; when the keys close, all comes
// back.
type trackKeys struct {
	Panel  *input.Panel
	Scroll *container.Scroll

	root  *fyne.Container
	aside []fyne.CanvasObject
	multi map[*input.Entry]int // multi-line fields and their rows when the keys are closed
	done  func(e *input.Entry)
}

// newTrackKeys makes the keys of a form. 完成 runs done with the field
// (nil done: the keys close). For a multi-line field the Enter that 完成
// types is taken back out first (see dropDoneNewline).
func newTrackKeys(t *Tracker, done func(e *input.Entry)) *trackKeys {
	k := &trackKeys{Panel: input.NewPanel(), multi: map[*input.Entry]int{}, done: done}
	k.Panel.SetScanner(t.Scanner)
	k.Panel.OnShow = k.opened
	k.Panel.OnDone = func(e *input.Entry) {
		if e != nil && e.MultiLine {
			dropDoneNewline(e)
		}
		if k.done != nil && e != nil {
			k.done(e)
			return
		}
		k.close()
	}
	return k
}

// place lays the screen out: body scrolls above the keys; aside are the
// objects of body to hide while the keys are open.
func (k *trackKeys) place(body fyne.CanvasObject, aside ...fyne.CanvasObject) fyne.CanvasObject {
	k.Scroll = vscroll(body)
	k.aside = aside
	k.root = container.NewBorder(nil, k.Panel, nil, nil, k.Scroll)
	return k.root
}

// multiLine makes e a wrapped field of rows lines for free text.
func (k *trackKeys) multiLine(e *input.Entry, rows int) {
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	k.multi[e] = rows
}

func (k *trackKeys) opened(e *input.Entry) {
	k.arrange(true)
	if k.Scroll != nil {
		input.ScrollIntoView(k.Scroll, e)
	}
}

// arrange hides or shows what is set aside and lays the screen out again
// at once, so that scrolling into view measures the new sizes.
func (k *trackKeys) arrange(open bool) {
	if open && !k.short() {
		open = false // a portrait screen has room for everything
	}
	for _, o := range k.aside {
		if open {
			o.Hide()
		} else {
			o.Show()
		}
	}
	for e, rows := range k.multi {
		if open {
			e.SetMinRowsVisible(min(rows, 2))
		} else {
			e.SetMinRowsVisible(rows)
		}
	}
	if k.root != nil {
		k.root.Refresh()
	}
}

// short reports whether the screen is landscape, where the open keys
// leave little room above them.
func (k *trackKeys) short() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(k.Panel)
	if c == nil {
		return true
	}
	s := c.Size()
	return s.Width > s.Height
}

// close closes the keys, takes the focus from the field and brings back
// what was set aside.
func (k *trackKeys) close() {
	k.Panel.Dismiss()
	k.arrange(false)
}

// focusEntry moves the focus (and the panel) to e.
func focusEntry(e *input.Entry) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// dropDoneNewline removes the line break that the keyboard's 完成 (an
// Enter) has just typed into a multi-line field: the on-screen keyboard
// has no other Enter, so a line break at the very end is never wanted.
func dropDoneNewline(e *input.Entry) {
	if s := strings.TrimRight(e.Text, "\n"); s != e.Text {
		e.SetText(s)
	}
}
