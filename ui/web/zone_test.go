package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/zonetest"
)

// TestStatusPageChinaTime registers a request at 2026-12-06 17:30 UTC
// (2026-12-07 01:30 in China) and opens its page with the machine's zone
// set to UTC and to Asia/Shanghai: both show the China date and time.
func TestStatusPageChinaTime(t *testing.T) {
	at := zonetest.LateUTC
	zonetest.Run(t, func(t *testing.T) {
		ctx := context.Background()
		s, err := data.Open(ctx, filepath.Join(t.TempDir(), "zone.db"),
			data.WithClock(func() time.Time { return at.In(time.Local) }))
		require.NoError(t, err)
		defer s.Close()
		rc := registerSample(t, s)
		srv := httptest.NewServer(New(s, DefaultLimits))
		defer srv.Close()
		resp, body := get(t, srv.URL+"/r/"+rc.Token)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, body, "2026年12月7日 01:30")
		assert.NotContains(t, body, "2026年12月6日")
	})
}
