package kiosk_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

// boardComplaint files a complaint about window 1 from the kiosk with the
// complainant's name and phone, and takes it to the end: investigated,
// substantiated, replied to and published.
func boardComplaint(t *testing.T, r *rig) {
	t.Helper()
	admin := boardSession(t, r, "张建华")
	ws, err := r.store.Windows(bgCtx)
	require.NoError(t, err)
	rc, err := r.store.FileComplaint(bgCtx, data.NewComplaint{Channel: "kiosk", About: data.AboutWindow,
		WindowID: ws[0].ID, Body: "窗口叫号机坏了，排队等了一个小时也没人管。",
		ContactName: "陈大文", ContactPhone: "13912345678"})
	require.NoError(t, err)
	require.NoError(t, r.store.AssignComplaint(bgCtx, admin, rc.ID, admin.StaffID))
	require.NoError(t, r.store.RecordInvestigation(bgCtx, admin, rc.ID, "经查看，叫号机软件故障。"))
	_, err = r.store.DecideComplaint(bgCtx, admin, rc.ID, data.ComplaintDecision{Substantiated: true,
		Result: "叫号机软件故障属实，已联系厂家维修，并安排专人引导排队。"})
	require.NoError(t, err)
	require.NoError(t, r.store.ReplyComplaint(bgCtx, admin, rc.ID,
		"您好，您反映的问题属实，叫号机已修复，感谢您的监督。", true))
}

func TestResultsShowReplyWithoutIdentity(t *testing.T) {
	r := boardRig(t)
	boardComplaint(t, r)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.ResultsTile })
	s := current[*kiosk.Results](t, r)
	require.Len(t, s.Cards, 1)
	c := s.Cards[0]
	assert.Equal(t, "关于窗口的投诉", c.About.Text)
	assert.Equal(t, "受理日期：2026年3月5日　办结日期：2026年3月5日", c.Dates.Text)
	assert.Equal(t, "叫号机软件故障属实，已联系厂家维修，并安排专人引导排队。", c.Result.Text)
	assert.Equal(t, "您好，您反映的问题属实，叫号机已修复，感谢您的监督。", c.Reply.Text)

	drawn := boardText(r)
	assert.Contains(t, drawn, "经调查属实")
	for _, secret := range []string{"陈大文", "13912345678", "排队等了一个小时"} {
		assert.NotContains(t, drawn, secret, "no identity and not the complaint's own words")
		assert.NotContains(t, s.Speech(), secret)
	}
}

func TestResultsNoneYet(t *testing.T) {
	r := boardRig(t)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.ResultsTile })
	s := current[*kiosk.Results](t, r)
	assert.Empty(t, s.Cards)
	assert.Equal(t, "目前没有公开的投诉处理结果。", s.Status.Text)
}
