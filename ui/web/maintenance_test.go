package web

import (
	"bianmin/data/datatest"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// While the kiosk is in maintenance, and when the program could not open
// its data file at all (no store), a phone that scans a receipt reads the
// same calm 系统维护中 (503 with Retry-After) as the kiosk, never an error.
func TestMaintenancePage(t *testing.T) {
	s, rc := fixture(t)
	h := New(s, DefaultLimits)
	var down atomic.Bool
	h.SetMaintenance(down.Load, "0919-0000001")
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, _ := get(t, srv.URL+"/r/"+rc.Token)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	down.Store(true)
	for _, path := range []string{"/r/" + rc.Token, "/c/whatever"} {
		resp, body := get(t, srv.URL+path)
		assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, path)
		assert.Equal(t, "600", resp.Header.Get("Retry-After"))
		assert.Contains(t, body, "系统维护中")
		assert.Contains(t, body, "都已妥善保存")
		assert.Contains(t, body, "0919-0000001")
		assert.Contains(t, body, "Under maintenance")
	}
	resp, _ = get(t, srv.URL+"/nothing/here/at/all")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "what is not a lookup stays 404")

	nostore := httptest.NewServer(New(nil, DefaultLimits))
	defer nostore.Close()
	resp, body := get(t, nostore.URL+"/r/"+rc.Token)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Contains(t, body, "系统维护中")
	assert.NotContains(t, body, "拨打", "no phone known")
}

// A lookup that meets a damaged data file (the requests table's root page
// overwritten) answers 系统维护中, not the error page. (About a SQLite
// data file, so on SQLite whichever engine the suite runs on.)
func TestDamagedFileAnswersMaintenance(t *testing.T) {
	datatest.UseSQLite(t)
	s, rc := fixture(t)
	datatest.DamageTable(t, s, "requests")

	srv := httptest.NewServer(New(s, DefaultLimits))
	defer srv.Close()
	resp, body := get(t, srv.URL+"/r/"+rc.Token)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Contains(t, body, "系统维护中")
}
