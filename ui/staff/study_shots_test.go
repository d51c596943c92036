//go:build shots

package staff_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// TestStudyScreenshots writes 学习培训, 点名, 责任追究 and 个人档案 at
// 1280×800 as PNGs into $BIANMIN_SHOTS (for looking at them).
func TestStudyScreenshots(t *testing.T) {
	dir := shots.Need(t, "")
	r := adminRig(t)
	shot := func(name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	ctx := context.Background()
	admin, _ := r.d.Session()
	day := func(s string) time.Time {
		x, err := data.ParseDay(s)
		require.NoError(t, err)
		return x
	}
	jan, err := r.s.AddStudySession(ctx, admin, day("2026-01-16"), "医保参保政策解读", data.StudyMonthly, "二楼会议室")
	require.NoError(t, err)
	_, err = r.s.AddStudySession(ctx, admin, day("2026-03-20"), "窗口服务礼仪", data.StudyTraining, "")
	require.NoError(t, err)
	present := map[int64]bool{}
	for name, id := range r.ids {
		present[id] = name != "赵磊"
	}
	require.NoError(t, r.s.RollCall(ctx, admin, jan, present, map[int64]string{r.ids["赵磊"]: "请假"}))
	r.now = time.Date(2026, 3, 4, 8, 49, 0, 0, data.China)
	_, err = r.s.SignIn(ctx, data.Session{StaffID: r.ids["王丽娟"]})
	require.NoError(t, err)
	r.now = fixedNow
	_, err = r.s.AddAccountability(ctx, admin, data.NewAccountability{StaffID: r.ids["王丽娟"], Kind: data.AccRectify,
		Note: "2026年3月4日签到时间08:49，晚于上班时间08:30。", Deadline: day("2026-03-06")})
	require.NoError(t, err)
	_, err = r.s.AddAccountability(ctx, admin, data.NewAccountability{StaffID: r.ids["刘伟"], Kind: data.AccCriticism,
		Note: "窗口午间无人值守，未按规定放置去向牌。"})
	require.NoError(t, err)

	r.d.Admin.Show(staff.SectionStudy)
	s := r.d.Admin.Study
	shot("study-list")
	test.Tap(s.Add)
	shot("study-add")
	test.Tap(s.AddForm.Cancel)
	test.Tap(s.Sessions[1])
	test.Tap(rollRow(t, s.Roll, "王丽娟").Leave)
	test.Tap(rollRow(t, s.Roll, "刘伟").Absent)
	shot("study-roll")
	test.Tap(s.Roll.Back)

	r.d.Admin.Show(staff.SectionAccountability)
	a := r.d.Admin.Accountability
	shot("acct-list")
	test.Tap(a.Add)
	shot("acct-add")
	test.Tap(a.AddForm.Cancel)
	test.Tap(a.Rows[0])
	shot("acct-outcome")
	test.Tap(a.OutcomeForm.Cancel)
	test.Tap(a.Rows[0].Name)
	shot("record")
}
