package input

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/internal/fakeclock"
)

func newTestScanner() (*Scanner, *fakeclock.Clock, *[]string) {
	clock := fakeclock.New(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	var scans []string
	s := NewScanner(func(code string) { scans = append(scans, code) })
	s.Now = clock.Now
	return s, clock, &scans
}

// feed types text into the scanner, gap before each character, then
// Enter after enterGap, and reports whether Enter ended a scan.
func feed(s *Scanner, clock *fakeclock.Clock, text string, gap, enterGap time.Duration) bool {
	for _, r := range text {
		clock.Add(gap)
		s.Rune(r)
	}
	clock.Add(enterGap)
	return s.Enter()
}

func TestScanner(t *testing.T) {
	const url = "http://192.0.2.10:8080/r/Q7X2M9K4P8R3T6W1"
	fast, slow := 8*time.Millisecond, 180*time.Millisecond
	tests := map[string]struct {
		text          string
		gap, enterGap time.Duration
		want          string // "" for not a scan
	}{
		"URL":              {url, fast, fast, url},
		"BareToken":        {"Q7X2M9K4P8R3T6W1", fast, fast, "Q7X2M9K4P8R3T6W1"},
		"AIMPrefixQR":      {"]Q1" + url, fast, fast, url},
		"AIMPrefixCode128": {"]C1BM202603020001", fast, fast, "BM202603020001"},
		"StrayCRLFTab":     {"\r\n\tBM202603020001 \r", fast, fast, "BM202603020001"},
		"AtTheLimit":       {"BM202603020001", DefaultScanMaxGap, DefaultScanMaxGap, "BM202603020001"},
		"SlowTyping":       {"BM202603020001", slow, slow, ""},
		"FastTypistPairs":  {"13800138000", 80 * time.Millisecond, 90 * time.Millisecond, ""},
		"SlowEnter":        {"BM202603020001", fast, slow, ""},
		"TooShort":         {"12345", fast, fast, ""},
		"HeldKey":          {"aaaaaaaaaaaa", 33 * time.Millisecond, 20 * time.Millisecond, ""},
		"OnlyWhitespace":   {"\t\t  \r\n ", fast, fast, ""},
		"OnlyAIMPrefix":    {"]Q1   ", fast, fast, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, clock, scans := newTestScanner()
			got := feed(s, clock, tc.text, tc.gap, tc.enterGap)
			if tc.want == "" {
				assert.False(t, got)
				assert.Empty(t, *scans)
				return
			}
			assert.True(t, got)
			assert.Equal(t, []string{tc.want}, *scans)
		})
	}
}

// TestScannerAfterTyping: a person types, pauses, then scans: only the
// burst is the code; and a scan right after another still works.
func TestScannerAfterTyping(t *testing.T) {
	s, clock, scans := newTestScanner()
	for _, r := range "abc" {
		clock.Add(200 * time.Millisecond)
		s.Rune(r)
	}
	clock.Add(time.Second)
	assert.True(t, feed(s, clock, "TOKEN12345", 5*time.Millisecond, 5*time.Millisecond))
	assert.True(t, feed(s, clock, "TOKEN67890", 5*time.Millisecond, 5*time.Millisecond))
	assert.Equal(t, []string{"TOKEN12345", "TOKEN67890"}, *scans)

	// A pause inside a burst splits it: only the fast tail counts.
	for _, r := range "TOKEN" {
		clock.Add(5 * time.Millisecond)
		s.Rune(r)
	}
	clock.Add(300 * time.Millisecond)
	assert.False(t, feed(s, clock, "123", 5*time.Millisecond, 5*time.Millisecond))
}

func TestScannerFirst(t *testing.T) {
	s, clock, _ := newTestScanner()
	assert.True(t, s.Rune('a'), "first key starts a burst")
	clock.Add(5 * time.Millisecond)
	assert.False(t, s.Rune('b'))
	clock.Add(time.Second)
	assert.True(t, s.Rune('c'), "a pause starts a new one")
	s.Reset()
	assert.True(t, s.Rune('d'))
}

func TestClean(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"Plain":       {"BM202603020001", "BM202603020001"},
		"AIM":         {"]Q1http://x/r/T", "http://x/r/T"},
		"AIMLower":    {"]d2010123", "010123"},
		"NotAIM":      {"]1Q", "]1Q"},
		"Framing":     {"\x02ABC123\x03", "ABC123"},
		"CRLF":        {"ABC123\r\n", "ABC123"},
		"ZeroWidth":   {"\ufeffABC\u200b123", "ABC123"},
		"Spaces":      {"  ABC 123  ", "ABC 123"},
		"AIMAndSpace": {" ]E0 4006381333931 ", "4006381333931"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, Clean(tc.in))
		})
	}
}

// TestScannerHookCanvas: with nothing focused, key events reach the
// canvas; a scan there reaches OnScan and its Enter does not reach the
// screen's own handler, while other keys do.
func TestScannerHookCanvas(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	c := w.Canvas()
	var screenKeys []fyne.KeyName
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { screenKeys = append(screenKeys, ev.Name) })

	s, clock, scans := newTestScanner()
	s.Hook(c)
	for _, r := range "]Q1TOKEN12345" {
		clock.Add(3 * time.Millisecond)
		c.OnTypedRune()(r)
	}
	clock.Add(3 * time.Millisecond)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, []string{"TOKEN12345"}, *scans)
	assert.Empty(t, screenKeys)

	clock.Add(time.Second)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn}, screenKeys)
}

// TestScannerInFocusedEntry: a scan while an attached entry has the focus
// goes to OnScan and leaves the entry's text as it was; typing by hand
// and Enter still submit normally.
func TestScannerInFocusedEntry(t *testing.T) {
	p, es, w := newScreen(t, Phone)
	e := es[0]
	s, clock, scans := newTestScanner()
	p.SetScanner(s)
	var submitted []string
	e.OnSubmitted = func(text string) { submitted = append(submitted, text) }

	w.Canvas().Focus(e)
	for _, r := range "138" {
		clock.Add(250 * time.Millisecond)
		e.TypedRune(r)
	}
	require.Equal(t, "138", e.Text)

	clock.Add(time.Second)
	for _, r := range "]Q1http://kiosk/r/TOKEN12345\r" {
		clock.Add(4 * time.Millisecond)
		e.TypedRune(r)
	}
	clock.Add(4 * time.Millisecond)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, []string{"http://kiosk/r/TOKEN12345"}, *scans)
	assert.Equal(t, "138", e.Text, "the scan does not land in the field")
	assert.Empty(t, submitted)

	clock.Add(time.Second)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, []string{"138"}, submitted)
}

// manualTimers is an After that fires only when the test says.
type manualTimers struct{ pending []func() }

func (m *manualTimers) After(_ time.Duration, f func()) func() {
	i := len(m.pending)
	m.pending = append(m.pending, f)
	return func() { m.pending[i] = nil }
}

func (m *manualTimers) Fire() {
	p := m.pending
	m.pending = nil
	for _, f := range p {
		if f != nil {
			f()
		}
	}
}

// TestScannerStall: a scan-like burst whose Enter does not come in time
// is a stalled scan: OnStall runs once, the rest of the code and its
// Enter that follow are swallowed, and keys after a real pause count
// again. A person's slow typing never stalls.
func TestScannerStall(t *testing.T) {
	s, clock, scans := newTestScanner()
	timers := &manualTimers{}
	s.After = timers.After
	stalls := 0
	s.OnStall = func() { stalls++ }

	for _, r := range "http://kiosk/r/TOK" {
		clock.Add(4 * time.Millisecond)
		s.Rune(r)
		assert.False(t, s.Swallowed())
	}
	timers.Fire() // the clock has not moved on: not yet
	assert.Zero(t, stalls)
	for _, r := range "E" {
		clock.Add(4 * time.Millisecond)
		s.Rune(r)
	}
	clock.Add(DefaultScanStallAfter)
	timers.Fire()
	assert.Equal(t, 1, stalls)

	// The rest arrives after the stall: dropped, Enter too.
	clock.Add(300 * time.Millisecond)
	for _, r := range "N12345" {
		clock.Add(4 * time.Millisecond)
		s.Rune(r)
		assert.True(t, s.Swallowed(), "%c", r)
	}
	clock.Add(4 * time.Millisecond)
	assert.False(t, s.Enter())
	assert.True(t, s.Swallowed())
	assert.Empty(t, *scans)
	timers.Fire()
	assert.Equal(t, 1, stalls, "the tail is no second stall")

	// A whole scan afterwards works.
	clock.Add(2 * time.Second)
	assert.True(t, feed(s, clock, "TOKEN12345", 4*time.Millisecond, 4*time.Millisecond))
	assert.Equal(t, []string{"TOKEN12345"}, *scans)
	timers.Fire()
	assert.Equal(t, 1, stalls)

	// Slow typing arms nothing.
	for _, r := range "13800138000" {
		clock.Add(200 * time.Millisecond)
		s.Rune(r)
		timers.Fire()
	}
	assert.Equal(t, 1, stalls)
	assert.False(t, s.Swallowed())
}

// TestScannerStallInFocusedEntry: a scan that stalls while a field has
// the focus takes its characters back out of the field, says so, and the
// rest of the code and its Enter neither type nor submit.
func TestScannerStallInFocusedEntry(t *testing.T) {
	p, es, w := newScreen(t, Text)
	e := es[0]
	s, clock, scans := newTestScanner()
	timers := &manualTimers{}
	s.After = timers.After
	stalls := 0
	s.OnStall = func() { stalls++ }
	p.SetScanner(s)
	var submitted []string
	e.OnSubmitted = func(text string) { submitted = append(submitted, text) }

	w.Canvas().Focus(e)
	for _, r := range "abc" {
		clock.Add(250 * time.Millisecond)
		e.TypedRune(r)
	}
	clock.Add(time.Second)
	for _, r := range "http://kiosk/r/TO" {
		clock.Add(4 * time.Millisecond)
		e.TypedRune(r)
	}
	require.Equal(t, "abchttp://kiosk/r/TO", e.Text, "typed while it could be typing")
	clock.Add(DefaultScanStallAfter)
	timers.Fire()
	assert.Equal(t, 1, stalls)
	assert.Equal(t, "abc", e.Text, "the broken scan is taken back out")

	clock.Add(200 * time.Millisecond)
	for _, r := range "KEN12345" {
		clock.Add(4 * time.Millisecond)
		e.TypedRune(r)
	}
	clock.Add(4 * time.Millisecond)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, "abc", e.Text)
	assert.Empty(t, submitted)
	assert.Empty(t, *scans)

	clock.Add(2 * time.Second)
	e.TypedRune('d')
	assert.Equal(t, "abcd", e.Text, "typing works again")
}
