package staff_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
	"bianmin/ui/staff"
)

// registerLXBT registers a 残疾人两项补贴 request (联合办理: lead window 2,
// participating window 4) with every material brought.
func (r *rig) registerLXBT(t *testing.T) data.Receipt {
	t.Helper()
	it := r.itemByCode(t, "LXBT")
	var all []int64
	for _, m := range it.Materials {
		all = append(all, m.ID)
	}
	rc, err := r.s.Register(context.Background(), data.Registration{ItemID: it.ID, Channel: data.ChannelWindow,
		Name: "钱守义", Phone: "13600136000", IDNumber: validID("19580304", 11),
		Fields: map[string]string{"subsidy_type": "困难残疾人生活补贴" + data.ChoiceSep + "重度残疾人护理补贴",
			"disability_type": "肢体残疾", "disability_level": "一级", "family_status": "低保家庭"},
		Brought: all, Consent: true})
	require.NoError(t, err)
	return rc
}

// acceptedYL is a 养老保险参保登记 accepted in 承诺办理 by the clerk, open on
// screen.
func (r *rig) acceptedYL(t *testing.T) (*staff.Request, data.Receipt) {
	t.Helper()
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModePromise)
	require.Equal(t, data.StatusAccepted, req.Detail.Status)
	return req, rc
}

func (r *rig) detail(t *testing.T, id int64) data.RequestDetail {
	t.Helper()
	det, err := r.s.RequestDetail(context.Background(), id)
	require.NoError(t, err)
	return det
}

// submitExpect taps 确定 and checks the dialog stayed open with msg.
func submitExpect(t *testing.T, req *staff.Request, msg string) {
	t.Helper()
	f := req.Form
	require.NotNil(t, f)
	test.Tap(f.Submit)
	require.NotNil(t, req.Form, "the dialog stays open on %q", msg)
	assert.Contains(t, f.Error.Text, msg)
}

func TestEscalateDialog(t *testing.T) {
	r := newRig(t, true)
	req, rc := r.acceptedYL(t)
	require.Contains(t, req.Actions, data.ActEscalate)
	test.Tap(req.Actions[data.ActEscalate])
	f := req.Form
	step := f.Step.(*staff.EscalateForm)
	require.NotNil(t, step.Sent)
	assert.Equal(t, "2026-03-05", step.Sent.Text, "the day sent defaults to today")

	for name, tc := range map[string]struct {
		dept, sent, expected, msg string
	}{
		"ErrNoDepartment":    {sent: "2026-03-05", msg: "请填写报送的上级部门"},
		"ErrSentNotADate":    {dept: "王益区社保中心", sent: "3月某日", msg: "报送日期格式不正确"},
		"ErrSentInFuture":    {dept: "王益区社保中心", sent: "2026-03-09", msg: "报送日期不能晚于今天"},
		"ErrExpectedBefore":  {dept: "王益区社保中心", sent: "2026-03-04", expected: "2026-03-03", msg: "不能早于报送日期"},
		"ErrExpectedNotDate": {dept: "王益区社保中心", sent: "2026-03-04", expected: "下周", msg: "预计反馈日期格式不正确"},
	} {
		t.Run(name, func(t *testing.T) {
			step.Department.SetText(tc.dept)
			step.Sent.SetText(tc.sent)
			step.Expected.SetText(tc.expected)
			submitExpect(t, req, tc.msg)
			assert.Equal(t, data.StatusAccepted, r.detail(t, rc.RequestID).Status)
		})
	}

	step.Department.SetText("王益区社保中心")
	step.Sent.SetText("2026-3-4")
	step.Expected.SetText("2026年3月20日")
	step.Note.SetText("材料原件已随件报送")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusEscalated, det.Status)
	assert.Equal(t, "王益区社保中心", det.UpperDepartment)
	assert.Equal(t, "2026-03-04", det.UpperSentDay)
	assert.Equal(t, "2026-03-20", det.UpperExpectedDay)
	assert.Equal(t, data.StatusEscalated, req.Detail.Status, "the screen shows the new state")

	// 上报结果: required, then the request is back in progress.
	require.Contains(t, req.Actions, data.ActUpperResult)
	test.Tap(req.Actions[data.ActUpperResult])
	submitExpect(t, req, "审批结果")
	req.Form.Step.(*staff.UpperResultForm).Text.SetText("审核通过，次月起发放")
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusAccepted, det.Status)
	assert.Contains(t, det.Events[len(det.Events)-1].Note, "审核通过，次月起发放")
}

func TestJointPartsThenFinish(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerLXBT(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModeJoint)
	require.Len(t, req.Detail.Parts, 2)
	assert.True(t, req.Detail.Parts[0].Lead)
	require.Contains(t, req.Actions, data.ActJointPart)

	// Finishing before the participating window's part is in is refused.
	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已审核通过，报区残联发放")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyPhone)
	submitExpect(t, req, "还有配合窗口未完成：卫生健康与助残窗口")
	test.Tap(req.Form.Cancel)
	require.Nil(t, req.Form)

	test.Tap(req.Actions[data.ActJointPart])
	f := req.Form
	step := f.Step.(*staff.JointPartForm)
	require.Equal(t, []string{"卫生健康与助残窗口"}, step.Window.Options, "only the pending participating window")
	step.Window.SetSelectedIndex(0)
	submitExpect(t, req, "请填写本窗口的办理情况")
	step.Note.SetText("已核对残疾人证等级")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	det := r.detail(t, rc.RequestID)
	assert.False(t, det.Parts[1].Done.IsZero())
	assert.Equal(t, "王丽娟", det.Parts[1].StaffName)
	assert.NotContains(t, req.Actions, data.ActJointPart, "no part is pending: the button goes")

	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已审核通过，报区残联发放")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyPhone)
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status)
	assert.False(t, det.Parts[0].Done.IsZero(), "the lead's part closes with the request")
}

func TestPauseAndResumeDialogs(t *testing.T) {
	r := newRig(t, true)
	req, rc := r.acceptedYL(t)
	due := req.Detail.DueDay
	test.Tap(req.Actions[data.ActPause])
	f := req.Form
	step := f.Step.(*staff.PauseForm)
	for name, tc := range map[string]struct{ reason, restart, msg string }{
		"ErrNoReason":      {restart: "2026-03-12", msg: "须写明理由"},
		"ErrNoRestart":     {reason: "需实地核查", msg: "请选择恢复计时的日期"},
		"ErrRestartBadDay": {reason: "需实地核查", restart: "下周一", msg: "恢复计时日期格式不正确"},
		"ErrRestartToday":  {reason: "需实地核查", restart: "2026-03-05", msg: "应晚于今天"},
	} {
		t.Run(name, func(t *testing.T) {
			step.Reason.SetText(tc.reason)
			step.Restart.SetText(tc.restart)
			submitExpect(t, req, tc.msg)
			assert.Empty(t, r.detail(t, rc.RequestID).Pauses)
		})
	}
	step.Reason.SetText("需入户实地核查家庭情况")
	step.Restart.SetText("2026-03-12")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	det := r.detail(t, rc.RequestID)
	require.Len(t, det.Pauses, 1)
	assert.Equal(t, ClockPauseWant{"2026-03-05", "2026-03-12", "需入户实地核查家庭情况"},
		ClockPauseWant{det.Pauses[0].FromDay, det.Pauses[0].ToDay, det.Pauses[0].Reason})
	assert.Greater(t, det.DueDay, due, "the due day moves with the pause")

	// While paused the screen offers 恢复计时 and not 暂停计时; a second
	// pause (another desk still showing the button) is refused politely.
	assert.NotContains(t, req.Actions, data.ActPause)
	require.Contains(t, req.Actions, data.ActResume)
	req.OpenAction(data.ActPause)
	req.Form.Step.(*staff.PauseForm).Reason.SetText("另需公示")
	req.Form.Step.(*staff.PauseForm).Restart.SetText("2026-03-20")
	submitExpect(t, req, "正在暂停计时")
	test.Tap(req.Form.Cancel)

	test.Tap(req.Actions[data.ActResume])
	req.Form.Step.(*staff.ResumeForm).Text.SetText("核查提前完成")
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, "2026-03-05", det.Pauses[0].ToDay, "resumed today")
	assert.Equal(t, due, det.DueDay, "a pause ended the day it began costs nothing")

	// Resumed: 暂停计时 is back; resuming again (from a stale screen):
	// nothing is paused.
	assert.NotContains(t, req.Actions, data.ActResume)
	require.Contains(t, req.Actions, data.ActPause)
	req.OpenAction(data.ActResume)
	submitExpect(t, req, "没有在暂停计时")
}

// ClockPauseWant is what a pause is checked for.
type ClockPauseWant struct{ From, To, Reason string }

func TestWithdrawDialog(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActWithdraw])
	submitExpect(t, req, "请写明申请人撤回的原因")
	req.Form.Step.(*staff.WithdrawForm).Reason.SetText("申请人已在单位参保，不再需要")
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusWithdrawn, det.Status)
	assert.Equal(t, "申请人撤回：申请人已在单位参保，不再需要", det.Result)
	assert.Equal(t, []data.Action{data.ActNote}, det.Allowed)
	assert.NotContains(t, req.Actions, data.ActWithdraw)
}

func TestRefuseQuickPicksAndEditor(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "张建华", adminPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActRefuse])
	f := req.Form
	step := f.Step.(*staff.RefuseForm)
	require.NotNil(t, step.ReasonPicks)
	require.Len(t, step.ReasonPicks.Options, 5, "the seeded common reasons")
	step.ReasonPicks.SetSelectedIndex(1)
	assert.Equal(t, "申请人不符合该事项规定的申请条件。", step.Reason.Text, "a pick fills the reason")

	// The administrators' editor.
	require.NotNil(t, step.ManageReasons)
	test.Tap(step.ManageReasons)
	e := step.Reasons
	require.NotNil(t, e)
	require.Len(t, e.Entries, 5)
	test.Tap(e.Add)
	assert.Equal(t, "请填写理由的内容。", e.Error.Text)
	e.New.SetText("申请人户籍不在本社区，请到户籍所在地办理。")
	test.Tap(e.Add)
	assert.Equal(t, "已添加。", e.Error.Text, "the editor says what was done")
	require.Len(t, e.Entries, 6)
	assert.Empty(t, e.New.Text)
	assert.Contains(t, step.ReasonPicks.Options, "申请人户籍不在本社区，请到户籍所在地办理。", "the picks follow")

	test.Tap(e.Up[5])
	assert.Equal(t, "申请人户籍不在本社区，请到户籍所在地办理。", e.Reasons[4].Text)
	e.Entries[0].SetText("申请事项不属于本服务室受理范围。")
	test.Tap(e.Save[0])
	assert.Equal(t, "已保存。", e.Error.Text)
	test.Tap(e.Delete[1])
	assert.Equal(t, "已删除。", e.Error.Text)
	require.Len(t, e.Entries, 5)
	e.Entries[0].SetText(e.Reasons[1].Text)
	test.Tap(e.Save[0])
	assert.Contains(t, e.Error.Text, "已有相同")
	test.Tap(e.Close)

	list, err := r.s.RefusalReasons(context.Background())
	require.NoError(t, err)
	require.Len(t, list, 5)
	assert.Equal(t, "申请事项不属于本服务室受理范围。", list[0].Text)
	assert.Equal(t, "申请人户籍不在本社区，请到户籍所在地办理。", list[3].Text)
	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditRefusalReasonEdit})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 1)

	// The picked reason, then refused: the notice carries it.
	step.ReasonPicks.SetSelectedIndex(3)
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, "不予受理：申请人户籍不在本社区，请到户籍所在地办理。", det.Result)
}

func TestRefuseClerkHasNoEditor(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActRefuse])
	require.NotNil(t, req.Form.Step.(*staff.RefuseForm).ReasonPicks)
	assert.NotEmpty(t, req.Form.Step.(*staff.RefuseForm).ReasonPicks.Options)
	assert.Nil(t, req.Form.Step.(*staff.RefuseForm).ManageReasons)
}

func TestReprintIssuedNotices(t *testing.T) {
	r := newRig(t, true)
	req, rc := r.acceptedYL(t)
	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已完成参保登记")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyInPerson)
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	require.True(t, req.NoticesButton.Visible())

	test.Tap(req.NoticesButton)
	require.Len(t, req.NoticeChoices, 2)
	assert.Contains(t, req.NoticeChoices[0].Text, "承诺办结通知单")
	assert.Contains(t, req.NoticeChoices[1].Text, "办结通知单")
	test.Tap(req.NoticeChoices[0])
	require.Len(t, r.printer.Jobs, 1)
	assert.Equal(t, "A4", r.printer.Media[0])
	assert.Equal(t, "承诺办结通知单已补打，请取纸。", req.ReprintStatus.Text)

	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditNoticeReprint})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Equal(t, "办件 "+rc.ReceiptNo, page.Entries[0].Target)
	assert.Equal(t, "承诺办结通知单", page.Entries[0].Detail)

	flat := papertest.Words(t, r.printer.Jobs[0], "-layout")
	assert.Contains(t, flat, "承诺办结通知单")
	assert.Contains(t, flat, rc.ReceiptNo)
	assert.Contains(t, flat, "2026年3月5日")
}

func TestReprintNoticesNoneYet(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.NoticesButton)
	assert.Empty(t, req.NoticeChoices)
	assert.Empty(t, r.printer.Jobs)
}

// samplePNG is a small picture to stand for a 样表.
func samplePNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 60))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	img.Set(20, 30, color.Black)
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

func TestPrintPrefilledForm(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t, func(reg *data.Registration) { reg.NeedsHelp = true })
	it := r.itemByCode(t, "YL")
	ctx := context.Background()
	admin, err := r.s.LoginID(ctx, r.ids["张建华"], adminPIN)
	require.NoError(t, err)
	it.Materials[2].SampleName, it.Materials[2].SampleData = "dengjibiao.png", samplePNG(t)
	_, err = r.s.SaveItem(ctx, admin, it)
	require.NoError(t, err)
	require.NoError(t, r.s.Logout(ctx, admin, ""))
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	require.True(t, req.FormButton.Visible())
	assert.Equal(t, widget.HighImportance, req.FormButton.Importance, "協助 requests: the form comes first")

	test.Tap(req.FormButton)
	require.Len(t, r.printer.Jobs, 1)
	assert.Equal(t, "A4", r.printer.Media[0])
	assert.Contains(t, req.ReprintStatus.Text, "核对签字")
	flat := papertest.Words(t, r.printer.Jobs[0], "-layout")
	for _, want := range []string{"城乡居民基本养老保险参保登记申请表", rc.ReceiptNo, "赵桂兰", "13900139000",
		validID("19650712", 42), "200元/年", "1965-07-12", "申请人签字", "样表（参考）",
		"城乡居民基本养老保险参保登记表（dengjibiao.png）"} {
		assert.Contains(t, flat, want)
	}
}

// failPrinter fails every job with err.
type failPrinter struct{ err error }

func (p failPrinter) Print(context.Context, []byte, string) (string, error) { return "", p.err }

// TestPrintFailureSpeaksToStaff: a failed print on the request screen says
// in red what the clerk can do about it, not the resident's words (您的申请
// 已保存, 请联系工作人员); the next step clears it.
func TestPrintFailureSpeaksToStaff(t *testing.T) {
	for name, tc := range map[string]struct {
		err  error
		want string
	}{
		"no default printer": {&paper.PrintError{Kind: paper.ErrPrinterMissing}, "本机没有设置默认打印机"},
		"missing queue":      {&paper.PrintError{Queue: "desk-a4", Kind: paper.ErrPrinterMissing}, "找不到打印机“desk-a4”"},
		"stopped":            {&paper.PrintError{Queue: "desk-a4", Kind: paper.ErrPrinterStopped}, "打印机已暂停"},
		"no CUPS":            {&paper.PrintError{Kind: paper.ErrNoCUPS}, "打印服务未启动"},
		"job failed":         {&paper.PrintError{Queue: "desk-a4", Kind: paper.ErrJobFailed}, "打印未完成"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, true)
			rc := r.registerYL(t)
			r.d = staff.New(r.s, r.w, staff.Options{Context: context.Background(),
				Now: func() time.Time { return r.now }, Run: func(f func()) { f() }, After: r.timers.After,
				Printer: failPrinter{tc.err}})
			r.w.SetContent(r.d.Content())
			r.d.Open()
			r.login(t, "王丽娟", clerkPIN)
			req := r.openNew(t, rc)
			test.Tap(req.FormButton)
			assert.Contains(t, req.ReprintStatus.Text, tc.want)
			assert.NotContains(t, req.ReprintStatus.Text, "您的申请已保存")
			assert.Equal(t, widget.DangerImportance, req.ReprintStatus.Importance)
			assert.True(t, req.ReprintStatus.Visible())

			test.Tap(req.Actions[data.ActNote])
			req.Form.Step.(*staff.NoteForm).Note.SetText("已电话联系申请人")
			test.Tap(req.Form.Submit)
			require.Nil(t, req.Form)
			assert.False(t, req.ReprintStatus.Visible(), "a step clears the earlier print's outcome")
		})
	}
}

// TestAcceptNoteFollowsMode: for 直接办理 the note is the result told to
// the resident, otherwise an internal note; the label says which.
func TestAcceptNoteFollowsMode(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActAccept])
	f := req.Form
	step := f.Step.(*staff.AcceptForm)
	step.SetMode(data.ModePromise)
	assert.Equal(t, "内部备注（选填）", step.NoteLabel.Text)
	step.SetMode(data.ModeDirect)
	assert.Contains(t, step.NoteLabel.Text, "告知申请人")
	assert.Contains(t, step.Note.PlaceHolder, "当场办结")
	step.Note.SetText("已当场办理参保登记")
	require.True(t, step.MissingShown(), "registered with one material of several")
	step.ConfirmMissing.SetChecked(true)
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status)
	assert.Equal(t, "已当场办理参保登记", det.Result)
}

// TestActionErrorOutsideScroll: a step's message is shown below the
// fields, beside the buttons, so a long form cannot hide it; it is hidden
// while there is nothing to say.
func TestActionErrorOutsideScroll(t *testing.T) {
	r := newRig(t, true)
	req, _ := r.acceptedYL(t)
	test.Tap(req.Actions[data.ActEscalate])
	f := req.Form
	step := f.Step.(*staff.EscalateForm)
	assert.False(t, f.Error.Visible())
	step.Expected.SetText("下周")
	test.Tap(f.Submit)
	assert.True(t, f.Error.Visible())
	assert.Equal(t, "预计反馈日期格式不正确，请按 2026-03-20 的格式填写。", f.Error.Text)
	// In the window: the message lies within the 800 px screen.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Error)
	assert.Less(t, pos.Y+f.Error.Size().Height, float32(800))
	assert.Less(t, pos.Y+f.Error.Size().Height, fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Submit).Y+1)
}

// TestIntakeMessagesInSight: walk-in registration says what to fix beside
// 登记, below the form (not at the end of a long scroll), and asks the
// clerk, not the kiosk user, for the resident's consent.
func TestIntakeMessagesInSight(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	in.SelectItem("城乡居民基本养老保险参保登记")
	require.NotZero(t, in.Item.ID)
	test.Tap(in.Submit)
	assert.NotEmpty(t, in.Error.Text)
	drv := fyne.CurrentApp().Driver()
	assert.LessOrEqual(t, drv.AbsolutePositionForObject(in.Submit).Y+in.Submit.Size().Height, float32(800),
		"登记 is on the screen without scrolling")
	assert.LessOrEqual(t, drv.AbsolutePositionForObject(in.Error).Y+in.Error.Size().Height, float32(800))

	in.Fields["contribution_tier"].(interface{ SetSelected(string) }).SetSelected("300元/年")
	in.Fields["special_group"].(interface{ SetSelected(string) }).SetSelected("否")
	in.Fields["birth_date"].(interface{ SetText(string) }).SetText("1962-01-20")
	in.Name.SetText("李秀英")
	in.Phone.SetText("13700137000")
	in.IDNumber.SetText(validID("19620120", 7))
	test.Tap(in.Submit)
	assert.Equal(t, "请向申请人告知个人信息保护事项，征得同意后勾选“申请人同意”一项。", in.Error.Text)
	assert.False(t, in.Registered)
}

// TestReprintChoicesReadAndShow: the 补打通知书 chooser names the notices
// in the staff's language (it named them in Chinese on an English desk)
// and shows every row whole; sized by a guess of the dialog's frame, it
// showed one row cut in half.
func TestReprintChoicesReadAndShow(t *testing.T) {
	r := newRigIn(t, locale.English, true, nil)
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	req, _ := r.acceptedYL(t)
	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已完成参保登记")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyInPerson)
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)

	test.Tap(req.NoticesButton)
	require.Len(t, req.NoticeChoices, 2)
	assert.Contains(t, req.NoticeChoices[0].Text, "Promised-date notice")
	assert.Contains(t, req.NoticeChoices[1].Text, "Completion notice")
	d := fyne.CurrentApp().Driver()
	for _, b := range req.NoticeChoices {
		assert.False(t, hasHan(b.Text), "%q", b.Text)
		var scroll *container.Scroll
		for _, o := range r.w.Canvas().Overlays().List() {
			if p := objectPath(o, b); p != nil {
				for _, x := range p {
					if s, ok := x.(*container.Scroll); ok {
						scroll = s
					}
				}
			}
		}
		require.NotNil(t, scroll, "the choices scroll in the dialog")
		top := d.AbsolutePositionForObject(b).Y - d.AbsolutePositionForObject(scroll).Y
		assert.GreaterOrEqual(t, top, float32(0))
		assert.LessOrEqual(t, top+b.Size().Height, scroll.Size().Height, "%q shows whole", b.Text)
	}
	test.Tap(req.NoticeChoices[1])
	assert.Equal(t, "Completion notice printed again; please collect it.", req.ReprintStatus.Text)
}

// objectPath is the chain of objects from root down to o, through widgets'
// renderers, or nil.
func objectPath(root, o fyne.CanvasObject) []fyne.CanvasObject {
	if root == o {
		return []fyne.CanvasObject{o}
	}
	var kids []fyne.CanvasObject
	switch v := root.(type) {
	case *fyne.Container:
		kids = v.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(v).Objects()
	}
	for _, k := range kids {
		if p := objectPath(k, o); p != nil {
			return append([]fyne.CanvasObject{root}, p...)
		}
	}
	return nil
}

// TestUpperRequestOffersEscalateFirst: a 上报办理 request shows 上报 as
// its next step, then 登记上级审批结果, and only then 办结 in blue; a blue
// 办结 before them led staff to the store's refusal (须先上报上级部门).
func TestUpperRequestOffersEscalateFirst(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModeUpper)
	require.Contains(t, req.Actions, data.ActEscalate)
	assert.Equal(t, widget.HighImportance, req.Actions[data.ActEscalate].Importance)
	if b := req.Actions[data.ActFinish]; b != nil {
		assert.NotEqual(t, widget.HighImportance, b.Importance, "办结 is not the next step yet")
	}

	test.Tap(req.Actions[data.ActEscalate])
	e := req.Form.Step.(*staff.EscalateForm)
	e.Department.SetText("区社保中心")
	e.Expected.SetText("2026-03-20")
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	require.Contains(t, req.Actions, data.ActUpperResult)
	assert.Equal(t, widget.HighImportance, req.Actions[data.ActUpperResult].Importance)

	test.Tap(req.Actions[data.ActUpperResult])
	req.Form.Step.(*staff.UpperResultForm).Text.SetText("审批通过")
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	require.Contains(t, req.Actions, data.ActFinish)
	assert.Equal(t, widget.HighImportance, req.Actions[data.ActFinish].Importance, "now 办结 is next")
}

// TestTwoFailedPrintsOneMessage: after 打印通知单 and then 补打回执 both
// fail, the request screen shows the printer's trouble once; it showed two
// identical red lines, one under each place that printed.
func TestTwoFailedPrintsOneMessage(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.d = staff.New(r.s, r.w, staff.Options{Context: context.Background(),
		Now: func() time.Time { return r.now }, Run: func(f func()) { f() }, After: r.timers.After,
		Printer: failPrinter{&paper.PrintError{Kind: paper.ErrPrinterMissing}}, BaseURL: "http://192.168.1.20:8080"})
	r.w.SetContent(r.d.Content())
	r.d.Open()
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModePromise)
	require.True(t, req.PrintButton.Visible())
	test.Tap(req.PrintButton)
	test.Tap(req.ReprintButton)
	var red []string
	var walk func(o fyne.CanvasObject, shown bool)
	walk = func(o fyne.CanvasObject, shown bool) {
		shown = shown && o.Visible()
		if l, ok := o.(*widget.Label); ok && shown && l.Importance == widget.DangerImportance && strings.Contains(l.Text, "打印") {
			red = append(red, l.Text)
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k, shown)
			}
		case fyne.Widget:
			if _, ok := o.(*widget.Label); !ok {
				for _, k := range test.WidgetRenderer(v).Objects() {
					walk(k, shown)
				}
			}
		}
	}
	walk(r.w.Content(), true)
	require.NotEmpty(t, red, "the failure is said")
	assert.Len(t, red, 1, "one message line: %q", red)
	assert.Contains(t, red[0], "本机没有设置默认打印机")
}
