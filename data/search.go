package data

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// SearchKeys are the columns a guide is found by: the Chinese text (name,
// other names, category, summary), the full pinyin and the pinyin initials
// of the name and of each other name, so that "jzz" finds 居住证 and "dibao"
// or "db" finds 最低生活保障 through its other name 低保.
type SearchKeys struct {
	Text     string
	Pinyin   string
	Initials string
}

// SearchKeysFor computes an item's search keys with go-pinyin's dictionary.
func SearchKeysFor(it *Item) SearchKeys {
	names := append([]string{it.Name}, it.Keywords...)
	var py, ini []string
	for _, n := range names {
		full, first := pinyinOf(n)
		if full != "" {
			py = append(py, full)
			ini = append(ini, first)
		}
	}
	text := strings.Join(append(names, it.Category, it.Summary), " ")
	return SearchKeys{
		Text:     strings.ToLower(text),
		Pinyin:   " " + strings.Join(py, " "),
		Initials: " " + strings.Join(ini, " "),
	}
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	a.Fallback = func(r rune, _ pinyin.Args) []string {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return []string{strings.ToLower(string(r))}
		}
		return nil
	}
	return a
}()

// pinyinOf returns the full pinyin (no spaces, no tones) and the initials.
func pinyinOf(s string) (full, initials string) {
	var f, i strings.Builder
	for _, syl := range pinyin.LazyPinyin(s, pinyinArgs) {
		if syl == "" {
			continue
		}
		f.WriteString(syl)
		i.WriteByte(syl[0])
	}
	return f.String(), i.String()
}

// SearchLimit is the most results a search returns: more than a screen can
// usefully show.
const SearchLimit = 50

// searchSQL builds the one query a search runs. The match is a substring
// match, done through the FTS5 trigram index item_search (migration 002):
//
//   - Chinese (anything but Latin letters) is matched as a substring of the
//     search text (names, other names, category, summary);
//   - Latin letters as a prefix of the full pinyin or of the initials of any
//     name ("jzz" → 居住证), i.e. " "+q as a substring of the space-prefixed
//     lists.
//
// A key of three characters or more is a trigram phrase (MATCH). A key of
// one or two characters (低保, 医保, or " j") has no trigram of its own; the
// index holds every value followed by two spaces, so every occurrence of the
// key begins some trigram, and the trigrams that start with the key are a
// range of item_search_terms (fts5vocab), read from the index without
// scanning the items.
//
// Ranking, for search as you type: names that start with the query first,
// then names that contain it, then the rest (a match in another name, the
// category or the summary), each tier in display order. For Latin letters:
// the name's own pinyin or initials first, then other names'.
//
// The query has two levels so that a short key matching thousands of guides
// (one character typed so far) stays cheap: the inner one ranks the matches
// on the narrow covering index items_search_rank (migration 002; named, as
// the planner would otherwise look each match up in the wide table) and
// keeps the first SearchLimit ids; only those rows of items are read.
func searchSQL(q string) (query string, args []any) {
	const (
		byMatch = `id IN (SELECT rowid FROM item_search WHERE item_search MATCH ?1)`
		byTerms = `id IN (SELECT doc FROM item_search_terms WHERE term >= ?1 AND term < ?4 AND `
		// ?2 is the query as typed, ?3 the limit.
		latinRank = `(substr(initials, 2, length(?2)) = ?2 OR substr(pinyin, 2, length(?2)) = ?2) DESC, ord, id`
		textRank  = `(instr(name, ?2) = 1) DESC, (instr(name, ?2) > 0) DESC, ord, id`
	)
	build := func(match, rank string) string {
		return `SELECT id, code, name, category, summary, promised_days, mode FROM items WHERE id IN (
			SELECT id FROM items INDEXED BY items_search_rank WHERE active = 1 AND ` + match + ` ORDER BY ` + rank + ` LIMIT ?3)
			ORDER BY ` + rank
	}
	if isLatin(q) {
		key := " " + q
		if len(key) < 3 {
			return build(byTerms+`col IN ('pinyin', 'initials'))`, latinRank), []any{key, q, SearchLimit, key + maxRune}
		}
		return build(byMatch, latinRank), []any{`{pinyin initials} : "` + key + `"`, q, SearchLimit}
	}
	if utf8.RuneCountInString(q) < 3 {
		return build(byTerms+`col = 'text')`, textRank), []any{q, q, SearchLimit, q + maxRune}
	}
	return build(byMatch, textRank), []any{`text : "` + strings.ReplaceAll(q, `"`, `""`) + `"`, q, SearchLimit}
}

// maxRune is the greatest character: every term that starts with k sorts
// before k + maxRune.
const maxRune = string(utf8.MaxRune)

// NormaliseQuery trims the query and lowers Latin letters. An empty result
// means there is nothing to search for.
func NormaliseQuery(q string) string {
	return strings.ToLower(strings.Join(strings.Fields(q), ""))
}

func isLatin(q string) bool {
	for _, r := range q {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return q != ""
}

// SearchItems finds active guides by keyword (any length, two-character
// words included), by full pinyin or by pinyin initials ("jzz" → 居住证),
// at most SearchLimit, ranked for search as you type (see searchSQL). It
// runs one statement, which reads one consistent snapshot without a
// transaction around it.
func (s *Store) SearchItems(ctx context.Context, q string) ([]ItemSummary, error) {
	q = NormaliseQuery(q)
	if q == "" {
		return nil, nil
	}
	query, args := searchSQL(q)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr("search", err)
	}
	out, err := scanSummaries(rows)
	return out, mapErr("search", err)
}
