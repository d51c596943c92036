// Package datatest opens real stores for tests of the packages above data:
// a SQLite file in t.TempDir() (or, when BIANMIN_TEST_PG is set, a fresh
// schema on that PostgreSQL database; see data/internal/testdb), closed
// when the test ends, reading the time
// from the test's clock and hashing PINs cheaply (WithPINParams), with
// helpers that seed it as a new data file is seeded (the sample catalog,
// the official holidays) and give the sample staff PINs.
//
// Tests inside package data cannot import it (an import cycle); they have
// their own mustOpen and use internal/fakeclock.
package datatest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"bianmin/assets"
	"bianmin/data"
	"bianmin/data/internal/testdb"
)

// PINs that the sample staff get from SetPINs.
const (
	AdminPIN = "604917"
	ClerkPIN = "1357"
)

// CheapPINs is the store option that makes hashing a PIN cost microseconds
// instead of DefaultPINParams' 64 MiB and ~80 ms. Only for tests: such
// hashes are weak.
func CheapPINs() data.Option {
	return data.WithPINParams(data.PINParams{Memory: 64, Time: 1, Threads: 1})
}

// Open opens an empty store (DSN) reading the
// time from now (time.Now if nil) and hashing PINs cheaply; opts come after
// and may override both. The store is closed when the test ends.
func Open(t testing.TB, now func() time.Time, opts ...data.Option) *data.Store {
	t.Helper()
	if now == nil {
		now = time.Now
	}
	opts = append([]data.Option{data.WithClock(now), CheapPINs()}, opts...)
	s, err := data.Open(context.Background(), DSN(t), opts...)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// DSN is where a fresh, empty store for t lives: a new SQLite file under
// t.TempDir(), or a new schema on BIANMIN_TEST_PG (dropped when the test
// ends). Pass it to data.Open (or --data) as it is.
func DSN(t testing.TB) string { return testdb.DSN(t) }

// OpenWith is Open with catalog c put in.
func OpenWith(t testing.TB, now func() time.Time, c *data.Catalog, opts ...data.Option) *data.Store {
	t.Helper()
	s := Open(t, now, opts...)
	_, err := s.PutCatalog(context.Background(), c)
	require.NoError(t, err)
	return s
}

// SampleCatalog is the sample catalog (assets/sample.json) decoded, with its
// files.
func SampleCatalog(t testing.TB) *data.Catalog {
	t.Helper()
	f, err := assets.Sample.Open(assets.SampleCatalog)
	require.NoError(t, err)
	defer f.Close()
	c, err := data.DecodeCatalog(f, assets.Sample)
	require.NoError(t, err)
	return c
}

// ImportSample imports the sample catalog into s, as an administrator's
// catalog import does.
func ImportSample(t testing.TB, s *data.Store) {
	t.Helper()
	f, err := assets.Sample.Open(assets.SampleCatalog)
	require.NoError(t, err)
	defer f.Close()
	_, err = s.ImportCatalog(context.Background(), f, assets.Sample)
	require.NoError(t, err)
}

// SeedNew seeds s as cli.OpenSeeded seeds a new data file: the official
// holidays, then the sample catalog.
func SeedNew(t testing.TB, s *data.Store) {
	t.Helper()
	require.NoError(t, s.PutCalendarDays(context.Background(), data.OfficialCalendarDays()))
	ImportSample(t, s)
}

// StaffIDs is every staff member who may sign in, id by name.
func StaffIDs(t testing.TB, s *data.Store) map[string]int64 {
	t.Helper()
	choices, err := s.LoginChoices(context.Background())
	require.NoError(t, err)
	ids := make(map[string]int64, len(choices))
	for _, c := range choices {
		ids[c.Name] = c.StaffID
	}
	return ids
}

// SetPINs sets up admin (a name among ids) as the first administrator with
// AdminPIN and gives each of clerks ClerkPIN; it returns the
// administrator's session.
func SetPINs(t testing.TB, s *data.Store, ids map[string]int64, admin string, clerks ...string) data.Session {
	t.Helper()
	ctx := context.Background()
	sess, err := s.SetupFirstAdmin(ctx, ids[admin], AdminPIN)
	require.NoError(t, err)
	for _, name := range clerks {
		id, ok := ids[name]
		require.True(t, ok, "no staff member %s", name)
		require.NoError(t, s.SetPIN(ctx, sess, id, ClerkPIN))
	}
	return sess
}

// Item is the item in service with code, found as the kiosk finds it (by
// category), with its guide.
func Item(t testing.TB, s *data.Store, code string) data.Item {
	t.Helper()
	ctx := context.Background()
	cats, err := s.Categories(ctx)
	require.NoError(t, err)
	for _, c := range cats {
		items, err := s.ItemsInCategory(ctx, c.Name)
		require.NoError(t, err)
		for _, it := range items {
			if it.Code == code {
				item, err := s.Item(ctx, it.ID)
				require.NoError(t, err)
				return item
			}
		}
	}
	t.Fatalf("no item %s in service", code)
	return data.Item{}
}

// WindowID is the id of the window with code.
func WindowID(t testing.TB, s *data.Store, code string) int64 {
	t.Helper()
	ws, err := s.Windows(context.Background())
	require.NoError(t, err)
	for _, w := range ws {
		if w.Code == code {
			return w.ID
		}
	}
	t.Fatalf("no window %s", code)
	return 0
}
