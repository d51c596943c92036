package pinyin

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// page is how many candidates the keyboard shows at once
// (input.CandidatesPerPage; this package cannot import input).
const page = 8

func texts(c []Candidate) []string {
	out := make([]string, len(c))
	for i, x := range c {
		out[i] = x.Text
	}
	return out
}

func TestCandidatesNameField(t *testing.T) {
	tests := map[string]struct {
		input  string
		want   string
		within int
	}{
		"Zhang":  {"zhang", "张", 5},
		"Wang":   {"wang", "王", 5},
		"Li":     {"li", "李", 5},
		"Liu":    {"liu", "刘", 5},
		"Chen":   {"chen", "陈", 5},
		"Zhao":   {"zhao", "赵", 5},
		"Zeng":   {"zeng", "曾", 5}, // surname reading is not 曾's main one
		"Qin":    {"qin", "覃", page},
		"Ouyang": {"ouyang", "欧阳", 1},
		"Prefix": {"zh", "张", 5},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := texts(Candidates(tc.input, Surname))
			require.NotEmpty(t, got)
			assert.Contains(t, got[:min(tc.within, len(got))], tc.want, "first %d of %v", tc.within, got[:min(page, len(got))])
		})
	}
}

func TestCandidatesText(t *testing.T) {
	tests := map[string]struct {
		input string
		want  string
	}{
		"Ju":        {"ju", "居"},
		"Zhu":       {"zhu", "住"},
		"De":        {"de", "的"},
		"Shi":       {"shi", "是"},
		"Lv":        {"lv", "绿"},
		"LuAsLve":   {"lue", "略"},
		"Umlaut":    {"lü", "绿"},
		"UpperCase": {"ZHANG", "张"},
		"En":        {"en", "嗯"},
		"Juzhu":     {"juzhu", "居住"},
		"Juzh":      {"juzh", "居住"},
		"Xian":      {"xi'an", "西安"},
		"IDCard":    {"shenfenzheng", "身份证"},
		"Hukou":     {"hukou", "户口"},
		"Shequ":     {"shequ", "社区"},
		"Banli":     {"banli", "办理"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := texts(Candidates(tc.input, Text))
			require.NotEmpty(t, got)
			assert.Contains(t, got[:min(page, len(got))], tc.want, "%v", got[:min(page, len(got))])
		})
	}
}

// The words of public services come first: residents of a service room
// type 低保 far more often than 堤堡.
func TestCandidatesDomainWordsFirst(t *testing.T) {
	tests := map[string]struct {
		input string
		want  string
	}{
		"Dibao":       {"dibao", "低保"},
		"DibaoShort":  {"dib", "低保"},
		"Tekun":       {"tekun", "特困"},
		"Yibao":       {"yibao", "医保"},
		"Juzhuzheng":  {"juzhuzheng", "居住证"},
		"Canjizheng":  {"canjizheng", "残疾证"},
		"Gaolingbt":   {"gaolingbutie", "高龄补贴"},
		"Linshijiuzh": {"linshijiuzhu", "临时救助"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := texts(Candidates(tc.input, Text))
			require.NotEmpty(t, got)
			assert.Equal(t, tc.want, got[0], "%v", got[:min(page, len(got))])
			assert.Equal(t, 1, strings.Count(strings.Join(got, " ")+" ", tc.want+" "), "listed once")
		})
	}
}

func TestCandidatesUnknown(t *testing.T) {
	tests := map[string]string{
		"Empty": "",
		// No syllable begins with i, u or v; consonants such as "zzz"
		// or "ng" are initials (see TestCandidatesInitials).
		"NotPinyin":   "ivu",
		"VowelsOnly":  "uuu",
		"OnlySep":     "'''",
		"Hanzi":       "张",
		"Digits":      "123",
		"Punctuation": "zhang!",
		"Space":       "zhang san",
		"TooLong":     "zhangzhangzhangzhangzhangzhangzhangzhangq",
	}
	for name, input := range tests {
		t.Run(name, func(t *testing.T) {
			for _, o := range []Order{Text, Surname} {
				assert.NotPanics(t, func() {
					if name == "TooLong" {
						// Segments fine up to the q, which begins qi, qu…:
						// a long run is not an error, just slow to finish.
						assert.NotEmpty(t, Candidates(input, o))
						return
					}
					assert.Empty(t, Candidates(input, o))
				})
			}
		})
	}
}

// TestCandidatesLetters checks how much of the input each candidate
// covers, which the keyboard uses to keep the rest composing.
func TestCandidatesLetters(t *testing.T) {
	tests := map[string]struct {
		input   string
		order   Order
		text    string
		letters int
	}{
		"Syllable":        {"zhang", Surname, "张", 5},
		"FirstOfTwo":      {"zhangwei", Surname, "张", 5},
		"Word":            {"juzhu", Text, "居住", 5},
		"WordOfFirstTwo":  {"juzhuzheng", Text, "居住", 5},
		"AfterSeparator":  {"xi'an", Text, "西", 2},
		"WordOverSep":     {"xi'an", Text, "西安", 5},
		"IncompleteWord":  {"juzh", Text, "居住", 4},
		"LeadingSep":      {"'ju", Text, "居", 3},
		"CompoundSurname": {"ouyangfeng", Surname, "欧阳", 6},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Candidates(tc.input, tc.order)
			i := slices.IndexFunc(got, func(c Candidate) bool { return c.Text == tc.text })
			require.GreaterOrEqual(t, i, 0, "%v", texts(got))
			assert.Equal(t, tc.letters, got[i].Letters)
		})
	}
}

func TestSegment(t *testing.T) {
	tests := map[string]struct {
		input string
		want  []string
	}{
		"One":           {"zhang", []string{"zhang"}},
		"Two":           {"zhangsan", []string{"zhang", "san"}},
		"LongestFirst":  {"xian", []string{"xian"}},
		"Separator":     {"xi'an", []string{"xi", "an"}},
		"Backtrack":     {"zhuangzhuang", []string{"zhuang", "zhuang"}},
		"Incomplete":    {"juzh", []string{"ju", "zh"}},
		"VowelStart":    {"ai", []string{"ai"}},
		"Three":         {"shenfenzheng", []string{"shen", "fen", "zheng"}},
		"NotPinyin":     {"xyz", nil},
		"MiddleGarbage": {"zhangxyzwei", nil},
	}
	d := Default()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, d.Segment(tc.input))
		})
	}
}

// TestOnlyGB2312LevelOrder checks every syllable's list: only GB2312
// hanzi, one character each, no duplicates, level 1 before level 2.
func TestOnlyGB2312LevelOrder(t *testing.T) {
	d := Default()
	require.Greater(t, len(d.syllables), 390)
	chars := map[string]bool{}
	for syl, list := range d.syllables {
		seen := map[string]bool{}
		prevLevel := 1
		for _, c := range list {
			r, n := utf8.DecodeRuneInString(c.Text)
			require.Equal(t, len(c.Text), n, syl)
			level := gb2312Level(r)
			require.NotZero(t, level, "%s: %q not in GB2312", syl, c.Text)
			require.GreaterOrEqual(t, level, prevLevel, "%s: %s level %d after level %d", syl, c.Text, level, prevLevel)
			require.False(t, seen[c.Text], "%s: %s twice", syl, c.Text)
			seen[c.Text] = true
			chars[c.Text] = true
			prevLevel = level
		}
	}
	// Every GB2312 hanzi has a reading in go-pinyin.
	assert.Equal(t, 6763, len(chars))
}

func TestGB2312Level(t *testing.T) {
	tests := map[string]struct {
		r    rune
		want int
	}{
		"FirstLevel1": {'啊', 1}, // row 16, first character
		"LastLevel1":  {'座', 1}, // row 55, last character
		"FirstLevel2": {'亍', 2}, // row 56, first character
		"Level2":      {'鳋', 2},
		"GBKOnly":     {'镕', 0}, // in GBK, not GB2312
		"Latin":       {'a', 0},
		"Punctuation": {'，', 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, gb2312Level(tc.r))
		})
	}
}

func TestLetters(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"Plain":  {"zhang", "zhang"},
		"Umlaut": {"lv", "lv"},
		"Marked": {"ê̄", ""},
		"Digit":  {"x1", ""},
		"Empty":  {"", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, letters(tc.in))
		})
	}
}
