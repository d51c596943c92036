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
