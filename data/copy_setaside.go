package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// setAside sets the destination's triggers and (ordinary) indexes aside
// inside tx (see the top of copy.go) and returns what puts them back, to
// be run in tx before it commits.
func setAside(ctx context.Context, engine Engine, tx *sql.Tx) (func() error, error) {
	if engine == Postgres {
		return pgSetAside(ctx, tx)
	}
	return sqliteSetAside(ctx, tx)
}

// sqliteSetAside drops the triggers and the indexes created by the
// migrations (not those of a PRIMARY KEY or UNIQUE constraint), and puts
// them back from their own text: indexes first, then the search indexes'
// rows, then the triggers.
func sqliteSetAside(ctx context.Context, tx *sql.Tx) (func() error, error) {
	type object struct{ kind, name, sql string }
	objects, err := queryRows(ctx, tx, func(o *object) []any { return []any{&o.kind, &o.name, &o.sql} },
		`SELECT type, name, sql FROM sqlite_schema
		WHERE type = 'trigger' OR (type = 'index' AND sql IS NOT NULL) ORDER BY type = 'trigger', name`)
	if err != nil {
		return nil, err
	}
	// Foreign keys checked at the commit, as PostgreSQL's order cannot
	// help a table that points to itself.
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return nil, err
	}
	for _, o := range objects {
		if _, err := tx.ExecContext(ctx, `DROP `+strings.ToUpper(o.kind)+` `+quoteIdent(o.name)); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, o := range objects {
			if o.kind == "trigger" {
				// The search indexes, as catalog_import.go's
				// flushSearch fills them (the destination had no
				// items, so they are empty), before the triggers that
				// keep them come back.
				if err := fillSearch(ctx, tx); err != nil {
					return err
				}
				break
			}
		}
		for _, o := range objects {
			if _, err := tx.ExecContext(ctx, o.sql); err != nil {
				return fmt.Errorf("%s %s: %w", o.kind, o.name, err)
			}
		}
		return nil
	}, nil
}

// fillSearch fills SQLite's search indexes (FTS5) from the items.
func fillSearch(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`INSERT INTO item_search (rowid, text, pinyin, initials)
			SELECT id, search_text || '  ', pinyin || '  ', initials || '  ' FROM items`,
		`INSERT INTO item_chars (rowid, chars, firsts) SELECT id, search_chars, search_firsts FROM items`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// pgSetAside disables the triggers the migrations made (ALTER TABLE …
// DISABLE TRIGGER USER: not the foreign keys' own) and drops the indexes
// that do not back a constraint, and puts both back, search_ranks filled
// from the copied items (fillSearchRanks) before its triggers.
func pgSetAside(ctx context.Context, tx *sql.Tx) (func() error, error) {
	var tables []string
	if err := collect(ctx, tx, &tables, `SELECT DISTINCT c.relname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
		WHERE NOT g.tgisinternal AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY 1`); err != nil {
		return nil, err
	}
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+quoteIdent(t)+` DISABLE TRIGGER USER`); err != nil {
			return nil, err
		}
	}
	type index struct{ name, def string }
	indexes, err := queryRows(ctx, tx, func(ix *index) []any { return []any{&ix.name, &ix.def} },
		`SELECT i.relname::text, pg_get_indexdef(x.indexrelid) FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		WHERE i.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+quoteIdent(ix.name)); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, ix := range indexes {
			if _, err := tx.ExecContext(ctx, ix.def); err != nil {
				return fmt.Errorf("index %s: %w", ix.name, err)
			}
		}
		if err := fillSearchRanks(ctx, tx); err != nil {
			return err
		}
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+quoteIdent(t)+` ENABLE TRIGGER USER`); err != nil {
				return err
			}
		}
		return nil
	}, nil
}
