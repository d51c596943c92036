//go:build shots

package staff_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// TestDisclosureScreenshots writes the 公开内容 and 内部制度 screens at
// 1280×800 as PNGs into $BIANMIN_SHOTS/disclosures (for looking at them).
func TestDisclosureScreenshots(t *testing.T) {
	dir := shots.Need(t, "disclosures")
	shot := func(r *rig, name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	ctx := context.Background()
	r, s := discRig(t)
	shot(r, "disc-list")

	test.Tap(s.New)
	s.NewFields.Code.SetText("QT-DB2027")
	s.NewFields.SetCategory(data.CatOther)
	s.NewFields.SetCadence(data.CadenceRegular)
	s.NewFields.Title.SetText("2027年度低保标准调整（征求意见稿）")
	s.NewFields.Body.SetText("城市低保标准拟由每人每月780元提高到820元。\n农村低保标准拟由每人每年6800元提高到7200元。")
	shot(r, "disc-new")
	test.Tap(s.NewForm.Submit)
	v := s.Item
	shot(r, "disc-item-draft")
	test.Tap(v.Preview)
	shot(r, "disc-preview-dialog")
	test.Tap(v.Form.Submit)
	ps, err := r.s.Previews(ctx)
	require.NoError(t, err)
	_, err = r.s.AddComment(ctx, ps[0].VersionID, "建议对重度残疾人单独提高补助。", "13800138000")
	require.NoError(t, err)
	_, err = r.s.AddComment(ctx, ps[0].VersionID, "希望写明从哪个月开始执行。", "")
	require.NoError(t, err)
	v.Reload()
	shot(r, "disc-item-preview")
	test.Tap(v.Publish)
	shot(r, "disc-publish-dialog")
	test.Tap(v.Form.Submit)
	r.now = r.now.AddDate(0, 0, 3)
	v.Fields.Body.SetText("城市低保标准由每人每月780元提高到820元，农村低保标准由每人每年6800元提高到7200元，自2027年1月1日起执行。")
	test.Tap(v.Save)
	test.Tap(v.Publish)
	test.Tap(v.Form.Submit)
	v.Tabs.SelectIndex(1)
	shot(r, "disc-item-history")
	v.AtDay.SetText(data.Day(lateNow))
	test.Tap(v.AtShow)
	shot(r, "disc-read-old")
	v.Reader.Hide()

	c := newRig(t, true)
	c.now = lateNow
	c.login(t, "王丽娟", clerkPIN)
	test.Tap(c.d.AdminButton)
	test.Tap(c.d.Admin.Tabs[staff.SectionInternal])
	shot(c, "internal-staff")

	r.d.Admin.Show(staff.SectionInternal)
	shot(r, "internal-admin")
	test.Tap(r.d.Admin.Internal.Edit)
	shot(r, "internal-editor")
}
