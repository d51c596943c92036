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

// TestAdminScreenshots writes the administration screens at 1280×800 into
// $BIANMIN_SHOTS/admin.
func TestAdminScreenshots(t *testing.T) {
	dir := shots.Need(t, "admin")
	t.Setenv("HOME", t.TempDir())
	r := newRig(t, true)
	shot := func(name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	ctx := context.Background()
	rows, err := r.s.Queue(ctx, data.QueueFilter{Group: data.QueueFinished, Page: 1, PageSize: 5})
	require.NoError(t, err)
	require.NoError(t, r.s.Rate(ctx, rows[0].ID, data.RatingBad, "等了很久"))
	require.NoError(t, r.s.Rate(ctx, rows[1].ID, data.RatingVeryBad, "材料说明不清楚，跑了两趟"))
	_, err = r.s.FileComplaint(ctx, data.NewComplaint{Channel: "kiosk", About: data.AboutOther, Body: "大厅没有饮水机。"})
	require.NoError(t, err)
	backups := t.TempDir()
	_, err = r.s.BackupDaily(ctx, backups, 7)
	require.NoError(t, err)
	r.rebuild(t, staff.SectionComplaints, staff.Options{BackupDir: backups,
		Restore: func(context.Context, data.Session, string) (data.RestoreResult, error) {
			return data.RestoreResult{}, nil
		}})
	r.d.Admin.Show(staff.SectionFollowUps)
	shot("admin-followups")
	r.d.Admin.Show(staff.SectionComplaints)
	enterComplaint(t, r)
	shot("admin-complaints")
	list := r.d.Admin.Complaints
	test.Tap(list.Rows[0])
	v := r.d.Admin.Complaint
	test.Tap(v.Actions[staff.CompAssign])
	v.Fields.Handler.SetSelectedIndex(0)
	test.Tap(v.Form.Submit)
	test.Tap(v.Actions[staff.CompInvestigate])
	test.Type(v.Fields.Text, "调取窗口录像并询问当事人，确有答复不耐烦的情况。")
	test.Tap(v.Form.Submit)
	shot("admin-complaint")
	test.Tap(v.Actions[staff.CompDecide])
	v.Fields.Substantiated.SetSelected("属实")
	shot("admin-complaint-decide")
	test.Tap(v.Form.Cancel)
	r.d.Admin.Show(staff.SectionReports)
	shot("admin-reports-month")
	r.d.Admin.Reports.SetPeriod(staff.PeriodThisYear)
	shot("admin-reports")
	r.d.Admin.Show(staff.SectionBackup)
	r.d.Admin.Backup.Source.SetText(r.d.Admin.Backup.Daily[0])
	test.Tap(r.d.Admin.Backup.CheckB)
	shot("admin-backup")
	r.d.Admin.Show(staff.SectionAudit)
	shot("admin-audit")
}
