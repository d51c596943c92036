package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/time/rate"
)

// FuzzServeHTTP: whatever the method, path, query and form, the page
// answers without a server error, never shows the applicant's full name,
// mobile or ID number, and never echoes markup it was sent.
func FuzzServeHTTP(f *testing.F) {
	s, rc := fixture(f)
	h := New(s, Limits{Rate: rate.Inf, Burst: 1})
	for _, seed := range [][3]string{
		{"GET", "/r/" + rc.Token, ""},
		{"HEAD", "/r/" + rc.Token, ""},
		{"POST", "/r/" + rc.Token, "level=1&reason=<script>"},
		{"GET", "/c/" + rc.Token, ""},
		{"GET", "/r/" + rc.Token + "/x", ""},
		{"GET", "/r/", ""},
		{"GET", "/", ""},
		{"DELETE", "/r/x", ""},
		{"GET", "/r/<script>alert(1)</script>", ""},
		{"GET", "/r/" + strings.Repeat("a", 5000), ""},
		{"POST", "/c/x", "a=b"},
		{"GET", "/r/%00", ""},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if method == "" || strings.ContainsAny(method, " \r\n\t") {
			method = "GET"
		}
		req := httptest.NewRequest(http.MethodGet, "/", strings.NewReader(body))
		req.Method = method
		req.URL.Path, req.URL.RawQuery = path, ""
		if i := strings.IndexByte(path, '?'); i >= 0 {
			req.URL.Path, req.URL.RawQuery = path[:i], path[i+1:]
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q: %d", method, path, rec.Code)
		}
		out := rec.Body.String()
		for _, secret := range []string{"张小三", "13800138000", "11010519491231002X"} {
			if strings.Contains(out, secret) {
				t.Fatalf("%s %q shows %s", method, path, secret)
			}
		}
		if strings.Contains(out, "<script") {
			t.Fatalf("%s %q echoes markup", method, path)
		}
	})
}
