package tick

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestEveryCallsUntilTheContextEnds checks that f is called again and
// again, and never once Every has returned.
func TestEveryCallsUntilTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	done := make(chan struct{})
	go func() {
		Every(ctx, time.Millisecond, func() {
			if n.Add(1) == 3 {
				cancel()
			}
		})
		close(done)
	}()
	<-done
	assert.Equal(t, int32(3), n.Load(), "called until the context ended, then not again")
}

// TestEveryReturnsAtOnceOnAnEndedContext checks that an ended context
// stops Every before its first call.
func TestEveryReturnsAtOnceOnAnEndedContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	Every(ctx, time.Millisecond, func() { called = true })
	assert.False(t, called)
}
