package pinyin

import "strings"

// segment is one syllable of the input, or the incomplete start of one at
// the end of a run of letters.
type segment struct {
	text     string
	end      int // byte offset just past it in the input
	complete bool
}

// Segment splits letters into syllables, longest syllable first, the last
// of each '-separated run possibly incomplete: "zhangsan" → zhang san,
// "xi'an" → xi an, "juzh" → ju zh. It returns nil when the letters are
// not pinyin.
func (d *Dict) Segment(letters string) []string {
	in, ok := normalize(letters)
	if !ok {
		return nil
	}
	segs := d.segment(strings.TrimLeft(in, "'"))
	if segs == nil {
		return nil
	}
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.text
	}
	return out
}

// segment splits normalized input (no leading ') at each ' and each run
// into syllables. It returns nil if any run cannot be split.
func (d *Dict) segment(in string) []segment {
	var out []segment
	base := 0
	for part := range strings.SplitSeq(in, "'") {
		if part != "" {
			segs := d.segmentRun(part, base)
			if segs == nil {
				return nil
			}
			out = append(out, segs...)
		}
		base += len(part) + 1
	}
	return out
}

// segmentRun splits one run of letters that starts at byte base of the
// input. Complete syllables are tried longest first; if no split into
// complete syllables exists, the run may end in the start of a syllable.
func (d *Dict) segmentRun(s string, base int) []segment {
	failed := make([]bool, len(s))
	var rec func(i int) []segment
	rec = func(i int) []segment {
		if i == len(s) {
			return []segment{}
		}
		if failed[i] {
			return nil
		}
		for l := min(d.maxSyllable, len(s)-i); l >= 1; l-- {
			syl := s[i : i+l]
			if !d.IsSyllable(syl) {
				continue
			}
			if rest := rec(i + l); rest != nil {
				return append([]segment{{text: syl, end: base + i + l, complete: true}}, rest...)
			}
		}
		if _, ok := d.prefixes[s[i:]]; ok {
			return []segment{{text: s[i:], end: base + len(s), complete: false}}
		}
		failed[i] = true
		return nil
	}
	return rec(0)
}

// joinSegs joins the segments' text with ', the form of word keys.
func joinSegs(segs []segment) string {
	if len(segs) == 1 {
		return segs[0].text
	}
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('\'')
		}
		b.WriteString(s.text)
	}
	return b.String()
}
