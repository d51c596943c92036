package data

import (
	"database/sql"
	"net/url"
)

// OpenSQL opens a plain database/sql pool on the store at path (a SQLite
// data file, or a postgres:// DSN), through the same driver the store uses
// (on PostgreSQL the one that rewrites ? into $n), without migrating or
// seeding anything. It is for test kits that look at what the store keeps
// beside its API (see datatest); the program itself opens stores with Open.
func OpenSQL(path string) (*sql.DB, error) {
	if IsPostgresDSN(path) {
		db, err := openPostgres(path)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(2)
		return db, nil
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(5000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, mapErr("open", err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
