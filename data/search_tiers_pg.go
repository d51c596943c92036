package data

import (
	"context"
	"database/sql"
	"unicode/utf8"
)

// searchTier is one tier of a one-character search: its query and
// arguments, the number still missing appended as the last.
type searchTier struct {
	query string
	args  []any
}

// searchTiersPostgres is searchTiers on PostgreSQL: the same tiers in the
// same order from the same indexes of migration 010 (items_search_first,
// items_search_initial, items_search_order), the last tier matching the
// character's key as searchSQLPostgres does. Each tier has its own
// arguments (PostgreSQL refuses a placeholder a statement does not use).
// nil for a longer query.
func searchTiersPostgres(q string) []searchTier {
	r, n := utf8.DecodeRuneInString(q)
	if n != len(q) || !charIndexed(r) || r == utf8.RuneError {
		return nil
	}
	const cols = `SELECT id, code, name, category, summary, promised_days, mode FROM items `
	key := "% " + likeEscape(q) + " %"
	if isLatin(q) {
		return []searchTier{
			{cols + `WHERE substr(initials, 2, 1) = ?1 AND active = 1 ORDER BY ord, id LIMIT ?2`, []any{q}},
			{cols + `WHERE active = 1 AND substr(initials, 2, 1) != ?1 AND (' ' || search_firsts || ' ') LIKE ?2
				ORDER BY ord, id LIMIT ?3`, []any{q, key}},
		}
	}
	return []searchTier{
		{cols + `WHERE substr(name, 1, 1) = ?1 AND active = 1 ORDER BY ord, id LIMIT ?2`, []any{q}},
		{cols + `WHERE active = 1 AND strpos(name, ?1) > 1 ORDER BY ord, id LIMIT ?2`, []any{q}},
		{cols + `WHERE active = 1 AND strpos(name, ?1) = 0 AND (' ' || search_chars || ' ') LIKE ?2
			ORDER BY ord, id LIMIT ?3`, []any{q, key}},
	}
}

// searchTiered runs a one-character search's tiers in order in one read
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
