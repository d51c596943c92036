package data

import (
	"context"
	"database/sql"
)

// ServerInfo is what `bianmin doctor` reports of a PostgreSQL store's
// server and schema.
type ServerInfo struct {
	Version    string // server_version, "15.18 (Debian 15.18-0+deb12u1)"
	Schema     string // the schema the store's tables are in
	Standby    bool   // a read-only standby (pg_is_in_recovery)
	CanCreate  bool   // the program's user may create tables in Schema (later migrations)
	Trigram    bool   // the pg_trgm extension is in the database
	CenterName string // "" when the center's profile is not set up
	Centered   bool   // the center's profile exists (a store in use, not a new one)
	Requests   int
}

// ServerInfo reads what the doctor reports of a PostgreSQL store's server
// and schema. On SQLite it says nothing (a zero ServerInfo).
func (s *Store) ServerInfo(ctx context.Context) (ServerInfo, error) {
	var in ServerInfo
	if s.engine != Postgres {
		return in, nil
	}
	err := s.db.QueryRowContext(ctx, `SELECT current_setting('server_version'), current_schema(), pg_is_in_recovery(),
		has_schema_privilege(current_schema(), 'CREATE'), EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')`).
		Scan(&in.Version, &in.Schema, &in.Standby, &in.CanCreate, &in.Trigram)
	if err != nil {
		return in, mapErr("server info", err)
	}
	var center sql.NullString
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT name FROM center WHERE id = 1), (SELECT count(*) FROM requests)`).
		Scan(&center, &in.Requests)
	in.CenterName, in.Centered = center.String, center.Valid
	return in, mapErr("server info", err)
}
