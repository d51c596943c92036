package input

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
)

// Defaults for a Scanner. A keyboard-wedge scanner types a code a few
// milliseconds per key (under 30 ms even for slow Bluetooth ones) and ends
// with Enter; even a fast typist rarely presses six keys in a row each
// under 40 ms apart, and a held key (repeating about every 33 ms) is
// caught as one repeated character. Six characters is shorter than any
// receipt number, token or URL we print.
const (
	DefaultScanMaxGap    = 40 * time.Millisecond
	DefaultScanMinLength = 6
)

// Scanner tells a barcode/QR scanner that types like a keyboard from a
// person typing: a burst of at least MinLength characters, each within
// MaxGap of the one before, ended by Enter within MaxGap, is a scan. A
// pause starts a new burst, so slow typing never is one; a burst of one
// repeated character (a held key) is not one either.
//
// Feed it every rune and Enter with Rune and Enter (or End). It is pure
// logic with an injectable clock, and, like everything on Fyne's UI
// goroutine, not safe for concurrent use.
//
// Where the events come from: Fyne delivers keys to the focused widget,
// and to the canvas's OnTypedRune/OnTypedKey only when nothing has the
// focus. Hook covers the second case. For the first, an *Entry attached
// to a Panel that has the scanner (Panel.SetScanner) feeds its own key
// events to it, and when a burst turns out to be a scan it puts back the
// text it had before the burst, so the code never lands in the field.
// Another focused widget (a plain widget.Entry, a focused Select) keeps
// its keys to itself: on kiosk screens use *Entry.
type Scanner struct {
	// OnScan receives each scanned code, cleaned (see Clean).
	OnScan func(code string)
	// MaxGap is the longest pause between the keys of a scan.
	MaxGap time.Duration
	// MinLength is the fewest characters a scan has.
	MinLength int
	// Now is the clock; tests replace it.
	Now func() time.Time

	buf  []rune
	last time.Time
}

// NewScanner returns a scanner with the default gap, length and clock.
func NewScanner(onScan func(code string)) *Scanner {
	return &Scanner{OnScan: onScan, MaxGap: DefaultScanMaxGap, MinLength: DefaultScanMinLength, Now: time.Now}
}

// Rune records a typed character. It reports whether the character starts
// a new burst (it came after a pause, or first): a caller that also types
// the character somewhere remembers what was there before it.
func (s *Scanner) Rune(r rune) (first bool) {
	now := s.Now()
	if len(s.buf) == 0 || now.Sub(s.last) > s.MaxGap {
		s.buf = s.buf[:0]
		first = true
	}
	s.buf = append(s.buf, r)
	s.last = now
	return first
}

// End is called on Enter. If the keys since the last pause are a scan it
// returns the cleaned code and true. Either way the burst is over.
func (s *Scanner) End() (code string, ok bool) {
	now := s.Now()
	buf := s.buf
	s.buf = s.buf[:0]
	if len(buf) < s.MinLength || now.Sub(s.last) > s.MaxGap || repeated(buf) {
		return "", false
	}
	code = Clean(string(buf))
	return code, code != ""
}

// Enter is End followed by OnScan for a scan. It reports whether the Enter
// ended a scan, in which case the caller should not act on it otherwise.
func (s *Scanner) Enter() bool {
	code, ok := s.End()
	if ok && s.OnScan != nil {
		s.OnScan(code)
	}
	return ok
}

// Reset forgets the keys seen so far.
func (s *Scanner) Reset() { s.buf = s.buf[:0] }

// Hook feeds the canvas's key events to the scanner: the events Fyne
// sends there, when no widget has the focus. The canvas's previous
// handlers still run, except for the Enter that ends a scan.
func (s *Scanner) Hook(c fyne.Canvas) {
	prevRune, prevKey := c.OnTypedRune(), c.OnTypedKey()
	c.SetOnTypedRune(func(r rune) {
		s.Rune(r)
		if prevRune != nil {
			prevRune(r)
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if isEnter(ev.Name) && s.Enter() {
			return
		}
		if prevKey != nil {
			prevKey(ev)
		}
	})
}

func isEnter(n fyne.KeyName) bool { return n == fyne.KeyReturn || n == fyne.KeyEnter }

// repeated reports whether buf is one character over and over: a key
// held down, not a scan.
func repeated(buf []rune) bool {
	for _, r := range buf[1:] {
		if r != buf[0] {
			return false
		}
	}
	return true
}

// Clean strips what scanners add around a code: control characters (CR,
// LF, Tab, STX/ETX framing), invisible format characters, surrounding
// white space and an AIM symbology identifier such as ]Q1 (QR), ]C1
// (Code 128) or ]E0 (EAN-13) at the start.
func Clean(raw string) string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, raw)
	s = strings.TrimSpace(s)
	if len(s) >= 3 && s[0] == ']' && isASCIILetter(s[1]) && isASCIIAlnum(s[2]) {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isASCIIAlnum(b byte) bool  { return isASCIILetter(b) || b >= '0' && b <= '9' }
