package data

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rankProbes are one- and two-character queries (read from search_ranks on
// PostgreSQL, migration 015) that match from a handful to most guides: in
// names at the start, further on, and only in the other text; letters
// that begin a page of names (searchOwnInitialSQL's answer taken) and
// letters that do not.
var rankProbes = []string{"证", "办", "申", "低", "保", "3", "j", "s", "z", "d", "q", "x", "低保", "证明", "申请", "合成", "（合",
	"保障", "医保", "社保", "a1", "b超", "开具"}

// One and two characters find the same guides in the same order on both
// engines, and on PostgreSQL the same as ranking every match from the
// items (searchSQLPostgres), after every kind of write to the guides:
// display orders tied (the ids decide) and moved, guides edited (renamed
// into another tier, a summary changed), taken out of service and back,
// deleted, and catalogs imported in bulk over them; and search_ranks is
// then row for row what the items give.
func TestSearchRanksFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	lite, pg := bothEngines(t, func(t *testing.T, s *Store) {
		seedAt(t, s)
		_, err := s.AddSynthItems(ctx, 1500, 7)
		require.NoError(t, err)
	})
	found := map[string]bool{}
	check := func(step string) {
		t.Helper()
		for _, q := range rankProbes {
			a, err := lite.SearchItems(ctx, q)
			require.NoError(t, err, q)
			b, err := pg.SearchItems(ctx, q)
			require.NoError(t, err, q)
			found[q] = found[q] || len(b) > 0
			assert.Equal(t, codesOf(a), codesOf(b), "%s: query %q", step, q)
			query, args := searchSQLPostgres(NormaliseQuery(q))
			rows, err := pg.DB().QueryContext(ctx, query, args...)
			require.NoError(t, err)
			all, err := scanSummaries(rows)
			require.NoError(t, err)
			assert.Equal(t, codesOf(all), codesOf(b), "%s: query %q against every match ranked", step, q)
		}
		stale, missing := searchRanksDrift(t, pg)
		assert.Zero(t, stale, "%s: rows of search_ranks no item gives", step)
		assert.Zero(t, missing, "%s: rows the items give missing from search_ranks", step)
	}
	both := func(f func(s *Store)) {
		t.Helper()
		f(lite)
		f(pg)
	}
	exec := func(query string, args ...any) {
		t.Helper()
		both(func(s *Store) {
			_, err := s.DB().ExecContext(ctx, query, args...)
			require.NoError(t, err)
		})
	}
	var codes []string
	require.NoError(t, collectDB(ctx, pg.DB(), &codes, `SELECT code FROM items WHERE code NOT IN ('JZZ', 'DB', 'YB')
		ORDER BY code LIMIT 3`))
	require.Len(t, codes, 3)
	check("filled")
	taken, declined := 0, 0
	for _, q := range rankProbes {
		if query, args := searchOwnInitialSQL(q); query != "" {
			rows, err := pg.DB().QueryContext(ctx, query, args...)
			require.NoError(t, err)
			first, err := scanSummaries(rows)
			require.NoError(t, err)
			if len(first) == SearchLimit {
				taken++
			} else {
				declined++
			}
		}
	}
	assert.Positive(t, taken, "no letter filled a page from the names")
	assert.Positive(t, declined, "every letter filled a page from the names")

	exec(`UPDATE items SET ord = 0`)
	check("ties")

	// Renamed so that its name starts with 低保 and contains 证明, its
	// summary given 开具 and its other names dropped.
	both(func(s *Store) {
		it, err := s.Item(ctx, itemIDOf(t, s, codes[0]))
		require.NoError(t, err)
		it.Name, it.Keywords = "低保证明开具", nil
		it.Summary = "为低保对象开具证明，当场办结。"
		_, err = s.SaveItem(ctx, staffSession(t, s, "s1"), it)
		require.NoError(t, err)
	})
	check("edited")

	both(func(s *Store) {
		require.NoError(t, s.SetItemActive(ctx, staffSession(t, s, "s1"), itemIDOf(t, s, codes[0]), false))
	})
	check("out of service")
	both(func(s *Store) {
		require.NoError(t, s.SetItemActive(ctx, staffSession(t, s, "s1"), itemIDOf(t, s, codes[0]), true))
	})
	check("back in service")

	both(func(s *Store) {
		require.NoError(t, s.DeleteItem(ctx, staffSession(t, s, "s1"), itemIDOf(t, s, codes[1])))
	})
	check("deleted")

	// The test catalog imported again with 最低生活保障申请 renamed and a
	// guide added, then synthetic guides over the ones there (the same
	// seed updates them in place) and new ones.
	c := testCatalog()
	c.Items[1].Name = "低保申请"
	added := c.Items[0]
	added.Code, added.Name, added.Keywords = "ZM", "证明开具", []string{"开证明"}
	added.Summary = "含B超报告、A1表格的，3个工作日内办结。"
	c.Items = append(c.Items, added)
	file, err := jsonMarshal(c)
	require.NoError(t, err)
	both(func(s *Store) {
		_, err := s.ImportCatalog(ctx, bytes.NewReader(file), testFiles)
		require.NoError(t, err)
		_, err = s.AddSynthItems(ctx, 200, 7)
		require.NoError(t, err)
		_, err = s.AddSynthItems(ctx, 300, 11)
		require.NoError(t, err)
	})
	check("imported")

	exec(`UPDATE items SET ord = (ord * 7919 + length(name)) % 1000`)
	check("moved")
	exec(`UPDATE items SET active = 0 WHERE ord % 3 = 0`)
	check("many out of service")
	for _, q := range rankProbes {
		assert.True(t, found[q], "query %q never found anything", q)
	}
}

// A copy into PostgreSQL (which leaves search_ranks out of the tables it
// copies, the source being a data file) fills search_ranks from the
// guides copied: the copy searches as its source does.
func TestSearchRanksFilledByCopy(t *testing.T) {
	ctx := context.Background()
	lite, pg := bothEngines(t, func(t *testing.T, s *Store) {})
	seedAt(t, lite)
	_, err := lite.AddSynthItems(ctx, 300, 7)
	require.NoError(t, err)
	_, err = Copy(ctx, lite, pg, nil)
	require.NoError(t, err)
	for _, q := range rankProbes {
		a, err := lite.SearchItems(ctx, q)
		require.NoError(t, err, q)
		b, err := pg.SearchItems(ctx, q)
		require.NoError(t, err, q)
		assert.Equal(t, codesOf(a), codesOf(b), "query %q", q)
	}
	stale, missing := searchRanksDrift(t, pg)
	assert.Zero(t, stale)
	assert.Zero(t, missing)
	var n int
	require.NoError(t, pg.DB().QueryRowContext(ctx, `SELECT count(*) FROM search_ranks`).Scan(&n))
	assert.Greater(t, n, 300)
}

// searchRanksDrift counts the rows of s's search_ranks (PostgreSQL) that
// its active items do not give (stale), and the rows they give that it
// lacks (missing).
func searchRanksDrift(t *testing.T, s *Store) (stale, missing int) {
	t.Helper()
	const fresh = `SELECT DISTINCT k.key, k.tier, i.ord, i.id FROM items i,
		search_rank_keys(i.name, i.search_text, i.search_chars, i.search_firsts, i.initials, i.pinyin) k
		WHERE i.active = 1`
	require.NoError(t, s.DB().QueryRowContext(context.Background(), `SELECT
		(SELECT count(*) FROM (SELECT key, tier, ord, id FROM search_ranks EXCEPT ALL `+fresh+`) x),
		(SELECT count(*) FROM (`+fresh+` EXCEPT ALL SELECT key, tier, ord, id FROM search_ranks) y)`).
		Scan(&stale, &missing))
	return stale, missing
}
