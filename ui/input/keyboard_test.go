package input

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/input/pinyin"
	"bianmin/ui/locale"
	bntheme "bianmin/ui/theme"
)

// newScreen makes a test app with Bianmin's theme and Chinese labels, and
// a window holding entries of the given kinds above a Panel, the way a
// kiosk screen lays them out.
func newScreen(t *testing.T, kinds ...Kind) (*Panel, []*Entry, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(bntheme.New(false))
	require.NoError(t, locale.Use(locale.Chinese))
	p := NewPanel()
	var entries []*Entry
	form := container.NewVBox()
	for _, k := range kinds {
		e := p.NewEntry(k)
		entries = append(entries, e)
		form.Add(e)
	}
	w := test.NewWindow(container.NewBorder(nil, p, nil, nil, form))
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	return p, entries, w
}

// tapLetters taps the keyboard's keys for each letter of s.
func tapLetters(t *testing.T, kb *Keyboard, s string) {
	t.Helper()
	for _, r := range s {
		key := kb.Letter(r)
		require.NotNil(t, key, "no key for %q", r)
		test.Tap(key)
	}
}

// tapCandidate pages to the candidate with the given text and taps it.
func tapCandidate(t *testing.T, kb *Keyboard, text string) {
	t.Helper()
	for range 20 {
		if i := slices.Index(kb.Candidates(), text); i >= 0 {
			test.Tap(kb.Candidate(i))
			return
		}
		if kb.Next.Blank() {
			break
		}
		test.Tap(kb.Next)
	}
	t.Fatalf("%q not among the candidates for %q", text, kb.Composing())
}

func TestKeyboardTypesName(t *testing.T) {
	tests := map[string]struct {
		taps func(t *testing.T, kb *Keyboard)
	}{
		"SyllableBySyllable": {func(t *testing.T, kb *Keyboard) {
			tapLetters(t, kb, "zhang")
			require.Contains(t, kb.Candidates()[:5], "张", "surnames first")
			tapCandidate(t, kb, "张")
			assert.Empty(t, kb.Composing())
			tapLetters(t, kb, "wei")
			tapCandidate(t, kb, "伟")
		}},
		"WholeNameThenPick": {func(t *testing.T, kb *Keyboard) {
			tapLetters(t, kb, "zhangwei")
			tapCandidate(t, kb, "张")
			assert.Equal(t, "wei", kb.Composing(), "the rest keeps composing")
			tapCandidate(t, kb, "伟")
		}},
		"TypoThenBackspace": {func(t *testing.T, kb *Keyboard) {
			tapLetters(t, kb, "zhanf")
			test.Tap(kb.Backspace)
			tapLetters(t, kb, "g")
			tapCandidate(t, kb, "张")
			tapLetters(t, kb, "wei")
			tapCandidate(t, kb, "伟")
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, es, _ := newScreen(t, Name)
			e := es[0]
			test.Tap(e)
			require.Same(t, e, p.Active())
			require.True(t, p.Keyboard.Visible())
			tc.taps(t, p.Keyboard)
			assert.Equal(t, "张伟", e.Text)
			assert.Empty(t, p.Keyboard.Composing())
		})
	}
}

func TestKeyboardKeys(t *testing.T) {
	tests := map[string]struct {
		kind Kind
		taps func(kb *Keyboard)
		want string
	}{
		"SpaceTakesFirst": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "juzhu")
			test.Tap(kb.Space)
		}, "居住"},
		"SpaceWithoutPinyin": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "ni")
			test.Tap(kb.Space)
			test.Tap(kb.Space)
		}, "你 "},
		"BackspaceDeletesCharacter": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "shequ")
			test.Tap(kb.Space)
			test.Tap(kb.Backspace)
		}, "社"},
		"PunctuationCommits": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "hao")
			test.Tap(kb.Period)
		}, "好。"},
		// No syllable begins with u, v or i (consonants are initials).
		"UnknownLettersCommitAsTyped": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "uvi")
			assert.Empty(t, kb.Candidates())
			test.Tap(kb.Space)
		}, "uvi"},
		"InitialsOfferWords": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "jzz")
			assert.Equal(t, "居住证", kb.Candidates()[0])
			test.Tap(kb.Space)
		}, "居住证"},
		"Clear": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "ren")
			test.Tap(kb.Space)
			tapLetters(t, kb, "min")
			test.Tap(kb.Clear)
		}, ""},
		"Letters": {Text, func(kb *Keyboard) {
			test.Tap(kb.Switch)
			tapLetters(t, kb, "ab")
			test.Tap(kb.Shift)
			tapLetters(t, kb, "c")
			test.Tap(kb.Digit(7))
			test.Tap(kb.Period)
		}, "abC7."},
		"Symbols": {Text, func(kb *Keyboard) {
			tapLetters(t, kb, "ni")
			test.Tap(kb.SymbolsKey)
			assert.Equal(t, Symbols, kb.Mode())
			test.Tap(kb.Symbol("？"))
			test.Tap(kb.Digit(1))
			test.Tap(kb.SymbolsKey)
			assert.Equal(t, Pinyin, kb.Mode())
		}, "你？1"},
		"NameWithDot": {Name, func(kb *Keyboard) {
			tapLetters(t, kb, "a")
			tapCandidate(t, kb, "阿")
			tapLetters(t, kb, "yi")
			tapCandidate(t, kb, "依")
			test.Tap(kb.SymbolsKey)
			test.Tap(kb.Symbol("·"))
			test.Tap(kb.SymbolsKey)
			tapLetters(t, kb, "mai")
			tapCandidate(t, kb, "买")
		}, "阿依·买"},
		"CompoundSurname": {Name, func(kb *Keyboard) {
			tapLetters(t, kb, "ouyang")
			assert.Equal(t, "欧阳", kb.Candidates()[0])
			test.Tap(kb.Candidate(0))
		}, "欧阳"},
		"CodeIsUpperCase": {Code, func(kb *Keyboard) {
			assert.Equal(t, Letters, kb.Mode())
			assert.False(t, kb.Switch.Visible(), "no pinyin for a code")
			tapLetters(t, kb, "bm")
			test.Tap(kb.Digit(2))
			test.Tap(kb.Digit(0))
			test.Tap(kb.Shift) // lower case is typed upper-case all the same
			tapLetters(t, kb, "k")
			test.Tap(kb.SymbolsKey)
			test.Tap(kb.Symbol("-"))
			test.Tap(kb.Symbol("，")) // not in a code: dropped
		}, "BM20K-"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, es, _ := newScreen(t, tc.kind)
			e := es[0]
			test.Tap(e)
			kb := p.Keyboard
			tc.taps(kb)
			assert.Equal(t, tc.want, e.Text)
		})
	}
}

// TestKeyboardDoneCommitsAndSubmits: 完成 inserts the highlighted
// candidate, sends Enter (OnSubmitted) and closes the panel.
func TestKeyboardDoneCommitsAndSubmits(t *testing.T) {
	p, es, _ := newScreen(t, Text)
	e := es[0]
	var submitted string
	e.OnSubmitted = func(s string) { submitted = s }
	test.Tap(e)
	tapLetters(t, p.Keyboard, "hukou")
	test.Tap(p.Keyboard.Done)
	assert.Equal(t, "户口", e.Text)
	assert.Equal(t, "户口", submitted)
	assert.Nil(t, p.Active())
	assert.Zero(t, p.MinSize().Height, "closed panel takes no room")
}

// TestKeyboardSurnameOnlyFirst: in a name field the surname order applies
// to the first character only.
func TestKeyboardSurnameOnlyFirst(t *testing.T) {
	p, es, _ := newScreen(t, Name)
	test.Tap(es[0])
	kb := p.Keyboard
	tapLetters(t, kb, "li")
	assert.Equal(t, "李", kb.Candidates()[0])
	test.Tap(kb.Candidate(0))
	tapLetters(t, kb, "li")
	assert.Equal(t, "里", kb.Candidates()[0], "given name: ordinary order")
}

func TestKeyboardPaging(t *testing.T) {
	p, es, _ := newScreen(t, Text)
	test.Tap(es[0])
	kb := p.Keyboard
	tapLetters(t, kb, "yi")
	assert.True(t, kb.Prev.Blank(), "no page before the first")
	first := kb.Candidates()
	require.Len(t, first, CandidatesPerPage)
	test.Tap(kb.Next)
	second := kb.Candidates()
	assert.NotEqual(t, first, second)
	test.Tap(kb.Prev)
	assert.Equal(t, first, kb.Candidates())
	test.Tap(kb.Next)
	test.Tap(kb.Candidate(0))
	assert.Equal(t, second[0], es[0].Text)
	assert.Empty(t, kb.Composing())
}

// TestKeyboardNeverWaitsForDictionary plays a dictionary still being
// built (as on the first key after start on a busy kiosk): the letters
// compose at once with no candidates, and the bar fills when the
// dictionary is ready, with no further key.
func TestKeyboardNeverWaitsForDictionary(t *testing.T) {
	p, es, _ := newScreen(t, Text)
	release, updated := make(chan struct{}), make(chan struct{}, 1)
	oldReady, oldAwait, oldUI := readyDict, awaitDict, onUI
	t.Cleanup(func() { readyDict, awaitDict, onUI = oldReady, oldAwait, oldUI })
	ready := false
	readyDict = func() (*pinyin.Dict, bool) {
		if ready {
			return pinyin.Default(), true
		}
		return nil, false
	}
	awaitDict = func() *pinyin.Dict {
		<-release
		return pinyin.Default()
	}
	onUI = func(f func()) {
		f()
		updated <- struct{}{}
	}

	test.Tap(es[0])
	kb := p.Keyboard
	tapLetters(t, kb, "jzz") // would block for good if a key waited
	assert.Equal(t, "jzz", kb.Composing())
	assert.Empty(t, kb.Candidates())

	ready = true
	close(release)
	<-updated
	require.NotEmpty(t, kb.Candidates())
	assert.Equal(t, "居住证", kb.Candidates()[0])
}
