package data

import (
	"context"
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
