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

func TestAccountabilityEntryAndOutcome(t *testing.T) {
	r := adminRig(t) // today: Thursday 5 March 2026
	ctx := context.Background()
	// 王丽娟 signed in late this morning: a breach the form offers.
	r.now = time.Date(2026, 3, 5, 8, 52, 0, 0, data.China)
	_, err := r.s.SignIn(ctx, data.Session{StaffID: r.ids["王丽娟"]})
	require.NoError(t, err)
	r.now = fixedNow

	r.d.Admin.Show(staff.SectionAccountability)
	s := r.d.Admin.Accountability
	require.NotNil(t, s)
	assert.Empty(t, s.Rows)
	assert.Equal(t, "没有符合条件的责任追究记录。", s.Status.Text)

	test.Tap(s.Add)
	f := s.AddFields
	require.NotNil(t, f)
	for _, o := range f.Staff.Options {
		assert.NotContains(t, o, "张建华", "nobody records an entry against themselves")
	}
	// Refusals: nobody chosen; 限期整改 without a deadline (data's message);
	// a deadline that is no date.
	test.Tap(s.AddForm.Submit)
	assert.Equal(t, "请选择责任人。", s.AddForm.Error.Text)
	require.Len(t, f.Breach.Options, 1)
	assert.Equal(t, "王丽娟 · 迟到 · 2026-03-05", f.Breach.Options[0])
	f.Breach.SetSelectedIndex(0)
	assert.Contains(t, f.Staff.Selected, "王丽娟")
	assert.Equal(t, "2026年3月5日签到时间08:52，晚于上班时间08:30。", f.Note.Text)
	f.Kind.SetSelected(data.AccRectify.Label())
	test.Tap(s.AddForm.Submit)
	assert.Equal(t, "限期整改需要填写整改期限。", s.AddForm.Error.Text)
	f.Deadline.SetText("下周五")
	test.Tap(s.AddForm.Submit)
	assert.Equal(t, "请按“2026-03-31”的格式填写整改期限。", s.AddForm.Error.Text)
	f.Deadline.SetText("2026-03-06")
	test.Tap(s.AddForm.Submit)
	require.False(t, s.AddForm.Open(), s.AddForm.Error.Text)
	assert.Equal(t, "已登记对王丽娟的责任追究。", s.Notice.Text)

	require.Len(t, s.Rows, 1)
	row := s.Rows[0]
	assert.Equal(t, []string{"2026-03-05", "王丽娟", "直接登记", "限期整改", "2026年3月5日签到时间08:52，晚于上班时间08:30。",
		"2026-03-06 剩1个工作日", "待登记（点击登记）"}, row.Texts())
	assert.Equal(t, data.DueSoon, row.Row.Due, "due tomorrow: highlighted")
	s.SetTab(staff.AcctDueSoon)
	assert.Len(t, s.Rows, 1)
	s.SetTab(staff.AcctOverdue)
	assert.Empty(t, s.Rows)
	s.SetSource(data.AccFromComplaint)
	s.SetTab(staff.AcctAll)
	assert.Empty(t, s.Rows, "not from a complaint")
	s.SetSource(data.AccFromDirect)
	require.Len(t, s.Rows, 1)

	// Next Monday the deadline has passed.
	r.now = time.Date(2026, 3, 9, 9, 0, 0, 0, data.China)
	s.SetTab(staff.AcctOverdue)
	require.Len(t, s.Rows, 1)
	assert.Equal(t, data.DueOverdue, s.Rows[0].Row.Due)
	assert.Equal(t, "2026-03-06 超期1个工作日", s.Rows[0].Texts()[5])

	// 登记整改结果: an empty outcome is refused, then recorded.
	test.Tap(s.Rows[0])
	require.NotNil(t, s.OutcomeForm)
	test.Tap(s.OutcomeForm.Submit)
	assert.True(t, s.OutcomeForm.Open())
	assert.Contains(t, s.OutcomeForm.Error.Text, "整改或处理结果")
	test.Type(s.Outcome, "已当面批评教育，本人承诺按时到岗，一周内复查无迟到。")
	test.Tap(s.OutcomeForm.Submit)
	require.False(t, s.OutcomeForm.Open(), s.OutcomeForm.Error.Text)
	assert.Equal(t, "已登记王丽娟的整改结果。", s.Notice.Text)
	assert.Empty(t, s.Rows, "no longer overdue")
	s.SetTab(staff.AcctOpen)
	assert.Empty(t, s.Rows)
	s.SetTab(staff.AcctClosed)
	require.Len(t, s.Rows, 1)
	assert.Equal(t, "已当面批评教育，本人承诺按时到岗，一周内复查无迟到。", s.Rows[0].Texts()[6])
	assert.Equal(t, "2026-03-06", s.Rows[0].Texts()[5])
	assert.Equal(t, data.DueNone, s.Rows[0].Row.Due)

	// Audited, once each.
	for _, action := range []string{data.AuditAccountability, data.AuditAccountabilityResult} {
		page, err := r.s.Audit(ctx, data.AuditFilter{Action: action})
		require.NoError(t, err)
		assert.Len(t, page.Entries, 1, action)
	}

	// The name opens the person's record.
	test.Tap(s.Rows[0].Name)
	require.NotNil(t, s.Record)
	assert.Equal(t, "个人档案：王丽娟", s.Record.Title.Text)
	assert.Equal(t, "1 条", s.Record.Figures[staff.RecAccountability].Text)
	test.Tap(s.Record.Back)
	assert.Nil(t, s.Record)
}
