package data

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The first tries of a PostgreSQL search, the names in display order for
// text (searchNamesFirstSQL) and the tiers for Latin letters
// (searchTiersPostgres), give what the one statement ranking every match
// (searchSQLPostgres) gives whenever their answer is taken: a full page of
// names, or the tiers. Both outcomes of the names' try occur among the
// queries.
func TestSearchFirstTriesArePostgresRanking(t *testing.T) {
	needPG(t)
	s := mustOpen(t)
	sampleAndSynth(t, s)
	ctx := context.Background()
	ranked := func(query string, args []any) []ItemSummary {
		rows, err := s.DB().QueryContext(ctx, query, args...)
		require.NoError(t, err)
		out, err := scanSummaries(rows)
		require.NoError(t, err)
		return out
	}
	taken, declined := 0, 0
	for _, q := range []string{"证明", "申请", "办理", "生活保障", "最低生活", "居住证", "低保", "合成",
		"合成示", "残疾人", "申请表", "（合", "b超", "%_", "zz"} {
		q = NormaliseQuery(q)
		want := ranked(searchSQLPostgres(q))
		if query, args := searchNamesFirstSQL(q); query != "" {
			if first := ranked(query, args); len(first) == SearchLimit {
				taken++
				assert.Equal(t, codesOf(want), codesOf(first), "query %q", q)
			} else {
				declined++
			}
		}
		got, err := s.SearchItems(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, codesOf(want), codesOf(got), "query %q", q)
	}
	assert.Positive(t, taken, "no query filled a page from the names")
	assert.Positive(t, declined, "every query filled a page from the names")
	for _, q := range []string{"jzz", "jz", "sfz", "zm", "db", "dibao", "shehui", "hk", "yb"} {
		rows := ranked(searchSQLPostgres(q))
		got, err := s.SearchItems(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, codesOf(rows), codesOf(got), "query %q", q)
	}
}

// Two characters are read through the pairs index even when every guide
// has them (合成, in every synthetic summary): the planner, without
// statistics on the pairs (migration 014), never computes search_pairs for
// every guide instead.
func TestSearchTwoCharsThroughPairsIndex(t *testing.T) {
	needPG(t)
	s := mustOpen(t)
	sampleAndSynth(t, s)
	ctx := context.Background()
	_, err := s.DB().ExecContext(ctx, `ANALYZE items`)
	require.NoError(t, err)
	for _, q := range []string{"合成", "低保"} {
		query, args := searchSQLPostgres(q)
		rows, err := s.DB().QueryContext(ctx, `EXPLAIN `+query, args...)
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan = append(plan, line)
		}
		require.NoError(t, rows.Err())
		text := strings.Join(plan, "\n")
		assert.Contains(t, text, "items_search_pairs", "query %q:\n%s", q, text)
		assert.NotContains(t, text, "Seq Scan", "query %q:\n%s", q, text)
	}
}
