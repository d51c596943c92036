package input

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"

	"bianmin/ui/internal/hooks"
)

// Defaults for a Scanner. A keyboard-wedge scanner types a code a few
// milliseconds per key (under 30 ms even for slow Bluetooth ones) and ends
// with Enter; even a fast typist rarely presses six keys in a row each
// under 40 ms apart, and a held key (repeating about every 33 ms) is
// caught as one repeated character. Six characters is shorter than any
// receipt number, token or URL we print.
//
// A burst that looks like a scan but has no Enter within
// DefaultScanStallAfter of its last key is a scan that stalled (a
// Bluetooth scanner losing its link mid-code, a code read in part): what
// it typed is taken back, and keys that follow it within DefaultScanTail
// (the rest of the code and its Enter) are dropped.
const (
	DefaultScanMaxGap     = 40 * time.Millisecond
	DefaultScanMinLength  = 6
	DefaultScanStallAfter = 150 * time.Millisecond
	DefaultScanTail       = time.Second
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

	// OnStall runs (on the UI goroutine) when a scan stalls: the screen
	// says 未能识别，请重新扫描. The field the burst typed into has its text
	// put back already.
	OnStall func()
	// StallAfter is how long a scan-like burst may pause without its
	// Enter before it counts as stalled; Tail is the longest pause
	// between the keys dropped after it.
	StallAfter, Tail time.Duration
	// After schedules the stall check and runs f on the UI goroutine
	// (the screen's timer: time.AfterFunc and fyne.Do, or a test's).
	// While it is nil stalls are not watched for.
	After func(d time.Duration, f func()) (stop func())

	buf       []rune
	last      time.Time
	stop      func()    // cancels the pending stall check
	tailLast  time.Time // the last key of a stalled scan's tail; zero: none
	swallowed bool      // the last key belongs to a stalled scan
	undo      func()    // puts back the text the burst typed into a field
}

// NewScanner returns a scanner with the default gap, length, stall times
// and clock.
func NewScanner(onScan func(code string)) *Scanner {
	return &Scanner{OnScan: onScan, MaxGap: DefaultScanMaxGap, MinLength: DefaultScanMinLength,
		StallAfter: DefaultScanStallAfter, Tail: DefaultScanTail, Now: time.Now}
}

// Swallowed reports whether the key just fed (Rune, End or Enter) belongs
// to a scan that stalled: the caller drops it (types nothing, submits
// nothing).
func (s *Scanner) Swallowed() bool { return s.swallowed }

// inTail reports whether a key at now continues a stalled scan's tail,
// and extends the tail if so.
func (s *Scanner) inTail(now time.Time) bool {
	if s.tailLast.IsZero() {
		return false
	}
	if now.Sub(s.tailLast) > s.tail() {
		s.tailLast = time.Time{}
		return false
	}
	s.tailLast = now
	return true
}

func (s *Scanner) tail() time.Duration {
	if s.Tail > 0 {
		return s.Tail
	}
	return DefaultScanTail
}

// scanLike reports whether the burst so far would be a scan if its Enter
// came now.
func (s *Scanner) scanLike() bool {
	return len(s.buf) >= s.MinLength && !repeated(s.buf)
}

// armStall (re)starts the wait for the Enter of a scan-like burst.
func (s *Scanner) armStall() {
	s.cancelStall()
	if s.After == nil || !s.scanLike() {
		return
	}
	wait := s.StallAfter
	if wait <= 0 {
		wait = DefaultScanStallAfter
	}
	burst := s.last
	s.stop = s.After(wait, func() {
		s.stop = nil
		// Still the same burst, and its Enter is late by the clock too.
		if s.last.Equal(burst) && s.scanLike() && s.Now().Sub(burst) >= wait {
			s.stalled()
		}
	})
}

func (s *Scanner) cancelStall() {
	hooks.Stop(&s.stop)
}

// stalled gives up the burst: its text goes back out of the field, what
// follows it is dropped, and OnStall says so.
func (s *Scanner) stalled() {
	s.buf = s.buf[:0]
	s.tailLast = s.Now()
	if s.undo != nil {
		s.undo()
		s.undo = nil
	}
	if s.OnStall != nil {
		s.OnStall()
	}
}

// Rune records a typed character. It reports whether the character starts
// a new burst (it came after a pause, or first): a caller that also types
// the character somewhere remembers what was there before it.
func (s *Scanner) Rune(r rune) (first bool) {
	now := s.Now()
	if s.swallowed = s.inTail(now); s.swallowed {
		return false
	}
	if len(s.buf) == 0 || now.Sub(s.last) > s.MaxGap {
		s.buf = s.buf[:0]
		s.undo = nil
		first = true
	}
	s.buf = append(s.buf, r)
	s.last = now
	s.armStall()
	return first
}

// End is called on Enter. If the keys since the last pause are a scan it
// returns the cleaned code and true. Either way the burst is over.
func (s *Scanner) End() (code string, ok bool) {
	now := s.Now()
	s.cancelStall()
	s.undo = nil
	if s.swallowed = s.inTail(now); s.swallowed {
		s.tailLast = time.Time{} // the stalled scan's Enter ends its tail
		return "", false
	}
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
func (s *Scanner) Reset() {
	s.buf = s.buf[:0]
	s.cancelStall()
	s.undo = nil
	s.tailLast = time.Time{}
}

// Hook feeds the canvas's key events to the scanner: the events Fyne
// sends there, when no widget has the focus. The canvas's previous
// handlers still run, except for the Enter that ends a scan.
func (s *Scanner) Hook(c fyne.Canvas) {
	prevRune, prevKey := c.OnTypedRune(), c.OnTypedKey()
	c.SetOnTypedRune(func(r rune) {
		s.Rune(r)
		if prevRune != nil && !s.swallowed {
			prevRune(r)
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if isEnter(ev.Name) && (s.Enter() || s.swallowed) {
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
