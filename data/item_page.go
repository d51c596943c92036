package data

import (
	"context"
	"database/sql"
)

// ItemsInCategoryPage reads up to limit active items of a category in
// display order (ord, id), starting after the item afterID (0: from the
// first). A list reads its first screenful with it and more as it
// scrolls, so a category of thousands of items opens as fast as a small
// one (its size is in Categories: counting it here would read every row).
// An afterID that is not in the category (moved or deleted since the first
// page) gives an empty page.
func (s *Store) ItemsInCategoryPage(ctx context.Context, category string, afterID int64, limit int) ([]ItemSummary, error) {
	var out []ItemSummary
	if limit <= 0 {
		limit = 50
	}
	err := s.read(ctx, "items", func(tx *sql.Tx) error {
		var rows *sql.Rows
		var err error
		if afterID == 0 {
			rows, err = tx.QueryContext(ctx, `SELECT id, code, name, category, summary, promised_days, mode
				FROM items WHERE active = 1 AND category = ? ORDER BY ord, id LIMIT ?`, category, limit)
		} else {
			rows, err = tx.QueryContext(ctx, `SELECT id, code, name, category, summary, promised_days, mode
				FROM items WHERE active = 1 AND category = ?1
				AND (ord, id) > (SELECT ord, id FROM items WHERE id = ?2 AND category = ?1)
				ORDER BY ord, id LIMIT ?3`, category, afterID, limit)
		}
		if err != nil {
			return err
		}
		out, err = scanSummaries(rows)
		return err
	})
	return out, err
}
