package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
	"unicode/utf8"

	"bianmin/internal/hanzi"
)

// fillSearchChars writes the one-character keys of the items stored before
// migration 010 (run by migrate right after it), a thousand at a time.
func fillSearchChars(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		id             int64
		text, initials string
	}
	var last int64
	for {
		rows, err := tx.QueryContext(ctx, `SELECT id, search_text, initials FROM items WHERE id > ? ORDER BY id LIMIT 1000`, last)
		if err != nil {
			return err
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.text, &r.initials); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for _, r := range batch {
			chars, firsts := charKeys(r.text, r.initials)
			if _, err := tx.ExecContext(ctx, `UPDATE items SET search_chars = ?, search_firsts = ? WHERE id = ?`,
				chars, firsts, r.id); err != nil {
				return err
			}
		}
		last = batch[len(batch)-1].id
	}
}

// SearchKeys are the columns a guide is found by: the Chinese text (name,
// other names, category, summary), the full pinyin and the pinyin initials
// of the name and of each other name, so that "jzz" finds 居住证 and "dibao"
// or "db" finds 最低生活保障 through its other name 低保.
type SearchKeys struct {
	Text     string
	Pinyin   string
	Initials string
	// For one-character queries (migration 010): the distinct characters
	// of Text, and the distinct first letters of the words of Initials,
	// each space-separated.
	Chars  string
	Firsts string
}

// SearchKeysFor computes an item's search keys with go-pinyin's dictionary
// (package bianmin/internal/hanzi).
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
	k := SearchKeys{
		Text:     strings.ToLower(text),
		Pinyin:   " " + strings.Join(py, " "),
		Initials: " " + strings.Join(ini, " "),
	}
	k.Chars, k.Firsts = charKeys(k.Text, k.Initials)
	return k
}

// charKeys computes the one-character keys (SearchKeys.Chars and Firsts)
// from the search text and the initials.
func charKeys(text, initials string) (chars, firsts string) {
	seen := map[rune]bool{}
	var c strings.Builder
	for _, r := range text {
		addCharKey(&c, seen, r)
	}
	clear(seen)
	var f strings.Builder
	for _, w := range strings.Fields(initials) {
		r, _ := utf8.DecodeRuneInString(w)
		addCharKey(&f, seen, r)
	}
	return c.String(), f.String()
}

// addCharKey writes r to keys, after a space, when the index holds it and
// it is not yet seen.
func addCharKey(keys *strings.Builder, seen map[rune]bool, r rune) {
	if !charIndexed(r) || seen[r] {
		return
	}
	seen[r] = true
	if keys.Len() > 0 {
		keys.WriteByte(' ')
	}
	keys.WriteRune(r)
}

// charIndexed is whether the one-character index (migration 010, ascii
// tokenizer) holds r as a token of its own: any character but ASCII spaces
// and punctuation, which the tokenizer takes for separators.
func charIndexed(r rune) bool {
	return r > unicode.MaxASCII || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// pinyinOf returns the full pinyin (no spaces, no tones) and the initials:
// each character's main reading (package hanzi, go-pinyin's dictionary),
// an ASCII letter or digit as itself in lower case; anything else is left
// out.
func pinyinOf(s string) (full, initials string) {
	var f, i strings.Builder
	for _, r := range s {
		syl, ok := hanzi.Reading(r)
		if !ok {
			if r >= unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue
			}
			syl = string(unicode.ToLower(r))
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
// A key of one character (the first key typed, which matches thousands of
// guides) is read from the one-character index item_chars (migration 010):
// a Latin letter among the first letters of the pinyin words, any other
// character among the characters of the text. A key of three characters or
// more is a trigram phrase (MATCH). A key of two characters (低保, 医保, or " j") has no trigram of its own; the
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
		byChars = `id IN (SELECT rowid FROM item_chars WHERE item_chars MATCH ?1)`
		// ?2 is the query as typed, ?3 the limit.
		latinRank = `(substr(initials, 2, length(?2)) = ?2 OR substr(pinyin, 2, length(?2)) = ?2) DESC, ord, id`
		textRank  = `(instr(name, ?2) = 1) DESC, (instr(name, ?2) > 0) DESC, ord, id`
	)
	build := func(match, rank string) string {
		return `SELECT id, code, name, category, summary, promised_days, mode FROM items WHERE id IN (
			SELECT id FROM items INDEXED BY items_search_rank WHERE active = 1 AND ` + match + ` ORDER BY ` + rank + ` LIMIT ?3)
			ORDER BY ` + rank
	}
	// One character: its posting list in item_chars (migration 010).
	if r, n := utf8.DecodeRuneInString(q); n == len(q) && charIndexed(r) && r != utf8.RuneError {
		col, rank := "chars", textRank
		if isLatin(q) {
			col, rank = "firsts", latinRank
		}
		return build(byChars, rank), []any{col + ` : "` + q + `"`, q, SearchLimit}
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
// transaction around it; a query of one character runs its tiers
// (searchTiers) in one read transaction. PostgreSQL: see searchPostgres.
func (s *Store) SearchItems(ctx context.Context, q string) ([]ItemSummary, error) {
	q = NormaliseQuery(q)
	if q == "" {
		return nil, nil
	}
	if s.engine == Postgres {
		return s.searchPostgres(ctx, q)
	}
	if tiers, args := searchTiers(q); tiers != nil {
		sts := make([]searchTier, len(tiers))
		for i, query := range tiers {
			sts[i] = searchTier{query, args}
		}
		return s.searchTiered(ctx, sts)
	}
	query, args := searchSQL(q)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr("search", err)
	}
	out, err := scanSummaries(rows)
	return out, mapErr("search", err)
}

// searchTiers is the search for one character (the first key typed), which
// matches up to every guide: the same results in the same order as
// searchSQL, read tier by tier (names that start with it, names that
// contain it, the other matches), each tier in display order from an index
// of migration 010 and limited to what is still missing (the last
// argument), so that a search reads about SearchLimit guides however many
// match. nil for a longer query. ?1 is the character, ?2 its key in
// item_chars.
func searchTiers(q string) (tiers []string, args []any) {
	r, n := utf8.DecodeRuneInString(q)
	if n != len(q) || !charIndexed(r) || r == utf8.RuneError {
		return nil, nil
	}
	const (
		cols    = `SELECT id, code, name, category, summary, promised_days, mode FROM items `
		order   = ` ORDER BY ord, id LIMIT ?3`
		matches = ` AND id IN (SELECT rowid FROM item_chars WHERE item_chars MATCH ?2)`
	)
	if isLatin(q) {
		// The name's own pinyin begins with the letter, then the names
		// whose other names' do. (The first letter of the pinyin and of
		// the initials of the name are the same.)
		return []string{
			cols + `INDEXED BY items_search_initial WHERE substr(initials, 2, 1) = ?1 AND active = 1` + order,
			cols + `INDEXED BY items_search_order WHERE active = 1 AND substr(initials, 2, 1) != ?1` + matches + order,
		}, []any{q, `firsts : "` + q + `"`}
	}
	return []string{
		cols + `INDEXED BY items_search_first WHERE substr(name, 1, 1) = ?1 AND active = 1` + order,
		cols + `INDEXED BY items_search_order WHERE active = 1 AND instr(name, ?1) > 1` + order,
		cols + `INDEXED BY items_search_order WHERE active = 1 AND instr(name, ?1) = 0` + matches + order,
	}, []any{q, `chars : "` + q + `"`}
}
