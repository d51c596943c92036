package pinyin

import (
	"slices"
	"strings"
)

// Abbreviated input (简拼): residents often type only the first letter of
// each syllable ("jzz" for 居住证, "db" for 低保), or spell some syllables
// and abbreviate others ("juzz"). Such input does not split into syllables,
// so Candidates falls back to abbreviated: the input is cut into pieces,
// each the start of a syllable (z, zh, zhu…), and a word matches when each
// of its syllables begins with the piece in its place. Words are indexed by
// their initials, so every cut costs one map lookup, and cuts whose initials
// start no word are not followed.

// indexAbbrevs fills d.abbrevs and d.abbrevStarts from d.words. Call it
// once the word lists are sorted.
func (d *Dict) indexAbbrevs() {
	d.abbrevs = map[string][]abbrev{}
	d.abbrevStarts = map[string]bool{}
	for key, list := range d.words {
		syls := strings.Split(key, "'")
		d.maxWord = max(d.maxWord, len(syls))
		ini := make([]byte, len(syls))
		for i, s := range syls {
			ini[i] = s[0]
		}
		for i := 1; i <= len(ini); i++ {
			d.abbrevStarts[string(ini[:i])] = true
		}
		for _, w := range list {
			d.abbrevs[string(ini)] = append(d.abbrevs[string(ini)], abbrev{text: w.text, key: key, score: w.score})
		}
	}
	for k, list := range d.abbrevs {
		slices.SortStableFunc(list, func(a, b abbrev) int {
			if a.score != b.score {
				return a.score - b.score
			}
			return strings.Compare(a.key, b.key)
		})
		d.abbrevs[k] = list
	}
}

// isStart reports whether s is a syllable or the start of one.
func (d *Dict) isStart(s string) bool {
	if _, ok := d.syllables[s]; ok {
		return true
	}
	_, ok := d.prefixes[s]
	return ok
}

// abbreviated returns the candidates for normalized input (no ') that does
// not split into syllables: words matching the longest cut first, best
// first within the same length, then the characters of the input's first
// syllable (or the start of one). Nil when no piece of it begins a
// syllable. In Surname order (a name field) there are no words: names are
// not in the word list.
func (d *Dict) abbreviated(in string, o Order) []Candidate {
	type hit struct {
		text           string
		letters, score int
	}
	var hits []hit
	var pieces []string
	ini := make([]byte, 0, d.maxWord)
	var cut func(pos int)
	cut = func(pos int) {
		if len(pieces) >= 2 {
			for _, w := range d.abbrevs[string(ini)] {
				if matchesPieces(w.key, pieces) {
					hits = append(hits, hit{w.text, pos, w.score})
				}
			}
		}
		if pos == len(in) || len(pieces) == d.maxWord {
			return
		}
		if !d.abbrevStarts[string(append(ini, in[pos]))] {
			return
		}
		// Every start of a syllable start is one too: stop at the
		// first that is not.
		for l := 1; l <= d.maxSyllable && pos+l <= len(in) && d.isStart(in[pos:pos+l]); l++ {
			pieces = append(pieces, in[pos:pos+l])
			ini = append(ini, in[pos])
			cut(pos + l)
			pieces = pieces[:len(pieces)-1]
			ini = ini[:len(ini)-1]
		}
	}
	if o == Text {
		cut(0)
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.letters != b.letters {
			return b.letters - a.letters
		}
		return a.score - b.score
	})
	var out []Candidate
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.text] {
			seen[h.text] = true
			out = append(out, Candidate{Text: h.text, Letters: h.letters})
		}
	}
	// Then the characters of the longest first piece.
	for l := min(d.maxSyllable, len(in)); l >= 1; l-- {
		first, complete := in[:l], false
		if _, complete = d.syllables[first]; !complete && !d.isStart(first) {
			continue
		}
		chars, _ := d.charsFor(first, complete, o)
		for _, c := range chars {
			if !seen[c.Text] {
				seen[c.Text] = true
				out = append(out, c)
			}
		}
		break
	}
	return out
}

// matchesPieces reports whether each syllable of key (joined by ') begins
// with the piece in its place; key has exactly len(pieces) syllables.
func matchesPieces(key string, pieces []string) bool {
	for i, p := range pieces {
		j := strings.IndexByte(key, '\'')
		syl := key
		if j >= 0 {
			syl, key = key[:j], key[j+1:]
		} else if i != len(pieces)-1 {
			return false
		}
		if !strings.HasPrefix(syl, p) {
			return false
		}
	}
	return true
}
