package data

import (
	"strings"
	"unicode"
)

// Masking for everything printed or shown beyond the staff desk (receipts,
// the tracking page, published results): a name keeps its first and last
// character, numbers keep their last four digits.

// MaskName masks a person's name:
//   - Chinese: first and last character kept, the middle starred, one star
//     per character: 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明. The "·" of
//     an ethnic-minority name stays visible: 阿依·买买提 → 阿*·**提.
//   - Foreign (contains Latin letters): each word keeps its first letter,
//     the rest of its letters starred: "John Smith" → "J*** S****".
//     Hyphens and apostrophes stay: "Jean-Luc" → "J***-L**".
//   - One character: "*" (showing it would show the whole name).
//   - Always at least one letter hidden: 阿·买 → 阿·*, "A B" → "A *".
//   - Empty: "".
func MaskName(name string) string {
	rs := []rune(strings.TrimSpace(name))
	switch {
	case len(rs) == 0:
		return ""
	case len(rs) == 1:
		return "*"
	}
	for _, r := range rs {
		if isLatinLetter(r) {
			return atLeastOneHidden(rs, []rune(maskLatinName(rs)))
		}
	}
	out := make([]rune, len(rs))
	for i, r := range rs {
		switch {
		case len(rs) == 2 && i == 1:
			out[i] = '*'
		case i == 0 || i == len(rs)-1 || r == '·':
			out[i] = r
		default:
			out[i] = '*'
		}
	}
	return atLeastOneHidden(rs, out)
}

// atLeastOneHidden makes sure a masked name hides at least one letter: a
// name whose every kept character is a first or last one (阿·买, "A B")
// gets its last letter starred (阿·*, "A *").
func atLeastOneHidden(rs, out []rune) string {
	for _, r := range out {
		if r == '*' {
			return string(out)
		}
	}
	for i := len(out) - 1; i > 0; i-- {
		if unicode.IsLetter(rs[i]) {
			out[i] = '*'
			return string(out)
		}
	}
	return strings.Repeat("*", len(out))
}

func maskLatinName(rs []rune) string {
	out := make([]rune, len(rs))
	wordStart := true
	for i, r := range rs {
		switch {
		case r == ' ' || r == '-' || r == '.':
			out[i] = r
			wordStart = true
		case !unicode.IsLetter(r) && !unicode.Is(unicode.M, r): // O'Brien → O'*****
			out[i] = r
		case wordStart:
			out[i] = r
			wordStart = false
		default:
			out[i] = '*'
		}
	}
	return string(out)
}

// MaskPhone keeps only the last four digits of a phone number and stars the
// rest, one star per digit: "13812345678" → "*******5678". Spaces, hyphens
// and other characters that are neither digits nor letters are dropped
// first. Four digits or fewer are starred entirely. The country code of a
// Hong Kong, Macao or Taiwan number as ContactPhone writes it stays, so a
// reader knows where it rings: "+852 91234567" → "+852 ****4567".
func MaskPhone(phone string) string {
	if cc, rest, ok := strings.Cut(phone, " "); ok && len(cc) == 4 && cc[0] == '+' &&
		strings.Trim(cc[1:], "0123456789") == "" {
		return cc + " " + maskLast4(rest)
	}
	return maskLast4(phone)
}

// MaskID keeps only the last four characters of an ID number and stars the
// rest: "11010519491231002X" → "**************002X". Four characters or
// fewer are starred entirely.
func MaskID(id string) string { return maskLast4(id) }

func maskLast4(s string) string {
	var keep []rune
	for _, r := range s {
		if unicode.IsDigit(r) || unicode.IsLetter(r) {
			keep = append(keep, r)
		}
	}
	if len(keep) <= 4 {
		return strings.Repeat("*", len(keep))
	}
	return strings.Repeat("*", len(keep)-4) + string(keep[len(keep)-4:])
}
