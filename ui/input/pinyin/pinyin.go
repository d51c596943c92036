// Package pinyin turns the letters a resident types on the kiosk's
// on-screen keyboard into candidate Chinese characters and words. It is
// pure Go with no UI: package input draws the keyboard around it.
//
// The readings come from the dictionary of github.com/mozillazg/go-pinyin,
// as package bianmin/internal/hanzi holds it (tone marks stripped to plain
// letters, ü written as v: lv → 绿, nve/nue → 虐), inverted once, lazily.
// Only characters people use are offered: the 6763 hanzi of GB2312, the
// 3755 level-1 characters (一级字, rows 16–55, as golang.org/x/text's GBK
// encoder tells) before the 3008 level-2 ones.
//
// Within a level characters are ordered by how often they are used, and a
// reading that is not the character's main one (大 read dài, 了 read liǎo)
// counts less. go-pinyin has no frequencies and no phrases, so both come
// from the word list of jieba (MIT licence, see LICENSE-jieba.txt),
// derived by gen.go into hanzi.txt (every GB2312 hanzi, most used first)
// and words.txt (20000 common words of 2–4 characters). Words are indexed
// under every combination of their characters' readings (at most 16), as
// go-pinyin cannot say which reading a word uses; a combination that uses
// a character's other reading ranks after those that use main readings.
// So a word with a polyphonic character may also show under a reading it
// does not have (银行 under yinxing as well as yinhang).
//
// For a name field the Surname order puts the common surnames first for
// the first character, and offers compound surnames (欧阳, 司马…) as words.
//
// Input: lower-case letters a–z, v for ü, and ' to separate syllables
// (xi'an). Several syllables ("zhangsan", "juzhu") are segmented, longest
// syllable first; the last one may be incomplete ("juzh"). The candidates
// are, in order: words covering the whole input, words covering its first
// syllables, then the characters of the first syllable. Each Candidate
// says how many input letters it covers, so the keyboard keeps the rest
// composing (pick 张 from "zhangwei" and "wei" remains).
//
// Input that does not split so is taken as abbreviated (简拼): initials
// ("jzz" → 居住证, "db" → 低保) or syllables partly spelled ("juzz"); see
// abbrev.go.
package pinyin

//go:generate go run gen.go

import (
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Order chooses how the characters of the first syllable are ranked.
type Order int

const (
	// Text ranks by level, then use: for any free text.
	Text Order = iota
	// Surname puts common surnames first: for the first character of a
	// name field.
	Surname
)

// Candidate is one choice offered for the input.
type Candidate struct {
	// Text is the character or word to insert.
	Text string
	// Letters is how many bytes of the input Text stands for, counting any
	// ' separators inside it: after inserting Text, the keyboard keeps
	// input[Letters:] (without a leading ') composing.
	Letters int
}

// Dict is the inverted dictionary. It is read-only once built and safe
// for concurrent use. Get the shared one with Default.
type Dict struct {
	// syllables maps a complete syllable to its characters in Text order,
	// surnames to the same in Surname order.
	syllables map[string][]Candidate
	surnames  map[string][]Candidate
	// prefixes maps an incomplete syllable ("zh", "n", "xio") to the
	// characters of every syllable it begins, in each order.
	prefixes       map[string][]Candidate
	prefixSurnames map[string][]Candidate
	// keys holds the readings of the words, syllables joined by '
	// ("ju'zhu"), sorted (for prefix search) and laid end to end: reading
	// i is keys[keyAt[i]:keyAt[i+1]] (Dict.key). words holds the words of
	// each reading in the same order, best first: the words read key(i)
	// are words[wordAt[i]:wordAt[i+1]]. (Flat slices of offsets rather
	// than a map of slices or a slice of strings: a fraction of the
	// memory, which the kiosk holds all day once a keyboard was used.)
	keys   string
	keyAt  []uint32
	wordAt []int32
	words  []word
	// compound maps the same keys to compound surnames (ou'yang → 欧阳).
	compound map[string][]string
	// abbrevKeys are the initials of the words' readings ("jzz"), sorted;
	// abbrevs holds the words (indices into words) under each, best first,
	// in the same way as words: abbrevs[abbrevAt[i]:abbrevAt[i+1]].
	// Every start of those initials ("j", "jz", "jzz") begins one of the
	// abbrevKeys (Dict.abbrevStart).
	abbrevKeys []string
	abbrevAt   []int32
	abbrevs    []int32
	// maxSyllable is the length of the longest syllable; maxWord is the
	// most syllables a word has.
	maxSyllable, maxWord int
}

var (
	built     atomic.Pointer[Dict]
	shared    = sync.OnceValue(func() *Dict { d := build(); built.Store(d); return d })
	preparing sync.Once
)

// Default returns the dictionary, building it on first use (about 0.1 s,
// more on a busy machine) and waiting for a build under way. The keyboard
// does not call it on the UI goroutine: see Prepare and Ready.
func Default() *Dict { return shared() }

// Prepare starts building the dictionary in the background, once, and
// returns at once; the keyboard calls it when it first gets a field. The
// build allocates about 27 MB for a 10 MB dictionary: once it is built,
// the rest is handed back to the system rather than kept by the Go heap
// for good, so a kiosk's memory does not stay higher after its first
// search.
func Prepare() {
	preparing.Do(func() {
		go func() {
			Default()
			debug.FreeOSMemory()
		}()
	})
}

// Ready returns the dictionary if it is built, never waiting for it.
func Ready() (*Dict, bool) {
	d := built.Load()
	return d, d != nil
}

// Candidates returns the candidates for input in the given order from the
// shared dictionary. See Dict.Candidates.
func Candidates(input string, o Order) []Candidate { return Default().Candidates(input, o) }

// IsSyllable reports whether s is a complete pinyin syllable (without
// tone, ü as v) of some GB2312 character.
func (d *Dict) IsSyllable(s string) bool {
	_, ok := d.syllables[s]
	return ok
}

// Candidates returns the choices for input, best first; nil when the
// letters are not pinyin. The returned slice may be shared: read it, do
// not change it. Upper-case letters count as lower-case and ü as v; any
// other character makes the input not pinyin.
func (d *Dict) Candidates(input string, o Order) []Candidate {
	in, ok := normalize(input)
	if !ok {
		return nil
	}
	lead := len(in) - len(strings.TrimLeft(in, "'"))
	in = in[lead:]
	if in == "" {
		return nil
	}
	// The common case, one syllable or the start of one: a map lookup.
	if strings.IndexByte(in, '\'') < 0 && len(in) <= d.maxSyllable && lead == 0 {
		if c, ok := d.charsFor(in, true, o); ok {
			return c
		}
		if c, ok := d.charsFor(in, false, o); ok {
			return c
		}
	}
	segs := d.segment(in)
	if len(segs) == 0 {
		if lead == 0 && strings.IndexByte(in, '\'') < 0 {
			return d.abbreviated(in, o)
		}
		return nil
	}
	var out []Candidate
	seen := map[string]bool{}
	add := func(text string, letters int) {
		if !seen[text] {
			seen[text] = true
			out = append(out, Candidate{Text: text, Letters: lead + letters})
		}
	}
	n := len(segs)
	if n >= 2 {
		last := segs[n-1]
		if o == Surname {
			for _, w := range d.compound[joinSegs(segs[:2])] {
				add(w, segs[1].end)
			}
		}
		// Dictionary words are not names: a name field gets the
		// compound surnames above and then single characters.
		if o == Text && last.complete {
			for _, w := range d.wordsRead(joinSegs(segs)) {
				add(w.text(), last.end)
			}
		} else if o == Text {
			for _, w := range d.wordsWithPrefix(segs) {
				add(w, last.end)
			}
		}
		for k := n - 1; k >= 2 && o == Text; k-- {
			if !segs[k-1].complete {
				continue
			}
			for _, w := range d.wordsRead(joinSegs(segs[:k])) {
				add(w.text(), segs[k-1].end)
			}
		}
	}
	first, _ := d.charsFor(segs[0].text, segs[0].complete, o)
	if n == 1 && lead == 0 {
		return first
	}
	for _, c := range first {
		add(c.Text, segs[0].end)
	}
	return out
}

// charsFor returns the characters of a complete syllable or of every
// syllable an incomplete one begins.
func (d *Dict) charsFor(s string, complete bool, o Order) ([]Candidate, bool) {
	var m map[string][]Candidate
	switch {
	case complete && o == Surname:
		m = d.surnames
	case complete:
		m = d.syllables
	case o == Surname:
		m = d.prefixSurnames
	default:
		m = d.prefixes
	}
	c, ok := m[s]
	return c, ok
}

// wordsWithPrefix returns the words of exactly len(segs) syllables whose
// key starts with the segments, the last one incomplete, best first.
func (d *Dict) wordsWithPrefix(segs []segment) []string {
	prefix := joinSegs(segs)
	syllables := len(segs)
	var hits []word
	i, _ := d.searchKey(prefix)
	for ; i < d.numKeys() && strings.HasPrefix(d.key(i), prefix); i++ {
		key := d.key(i)
		if strings.Count(key, "'")+1 == syllables {
			hits = append(hits, d.words[d.wordAt[i]:d.wordAt[i+1]]...)
		}
	}
	slices.SortStableFunc(hits, func(a, b word) int { return int(a.score - b.score) })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.text()
	}
	return out
}

// wordsRead returns the words read key (syllables joined by '), best
// first.
func (d *Dict) wordsRead(key string) []word {
	i, ok := d.searchKey(key)
	if !ok {
		return nil
	}
	return d.words[d.wordAt[i]:d.wordAt[i+1]]
}

// normalize lower-cases input, writes ü as v and reports whether only
// letters and ' remain.
func normalize(input string) (string, bool) {
	var b strings.Builder
	b.Grow(len(input))
	for _, r := range input {
		switch {
		case r >= 'a' && r <= 'z', r == '\'':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		case r == 'ü' || r == 'Ü':
			b.WriteByte('v')
		default:
			return "", false
		}
	}
	return b.String(), true
}

// numKeys is how many readings the words have.
func (d *Dict) numKeys() int { return len(d.keyAt) - 1 }

// key is reading i of the words (see Dict.keys).
func (d *Dict) key(i int) string { return d.keys[d.keyAt[i]:d.keyAt[i+1]] }

// searchKey finds key among the readings of the words, as
// slices.BinarySearch does: where it is or would be, and whether it is.
func (d *Dict) searchKey(key string) (int, bool) {
	i := sort.Search(d.numKeys(), func(i int) bool { return d.key(i) >= key })
	return i, i < d.numKeys() && d.key(i) == key
}

// keyOf is the reading of words[at].
func (d *Dict) keyOf(at int32) string {
	// wordAt is sorted: the reading is the last one starting at or before at.
	i := sort.Search(d.numKeys(), func(i int) bool { return d.wordAt[i+1] > at })
	return d.key(i)
}
