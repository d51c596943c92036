package linebreak

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// monoWidth measures every character as 1 (a Chinese character) and ASCII as
// 0.5, like a typical CJK font.
func monoWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestWrap(t *testing.T) {
	tests := map[string]struct {
		text  string
		width float64
		want  []string
	}{
		"ChineseBreaksAnywhere": {
			text: "城乡居民基本医疗保险参保登记", width: 5,
			want: []string{"城乡居民基", "本医疗保险", "参保登记"},
		},
		"Fits": {text: "受理回执", width: 10, want: []string{"受理回执"}},
		"LatinWordStaysWhole": {
			text: "编号XF-20261126-0042请保管", width: 9,
			want: []string{"编号", "XF-20261126-0042请", "保管"},
		},
		"TooLongWordSplits": {
			text: "ABCDEFGHIJKLMNOPQRST", width: 4,
			want: []string{"ABCDEFGH", "IJKLMNOP", "QRST"},
		},
		"NoCommaAtLineStart": {
			text: "一二三四，五六", width: 4,
			want: []string{"一二三", "四，五六"},
		},
		"NoOpeningBracketAtLineEnd": {
			text: "一二三（四五）", width: 4,
			want: []string{"一二三", "（四五）"},
		},
		"SpacesBreakAndVanishAtEdges": {
			text: "see www.example.gov.cn now", width: 10,
			want: []string{"see", "www.example.gov.cn", "now"},
		},
		"Newlines": {
			text: "一\n\n二", width: 4, want: []string{"一", "", "二"},
		},
		"Empty": {text: "", width: 4, want: []string{""}},
		"LongWordKeepsClosingMark": {
			text: "12345%678", width: 2.5,
			want: []string{"1234", "5%678"},
		},
		"LongWordKeepsDotOffLineStart": {
			text: "abcdef.gh", width: 3,
			want: []string{"abcde", "f.gh"},
		},
		"NoFullwidthBracketAtLineStart": {
			text: "一二三［四］五", width: 4,
			want: []string{"一二三", "［四］五"},
		},
		"NoOrphan": {
			text: "一二三四五六七八九", width: 8,
			want: []string{"一二三四五六七", "八九"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Wrap(tc.text, tc.width, monoWidth)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	text := "您于2026年11月26日申请办理的“城乡居民基本医疗保险参保登记”，所提交的材料不齐全或者不符合要求。See https://example.gov.cn/a/b?c=d for more."
	for _, width := range []float64{3, 5, 8, 13, 21} {
		lines := Wrap(text, width, monoWidth)
		for _, l := range lines {
			if utf8.RuneCountInString(l) > 1 {
				assert.LessOrEqual(t, monoWidth(l), width, "line %q", l)
			}
			assert.False(t, strings.ContainsAny(string([]rune(l)[:1]), "，。、；：？！）”"), "line starts with closing mark: %q", l)
		}
		assert.Equal(t, strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(strings.Join(lines, ""), " ", ""))
	}
}
