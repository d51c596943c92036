package staff_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// orgRig is an administrator with 机构与人员 open at part.
func orgRig(t *testing.T, part string) (*rig, *staff.OrgScreen) {
	t.Helper()
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionOrg)
	o := r.d.Admin.Org
	require.NotNil(t, o)
	o.Show(part)
	return r, o
}

// writePNG writes a w×h PNG photo into dir and returns its path.
func writePNG(t *testing.T, dir string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(y), B: 160, A: 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	p := filepath.Join(dir, "photo.png")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o600))
	return p
}

// orgShot writes the window as PNG into $BIANMIN_SHOTS/org when set.
func orgShot(t *testing.T, r *rig, name string) {
	t.Helper()
	dir := shots.Dir(t, "org")
	if dir == "" {
		return
	}
	shots.Save(t, dir, name, r.w.Canvas())
}

func TestOrgCenterEdit(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartCenter)
	ctx := context.Background()
	f := o.Center
	require.NotNil(t, f)
	before, err := r.s.Center(ctx)
	require.NoError(t, err)
	assert.Equal(t, before.Name, f.Name.Text)
	assert.Equal(t, "08:30-12:00 14:30-17:30", f.Hours[1].Text)
	orgShot(t, r, "center")

	// Refusals keep the form and say what to fix.
	f.ComplaintDays.SetText("十天")
	test.Tap(f.Save)
	assert.Contains(t, f.Status.Text, "投诉办理时限")
	f.ComplaintDays.SetText("12")
	idle := f.IdleSeconds.Text
	f.IdleSeconds.SetText("九十")
	test.Tap(f.Save)
	assert.Equal(t, "“自助机无操作返回首页（秒）”请填写数字。", f.Status.Text)
	f.IdleSeconds.SetText(idle)
	f.Hours[6].SetText("上午")
	test.Tap(f.Save)
	assert.Contains(t, f.Status.Text, "周六的办公时间“上午”看不懂")
	f.Hours[6].SetText("09:00-12:00")
	f.Name.SetText("")
	test.Tap(f.Save)
	assert.Equal(t, "请填写服务室名称。", f.Status.Text)
	got, err := r.s.Center(ctx)
	require.NoError(t, err)
	assert.Equal(t, before.Name, got.Name, "nothing saved yet")

	f.Name.SetText("红旗街社区便民服务室")
	f.Remedy.SetText("如不服本决定，可在六十日内申请行政复议，或在六个月内提起行政诉讼。")
	test.Tap(f.Save)
	assert.Contains(t, f.Status.Text, "机构信息已保存")
	got, err = r.s.Center(ctx)
	require.NoError(t, err)
	assert.Equal(t, "红旗街社区便民服务室", got.Name)
	assert.Equal(t, 12, got.ComplaintDays)
	assert.Equal(t, "09:00-12:00", data.FormatDayHours(got.Hours, 6))
	assert.Contains(t, got.Remedy, "行政复议")
	page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditCenterEdit})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Contains(t, page.Entries[0].Detail, "名称")
	orgShot(t, r, "center-saved")
}

func TestOrgWindowAddWithPosts(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartWindows)
	ctx := context.Background()
	l := o.Windows
	require.NotNil(t, l)
	require.Len(t, l.Rows, 4)
	orgShot(t, r, "windows")

	test.Tap(l.Add)
	require.NotNil(t, l.WindowFields)
	l.WindowFields.Code.SetText("1")
	l.WindowFields.Name.SetText("便民综合窗口")
	test.Tap(l.Form.Submit)
	assert.Contains(t, l.Form.Error.Text, "已被其他窗口使用")
	assert.True(t, l.Form.Open())
	l.WindowFields.Code.SetText("5")
	l.WindowFields.Duties.SetText("综合咨询、代办登记")
	orgShot(t, r, "window-add")
	test.Tap(l.Form.Submit)
	assert.False(t, l.Form.Open())
	row := l.Row("5")
	require.NotNil(t, row)
	assert.Equal(t, "空缺", row.Texts[2])

	test.Tap(row.Posts)
	require.NotNil(t, l.PostFields)
	l.PostFields.ChooseA("赵磊")
	l.PostFields.ChooseB("赵磊")
	test.Tap(l.Form.Submit)
	assert.Contains(t, l.Form.Error.Text, "A岗和B岗不能是同一个人")
	l.PostFields.ChooseB("刘伟")
	orgShot(t, r, "window-posts")
	test.Tap(l.Form.Submit)
	require.False(t, l.Form.Open())
	row = l.Row("5")
	require.NotNil(t, row)
	assert.Equal(t, []string{"赵磊", "刘伟"}, row.Texts[2:4])

	ws, err := r.s.OrgWindows(ctx)
	require.NoError(t, err)
	for _, w := range ws {
		switch w.Code {
		case "5":
			assert.Equal(t, r.ids["赵磊"], w.AID)
			assert.Equal(t, r.ids["刘伟"], w.BID)
			assert.Equal(t, "综合咨询、代办登记", w.Duties)
		case "1":
			assert.Zero(t, w.BID, "赵磊 left window 1's B post")
		}
	}

	// 停用 needs the window empty of staff first.
	l.Stop(row.Window)
	assert.Contains(t, l.Status.Text, "该窗口还有工作人员：刘伟、赵磊")
	assert.NotNil(t, l.Row("5"))

	// A window nothing refers to is deleted by 停用.
	test.Tap(l.Add)
	l.WindowFields.Code.SetText("6")
	l.WindowFields.Name.SetText("临时窗口")
	test.Tap(l.Form.Submit)
	require.NotNil(t, l.Row("6"))
	l.Stop(l.Row("6").Window)
	assert.Contains(t, l.Status.Text, "已删除")
	assert.Nil(t, l.Row("6"))
}

func TestOrgStaffAddWithPhoto(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartStaff)
	ctx := context.Background()
	l := o.Staff
	require.NotNil(t, l)
	require.NotNil(t, l.Row("张建华"))
	orgShot(t, r, "staff")

	test.Tap(l.Add)
	f := l.Fields
	require.NotNil(t, f)
	f.Name.SetText("周敏")
	f.Code.SetText("S07")
	f.Post.SetText("网格员")
	f.Phone.SetText("13800000007")
	f.ChooseWindow("4")
	f.ChooseAB("A")
	f.Duties.SetText("卫生健康与助残窗口A岗。")

	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.png")
	require.NoError(t, os.WriteFile(junk, []byte("this is not a picture"), 0o600))
	f.PhotoPath.SetText(junk)
	test.Tap(f.PhotoLoad)
	assert.Contains(t, l.Form.Error.Text, "JPG 或 PNG")
	assert.Nil(t, f.NewPhoto)
	f.PhotoPath.SetText(filepath.Join(dir, "missing.png"))
	test.Tap(f.PhotoLoad)
	assert.Contains(t, l.Form.Error.Text, "找不到这个照片文件")

	f.PhotoPath.SetText(writePNG(t, dir, 900, 600))
	test.Tap(f.PhotoLoad)
	assert.Empty(t, l.Form.Error.Text)
	require.NotNil(t, f.NewPhoto)
	assert.Contains(t, f.PhotoInfo.Text, "照片已载入")
	orgShot(t, r, "staff-add")
	test.Tap(l.Form.Submit)
	require.False(t, l.Form.Open(), l.Form.Error.Text)

	row := l.Row("周敏")
	require.NotNil(t, row)
	assert.Equal(t, "卫生健康与助残窗口 · A岗", row.Texts[3])
	assert.Contains(t, row.Texts[5], "未设密码")
	cfg, format, err := image.DecodeConfig(bytes.NewReader(row.Record.Photo))
	require.NoError(t, err)
	assert.Equal(t, "jpeg", format)
	assert.Equal(t, data.PhotoWidth, cfg.Width)
	assert.Equal(t, data.PhotoHeight, cfg.Height)
	cards, err := r.s.StaffCards(ctx)
	require.NoError(t, err)
	var shown bool
	for _, c := range cards {
		shown = shown || (c.Name == "周敏" && bytes.Equal(c.Photo, row.Record.Photo))
	}
	assert.True(t, shown, "the kiosk's staff cards show the new photo")

	// A PIN lets them sign in.
	test.Tap(row.PIN)
	require.NotNil(t, l.PIN)
	l.PIN.PIN.SetText("2580")
	l.PIN.Again.SetText("2580")
	test.Tap(l.Form.Submit)
	assert.Contains(t, l.Form.Error.Text, "键盘上的一条线", "a common PIN is refused, saying why")
	l.PIN.PIN.SetText("3816")
	l.PIN.Again.SetText("3817")
	test.Tap(l.Form.Submit)
	assert.Contains(t, l.Form.Error.Text, "两次输入的密码不一致")
	l.PIN.Again.SetText("3816")
	test.Tap(l.Form.Submit)
	require.False(t, l.Form.Open())
	_, err = r.s.Login(ctx, "S07", "3816")
	require.NoError(t, err)
	orgShot(t, r, "staff-after")
}

func TestOrgStaffLastAdminAndUnlock(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartStaff)
	ctx := context.Background()
	l := o.Staff
	me := l.Row("张建华")
	require.NotNil(t, me)
	test.Tap(me.Edit)
	l.Fields.ChooseRole(data.RoleStaff)
	test.Tap(l.Form.Submit)
	assert.Contains(t, l.Form.Error.Text, "至少要保留一位可以登录的管理员")
	assert.True(t, l.Form.Open())
	orgShot(t, r, "staff-last-admin")
	test.Tap(l.Form.Cancel)

	// 王丽娟 locks herself out; the administrator unlocks her.
	for range data.MaxPINFailures {
		_, err := r.s.Login(ctx, "S03", "0000")
		require.Error(t, err)
	}
	l.Reload()
	row := l.Row("王丽娟")
	require.NotNil(t, row)
	assert.Contains(t, row.Texts[5], "已锁定")
	assert.True(t, row.Unlock.Visible())
	test.Tap(row.Unlock)
	assert.Contains(t, l.Status.Text, "已解除王丽娟的账号锁定")
	assert.False(t, l.Row("王丽娟").Unlock.Visible())
	_, err := r.s.Login(ctx, "S03", clerkPIN)
	require.NoError(t, err)

	// An administrator's PIN: 6 to 8 digits, said before and after.
	test.Tap(l.Row("张建华").PIN)
	require.NotNil(t, l.PIN)
	assert.Contains(t, l.PIN.PIN.PlaceHolder, "6至8位")
	l.PIN.PIN.SetText("3816")
	l.PIN.Again.SetText("3816")
	test.Tap(l.Form.Submit)
	assert.Contains(t, l.Form.Error.Text, "管理员密码应为6至8位数字")
	test.Tap(l.Form.Cancel)
}

func TestOrgBoardLeaveRoutesToB(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartBoard)
	ctx := context.Background()
	// Window 1 (社会保障窗口): A 王丽娟, B 赵磊; both sign in.
	for _, name := range []string{"王丽娟", "赵磊"} {
		_, err := r.s.SignIn(ctx, data.Session{StaffID: r.ids[name]})
		require.NoError(t, err)
	}
	var win1 int64
	ws, err := r.s.Windows(ctx)
	require.NoError(t, err)
	for _, w := range ws {
		if w.Code == "1" {
			win1 = w.ID
		}
	}
	route, err := r.s.RouteWindow(ctx, win1)
	require.NoError(t, err)
	require.Equal(t, r.ids["王丽娟"], route.StaffID)

	b := o.Board
	require.NotNil(t, b)
	b.Reload()
	require.NotEmpty(t, b.Windows)
	assert.Equal(t, "A岗王丽娟在岗", b.Windows[0][3])
	var row *staff.OrgDutyRow
	for _, x := range b.Rows {
		if x.Entry.Name == "王丽娟" {
			row = x
		}
	}
	require.NotNil(t, row)
	assert.Equal(t, "在岗", row.Texts[2])
	orgShot(t, r, "board")

	test.Tap(row.Set)
	require.NotNil(t, b.Fields)
	b.Fields.ChooseStatus(data.DutyLeave)
	b.Fields.Note.SetText("病假")
	b.Fields.Return.SetText("明天")
	test.Tap(b.Form.Submit)
	assert.Contains(t, b.Form.Error.Text, "预计返回时间请写成")
	b.Fields.Return.SetText("2026-03-06")
	orgShot(t, r, "board-where")
	test.Tap(b.Form.Submit)
	require.False(t, b.Form.Open(), b.Form.Error.Text)

	route, err = r.s.RouteWindow(ctx, win1)
	require.NoError(t, err)
	assert.Equal(t, r.ids["赵磊"], route.StaffID, "A on leave: the window routes to B")
	assert.True(t, route.Covering)
	assert.Equal(t, "A岗王丽娟请假，由B岗赵磊顶岗", b.Windows[0][3])
	for _, x := range b.Rows {
		if x.Entry.Name == "王丽娟" {
			assert.Equal(t, "请假", x.Texts[2])
			assert.Equal(t, "—", x.Texts[3], "the reason for leave is not on the board")
			assert.Equal(t, "3月6日", x.Texts[4])
		}
	}
	page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditWhereabouts})
	require.NoError(t, err)
	require.NotEmpty(t, page.Entries)
	assert.Contains(t, page.Entries[0].Detail, "管理员代为登记")
	orgShot(t, r, "board-after")
}
