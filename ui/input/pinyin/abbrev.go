package pinyin

import (
	"slices"
	"sort"
	"strings"
)

// Abbreviated input (简拼): residents often type only the first letter of
// each syllable ("jzz" for 居住证, "db" for 低保), or spell some syllables
// and abbreviate others ("juzz"). Such input does not split into syllables,
// so Candidates falls back to abbreviated: the input is cut into pieces,
// each the start of a syllable (z, zh, zhu…), and a word matches when each
// of its syllables begins with the piece in its place. Words are indexed by
// their initials, so every cut costs one binary search, and cuts whose initials
// start no word are not followed.

// indexAbbrevs fills d.abbrevKeys, d.abbrevAt and d.abbrevs from the
// words. Call it once the words are in place.
func (d *Dict) indexAbbrevs() {
	type entry struct {
		ini string
		at  int32 // the word's index in d.words
		key int32 // its reading's index (the readings are sorted)
	}
	var all []entry
	inis := map[string]string{} // one copy of each run of initials
	for k := range d.numKeys() {
		syls := strings.Split(d.key(k), "'")
		d.maxWord = max(d.maxWord, len(syls))
		b := make([]byte, len(syls))
		for i, s := range syls {
			b[i] = s[0]
		}
		ini, ok := inis[string(b)]
		if !ok {
			ini = string(b)
			inis[ini] = ini
		}
		for at := d.wordAt[k]; at < d.wordAt[k+1]; at++ {
			all = append(all, entry{ini, at, int32(k)})
		}
	}
	// By initials, then best first, then by reading: as a stable sort of
	// each key's list by (score, key) did.
	slices.SortFunc(all, func(a, b entry) int {
		if c := strings.Compare(a.ini, b.ini); c != 0 {
			return c
		}
		wa, wb := d.words[a.at], d.words[b.at]
		if wa.score != wb.score {
			return int(wa.score - wb.score)
		}
		if a.key != b.key {
			return int(a.key - b.key)
		}
		return int(a.at - b.at)
	})
	d.abbrevs = make([]int32, len(all))
	for i, e := range all {
		if i == 0 || e.ini != all[i-1].ini {
			d.abbrevKeys = append(d.abbrevKeys, e.ini)
			d.abbrevAt = append(d.abbrevAt, int32(i))
		}
		d.abbrevs[i] = e.at
	}
	d.abbrevAt = append(d.abbrevAt, int32(len(all)))
}

// abbrevsOf returns the words (indices into d.words) whose readings have
// the initials ini, best first.
func (d *Dict) abbrevsOf(ini string) []int32 {
	i, ok := slices.BinarySearch(d.abbrevKeys, ini)
	if !ok {
		return nil
	}
	return d.abbrevs[d.abbrevAt[i]:d.abbrevAt[i+1]]
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
			for _, at := range d.abbrevsOf(string(ini)) {
				if w := d.words[at]; matchesPieces(d.keyOf(at), pieces) {
					hits = append(hits, hit{w.text(), pos, int(w.score)})
				}
			}
		}
		if pos == len(in) || len(pieces) == d.maxWord {
			return
		}
		if !d.abbrevStart(append(ini, in[pos])) {
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

// abbrevStart reports whether ini begins the initials of some word: the
// first of the sorted abbrevKeys not before it then begins with it.
func (d *Dict) abbrevStart(ini []byte) bool {
	i := sort.Search(len(d.abbrevKeys), func(i int) bool { return d.abbrevKeys[i] >= string(ini) })
	return i < len(d.abbrevKeys) && strings.HasPrefix(d.abbrevKeys[i], string(ini))
}
