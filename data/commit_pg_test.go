package data

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Cuts at COMMIT (commitCutter.arm).
const (
	cutNone   int32 = iota
	cutBefore       // the COMMIT never reaches the server: nothing saved
	cutAfter        // the server commits, its answer never reaches the store
	// cutHold: the COMMIT never reaches the server, which does not learn
	// that the store is gone (a network cut without a reset): its
	// transaction waits, holding the store's write lock.
	cutHold
)

// commitCutter is a TCP proxy between the store and the test server that
// breaks a connection at its next COMMIT, as a network gone at the worst
// moment: before the COMMIT reaches the server, or after the server has
// committed and before its answer comes back. While refusing, it closes
// every new connection at once (the server cannot be asked).
type commitCutter struct {
	t       testing.TB
	ln      net.Listener
	network string // of the server: "unix" or "tcp"
	addr    string
	mode    atomic.Int32 // the next COMMIT's cut
	refuse  atomic.Bool
	cuts    atomic.Int32 // COMMITs cut so far
	wg      sync.WaitGroup
	mu      sync.Mutex
	held    []net.Conn // server sides left open by cutHold
}

// newCommitCutter starts a proxy to the server of dsn and returns it with
// the DSN that goes through it.
func newCommitCutter(t testing.TB, dsn string) (*commitCutter, string) {
	t.Helper()
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	host, port := q.Get("host"), q.Get("port")
	if host == "" {
		host = u.Hostname()
	}
	if port == "" {
		port = u.Port()
	}
	if port == "" {
		port = "5432"
	}
	c := &commitCutter{t: t, network: "tcp", addr: net.JoinHostPort(host, port)}
	if strings.HasPrefix(host, "/") {
		c.network, c.addr = "unix", filepath.Join(host, ".s.PGSQL."+port)
	}
	c.ln, err = net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() {
		c.ln.Close()
		c.mu.Lock()
		for _, conn := range c.held {
			conn.Close()
		}
		c.mu.Unlock()
		c.wg.Wait()
	})
	c.wg.Add(1)
	go c.serve()
	_, lport, _ := net.SplitHostPort(c.ln.Addr().String())
	q.Set("host", "127.0.0.1")
	q.Set("port", lport)
	u.RawQuery = q.Encode()
	return c, u.String()
}

// arm makes the next COMMIT (on any connection) be cut so.
func (c *commitCutter) arm(mode int32) { c.mode.Store(mode) }

func (c *commitCutter) serve() {
	defer c.wg.Done()
	for {
		client, err := c.ln.Accept()
		if err != nil {
			return
		}
		if c.refuse.Load() {
			client.Close()
			continue
		}
		server, err := net.Dial(c.network, c.addr)
		if err != nil {
			client.Close()
			continue
		}
		p := &cutPair{c: c, client: client, server: server, done: make(chan struct{})}
		c.wg.Add(2)
		go p.up()
		go p.down()
	}
}

// cutPair is one proxied connection.
type cutPair struct {
	c              *commitCutter
	client, server net.Conn
	swallow        atomic.Bool // a COMMIT was let through: its answer is not passed on
	once           sync.Once
	done           chan struct{}
}

func (p *cutPair) close() {
	p.once.Do(func() { p.client.Close(); p.server.Close(); close(p.done) })
}

// up passes the store's messages to the server, watching for COMMIT.
func (p *cutPair) up() {
	defer p.c.wg.Done()
	held := false
	defer func() {
		if !held {
			p.close()
		}
	}()
	// The startup message has no type byte.
	var n [4]byte
	if _, err := io.ReadFull(p.client, n[:]); err != nil {
		return
	}
	body := make([]byte, binary.BigEndian.Uint32(n[:])-4)
	if _, err := io.ReadFull(p.client, body); err != nil {
		return
	}
	if _, err := p.server.Write(append(n[:], body...)); err != nil {
		return
	}
	for {
		var h [5]byte
		if _, err := io.ReadFull(p.client, h[:]); err != nil {
			return
		}
		body := make([]byte, binary.BigEndian.Uint32(h[1:])-4)
		if _, err := io.ReadFull(p.client, body); err != nil {
			return
		}
		if h[0] == 'Q' && strings.EqualFold(strings.TrimRight(string(body), "\x00"), "commit") {
			switch p.c.mode.Swap(cutNone) {
			case cutBefore:
				p.c.cuts.Add(1)
				return // the server reads the end of the connection: it rolls back
			case cutAfter:
				p.c.cuts.Add(1)
				p.swallow.Store(true) // down closes once the server has answered
			case cutHold:
				p.c.cuts.Add(1)
				held = true
				p.c.mu.Lock()
				p.c.held = append(p.c.held, p.server)
				p.c.mu.Unlock()
				p.client.Close() // the store's side only: down ends when the server's does
				return
			}
		}
		if _, err := p.server.Write(append(h[:], body...)); err != nil {
			return
		}
	}
}

// down passes the server's messages to the store, except the answer to a
// COMMIT let through (up), after which it breaks the connection.
func (p *cutPair) down() {
	defer p.c.wg.Done()
	defer p.close()
	for {
		var h [5]byte
		if _, err := io.ReadFull(p.server, h[:]); err != nil {
			return
		}
		body := make([]byte, binary.BigEndian.Uint32(h[1:])-4)
		if _, err := io.ReadFull(p.server, body); err != nil {
			return
		}
		if p.swallow.Load() {
			if h[0] == 'Z' { // ReadyForQuery: the COMMIT is done
				return
			}
			continue
		}
		if _, err := p.client.Write(append(h[:], body...)); err != nil {
			return
		}
	}
}

// cutStore is a seeded store on PostgreSQL whose connections go through a
// commitCutter, and a second store on the same schema, direct, to look.
func cutStore(t *testing.T) (*Store, *commitCutter, *Store) {
	t.Helper()
	needPG(t)
	dsn := testDSN(t)
	cutter, via := newCommitCutter(t, dsn)
	s := openAt(t, via)
	seedAt(t, s)
	return s, cutter, openAt(t, dsn)
}

// settleQuickly makes settleCommit give up after a second, for the cases
// where the server cannot be asked.
func settleQuickly(t *testing.T) {
	old := commitSettleWait
	commitSettleWait = time.Second
	t.Cleanup(func() { commitSettleWait = old })
}

// TestPGCommitLostRegister: the connection breaks at the COMMIT of a
// registration. When the server committed, the kiosk gets the receipt
// (the store asked the server afterwards); when it did not, it is told
// that nothing was saved, and the retry saves one request. Either way
// exactly one request ends up stored, and its receipt is the one shown.
func TestPGCommitLostRegister(t *testing.T) {
	ctx := context.Background()
	t.Run("committed", func(t *testing.T) {
		s, cutter, look := cutStore(t)
		reg := hallRegistration(t, s)
		reg.Token = NewToken()
		cutter.arm(cutAfter)
		rc, err := s.Register(ctx, reg)
		require.NoError(t, err, "the server committed: the store found out")
		require.EqualValues(t, 1, cutter.cuts.Load(), "the COMMIT was cut")
		assert.Equal(t, 1, count(t, look, "requests"))
		assert.Equal(t, reg.Token, rc.Token)
		assert.NotEmpty(t, rc.Missing, "the whole receipt, materials included")
		stored, err := look.TrackByToken(ctx, reg.Token)
		require.NoError(t, err)
		assert.Equal(t, rc.ReceiptNo, stored.ReceiptNo)

		again, err := s.Register(ctx, reg)
		require.NoError(t, err, "a retry anyway")
		assert.Equal(t, rc.ReceiptNo, again.ReceiptNo, "the saved receipt, not a second number")
		assert.Equal(t, rc.QueryCode, again.QueryCode)
		assert.Equal(t, rc.Missing, again.Missing)
		assert.Equal(t, 1, count(t, look, "requests"))
	})
	t.Run("not committed", func(t *testing.T) {
		s, cutter, look := cutStore(t)
		reg := hallRegistration(t, s)
		reg.Token = NewToken()
		cutter.arm(cutBefore)
		_, err := s.Register(ctx, reg)
		require.EqualValues(t, 1, cutter.cuts.Load(), "the COMMIT was cut")
		require.ErrorIs(t, err, ErrUnreachable, "certainly not saved")
		assert.NotErrorIs(t, err, ErrCommitUnknown)
		assert.Contains(t, Message(err), "信息尚未保存")
		assert.Equal(t, 0, count(t, look, "requests"))

		rc, err := s.Register(ctx, reg)
		require.NoError(t, err, "the retry")
		assert.Equal(t, 1, count(t, look, "requests"))
		assert.Equal(t, reg.Token, rc.Token)
	})
	for _, tc := range []struct {
		name string
		cut  int32
	}{{"unknown, committed", cutAfter}, {"unknown, not committed", cutBefore}} {
		t.Run(tc.name, func(t *testing.T) {
			settleQuickly(t)
			s, cutter, look := cutStore(t)
			reg := hallRegistration(t, s)
			reg.Token = NewToken()
			cutter.arm(tc.cut)
			cutter.refuse.Store(true) // the network stays down: nobody to ask
			_, err := s.Register(ctx, reg)
			require.ErrorIs(t, err, ErrCommitUnknown)
			assert.NotErrorIs(t, err, ErrBusy, "not retried blindly like a busy store")
			assert.Contains(t, Message(err), "无法确认")
			key, _ := MessageKey(err)
			assert.Equal(t, "data.err.commitUnknown", key)

			cutter.refuse.Store(false)
			rc, err := s.Register(ctx, reg)
			require.NoError(t, err, "the retry with the same token")
			assert.Equal(t, 1, count(t, look, "requests"), "one request, whatever the first COMMIT did")
			stored, err := look.TrackByToken(ctx, reg.Token)
			require.NoError(t, err)
			assert.Equal(t, rc.ReceiptNo, stored.ReceiptNo)
		})
	}
}

// TestPGCommitLostServerUnaware: the COMMIT is lost on the way and the
// server does not notice that the store is gone: its transaction would
// wait, holding the write lock, until the server's keepalive found the
// connection dead. The store ends that server process, so the answer is
// certain at once (not saved), and the next registration is not held up
// by the lock.
func TestPGCommitLostServerUnaware(t *testing.T) {
	ctx := context.Background()
	s, cutter, look := cutStore(t)
	reg := hallRegistration(t, s)
	reg.Token = NewToken()
	cutter.arm(cutHold)
	_, err := s.Register(ctx, reg)
	require.EqualValues(t, 1, cutter.cuts.Load(), "the COMMIT was cut")
	require.ErrorIs(t, err, ErrUnreachable, "certainly not saved")
	assert.NotErrorIs(t, err, ErrCommitUnknown)
	assert.Equal(t, 0, count(t, look, "requests"))
	rc, err := s.Register(ctx, reg)
	require.NoError(t, err, "the write lock was let go")
	assert.Equal(t, reg.Token, rc.Token)
	assert.Equal(t, 1, count(t, look, "requests"))
}

// TestPGCommitLostComplaintAndRating: a complaint and a rating whose
// COMMIT was cut and could not be checked are sent again: one complaint
// (the same code) and one rating, and the resident is told they are saved.
func TestPGCommitLostComplaintAndRating(t *testing.T) {
	settleQuickly(t)
	ctx := context.Background()
	s, cutter, look := cutStore(t)
	nc := NewComplaint{Channel: "kiosk", About: AboutOther, Body: "大厅空调坏了，等候时很热", Token: NewToken()}
	cutter.arm(cutAfter)
	cutter.refuse.Store(true)
	_, err := s.FileComplaint(ctx, nc)
	require.ErrorIs(t, err, ErrCommitUnknown)
	cutter.refuse.Store(false)
	rc, err := s.FileComplaint(ctx, nc)
	require.NoError(t, err)
	again, err := s.FileComplaint(ctx, nc)
	require.NoError(t, err)
	assert.True(t, rc.Created.Equal(again.Created))
	again.Created = rc.Created
	assert.Equal(t, rc, again, "the same complaint's receipt")
	assert.Equal(t, 1, count(t, look, "complaints"))
	assert.Equal(t, nc.Token, rc.Token)

	reg, err := s.Register(ctx, hallRegistration(t, s))
	require.NoError(t, err)
	_, err = look.db.Exec(`UPDATE requests SET status = 'finished' WHERE id = ?`, reg.RequestID)
	require.NoError(t, err)
	cutter.arm(cutAfter)
	cutter.refuse.Store(true)
	err = s.Rate(ctx, reg.RequestID, RatingGood, "很快")
	require.ErrorIs(t, err, ErrCommitUnknown)
	cutter.refuse.Store(false)
	require.NoError(t, s.Rate(ctx, reg.RequestID, RatingGood, "很快"), "the same rating again: saved")
	assert.Equal(t, 1, count(t, look, "ratings"))
	var ie *InvalidError
	require.ErrorAs(t, s.Rate(ctx, reg.RequestID, RatingVeryGood, ""), &ie, "another rating is still refused")
}

// TestPGCommitLostStaffAction: a desk's action whose COMMIT was cut is
// reported as it turned out: done when the server committed (the desk is
// told it succeeded, and doing it again would be refused as out of
// step), not done when it did not (and it can be done again).
func TestPGCommitLostStaffAction(t *testing.T) {
	ctx := context.Background()
	s, cutter, look := cutStore(t)
	clerk := loginAs(t, s, "s1")
	one, err := s.Register(ctx, hallRegistration(t, s))
	require.NoError(t, err)
	two, err := s.Register(ctx, hallRegistration(t, s))
	require.NoError(t, err)

	cutter.arm(cutAfter)
	require.NoError(t, s.Accept(ctx, clerk, one.RequestID, "", ""), "committed: done")
	assert.Equal(t, StatusAccepted, statusOf(t, look, one.RequestID))

	cutter.arm(cutBefore)
	err = s.Accept(ctx, clerk, two.RequestID, "", "")
	require.ErrorIs(t, err, ErrUnreachable, "not committed: not done")
	assert.Equal(t, StatusSubmitted, statusOf(t, look, two.RequestID))
	require.NoError(t, s.Accept(ctx, clerk, two.RequestID, "", ""), "and done on the retry")
	require.EqualValues(t, 2, cutter.cuts.Load())
}

// TestPGCommitLostFeed: the store publishes a COMMIT that the server made
// though its answer was lost, as any other, and none that it did not.
func TestPGCommitLostFeed(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, cutter, _ := cutStore(t)
	feed := s.Changes(ctx)
	nextChange(t, feed) // watching
	reg := hallRegistration(t, s)
	cutter.arm(cutBefore)
	_, err := s.Register(ctx, reg)
	require.Error(t, err)
	select {
	case c := <-feed:
		t.Fatalf("a change published for a COMMIT not made: %+v", c)
	default:
	}
	cutter.arm(cutAfter)
	_, err = s.Register(ctx, reg)
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register"}, nextChange(t, feed))
}

// TestRegisterTokenOnce: a registration sent again with its token (a
// kiosk's retry) gives the first one's receipt and stores nothing more,
// on either engine; a token is never taken for someone else's.
func TestRegisterTokenOnce(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	reg := goodRegistration(t, s)
	reg.Token = NewToken()
	first, err := s.Register(ctx, reg)
	require.NoError(t, err)
	assert.Equal(t, reg.Token, first.Token)
	again, err := s.Register(ctx, reg)
	require.NoError(t, err)
	assert.True(t, first.Created.Equal(again.Created))
	again.Created = first.Created
	assert.Equal(t, first, again)
	assert.Equal(t, 1, count(t, s, "requests"))

	other := reg
	other.Name = "李四"
	_, err = s.Register(ctx, other)
	assert.ErrorIs(t, err, ErrConflict, "the token of another's registration")
	other.Token = "not a token"
	_, err = s.Register(ctx, other)
	assert.Error(t, err)
	assert.Equal(t, 1, count(t, s, "requests"))

	nc := NewComplaint{Channel: "kiosk", About: AboutOther, Body: "大厅空调坏了，等候时很热", Token: NewToken()}
	c1, err := s.FileComplaint(ctx, nc)
	require.NoError(t, err)
	c2, err := s.FileComplaint(ctx, nc)
	require.NoError(t, err)
	assert.True(t, c1.Created.Equal(c2.Created))
	c2.Created = c1.Created
	assert.Equal(t, c1, c2)
	assert.Equal(t, 1, count(t, s, "complaints"))
	assert.False(t, errors.Is(err, ErrConflict))
}
