package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// sameSchema makes sure both stores have the same migrations applied
// (Open migrates both to this program's; a store from a newer program
// does not open).
func sameSchema(ctx context.Context, src, dst *Store) error {
	a, err := src.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	b, err := dst.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if a != b {
		return fmt.Errorf("data: copy: the source is at schema version %d, the destination at %d", a, b)
	}
	return nil
}

// copyPlan is every table of the store to copy (all but schema_migrations),
// parents before children, with its columns, read from s's schema.
func copyPlan(ctx context.Context, s *Store) ([]copyTable, error) {
	var names []string
	var edges [][2]string // child, parent
	var err error
	if s.engine == Postgres {
		names, edges, err = pgTables(ctx, s.db)
	} else {
		names, edges, err = sqliteTables(ctx, s.db)
	}
	if err != nil {
		return nil, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == "schema_migrations" })
	order := parentsFirst(names, edges)
	tables := make([]copyTable, 0, len(order))
	for _, name := range order {
		cols, err := tableColumns(ctx, s.engine, s.db, name)
		if err != nil {
			return nil, err
		}
		t := copyTable{name: name, cols: cols}
		t.hasID = slices.ContainsFunc(cols, func(c copyCol) bool { return c.name == "id" })
		tables = append(tables, t)
	}
	return tables, nil
}

// parentsFirst orders names so that every table comes after the tables
// its foreign keys point to (a table pointing to itself is left to the
// order of its ids); ties in name order.
func parentsFirst(names []string, edges [][2]string) []string {
	slices.Sort(names)
	parents := map[string][]string{}
	for _, e := range edges {
		if e[0] != e[1] && slices.Contains(names, e[0]) && slices.Contains(names, e[1]) {
			parents[e[0]] = append(parents[e[0]], e[1])
		}
	}
	placed := map[string]bool{}
	var out []string
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			if placed[n] {
				continue
			}
			ready := true
			for _, p := range parents[n] {
				if !placed[p] {
					ready = false
					break
				}
			}
			if ready {
				placed[n], progress = true, true
				out = append(out, n)
			}
		}
		if !progress { // a cycle: the rest in name order (the copy's count check still holds)
			for _, n := range names {
				if !placed[n] {
					placed[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// sqliteTables lists a SQLite store's ordinary tables (not SQLite's own,
// not the search indexes' virtual and shadow tables) and foreign keys.
func sqliteTables(ctx context.Context, db *sql.DB) ([]string, [][2]string, error) {
	var names []string
	if err := collectDB(ctx, db, &names, `SELECT name FROM pragma_table_list
		WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`); err != nil {
		return nil, nil, err
	}
	var edges [][2]string
	for _, n := range names {
		var parents []string
		if err := collectDB(ctx, db, &parents, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, n); err != nil {
			return nil, nil, err
		}
		for _, p := range parents {
			edges = append(edges, [2]string{n, p})
		}
	}
	return names, edges, nil
}

// pgTables lists the tables of a PostgreSQL store's schema (the first on
// its search_path) and their foreign keys, but search_ranks, which its
// triggers keep from items (filled after a copy: see pgSetAside).
func pgTables(ctx context.Context, db *sql.DB) ([]string, [][2]string, error) {
	var names []string
	if err := collectDB(ctx, db, &names, `SELECT c.relname::text FROM pg_class c
		WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p')
		AND c.relname::text <> ?`, searchRanksDerived); err != nil {
		return nil, nil, err
	}
	edges, err := queryRows(ctx, db, func(e *[2]string) []any { return []any{&e[0], &e[1]} },
		`SELECT c.relname::text, p.relname::text FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
		WHERE k.contype = 'f' AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())`)
	if err != nil {
		return nil, nil, err
	}
	return names, edges, nil
}

// tableColumns is table's columns in order, on q (the pool, or a
// transaction).
func tableColumns(ctx context.Context, engine Engine, q queryer, table string) ([]copyCol, error) {
	query := `SELECT name, upper(type) IN ('BLOB', 'BYTEA') FROM pragma_table_info(?) ORDER BY cid`
	if engine == Postgres {
		query = `SELECT column_name::text, data_type = 'bytea' FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name::text = ? ORDER BY ordinal_position`
	}
	return queryRows(ctx, q, func(c *copyCol) []any { return []any{&c.name, &c.blob} }, query, table)
}

// checkSourceColumns makes sure the source has every table and column the
// destination has (both are opened by this program, so they do unless a
// store was changed by hand).
func checkSourceColumns(ctx context.Context, src *Store, stx *sql.Tx, tables []copyTable) error {
	for _, t := range tables {
		cols, err := tableColumns(ctx, src.engine, stx, t.name)
		if err != nil {
			return mapErr("copy", err)
		}
		for _, c := range t.cols {
			if !slices.ContainsFunc(cols, func(s copyCol) bool { return s.name == c.name }) {
				return fmt.Errorf("data: copy: the source has no column %s.%s; were both stores opened by this program?", t.name, c.name)
			}
		}
	}
	return nil
}
