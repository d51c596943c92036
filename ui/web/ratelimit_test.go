package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A flood of addresses keeps the rate-limit table at MaxClients (it once
// grew without bound and was scanned on every request); the clients
// seen most recently are kept, so a flood cannot reset a busy client's
// limit by pushing it out while it is active.
func TestRateLimitTableIsBounded(t *testing.T) {
	h := New(nil, Limits{Rate: 1, Burst: 2})
	frozen := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	h.now = func() time.Time { return frozen }
	assert.True(t, h.allow("192.0.2.1"))
	assert.True(t, h.allow("192.0.2.1"))
	assert.False(t, h.allow("192.0.2.1"), "burst used up")
	for i := range 60000 {
		h.allow(fmt.Sprintf("10.%d.%d.%d", i>>16, (i>>8)&255, i&255))
		if i%1000 == 0 {
			assert.False(t, h.allow("192.0.2.1"), "a client seen recently stays limited")
		}
		assert.LessOrEqual(t, h.clientCount(), MaxClients)
	}
	assert.Equal(t, MaxClients, h.clientCount())
	// The oldest of the flood was forgotten first.
	h.mu.Lock()
	_, first := h.clients["10.0.0.0"]
	_, last := h.clients["10.0.234.95"]
	h.mu.Unlock()
	assert.False(t, first)
	assert.True(t, last)
}

// IPv6 clients are grouped by /64: a phone rotating its privacy addresses
// is one client.
func TestRateLimitGroupsIPv6By64(t *testing.T) {
	h := New(nil, Limits{Rate: 1, Burst: 3})
	frozen := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	h.now = func() time.Time { return frozen }
	for i := range 3 {
		assert.True(t, h.allow(fmt.Sprintf("2001:db8:1:2::%x", i+1)))
	}
	assert.False(t, h.allow("2001:db8:1:2:ffff:ffff:ffff:ffff"), "same /64, same limit")
	assert.True(t, h.allow("2001:db8:1:3::1"), "another /64 is another client")
	assert.Equal(t, 2, h.clientCount())

	// Through the handler, with the peer address as the client.
	req := httptest.NewRequest(http.MethodGet, "/r/x", nil)
	req.RemoteAddr = "[2001:db8:1:2::99]:5555"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
}
