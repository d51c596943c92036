package staff_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// An administrator whose PIN was set under the older rules (4 digits) signs
// in, is asked for a new PIN, typed twice, and reaches the desk only once
// it is set; leaving instead goes back to the names, signed out.
func TestAdminWithOldPINSetsANewOneFirst(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	datatest.SetLegacyPIN(t, r.s, r.ids["张建华"], "5291")
	l := r.d.Login

	r.typePIN(t, "张建华", "5291")
	_, ok := r.d.Session()
	require.False(t, ok, "not at the desk with the old PIN")
	require.NotNil(t, l.Changing)
	assert.Nil(t, r.d.Queue)
	assert.Equal(t, "张建华，请设置新的管理员密码（6至8位数字）", l.Prompt.Text)
	assert.Contains(t, l.Message.Text, "管理员密码应为6至8位数字")

	// Leaving: back to the names, and the sign-in is asked for again.
	test.Tap(l.Again)
	assert.Nil(t, l.Changing)
	r.typePIN(t, "张建华", "5291")
	require.NotNil(t, l.Changing, "asked again at the next sign-in")

	r.typePIN(t, "张建华", "1478") // too short and a line on the pad
	assert.Contains(t, l.Message.Text, "管理员密码应为6至8位数字")
	r.typePIN(t, "张建华", "739184")
	assert.Contains(t, l.Prompt.Text, "再输入一次")
	r.typePIN(t, "张建华", "739185")
	assert.Equal(t, "两次输入的密码不一致，请重新设置。", l.Message.Text)
	_, ok = r.d.Session()
	require.False(t, ok)

	r.typePIN(t, "张建华", "739184")
	r.typePIN(t, "张建华", "739184")
	s, ok := r.d.Session()
	require.True(t, ok, "at the desk once the new PIN is set")
	assert.True(t, s.Admin())
	assert.Empty(t, s.PINChange)
	require.NotNil(t, r.d.Queue)

	_, err := r.s.LoginID(ctx, s.StaffID, "5291")
	assert.Error(t, err, "the old PIN no longer opens")
	again, err := r.s.LoginID(ctx, s.StaffID, "739184")
	require.NoError(t, err)
	assert.Empty(t, again.PINChange)
	page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditPINSet})
	require.NoError(t, err)
	require.NotEmpty(t, page.Entries)
	assert.Equal(t, "本人修改密码", page.Entries[0].Detail)
	logouts, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditLogout})
	require.NoError(t, err)
	require.NotEmpty(t, logouts.Entries)
	assert.Equal(t, "未按要求设置新密码，返回登录", logouts.Entries[len(logouts.Entries)-1].Detail)
}
