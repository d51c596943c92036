package staff

// OnLiveReload makes q call f after each reload for a change of the store
// (applied or dropped), on the goroutine that applied it.
func OnLiveReload(q *Queue, f func()) { q.onLive = f }

// QueueScroll is how far the queue's rows are scrolled.
func QueueScroll(q *Queue) float32 { return q.list.GetScrollOffset() }

// ScrollQueue scrolls the queue's rows to offset.
func ScrollQueue(q *Queue, offset float32) { q.list.ScrollToOffset(offset) }

// QueueChanged tells q that the store changed, as its watch of the store
// does (on the UI goroutine).
func QueueChanged(q *Queue) { q.changed() }

// OnComplaintsLive makes c call f after each read for a change of the
// store.
func OnComplaintsLive(c *ComplaintList, f func()) { c.onLive = f }
