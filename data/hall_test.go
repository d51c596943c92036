package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/internal/testdb"
)

// A hall: several terminals, each a store of its own, on one
// database: a SQLite file (several stores, as several processes on one
// PC's file) or a PostgreSQL schema (BIANMIN_TEST_PG).

// hallEngines runs fn on a fresh database of each engine there is.
func hallEngines(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, testdb.SQLiteFile(t)) })
	t.Run("postgres", func(t *testing.T) {
		needPG(t)
		fn(t, testDSN(t))
	})
}

// seedAt imports the test catalog into s.
func seedAt(t testing.TB, s *Store) {
	t.Helper()
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(b), testFiles)
	require.NoError(t, err)
}

// hallDesks signs in three clerks: 王芳 and 李强 of the catalog, and 赵六
// of window 2, added here.
func hallDesks(t *testing.T, s *Store) []Session {
	admin := loginAs(t, s, "s1")
	_, err := s.db.Exec(`INSERT INTO staff (code, name, post, window_id, ab) VALUES ('s3', '赵六', '民政专干', ?, 'A')`,
		windowID(t, s, "2"))
	require.NoError(t, err)
	return []Session{admin, loginAs(t, s, "s2"), loginAs(t, s, "s3")}
}

func hallRegistration(t testing.TB, s *Store) Registration {
	return Registration{ItemID: itemIDOf(t, s, "JZZ"), Channel: ChannelKiosk, Name: "张小三", Phone: "13800138000",
		IDNumber: validID, Consent: true, Fields: map[string]string{"months": "8"}}
}

// TestHallTakeUpRace: two clerks at two desks take up the same request at
// the same moment: exactly one wins, the other is told, in words, who has
// it; the winner is its first owner.
func TestHallTakeUpRace(t *testing.T) {
	hallEngines(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		first := openAt(t, dsn)
		seedAt(t, first)
		clerks := hallDesks(t, first)
		desks := []*Store{openAt(t, dsn), openAt(t, dsn)}
		for round := range 5 {
			rc, err := first.Register(ctx, hallRegistration(t, first))
			require.NoError(t, err)
			a, b := clerks[round%3], clerks[(round+1)%3]
			var errs [2]error
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, by := range []Session{a, b} {
				wg.Go(func() {
					<-start
					errs[i] = desks[i].Accept(ctx, by, rc.RequestID, "", "")
				})
			}
			close(start)
			wg.Wait()
			require.True(t, (errs[0] == nil) != (errs[1] == nil), "exactly one wins: %v", errs)
			winner, lost := a, errs[1]
			if errs[0] != nil {
				winner, lost = b, errs[0]
			}
			assert.ErrorIs(t, lost, ErrConflict)
			assert.Contains(t, Message(lost), "现由")
			assert.Contains(t, Message(lost), winner.Name, "the loser is told who has it")
			assert.Equal(t, winner.StaffID, column[int64](t, first, rc.RequestID, "first_owner_id"))
			assert.Equal(t, winner.StaffID, column[int64](t, first, rc.RequestID, "owner_id"))
		}
		// The winner trying again is told it is theirs already.
		rc, err := first.Register(ctx, hallRegistration(t, first))
		require.NoError(t, err)
		require.NoError(t, desks[0].Accept(ctx, clerks[0], rc.RequestID, "", ""))
		err = desks[1].Accept(ctx, clerks[0], rc.RequestID, "", "")
		assert.ErrorIs(t, err, ErrConflict)
		assert.Contains(t, Message(err), "您已受理")
	})
}

// TestHallTerminals: two kiosks register and three desks take requests up
// and hand every second one over to the next desk, all at once for two
// seconds. No receipt number is issued twice, no registration is lost, no
// request is accepted twice, a desk that lost a race is told who has the
// request, 首问 stays with the desk that took it up, and the owner is the
// desk it was handed to. Every desk's change feed hears the others.
func TestHallTerminals(t *testing.T) {
	hallEngines(t, func(t *testing.T, dsn string) {
		kiosks := []*Store{openAt(t, dsn), openAt(t, dsn)}
		hallRun(t, dsn, func(reg Registration, deadline time.Time, wg *sync.WaitGroup, record func(string),
			fail func(string, ...any)) {
			for _, k := range kiosks {
				wg.Go(func() {
					for time.Now().Before(deadline) {
						rc, err := k.Register(context.Background(), reg)
						if err != nil {
							fail("register: %v", err)
							return
						}
						record(rc.ReceiptNo)
						// The next resident: a kiosk registers a few a
						// minute, not back to back (on SQLite a kiosk in
						// a tight loop would hold the desks off the lock).
						time.Sleep(10 * time.Millisecond)
					}
				})
			}
		})
	})
}

// hallKiosks starts the kiosks of a hall test, registering reg until
// deadline: each registration's receipt number goes to record, a failure
// to fail; wg waits for them.
type hallKiosks func(reg Registration, deadline time.Time, wg *sync.WaitGroup, record func(string),
	fail func(string, ...any))

// hallRun is a hall on dsn for two seconds: the kiosks, and three desks
// taking up what is waiting, every second one handed over to the next
// desk; then what the issue asks of it is checked.
func hallRun(t *testing.T, dsn string, kiosks hallKiosks) {
	ctx := context.Background()
	first := openAt(t, dsn)
	seedAt(t, first)
	clerks := hallDesks(t, first)
	names := map[int64]string{}
	for _, c := range clerks {
		names[c.StaffID] = c.Name
	}
	desks := []*Store{openAt(t, dsn), openAt(t, dsn), openAt(t, dsn)}
	reg := hallRegistration(t, first)

	// Each desk listens to the store, as its queue does.
	feedCtx, stopFeeds := context.WithCancel(ctx)
	defer stopFeeds()
	heard := make([]int, len(desks))
	var feeds sync.WaitGroup
	for i, d := range desks {
		ch := d.Changes(feedCtx)
		feeds.Go(func() {
			for c := range ch {
				if c.Op == "register" || c.Remote {
					heard[i]++
				}
			}
		})
	}

	var (
		mu       sync.Mutex
		receipts = map[string]bool{}
		dup      []string
		won      = map[int64]int64{} // request → who took it up
		handed   = map[int64]int64{} // request → who it was handed to
		lost     []string            // "id|message"
		failures []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		failures = append(failures, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	deadline := time.Now().Add(2 * time.Second)
	var wg sync.WaitGroup
	kiosks(reg, deadline, &wg, func(no string) {
		mu.Lock()
		if receipts[no] {
			dup = append(dup, no)
		}
		receipts[no] = true
		mu.Unlock()
	}, fail)
	for i, d := range desks {
		me, next := clerks[i], clerks[(i+1)%len(clerks)]
		wg.Go(func() {
			wins := 0
			for time.Now().Before(deadline) {
				var id int64
				err := d.db.QueryRowContext(ctx, `SELECT id FROM requests WHERE status = ? ORDER BY id LIMIT 1`,
					StatusSubmitted).Scan(&id)
				if err != nil { // none waiting
					time.Sleep(2 * time.Millisecond)
					continue
				}
				err = d.Accept(ctx, me, id, "", "")
				if err != nil {
					if !errors.Is(err, ErrConflict) {
						fail("accept: %v", err)
						return
					}
					mu.Lock()
					lost = append(lost, fmt.Sprint(id, "|", Message(err)))
					mu.Unlock()
					continue
				}
				mu.Lock()
				won[id] = me.StaffID
				mu.Unlock()
				if wins++; wins%2 == 0 {
					if err := d.HandOver(ctx, me, id, next.StaffID, 0, "窗口调整，请跟进"); err != nil {
						fail("hand over: %v", err)
						return
					}
					mu.Lock()
					handed[id] = next.StaffID
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	require.Empty(t, failures)
	assert.Empty(t, dup, "receipt numbers issued twice")
	assert.NotEmpty(t, receipts)
	assert.Equal(t, len(receipts), count(t, first, "requests"), "every registration is there")
	require.NotEmpty(t, won)
	require.NotEmpty(t, handed)
	t.Logf("%d registrations, %d taken up, %d handed over, %d races lost", len(receipts), len(won), len(handed), len(lost))

	var twice int
	require.NoError(t, first.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT request_id FROM request_events
		WHERE kind = ? GROUP BY request_id HAVING count(*) > 1) x`, EventAccepted).Scan(&twice))
	assert.Zero(t, twice, "requests accepted twice")
	var accepted int
	require.NoError(t, first.db.QueryRowContext(ctx, `SELECT count(*) FROM requests WHERE accepted_at <> ''`).
		Scan(&accepted))
	assert.Equal(t, len(won), accepted, "every acceptance is the one a desk was told of")
	for id, by := range won {
		assert.Equal(t, by, column[int64](t, first, id, "first_owner_id"), "首问 of %d", id)
		owner := by
		if to, ok := handed[id]; ok {
			owner = to
		}
		assert.Equal(t, owner, column[int64](t, first, id, "owner_id"), "owner of %d", id)
	}
	for _, l := range lost {
		id, msg, _ := strings.Cut(l, "|")
		var n int64
		fmt.Sscan(id, &n)
		owner := names[won[n]]
		if to, ok := handed[n]; ok {
			owner += "|" + names[to]
		}
		told := strings.Contains(msg, "您已受理")
		for _, name := range strings.Split(owner, "|") {
			told = told || strings.Contains(msg, "现由") && strings.Contains(msg, name)
		}
		assert.True(t, told, "request %s: %q does not say who has it (%s)", id, msg, owner)
	}
	stopFeeds()
	feeds.Wait()
	for i, n := range heard {
		assert.Positive(t, n, "desk %d heard the kiosks", i)
	}
}

// TestPGWriterWaitsThenBusy: a terminal whose write waits on another's
// (the store's write lock) longer than 5 s is told busy, as on SQLite
// (busy_timeout), and nothing of it is written.
func TestPGWriterWaitsThenBusy(t *testing.T) {
	needPG(t)
	ctx := context.Background()
	kiosk := seededAt(t)
	other := openAt(t, kiosk.Path())
	tx, err := other.db.BeginTx(ctx, nil) // holds the write lock
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = kiosk.Register(ctx, goodRegistration(t, kiosk))
	assert.ErrorIs(t, err, ErrBusy)
	assert.NotErrorIs(t, err, ErrUnreachable)
	assert.Equal(t, "系统正忙，您的信息尚未保存，请稍后点击“重试”。", Message(err))
	require.NoError(t, tx.Rollback())
	assert.Zero(t, count(t, kiosk, "requests"))
}
