// Package hanzi gives the pinyin readings of Chinese characters: the
// search keys of the guides (package data) and the on-screen keyboard's
// candidates (package ui/input/pinyin) both come from it.
//
// The table (readings.txt, embedded) is the dictionary of
// github.com/mozillazg/go-pinyin, written out at build time by gen.go
// (go generate) and checked in; a test checks it against the library.
// So the program does not link go-pinyin, whose 41,923-entry map is built
// at package init, before main, on every start (about 5 ms and 1.7 MB),
// whether or not anything asks for a reading. This table is indexed on
// first use instead (about 2 ms).
package hanzi

//go:generate go run gen.go

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed readings.txt
var table string

// entry is one line of the table: a character and where its readings are.
type entry struct {
	r          rune
	start, end uint32 // table[start:end] is the readings, comma-separated
}

// index is the table's lines in code point order, made on first use.
var index = sync.OnceValue(func() []entry {
	out := make([]entry, 0, 42000)
	for pos := 0; pos < len(table); {
		eol := strings.IndexByte(table[pos:], '\n')
		if eol < 0 {
			eol = len(table) - pos
		}
		line := table[pos : pos+eol]
		if line != "" && line[0] != '#' {
			sp := strings.IndexByte(line, ' ')
			r := []rune(line[:sp])
			out = append(out, entry{r: r[0], start: uint32(pos + sp + 1), end: uint32(pos + eol)})
		}
		pos += eol + 1
	}
	return out
})

// find returns r's readings, comma-separated, main reading first.
func find(r rune) (string, bool) {
	idx := index()
	i, ok := slices.BinarySearchFunc(idx, r, func(e entry, r rune) int { return int(e.r - r) })
	if !ok {
		return "", false
	}
	return table[idx[i].start:idx[i].end], true
}

// Reading returns r's main reading without tone, ü written v ("zhong"
// for 中, "lv" for 绿), as go-pinyin's LazyPinyin gives it in its Normal
// style; false if r is not a character it knows.
func Reading(r rune) (string, bool) {
	s, ok := find(r)
	if !ok {
		return "", false
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	return s, true
}

// Readings returns every reading of r, main one first (行: xing, hang,
// heng), or nil if r is not a character it knows. A few rare characters
// outside GB2312 have readings that keep a letter with a mark (欸: ê̄).
func Readings(r rune) []string {
	s, ok := find(r)
	if !ok {
		return nil
	}
	return strings.Split(s, ",")
}
