package data

import (
	"context"
	"database/sql"
	"unicode/utf8"
)

// searchTier is one tier of a tiered search (one character on SQLite,
// Latin letters on PostgreSQL): its query and arguments, the number still
// missing appended as the last.
type searchTier struct {
	query string
	args  []any
}

// searchTiersPostgres is the search on PostgreSQL for Latin letters
// (pinyin or initials, two letters or more), in tiers as searchSQLPostgres
// ranks them: first the guides whose own name's initials or pinyin begin
// with them, a range of the btree indexes of migration 014
// (items_search_initials, items_search_pinyin) read without the table,
// ranked there and only the SearchLimit first read; then, if the first
// tier left room, the other matches (another name's pinyin or initials),
// from the trigram indexes. Ranking every match of the trigram indexes
// instead read every matching guide (468 for "jzz" in 10,000) to return
// 50. Each tier has its own arguments (PostgreSQL refuses a placeholder a
// statement does not use). nil for any other query (one letter:
// searchRanksSQL).
func searchTiersPostgres(q string) []searchTier {
	if utf8.RuneCountInString(q) < 2 || !isLatin(q) {
		return nil
	}
	const cols = `SELECT id, code, name, category, summary, promised_days, mode FROM items `
	key := " " + q
	// ?1 ≤ the column < ?2: the column begins with " "+q (text compared by
	// its bytes, COLLATE "C").
	const own = `(initials >= ?1 AND initials < ?2 OR pinyin >= ?1 AND pinyin < ?2)`
	return []searchTier{
		{cols + `WHERE id IN (SELECT id FROM (
				SELECT id, ord FROM items WHERE active = 1 AND initials >= ?1 AND initials < ?2
				UNION SELECT id, ord FROM items WHERE active = 1 AND pinyin >= ?1 AND pinyin < ?2
			) own ORDER BY ord, id LIMIT ?3) ORDER BY ord, id`, []any{key, key + maxRune}},
		{cols + `WHERE active = 1 AND (pinyin LIKE ?3 OR initials LIKE ?3) AND NOT ` + own + `
			ORDER BY ord, id LIMIT ?4`, []any{key, key + maxRune, "%" + likeEscape(key) + "%"}},
	}
}

// searchTiered runs a tiered search's tiers in order in one read
// transaction, each for the rows the tiers before it left missing, until
// SearchLimit rows are found.
func (s *Store) searchTiered(ctx context.Context, tiers []searchTier) ([]ItemSummary, error) {
	var out []ItemSummary
	err := s.read(ctx, "search", func(tx *sql.Tx) error {
		for _, tier := range tiers {
			if len(out) == SearchLimit {
				break
			}
			rows, err := tx.QueryContext(ctx, tier.query, append(tier.args, SearchLimit-len(out))...)
			if err != nil {
				return err
			}
			got, err := scanSummaries(rows)
			if err != nil {
				return err
			}
			out = append(out, got...)
		}
		return nil
	})
	return out, err
}
