package data

import (
	"strings"
	"unicode/utf8"
)

// searchSQLPostgres is searchSQL on PostgreSQL: the same matches in the
// same order, found with LIKE over the search keys, which the pg_trgm GIN
// indexes of migrations 002 and 010 answer for patterns of three
// characters or more:
//
//   - one Latin letter: among the first letters of the pinyin words
//     (search_firsts), one other character: among the characters of the
//     text (search_chars), as item_chars answers on SQLite;
//   - Latin letters: " "+q in the space-prefixed pinyin or initials;
//   - two other characters: among the pairs of adjacent characters of the
//     search text (search_pairs, migration 014), as SQLite finds them
//     among the trigrams that start with them;
//   - anything else: q in the search text.
//
// LIKE, not ILIKE: the keys and the query are lower case already
// (SearchKeysFor, NormaliseQuery), and ILIKE would lower every key it
// tests again. ?1 is the pattern, ?2 the query as typed, ?3 the limit;
// the ranking is searchSQL's.
func searchSQLPostgres(q string) (query string, args []any) {
	const (
		latinRank = `(substr(initials, 2, length(CAST(?2 AS TEXT))) = ?2
			OR substr(pinyin, 2, length(CAST(?2 AS TEXT))) = ?2) DESC, ord, id`
		textRank = `(strpos(name, ?2) = 1) DESC, (strpos(name, ?2) > 0) DESC, ord, id`
	)
	build := func(match, rank string) string {
		return `SELECT id, code, name, category, summary, promised_days, mode FROM items
			WHERE active = 1 AND ` + match + ` ORDER BY ` + rank + ` LIMIT ?3`
	}
	like := likeEscape(q)
	if r, n := utf8.DecodeRuneInString(q); n == len(q) && charIndexed(r) && r != utf8.RuneError {
		col, rank := "search_chars", textRank
		if isLatin(q) {
			col, rank = "search_firsts", latinRank
		}
		return build(`(' ' || `+col+` || ' ') LIKE ?1`, rank), []any{"% " + like + " %", q, SearchLimit}
	}
	if isLatin(q) {
		return build(`(pinyin LIKE ?1 OR initials LIKE ?1)`, latinRank), []any{"% " + like + "%", q, SearchLimit}
	}
	if utf8.RuneCountInString(q) == 2 {
		return build(`search_pairs(search_text) @> ARRAY[CAST(?1 AS TEXT)]`, textRank), []any{q, q, SearchLimit}
	}
	return build(`search_text LIKE ?1`, textRank), []any{"%" + like + "%", q, SearchLimit}
}

// likeEscape escapes LIKE's wildcards in s (PostgreSQL's escape character
// is the backslash).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
