package input

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// Keypad is the large numeric keypad for mobile numbers, ID numbers,
// receipt numbers and codes: 0–9, X (for ID numbers, shown on request),
// + (for contact numbers of Hong Kong, Macao and Taiwan, +852…, in the
// same place, shown on request), 退格 (backspace), 清空 (clear) and 完成 (done).
//
// It types into a *widget.Entry (an *Entry's embedded one when a Panel
// drives it) through the entry's own TypedRune/TypedKey, so the cursor,
// selection, undo and OnChanged behave as with a physical keyboard.
type Keypad struct {
	widget.BaseWidget
	keepsFocus

	// OnDone runs after 完成 has sent Enter to the entry (which runs the
	// entry's OnSubmitted).
	OnDone func()

	// X types an upper-case X: the check character of a resident ID.
	// Hidden unless SetX(true).
	X *Key
	// Plus types + (the start of +852…, +853…, +886…; 00852… works with
	// the digits alone). Hidden unless SetPlus(true); it takes X's place.
	Plus *Key
	// Dash types - between a date's parts (2026-03-20). Hidden unless
	// SetDash(true); it takes X's place.
	Dash *Key
	// Colon, To and Space type ":", "-" and " " for times of day (office
	// hours such as 08:30-12:00 14:30-17:30): a row of their own under the
	// digits, hidden unless SetTimes(true).
	Colon, To, Space *Key
	// Backspace deletes the character before the cursor.
	Backspace *Key
	// Clear empties the entry.
	Clear *Key
	// Done sends Enter to the entry and runs OnDone.
	Done *Key

	digits [10]*Key
	xCell  *fyne.Container // X, Plus and Dash
	times  *fyne.Container // Colon, To and Space
	target *widget.Entry
	after  func() // run after every key, e.g. to give the entry its focus back
	body   fyne.CanvasObject
}

var _ fyne.Disableable = (*Keypad)(nil)

// NewKeypad returns a keypad with no target; give it one with SetTarget.
func NewKeypad() *Keypad {
	k := &Keypad{}
	k.ExtendBaseWidget(k)
	for d := range k.digits {
		k.digits[d] = newKey(string(rune('0'+d)), roleChar, func() { k.typeRune(rune('0' + d)) })
		k.digits[d].tall = 1.2
		k.digits[d].wide = 1.5
	}
	k.X = newKey("X", roleChar, func() { k.typeRune('X') })
	k.X.tall, k.X.wide = 1.2, 1.5
	k.X.Hide()
	k.Plus = newKey("+", roleChar, func() { k.typeRune('+') })
	k.Plus.tall, k.Plus.wide = 1.2, 1.5
	k.Plus.Hide()
	k.Dash = newKey("-", roleChar, func() { k.typeRune('-') })
	k.Dash.tall, k.Dash.wide = 1.2, 1.5
	k.Dash.Hide()
	k.Colon = newKey(":", roleChar, func() { k.typeRune(':') })
	k.To = newKey("-", roleChar, func() { k.typeRune('-') })
	k.Space = newKey(lang.L("input.key.space"), roleAction, func() { k.typeRune(' ') })
	for _, c := range []*Key{k.Colon, k.To, k.Space} {
		c.tall, c.wide = 1.2, 1.5
	}
	k.Backspace = newKey(lang.L("input.key.backspace"), roleAction, k.backspace)
	k.Clear = newKey(lang.L("input.key.clear"), roleAction, k.clear)
	k.Done = newKey(lang.L("input.key.done"), rolePrimary, k.done)
	for _, a := range []*Key{k.Backspace, k.Clear, k.Done} {
		a.wide = 1.5
	}

	// X, + and - share a cell, hidden (0 the whole row) when none shows.
	k.xCell = &fyne.Container{Layout: layout.NewStackLayout(), Objects: []fyne.CanvasObject{k.X, k.Plus, k.Dash}}
	k.xCell.Hide()
	k.times = row(nil, k.Colon, k.To, k.Space)
	for _, o := range append(k.times.Objects, k.times) {
		o.Hide()
	}
	d := k.digits
	grid := column(ones(5),
		row(nil, d[1], d[2], d[3]),
		row(nil, d[4], d[5], d[6]),
		row(nil, d[7], d[8], d[9]),
		row([]float32{1, 2}, k.xCell, d[0]),
		k.times,
	)
	actions := column([]float32{1, 1, 2}, k.Backspace, k.Clear, k.Done)
	k.body = row([]float32{3, 1}, grid, actions)
	return k
}

// Digit returns the key for digit d (0–9).
func (k *Keypad) Digit(d int) *Key { return k.digits[d] }

// SetX shows or hides the X key.
func (k *Keypad) SetX(show bool) { k.setExtra(k.X, show) }

// SetPlus shows or hides the + key.
func (k *Keypad) SetPlus(show bool) { k.setExtra(k.Plus, show) }

// SetDash shows or hides the - key of a date.
func (k *Keypad) SetDash(show bool) { k.setExtra(k.Dash, show) }

// setExtra shows or hides one of the keys beside 0 (X, +, -).
func (k *Keypad) setExtra(key *Key, show bool) {
	if show {
		key.Show()
	} else {
		key.Hide()
	}
	k.showCell()
	k.Refresh()
}

// SetTimes shows or hides the row of ":", "-" and 空格 for times of day.
func (k *Keypad) SetTimes(show bool) {
	for _, o := range append(k.times.Objects, k.times) {
		if show {
			o.Show()
		} else {
			o.Hide()
		}
	}
	k.Refresh()
}

func (k *Keypad) showCell() {
	if k.X.Visible() || k.Plus.Visible() || k.Dash.Visible() {
		k.xCell.Show()
	} else {
		k.xCell.Hide()
	}
}

// SetTarget sets the entry the keys type into; nil makes them do nothing.
func (k *Keypad) SetTarget(e *widget.Entry) { k.target = e }

// Target returns the entry the keys type into.
func (k *Keypad) Target() *widget.Entry { return k.target }

func (k *Keypad) typeRune(r rune) {
	if k.target != nil {
		k.target.TypedRune(r)
	}
	k.afterKey()
}

func (k *Keypad) backspace() {
	if k.target != nil {
		k.target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	k.afterKey()
}

func (k *Keypad) clear() {
	if k.target != nil {
		k.target.SetText("")
	}
	k.afterKey()
}

func (k *Keypad) done() {
	if k.target != nil {
		k.target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	k.afterKey()
	if k.OnDone != nil {
		k.OnDone()
	}
}

func (k *Keypad) afterKey() {
	if k.after != nil {
		k.after()
	}
}

// CreateRenderer implements fyne.Widget.
func (k *Keypad) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.body)
}
