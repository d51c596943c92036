package staff_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// TestMaterialsTickedAtTheDesk: each material of the request is a tick
// 已收 / 未收; ticking stores it at once; 受理 with a required material
// unticked names it and asks to confirm, and the confirmation is recorded.
func TestMaterialsTickedAtTheDesk(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t) // brought the first material only
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	it := r.itemByCode(t, "YL")
	require.Len(t, req.Received, len(it.Materials))
	assert.True(t, req.Received[it.Materials[0].ID].Checked, "brought at registration")
	var missing []data.Material
	for _, m := range it.Materials[1:] {
		assert.False(t, req.Received[m.ID].Checked)
		if m.Required {
			missing = append(missing, m)
		}
	}
	require.NotEmpty(t, missing, "the sample item has more required materials")

	// Untick and tick again: stored each time.
	first := it.Materials[0].ID
	test.Tap(req.Received[first])
	assert.NotContains(t, r.detail(t, rc.RequestID).Brought, first)
	test.Tap(req.Received[first])
	assert.Contains(t, r.detail(t, rc.RequestID).Brought, first)

	// 受理 with required materials unticked: named, and asks to confirm.
	test.Tap(req.Actions[data.ActAccept])
	f := req.Form
	step := f.Step.(*staff.AcceptForm)
	require.NotNil(t, f)
	assert.True(t, step.MissingShown())
	for _, m := range missing {
		assert.Contains(t, step.MissingNote.Text, m.Name)
	}
	step.SetMode(data.ModePromise)
	submitExpect(t, req, "确认受理")
	assert.Equal(t, data.StatusSubmitted, r.detail(t, rc.RequestID).Status)
	step.ConfirmMissing.SetChecked(true)
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, data.StatusAccepted, r.detail(t, rc.RequestID).Status)
	log, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditAccept})
	require.NoError(t, err)
	require.NotEmpty(t, log.Entries)
	assert.Contains(t, log.Entries[0].Detail, "必需材料未收齐，经确认受理")
	assert.Contains(t, log.Entries[0].Detail, missing[0].Name)

	// Every required one ticked: 受理 asks nothing.
	rc2 := r.registerYL(t)
	req = r.openNew(t, rc2)
	for _, m := range missing {
		test.Tap(req.Received[m.ID])
	}
	test.Tap(req.Actions[data.ActAccept])
	assert.False(t, req.Form.Step.(*staff.AcceptForm).MissingShown())
	req.Form.Step.(*staff.AcceptForm).SetMode(data.ModePromise)
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, data.StatusAccepted, r.detail(t, rc2.RequestID).Status)
}

// TestUpperFinishNeedsResultAtTheDesk: a 上报办理 request cannot be 办结
// at the desk before it was 上报 and its result recorded; the dialog says so.
func TestUpperFinishNeedsResultAtTheDesk(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModeUpper)
	require.Contains(t, req.Actions, data.ActFinish)
	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已办结")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyPhone)
	submitExpect(t, req, "须先上报上级部门")
	test.Tap(req.Form.Cancel)

	ctx := context.Background()
	sess, ok := r.d.Session()
	require.True(t, ok)
	require.NoError(t, r.s.Escalate(ctx, sess, rc.RequestID, "区社保中心", time.Time{}, time.Time{}, ""))
	require.NoError(t, r.s.UpperResult(ctx, sess, rc.RequestID, "同意"))
	req.Reload()
	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已办结")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyPhone)
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, data.StatusFinished, r.detail(t, rc.RequestID).Status)
}
