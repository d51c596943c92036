package staff_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/datatest"
	"bianmin/ui/staff"
)

// TestComplaintChangesSpaced: changes that keep coming (a change every 10
// ms for 10 s: a busy hall, a bulk import) read the complaint list on
// screen about once per staff.LiveGap, as the queue, not back to back; a
// change after a quiet spell reads it at once; changes while it is not on
// screen read nothing.
func TestComplaintChangesSpaced(t *testing.T) {
	r := newRigWith(t, true, nil)
	r.login(t, "王丽娟", datatest.ClerkPIN)
	r.d.ShowAdmin()
	list := r.d.Admin.Complaints
	require.NotNil(t, list, "a clerk's 管理 opens on the complaints")
	lives := 0
	staff.OnComplaintsLive(list, func() { lives++ })

	start := r.now
	fired := start
	for range 1000 {
		r.now = r.now.Add(10 * time.Millisecond)
		staff.ComplaintsChanged(list)
		if r.now.Sub(fired) >= staff.LiveGap {
			r.timers.Fire() // the timer the list set is due
			fired = r.now
		}
	}
	r.timers.Fire()
	span := r.now.Sub(start)
	assert.LessOrEqual(t, lives, int(span/staff.LiveGap)+1, "about one read per gap: %d reads in %v", lives, span)
	assert.GreaterOrEqual(t, lives, int(span/staff.LiveGap)-1, "and the list kept up")

	r.now = r.now.Add(staff.LiveGap)
	before := lives
	staff.ComplaintsChanged(list)
	assert.Equal(t, before+1, lives, "after a quiet spell: at once")

	r.d.ShowQueue()
	r.now = r.now.Add(staff.LiveGap)
	staff.ComplaintsChanged(list)
	r.timers.Fire()
	assert.Equal(t, before+1, lives, "not on screen: nothing read")
}
