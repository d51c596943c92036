package pinyin

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// maxDictBytes is the most the built dictionary may keep live: the kiosk
// holds it all day once a keyboard has been used. It keeps
// 2.7 MB; the dictionary of maps and strings it replaced kept 4.5 MB.
const maxDictBytes = 3 << 20

// TestDictMemory measures the live heap the dictionary keeps, after a
// collection, against maxDictBytes; and that the compact layout still
// gives every word under its reading, each a whole line of its list.
func TestDictMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("the dictionary keeps %.2f MB", float64(kept)/(1<<20))
	assert.LessOrEqual(t, kept, int64(maxDictBytes))

	i, ok := d.searchKey("ju'zhu")
	if assert.True(t, ok) {
		assert.Equal(t, "ju'zhu", d.key(i))
		var words []string
		for _, w := range d.wordsRead("ju'zhu") {
			words = append(words, w.text())
		}
		assert.Contains(t, words, "居住")
		assert.Equal(t, "ju'zhu", d.keyOf(d.wordAt[i]))
	}
	// Every word is a whole line of one of the two lists, and both lists
	// are in.
	texts := map[string]bool{}
	for _, w := range d.words {
		text := w.text()
		if text == "" || strings.ContainsAny(text, "\n#") {
			t.Fatalf("word at %d reads %q", w.at, text)
		}
		texts[text] = true
	}
	_, readings := indexSyllables(rankHanzi())
	for _, list := range []string{domainWords, commonWords} {
		n := 0
		for line := range strings.SplitSeq(list, "\n") {
			if line != "" && !strings.HasPrefix(line, "#") {
				if len(wordKeys(line, readings)) > 0 {
					assert.True(t, texts[line], line)
					n++
				}
			}
		}
		assert.Positive(t, n)
	}
	assert.True(t, d.abbrevStart([]byte("jz")))
	assert.False(t, d.abbrevStart([]byte("vvv")))
	runtime.KeepAlive(d)
}
