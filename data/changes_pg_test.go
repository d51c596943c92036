package data

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/internal/testdb"
)

// needPG makes a test that is about PostgreSQL run on it, whichever
// engine the rest of the suite runs on (testdb.UsePostgres).
func needPG(t testing.TB) {
	t.Helper()
	testdb.UsePostgres(t)
}

// openAt opens a store at dsn with the tests' clock and PIN costs.
func openAt(t testing.TB, dsn string, opts ...Option) *Store {
	t.Helper()
	opts = append([]Option{WithClock(func() time.Time { return fixedNow }), cheapPINs}, opts...)
	s, err := Open(context.Background(), dsn, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// seededAt is seeded on a fresh store of testDSN: a SQLite file, or a
// schema of its own on BIANMIN_TEST_PG.
func seededAt(t testing.TB, opts ...Option) *Store {
	t.Helper()
	s := openAt(t, testDSN(t), opts...)
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	return s
}

// changeOp waits for a Change with op (skipping the re-reads and the
// others' changes before it).
func changeOp(t testing.TB, ch <-chan Change, op string) Change {
	t.Helper()
	deadline := time.After(changeWait)
	for {
		select {
		case c, ok := <-ch:
			require.True(t, ok, "the change feed was closed")
			if c.Op == op {
				return c
			}
		case <-deadline:
			t.Fatalf("no %q change within %v", op, changeWait)
			return Change{}
		}
	}
}

// TestPGChangesAcrossStores is two terminals on one PostgreSQL schema:
// what one registers fires the other's feed through LISTEN/NOTIFY, with
// the op; another schema has a channel of its own.
func TestPGChangesAcrossStores(t *testing.T) {
	needPG(t)
	ctx := context.Background()
	kiosk := seededAt(t)
	desk := openAt(t, kiosk.Path())
	ch := desk.Changes(ctx)
	assert.Equal(t, Change{Remote: true}, nextChange(t, ch), "watching")

	rc, err := kiosk.Register(ctx, goodRegistration(t, kiosk))
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register", Remote: true}, changeOp(t, ch, "register"))
	tr, err := desk.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Equal(t, rc.ReceiptNo, tr.ReceiptNo)

	// A failed write notifies nothing: the next change the desk hears is
	// the kiosk's next registration, not the refused one.
	bad := goodRegistration(t, kiosk)
	bad.Name = ""
	_, err = kiosk.Register(ctx, bad)
	require.Error(t, err)
	_, err = kiosk.Register(ctx, goodRegistration(t, kiosk))
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register", Remote: true}, nextChange(t, ch))

	// Parallel schemas (another hall, another test) do not share a channel.
	other := openAt(t, testDSN(t))
	var mine, theirs string
	require.NoError(t, kiosk.db.QueryRowContext(ctx, `SELECT `+pgChannelSQL).Scan(&mine))
	require.NoError(t, other.db.QueryRowContext(ctx, `SELECT `+pgChannelSQL).Scan(&theirs))
	assert.NotEqual(t, mine, theirs)
}

// TestPGChangesOwnCommitOnce: a terminal's own registration reaches its
// own feed once, from the process (not Remote), and not again when the
// server's notification of it comes back.
func TestPGChangesOwnCommitOnce(t *testing.T) {
	needPG(t)
	ctx := context.Background()
	s := seededAt(t)
	ch := s.Changes(ctx)
	assert.Equal(t, Change{Remote: true}, nextChange(t, ch), "watching")
	_, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register"}, nextChange(t, ch))
	// Another terminal's commit after it is the next thing heard: the
	// server's echo of the first was passed over.
	other := openAt(t, s.Path())
	_, err = other.Register(ctx, goodRegistration(t, other))
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register", Remote: true}, nextChange(t, ch))
}

// TestPGChangesListenerReconnects: the listener's connection is killed
// (a server restart, a network cut); the feed listens again after the poll
// interval, says so (everyone re-reads), and goes on hearing commits.
func TestPGChangesListenerReconnects(t *testing.T) {
	needPG(t)
	ctx := context.Background()
	kiosk := seededAt(t)
	desk := openAt(t, kiosk.Path(), WithChangePoll(50*time.Millisecond))
	ch := desk.Changes(ctx)
	nextChange(t, ch)
	var channel string
	require.NoError(t, kiosk.db.QueryRowContext(ctx, `SELECT `+pgChannelSQL).Scan(&channel))
	var killed int
	require.NoError(t, kiosk.db.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = ?`, channel).Scan(&killed))
	require.Equal(t, 1, killed, "one listener of the channel")
	assert.Equal(t, Change{Remote: true}, nextChange(t, ch), "listening again: re-read")
	_, err := kiosk.Register(ctx, goodRegistration(t, kiosk))
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register", Remote: true}, changeOp(t, ch, "register"))
}

// BenchmarkChangeLatencyPG measures the time from a registration's commit
// on one store to the Change on another store on the same PostgreSQL
// schema (LISTEN/NOTIFY; compare BenchmarkChangeLatency/otherStore, the
// SQLite poll). Run with -benchtime=1x: each iteration is 40
// registrations.
func BenchmarkChangeLatencyPG(b *testing.B) {
	needPG(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	kiosk := seededAt(b)
	desk := openAt(b, kiosk.Path())
	ch := desk.Changes(ctx)
	nextChange(b, ch)
	reg := goodRegistration(b, kiosk)
	const rounds = 40
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for range rounds {
			if _, err := kiosk.Register(ctx, reg); err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			changeOp(b, ch, "register")
			lat = append(lat, time.Since(t0))
		}
	}
	b.StopTimer()
	b.ReportMetric(percentileMS(lat, 50), "p50-ms")
	b.ReportMetric(percentileMS(lat, 99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}
