package staff_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

func TestAuditShowsActionsJustDone(t *testing.T) {
	r := adminRig(t)
	enterComplaint(t, r)
	r.d.Admin.Show(staff.SectionAudit)
	l := r.d.Admin.Audit
	require.NotNil(t, l)
	require.NotEmpty(t, l.Rows)
	assert.Equal(t, "登记投诉", l.Rows[0][2], "newest first")
	assert.Equal(t, "张建华", l.Rows[0][1])

	l.SetAction(data.AuditLogin)
	test.Tap(l.Search)
	require.Len(t, l.Rows, 1)
	assert.Equal(t, "登录", l.Rows[0][2])

	l.SetAction("")
	l.SetStaff(r.ids["王丽娟"])
	test.Tap(l.Search)
	for _, row := range l.Rows {
		assert.Equal(t, "王丽娟", row[1])
	}

	l.SetStaff(0)
	l.From.SetText("2026-03-06")
	test.Tap(l.Search)
	assert.Empty(t, l.Rows, "nothing after today")
	l.From.SetText("2026-03-05")
	l.To.SetText("2026-03-04")
	test.Tap(l.Search)
	assert.Equal(t, "结束日期不能早于开始日期。", l.Status.Text)
	l.From.SetText("")
	l.To.SetText("明天")
	test.Tap(l.Search)
	assert.Equal(t, "日期格式不正确", l.Status.Text[:len("日期格式不正确")])
}

func TestAuditPaging(t *testing.T) {
	r := adminRig(t)
	ctx := context.Background()
	admin, err := r.s.LoginID(ctx, r.ids["张建华"], adminPIN)
	require.NoError(t, err)
	for range staff.AuditPageSize + 5 {
		require.NoError(t, r.s.RecordExport(ctx, admin, "统计报表", "/tmp/x.xlsx"))
	}
	r.d.Admin.Show(staff.SectionAudit)
	l := r.d.Admin.Audit
	require.Len(t, l.Rows, staff.AuditPageSize)
	assert.True(t, l.Prev.Disabled())
	require.False(t, l.Next.Disabled())
	test.Tap(l.Next)
	assert.NotEmpty(t, l.Rows)
	assert.Less(t, len(l.Rows), staff.AuditPageSize)
	assert.True(t, l.Next.Disabled())
	test.Tap(l.Prev)
	assert.Len(t, l.Rows, staff.AuditPageSize)
}
