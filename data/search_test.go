package data

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchItems(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)

	tests := map[string]struct {
		q    string
		want []string
	}{
		"TwoCharKeyword":     {"低保", []string{"最低生活保障申请"}},
		"TwoCharKeywordYB":   {"医保", []string{"城乡居民基本医疗保险参保登记"}},
		"NameSubstring":      {"居住证", []string{"居住证申领"}},
		"FourChars":          {"生活保障", []string{"最低生活保障申请"}},
		"PinyinInitials":     {"jzz", []string{"居住证申领"}},
		"InitialsUpperSpace": {" JZZ ", []string{"居住证申领"}},
		"InitialsOfKeyword":  {"db", []string{"最低生活保障申请"}},
		"FullPinyin":         {"juzhu", []string{"居住证申领"}},
		"Category":           {"社会救助", []string{"最低生活保障申请"}},
		"NoMatch":            {"护照", nil},
		"Empty":              {"  ", nil},
		"SQLMeta":            {"%' OR 1=1 --", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := s.SearchItems(ctx, tc.q)
			require.NoError(t, err)
			var names []string
			for _, it := range got {
				names = append(names, it.Name)
			}
			assert.Equal(t, tc.want, names)
		})
	}
}

func TestSearchKeysFor(t *testing.T) {
	k := SearchKeysFor(&Item{Name: "居住证申领", Keywords: []string{"低保"}, Category: "户籍"})
	assert.Equal(t, " juzhuzhengshenling dibao", k.Pinyin)
	assert.Equal(t, " jzzsl db", k.Initials)
}

// scanSQL is the search done the plain way, by reading every row (the query
// before migration 002): the reference the indexed query must agree with,
// ranking included. q is normalised.
func scanSQL(q string) (string, []any) {
	if isLatin(q) {
		return `SELECT id, code, name, category, summary, promised_days, mode FROM items
			WHERE active = 1 AND (instr(initials, ' ' || ?1) > 0 OR instr(pinyin, ' ' || ?1) > 0)
			ORDER BY (substr(initials, 2, length(?1)) = ?1 OR substr(pinyin, 2, length(?1)) = ?1) DESC, ord, id
			LIMIT ?2`, []any{q, SearchLimit}
	}
	return `SELECT id, code, name, category, summary, promised_days, mode FROM items
		WHERE active = 1 AND instr(search_text, ?1) > 0
		ORDER BY (instr(name, ?1) = 1) DESC, (instr(name, ?1) > 0) DESC, ord, id LIMIT ?2`, []any{q, SearchLimit}
}

func scanSearch(t *testing.T, s *Store, q string) []ItemSummary {
	t.Helper()
	query, args := scanSQL(NormaliseQuery(q))
	rows, err := s.db.QueryContext(context.Background(), query, args...)
	require.NoError(t, err)
	got, err := scanSummaries(rows)
	require.NoError(t, err)
	return got
}

// searchProbes cover every path of searchSQL: one and two characters (term
// range), three and more (trigram MATCH), one and two Latin letters, longer
// pinyin, no match, and text that is not a word.
var searchProbes = []string{"证", "低", "保", "低保", "医保", "80", "居住证", "生活保障", "城乡居民基本医疗保险",
	"社会救助", "合成示例", "（", "j", "d", "z", "db", "jz", "jzz", "juzhu", "canji", "dibao", "xyz", "护照",
	`a"b`, "%'or1=1--"}

func TestSearchIndexMatchesScan(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 1500, 3)
	require.NoError(t, err)

	check := func(t *testing.T) {
		for _, q := range searchProbes {
			got, err := s.SearchItems(ctx, q)
			require.NoError(t, err)
			assert.Equal(t, scanSearch(t, s, q), got, "query %q", q)
			assertRanked(t, q, got)
		}
	}
	t.Run("Imported", check)

	// Renamed, re-keyed and removed guides: the triggers keep the index in step.
	items := SynthItems(40, 3)
	for i := range items[:20] {
		items[i].Name = "改名事项" + items[i].Name
		items[i].Keywords = []string{"新别名"}
	}
	require.NoError(t, s.tx(ctx, "test", func(tx *sql.Tx) error {
		window := func(code string) (any, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM windows WHERE code = ?`, code).Scan(&id)
			return id, err
		}
		for i := range items[:20] {
			if err := putItem(ctx, tx, &items[i], i, s.stamp(), window); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM items WHERE code IN (?, ?)`, items[30].Code, items[31].Code)
		return err
	}))
	t.Run("Changed", func(t *testing.T) {
		check(t)
		for _, q := range []string{"改名", "新别名", "gmsx", "xbm"} {
			got, err := s.SearchItems(ctx, q)
			require.NoError(t, err)
			assert.Len(t, got, 20, "query %q", q)
		}
	})
}

// assertRanked checks the tiers of search as you type: names that start with
// the query, then names that contain it, then the rest.
func assertRanked(t *testing.T, q string, got []ItemSummary) {
	t.Helper()
	q = NormaliseQuery(q)
	if isLatin(q) {
		return // ranked on the pinyin, checked against scanSearch
	}
	tier := func(name string) int {
		switch i := strings.Index(strings.ToLower(name), q); {
		case i == 0:
			return 0
		case i > 0:
			return 1
		}
		return 2
	}
	for i := 1; i < len(got); i++ {
		assert.LessOrEqual(t, tier(got[i-1].Name), tier(got[i].Name), "query %q: %s before %s", q, got[i-1].Name, got[i].Name)
	}
}

func TestSearchRanksNameFirst(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	c := testCatalog()
	// A guide that mentions 居住证 only in its summary, listed first.
	extra := c.Items[2]
	extra.Code, extra.Name, extra.Keywords, extra.Summary = "ZM", "居住证明开具", nil, ""
	other := c.Items[2]
	other.Code, other.Name, other.Keywords, other.Summary = "QT", "户口迁移咨询", nil, "可一并咨询居住证办理"
	middle := c.Items[2]
	middle.Code, middle.Name, middle.Keywords, middle.Summary = "BL", "补办居住证", nil, ""
	c.Items = append([]Item{other, middle, extra}, c.Items...)
	_, err := s.PutCatalog(ctx, c)
	require.NoError(t, err)

	got, err := s.SearchItems(ctx, "居住证")
	require.NoError(t, err)
	var names []string
	for _, it := range got {
		names = append(names, it.Name)
	}
	assert.Equal(t, []string{"居住证明开具", "居住证申领", "补办居住证", "户口迁移咨询"}, names)
}

// A data file whose items were stored before migration 010 gets their
// one-character keys when it is opened, and one-character search finds
// what the scan finds.
func TestSearchCharsFilledOnMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 300, 5)
	require.NoError(t, err)
	// Back to the schema before migration 010 (and 011, which follows it).
	_, err = s.db.Exec(`DROP TRIGGER items_search_insert; DROP TRIGGER items_search_delete;
		DROP TRIGGER items_search_update; DROP TRIGGER items_chars_update; DROP TRIGGER items_search_defer_insert;
		DROP TRIGGER items_search_defer_update; DROP TRIGGER items_search_defer_delete;
		DROP TABLE search_defer; DROP TABLE search_pending;
		DROP TABLE item_chars; DROP INDEX items_search_first; DROP INDEX items_search_initial;
		DROP INDEX items_search_order; ALTER TABLE items DROP COLUMN search_chars; ALTER TABLE items DROP COLUMN search_firsts;
		DELETE FROM schema_migrations WHERE version IN (10, 11)`)
	require.NoError(t, err)
	// Migration 002's triggers, as they were.
	body, err := migrationFS.ReadFile("migrations/002_search.sql")
	require.NoError(t, err)
	triggers := string(body)
	triggers = triggers[strings.Index(triggers, "CREATE TRIGGER items_search_insert"):strings.Index(triggers, "-- What ranking")]
	_, err = s.db.Exec(triggers)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	assert.Zero(t, countWhere(t, s, `items WHERE search_chars = ''`))
	for _, q := range []string{"证", "保", "j", "d", "z"} {
		got, err := s.SearchItems(ctx, q)
		require.NoError(t, err)
		require.NotEmpty(t, got, q)
		assert.Equal(t, scanSearch(t, s, q), got, "query %q", q)
	}
}

func TestCharKeys(t *testing.T) {
	k := SearchKeysFor(&Item{Name: "居住证申领", Keywords: []string{"低保", "居住证"}, Category: "户籍", Summary: "A-1 证"})
	assert.Equal(t, "居 住 证 申 领 低 保 户 籍 a 1", k.Chars)
	assert.Equal(t, "j d", k.Firsts)
}
