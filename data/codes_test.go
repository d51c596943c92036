package data

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReceiptNoRoundTrip(t *testing.T) {
	tests := map[string]struct {
		prefix string
		day    time.Time
		seq    int
		want   string
	}{
		"OK":         {"WY", time.Date(2026, 11, 26, 9, 0, 0, 0, China), 42, "WY-20261126-0042"},
		"OKFirst":    {"BM", time.Date(2026, 1, 1, 0, 0, 0, 0, China), 1, "BM-20260101-0001"},
		"OK9999":     {"WYQ", time.Date(2026, 2, 28, 23, 59, 0, 0, China), 9999, "WYQ-20260228-9999"},
		"OKBeyond":   {"WY", time.Date(2026, 2, 28, 12, 0, 0, 0, China), 10000, "WY-20260228-10000"},
		"OKChinaDay": {"WY", time.Date(2026, 11, 25, 16, 30, 0, 0, time.UTC), 7, "WY-20261126-0007"}, // 00:30 CST
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := FormatReceiptNo(tc.prefix, tc.day, tc.seq)
			assert.Equal(t, tc.want, got)
			prefix, day, seq, err := ParseReceiptNo(got)
			require.NoError(t, err)
			assert.Equal(t, tc.prefix, prefix)
			assert.Equal(t, Day(tc.day), Day(day))
			assert.Equal(t, 0, day.Hour())
			assert.Equal(t, tc.seq, seq)
		})
	}
}

func TestParseReceiptNoRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"ErrEmpty":       "",
		"ErrLower":       "wy-20261126-0042",
		"ErrNoHyphens":   "WY202611260042",
		"ErrShortSeq":    "WY-20261126-042",
		"ErrZeroSeq":     "WY-20261126-0000",
		"ErrLeadingZero": "WY-20261126-00042",
		"ErrBadDate":     "WY-20261131-0042",
		"ErrLongPrefix":  "ABCDEFG-20261126-0042",
		"ErrDigitPrefix": "W1-20261126-0042",
		"ErrSpaces":      " WY-20261126-0042",
		"ErrSQL":         "WY-20261126-0042' OR 1=1",
	} {
		t.Run(name, func(t *testing.T) {
			_, _, _, err := ParseReceiptNo(in)
			require.ErrorIs(t, err, ErrInvalid)
		})
	}
}

func TestQueryCodeAlphabet(t *testing.T) {
	assert.Len(t, QueryCodeAlphabet, 24)
	for _, c := range "0O1IL2Z5S8BG" {
		assert.NotContains(t, QueryCodeAlphabet, string(c), "look-alike %q in the alphabet", c)
	}
	seen := map[rune]bool{}
	for _, c := range QueryCodeAlphabet {
		assert.False(t, seen[c], "duplicate %q", c)
		seen[c] = true
		assert.True(t, c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
	}
}

func TestNewQueryCode(t *testing.T) {
	const draws = 10000
	counts := map[byte]int{}
	perPos := [QueryCodeLen]map[byte]int{}
	for i := range perPos {
		perPos[i] = map[byte]int{}
	}
	seen := make(map[string]bool, draws)
	dups := 0
	for range draws {
		c := NewQueryCode()
		require.Len(t, c, QueryCodeLen)
		require.True(t, ValidQueryCode(c), c)
		cleaned, err := CleanQueryCode("query_code", c)
		require.NoError(t, err)
		require.Equal(t, c, cleaned)
		if seen[c] {
			dups++
		}
		seen[c] = true
		for i := 0; i < len(c); i++ {
			counts[c[i]]++
			perPos[i][c[i]]++
		}
	}
	// 24^6 ≈ 1.9e8 codes: 10,000 draws expect 0.26 repeats (birthday bound);
	// more than 5 has probability ~1e-7.
	assert.LessOrEqual(t, dups, 5)

	// Chi-square of the character spread, 23 degrees of freedom (mean 23,
	// sd 6.8). 80 is beyond p = 1e-8: a loose bound that catches a biased
	// draw (taking b % 24 without rejection would give ≈ 140 here) without
	// flaking.
	assert.Less(t, chiSquare(counts, draws*QueryCodeLen), 80.0, "overall spread")
	for i, pc := range perPos {
		assert.Less(t, chiSquare(pc, draws), 80.0, "spread at position %d", i)
	}
}

func chiSquare(counts map[byte]int, total int) float64 {
	n := len(QueryCodeAlphabet)
	expected := float64(total) / float64(n)
	x := 0.0
	for i := 0; i < n; i++ {
		d := float64(counts[QueryCodeAlphabet[i]]) - expected
		x += d * d / expected
	}
	return x
}

func TestValidQueryCode(t *testing.T) {
	for in, want := range map[string]bool{
		"ACD349":  true,
		"acd349":  false, // typed input goes through CleanQueryCode
		"ACD34":   false,
		"ACD3490": false,
		"ACD340":  false,
		"ACDG49":  false,
		"":        false,
	} {
		assert.Equal(t, want, ValidQueryCode(in), in)
	}
}

func TestNewToken(t *testing.T) {
	const draws = 10000
	seen := make(map[string]bool, draws)
	counts := map[byte]int{}
	for range draws {
		tok := NewToken()
		require.Len(t, tok, TokenLen)
		require.True(t, ValidToken(tok), tok)
		require.False(t, seen[tok], "repeated token %s", tok)
		seen[tok] = true
		for i := 0; i < len(tok); i++ {
			counts[tok[i]]++
		}
	}
	// 26 characters × 5 bits = 130 bits ≥ the 96 required and the 128
	// aimed for.
	assert.GreaterOrEqual(t, TokenLen*5, 128)
	assert.Len(t, counts, 32, "every base32 character turns up")
}

func TestValidToken(t *testing.T) {
	good := NewToken()
	for name, tc := range map[string]struct {
		in   string
		want bool
	}{
		"OK":          {good, true},
		"OKAllA":      {strings.Repeat("a", 26), true},
		"ErrUpper":    {strings.ToUpper(good), false},
		"ErrShort":    {good[:25], false},
		"ErrLong":     {good + "a", false},
		"ErrDigit1":   {"1" + good[1:], false},
		"ErrDigit8":   {"8" + good[1:], false},
		"ErrPadding":  {good[:25] + "=", false},
		"ErrSlash":    {good[:25] + "/", false},
		"ErrSQL":      {"' OR '1'='1' -- aaaaaaaaaaaa"[:26], false},
		"ErrEmpty":    {"", false},
		"ErrUnicode":  {"张" + good[3:], false},
		"ErrPercent":  {"%2e" + good[3:], false},
		"ErrDotDot":   {"../" + good[3:], false},
		"ErrNewline":  {good[:25] + "\n", false},
		"ErrNUL":      {good[:25] + "\x00", false},
		"ErrSpace":    {" " + good[1:], false},
		"ErrBase64":   {"-_" + good[2:], false},
		"ErrTooLong2": {strings.Repeat("a", 10000), false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, ValidToken(tc.in))
		})
	}
}

func TestTokenFromScan(t *testing.T) {
	tok := NewToken()
	for name, tc := range map[string]struct {
		in     string
		want   string
		wantOK bool
	}{
		"OKBare":        {tok, tok, true},
		"OKBareUpper":   {strings.ToUpper(tok), tok, true},
		"OKURL":         {"http://192.168.1.10:8080/r/" + tok, tok, true},
		"OKURLSlash":    {"https://bm.example/r/" + tok + "/", tok, true},
		"OKURLQuery":    {"http://bm.example/r/" + tok + "?from=qr#top", tok, true},
		"OKURLCapsLock": {strings.ToUpper("http://bm.example/r/" + tok), tok, true},
		"OKSpaces":      {"  " + tok + "\n", tok, true},
		"ErrOtherPath":  {"http://bm.example/x/" + tok[:20], "", false},
		"ErrShort":      {"http://bm.example/r/" + tok[:20], "", false},
		"ErrEmpty":      {"", "", false},
		"ErrJunk":       {"WY-20261126-0042", "", false},
	} {
		t.Run(name, func(t *testing.T) {
			got, ok := TokenFromScan(tc.in)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}
