package staff_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A request shows the guide it was registered under, not today's: the
// basis that applied is on record (§一(五)).
func TestRequestShowsItsGuideVersion(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	ctx := context.Background()
	det, err := r.s.RequestDetail(ctx, rc.RequestID)
	require.NoError(t, err)
	it, err := r.s.Item(ctx, det.ItemID)
	require.NoError(t, err)
	before := it.PromisedDays

	// The administrator changes the item after the request came in.
	admin, err := r.s.LoginID(ctx, r.ids["张建华"], adminPIN)
	require.NoError(t, err)
	it.PromisedDays = before + 5
	it.Conditions = "新的申报条件（测试）"
	_, err = r.s.SaveItem(ctx, admin, it)
	require.NoError(t, err)

	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	require.NotNil(t, req.GuideButton)
	test.Tap(req.GuideButton)
	assert.Contains(t, req.Guide, "【承诺期限】")
	assert.Contains(t, req.Guide, itoa(before)+"个工作日")
	assert.NotContains(t, req.Guide, itoa(before+5)+"个工作日")
	assert.NotContains(t, req.Guide, "新的申报条件（测试）")
	assert.Contains(t, req.Guide, "【申报材料】")
}
