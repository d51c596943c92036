package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusPageListsMissing: the page shows what the receipt showed, the
// materials still missing (一次性告知), and drops them once received.
func TestStatusPageListsMissing(t *testing.T) {
	s, rc := fixture(t)
	require.Equal(t, []string{"居民身份证"}, rc.Missing)
	srv := httptest.NewServer(New(s, DefaultLimits))
	defer srv.Close()

	resp, body := get(t, srv.URL+"/r/"+rc.Token)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, body, "还需要补充的材料（一次性告知）")
	assert.Contains(t, body, "<li>居民身份证</li>")

	ctx := context.Background()
	d, err := s.RequestDetail(ctx, rc.RequestID)
	require.NoError(t, err)
	it, err := s.Item(ctx, d.ItemID)
	require.NoError(t, err)
	require.NoError(t, s.SetReceived(ctx, desk(t, s), rc.RequestID, it.Materials[0].ID, true))
	_, body = get(t, srv.URL+"/r/"+rc.Token)
	assert.NotContains(t, body, "还需要补充的材料", "received: nothing missing")
}
