package hanzi

import (
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatchesGoPinyin checks the table against the library it was written
// from: every character go-pinyin knows, with the same readings in the same
// order, and the same main reading as LazyPinyin; nothing more.
func TestMatchesGoPinyin(t *testing.T) {
	all := gopinyin.NewArgs()
	all.Heteronym = true
	lazy := gopinyin.NewArgs()
	require.Len(t, index(), len(gopinyin.PinyinDict), "one line a character; run go generate ./internal/hanzi")
	for code := range gopinyin.PinyinDict {
		r := rune(code)
		require.Equal(t, gopinyin.SinglePinyin(r, all), Readings(r), "%c %U", r, r)
		main, ok := Reading(r)
		require.True(t, ok, "%c", r)
		require.Equal(t, gopinyin.LazyPinyin(string(r), lazy), []string{main}, "%c %U", r, r)
	}
}

func TestReading(t *testing.T) {
	tests := map[string]struct {
		r    rune
		want string
		ok   bool
	}{
		"Common":      {'中', "zhong", true},
		"Umlaut":      {'绿', "lv", true},
		"Polyphonic":  {'行', "xing", true},
		"ExtensionA":  {'㐀', "qiu", true},
		"First":       {'〇', "ling", true},
		"Latin":       {'a', "", false},
		"Punctuation": {'，', "", false},
		"Emoji":       {'😀', "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := Reading(tc.r)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, []string{"xing", "hang", "heng"}, Readings('行'))
	assert.Nil(t, Readings('x'))
}
