package input

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Kind is what a field holds, which chooses the on-screen input the Panel
// shows for it and which characters a physical keyboard may type into it.
type Kind int

const (
	// Text is free Chinese text: the pinyin keyboard.
	Text Kind = iota
	// Name is a person's name: the pinyin keyboard with common surnames
	// first for the first character.
	Name
	// Digits is a number: the keypad; digits only.
	Digits
	// IDNumber is a resident ID number: the keypad with X; digits and X
	// (x is typed as X).
	IDNumber
	// Phone is a contact number: the keypad with +; digits and + (for
	// +852…, +853…, +886…).
	Phone
	// Code is a receipt number or query code: the keyboard in upper-case
	// letters with digits on top; letters (typed upper-case), digits and -.
	Code
	// Date is a day: the keypad with -; digits and - (2026-03-20, or
	// 20260320 with the digits alone; / and . are typed as -).
	Date
	// Times is times of day, such as office hours 08:30-12:00 14:30-17:30:
	// the keypad with a row of :, - and 空格; digits, :, -, spaces and
	// commas (full-width : and , are folded).
	Times
)

// Keypad reports whether the kind uses the numeric keypad.
func (k Kind) Keypad() bool {
	return k == Digits || k == IDNumber || k == Phone || k == Date || k == Times
}

// accept returns the character to put into a field of this kind for r
// typed on a physical keyboard (or scanned), and false to drop it. The
// on-screen keys only offer what fits. This is a convenience for the
// resident, not validation: package data checks every value.
func (k Kind) accept(r rune) (rune, bool) {
	if r >= '０' && r <= '９' { // full-width digits
		r = r - '０' + '0'
	}
	digit := r >= '0' && r <= '9'
	switch k {
	case Digits:
		return r, digit
	case Phone:
		if r == '＋' {
			r = '+'
		}
		return r, digit || r == '+'
	case IDNumber:
		if r == 'x' || r == 'X' {
			return 'X', true
		}
		return r, digit
	case Date:
		if r == '/' || r == '.' || r == '－' {
			r = '-'
		}
		return r, digit || r == '-'
	case Times:
		switch r {
		case '：':
			r = ':'
		case '，':
			r = ','
		case '－':
			r = '-'
		}
		return r, digit || r == ':' || r == '-' || r == ' ' || r == ','
	case Code:
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A', true
		case r >= 'A' && r <= 'Z', digit, r == '-':
			return r, true
		}
		return r, false
	}
	return r, true
}

// Entry is a widget.Entry that a Panel serves: touching it (or giving it
// the focus) shows the Panel's keypad or keyboard for its Kind. It stays
// a normal entry for a physical keyboard, which may only type characters
// its Kind accepts. Make one with Panel.NewEntry, or NewEntry and
// Panel.Attach.
//
// Fyne's Entry has no public focus callback, hence this type: it
// overrides FocusGained and Tapped to tell the Panel, and TypedRune and
// TypedKey to filter by Kind and to feed the Panel's Scanner.
type Entry struct {
	widget.Entry

	// OnComposing runs when the pinyin being composed for this entry on
	// the on-screen keyboard changes (letters typed or removed, a
	// candidate picked, the composition dropped). A search box uses it
	// with Query to search as the resident types, before any character
	// is chosen.
	OnComposing func(composing string)

	kind        Kind
	composing   string
	panel       *Panel
	beforeBurst string
}

// NewEntry returns a single-line entry of the given kind, not yet
// attached to a Panel.
func NewEntry(kind Kind) *Entry {
	e := &Entry{kind: kind}
	e.ExtendBaseWidget(e)
	return e
}

// Kind returns what the entry holds.
func (e *Entry) Kind() Kind { return e.kind }

// Composing returns the pinyin being composed for the entry on the
// on-screen keyboard, not yet in its text.
func (e *Entry) Composing() string { return e.composing }

// Query is what a search-as-you-type box searches for: its text, or the
// pinyin letters being composed while its text is empty, so that j-z-z or
// j-u-z-h-u finds 居住证 at once through the store's full-pinyin and
// initials search, before 空格 or a candidate. Once the box holds Chinese,
// letters still being composed wait for their character.
func (e *Entry) Query() string {
	if strings.TrimSpace(e.Text) == "" && e.composing != "" {
		return e.composing
	}
	return e.Text
}

// FocusGained shows the Panel's input for this entry.
func (e *Entry) FocusGained() {
	e.Entry.FocusGained()
	if e.panel != nil {
		e.panel.Activate(e)
	}
}

// Tapped shows the Panel's input for this entry, also when it already has
// the focus but the panel was closed with 完成.
func (e *Entry) Tapped(ev *fyne.PointEvent) {
	e.Entry.Tapped(ev)
	if e.panel != nil {
		e.panel.Activate(e)
	}
}

// TypedRune takes a character from a physical keyboard or a scanner.
func (e *Entry) TypedRune(r rune) {
	if s := e.scanner(); s != nil {
		if s.Rune(r) {
			before := e.Text
			e.beforeBurst = before
			s.undo = func() { e.SetText(before) } // if the burst is a scan that stalls
		}
		if s.Swallowed() {
			return // the rest of a scan that stalled
		}
	}
	if r, ok := e.kind.accept(r); ok {
		e.Entry.TypedRune(r)
	}
}

// TypedKey takes a key from a physical keyboard or a scanner. An Enter
// that ends a scan puts the text back as it was before the scan and hands
// the code to the scanner's OnScan instead; the Enter of a scan that
// stalled does nothing (the scanner already put the text back).
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if s := e.scanner(); s != nil && isEnter(ev.Name) {
		if code, ok := s.End(); ok {
			e.SetText(e.beforeBurst)
			if s.OnScan != nil {
				s.OnScan(code)
			}
			return
		}
		if s.Swallowed() {
			return // the Enter of a scan that stalled submits nothing
		}
	}
	e.Entry.TypedKey(ev)
}

func (e *Entry) scanner() *Scanner {
	if e.panel == nil {
		return nil
	}
	return e.panel.scanner
}
