package data

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A bulk write leaves the planner statistics of the tables it filled, and
// gives its connection back with the page cache it had.
func TestBulkWriteAnalysesAndRestoresCache(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	s.db.SetMaxOpenConns(1) // the bulk connection is the one asked after
	var before, tempBefore int
	require.NoError(t, s.db.QueryRow(`PRAGMA cache_size`).Scan(&before))
	require.NoError(t, s.db.QueryRow(`PRAGMA temp_store`).Scan(&tempBefore))
	n, err := s.AddSynthRequests(ctx, 500, 1)
	require.NoError(t, err)
	require.Equal(t, 500, n)
	var after, tempAfter int
	require.NoError(t, s.db.QueryRow(`PRAGMA cache_size`).Scan(&after))
	require.NoError(t, s.db.QueryRow(`PRAGMA temp_store`).Scan(&tempAfter))
	assert.Equal(t, before, after)
	assert.Equal(t, tempBefore, tempAfter)
	assert.NotZero(t, countWhere(t, s, `sqlite_stat1 WHERE tbl = 'requests'`), "requests analysed")
}

// Open takes statistics of a file that has none (one written by an older
// version, or by hand).
func TestOpenAnalysesAFileWithoutStatistics(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stats.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 300, 1)
	require.NoError(t, err)
	_, err = s.db.Exec(`DROP TABLE sqlite_stat1`)
	require.NoError(t, err)
	// Close analyses too; take the statistics away behind its back.
	s.db.Close()
	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	assert.NotZero(t, countWhere(t, s, `sqlite_stat1 WHERE tbl = 'items'`), "items analysed on open")
}

// The statement cache prepares a statement once and reuses it.
func TestStmtCacheReusesStatements(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	err := s.tx(ctx, "test", func(t0 *sql.Tx) error {
		c := newStmtCache(t0)
		defer c.Close()
		for i := range 3 {
			if _, err := c.ExecContext(ctx, `INSERT INTO refusal_reasons (text, ord) VALUES (?, ?)`, "理由"+itoa(i), 100+i); err != nil {
				return err
			}
		}
		var n int
		if err := c.QueryRowContext(ctx, `SELECT count(*) FROM refusal_reasons WHERE ord >= 100`).Scan(&n); err != nil {
			return err
		}
		assert.Equal(t, 3, n)
		assert.Len(t, c.stmts, 2)
		return nil
	})
	require.NoError(t, err)
	// A statement that does not prepare is an error and is not kept (in a
	// transaction of its own: on PostgreSQL an error ends the
	// transaction).
	err = s.tx(ctx, "test", func(t0 *sql.Tx) error {
		c := newStmtCache(t0)
		defer c.Close()
		var bad int
		err := c.QueryRowContext(ctx, `SELECT nonsense FROM nowhere`).Scan(&bad)
		assert.Empty(t, c.stmts)
		return err
	})
	assert.Error(t, err)
}

// Every connection of the store syncs each commit (synchronous=FULL): a
// registration whose receipt was printed survives a power cut.
func TestEveryConnectionSyncsEachCommit(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := mustOpen(t)
	var conns []*sql.Conn
	for range 3 {
		c, err := s.db.Conn(ctx)
		require.NoError(t, err)
		conns = append(conns, c)
	}
	for _, c := range conns {
		var mode int
		require.NoError(t, c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&mode))
		assert.Equal(t, 2, mode, "FULL")
		require.NoError(t, c.Close())
	}
}

// A catalog import leaves no write-ahead log behind (it held every page the
// import wrote), puts the search indexes' settings back, and the imported
// items are found by search.
func TestImportEmptiesTheLogAndIsSearchable(t *testing.T) {
	ctx := context.Background()
	src := seeded(t)
	_, err := src.AddSynthItems(ctx, 400, 5)
	require.NoError(t, err)
	var file bytes.Buffer
	require.NoError(t, src.ExportCatalog(ctx, &file))

	path := filepath.Join(t.TempDir(), "imported.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	sum, err := s.ImportCatalog(ctx, bytes.NewReader(file.Bytes()), nil)
	require.NoError(t, err)
	assert.Greater(t, sum.Items, 400)
	fi, err := os.Stat(path + "-wal")
	require.NoError(t, err, "the store is open: its log exists")
	assert.Zero(t, fi.Size(), "log emptied after the import")

	for _, fts := range []string{"item_search", "item_chars"} {
		var hash int
		require.NoError(t, s.db.QueryRow(`SELECT v FROM `+fts+`_config WHERE k = 'hashsize'`).Scan(&hash))
		assert.Equal(t, ftsHashSize, hash, "%s gathers as before the import", fts)
	}
	items := SynthItems(400, 5)
	for _, it := range []Item{items[0], items[123], items[399]} {
		found, err := s.SearchItems(ctx, it.Name)
		require.NoError(t, err)
		var names []string
		for _, f := range found {
			names = append(names, f.Name)
		}
		assert.Contains(t, names, it.Name, "search finds an imported item")
	}
}
