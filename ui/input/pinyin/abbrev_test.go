package pinyin

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Initials (简拼) and part-spelled input offer the words they abbreviate,
// first on the page, and each covers the whole input.
func TestCandidatesInitials(t *testing.T) {
	tests := map[string]struct {
		input string
		want  string
		first bool
	}{
		"Jzz":     {"jzz", "居住证", true},
		"Db":      {"db", "低保", true},
		"Tk":      {"tk", "特困", true},
		"Yb":      {"yb", "医保", true},
		"Lsjz":    {"lsjz", "临时救助", true},
		"Sfz":     {"sfz", "身份证", false},
		"Mixed":   {"juzz", "居住证", true},
		"ZhAsZ":   {"jzhz", "居住证", true},
		"Sq":      {"sq", "社区", false},
		"Hkb":     {"hkb", "户口簿", true},
		"MixedSh": {"shfzh", "身份证", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Candidates(tc.input, Text)
			require.NotEmpty(t, got)
			txt := texts(got)
			if tc.first {
				assert.Equal(t, tc.want, txt[0], "%v", txt[:min(page, len(txt))])
			} else {
				assert.Contains(t, txt[:min(page, len(txt))], tc.want)
			}
			i := slices.Index(txt, tc.want)
			require.GreaterOrEqual(t, i, 0)
			assert.Equal(t, len(tc.input), got[i].Letters, "covers the whole input")
		})
	}
}

// After the words, the characters of the first letter follow, each
// covering one letter, so a resident can build the text character by
// character; a word covering only the start keeps the rest composing.
func TestCandidatesInitialsChars(t *testing.T) {
	got := Candidates("jzz", Text)
	i := slices.IndexFunc(got, func(c Candidate) bool { return c.Text == "就" })
	require.GreaterOrEqual(t, i, 0, "%v", texts(got))
	assert.Equal(t, 1, got[i].Letters)

	got = Candidates("jzzsq", Text) // 居住证 then 社区
	i = slices.IndexFunc(got, func(c Candidate) bool { return c.Text == "居住证" })
	require.GreaterOrEqual(t, i, 0, "%v", texts(got))
	assert.Equal(t, 3, got[i].Letters)
}

// A name field offers no dictionary words for initials, only the
// surnames first.
func TestCandidatesInitialsName(t *testing.T) {
	got := texts(Candidates("zs", Surname))
	require.NotEmpty(t, got)
	assert.Equal(t, "张", got[0])
	assert.NotContains(t, got, "知识")
}

// Long runs of letters that are not pinyin end quickly and do not panic.
func TestCandidatesInitialsLong(t *testing.T) {
	for _, in := range []string{"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zhzhzhzhzhzhzhzhzhzhzhzhzhzhzhzhzhzhzhzh", "jzzjzzjzzjzzjzzjzzjzzjzzjzzjzzjzzjzzjzzj"} {
		assert.NotPanics(t, func() { Candidates(in, Text) })
	}
}
