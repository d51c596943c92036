package staff_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"bianmin/data"
	"bianmin/ui/staff"
)

// adminRig signs in as the administrator and opens 管理.
func adminRig(t *testing.T, opts ...func(*staff.Options)) *rig {
	t.Helper()
	r := newRig(t, true)
	r.login(t, "张建华", adminPIN)
	require.True(t, r.d.AdminButton.Visible())
	assert.Equal(t, "管理", r.d.AdminButton.Text)
	test.Tap(r.d.AdminButton)
	require.NotNil(t, r.d.Admin)
	return r
}

func TestAdminSectionsByRole(t *testing.T) {
	r := adminRig(t)
	assert.Len(t, r.d.Admin.Tabs, 13, "administrators get every section")
	test.Tap(r.d.ExitButton)

	c := newRig(t, true)
	c.login(t, "王丽娟", clerkPIN)
	assert.Equal(t, "日常事务", c.d.AdminButton.Text)
	test.Tap(c.d.AdminButton)
	require.NotNil(t, c.d.Admin)
	assert.Len(t, c.d.Admin.Tabs, 5, "staff get complaints, follow-ups, proxy batches, the calendar and the internal rules")
	assert.Nil(t, c.d.Admin.Tabs[staff.SectionReports])
	c.d.Admin.Show(staff.SectionAudit)
	assert.Nil(t, c.d.Admin.Audit, "a section staff may not open stays closed")
}

// enterComplaint takes a phone complaint about 王丽娟 through 登记投诉.
func enterComplaint(t *testing.T, r *rig) {
	t.Helper()
	list := r.d.Admin.Complaints
	require.NotNil(t, list)
	test.Tap(list.Enter)
	f := list.Fields()
	require.NotNil(t, f)
	f.About.SetSelected(data.AboutStaff.Label())
	for i, o := range f.Staff.Options {
		if strings.Contains(o, "王丽娟") {
			f.Staff.SetSelectedIndex(i)
		}
	}
	test.Type(f.Body, "办理社保卡补办时态度生硬，让我跑了两趟。")
	test.Type(f.Name, "李秀英")
	test.Type(f.Phone, "13700137000")
	test.Tap(list.EnterForm.Submit)
	require.False(t, list.EnterForm != nil && list.EnterForm.Open(), "dialog closed: %s",
		func() string {
			if list.EnterForm == nil {
				return ""
			}
			return list.EnterForm.Error.Text
		}())
}

func TestComplaintLifeThroughScreens(t *testing.T) {
	r := adminRig(t)
	ctx := context.Background()
	list := r.d.Admin.Complaints
	require.NotNil(t, list)
	assert.Empty(t, list.Rows)

	// A complaint with no body is refused with data's message.
	test.Tap(list.Enter)
	test.Tap(list.EnterForm.Submit)
	assert.True(t, list.EnterForm.Open())
	assert.NotEmpty(t, list.EnterForm.Error.Text)
	test.Tap(list.EnterForm.Cancel)

	enterComplaint(t, r)
	require.Len(t, list.Rows, 1)
	assert.Contains(t, list.Notice.Text, "投诉已登记")
	row := list.Rows[0].Texts()
	assert.Contains(t, row[1], "王丽娟")
	assert.Equal(t, "投诉电话", row[2])
	assert.Equal(t, "未指派", row[4])
	assert.Contains(t, row[5], "剩", "a running time limit: %s", row[5])

	test.Tap(list.Rows[0])
	v := r.d.Admin.Complaint
	require.NotNil(t, v)
	assert.Contains(t, v.Status.Text, v.Row.Code)
	assert.NotNil(t, v.Actions[staff.CompAssign])
	assert.Nil(t, v.Actions[staff.CompDecide], "no decision before the investigation")

	// Assign: the person complained about is not offered (回避).
	test.Tap(v.Actions[staff.CompAssign])
	for _, o := range v.Fields.Handler.Options {
		assert.NotContains(t, o, "王丽娟")
	}
	test.Tap(v.Form.Submit)
	assert.Equal(t, "请选择处理人。", v.Form.Error.Text)
	v.Fields.Handler.SetSelectedIndex(0)
	handler := v.Fields.Handler.Selected
	test.Tap(v.Form.Submit)
	assert.False(t, v.Form != nil && v.Form.Open())
	assert.Equal(t, "正在调查核实", v.Row.StatusLabel)
	assert.Contains(t, handler, v.Row.HandlerName)

	test.Tap(v.Actions[staff.CompInvestigate])
	test.Type(v.Fields.Text, "调取窗口录像并询问当事人，确有答复不耐烦的情况。")
	test.Tap(v.Form.Submit)
	require.NotNil(t, v.Actions[staff.CompDecide])

	// Decide: substantiated, 限期整改 without a deadline is refused.
	test.Tap(v.Actions[staff.CompDecide])
	test.Tap(v.Form.Submit)
	assert.Equal(t, "请选择调查结论：属实或不属实。", v.Form.Error.Text)
	v.Fields.Substantiated.SetSelected("属实")
	test.Type(v.Fields.Text, "投诉属实，已对当事人批评教育并限期整改。")
	v.Fields.Kind.SetSelected(data.AccRectify.Label())
	test.Tap(v.Form.Submit)
	assert.Equal(t, "限期整改需要填写整改期限。", v.Form.Error.Text)
	test.Type(v.Fields.Deadline, "2026-03-20")
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, "answered", v.Row.Status)
	require.NotNil(t, v.Row.Substantiated)
	assert.True(t, *v.Row.Substantiated)
	entries, err := r.s.Accountability(ctx, r.ids["王丽娟"], fixedNow.AddDate(0, -1, 0), fixedNow.AddDate(0, 1, 0))
	require.NoError(t, err)
	require.Len(t, entries, 1, "a substantiated complaint about a person makes an accountability entry")

	// Reply and publish: a reply naming the complainant cannot be published.
	test.Tap(v.Actions[staff.CompReply])
	assert.True(t, v.Fields.Publish.Checked)
	test.Type(v.Fields.Text, "李秀英您好，经核实投诉属实，已整改。")
	test.Tap(v.Form.Submit)
	assert.True(t, v.Form.Open())
	assert.NotEmpty(t, v.Form.Error.Text)
	v.Fields.Text.SetText("经核实投诉属实，已对工作人员批评教育并限期整改，感谢您的监督。")
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, "closed", v.Row.Status)
	assert.True(t, v.Row.Published)
	pub, err := r.s.PublishedComplaints(ctx)
	require.NoError(t, err)
	require.Len(t, pub, 1)

	// Withdraw the publication.
	require.NotNil(t, v.Actions[staff.CompUnpublish])
	test.Tap(v.Actions[staff.CompUnpublish])
	test.Tap(v.Form.Submit)
	assert.False(t, v.Row.Published)
	assert.NotNil(t, v.Actions[staff.CompPublish])

	// Back to the list: gone from 未办结, in 已办结.
	test.Tap(v.Back)
	assert.Empty(t, list.Rows)
	list.SetTab(staff.ComplaintsClosed)
	require.Len(t, list.Rows, 1)
	assert.Contains(t, list.Rows[0].Texts()[5], "按期办结")
}

func TestComplaintDueTabs(t *testing.T) {
	r := adminRig(t)
	enterComplaint(t, r)
	list := r.d.Admin.Complaints
	list.SetTab(staff.ComplaintsOverdue)
	assert.Empty(t, list.Rows)
	r.now = r.now.AddDate(0, 1, 0) // past the 10 working days
	list.SetTab(staff.ComplaintsOverdue)
	require.Len(t, list.Rows, 1)
	assert.Contains(t, list.Rows[0].Texts()[5], "超期")
	list.SetTab(staff.ComplaintsUnassigned)
	assert.Len(t, list.Rows, 1)
}

func TestComplaintStaffTakeAndAvoid(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	_, err := r.s.FileComplaint(ctx, data.NewComplaint{Channel: "kiosk", About: data.AboutStaff,
		StaffID: r.ids["王丽娟"], Body: "态度不好。"})
	require.NoError(t, err)
	_, err = r.s.FileComplaint(ctx, data.NewComplaint{Channel: "kiosk", About: data.AboutOther,
		Body: "大厅没有饮水机。"})
	require.NoError(t, err)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.AdminButton)
	list := r.d.Admin.Complaints
	require.Len(t, list.Rows, 1, "nobody sees a complaint about themselves")
	test.Tap(list.Rows[0])
	v := r.d.Admin.Complaint
	assert.Equal(t, "认领", v.Actions[staff.CompAssign].Text)
	test.Tap(v.Actions[staff.CompAssign])
	test.Tap(v.Form.Submit)
	assert.Equal(t, "王丽娟", v.Row.HandlerName)
	assert.Nil(t, v.Actions[staff.CompAssign], "taken: no more 认领")
}

func TestFollowUpThroughScreen(t *testing.T) {
	r := adminRig(t)
	ctx := context.Background()
	rows, err := r.s.Queue(ctx, data.QueueFilter{Group: data.QueueFinished, Page: 1, PageSize: 5})
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	require.NoError(t, r.s.Rate(ctx, rows[0].ID, data.RatingBad, "等了很久"))
	r.d.Admin.Show(staff.SectionFollowUps)
	f := r.d.Admin.FollowUps
	require.NotNil(t, f)
	require.Len(t, f.Rows, 1)
	assert.Equal(t, rows[0].ReceiptNo, f.Rows[0].Texts[0])
	assert.Equal(t, "不满意", f.Rows[0].Texts[2])
	test.Tap(f.Rows[0].Record)
	test.Tap(f.Form.Submit)
	assert.True(t, f.Form.Open(), "an empty follow-up is refused")
	assert.NotEmpty(t, f.Form.Error.Text)
	test.Type(f.Text, "已电话回访，说明当天系统故障，群众表示理解。")
	test.Tap(f.Form.Submit)
	assert.Empty(t, f.Rows)
	assert.Equal(t, "没有待回访的评价。", f.Status.Text)
}

func TestReportScreenCountsAndExport(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	r := adminRig(t)
	ctx := context.Background()
	r.d.Admin.Show(staff.SectionReports)
	rp := r.d.Admin.Reports
	require.NotNil(t, rp)
	require.True(t, rp.Loaded)
	from, to := data.MonthPeriod(2026, 3)
	want, err := r.s.Report(ctx, from, to)
	require.NoError(t, err)
	assert.Equal(t, want.Requests, rp.Report.Requests)
	assert.Equal(t, filepath.Join(home, "bianmin-报表-202603.xlsx"), rp.Path.Text)
	assert.Len(t, rp.ByItem.Bars, min(12, len(want.ByItem)))
	assert.Len(t, rp.Ratings.Counts, 5)

	rp.SetPeriod(staff.PeriodThisYear)
	yfrom, yto := periodYear()
	yr, err := r.s.Report(ctx, yfrom, yto)
	require.NoError(t, err)
	assert.Equal(t, yr.Requests, rp.Report.Requests)
	assert.Positive(t, rp.Report.Requests, "the synthetic requests are this year")
	assert.Equal(t, filepath.Join(home, "bianmin-报表-2026.xlsx"), rp.Path.Text)

	test.Tap(rp.ExportXLSX)
	assert.Contains(t, rp.Status.Text, "已导出")
	x, err := excelize.OpenFile(rp.ExportPath("xlsx"))
	require.NoError(t, err)
	defer x.Close()
	sheetRows, err := x.GetRows("概况")
	require.NoError(t, err)
	var registered string
	for _, row := range sheetRows {
		if len(row) >= 2 && row[0] == "登记件数" {
			registered = row[1]
		}
	}
	assert.Equal(t, itoa(yr.Requests), registered)

	test.Tap(rp.ExportCSV)
	csv, err := os.ReadFile(filepath.Join(home, "bianmin-报表-2026.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(csv), "登记件数,"+itoa(yr.Requests))

	page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditDataExport})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 2)

	rp.Path.SetText(filepath.Join(home, "no-such-dir-file", "x.xlsx"))
	require.NoError(t, os.WriteFile(filepath.Join(home, "no-such-dir-file"), []byte("a file, not a folder"), 0o600))
	test.Tap(rp.ExportXLSX)
	assert.Contains(t, rp.Status.Text, "导出失败")
}

func periodYear() (from, to time.Time) {
	from, _ = data.MonthPeriod(2026, 1)
	return from, from.AddDate(1, 0, 0)
}

func itoa(n int) string { return strconv.Itoa(n) }
