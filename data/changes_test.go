package data

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// changeWait bounds every wait for a Change in these tests: generous, so
// that a loaded machine never fails them; a working feed answers within a
// poll interval.
const changeWait = 20 * time.Second

// nextChange waits for the next Change on ch.
func nextChange(t testing.TB, ch <-chan Change) Change {
	t.Helper()
	select {
	case c, ok := <-ch:
		require.True(t, ok, "the change feed was closed")
		return c
	case <-time.After(changeWait):
		t.Fatalf("no change within %v", changeWait)
		return Change{}
	}
}

// openSecond opens a second store ("another terminal") on s's data file.
func openSecond(t testing.TB, s *Store, opts ...Option) *Store {
	t.Helper()
	opts = append([]Option{WithClock(func() time.Time { return fixedNow }), cheapPINs}, opts...)
	other, err := Open(context.Background(), s.Path(), opts...)
	require.NoError(t, err)
	t.Cleanup(func() { other.Close() })
	return other
}

func TestChangesInProcess(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := seeded(t)
	s.feed.source = quietSource{} // only the in-process fan-out speaks
	ch := s.Changes(ctx)
	assert.Equal(t, Change{Remote: true}, nextChange(t, ch), "watching: re-read")

	_, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	assert.Equal(t, Change{Op: "register"}, nextChange(t, ch))

	// A failed write commits nothing and says nothing.
	bad := goodRegistration(t, s)
	bad.Name = ""
	_, err = s.Register(ctx, bad)
	require.Error(t, err)
	select {
	case c := <-ch:
		t.Fatalf("a failed registration fired %+v", c)
	default:
	}

	// A burst waits as one Change.
	for range 3 {
		_, err = s.Register(ctx, goodRegistration(t, s))
		require.NoError(t, err)
	}
	nextChange(t, ch)
	select {
	case c := <-ch:
		t.Fatalf("a burst fired more than one waiting change: %+v", c)
	default:
	}

	cancel()
	for range ch { // closed when the context ends
	}
}

// TestChangesAcrossStores is two terminals on one data file: what one
// registers fires the other's feed, through the data_version poll.
func TestChangesAcrossStores(t *testing.T) {
	ctx := context.Background()
	kiosk := seeded(t)
	desk := openSecond(t, kiosk, WithChangePoll(50*time.Millisecond))
	ch := desk.Changes(ctx)
	assert.Equal(t, Change{Remote: true}, nextChange(t, ch), "watching")

	rc, err := kiosk.Register(ctx, goodRegistration(t, kiosk))
	require.NoError(t, err)
	remote := Change{Remote: true}
	if kiosk.Engine() == Postgres {
		remote.Op = "register" // the notification says what committed; SQLite's poll cannot
	}
	assert.Equal(t, remote, nextChange(t, ch))
	// What the event says is there, is there.
	tr, err := desk.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Equal(t, rc.ReceiptNo, tr.ReceiptNo)

}

// quietSource watches nothing: it says it is watching, then waits for
// the end (a store whose feed is only its own commits).
type quietSource struct{}

func (quietSource) Watch(ctx context.Context, notify func(Change)) error {
	notify(Change{Remote: true})
	<-ctx.Done()
	return ctx.Err()
}

func TestChangesEndWithTheStore(t *testing.T) {
	s := mustOpen(t)
	ch := s.Changes(context.Background())
	nextChange(t, ch)
	require.NoError(t, s.Close())
	_, ok := <-ch
	assert.False(t, ok, "closed with the store")
	_, ok = <-s.Changes(context.Background())
	assert.False(t, ok, "a closed store's feed is closed at once")
}

// BenchmarkChangeLatency measures the time from a registration's commit
// on one store to the Change on another store on the same data file (two
// terminals), at the default poll interval: each registration waits a
// random part of the interval first, as a kiosk's would. "local" is the
// same on one store (the in-process fan-out). Run with -benchtime=1x:
// each iteration is 40 registrations, ~10 s.
func BenchmarkChangeLatency(b *testing.B) {
	for _, other := range []bool{true, false} {
		name := "local"
		if other {
			name = "otherStore"
		}
		b.Run(name, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			kiosk := seeded(b)
			desk := kiosk
			if other {
				desk = openSecond(b, kiosk)
			} else {
				kiosk.feed.source = quietSource{}
			}
			ch := desk.Changes(ctx)
			nextChange(b, ch)
			reg := goodRegistration(b, kiosk)
			const rounds = 40
			var lat []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for range rounds {
					if other {
						time.Sleep(rand.N(DefaultChangePoll))
					}
					if _, err := kiosk.Register(ctx, reg); err != nil {
						b.Fatal(err)
					}
					t0 := time.Now()
					nextChange(b, ch)
					lat = append(lat, time.Since(t0))
				}
			}
			b.StopTimer()
			b.ReportMetric(percentileMS(lat, 50), "p50-ms")
			b.ReportMetric(percentileMS(lat, 99), "p99-ms")
			if other {
				b.ReportMetric(float64(DefaultChangePoll.Milliseconds()), "poll-ms")
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}
