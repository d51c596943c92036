package staff

import (
	"context"

	"fyne.io/fyne/v2"

	"bianmin/data"
)

// ChangeFeed is a store's feed of committed writes (data.Store.Changes):
// what another desk or a kiosk did, in this process or another. Main
// passes the store's as Options.Changes.
type ChangeFeed func(ctx context.Context) <-chan data.Change

// watchChanges reads the queue and its counts again after each change of
// the store (Options.Changes) while the queue exists: a kiosk's
// registration or another desk's hand-over shows within a second, without
// 刷新. The store is read off the UI goroutine (d.async); changes that come
// while a read is under way make one more read after it, not one each.
// The desk stops it (stopWatching) when it signs out.
func (q *Queue) watchChanges() {
	d := q.d
	if d.opts.Changes == nil {
		return
	}
	ctx, cancel := context.WithCancel(d.opts.Context)
	q.stopLive = cancel
	ch := d.opts.Changes(ctx)
	go func() {
		for range ch {
			fyne.Do(q.changed)
		}
	}()
}

// stopWatching stops watchChanges.
func (q *Queue) stopWatching() {
	if q.stopLive != nil {
		q.stopLive()
		q.stopLive = nil
	}
}

// changed reloads the queue in place for a change of the store, if it is on
// screen (ShowQueue reloads it when it comes back). UI goroutine.
func (q *Queue) changed() {
	if q.d.Queue != q || !q.onScreen() {
		return
	}
	if q.loading > 0 {
		q.again = true // one more read when this one is in
		return
	}
	q.reload(true)
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
	b := q.d.body.Objects
	return len(b) == 1 && b[0] == q.content
}

// stopQueueWatch stops the queue's watch of the store, if it has one.
func (d *Desk) stopQueueWatch() {
	if d.Queue != nil {
		d.Queue.stopWatching()
	}
}
