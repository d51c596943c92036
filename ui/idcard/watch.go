package idcard

import (
	"context"
	"errors"
	"log"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
)

// State is where a reader stands.
type State int

// The states, from nothing to ready.
const (
	StateAbsent   State = iota // no reader: the device is missing, or none answers
	StateBusy                  // the named device is held open by another program
	StateDenied                // the named device may not be opened by this user
	StateNoAnswer              // the named device exists but does not answer the protocol
	StateFault                 // a reader answers, but its security module cannot be used
	StateReady                 // a reader answers and can read cards
)

// String names the state for the log: absent, busy, denied, silent,
// fault, ready.
func (s State) String() string {
	switch s {
	case StateBusy:
		return "busy"
	case StateDenied:
		return "denied"
	case StateNoAnswer:
		return "silent"
	case StateFault:
		return "fault"
	case StateReady:
		return "ready"
	}
	return "absent"
}

// Status is a reader's state and where it is.
type Status struct {
	State  State
	Device string // the device path; "" when no reader was found
	// Err is why the state is not StateReady (for the log and Message).
	Err error
}

// Ready reports whether a card placed now would be read.
func (s Status) Ready() bool { return s.State == StateReady }

// String is the state in a person's words, with the device: for `bianmin
// idcard`, `bianmin doctor` and the log.
func (s Status) String() string {
	dev := s.Device
	if dev == "" {
		dev = lang.X("idcard.state.anyDevice", "未指定设备")
	}
	switch s.State {
	case StateReady:
		return lang.X("idcard.state.ready", "身份证阅读器正常") + " (" + dev + ")"
	case StateFault:
		return lang.X("idcard.state.fault", "身份证阅读器的安全模块不能使用") + " (" + dev + ")"
	case StateNoAnswer:
		return lang.X("idcard.state.noAnswer", "设备没有按身份证阅读器的协议应答") + " (" + dev + ")"
	case StateBusy:
		return lang.X("idcard.state.busy", "身份证阅读器正被另一个程序使用") + " (" + dev + ")"
	case StateDenied:
		return lang.X("idcard.state.denied", "没有权限打开身份证阅读器") + " (" + dev + ")"
	}
	return lang.X("idcard.state.absent", "没有找到身份证阅读器") + " (" + dev + ")"
}

// Event is what a Watcher reports: the reader's status whenever it
// changes, and each card placed on it (Card), or why a placed card could
// not be read (Err: ErrCardRemoved, ErrUnreadable, ErrChecksum …).
type Event struct {
	Status Status
	Card   *Card
	Err    error
}

// DefaultCandidates are the devices a Watcher without a Device tries:
// USB serial adapters (/dev/ttyUSB*) and USB CDC devices (/dev/ttyACM*),
// the two ways the readers appear on Linux.
func DefaultCandidates() []string {
	var out []string
	for _, pat := range []string{"/dev/ttyUSB*", "/dev/ttyACM*"} {
		m, _ := filepath.Glob(pat)
		out = append(out, m...)
	}
	slices.Sort(out)
	return out
}

// WatchConfig configures a Watcher.
type WatchConfig struct {
	// Device is the reader's device (--idcard-device); "" finds it among
	// Candidates, the first that answers the security module's status.
	Device string
	// Candidates lists the devices to try when Device is "" (default
	// DefaultCandidates).
	Candidates func() []string
	// Poll is the time between two 寻找证/卡 commands (default 300 ms):
	// a resident sees the card read within about half a second.
	Poll time.Duration
	// Retry is the time between two looks for a missing reader (default
	// 2 s): plugging one in is noticed within it.
	Retry time.Duration
	// Timeout is each answer's timeout (default DefaultTimeout).
	Timeout time.Duration
	// Deliver runs the subscribers' calls: fyne.Do for a UI, so that they
	// run on the UI goroutine. Nil: on the Watcher's goroutine.
	Deliver func(func())
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Watcher keeps a reader open, notices when it is plugged in or pulled out
// (hot-plug), and reports each card placed on it once: a card left on the
// reader is not read again until it has been taken away.
type Watcher struct {
	cfg WatchConfig

	mu     sync.Mutex
	status Status
	subs   map[int]func(Event)
	nextID int
	done   chan struct{}
}

// Watch starts watching for a reader and its cards until ctx is done.
func Watch(ctx context.Context, cfg WatchConfig) *Watcher {
	if cfg.Candidates == nil {
		cfg.Candidates = DefaultCandidates
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 300 * time.Millisecond
	}
	if cfg.Retry <= 0 {
		cfg.Retry = 2 * time.Second
	}
	if cfg.Deliver == nil {
		cfg.Deliver = func(f func()) { f() }
	}
	w := &Watcher{cfg: cfg, subs: map[int]func(Event){}, done: make(chan struct{}),
		status: Status{State: StateAbsent, Device: cfg.Device}}
	go w.run(ctx)
	return w
}

// Status is the reader's status now.
func (w *Watcher) Status() Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.status
}

// Subscribe calls fn, through Deliver, with every event from now on; the
// returned function stops it (an event already on its way is not
// delivered).
func (w *Watcher) Subscribe(fn func(Event)) (cancel func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	id := w.nextID
	w.nextID++
	w.subs[id] = fn
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		delete(w.subs, id)
	}
}

// Done is closed when the Watcher has stopped (its context done) and
// closed the port.
func (w *Watcher) Done() <-chan struct{} { return w.done }

func (w *Watcher) emit(ev Event) {
	w.mu.Lock()
	ids := make([]int, 0, len(w.subs))
	for id := range w.subs {
		ids = append(ids, id)
	}
	w.mu.Unlock()
	if len(ids) == 0 {
		return // nobody listens (the kiosk at home): nothing to hand over
	}
	slices.Sort(ids)
	w.cfg.Deliver(func() {
		for _, id := range ids {
			w.mu.Lock()
			fn := w.subs[id]
			w.mu.Unlock()
			if fn != nil {
				fn(ev)
			}
		}
	})
}

func (w *Watcher) setStatus(s Status) {
	w.mu.Lock()
	old := w.status
	w.status = s
	w.mu.Unlock()
	if old.State == s.State && old.Device == s.Device {
		return
	}
	// The log is for whoever maintains the terminal, in plain words that
	// need no translations (this goroutine does not touch lang).
	if s.Err != nil {
		log.Printf("idcard: reader %s (%s): %v", s.State, s.Device, s.Err)
	} else {
		log.Printf("idcard: reader %s (%s)", s.State, s.Device)
	}
	w.emit(Event{Status: s})
}

func (w *Watcher) run(ctx context.Context) {
	defer close(w.done)
	var r *Reader
	defer func() {
		if r != nil {
			r.Close()
		}
	}()
	onCard := false // a card was read and has not been taken away since
	for ctx.Err() == nil {
		if r == nil {
			var st Status
			r, st = w.connect(ctx)
			w.setStatus(st)
			if r == nil {
				sleep(ctx, w.cfg.Retry)
				continue
			}
			onCard = false
		}
		err := r.Find(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err == nil && !onCard:
			card, err := r.readFound(ctx)
			if ctx.Err() != nil {
				return
			}
			if errors.Is(err, ErrNoReader) {
				r = w.lost(r, err)
				continue
			}
			// A card that was taken away too early may be read when it
			// comes back; one read, or unreadable, waits to be taken away.
			onCard = !errors.Is(err, ErrCardRemoved)
			ev := Event{Status: w.Status(), Err: err}
			if err == nil {
				ev.Card = &card
			} else {
				log.Printf("idcard: %s: a card could not be read: %v", r.Device, err)
			}
			w.emit(ev)
		case err == nil:
			// The card read is still there.
		case errors.Is(err, ErrNoCard):
			onCard = false
			if w.Status().State != StateReady {
				w.setStatus(Status{State: StateReady, Device: r.Device})
			}
		case errors.Is(err, ErrSAM):
			w.setStatus(Status{State: StateFault, Device: r.Device, Err: err})
			sleep(ctx, w.cfg.Retry)
			continue
		case errors.Is(err, ErrChecksum), errors.Is(err, ErrUnreadable), errors.Is(err, ErrCardRemoved):
			// A garbled answer or a card half on the reader: ask again.
		default: // ErrNoReader, ErrNoAnswer, ErrProtocol: the reader is gone
			r = w.lost(r, err)
			continue
		}
		sleep(ctx, w.cfg.Poll)
	}
}

// lost closes a reader that stopped answering or went away, and says so.
func (w *Watcher) lost(r *Reader, err error) *Reader {
	r.Close()
	st := Status{State: StateAbsent, Device: w.cfg.Device, Err: err}
	if errors.Is(err, ErrNoAnswer) && w.cfg.Device != "" {
		st.State = StateNoAnswer
	}
	w.setStatus(st)
	return nil
}

// connect opens the reader: the named device, or the first candidate that
// answers.
func (w *Watcher) connect(ctx context.Context) (*Reader, Status) {
	if w.cfg.Device != "" {
		return w.open(ctx, w.cfg.Device)
	}
	// A candidate that is busy or not ours may be any serial device: it
	// is passed over, and only named if nothing else answers.
	last := Status{State: StateAbsent, Err: ErrNoReader}
	for _, dev := range w.cfg.Candidates() {
		r, st := w.open(ctx, dev)
		if r != nil {
			return r, st
		}
		if st.State == StateBusy || st.State == StateDenied {
			st.Device = dev
			last = st
		}
	}
	return nil, last
}

// open opens dev and asks its security module's status: a reader that
// answers is kept (ready, or its module at fault); one that does not is
// closed.
func (w *Watcher) open(ctx context.Context, dev string) (*Reader, Status) {
	r, err := Open(dev)
	if err != nil {
		st := Status{State: StateAbsent, Device: w.cfg.Device, Err: err}
		switch {
		case errors.Is(err, ErrBusy):
			st.State = StateBusy
		case errors.Is(err, ErrDenied):
			st.State = StateDenied
		}
		return nil, st
	}
	r.Timeout, r.Now = w.cfg.Timeout, w.cfg.Now
	switch err := r.SAMStatus(ctx); {
	case err == nil:
		return r, Status{State: StateReady, Device: dev}
	case errors.Is(err, ErrSAM):
		return r, Status{State: StateFault, Device: dev, Err: err}
	default:
		r.Close()
		return nil, Status{State: StateNoAnswer, Device: dev, Err: err}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// Probe opens the reader on device ("" finds it among the default
// candidates), asks its security module's status and closes it: the
// reader's state for `bianmin idcard` and `bianmin doctor`. It takes at
// most about timeout per device tried (0: DefaultTimeout).
func Probe(ctx context.Context, device string, timeout time.Duration) Status {
	w := &Watcher{cfg: WatchConfig{Device: device, Candidates: DefaultCandidates, Timeout: timeout}}
	r, st := w.connect(ctx)
	if r != nil {
		r.Close()
	}
	return st
}

// ReadOnce opens the reader on device ("" finds it), waits up to wait for
// a card to be placed, reads it and closes the reader: `bianmin idcard`.
// ready, if not nil, is told the reader's status once it answers, before
// the wait. The status says how the reader stood; the error why no card
// was read.
func ReadOnce(ctx context.Context, device string, wait, timeout time.Duration, ready func(Status)) (Card, Status, error) {
	w := &Watcher{cfg: WatchConfig{Device: device, Candidates: DefaultCandidates, Timeout: timeout}}
	r, st := w.connect(ctx)
	if r == nil {
		return Card{}, st, st.Err
	}
	defer r.Close()
	if st.State != StateReady {
		return Card{}, st, st.Err
	}
	if ready != nil {
		ready(st)
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	for {
		card, err := r.ReadCard(ctx)
		switch {
		case err == nil:
			return card, st, nil
		case ctx.Err() != nil:
			return Card{}, st, ErrNoCard
		case errors.Is(err, ErrNoCard), errors.Is(err, ErrChecksum):
			sleep(ctx, 300*time.Millisecond)
		default:
			return Card{}, st, err
		}
	}
}
