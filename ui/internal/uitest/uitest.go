// Package uitest is what the screen tests of ui/kiosk, ui/staff and
// ui/acceptance share: a test app in Chinese with the light theme, manual
// timers, a printer that records its jobs, the text drawn on a window, and
// typing on the on-screen keypad and pinyin keyboard. Stores for these
// tests come from data/datatest, clocks from internal/fakeclock.
package uitest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/ui/input"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
)

// NewApp is a test app for the duration of t, in Chinese with the light
// theme, as the kiosk starts.
func NewApp(t testing.TB) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	a.Settings().SetTheme(bmtheme.New(false))
	return a
}

// Timers is a manual AfterFunc: timers fire only when the test says.
type Timers struct {
	next    int
	pending map[int]func()
}

// After registers fn to run at the next Fire; the returned func cancels it.
// The delay is ignored.
func (f *Timers) After(_ time.Duration, fn func()) func() {
	if f.pending == nil {
		f.pending = map[int]func(){}
	}
	f.next++
	id := f.next
	f.pending[id] = fn
	return func() { delete(f.pending, id) }
}

// Fire runs the timers pending now, oldest first.
func (f *Timers) Fire() {
	ids := make([]int, 0, len(f.pending))
	for id := range f.pending {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		if fn, ok := f.pending[id]; ok {
			delete(f.pending, id)
			fn()
		}
	}
}

// Printer records what it is asked to print, or fails with Err. Name
// prefixes the job ids it answers ("job" if empty).
type Printer struct {
	Name string

	mu    sync.Mutex
	Err   error
	Jobs  [][]byte // the PDFs, in order
	Media []string // the paper of each job
}

// Print records pdf and media, or returns p.Err.
func (p *Printer) Print(_ context.Context, pdf []byte, media string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.Err != nil {
		return "", p.Err
	}
	p.Jobs = append(p.Jobs, pdf)
	p.Media = append(p.Media, media)
	name := p.Name
	if name == "" {
		name = "job"
	}
	return fmt.Sprintf("%s-%d", name, len(p.Jobs)), nil
}

// Fail makes the following jobs fail with err (nil: succeed again).
func (p *Printer) Fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Err = err
}

// Count is the number of jobs printed so far.
func (p *Printer) Count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.Jobs)
}

// Last is the latest job's PDF; the test fails if nothing was printed.
func (p *Printer) Last(t testing.TB) []byte {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	require.NotEmpty(t, p.Jobs, "nothing printed")
	return p.Jobs[len(p.Jobs)-1]
}

var textTag = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// Text is every string drawn on c, dialogs included, one per line.
func Text(c fyne.Canvas) string {
	var b strings.Builder
	for _, m := range textTag.FindAllStringSubmatch(test.RenderToMarkup(c), -1) {
		b.WriteString(m[1])
		b.WriteByte('\n')
	}
	return b.String()
}

// Flat is Text without line breaks, for text that wraps.
func Flat(c fyne.Canvas) string { return strings.ReplaceAll(Text(c), "\n", "") }

// Keys taps digits (and X) on the keypad.
func Keys(t testing.TB, kp *input.Keypad, s string) {
	t.Helper()
	for _, c := range s {
		if c == 'X' {
			require.True(t, kp.X.Visible(), "no X key")
			test.Tap(kp.X)
			continue
		}
		test.Tap(kp.Digit(int(c - '0')))
	}
}

// Pinyin types one character on the pinyin keyboard: its letters, then the
// candidate, paging to it.
func Pinyin(t testing.TB, kb *input.Keyboard, letters, char string) {
	t.Helper()
	for _, c := range letters {
		test.Tap(kb.Letter(c))
	}
	for range 30 {
		if i := slices.Index(kb.Candidates(), char); i >= 0 {
			test.Tap(kb.Candidate(i))
			return
		}
		if kb.Next.Blank() {
			break
		}
		test.Tap(kb.Next)
	}
	t.Fatalf("%q not among the candidates for %q", char, letters)
}
