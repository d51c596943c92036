package data

import "database/sql"

// DB is the store's database handle, for the package's external tests
// (package data_test) that must reach rows the API does not show, such as
// a copy's test comparing tables. Built only with the tests.
func (s *Store) DB() *sql.DB { return s.db }
