package data

import (
	"bytes"
	"context"
	"os"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/internal/testdb"
)

// bothEngines opens a SQLite store and a PostgreSQL store (on the test
// server, see testdb.UsePostgres), each filled by fill.
func bothEngines(t *testing.T, fill func(t *testing.T, s *Store)) (lite, pg *Store) {
	t.Helper()
	testdb.UsePostgres(t)
	ctx := context.Background()
	pg = mustOpen(t)
	var err error
	lite, err = Open(ctx, testdb.SQLiteFile(t), WithClock(func() time.Time { return fixedNow }), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { lite.Close() })
	require.Equal(t, SQLite, lite.Engine())
	require.Equal(t, Postgres, pg.Engine())
	fill(t, lite)
	fill(t, pg)
	return lite, pg
}

// sampleAndSynth is the sample catalog (assets/sample.json) and 1,500
// generated guides, so that one-character keys match more than a page.
func sampleAndSynth(t *testing.T, s *Store) {
	raw, err := os.ReadFile("../assets/sample.json")
	require.NoError(t, err)
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(raw), os.DirFS("../assets"))
	require.NoError(t, err)
	_, err = s.AddSynthItems(context.Background(), 1500, 7)
	require.NoError(t, err)
}

// Every search path (one character, Chinese or Latin; two characters,
// punctuation among them; three and more; full pinyin; initials; mixed
// text; wildcards and quotes) gives the same guides in the same order on
// both engines.
func TestSearchSameOnBothEngines(t *testing.T) {
	lite, pg := bothEngines(t, sampleAndSynth)
	ctx := context.Background()
	queries := append(slices.Clone(searchProbes),
		"低保", "社保", "医疗", "证明", "户口", "办", "申", "a", "b", "s", "x", "y", "q",
		"sfz", "yb", "hk", "shebao", "dibao", "yiliao", "SB", " Hu Kou ", "b超", "a1", "低b", "3",
		"_", "%", `\`, "'", `"`, "残疾人", "城乡居民", "合成", "zz", "zhengming", "zm",
		"jzz", "jz", "juzhu", "%_", "（合", "据）", "生活保障")
	for _, q := range queries {
		a, err := lite.SearchItems(ctx, q)
		require.NoError(t, err, q)
		b, err := pg.SearchItems(ctx, q)
		require.NoError(t, err, q)
		assert.Equal(t, codesOf(a), codesOf(b), "query %q", q)
	}
}

func codesOf(items []ItemSummary) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.Code+" "+it.Name)
	}
	return out
}

// Text is ordered and compared by its bytes on both engines, as SQLite's
// BINARY collation does, whatever the PostgreSQL database's locale (a
// zh_CN.UTF-8 database sorts 阿 before 张 by pinyin and a, b before B):
// every text column is COLLATE "C" there (pgTypes).
func TestTextOrderedByBytes(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	names := []string{"张", "阿", "b", "B", "a", "2027-01-01", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00.5Z", "Ａ", "_x", " x"}
	for _, n := range names {
		_, err := s.db.ExecContext(ctx, `INSERT INTO windows (code, name, ord) VALUES (?, ?, 0)`, n, n)
		require.NoError(t, err)
	}
	want := slices.Clone(names)
	sort.Strings(want) // byte order
	var got []string
	rows, err := s.db.QueryContext(ctx, `SELECT code FROM windows ORDER BY ord, code`)
	require.NoError(t, err)
	for rows.Next() {
		var c string
		require.NoError(t, rows.Scan(&c))
		got = append(got, c)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, want, got)

	var lo, hi, scalar string
	var below int
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT min(name), max(name),
		(SELECT max(name, 'B') FROM windows WHERE code = 'a'), (SELECT count(*) FROM windows WHERE name < ?)
		FROM windows`, "a").Scan(&lo, &hi, &scalar, &below))
	assert.Equal(t, want[0], lo)
	assert.Equal(t, want[len(want)-1], hi)
	assert.Equal(t, "a", scalar, "SQLite's scalar max, by bytes")
	assert.Equal(t, 6, below, "the dates, \" x\", \"B\" and \"_x\" are below \"a\"")

	if s.engine == Postgres {
		// No text column is left to the database's collation.
		var loose []string
		rows, err := s.db.QueryContext(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type = 'text' AND coalesce(collation_name, '') != 'C'
			ORDER BY 1`)
		require.NoError(t, err)
		for rows.Next() {
			var c string
			require.NoError(t, rows.Scan(&c))
			loose = append(loose, c)
		}
		require.NoError(t, rows.Err())
		assert.Empty(t, loose)
	}
}

// ties makes the display orders tie so that the lists fall back on text
// and on NULLs: every guide and window in place 0 (categories then ordered
// by name, windows by code) and two staff members without a window (a
// NULL that SQLite sorts first and PostgreSQL last, unless the query says).
func ties(t *testing.T, s *Store) {
	sampleAndSynth(t, s)
	_, err := s.db.Exec(`UPDATE items SET ord = 0`)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE windows SET ord = 0`)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE staff SET window_id = NULL WHERE id IN (SELECT id FROM staff ORDER BY id LIMIT 2)`)
	require.NoError(t, err)
}

// The lists a person reads in order (categories, guides, windows, staff,
// the duty board) come in the same order on both engines when the display
// order ties and text or a missing window decides, and text ties are
// broken by bytes (so 医疗 and 户籍 do not swap on a zh_CN database).
func TestListsOrderSameOnBothEngines(t *testing.T) {
	lite, pg := bothEngines(t, ties)
	ctx := context.Background()
	lists := func(s *Store) map[string][]string {
		out := map[string][]string{}
		cats, err := s.Categories(ctx)
		require.NoError(t, err)
		for _, c := range cats {
			out["categories"] = append(out["categories"], c.Name)
		}
		items, err := s.AllItems(ctx)
		require.NoError(t, err)
		for _, it := range items {
			out["items"] = append(out["items"], it.Category+" "+it.Code)
		}
		wins, err := s.OrgWindows(ctx)
		require.NoError(t, err)
		for _, w := range wins {
			out["windows"] = append(out["windows"], w.Code)
		}
		staff, err := s.OrgStaff(ctx)
		require.NoError(t, err)
		for _, st := range staff {
			out["staff"] = append(out["staff"], st.Code)
		}
		board, err := s.OnDuty(ctx)
		require.NoError(t, err)
		for _, e := range board.Staff {
			out["duty"] = append(out["duty"], e.Name)
		}
		return out
	}
	a, b := lists(lite), lists(pg)
	for _, k := range []string{"categories", "items", "windows", "staff", "duty"} {
		require.NotEmpty(t, a[k], k)
		assert.Equal(t, a[k], b[k], k)
	}
	assert.True(t, sort.StringsAreSorted(a["categories"]), "categories tied on order are by bytes: %v", a["categories"])
	assert.Greater(t, len(a["categories"]), 3)
	// The two staff members without a window are last on the duty board.
	var noWindow []string
	require.NoError(t, func() error {
		rows, err := pg.db.Query(`SELECT name FROM staff WHERE window_id IS NULL AND active = 1 ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			noWindow = append(noWindow, n)
		}
		return rows.Err()
	}())
	require.NotEmpty(t, noWindow)
	duty := b["duty"]
	assert.ElementsMatch(t, noWindow, duty[len(duty)-len(noWindow):], "staff without a window are last")
}
