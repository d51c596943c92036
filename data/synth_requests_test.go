package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddSynthRequests(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	n, err := s.AddSynthRequests(ctx, 1500, 7)
	require.NoError(t, err)
	assert.Equal(t, 1500, n)
	assert.Equal(t, 1500, count(t, s, "requests"))

	// Every status, channel and item appears; every ID number is valid.
	for _, q := range []string{`SELECT count(DISTINCT status) FROM requests`, `SELECT count(DISTINCT channel) FROM requests`,
		`SELECT count(DISTINCT item_id) FROM requests`} {
		var k int
		require.NoError(t, s.db.QueryRow(q).Scan(&k))
		assert.Greater(t, k, 2, q)
	}
	rows, err := s.db.Query(`SELECT applicant_name, applicant_phone, applicant_id, receipt_no, token FROM requests`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var name, phone, id, no, token string
		require.NoError(t, rows.Scan(&name, &phone, &id, &no, &token))
		_, err := PersonName("name", name)
		assert.NoError(t, err, name)
		_, err = Mobile("phone", phone)
		assert.NoError(t, err, phone)
		_, err = IDNumber("id", id, fixedNow)
		assert.NoError(t, err, id)
		_, _, _, err = ParseReceiptNo(no)
		assert.NoError(t, err, no)
		assert.True(t, ValidToken(token))
	}
	// Tracking works on them.
	var token string
	require.NoError(t, s.db.QueryRow(`SELECT token FROM requests WHERE status = 'finished' LIMIT 1`).Scan(&token))
	tr, err := s.TrackByToken(ctx, token)
	require.NoError(t, err)
	assert.Equal(t, EventFinished, tr.Events[len(tr.Events)-1].Kind)
	assert.True(t, tr.CanRate())
}

// Synthetic requests are written oldest first, as a real book fills: ids
// and receipt numbers grow with the creation time, across batches, and
// none is made after now or on a day off.
func TestSynthRequestsOldestFirst(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	cal, err := s.Calendar(ctx)
	require.NoError(t, err)
	n, err := s.AddSynthRequests(ctx, synthRequestBatchSize+500, 3)
	require.NoError(t, err)
	require.Equal(t, synthRequestBatchSize+500, n)
	rows, err := s.db.Query(`SELECT created_at, receipt_no FROM requests ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	var last, lastNo string
	days := map[string]bool{}
	for rows.Next() {
		var created, no string
		require.NoError(t, rows.Scan(&created, &no))
		require.GreaterOrEqual(t, created, last, "created in id order")
		at := parseTime(created)
		assert.False(t, at.After(fixedNow), created)
		if Day(at) != Day(fixedNow) {
			assert.True(t, cal.IsWorkday(at), created)
		}
		if Day(parseTime(last)) == Day(at) {
			assert.Greater(t, no, lastNo, "receipt numbers grow within a day")
		}
		days[Day(at)] = true
		last, lastNo = created, no
	}
	require.NoError(t, rows.Err())
	assert.Greater(t, len(days), 60, "spread over the working days of 120")
}

// Synth requests into a data file with fewer requests than it adds build
// the indexes of requests at the end (deferIndexes), into one with more
// they are written batch by batch; either way the schema ends as it was,
// the indexes hold every row, the planner has statistics for them, and the
// receipt counters stand at the last number given each day.
func TestSynthRequestsIndexesAndCounters(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	schema := func() []string {
		var out []string
		q := `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name`
		if s.engine == Postgres {
			q = `SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
				ORDER BY indexname`
		}
		rows, err := s.db.Query(q)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var v string
			require.NoError(t, rows.Scan(&v))
			out = append(out, v)
		}
		require.NoError(t, rows.Err())
		return out
	}
	before := schema()
	check := func(want int) {
		t.Helper()
		assert.Equal(t, before, schema())
		assert.Equal(t, want, count(t, s, "requests"))
		if s.engine == Postgres {
			// The statistics of the store's own tables are refreshed
			// (analyzeSchema), not the whole database's.
			var analysed int
			require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM pg_stat_user_tables
				WHERE schemaname = current_schema() AND relname IN ('requests', 'request_events')
				AND last_analyze IS NOT NULL`).Scan(&analysed))
			assert.Equal(t, 2, analysed, "statistics for requests and their events")
		} else {
			var ok string
			require.NoError(t, s.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok))
			assert.Equal(t, "ok", ok)
			var analysed int
			require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM sqlite_stat1 WHERE idx IN
				(SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'requests')`).Scan(&analysed))
			assert.Equal(t, 13, analysed, "statistics for every index of requests")
		}
		counters := map[string]int{}
		rows, err := s.db.Query(`SELECT day, seq FROM receipt_counters`)
		require.NoError(t, err)
		for rows.Next() {
			var day string
			var seq int
			require.NoError(t, rows.Scan(&day, &seq))
			counters[day] = seq
		}
		require.NoError(t, rows.Err())
		rows.Close()
		perDay, last := map[string]int{}, map[string]int{}
		rows, err = s.db.Query(`SELECT created_at, receipt_no FROM requests`)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var created, no string
			require.NoError(t, rows.Scan(&created, &no))
			_, _, seq, err := ParseReceiptNo(no)
			require.NoError(t, err)
			day := Day(parseTime(created))
			perDay[day]++
			last[day] = max(last[day], seq)
		}
		require.NoError(t, rows.Err())
		assert.Equal(t, perDay, counters, "each day's counter is its number of requests")
		assert.Equal(t, perDay, last, "each day's numbers run from 1 without a gap")
		days := len(perDay)
		assert.Greater(t, days, 60)
	}
	n, err := s.AddSynthRequests(ctx, 1200, 5)
	require.NoError(t, err)
	require.Equal(t, 1200, n)
	check(1200)
	n, err = s.AddSynthRequests(ctx, 300, 6) // batch by batch
	require.NoError(t, err)
	require.Equal(t, 300, n)
	check(1500)
	n, err = s.AddSynthRequests(ctx, 2000, 7) // indexes built again
	require.NoError(t, err)
	require.Equal(t, 2000, n)
	check(3500)
}
