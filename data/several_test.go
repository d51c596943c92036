package data

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Several stores on one database (several terminals: kiosks and desks, or
// on SQLite several processes on one file) registering at once: every
// registration gets its own receipt number, none is lost, and the day's
// counter ends at the number of registrations.
func TestSeveralStoresRegisterAtOnce(t *testing.T) {
	ctx := context.Background()
	first := seeded(t)
	stores := []*Store{first}
	for range 2 {
		s, err := Open(ctx, first.Path(), WithClock(first.now), cheapPINs)
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	reg := goodRegistration(t, first)
	const each = 12
	var (
		mu       sync.Mutex
		receipts = map[string]bool{}
		wg       sync.WaitGroup
	)
	for _, s := range stores {
		wg.Go(func() {
			for range each {
				rc, err := s.Register(ctx, reg)
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				assert.False(t, receipts[rc.ReceiptNo], "receipt %s issued twice", rc.ReceiptNo)
				receipts[rc.ReceiptNo] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, receipts, len(stores)*each)
	assert.Equal(t, len(stores)*each, count(t, first, "requests"))
	var seq int
	require.NoError(t, first.db.QueryRowContext(ctx, `SELECT max(seq) FROM receipt_counters`).Scan(&seq))
	assert.Equal(t, len(stores)*each, seq)
}
