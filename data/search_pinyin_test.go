package data

import (
	"strings"
	"testing"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goPinyinOf is how pinyinOf was computed before the program stopped
// linking go-pinyin: the stored search keys of existing data files were
// made so, and a search computes its keys the same way.
func goPinyinOf(s string) (full, initials string) {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	a.Fallback = func(r rune, _ pinyin.Args) []string {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return []string{strings.ToLower(string(r))}
		}
		return nil
	}
	var f, i strings.Builder
	for _, syl := range pinyin.LazyPinyin(s, a) {
		if syl == "" {
			continue
		}
		f.WriteString(syl)
		i.WriteByte(syl[0])
	}
	return f.String(), i.String()
}

// TestPinyinOfMatchesGoPinyin checks pinyinOf against go-pinyin itself on
// names as the catalog has them and on every character go-pinyin knows,
// mixed with Latin letters, digits, punctuation and emoji.
func TestPinyinOfMatchesGoPinyin(t *testing.T) {
	names := []string{
		"居住证办理", "最低生活保障（低保）", "60周岁以上老年人优待证", "重庆市", "银行卡挂失",
		"绿色通道", "残疾人两项补贴 ABC", "Wi-Fi 密码", "😀 表情", "〇号", "", "  ",
	}
	var all []rune
	for code := range pinyin.PinyinDict {
		all = append(all, rune(code))
	}
	extra := []rune("Az09 -（），。😀é")
	for i := 0; i < len(all); i += 7 {
		chunk := all[i:min(i+7, len(all))]
		names = append(names, string(chunk)+string(extra[i%len(extra)]))
	}
	for _, n := range names {
		wantFull, wantIni := goPinyinOf(n)
		full, ini := pinyinOf(n)
		require.Equal(t, wantFull, full, "%q", n)
		require.Equal(t, wantIni, ini, "%q", n)
	}
	full, ini := pinyinOf("居住证 A1")
	assert.Equal(t, "juzhuzhenga1", full)
	assert.Equal(t, "jzza1", ini)
}
