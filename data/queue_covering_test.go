package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// 我的 with Covering: what the person owns, and the unclaimed requests of
// the windows whose duty routes to them now (§四2: B while A is away).
func TestQueueMineCoversWindowsOnDuty(t *testing.T) {
	s, now := storeWithNow(t)
	rc, err := s.Register(ctx0, goodRegistration(t, s))
	require.NoError(t, err)
	// At window 1 of the test catalog: A 王芳 (s1), B 李强 (s2).
	_, err = s.db.Exec(`UPDATE requests SET window_id = ? WHERE id = ?`, windowID(t, s, "1"), rc.RequestID)
	require.NoError(t, err)
	a, b := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	_, err = s.SignIn(ctx0, b)
	require.NoError(t, err)

	mine := func(who Session) (ids []int64, count int) {
		f := QueueFilter{Group: QueueNew, Owner: who.StaffID, Covering: true}
		rows, err := s.Queue(ctx0, f)
		require.NoError(t, err)
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		counts, err := s.QueueCounts(ctx0, f)
		require.NoError(t, err)
		return ids, counts[QueueNew]
	}
	ids, n := mine(b)
	assert.Equal(t, []int64{rc.RequestID}, ids, "A has not signed in: B covers window 1")
	assert.Equal(t, 1, n)
	ids, n = mine(a)
	assert.Empty(t, ids)
	assert.Zero(t, n)

	_, err = s.SignIn(ctx0, a)
	require.NoError(t, err)
	ids, _ = mine(a)
	assert.Equal(t, []int64{rc.RequestID}, ids, "A is back")
	ids, _ = mine(b)
	assert.Empty(t, ids)

	// Once someone takes it up it is theirs alone, wherever duty routes.
	require.NoError(t, s.Accept(ctx0, b, rc.RequestID, ModePromise, ""))
	for who, want := range map[string]int{"A": 0, "B": 1} {
		sess := map[string]Session{"A": a, "B": b}[who]
		rows, err := s.Queue(ctx0, QueueFilter{Group: QueueOpen, Owner: sess.StaffID, Covering: true})
		require.NoError(t, err)
		assert.Len(t, rows, want, who)
	}
	_ = now
}
