package pinyin

import (
	_ "embed"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"bianmin/internal/hanzi"
)

// hanziByUse is every GB2312 hanzi, most used first (see gen.go).
//
//go:embed hanzi.txt
var hanziByUse string

// commonWords is 20000 common words, most used first (see gen.go).
//
//go:embed words.txt
var commonWords string

// domainWords are the words of public services (低保, 特困, 居住证 …),
// hand-kept and ranked before the common words: at a service-room kiosk
// they are what residents type most.
//
//go:embed domain.txt
var domainWords string

// commonSurnames are the 100 most common Chinese surnames by registered
// population, most common first, in the order of the Ministry of Public
// Security's annual name reports (公安部户政管理研究中心《全国姓名报告》,
// 2019–2020 editions); the order of the later ones shifts a little between
// years, which does not matter here. go-pinyin has no surname data.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常"

// surnameReadings are the surname readings of the common surnames whose
// surname reading is not their main one in go-pinyin (曾 céng/zēng, 任
// rèn/rén, 覃 tán/qín); every other surname is read with its main reading.
func surnameReading(r rune) (string, bool) {
	switch r {
	case '曾':
		return "zeng", true
	case '任':
		return "ren", true
	case '覃':
		return "qin", true
	}
	return "", false
}

// compoundSurnames are the best-known two-character surnames of the
// 百家姓 with their surname readings, offered first in a name field.
func compoundSurnames() map[string]string {
	return map[string]string{
		"ou'yang":    "欧阳",
		"si'ma":      "司马",
		"shang'guan": "上官",
		"zhu'ge":     "诸葛",
		"dong'fang":  "东方",
		"huang'fu":   "皇甫",
		"yu'chi":     "尉迟",
		"gong'sun":   "公孙",
		"mu'rong":    "慕容",
		"ling'hu":    "令狐",
		"xia'hou":    "夏侯",
		"si'tu":      "司徒",
	}
}

// Scores: lower is better. A character's score is its use rank, times
// otherReadingFactor when the syllable is not its main reading, plus
// levelTwoOffset for a level-2 character so that level 1 always comes
// first. A word read with a character's other reading goes after the
// words read with main readings.
const (
	otherReadingFactor = 20
	levelTwoOffset     = 1 << 24
	wordOtherReading   = 1 << 20
	maxWordReadings    = 16
)

// typedAs maps a reading (tone stripped) to the syllable people type for
// it, or "" to drop it: 嗯 (n, ng) is typed en, 哼 (hng) heng; the
// interjections 呣 (m) and 噷 (hm) are dropped, since as syllables they
// would split words wrongly.
func typedAs(syl string) string {
	switch syl {
	case "n", "ng":
		return "en"
	case "hng":
		return "heng"
	case "m", "hm":
		return ""
	}
	return syl
}

// word is a word and its score (lower is better): 8 bytes instead of a
// string's 16 and its own, for the 43,000 words-under-a-reading.
type word struct {
	at    uint32 // where its line starts in the embedded lists (wordList)
	score int32  // lower is better
}

// wordList is where a word's at points: the domain words, then the common
// ones, as if joined by a newline (no copy is made).
func wordList(at int) (list string, from int) {
	if at < len(domainWords) {
		return domainWords, at
	}
	return commonWords, at - len(domainWords) - 1
}

// text is the word w stands for: its line of the embedded lists.
func (w word) text() string {
	list, from := wordList(int(w.at))
	s := list[from:]
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// reading is one syllable of a character.
type reading struct {
	syllable string
	main     bool // the character's first reading in go-pinyin
}

// build makes the dictionary: the characters of every syllable and of
// every start of one, in use order and in surname order, then the words
// under their readings, their abbreviations and the compound surnames.
func build() *Dict {
	bySyllable, readings := indexSyllables(rankHanzi())
	surnames := rankSurnames(readings)
	d := &Dict{
		syllables:      map[string][]Candidate{},
		surnames:       map[string][]Candidate{},
		prefixes:       map[string][]Candidate{},
		prefixSurnames: map[string][]Candidate{},
		compound:       map[string][]string{},
	}
	chars := charStrings{}
	byPrefix := d.addSyllables(bySyllable, surnames, chars)
	d.addPrefixes(byPrefix, bySyllable, surnames, chars)
	d.addWords(indexWords(readings))
	d.indexAbbrevs()
	for k, w := range compoundSurnames() {
		d.compound[k] = append(d.compound[k], w)
	}
	return d
}

// rankHanzi gives each character of hanziByUse its use rank (0 is the most
// used).
func rankHanzi() map[rune]int {
	rank := map[rune]int{}
	for _, line := range strings.Split(hanziByUse, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, r := range line {
			rank[r] = len(rank)
		}
	}
	return rank
}

// scored is a character and its score under one syllable (lower is
// better).
type scored struct {
	r     rune
	score int
}

// byScore orders characters best score first, then by code point.
func byScore(a, b scored) int {
	if a.score != b.score {
		return a.score - b.score
	}
	return int(a.r - b.r)
}

// indexSyllables inverts go-pinyin's dictionary (package hanzi) for the
// GB2312 characters: the characters read as each syllable, scored, and
// the readings of each character, main reading first.
func indexSyllables(rank map[rune]int) (map[string][]scored, map[rune][]reading) {
	bySyllable := map[string][]scored{}
	readings := map[rune][]reading{}
	for r, rk := range rank {
		level := gb2312Level(r)
		if level == 0 {
			continue
		}
		for i, raw := range hanzi.Readings(r) {
			syl := typedAs(letters(raw))
			if syl == "" || slices.ContainsFunc(readings[r], func(x reading) bool { return x.syllable == syl }) {
				continue
			}
			readings[r] = append(readings[r], reading{syllable: syl, main: i == 0})
			score := rk
			if i > 0 {
				score *= otherReadingFactor
			}
			if level == 2 {
				score += levelTwoOffset
			}
			bySyllable[syl] = append(bySyllable[syl], scored{r, score})
			// ü after l and n is written v; people also type u (lue, nue).
			if strings.HasPrefix(syl, "lv") || strings.HasPrefix(syl, "nv") {
				if alt := syl[:1] + "u" + syl[2:]; alt == "lue" || alt == "nue" {
					bySyllable[alt] = append(bySyllable[alt], scored{r, score})
				}
			}
		}
	}
	return bySyllable, readings
}

// surname is a common surname's rank and its surname reading.
type surname struct {
	rank    int
	reading string
}

// surnameRanks ranks each common surname under its surname reading.
type surnameRanks map[rune]surname

// rankSurnames reads the common surnames with their surname readings.
func rankSurnames(readings map[rune][]reading) surnameRanks {
	ranks := surnameRanks{}
	for i, r := range []rune(commonSurnames) {
		rd, ok := surnameReading(r)
		if !ok && len(readings[r]) > 0 {
			rd = readings[r][0].syllable
		}
		ranks[r] = surname{rank: i, reading: rd}
	}
	return ranks
}

// order orders the characters typed as syl (a complete syllable, or the
// start of one) with the surnames read so first, then byScore.
func (sr surnameRanks) order(syl string, complete bool) func(a, b scored) int {
	isSurname := func(r rune) (int, bool) {
		s, ok := sr[r]
		if complete {
			return s.rank, ok && s.reading == syl
		}
		return s.rank, ok && strings.HasPrefix(s.reading, syl)
	}
	return func(a, b scored) int {
		ra, aok := isSurname(a.r)
		rb, bok := isSurname(b.r)
		switch {
		case aok && bok:
			return ra - rb
		case aok:
			return -1
		case bok:
			return 1
		}
		return byScore(a, b)
	}
}

// charStrings holds one string per character, shared by the lists.
type charStrings map[rune]string

// candidates turns scored characters into candidates taking letters.
func (c charStrings) candidates(list []scored, letters int) []Candidate {
	out := make([]Candidate, len(list))
	for i, s := range list {
		t, ok := c[s.r]
		if !ok {
			t = string(s.r)
			c[s.r] = t
		}
		out[i] = Candidate{Text: t, Letters: letters}
	}
	return out
}

// reuse is the candidates of sur, the characters of list in another
// order: made, as c.candidates does, only when the order differs; else
// same, the candidates of list. Most syllables have no common surname
// among their characters, or have them first already, and their lists in
// both orders then share one array.
func (c charStrings) reuse(same []Candidate, list, sur []scored) []Candidate {
	if slices.Equal(list, sur) {
		return same
	}
	return c.candidates(sur, same[0].Letters)
}

// addSyllables fills d.syllables and d.surnames (sorting each list of
// bySyllable by score) and returns, for every proper start of a syllable,
// the best score of each character of the syllables it begins.
func (d *Dict) addSyllables(bySyllable map[string][]scored, surnames surnameRanks, chars charStrings) map[string]map[rune]int {
	byPrefix := map[string]map[rune]int{}
	for syl, list := range bySyllable {
		d.maxSyllable = max(d.maxSyllable, len(syl))
		slices.SortFunc(list, byScore)
		d.syllables[syl] = chars.candidates(list, len(syl))
		sur := slices.Clone(list)
		slices.SortStableFunc(sur, surnames.order(syl, true))
		d.surnames[syl] = chars.reuse(d.syllables[syl], list, sur)
		for l := 1; l < len(syl); l++ {
			p := syl[:l]
			if byPrefix[p] == nil {
				byPrefix[p] = map[rune]int{}
			}
			for _, s := range list {
				if old, ok := byPrefix[p][s.r]; !ok || s.score < old {
					byPrefix[p][s.r] = s.score
				}
			}
		}
	}
	return byPrefix
}

// addPrefixes fills d.prefixes and d.prefixSurnames for the starts of
// syllables that are not complete syllables themselves.
func (d *Dict) addPrefixes(byPrefix map[string]map[rune]int, bySyllable map[string][]scored, surnames surnameRanks, chars charStrings) {
	for p, m := range byPrefix {
		if _, complete := bySyllable[p]; complete {
			continue
		}
		list := make([]scored, 0, len(m))
		for r, s := range m {
			list = append(list, scored{r, s})
		}
		slices.SortFunc(list, byScore)
		d.prefixes[p] = chars.candidates(list, len(p))
		sur := slices.Clone(list)
		slices.SortStableFunc(sur, surnames.order(p, false))
		d.prefixSurnames[p] = chars.reuse(d.prefixes[p], list, sur)
	}
}

// indexWords lists the words under every combination of their
// characters' readings: the domain words first, then the common ones.
func indexWords(readings map[rune][]reading) map[string][]word {
	i := 0
	byKey := map[string][]word{}
	for _, list := range []struct {
		lines string
		base  int
	}{{domainWords, 0}, {commonWords, len(domainWords) + 1}} {
		at := list.base
		for line := range strings.SplitSeq(list.lines, "\n") {
			start := at
			at += len(line) + 1
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			for _, k := range wordKeys(line, readings) {
				byKey[k.key] = append(byKey[k.key], word{at: uint32(start), score: int32(i + k.other*wordOtherReading)})
			}
			i++
		}
	}
	return byKey
}

// addWords lays byKey out flat and sorted in d (see Dict.words), each
// reading's words best first and once; the keys are slices of one string.
func (d *Dict) addWords(byKey map[string][]word) {
	keys := slices.Sorted(maps.Keys(byKey))
	d.keys = strings.Join(keys, "")
	d.keyAt = make([]uint32, 0, len(keys)+1)
	d.wordAt = make([]int32, 0, len(keys)+1)
	at := 0
	for _, key := range keys {
		d.keyAt = append(d.keyAt, uint32(at))
		at += len(key)
		list := byKey[key]
		slices.SortStableFunc(list, func(a, b word) int { return int(a.score - b.score) })
		// A domain word that is a common word too is listed once.
		seen := map[string]bool{}
		list = slices.DeleteFunc(list, func(w word) bool {
			dup := seen[w.text()]
			seen[w.text()] = true
			return dup
		})
		d.wordAt = append(d.wordAt, int32(len(d.words)))
		d.words = append(d.words, list...)
	}
	d.keyAt = append(d.keyAt, uint32(at))
	d.wordAt = append(d.wordAt, int32(len(d.words)))
	d.words = slices.Clip(d.words)
}

// wordKey is one way to read a word: its syllables joined by ', and how
// many of its characters are read with other than their main reading.
type wordKey struct {
	key   string
	other int
}

// wordKeys lists the readings of a word, main readings first, at most
// maxWordReadings of them.
func wordKeys(w string, readings map[rune][]reading) []wordKey {
	keys := []wordKey{{}}
	for i, r := range []rune(w) {
		rs := readings[r]
		if len(rs) == 0 {
			return nil
		}
		var next []wordKey
		for _, k := range keys {
			for _, rd := range rs {
				if len(next) == maxWordReadings {
					break
				}
				nk := k
				if i > 0 {
					nk.key += "'"
				}
				nk.key += rd.syllable
				if !rd.main {
					nk.other++
				}
				next = append(next, nk)
			}
		}
		keys = next
	}
	return keys
}

// gb2312Level returns 1 for a GB2312 level-1 hanzi (rows 16–55), 2 for a
// level-2 one (rows 56–87) and 0 for anything else. GBK, a superset of
// GB2312, encodes a GB2312 character in row R as the bytes 0xA0+R and
// 0xA1–0xFE; its own additions use other second bytes.
func gb2312Level(r rune) int {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
	if err != nil || len(b) != 2 || b[1] < 0xA1 || b[1] > 0xFE {
		return 0
	}
	switch row := int(b[0]) - 0xA0; {
	case row >= 16 && row <= 55:
		return 1
	case row >= 56 && row <= 87:
		return 2
	}
	return 0
}

// letters returns a reading of package hanzi if it is plain letters a–z
// (tones are already stripped, ü written v), else "": a few rare
// characters outside GB2312 keep a mark (欸: ê̄), which no key types.
func letters(reading string) string {
	if reading == "" {
		return ""
	}
	for i := 0; i < len(reading); i++ {
		if c := reading[i]; c < 'a' || c > 'z' {
			return ""
		}
	}
	return reading
}
