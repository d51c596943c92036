package data

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRowHelpers: queryRows, readRows and collect read a T a row, in
// order, in a transaction or on the database itself (collectDB); timeText
// and dayText read a stored time and day, zero when empty; a NULL where
// text was stored is an error.
func TestRowHelpers(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, testDSN(t), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })

	type row struct {
		N       int64
		At, Day time.Time
	}
	fields := func(r *row) []any { return []any{&r.N, timeText(&r.At), dayText(&r.Day)} }
	const q = `SELECT 1, '2026-11-26T01:30:00Z', '2026-11-26' UNION ALL SELECT 2, '', '' ORDER BY 1`
	want := []row{
		{N: 1, At: time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC), Day: time.Date(2026, 11, 26, 0, 0, 0, 0, China)},
		{N: 2},
	}
	check := func(got []row) {
		t.Helper()
		require.Len(t, got, 2)
		for i := range want {
			assert.Equal(t, want[i].N, got[i].N)
			assert.True(t, want[i].At.Equal(got[i].At), "%v", got[i].At)
			assert.True(t, want[i].Day.Equal(got[i].Day), "%v", got[i].Day)
		}
	}

	got, err := readRows(ctx, s, "rows", fields, q)
	require.NoError(t, err)
	check(got)
	got, err = queryRows(ctx, s.db, fields, q)
	require.NoError(t, err)
	check(got)

	var ns []int64
	require.NoError(t, s.read(ctx, "rows", func(tx *sql.Tx) error {
		return collect(ctx, tx, &ns, `SELECT 3 UNION ALL SELECT 4 ORDER BY 1`)
	}))
	require.NoError(t, collectDB(ctx, s.db, &ns, `SELECT 5`))
	assert.Equal(t, []int64{3, 4, 5}, ns, "collect appends")

	_, err = queryRows(ctx, s.db, fields, `SELECT 1, NULL, ''`)
	assert.Error(t, err, "NULL is not a stored time")
	_, err = queryRows(ctx, s.db, fields, `SELECT 1 FROM no_such_table`)
	assert.Error(t, err)
}
