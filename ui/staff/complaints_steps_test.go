package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/staff"
)

// Each step on a complaint says it was saved; the decision dialog shows
// the accountability fields only for 属实, and choosing a verdict clears
// the message that asked for one.
func TestComplaintStepsSayDone(t *testing.T) {
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionComplaints)
	enterComplaint(t, r)
	list := r.d.Admin.Complaints
	require.Len(t, list.Rows, 1)
	test.Tap(list.Rows[0])
	v := r.d.Admin.Complaint
	require.NotNil(t, v)

	test.Tap(v.Actions[staff.CompAssign])
	v.Fields.Handler.SetSelectedIndex(0)
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, "已指派处理人。", v.Done.Text)

	test.Tap(v.Actions[staff.CompInvestigate])
	assert.Empty(t, v.Done.Text, "the last step's word goes when another starts")
	test.Type(v.Fields.Text, "调取窗口录像并询问当事人，情况属实。")
	test.Tap(v.Form.Submit)
	assert.Equal(t, "调查核实情况已保存。", v.Done.Text)

	test.Tap(v.Actions[staff.CompDecide])
	assert.False(t, v.Fields.Kind.Visible(), "accountability fields only for 属实")
	test.Tap(v.Form.Submit)
	assert.Equal(t, "请选择调查结论：属实或不属实。", v.Form.Error.Text)
	v.Fields.Substantiated.SetSelected("属实")
	assert.Empty(t, v.Form.Error.Text, "choosing a verdict answers the message")
	assert.True(t, v.Fields.Kind.Visible())
	test.Type(v.Fields.Text, "已对当事人批评教育。")
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Contains(t, v.Done.Text, "已登记责任追究")

	test.Tap(v.Actions[staff.CompReply])
	v.Fields.Publish.SetChecked(false)
	test.Type(v.Fields.Text, "经核实投诉属实，已整改，感谢您的监督。")
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, "已答复投诉人，投诉办结。", v.Done.Text)

	test.Tap(v.Actions[staff.CompPublish])
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, "处理结果已公开。", v.Done.Text)
}
