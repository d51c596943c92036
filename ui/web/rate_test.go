package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// finish accepts the request and finishes it at the staff desk.
func finish(t *testing.T, s *data.Store, id int64) {
	t.Helper()
	ctx := context.Background()
	by := desk(t, s)
	require.NoError(t, s.Accept(ctx, by, id, data.ModePromise, ""))
	require.NoError(t, s.Finish(ctx, by, id, "已出具证明", data.ReplyInPerson))
}

// post sends the rating form as a phone's browser would.
func post(t *testing.T, client *http.Client, u string, form url.Values, origin string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var b strings.Builder
	_, err = io.Copy(&b, resp.Body)
	require.NoError(t, err)
	return resp, b.String()
}

// TestRateOnThePhonePage: the finish notice's QR opens the status page; a
// finished request not yet rated offers the five levels there, the rating
// is recorded once by data's rules, and the page never invites a rating and
// says 您已评价 at the same time.
func TestRateOnThePhonePage(t *testing.T) {
	s, rc := fixture(t)
	srv := httptest.NewServer(New(s, Limits{Rate: 100, Burst: 100}))
	defer srv.Close()
	page := srv.URL + "/r/" + rc.Token
	client := srv.Client()
	client.CheckRedirect = nil // follow the redirect after a rating, as a browser does

	t.Run("NotFinishedNoForm", func(t *testing.T) {
		_, body := get(t, page)
		assert.NotContains(t, body, `<form`)
		assert.NotContains(t, body, "评价")
		resp, body := post(t, client, page, url.Values{"level": {"5"}}, srv.URL)
		assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		assert.Contains(t, body, "该事项尚未办结")
	})

	finish(t, s, rc.RequestID)
	t.Run("FinishedOffersForm", func(t *testing.T) {
		resp, body := get(t, page)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, body, `<form class="card" method="post" id="rate">`)
		for _, l := range []string{"非常满意", "满意", "基本满意", "不满意", "非常不满意"} {
			assert.Contains(t, body, "> "+l+"</label>")
		}
		assert.Contains(t, body, "欢迎您对本次服务进行评价")
		assert.NotContains(t, body, "您已评价")
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "form-action 'self'")
	})
	t.Run("ErrOtherOrigin", func(t *testing.T) {
		resp, _ := post(t, client, page, url.Values{"level": {"5"}}, "http://evil.example")
		assert.Equal(t, http.StatusForbidden, resp.StatusCode)
		tr, err := s.TrackByToken(t.Context(), rc.Token)
		require.NoError(t, err)
		assert.False(t, tr.Rated)
	})
	t.Run("ErrBadWithoutReason", func(t *testing.T) {
		// Origin: null is what a phone's browser sends from this page
		// (Referrer-Policy: no-referrer).
		resp, body := post(t, client, page, url.Values{"level": {"2"}}, "null")
		assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		assert.Contains(t, body, "请简单说说哪里让您不满意")
		assert.Contains(t, body, `value="2" required checked`, "the choice is kept")
	})
	t.Run("ErrNoLevel", func(t *testing.T) {
		resp, body := post(t, client, page, url.Values{"reason": {"很好"}}, "")
		assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		assert.Contains(t, body, "请选择一个评价等级")
		assert.Contains(t, body, ">很好</textarea>")
	})
	t.Run("OK", func(t *testing.T) {
		resp, body := post(t, client, page, url.Values{"level": {"4"}, "reason": {"办事很快"}}, srv.URL)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "/r/"+rc.Token, resp.Request.URL.Path, "redirected back to the page")
		assert.Contains(t, body, "评价已提交，感谢您的反馈")
		assert.Contains(t, body, "您已评价过本次服务")
		assert.NotContains(t, body, "欢迎您对本次服务进行评价")
		assert.NotContains(t, body, `<form`)
		assert.NotContains(t, body, "张小三")
		tr, err := s.TrackByToken(t.Context(), rc.Token)
		require.NoError(t, err)
		assert.True(t, tr.Rated)
	})
	t.Run("ErrOnce", func(t *testing.T) {
		resp, body := post(t, client, page, url.Values{"level": {"1"}, "reason": {"再评一次"}}, srv.URL)
		assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		assert.Contains(t, body, "该办件已经评价过了")
		assert.NotContains(t, body, `<form`)
		assert.Equal(t, 1, datatest.Ratings(t, s, rc.RequestID))
	})
	t.Run("ErrComplaintNotWritable", func(t *testing.T) {
		resp, _ := post(t, client, srv.URL+"/c/"+data.NewToken(), url.Values{"level": {"5"}}, "")
		assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	})
	t.Run("ErrTooLong", func(t *testing.T) {
		resp, _ := post(t, client, page, url.Values{"level": {"5"}, "reason": {strings.Repeat("长", 5000)}}, "")
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
}
