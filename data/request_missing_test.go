package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMissingRequired is the 一次性告知 rule as a table: every required
// material not received, in the guide's order; optional ones never.
func TestMissingRequired(t *testing.T) {
	ms := []Material{{ID: 1, Name: "身份证", Required: true}, {ID: 2, Name: "照片"}, {ID: 3, Name: "户口簿", Required: true}}
	tests := map[string]struct {
		received []int64
		want     []string
	}{
		"NoneReceived":     {nil, []string{"身份证", "户口簿"}},
		"SomeReceived":     {[]int64{3}, []string{"身份证"}},
		"OptionalNotAsked": {[]int64{1, 3}, nil},
		"UnknownIgnored":   {[]int64{1, 99}, []string{"户口簿"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, m := range MissingRequired(ms, tc.received) {
				got = append(got, m.Name)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestTrackingShowsWhatTheReceiptShowed: the phone page and the kiosk's
// tracking list the materials the receipt listed as missing, the 补正
// notice's list while one is open, and none once they are in or the
// request is closed.
func TestTrackingShowsWhatTheReceiptShowed(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	clerk := loginAs(t, s, "s2")
	it := itemIDOf(t, s, "DB")
	rc, err := s.Register(ctx, Registration{ItemID: it, Channel: ChannelKiosk, Name: "张小三", Phone: "13800138000",
		IDNumber: validID, Consent: true, Fields: map[string]string{"kind": "城市"}})
	require.NoError(t, err)
	require.Equal(t, []string{"户口簿"}, rc.Missing)

	tr, err := s.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Equal(t, rc.Missing, tr.Missing, "the receipt's list")

	ids := materialIDs(t, s, "DB")
	_, err = s.RequestSupplement(ctx, clerk, rc.RequestID, ids, "", "")
	require.NoError(t, err)
	tr, err = s.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Equal(t, []string{"户口簿", "收入证明"}, tr.Missing, "the open 补正通知单's list")

	require.NoError(t, s.MaterialsComplete(ctx, clerk, rc.RequestID))
	tr, err = s.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Empty(t, tr.Missing, "brought in: nothing missing")

	done := requestIn(t, s, clerk, "YB", StatusFinished)
	var token string
	require.NoError(t, s.db.QueryRow(`SELECT token FROM requests WHERE id = ?`, done).Scan(&token))
	tr, err = s.TrackByToken(ctx, token)
	require.NoError(t, err)
	assert.Empty(t, tr.Missing, "closed: nothing to bring")
}
