package staff

import "fyne.io/fyne/v2/container"

// OnLiveReload makes q call f after each reload for a change of the store
// (applied or dropped), on the goroutine that applied it.
func OnLiveReload(q *Queue, f func()) { q.onLive = f }

// QueueScroll is how far the queue's rows are scrolled.
func QueueScroll(q *Queue) float32 { return q.list.GetScrollOffset() }

// ScrollQueue scrolls the queue's rows to offset.
func ScrollQueue(q *Queue, offset float32) { q.list.ScrollToOffset(offset) }

// LiveGap is the least time between two reloads of the queue for changes.
const LiveGap = liveGap

// PostUI makes the desk's change feed ask for turns of the UI goroutine
// through post instead of fyne.Do (before signing in).
func PostUI(d *Desk, post func(func())) { d.post = post }

// QueueChanged tells q that the store changed, as its watch of the store
// does (on the UI goroutine).
func QueueChanged(q *Queue) { q.changed() }

// OnComplaintsLive makes c call f after each read for a change of the
// store.
func OnComplaintsLive(c *ComplaintList, f func()) { c.onLive = f }

// ComplaintsChanged tells c that the store changed, as the desk's watch of
// the store does (on the UI goroutine).
func ComplaintsChanged(c *ComplaintList) { c.changed() }

// SetQueueStatus says msg where the queue's rows would be ("" hides it),
// as a load does.
func SetQueueStatus(q *Queue, msg string) { q.setStatus(msg, false) }

// QueueRowsTop is how far below the top of their area the queue's rows
// start (the status, when shown, is above them).
func QueueRowsTop(q *Queue) float32 {
	for _, o := range q.rowsArea.Objects {
		if o != q.statusBox {
			return o.Position().Y
		}
	}
	return -1
}

// BarScroll is the bar's row of buttons, scrolled sideways when too wide.
func BarScroll(d *Desk) *container.Scroll { return d.barScroll }
