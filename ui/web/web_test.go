package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// fixture is a real store with one item and one registered request.
func fixture(t testing.TB) (*data.Store, data.Receipt) {
	t.Helper()
	s := datatest.Open(t, nil)
	return s, registerSample(t, s)
}

// registerSample puts one item in s and registers a request for it.
func registerSample(t testing.TB, s *data.Store) data.Receipt {
	t.Helper()
	ctx := context.Background()
	c := data.Catalog{
		Format:  data.CatalogFormat,
		Center:  data.Center{Name: "示例社区便民服务室", ReceiptPrefix: "WY", Phone: "0919-0000001", ComplaintPhone: "0919-0000002"},
		Windows: []data.Window{{Code: "1", Name: "综合受理窗口"}},
		Staff: []data.Staff{{Code: "ZJH", Name: "张建华", Post: "主任", Duties: "受理、办结", Window: "1",
			Role: data.RoleAdmin, Active: true}},
		Items: []data.Item{{Code: "JZZM", Name: "居住证明", Category: "户籍与证明", Basis: "示例", Conditions: "本社区居民",
			Procedure: []string{"申请", "出具"}, Fee: "不收费", Trips: 1, Mode: data.ModeDirect,
			Materials: []data.Material{{Name: "居民身份证", Required: true, Form: data.FormOriginal, Copies: 1}}}},
	}
	_, err := s.PutCatalog(ctx, &c)
	require.NoError(t, err)
	it, err := s.SearchItems(ctx, "居住证明")
	require.NoError(t, err)
	require.Len(t, it, 1)
	rc, err := s.Register(ctx, data.Registration{ItemID: it[0].ID, Channel: data.ChannelKiosk, Name: "张小三",
		Phone: "13800138000", IDNumber: "11010519491231002X", Consent: true})
	require.NoError(t, err)
	return rc
}

// desk signs the center's administrator in at the staff desk (their first
// sign-in: call it once per store).
func desk(t testing.TB, s *data.Store) data.Session {
	t.Helper()
	return datatest.SetPINs(t, s, datatest.StaffIDs(t, s), "张建华")
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func TestStatusPage(t *testing.T) {
	s, rc := fixture(t)
	srv := httptest.NewServer(New(s, DefaultLimits))
	defer srv.Close()

	t.Run("OK", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/r/"+rc.Token)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, body, "居住证明")
		assert.Contains(t, body, rc.ReceiptNo)
		assert.Contains(t, body, "张*三")
		assert.Contains(t, body, "已登记，等待受理")
		assert.Contains(t, body, "登记申请")
		assert.NotContains(t, body, "张小三", "no full name")
		assert.NotContains(t, body, "13800138000", "no phone")
		assert.NotContains(t, body, "002X", "no ID number at all")
		assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "default-src 'none'")
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
		assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
		assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"))
	})
	t.Run("ErrWrongToken", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/r/"+data.NewToken())
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
		assert.NotContains(t, body, "居住证明")
		assert.NotContains(t, body, "WY-")
	})
	t.Run("ErrJunkToken", func(t *testing.T) {
		resp, _ := get(t, srv.URL+"/r/'%20OR%201=1")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
	t.Run("ErrNoListing", func(t *testing.T) {
		for _, p := range []string{"/", "/r/", "/templates/", "/r/" + rc.Token + "/x"} {
			resp, _ := get(t, srv.URL+p)
			assert.Equal(t, http.StatusNotFound, resp.StatusCode, p)
		}
	})
	t.Run("ErrNotWritable", func(t *testing.T) {
		for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch} {
			req, err := http.NewRequest(m, srv.URL+"/r/"+rc.Token, strings.NewReader("x"))
			require.NoError(t, err)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, m)
		}
	})
}

func TestComplaintPage(t *testing.T) {
	s, _ := fixture(t)
	rc, err := s.FileComplaint(context.Background(), data.NewComplaint{Channel: "kiosk", About: data.AboutOther,
		Body: "等候区座位太少了", ContactName: "李四", ContactPhone: "13900139000"})
	require.NoError(t, err)
	srv := httptest.NewServer(New(s, DefaultLimits))
	defer srv.Close()

	resp, body := get(t, srv.URL+"/c/"+rc.Token)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, body, rc.Code)
	assert.Contains(t, body, "已收到，等待处理")
	assert.NotContains(t, body, "李四", "no complainant identity")
	assert.NotContains(t, body, "13900139000")
	assert.NotContains(t, body, "座位太少", "the complaint text stays private")

	resp, _ = get(t, srv.URL+"/c/"+data.NewToken())
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = get(t, srv.URL+"/x/"+rc.Token)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestStatusPageRateLimit(t *testing.T) {
	s, rc := fixture(t)
	h := New(s, Limits{Rate: 1, Burst: 5})
	frozen := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	h.now = func() time.Time { return frozen }
	srv := httptest.NewServer(h)
	defer srv.Close()

	codes := map[int]int{}
	for range 20 {
		resp, _ := get(t, srv.URL+"/r/"+data.NewToken())
		codes[resp.StatusCode]++
	}
	assert.Equal(t, 5, codes[http.StatusNotFound], "the burst is answered")
	assert.Equal(t, 15, codes[http.StatusTooManyRequests], "then the client is slowed down")

	resp, body := get(t, srv.URL+"/r/"+rc.Token)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode, "even a right token waits")
	assert.NotEmpty(t, resp.Header.Get("Retry-After"))
	assert.Contains(t, body, "查询过于频繁")

	frozen = frozen.Add(2 * time.Second)
	resp, _ = get(t, srv.URL+"/r/"+rc.Token)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "and may come back later")
}

func TestTemplatesEscape(t *testing.T) {
	var buf bytes.Buffer
	h := New(nil, DefaultLimits)
	require.NoError(t, h.tmpl.ExecuteTemplate(&buf, "status.html", &statusView{Tracking: &data.Tracking{
		ItemName: "<script>alert(1)</script>", Status: data.StatusFinished}, Levels: rateLevels,
		Reason: "</textarea><script>alert(2)</script>"}))
	assert.NotContains(t, buf.String(), "<script>alert")
}
