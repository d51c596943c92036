package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPGChangesBurstStalledSubscriber: 1,000 commits of other terminals
// heard at once (a burst of notifications) while one subscriber (a desk
// whose UI goroutine is stuck) reads nothing: the listener goes through
// them all, that subscriber holds one change, not a backlog, the store's
// own writes are not held up, and another subscriber hears the commit
// that comes after the burst.
func TestPGChangesBurstStalledSubscriber(t *testing.T) {
	needPG(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	other := seededAt(t)
	desk := openAt(t, other.Path())
	stalled := desk.Changes(ctx)
	live := desk.Changes(ctx)
	assert.Equal(t, Change{Remote: true}, nextChange(t, live), "watching")

	_, err := other.db.ExecContext(ctx, `SELECT pg_notify(`+pgChannelSQL+`, 'burst' || i || '|elsewhere')
		FROM generate_series(1, 1000) AS g(i)`)
	require.NoError(t, err)
	_, err = desk.Register(ctx, goodRegistration(t, desk))
	require.NoError(t, err, "a write of the desk's own store meanwhile")

	// The burst may still be going through the listener: a later commit
	// is heard once it is through (a change waiting when it came stands
	// for it; then the next one is tried).
	deadline := time.Now().Add(changeWait)
	for heard := false; !heard; {
		require.True(t, time.Now().Before(deadline), "the commit after the burst was never heard")
		for len(live) > 0 {
			<-live
		}
		_, err := other.Register(ctx, goodRegistration(t, other))
		require.NoError(t, err)
		heard = nextChange(t, live) == Change{Op: "register", Remote: true}
	}
	assert.Len(t, stalled, 1, "the stalled subscriber holds one change, not a backlog")
}
