package staff_test

import (
	"testing"

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

	assertPaced(t, r, func() { staff.ComplaintsChanged(list) }, &lives, "list")

	before := lives
	r.d.ShowQueue()
	r.now = r.now.Add(staff.LiveGap)
	staff.ComplaintsChanged(list)
	r.timers.Fire()
	assert.Equal(t, before, lives, "not on screen: nothing read")
}
