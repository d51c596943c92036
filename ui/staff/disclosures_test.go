package staff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// lateNow is after every publication of the sample catalog (the latest is
// 2026-11-05): a Monday in December.
var lateNow = time.Date(2026, 12, 21, 9, 30, 0, 0, data.China)

// discRig is an administrator on the 公开内容 section at lateNow.
func discRig(t *testing.T) (*rig, *staff.DisclosuresScreen) {
	t.Helper()
	r := adminRig(t)
	r.now = lateNow
	r.d.Admin.Show(staff.SectionDisclosures)
	s := r.d.Admin.Disclosures
	require.NotNil(t, s)
	return r, s
}

func auditCount(t *testing.T, r *rig, action string) int {
	t.Helper()
	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: action, PageSize: 500})
	require.NoError(t, err)
	return len(page.Entries)
}

func TestDisclosureLifeThroughScreens(t *testing.T) {
	ctx := context.Background()
	r, s := discRig(t)

	// 新建公开事项: an empty text is refused, then the item is created.
	test.Tap(s.New)
	require.NotNil(t, s.NewForm)
	f := s.NewFields
	f.Code.SetText("QT-DB2027")
	f.SetCategory(data.CatOther)
	f.SetCadence(data.CadenceRegular)
	f.Title.SetText("2027年度低保标准调整（征求意见稿）")
	test.Tap(s.NewForm.Submit)
	assert.Contains(t, s.NewForm.Error.Text, "公开内容")
	assert.True(t, s.NewForm.Open())
	f.Body.SetText("城市低保标准拟由每人每月780元提高到820元。\n农村低保标准拟由每人每年6800元提高到7200元。")
	test.Tap(s.NewForm.Submit)
	require.False(t, s.NewForm.Open(), s.NewForm.Error.Text)
	v := s.Item
	require.NotNil(t, v, "the new item opens")
	assert.Equal(t, "QT-DB2027", v.Code)
	assert.Equal(t, data.VersionDraft, v.State.Working)
	assert.Contains(t, v.Summary.Text, "尚未正式公开")
	assert.Contains(t, v.Summary.Text, "第1版草稿")
	require.NotNil(t, v.Preview, "a public item can be pre-disclosed")

	// The same code again is refused.
	test.Tap(r.d.Admin.Tabs[staff.SectionDisclosures])
	s = r.d.Admin.Disclosures
	require.NotNil(t, s.Row("QT-DB2027"))
	assert.Equal(t, "第1版草稿", s.Row("QT-DB2027").Texts()[4])
	test.Tap(s.New)
	s.NewFields.Code.SetText("QT-DB2027")
	s.NewFields.SetCategory(data.CatOther)
	s.NewFields.SetCadence(data.CadenceAdhoc)
	s.NewFields.Title.SetText("重复")
	s.NewFields.Body.SetText("重复的编码")
	test.Tap(s.NewForm.Submit)
	assert.Contains(t, s.NewForm.Error.Text, "已有公开事项使用")
	test.Tap(s.NewForm.Cancel)
	test.Tap(s.Row("QT-DB2027"))
	v = s.Item
	require.NotNil(t, v)

	// 预公开: a closing date in the past is refused.
	test.Tap(v.Preview)
	require.NotNil(t, v.PreviewEnd)
	v.PreviewEnd.SetText("2026-12-01")
	test.Tap(v.Form.Submit)
	assert.Contains(t, v.Form.Error.Text, "不能早于今天")
	v.PreviewEnd.SetText("明天")
	test.Tap(v.Form.Submit)
	assert.Contains(t, v.Form.Error.Text, "格式")
	v.PreviewEnd.SetText("2026-12-31")
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Contains(t, v.Message.Text, "2026-12-31")
	assert.Contains(t, v.Summary.Text, "征求意见至2026-12-31")
	assert.Contains(t, v.Summary.Text, "。 第1版", "sentences apart, so the line breaks between them")
	previews, err := r.s.Previews(ctx)
	require.NoError(t, err)
	require.Len(t, previews, 1)
	assert.Equal(t, "QT-DB2027", previews[0].Code)

	// A resident's opinion from the kiosk shows in the admin view.
	_, err = r.s.AddComment(ctx, previews[0].VersionID, "建议对重度残疾人单独提高补助。", "13800138000")
	require.NoError(t, err)
	v.Reload()
	require.Len(t, v.Comments, 1)
	assert.Equal(t, "建议对重度残疾人单独提高补助。", v.Comments[0].Body)
	assert.Equal(t, "群众意见（1）", v.Tabs.Items[0].Text)
	assert.Contains(t, v.Summary.Text, "已收到1条意见")

	// 正式公开.
	r.now = lateNow.Add(2 * time.Hour)
	t1 := r.now
	test.Tap(v.Publish)
	require.NotNil(t, v.Form)
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, 1, v.State.Current)
	assert.Equal(t, "张建华", v.State.Publisher)
	assert.True(t, v.State.PublishedAt.Equal(t1))
	assert.Empty(t, v.State.Working)
	assert.Contains(t, v.Summary.Text, "现行第1版")
	previews, err = r.s.Previews(ctx)
	require.NoError(t, err)
	assert.Empty(t, previews, "published: off the preview list")

	// Nothing new to publish: the store's polite refusal.
	test.Tap(v.Publish)
	test.Tap(v.Form.Submit)
	assert.Contains(t, v.Form.Error.Text, "没有待发布的新版本")
	test.Tap(v.Form.Cancel)

	// Edit again: unsaved changes are not published; saved, they make version 2.
	r.now = lateNow.AddDate(0, 0, 10)
	oldBody := v.Fields.Body.Text
	assert.Contains(t, v.Basis0.Text, "现行第1版为底稿")
	v.Fields.Title.SetText("2027年度低保标准调整")
	v.Fields.Body.SetText("城市低保标准由每人每月780元提高到820元，农村低保标准由每人每年6800元提高到7200元，自2027年1月1日起执行。")
	test.Tap(v.Publish)
	assert.Contains(t, v.Message.Text, "保存草稿")
	test.Tap(v.Save)
	assert.Contains(t, v.Message.Text, "第2版草稿已保存")
	assert.Equal(t, 2, v.State.WorkingNumber)
	// An emptied text is refused politely.
	v.Fields.Body.SetText("  ")
	test.Tap(v.Save)
	assert.Contains(t, v.Message.Text, "公开内容")
	v.Fields.Body.SetText("城市低保标准由每人每月780元提高到820元，农村低保标准由每人每年6800元提高到7200元，自2027年1月1日起执行。")
	test.Tap(v.Save)
	test.Tap(v.Publish)
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, 2, v.State.Current)

	// The archive: both versions, the old one by date, read-only.
	require.Len(t, v.History, 2)
	assert.Equal(t, data.VersionPublished, v.History[0].Status)
	assert.Equal(t, data.VersionSuperseded, v.History[1].Status)
	assert.Equal(t, "已被取代", v.HistoryRows[1].Texts()[3])
	v.AtDay.SetText(data.Day(t1))
	test.Tap(v.AtShow)
	require.NotNil(t, v.Reading)
	assert.Equal(t, 1, v.Reading.Version)
	assert.Equal(t, oldBody, v.Reading.Body)
	v.AtDay.SetText("2026-12-20")
	test.Tap(v.AtShow)
	// The lookup answers under its own field, in the history tab.
	assert.Contains(t, v.AtMessage.Text, "尚无正式公开的版本")
	v.AtDay.SetText("2026-13-45")
	test.Tap(v.AtShow)
	assert.Equal(t, widget.DangerImportance, v.AtMessage.Importance)
	assert.NotEmpty(t, v.AtMessage.Text)
	test.Tap(v.HistoryRows[0])
	assert.Equal(t, 2, v.Reading.Version)

	assert.Equal(t, 1, auditCount(t, r, data.AuditDisclosureNew))
	assert.Equal(t, 1, auditCount(t, r, data.AuditDisclosurePreview))
	assert.Equal(t, 2, auditCount(t, r, data.AuditDisclosurePublish))
	assert.Equal(t, 2, auditCount(t, r, data.AuditDisclosureDraft))
}

func TestDisclosureDueList(t *testing.T) {
	_, s := discRig(t)
	require.NotEmpty(t, s.Due)
	first := s.Due[0]
	assert.Equal(t, "QT-YB2027", first.Code, "the longest overdue first")
	assert.Equal(t, "定期", first.Texts()[2])
	assert.Equal(t, "2026-09-01", first.Texts()[3])
	assert.Equal(t, "已逾期81天", first.Texts()[4])
	var codes []string
	for _, r := range s.Due {
		codes = append(codes, r.Code)
	}
	assert.ElementsMatch(t, []string{"QT-YB2027", "NB-LJZL", "NB-KHKQ"}, codes, "定期 items only; 随时 items are never due")

	var public, internal []string
	for _, r := range s.Public {
		public = append(public, r.Code)
	}
	for _, r := range s.Internal {
		internal = append(internal, r.Code)
	}
	assert.Contains(t, public, "ZD01")
	assert.Equal(t, []string{"NB-LJZL", "NB-KHKQ"}, internal)
	assert.Equal(t, "第2版 2026-07-01 便民服务室（示例）", s.Row("BMCS").Texts()[3])

	test.Tap(first)
	require.NotNil(t, s.Item)
	assert.Equal(t, "QT-YB2027", s.Item.Code)
	assert.Contains(t, s.Item.Summary.Text, "定期公开")
}

func TestInternalRulesForStaff(t *testing.T) {
	r := newRig(t, true)
	r.now = lateNow
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.AdminButton)
	require.NotNil(t, r.d.Admin)
	assert.Nil(t, r.d.Admin.Tabs[staff.SectionDisclosures], "公开内容 is for administrators")
	test.Tap(r.d.Admin.Tabs[staff.SectionInternal])
	in := r.d.Admin.Internal
	require.NotNil(t, in)
	require.Len(t, in.Items, 2)
	assert.Equal(t, "NB-LJZL", in.Selected)
	assert.Equal(t, "2026年第三季度工作人员廉洁自律情况（示例）", in.DocTitle.Text)
	assert.NotEmpty(t, in.DocBody.Text)
	assert.Contains(t, in.DocMeta.Text, "2026-10-09")
	test.Tap(in.Items[1])
	assert.Equal(t, "NB-KHKQ", in.Selected)
	assert.Contains(t, in.DocTitle.Text, "考核考勤奖惩")

	assert.False(t, in.Edit.Visible(), "staff read but do not edit")
	assert.False(t, in.New.Visible())
	in.OpenEditor()
	assert.Nil(t, in.Editor)
	_, err := r.s.SaveDraft(context.Background(), mustSession(t, r), data.DisclosureDraft{Code: "NB-KHKQ",
		Category: data.CatAppraisal, Cadence: data.CadenceRegular, Title: "改", Body: "改"})
	assert.Error(t, err, "the store refuses too")
}

func mustSession(t *testing.T, r *rig) data.Session {
	t.Helper()
	s, ok := r.d.Session()
	require.True(t, ok)
	return s
}

func TestInternalRulesEditedByAdmin(t *testing.T) {
	ctx := context.Background()
	r := adminRig(t)
	r.now = lateNow
	r.d.Admin.Show(staff.SectionInternal)
	in := r.d.Admin.Internal
	require.NotNil(t, in)
	require.True(t, in.Edit.Visible())
	test.Tap(in.Items[1])
	require.Equal(t, "NB-KHKQ", in.Selected)
	oldBody := in.DocBody.Text

	test.Tap(in.Edit)
	v := in.Editor
	require.NotNil(t, v)
	assert.Nil(t, v.Preview, "no 预公开 for an internal item")
	assert.Len(t, v.Tabs.Items, 1, "no opinions tab")
	v.Fields.Title.SetText("2026年11月工作人员考核考勤奖惩情况")
	v.Fields.Body.SetText("11月全员出勤，无迟到早退。王丽娟同学习教育缺席一次，已补学。")
	test.Tap(v.Save)
	test.Tap(v.Publish)
	test.Tap(v.Form.Submit)
	require.False(t, v.Form.Open(), v.Form.Error.Text)
	assert.Equal(t, 2, v.State.Current)

	test.Tap(v.Back)
	in = r.d.Admin.Internal
	assert.Nil(t, in.Editor)
	assert.Equal(t, "NB-KHKQ", in.Selected, "back on the item edited")
	require.Len(t, in.Versions, 2)
	assert.Equal(t, "2026年11月工作人员考核考勤奖惩情况", in.DocTitle.Text)
	assert.True(t, strings.HasPrefix(in.Version.Selected, "第2版（现行）"))
	in.ShowVersion(1)
	assert.Equal(t, oldBody, in.DocBody.Text, "the old version by its date")
	assert.Contains(t, in.DocMeta.Text, "已被新版本取代")

	// Never on the kiosk.
	ns, err := r.s.Notices(ctx, data.AudiencePublic)
	require.NoError(t, err)
	for _, n := range ns {
		assert.NotEqual(t, "NB-KHKQ", n.Code)
	}

	// A new internal item from the section.
	test.Tap(in.New)
	require.NotNil(t, in.NewForm)
	in.NewFields.SetCategory(data.CatInternal)
	in.NewFields.Code.SetText("NB-QT2026")
	in.NewFields.Title.SetText("关于调整值班安排的通知")
	in.NewFields.Body.SetText("自12月起，周六上午由王丽娟值班。")
	test.Tap(in.NewForm.Submit)
	require.False(t, in.NewForm.Open(), in.NewForm.Error.Text)
	require.NotNil(t, in.Editor)
	assert.Equal(t, "NB-QT2026", in.Editor.Code)
	assert.Equal(t, data.AudienceInternal, in.Editor.State.Audience)
}
