package data

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPurgeExpired(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	old, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	recent, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	open, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	long := formatTime(fixedNow.AddDate(-RetentionYears, 0, -1))
	_, err = s.db.Exec(`UPDATE requests SET status = 'finished', finished_at = ? WHERE id = ?`, long, old.RequestID)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE requests SET status = 'finished', finished_at = ? WHERE id = ?`,
		formatTime(fixedNow.Add(-24*time.Hour)), recent.RequestID)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE requests SET created_at = ? WHERE id = ?`, long, open.RequestID)
	require.NoError(t, err)

	n, err := s.PurgeExpired(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)

	var name, phone, id, desc string
	require.NoError(t, s.db.QueryRow(`SELECT applicant_name, applicant_phone, applicant_id, description FROM requests
		WHERE id = ?`, old.RequestID).Scan(&name, &phone, &id, &desc))
	assert.Equal(t, "张*三", name)
	assert.Empty(t, phone)
	assert.Empty(t, id)
	assert.Empty(t, desc)
	for _, keep := range []int64{recent.RequestID, open.RequestID} {
		require.NoError(t, s.db.QueryRow(`SELECT applicant_id FROM requests WHERE id = ?`, keep).Scan(&id))
		assert.Equal(t, validID, id, "recent or still open: kept")
	}
	n, err = s.PurgeExpired(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "purging twice erases nothing more")
}

func TestPurgeExpiredComplaintsAndComments(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	long := formatTime(fixedNow.AddDate(-RetentionYears, 0, -1))
	recent := formatTime(fixedNow.AddDate(0, -1, 0))
	for i, c := range []struct{ status, closed string }{
		{"closed", long}, {"closed", recent}, {"answered", long},
	} {
		_, err := s.db.Exec(`INSERT INTO complaints (code, query_code, token, channel, about, body, contact_name,
			contact_phone, status, created_at, closed_at) VALUES (?, 'ACDEFH', ?, 'kiosk', 'other', '窗口人太多', '李四',
			'13900139000', ?, ?, ?)`, fmt.Sprintf("TS-C%d", i), NewToken(), c.status, long, c.closed)
		require.NoError(t, err)
	}
	var version int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM disclosure_versions LIMIT 1`).Scan(&version))
	for _, at := range []string{long, recent} {
		_, err := s.db.Exec(`INSERT INTO disclosure_comments (version_id, body, contact, at) VALUES (?, '同意', '13700137000', ?)`,
			version, at)
		require.NoError(t, err)
	}

	n, err := s.PurgeExpired(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "the complaint closed long ago and the old comment")
	var kept []string
	rows, err := s.db.Query(`SELECT code FROM complaints WHERE contact_name != '' ORDER BY code`)
	require.NoError(t, err)
	for rows.Next() {
		var c string
		require.NoError(t, rows.Scan(&c))
		kept = append(kept, c)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []string{"TS-C1", "TS-C2"}, kept, "recently closed or still open: kept")
	assert.Equal(t, 1, countWhere(t, s, `disclosure_comments WHERE contact != ''`))
	n, err = s.PurgeExpired(ctx)
	require.NoError(t, err)
	assert.Zero(t, n)
}

// With nothing due, PurgeExpired only reads: it runs while another
// connection holds the write lock (a registration in progress) instead of
// waiting for it, so the kiosk can run it after its window is up.
func TestPurgeExpiredNothingDueTakesNoWriteLock(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	_, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	other, err := Open(ctx, s.Path(), WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	defer other.Close()
	tx, err := other.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = tx.Exec(`UPDATE center SET phone = phone`)
	require.NoError(t, err)

	// Were it to ask for the write lock, busy_timeout would make it wait and
	// then fail with SQLITE_BUSY.
	n, err := s.PurgeExpired(ctx)
	require.NoError(t, err)
	assert.Zero(t, n)
}

// Every purge query reads its partial index (INDEXED BY would fail to
// prepare otherwise) and stops at the cutoff: a search, not a scan.
func TestPurgeQueriesUseTheirIndexes(t *testing.T) {
	s := mustOpen(t)
	for _, q := range []string{`SELECT id ` + purgeRequestsDue, `SELECT id FROM ` + purgeComplaintsDue,
		`SELECT id FROM ` + purgeCommentsDue} {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q, "2026-01-01")
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		require.Len(t, plan, 1, q)
		assert.Contains(t, plan[0], "SEARCH", q)
		assert.Contains(t, plan[0], "purge_due", q)
	}
}

func countWhere(t testing.TB, s *Store, from string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM `+from).Scan(&n))
	return n
}

// Much to purge is done a batch per transaction, every due request in the end.
func TestPurgeExpiredInBatches(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	defer func(n int) { purgeBatch = n }(purgeBatch)
	purgeBatch = 2
	long := formatTime(fixedNow.AddDate(-RetentionYears, 0, -1))
	for range 5 {
		rc, err := s.Register(ctx, goodRegistration(t, s))
		require.NoError(t, err)
		_, err = s.db.Exec(`UPDATE requests SET status = 'refused', finished_at = ? WHERE id = ?`, long, rc.RequestID)
		require.NoError(t, err)
	}
	n, err := s.PurgeExpired(ctx)
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	assert.Equal(t, 5, countWhere(t, s, `requests WHERE applicant_id = '' AND applicant_name = '张*三'`))
	assert.Zero(t, countWhere(t, s, `requests WHERE purge_after = ''`))
}
