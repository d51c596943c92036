package data

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// Change says that a write was committed to the store, so that what a
// screen shows of requests and complaints (a desk's queue and its counts)
// should be read again. It carries no rows: the reader re-reads what it
// shows, which is always right however many changes it missed.
type Change struct {
	// Op is the store operation that committed in this process
	// ("register", "accept", "hand over", "complaint", …, the op name the
	// write's transaction runs under); "" when the commit was seen from
	// outside (Remote).
	Op string
	// Remote is true when the commit was made by another connection: a
	// terminal in another process, or (SQLite) the store's own pool, seen
	// by the poll. A commit in this process is therefore usually reported
	// twice: at once (Remote false) and at the next poll (Remote true).
	Remote bool
}

// ChangeSource is where a store learns of the commits made by other
// terminals. Watch calls notify once as soon as it is watching (a commit
// made before may have been missed, so subscribers re-read), then once for
// each commit (or batch of commits) it sees, until ctx ends, and then
// returns; it returns early with an error
// when it can no longer watch (the connection broke), and is then started
// again after the poll interval (and says again when it is watching: what
// happened meanwhile is unknown, so everyone re-reads). notify may be
// called from any goroutine and never blocks.
//
// On SQLite the source is the data_version poll (dataVersionPoll): a
// dedicated connection asks PRAGMA data_version every poll interval
// (WithChangePoll, default DefaultChangePoll), which changes whenever
// another connection, in this process or another, has committed.
//
// On PostgreSQL the engine sets its own source at Open (s.feed.source =
// pgListener{…}, changes_pg.go), and nothing else changes for the
// subscribers:
//   - every write transaction runs `SELECT pg_notify(channel, $op)` before
//     COMMIT, the channel being bianmin_changes in the public schema and
//     one of its own in any other (pgChannelSQL), so that stores in other
//     schemas of the database (parallel tests) never wake each other
//     (PostgreSQL delivers it only if, and when, the
//     transaction commits; notifications of one transaction with the same
//     payload are folded into one);
//   - Watch takes a dedicated pgx connection (pgx.Conn, not the pool), runs
//     `LISTEN channel`, calls notify(Change{Remote: true}) (it is
//     watching), and loops on conn.WaitForNotification(ctx),
//     calling notify(Change{Op: n.Payload, Remote: true}) for each; an error
//     other than ctx's is returned (the feed retries, and subscribers
//     re-read, after the poll interval).
//
// The listener also hears this process's own notifications, as the SQLite
// poll sees this process's own commits: a duplicate re-read, never a lost
// one.
type ChangeSource interface {
	Watch(ctx context.Context, notify func(Change)) error
}

// DefaultChangePoll is how often a SQLite store asks whether another
// terminal has committed, while anyone is subscribed (Changes): a desk's
// queue then shows a kiosk's registration within about half a second plus
// its own reload.
const DefaultChangePoll = 500 * time.Millisecond

// WithChangePoll makes the store poll for other terminals' commits every d
// instead of DefaultChangePoll (SQLite; d > 0).
func WithChangePoll(d time.Duration) Option {
	return func(s *Store) {
		if d > 0 {
			s.feed.poll = d
		}
	}
}

// Changes returns a channel that receives a Change after each committed
// write to the store, made in this process (at once) or by another terminal
// on the same data file or database (see ChangeSource), until ctx ends or
// the store is closed; then the channel is closed. The channel holds one
// Change: when they come faster than they are read, they merge into the one
// waiting (a Change means "at least this, maybe more"), so a slow reader
// never holds up a write and re-reads once for a burst. The first
// subscriber gets a Change as soon as other terminals are watched, with
// nothing written: what it read before may already be stale. Watching other
// terminals costs one connection and one tiny query per poll interval while
// at least one channel is open, nothing otherwise.
//
// A Change fires for every committed write transaction, not only those on
// requests and complaints (a sign-in, a catalog edit): the poll cannot tell
// which tables another process wrote, and a reader that re-reads a page for
// nothing loses a few milliseconds.
func (s *Store) Changes(ctx context.Context) <-chan Change {
	return s.feed.subscribe(ctx, s)
}

// feed fans committed writes out to the subscribers of Changes. Its zero
// value is ready (a Store field); the watcher of other terminals' commits
// runs while there is a subscriber.
type feed struct {
	mu     sync.Mutex
	subs   map[chan Change]struct{}
	closed bool
	poll   time.Duration // 0: DefaultChangePoll
	// source watches other terminals; nil: the SQLite data_version poll.
	source ChangeSource
	stop   context.CancelFunc // of the running watcher, nil if none
	// watchers are the watchers not yet returned, the one running and any
	// stopped by the last unsubscribe and still letting go of their
	// connection: close waits for them.
	watchers sync.WaitGroup
}

// subscribe adds a subscriber, starting the watcher for the first one.
func (f *feed) subscribe(ctx context.Context, s *Store) <-chan Change {
	ch := make(chan Change, 1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed || ctx.Err() != nil {
		close(ch)
		return ch
	}
	if f.subs == nil {
		f.subs = map[chan Change]struct{}{}
	}
	f.subs[ch] = struct{}{}
	if f.stop == nil {
		f.start(s)
	}
	context.AfterFunc(ctx, func() { f.unsubscribe(ch) })
	return ch
}

// unsubscribe removes ch and closes it; the last one stops the watcher.
func (f *feed) unsubscribe(ch chan Change) {
	f.mu.Lock()
	if _, ok := f.subs[ch]; !ok {
		f.mu.Unlock()
		return
	}
	delete(f.subs, ch)
	close(ch)
	var stop context.CancelFunc
	if len(f.subs) == 0 && f.stop != nil {
		stop, f.stop = f.stop, nil
	}
	f.mu.Unlock()
	if stop != nil {
		stop() // the watcher returns on its own; nobody waits for it
	}
}

// publish sends c to every subscriber that has none waiting.
func (f *feed) publish(c Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- c:
		default: // one is waiting: it stands for this one too
		}
	}
}

// start runs the watcher of other terminals' commits. f.mu is held.
func (f *feed) start(s *Store) {
	ctx, cancel := context.WithCancel(context.Background())
	f.stop = cancel
	every := f.poll
	if every <= 0 {
		every = DefaultChangePoll
	}
	src := f.source
	if src == nil {
		src = dataVersionPoll{db: s.db, every: every}
	}
	f.watchers.Add(1)
	go func() {
		defer f.watchers.Done()
		for {
			_ = src.Watch(ctx, f.publish)
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
			}
		}
	}()
}

// close closes every subscriber's channel and stops the watcher, waiting
// until every watcher has returned (each holds a connection of the store,
// which a restore needs closed). Close calls it before closing the
// database.
func (f *feed) close() {
	f.mu.Lock()
	f.closed = true
	for ch := range f.subs {
		close(ch)
	}
	f.subs = nil
	stop := f.stop
	f.stop = nil
	f.mu.Unlock()
	if stop != nil {
		stop()
	}
	f.watchers.Wait()
}

// dataVersionPoll is the SQLite ChangeSource: PRAGMA data_version, asked
// on one dedicated connection, changes when any other connection to the
// file (this process's pool included) has committed since it was last
// asked, and never for the asking connection's own commits. It takes no
// lock that a writer waits for.
type dataVersionPoll struct {
	db    *sql.DB
	every time.Duration
}

func (p dataVersionPoll) Watch(ctx context.Context, notify func(Change)) error {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	version := func() (int64, error) {
		var v int64
		err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
		return v, err
	}
	last, err := version()
	if err != nil {
		return err
	}
	notify(Change{Remote: true}) // watching from here on
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		v, err := version()
		if err != nil {
			return err
		}
		if v != last {
			last = v
			notify(Change{Remote: true})
		}
	}
}
