package data

import (
	"context"
	"database/sql"
)

// ItemPage is one screenful of a category's guides: Items in display
// order, and Total, the number of active items in the whole category.
type ItemPage struct {
	Items []ItemSummary
	Total int
}

// ItemsInCategoryPage reads up to limit active items of a category in
// display order (ord, id), starting after the item afterID (0: from the
// first). A list reads its first screenful with it and more as it
// scrolls, so a category of thousands of items opens as fast as a small
// one. Total is counted on the first page only (afterID 0); later pages
// leave it 0. An afterID that is not in the category (moved or deleted
// since the first page) gives an empty page.
func (s *Store) ItemsInCategoryPage(ctx context.Context, category string, afterID int64, limit int) (ItemPage, error) {
	var p ItemPage
	if limit <= 0 {
		limit = 50
	}
	err := s.read(ctx, "items", func(tx *sql.Tx) error {
		var rows *sql.Rows
		var err error
		if afterID == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE active = 1 AND category = ?`,
				category).Scan(&p.Total); err != nil {
				return err
			}
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
		p.Items, err = scanSummaries(rows)
		return err
	})
	return p, err
}
