package staff_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/staff"
)

// liveWait bounds each wait for the feed or a reload: generous, so that a
// loaded machine never fails the test; a working feed answers within a
// poll interval.
const liveWait = 30 * time.Second

// TestQueueShowsAnotherTerminalsRegistration is two terminals on one data
// file: a kiosk (its own store) registers, the desk's store's change feed
// fires, and the desk's queue shows the request and the new counts, its
// tab and scroll position kept.
func TestQueueShowsAnotherTerminalsRegistration(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	feed := make(chan data.Change) // the desk's feed, filled from the store's below
	t.Cleanup(func() { close(feed) })
	var watching context.Context
	r := newRigWith(t, true, func(o *staff.Options) {
		o.Changes = func(ctx context.Context) <-chan data.Change { watching = ctx; return feed }
	})
	r.login(t, "王丽娟", datatest.ClerkPIN)
	q := r.d.Queue
	require.NotNil(t, q)
	q.SetGroup(data.QueueOpen)
	before := q.Counts
	require.NotEmpty(t, q.Rows)
	t.Logf("open %d new %d rows %d", before[data.QueueOpen], before[data.QueueNew], len(q.Rows))
	staff.ScrollQueue(q, 150)
	scrolled := staff.QueueScroll(q)
	require.Greater(t, scrolled, float32(0), "the page is longer than the screen")

	reloaded := make(chan struct{}, 1)
	staff.OnLiveReload(q, func() { reloaded <- struct{}{} })

	// The desk's store watches the data file; the kiosk is another store.
	changes := r.s.Changes(ctx)
	waitChange(t, changes) // watching
	kiosk, err := data.Open(ctx, r.s.Path(), datatest.CheapPINs(), data.WithClock(func() time.Time { return r.now }))
	require.NoError(t, err)
	defer kiosk.Close()
	it := r.itemByCode(t, "YDZ")
	rc, err := kiosk.Register(ctx, data.Registration{ItemID: it.ID, Channel: data.ChannelKiosk, Name: "赵大爷",
		Phone: "13900139000", IDNumber: validID("19500301", 7),
		Fields:  map[string]string{"birth_date": "1950-03-01", "residence": "本区户籍"},
		Brought: []int64{it.Materials[0].ID, it.Materials[1].ID}, Consent: true, NeedsHelp: true})
	require.NoError(t, err)

	c := waitChange(t, changes)
	assert.True(t, c.Remote, "seen from the other store")
	feed <- c
	select {
	case <-reloaded:
	case <-time.After(liveWait):
		t.Fatal("the queue did not reload for the change")
	}

	assert.Equal(t, before[data.QueueOpen]+1, q.Counts[data.QueueOpen])
	assert.Equal(t, before[data.QueueNew]+1, q.Counts[data.QueueNew])
	assert.Equal(t, staff.TabLabel(data.QueueNew, q.Counts[data.QueueNew]), q.Tabs[data.QueueNew].Text)
	assert.Equal(t, data.QueueOpen, q.Filter.Group, "the tab is kept")
	assert.Equal(t, scrolled, staff.QueueScroll(q), "the scroll position is kept")
	assert.True(t, slices.ContainsFunc(q.Rows, func(v *staff.QueueRowView) bool {
		return strings.Contains(strings.Join(v.Texts(), " "), rc.ReceiptNo)
	}), "the kiosk's request (asking for help: first) is in the queue")

	require.NotNil(t, watching)
	require.NoError(t, watching.Err())
	r.d.Lock("test")
	assert.Error(t, watching.Err(), "signing out stops watching")
}

func waitChange(t *testing.T, ch <-chan data.Change) data.Change {
	t.Helper()
	select {
	case c, ok := <-ch:
		require.True(t, ok)
		return c
	case <-time.After(liveWait):
		t.Fatal("no change on the feed")
		return data.Change{}
	}
}

// Changes that come while the queue is being read make one more read after
// it, not one each; a change while the queue is not on screen reads
// nothing (showing it reads it).
func TestQueueChangesCoalesce(t *testing.T) {
	var queued []func()
	sync := true
	r := newRigWith(t, true, func(o *staff.Options) {
		o.Run = func(f func()) {
			if sync {
				f()
				return
			}
			queued = append(queued, f)
		}
	})
	r.login(t, "王丽娟", datatest.ClerkPIN)
	q := r.d.Queue
	require.NotNil(t, q)
	lives := 0
	staff.OnLiveReload(q, func() { lives++ })

	sync = false
	for range 4 {
		staff.QueueChanged(q)
	}
	require.Len(t, queued, 1, "one read under way")
	for len(queued) > 0 {
		f := queued[0]
		queued = queued[1:]
		f()
	}
	assert.Equal(t, 1, lives, "the first read")
	require.Empty(t, queued, "the one for the three changes during it waits out staff.LiveGap")
	r.timers.Fire()
	for len(queued) > 0 {
		f := queued[0]
		queued = queued[1:]
		f()
	}
	assert.Equal(t, 2, lives, "the first read, then one for the three changes during it")

	r.d.ShowIntake()
	n := len(queued)
	staff.QueueChanged(q)
	assert.Len(t, queued, n, "not on screen: nothing read")
}

// A complaint filed at a kiosk (another store) shows in the complaint list
// the desk has on screen.
func TestComplaintListShowsAnotherTerminalsComplaint(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	feed := make(chan data.Change)
	t.Cleanup(func() { close(feed) })
	r := newRigWith(t, true, func(o *staff.Options) {
		o.Changes = func(context.Context) <-chan data.Change { return feed }
	})
	r.login(t, "王丽娟", datatest.ClerkPIN)
	r.d.ShowAdmin()
	list := r.d.Admin.Complaints
	require.NotNil(t, list, "a clerk's 管理 opens on the complaints")
	before := len(list.Rows)
	reloaded := make(chan struct{}, 1)
	staff.OnComplaintsLive(list, func() { reloaded <- struct{}{} })

	changes := r.s.Changes(ctx)
	waitChange(t, changes) // watching
	kiosk, err := data.Open(ctx, r.s.Path(), datatest.CheapPINs(), data.WithClock(func() time.Time { return r.now }))
	require.NoError(t, err)
	defer kiosk.Close()
	_, err = kiosk.FileComplaint(ctx, data.NewComplaint{Channel: "kiosk", About: data.AboutOther, Body: "大厅没有饮水机。"})
	require.NoError(t, err)

	feed <- waitChange(t, changes)
	select {
	case <-reloaded:
	case <-time.After(liveWait):
		t.Fatal("the complaint list did not reload for the change")
	}
	assert.Len(t, list.Rows, before+1)

	// On another screen the change goes to that screen (showing the list
	// again reads it).
	r.d.ShowQueue()
	queued := make(chan struct{}, 1)
	staff.OnLiveReload(r.d.Queue, func() { queued <- struct{}{} })
	feed <- data.Change{Remote: true}
	select {
	case <-queued:
	case <-time.After(liveWait):
		t.Fatal("the queue on screen did not reload for the change")
	}
	select {
	case <-reloaded:
		t.Fatal("the complaint list reloaded while not on screen")
	default:
	}
}

// TestQueueRowsTakeTheStatusPlace: when a live reload brings rows to a
// queue that said 这里暂时没有办件, the rows move up into the status's
// place instead of leaving a blank band above them.
func TestQueueRowsTakeTheStatusPlace(t *testing.T) {
	r := newRigWith(t, true, nil)
	r.login(t, "王丽娟", datatest.ClerkPIN)
	q := r.d.Queue
	require.NotNil(t, q)
	staff.SetQueueStatus(q, "这里暂时没有办件。")
	assert.Greater(t, staff.QueueRowsTop(q), float32(0), "the status is above the rows")
	staff.SetQueueStatus(q, "")
	assert.Zero(t, staff.QueueRowsTop(q), "the rows start at the top once the status is gone")
}

// TestQueueChangeBurstBounded: a burst of 1,000 changes from the feed
// while the UI goroutine is busy asks it for one turn (two at most), not
// 1,000, and
// the queue reads the store twice for 2,000 changes (the read they
// found under way, then one more); the feed's goroutine is never held up
// by a UI goroutine that has not come round yet.
func TestQueueChangeBurstBounded(t *testing.T) {
	feed := make(chan data.Change) // unbuffered: a send returns once the desk has taken it
	t.Cleanup(func() { close(feed) })
	var mu sync.Mutex
	var posted []func() // turns of the UI goroutine asked for, not yet taken
	var reads []func()  // store reads started, not yet done
	inline := true
	r := newRigWith(t, true, func(o *staff.Options) {
		o.Changes = func(context.Context) <-chan data.Change { return feed }
		o.Run = func(f func()) {
			if inline {
				f()
				return
			}
			reads = append(reads, f)
		}
	})
	staff.PostUI(r.d, func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		posted = append(posted, f)
	})
	r.login(t, "王丽娟", datatest.ClerkPIN)
	q := r.d.Queue
	require.NotNil(t, q)
	lives := 0
	staff.OnLiveReload(q, func() { lives++ })
	inline = false

	// takeTurns runs, as the UI goroutine would, the turns asked for once
	// the feed's goroutine has asked (the first change of a burst asks),
	// and says how many there were.
	takeTurns := func() int {
		t.Helper()
		deadline := time.Now().Add(liveWait)
		for {
			mu.Lock()
			turns := posted
			posted = nil
			mu.Unlock()
			if len(turns) > 0 {
				for _, f := range turns {
					f()
				}
				return len(turns)
			}
			require.True(t, time.Now().Before(deadline), "the feed asked for no turn")
			time.Sleep(time.Millisecond)
		}
	}
	burst := func() {
		for range 1000 {
			feed <- data.Change{Remote: true} // never blocks for long: the UI is not waited for
		}
	}

	// The feed's goroutine may have taken the burst's last change and not
	// yet looked whether a turn is waiting when the test takes the turn:
	// that change then asks for a second one. Never more.
	burst()
	assert.LessOrEqual(t, takeTurns(), 2, "one turn for the whole burst")
	require.Len(t, reads, 1, "one read started")
	burst() // while the read is under way
	assert.LessOrEqual(t, takeTurns(), 2)
	require.Len(t, reads, 1, "no second read while one is under way")
	runReads := func() {
		for len(reads) > 0 {
			f := reads[0]
			reads = reads[1:]
			f()
		}
	}
	runReads()
	r.timers.Fire() // the next read waits out staff.LiveGap
	runReads()
	assert.Equal(t, 2, lives, "2,000 changes, two reads: the one under way and one after it")
	mu.Lock()
	assert.LessOrEqual(t, len(posted), 1, "nothing more asked (but the last change's turn)")
	mu.Unlock()
}

// TestQueueChangesSpaced: changes that keep coming (a change every 10 ms
// for 10 s: a busy hall, a bulk import) read the queue about once per
// staff.LiveGap, not back to back; a change after a quiet spell reads it
// at once.
func TestQueueChangesSpaced(t *testing.T) {
	r := newRigWith(t, true, nil)
	r.login(t, "王丽娟", datatest.ClerkPIN)
	q := r.d.Queue
	require.NotNil(t, q)
	lives := 0
	staff.OnLiveReload(q, func() { lives++ })

	assertPaced(t, r, func() { staff.QueueChanged(q) }, &lives, "queue")
}

// assertPaced sends a change every 10 ms for 10 s through changed and
// checks that the screen read (counted in lives) about once per
// staff.LiveGap, and at once after a quiet spell.
func assertPaced(t *testing.T, r *rig, changed func(), lives *int, what string) {
	t.Helper()
	start := r.now
	fired := start
	for range 1000 {
		r.now = r.now.Add(10 * time.Millisecond)
		changed()
		if r.now.Sub(fired) >= staff.LiveGap {
			r.timers.Fire() // the timer the screen set is due
			fired = r.now
		}
	}
	r.timers.Fire()
	span := r.now.Sub(start)
	assert.LessOrEqual(t, *lives, int(span/staff.LiveGap)+1, "about one read per gap: %d reads in %v", *lives, span)
	assert.GreaterOrEqual(t, *lives, int(span/staff.LiveGap)-1, "and the %s kept up", what)

	r.now = r.now.Add(staff.LiveGap)
	before := *lives
	changed()
	assert.Equal(t, before+1, *lives, "after a quiet spell: at once")
}
