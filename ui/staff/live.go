package staff

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"bianmin/data"
	"bianmin/ui/internal/hooks"
)

// ChangeFeed is a store's feed of committed writes (data.Store.Changes):
// what another desk or a kiosk did, in this process or another. Main
// passes the store's as Options.Changes.
type ChangeFeed func(ctx context.Context) <-chan data.Change

// watchChanges reads the screen on show again after each change of the
// store (Options.Changes) while someone is signed in: the queue with its
// counts, or the complaint list. A kiosk's registration, another desk's
// hand-over or a complaint filed at the kiosk shows within a second,
// without 刷新. The store is read off the UI goroutine (d.async); changes
// that come while a read is under way make one more read after it, not
// one each, and the queue or the list is read at most once per liveGap
// however fast changes come. A screen not on show reads nothing: showing it reads it.
func (d *Desk) watchChanges() {
	d.stopWatching()
	if d.opts.Changes == nil {
		return
	}
	ctx, cancel := context.WithCancel(d.opts.Context)
	d.stopLive = cancel
	ch := d.opts.Changes(ctx)
	go func() {
		// At most one turn of the UI goroutine is asked for at a time: a
		// change that comes while one is waiting is covered by it (it
		// reads after this change was committed). Without this, a burst of
		// commits from other terminals (a bulk import, several kiosks at
		// once) queued one fyne.Do each, unbounded, ahead of the desk's
		// own taps and frames.
		var waiting atomic.Bool
		for range ch {
			if !waiting.CompareAndSwap(false, true) {
				continue
			}
			d.post(func() {
				waiting.Store(false) // a change from here on asks again
				if ctx.Err() == nil {
					d.changed()
				}
			})
		}
	}()
}

// stopWatching stops watchChanges (signing out).
func (d *Desk) stopWatching() {
	hooks.Stop(&d.stopLive)
}

// changed passes a change of the store to the screen on show. UI
// goroutine.
func (d *Desk) changed() {
	switch {
	case d.Queue != nil && d.Queue.onScreen():
		d.Queue.changed()
	case d.Admin != nil && d.Admin.Complaints != nil && d.Admin.Complaints.onScreen():
		d.Admin.Complaints.changed()
	}
}

// liveGap is the least time from the start of one reload of the queue for
// a change of the store to the start of the next. While kiosks and other
// desks commit one after another (a busy morning, a bulk import, a hall
// test's registering processes), the queue was otherwise read and its rows
// built again back to back, the desk's UI goroutine busy with little
// else (three processes registering kept it at about three quarters of a
// core); now it is read at most about once a second, and a change still
// shows within about a second.
const liveGap = time.Second

// changed reloads the queue in place for a change of the store, at once
// or, within liveGap of the last such reload, once that has passed. UI
// goroutine.
func (q *Queue) changed() {
	if !q.onScreen() {
		return
	}
	if q.loading > 0 {
		q.again = true // one more read when this one is in
		return
	}
	if !q.pace.due(q.d, q.changed) {
		return
	}
	q.reload(true)
}

// livePace lets a screen read the store for changes at most once per
// liveGap: a change within liveGap of the last read waits for its end,
// and one wait covers every change behind it.
type livePace struct {
	next    time.Time // when the next read may start
	waiting bool      // a read is set for next
}

// due says whether a read may start now, and marks it started; if not,
// again runs (once for every change until then) when it may. UI
// goroutine.
func (p *livePace) due(d *Desk, again func()) bool {
	if p.waiting {
		return false // the read waiting covers this change
	}
	now := d.opts.Now()
	if wait := p.next.Sub(now); wait > 0 {
		p.waiting = true
		d.opts.After(wait, func() {
			p.waiting = false
			p.next = time.Time{} // due: read now (or after the read under way)
			again()
		})
		return false
	}
	p.next = now.Add(liveGap)
	return true
}

// loaded is told that a read of the queue is in (applied or dropped).
// UI goroutine.
func (q *Queue) loaded(live bool) {
	q.loading--
	if q.loading == 0 && q.again {
		q.again = false
		q.changed()
	}
	if live && q.onLive != nil {
		q.onLive()
	}
}

// onScreen reports whether the queue is the screen the desk shows.
func (q *Queue) onScreen() bool {
	return q.d.Queue == q && q.d.onScreen(q.content)
}

// onScreen reports whether o is the screen the desk shows.
func (d *Desk) onScreen(o fyne.CanvasObject) bool {
	b := d.body.Objects
	return len(b) == 1 && b[0] == o
}

// changed reads the complaint list again for a change of the store,
// keeping its tab and what the clerk scrolled to: at once or, within
// liveGap of the last such read, once that has passed, as the queue does
// (a bulk import's or a busy hall's commits read it once a second, not
// back to back). UI goroutine.
func (c *ComplaintList) changed() {
	if !c.onScreen() {
		return
	}
	if c.liveLoading {
		c.again = true
		return
	}
	d := c.a.d
	if !c.pace.due(d, c.changed) {
		return
	}
	c.liveLoading = true
	read := c.query()
	c.load.n++ // an earlier load's answer is stale now
	n := c.load.n
	d.async(func() func() {
		rows, err := read(d.opts.Context)
		return func() {
			if n == c.load.n {
				c.show(rows, err)
			}
			c.liveLoading = false
			if c.again {
				c.again = false
				c.changed()
			}
			if c.onLive != nil {
				c.onLive()
			}
		}
	})
}

// onScreen reports whether the complaint list (not one complaint, not
// another section) is on show.
func (c *ComplaintList) onScreen() bool {
	a := c.a
	return a.d.Admin == a && a.Complaints == c && a.Section == SectionComplaints && a.Complaint == nil &&
		a.d.onScreen(a.content)
}
