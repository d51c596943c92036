package kiosk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"

	"bianmin/ui/kiosk"
)

// TestTrackShowsWhatTheReceiptShowed: a request registered with only its
// first material shows, when tracked, the same missing list the receipt printed.
func TestTrackShowsWhatTheReceiptShowed(t *testing.T) {
	r := newTrackRig(t, nil)
	ctx := context.Background()
	rc := r.register(t, "DB") // with the first material
	d, err := r.store.RequestDetail(ctx, rc.RequestID)
	require.NoError(t, err)
	it, err := r.store.Item(ctx, d.ItemID)
	require.NoError(t, err)
	var want []string
	for _, m := range data.MissingRequired(it.Materials, []int64{it.Materials[0].ID}) {
		want = append(want, m.Name)
	}
	require.NotEmpty(t, want)
	require.Equal(t, want, rc.Missing, "what the receipt printed")

	tr, err := r.store.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewTrackResult(r.k.Nav, r.tracker, tr))
	res := trackCurrent[*kiosk.TrackResult](t, r)
	assert.Equal(t, want, res.Missing)
	assert.Contains(t, r.flat(), "还需补充的材料")
	for _, m := range want {
		assert.Contains(t, r.flat(), m)
		assert.Contains(t, res.Speech(), m)
	}
}
