package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProxyClient(t *testing.T) {
	nets, err := ParseProxies("127.0.0.1, 10.0.0.0/8,::1")
	require.NoError(t, err)
	s := New(nil, DefaultLimits)
	req := func(peer string, xff ...string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/r/x", nil)
		r.RemoteAddr = peer
		for _, v := range xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		return r
	}
	// Without SetProxy (the kiosk) the header is never trusted.
	assert.Equal(t, "127.0.0.1", s.client(req("127.0.0.1:5000", "203.0.113.7")))

	s.SetProxy(Proxy{Trusted: nets})
	tests := map[string]struct {
		r    *http.Request
		want string
	}{
		"FromProxy":          {req("127.0.0.1:5000", "203.0.113.7"), "203.0.113.7"},
		"LastUntrustedHop":   {req("127.0.0.1:5000", "198.51.100.1, 203.0.113.7, 10.1.2.3"), "203.0.113.7"},
		"SeveralHeaders":     {req("127.0.0.1:5000", "198.51.100.1", "203.0.113.9"), "203.0.113.9"},
		"ForgedFromOutside":  {req("203.0.113.50:5000", "198.51.100.1"), "203.0.113.50"},
		"NoHeader":           {req("127.0.0.1:5000"), "127.0.0.1"},
		"Malformed":          {req("127.0.0.1:5000", "bogus"), "127.0.0.1"},
		"IPv6Proxy":          {req("[::1]:5000", "2001:db8::5"), "2001:db8::5"},
		"OnlyProxiesInChain": {req("127.0.0.1:5000", "10.0.0.9"), "127.0.0.1"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { assert.Equal(t, tc.want, s.client(tc.r)) })
	}

	_, err = ParseProxies("10.0.0.0/33")
	assert.Error(t, err)
	_, err = ParseProxies("proxy.local")
	assert.Error(t, err)
}

// Behind a proxy, phones are limited one by one, not all together as the
// proxy's address.
func TestProxyRateLimitPerPhone(t *testing.T) {
	nets, err := ParseProxies("127.0.0.1")
	require.NoError(t, err)
	s := New(nil, Limits{Rate: 0.001, Burst: 2})
	s.SetProxy(Proxy{Trusted: nets})
	code := func(phone string) int {
		r := httptest.NewRequest(http.MethodGet, "/r/x", nil)
		r.RemoteAddr = "127.0.0.1:4000"
		r.Header.Set("X-Forwarded-For", phone)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w.Code
	}
	assert.Equal(t, http.StatusServiceUnavailable, code("203.0.113.1")) // no store: 系统维护中
	assert.Equal(t, http.StatusServiceUnavailable, code("203.0.113.1"))
	assert.Equal(t, http.StatusTooManyRequests, code("203.0.113.1"), "this phone's burst is used up")
	assert.Equal(t, http.StatusServiceUnavailable, code("203.0.113.2"), "another phone is not")
}

func TestProxyOwnForm(t *testing.T) {
	s := New(nil, DefaultLimits)
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8081/r/x", nil)
	r.Header.Set("Origin", "https://bm.example.org")
	assert.False(t, s.ownForm(r), "another origin")
	s.SetProxy(Proxy{PublicHost: "bm.example.org"})
	assert.True(t, s.ownForm(r), "the public host behind the proxy")
	r.Header.Set("Origin", "https://evil.example.com")
	assert.False(t, s.ownForm(r))
}
