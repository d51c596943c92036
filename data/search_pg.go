package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"
)

// searchPostgres is SearchItems on PostgreSQL (q normalised, not empty):
// one or two characters read the first page of their key in ranking order
// (searchRanksSQL), one letter first trying the names whose own pinyin
// begins with it (searchOwnInitialSQL); Latin letters run tiers (searchTiersPostgres); text of
// three characters or more first tries the names in display order
// (searchNamesFirstSQL), one statement, before the one that ranks every
// match (searchSQLPostgres). Each statement reads one consistent snapshot
// without a transaction around it.
func (s *Store) searchPostgres(ctx context.Context, q string) ([]ItemSummary, error) {
	run := func(query string, args []any) ([]ItemSummary, error) {
		rows, err := s.db.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, mapErr("search", err)
		}
		out, err := scanSummaries(rows)
		return out, mapErr("search", err)
	}
	if query, args := searchOwnInitialSQL(q); query != "" {
		if out, err := run(query, args); err != nil || len(out) == SearchLimit {
			return out, err
		}
	}
	if query, args := searchRanksSQL(q); query != "" {
		return run(query, args)
	}
	if tiers := searchTiersPostgres(q); tiers != nil {
		return s.searchTiered(ctx, tiers)
	}
	if query, args := searchNamesFirstSQL(q); query != "" {
		if out, err := run(query, args); err != nil || len(out) == SearchLimit {
			return out, err
		}
	}
	return run(searchSQLPostgres(q))
}

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

// searchRanksSQL is the search on PostgreSQL for one character (but ASCII
// punctuation, which is not a key of its own: see charIndexed) or for two
// characters other than two Latin letters (which are pinyin): the first
// SearchLimit entries of the query's key in search_ranks (migration 015),
// whose primary key is searchSQLPostgres's ranking (tier, then display
// order), read in that order, and only those guides. "" for any other
// query. ?1 is the key, ?2 the limit.
func searchRanksSQL(q string) (query string, args []any) {
	r, n := utf8.DecodeRuneInString(q)
	one := n == len(q) && charIndexed(r) && r != utf8.RuneError
	if !one && (utf8.RuneCountInString(q) != 2 || isLatin(q)) {
		return "", nil
	}
	return `SELECT i.id, i.code, i.name, i.category, i.summary, i.promised_days, i.mode
		FROM (SELECT id, tier, ord FROM search_ranks WHERE key = ?1 ORDER BY tier, ord, id LIMIT ?2) r
		JOIN items i ON i.id = r.id ORDER BY r.tier, r.ord, r.id`, []any{q, SearchLimit}
}

// searchOwnInitialSQL is the first try of a search for one Latin letter on
// PostgreSQL ("" for any other query): the first SearchLimit guides in
// display order whose own name's pinyin begins with it, straight from the
// items in that order (items_search_initial, migration 010). When it
// returns SearchLimit guides they are searchRanksSQL's, as its first tier
// is theirs (j: 1,493 of 10,000 guides; the first letter of a name's
// pinyin and of its initials are the same); it reads no other table. ?1 the
// letter, ?2 the limit.
func searchOwnInitialSQL(q string) (query string, args []any) {
	if len(q) != 1 || !isLatin(q) {
		return "", nil
	}
	return `SELECT id, code, name, category, summary, promised_days, mode FROM items
		WHERE substr(initials, 2, 1) = ?1 AND active = 1 ORDER BY ord, id LIMIT ?2`, []any{q, SearchLimit}
}

// searchRanksDerived is the table of migration 015, which its triggers
// keep from items: a copy leaves it out of the tables copied (a SQLite
// source has none) and fills it with fillSearchRanks instead.
const searchRanksDerived = "search_ranks"

// fillSearchRanks fills search_ranks (migration 015) afresh from the
// active items, in the order of its primary key (a million guides' keys
// inserted in order, not scattered over its btree).
func fillSearchRanks(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_ranks`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO search_ranks (key, tier, ord, id)
		SELECT DISTINCT k.key, k.tier, i.ord, i.id
		FROM items i, search_rank_keys(i.name, i.search_text, i.search_chars, i.search_firsts, i.initials, i.pinyin) k
		WHERE i.active = 1 ORDER BY 1, 2, 3, 4`)
	return err
}

// likeEscape escapes LIKE's wildcards in s (PostgreSQL's escape character
// is the backslash).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// searchWindow is how many guides, in display order, searchNamesFirstSQL
// looks among for names that contain the query: enough for SearchLimit of
// them when one name in 40 or more has it.
const searchWindow = 40 * SearchLimit

// searchNamesFirstSQL is the first try of a text search of three
// characters or more on PostgreSQL ("" otherwise): the guides whose name
// starts with the query (all of them, a range of the btree index
// items_search_name of migration 014, COLLATE "C" so a prefix is a range),
// then those among the first searchWindow active guides in display order
// whose name contains it further on (items_search_order, migration 010),
// both read without the table, ranked, and only the SearchLimit first
// read. When it returns
// SearchLimit guides they are searchSQLPostgres's: every name that starts
// with the query comes first, and the window is the start of the display
// order, so the names in it come before any after it. When it returns fewer,
// the names are too few to fill a page (or too far in the order) and the
// search runs searchSQLPostgres, which ranks every match.
//
// The match of searchSQLPostgres reads every matching guide to rank it
// (and tests the query in its text again): 515 for 生活保障 in 10,000, when
// the first 50 names that contain it lie among the first 900 guides. Two
// characters skip this try: their pairs index needs no second test, and
// the try cost as much as ranking the 253 guides of 低保 (none in a name).
func searchNamesFirstSQL(q string) (query string, args []any) {
	if isLatin(q) || utf8.RuneCountInString(q) < 3 {
		return "", nil
	}
	// ?1 the query, ?2 the query followed by the greatest character, ?3
	// the window, ?4 the limit.
	return `SELECT i.id, i.code, i.name, i.category, i.summary, i.promised_days, i.mode FROM (
			(SELECT id, ord, 1 AS tier FROM items WHERE active = 1 AND name >= ?1 AND name < ?2
				ORDER BY ord, id LIMIT ?4)
			UNION ALL
			(SELECT id, ord, 2 FROM (SELECT id, ord, name FROM items WHERE active = 1 ORDER BY ord, id LIMIT ?3) w
				WHERE strpos(name, ?1) > 1 ORDER BY ord, id LIMIT ?4)
		) r JOIN items i ON i.id = r.id ORDER BY r.tier, r.ord, r.id LIMIT ?4`,
		[]any{q, q + maxRune, searchWindow, SearchLimit}
}

// searchGINIndexes are the search's GIN indexes on PostgreSQL (migrations
// 002, 010 and 014), whose pending lists a bulk write merges
// (flushSearch), as an SQL array.
const searchGINIndexes = `ARRAY['items_search_text_trgm', 'items_search_pinyin_trgm', 'items_search_initials_trgm',
	'items_search_chars_trgm', 'items_search_firsts_trgm', 'items_search_pairs']`
