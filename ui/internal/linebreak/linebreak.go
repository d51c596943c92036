// Package linebreak breaks Chinese text mixed with Latin into lines of a
// given width by the rules of Chinese typesetting (禁则), for the paper and
// for the screen alike.
package linebreak

import (
	"strings"
	"unicode"
)

// Line breaking for Chinese mixed with Latin. fpdf's MultiCell breaks only at
// spaces, and Chinese has none; Fyne's labels break it at any character,
// so a line may begin with 。 or end with 《. Both take their lines from
// here:
//
//   - between any two Chinese characters;
//   - at spaces, and never inside a run of Latin letters and digits (a
//     receipt number or a phone number stays whole) unless the run alone is
//     wider than the line;
//   - not before closing punctuation (，。、；：？！）》” …) and not after opening
//     punctuation (（《“ …): such a mark travels with its neighbour (禁则).

// noLineStart are marks that must not begin a line.
const noLineStart = "，。、；：？！）》」』】〕〉〗］｝”’…—·％%‰℃,.;:?!)]}>"

// noLineEnd are marks that must not end a line.
const noLineEnd = "（《「『【〔〈〖［｛“‘([{<￥$"

// isWordRune reports whether r belongs to an unbreakable Latin run.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return r != ' ' && unicode.IsPrint(r) && !strings.ContainsRune(noLineStart+noLineEnd, r) ||
			strings.ContainsRune("-/.:@_#", r)
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) || unicode.IsDigit(r)
}

// tokens splits one paragraph (no newlines) into the pieces a line may break
// between. A space is its own token.
func tokens(s string) []string {
	return split(s, true)
}

// split is tokens; with words false every character is a piece of its own
// (how a word wider than a whole line is broken), the marks still kept with
// their neighbours.
func split(s string, words bool) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		if words && rs[i] != ' ' && isWordRune(rs[i]) {
			for j < len(rs) && rs[j] != ' ' && isWordRune(rs[j]) {
				j++
			}
		}
		tok := string(rs[i:j])
		n := len(out)
		switch {
		case n > 0 && out[n-1] != " " && tok != " " && strings.ContainsRune(noLineStart, rs[i]):
			out[n-1] += tok // closing mark stays with what it closes
		case n > 0 && out[n-1] != " " && strings.ContainsRune(noLineEnd, lastRune(out[n-1])) && tok != " ":
			out[n-1] += tok // opening mark stays with what it opens
		default:
			out = append(out, tok)
		}
		i = j
	}
	return out
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}

// Wrap breaks text into lines no wider than width, measured by measure.
// Newlines in text start new lines; empty lines are kept. Spaces at the
// start and end of a wrapped line are dropped.
func Wrap(text string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, wrapPara(para, width, measure)...)
	}
	return lines
}

func wrapPara(para string, width float64, measure func(string) float64) []string {
	toks := tokens(para)
	if len(toks) == 0 {
		return []string{""}
	}
	var lines [][]string // tokens per line
	var cur []string
	curW := 0.0
	flush := func() {
		for len(cur) > 0 && cur[len(cur)-1] == " " {
			cur = cur[:len(cur)-1]
		}
		lines = append(lines, cur)
		cur = nil
		curW = 0
	}
	for _, tok := range toks {
		w := measure(tok)
		switch {
		case tok == " " && len(cur) == 0:
		case curW+w <= width+1e-9:
			cur = append(cur, tok)
			curW += w
		case tok == " ":
			flush()
		case len(cur) > 0 && w <= width+1e-9:
			flush()
			cur = append(cur, tok)
			curW = w
		default:
			// A token wider than a whole line: break it between characters,
			// keeping the marks with their neighbours (禁则) here too.
			for _, piece := range split(tok, false) {
				pw := measure(piece)
				if curW+pw > width+1e-9 && len(cur) > 0 {
					flush()
				}
				cur = append(cur, piece)
				curW += pw
			}
		}
	}
	if len(cur) > 0 || len(lines) == 0 {
		flush()
	}
	// No orphan: a last line of one Chinese character (with its punctuation)
	// takes the previous line's last character along.
	if n := len(lines); n >= 2 && len(lines[n-1]) == 1 && len(lines[n-2]) > 3 {
		last, prev := lines[n-1], lines[n-2]
		moved := prev[len(prev)-1]
		if moved != " " && len([]rune(moved)) <= 2 && len([]rune(last[0])) <= 2 &&
			measure(moved+last[0]) <= width+1e-9 {
			lines[n-2] = prev[:len(prev)-1]
			lines[n-1] = []string{moved, last[0]}
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Join(l, "")
	}
	return out
}
