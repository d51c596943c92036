package acceptance_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// The six handling modes (§三), end to end: a clerk can take any request from the kiosk or the
// window through each of the six modes, the notices print correctly,
// deadlines are right across holidays. One test per mode; each ends on
// what the resident sees of it (the phone status page, and for 承诺办理
// the kiosk's 进度查询 too).

// mon0928 is Monday 28 September 2026, 09:30: the working days after it
// run into 国庆 (1–7 October off, Saturday 10 October a working day), so
// a deadline counted over them is only right with the holiday calendar.
var mon0928 = time.Date(2026, 9, 28, 9, 30, 0, 0, data.China)

// secret is written only into internal notes: no resident view may show it.
const secret = "内部备注：申请人家庭情况另案核查"

// checkPublic checks what the resident sees of a finished request on the
// phone status page: the status, the public timeline, the name masked, no
// phone, ID number or internal note.
func checkPublic(t *testing.T, r *rig, rc data.Receipt, p resident, want ...string) {
	t.Helper()
	page := r.statusPage(t, rc.Token)
	flat := strings.Join(strings.Fields(page), "")
	for _, w := range append([]string{rc.ReceiptNo, data.MaskName(p.name()), "登记申请"}, want...) {
		assert.Contains(t, flat, w)
	}
	assert.NotContains(t, flat, p.name(), "the full name is not on the page")
	assert.NotContains(t, flat, p.Phone)
	assert.NotContains(t, flat, p.ID)
	assert.NotContains(t, flat, "内部备注", "internal notes stay inside")

	tr, err := r.s.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Equal(t, data.MaskName(p.name()), tr.ApplicantMask)
}

// noteInternal adds an internal 办理记录 (not ticked public) to the request.
func noteInternal(t *testing.T, req *staff.Request) {
	t.Helper()
	act(t, req, data.ActNote, func(f *staff.NoteForm) {
		f.Note.SetText(secret)
		require.False(t, f.Public.Checked)
	})
}

// TestHandlingDirect: 直接办理 from the kiosk — accepted and finished in one
// step; the finished notice prints, and the receipt printed again says
// 已办结.
func TestHandlingDirect(t *testing.T) {
	r := newRig(t, mon0928)
	p := resident{Name: []string{"liu", "刘", "xiu", "秀", "zhen", "珍"}, Phone: "13912340001",
		ID:      validID("19700512", 31),
		Fields:  map[string]string{"insured_type": "成年居民", "residence": "本区户籍", "persons": "1"},
		Brought: []string{"居民身份证或户口簿"}}
	rc := r.kioskRegister(t, "YB", p)
	assert.Equal(t, data.ModeDirect, rc.Mode)
	assert.Equal(t, "WY-20260928-0001", rc.ReceiptNo)

	sess := r.login(t, "王丽娟")
	req := r.openRequest(t, rc.RequestID, data.QueueNew)
	assert.Equal(t, p.name(), req.Detail.ApplicantName, "staff see the full name")
	act(t, req, data.ActAccept, func(f *staff.AcceptForm) {
		assert.Equal(t, data.ModeDirect, f.Chosen(), "the item's mode comes chosen")
		f.Note.SetText("已办理参保登记，次月起享受待遇")
	})
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status, "直接办理 finishes in one step")
	assert.Equal(t, sess.StaffID, det.FirstOwnerID)
	assert.Equal(t, "已办理参保登记，次月起享受待遇", det.Result)
	text := r.printNotice(t, req, "finished")
	for _, w := range []string{"办结通知单", rc.ReceiptNo, "城乡居民基本医疗保险参保登记", "已办理参保登记，次月起享受待遇",
		"2026年9月28日", data.MaskName(p.name())} {
		assert.Contains(t, text, w)
	}

	require.True(t, req.ReprintButton.Visible())
	test.Tap(req.ReprintButton)
	receipt := r.sp.last(t)
	assert.Contains(t, receipt, "已办结", "the receipt says finished")
	assert.Contains(t, receipt, rc.ReceiptNo)

	checkPublic(t, r, rc, p, "已办结", "直接办理，即收即办")
}

// TestHandlingPromiseAcrossHoliday: 承诺办理 from the kiosk, every material
// brought: 3 working days from Monday 28 September run over 国庆 to
// Thursday 8 October, on screen and on the 承诺办结通知单; finished on
// that day. The resident's kiosk 进度查询 and phone page show the public
// timeline only, the name masked, no internal note.
func TestHandlingPromiseAcrossHoliday(t *testing.T) {
	r := newRig(t, mon0928)
	p := resident{Name: []string{"zhao", "赵", "gui", "桂", "lan", "兰"}, Phone: "13900139000",
		ID:      validID("19650712", 42),
		Fields:  map[string]string{"contribution_tier": "200元/年", "birth_date": "1965-07-12", "special_group": "否"},
		Brought: []string{"居民身份证", "户口簿", "城乡居民基本养老保险参保登记表"}}
	rc := r.kioskRegister(t, "YL", p)
	assert.Empty(t, rc.Missing)
	assert.Contains(t, r.kp.last(t), rc.ReceiptNo, "the receipt printed")

	r.login(t, "王丽娟")
	req := r.openRequest(t, rc.RequestID, data.QueueNew)
	act(t, req, data.ActAccept, func(f *staff.AcceptForm) {
		assert.Equal(t, data.ModePromise, f.Chosen())
		f.Note.SetText(secret)
	})
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusAccepted, det.Status)
	assert.Equal(t, "2026-10-08", det.DueDay, "29, 30 September, then 8 October after 国庆")
	assert.Contains(t, req.Summary.Text, "2026-10-08")
	text := r.printNotice(t, req, "promise")
	for _, w := range []string{"承诺办结通知单", rc.ReceiptNo, "3个工作日", "2026年10月8日", data.MaskName(p.name())} {
		assert.Contains(t, text, w)
	}
	assert.NotContains(t, text, p.name())
	noteInternal(t, req)

	// In the queue on 30 September: one working day left (1–7 October off).
	r.now = time.Date(2026, 9, 30, 9, 0, 0, 0, data.China)
	rows, err := r.s.Queue(ctx, data.QueueFilter{Group: data.QueueOpen})
	require.NoError(t, err)
	var row *data.QueueRow
	for i := range rows {
		if rows[i].ID == rc.RequestID {
			row = &rows[i]
		}
	}
	require.NotNil(t, row)
	assert.Equal(t, 1, row.WorkdaysLeft, "only 8 October is left after 30 September")
	assert.Equal(t, data.DueSoon, row.DueState)

	// Finished on the promised day.
	r.now = time.Date(2026, 10, 8, 10, 0, 0, 0, data.China)
	req = r.openRequest(t, rc.RequestID, data.QueueOpen)
	act(t, req, data.ActFinish, func(f *staff.FinishForm) {
		f.Result.SetText("已完成参保登记，次月起按档次缴费")
		f.SetReply(data.ReplyPhone)
	})
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status)
	text = r.printNotice(t, req, "finished")
	assert.Contains(t, text, "已完成参保登记，次月起按档次缴费")
	assert.Contains(t, text, "2026年10月8日")

	// What the resident sees.
	res, shown := r.kioskTrack(t, rc)
	assert.Equal(t, rc.RequestID, res.Tracking.RequestID)
	for _, w := range []string{"已办结", "城乡居民基本养老保险参保登记", data.MaskName(p.name()),
		"已完成参保登记，次月起按档次缴费"} {
		assert.Contains(t, shown, w)
	}
	assert.NotContains(t, shown, p.name())
	assert.NotContains(t, shown, "内部备注")
	checkPublic(t, r, rc, p, "已办结", "承诺于2026年10月8日前办结")
}

// TestHandlingSupplementOnceThenComplete: 承诺办理 from the kiosk with one
// material missing — one 补正通知单 naming only it; the form comes in on
// Tuesday 29 September, which accepts the request with its clock from
// that day (30 September, 8 and 9 October: due 9 October); finished.
func TestHandlingSupplementOnceThenComplete(t *testing.T) {
	r := newRig(t, mon0928)
	p := resident{Name: []string{"li", "李", "xiu", "秀", "ying", "英"}, Phone: "13700137000",
		ID:      validID("19620120", 7),
		Fields:  map[string]string{"contribution_tier": "300元/年", "birth_date": "1962-01-20", "special_group": "否"},
		Brought: []string{"居民身份证", "户口簿"}}
	rc := r.kioskRegister(t, "YL", p)
	assert.Equal(t, []string{"城乡居民基本养老保险参保登记表"}, rc.Missing)
	assert.Contains(t, r.kp.last(t), "城乡居民基本养老保险参保登记表", "the receipt lists what is missing")

	r.login(t, "王丽娟")
	req := r.openRequest(t, rc.RequestID, data.QueueNew)
	act(t, req, data.ActSupplement, func(f *staff.SupplementForm) {
		assert.Equal(t, []string{"城乡居民基本养老保险参保登记表"}, f.Materials.Selected, "the missing material comes ticked")
		f.Note.SetText("请到1号窗口领取空白登记表填写后提交")
	})
	assert.Equal(t, data.StatusWaiting, req.Detail.Status)
	text := r.printNotice(t, req, "correction")
	for _, w := range []string{"补正", rc.ReceiptNo, "城乡居民基本养老保险参保登记表", "请到1号窗口领取空白登记表填写后提交"} {
		assert.Contains(t, text, w)
	}
	assert.NotContains(t, text, "户口簿", "only what is missing")
	noteInternal(t, req)

	// The resident brings the form the next day.
	r.now = mon0928.AddDate(0, 0, 1)
	req = r.openRequest(t, rc.RequestID, data.QueueWaiting)
	act[*staff.CompleteForm](t, req, data.ActComplete, nil)
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusAccepted, det.Status, "材料补齐 accepts the request")
	assert.Equal(t, data.ModePromise, det.Mode)
	assert.Equal(t, "2026-10-09", det.DueDay, "the clock runs from 29 September, over 国庆")
	require.Len(t, det.Supplements, 1)
	assert.False(t, det.Supplements[0].Second)

	// BUG (see report): a 承诺办理 request accepted by 材料补齐 gets a due
	// day, but neither the desk (staff.Request.done offers the 承诺办结通知单
	// only after ActAccept) nor 补打通知书 (data.Store.IssuedNotices lists a
	// promise notice only for an EventAccepted) ever offers its 承诺办结通知单.
	if assert.NotNil(t, req.Notice, "BUG: no 承诺办结通知单 offered after 材料补齐") {
		assert.Equal(t, "promise", req.Notice.Kind(), "BUG: the notice after 材料补齐 of a 承诺办理 request")
	}
	test.Tap(req.NoticesButton)
	var titles []string
	for _, b := range req.NoticeChoices {
		titles = append(titles, b.Text)
	}
	assert.Contains(t, strings.Join(titles, "|"), "承诺办结通知单", "BUG: 补打通知书 offers no 承诺办结通知单")
	r.w.Canvas().Overlays().Remove(r.w.Canvas().Overlays().Top())

	r.now = time.Date(2026, 10, 9, 11, 0, 0, 0, data.China)
	req = r.openRequest(t, rc.RequestID, data.QueueOpen)
	act(t, req, data.ActFinish, func(f *staff.FinishForm) {
		f.Result.SetText("已完成参保登记")
		f.SetReply(data.ReplyInPerson)
	})
	assert.Equal(t, data.StatusFinished, r.detail(t, rc.RequestID).Status)
	assert.Contains(t, r.printNotice(t, req, "finished"), "已完成参保登记")
	checkPublic(t, r, rc, p, "已办结", "一次性告知需补充的材料", "城乡居民基本养老保险参保登记表", "材料已补齐",
		"承诺于2026年10月9日前办结")
}

// TestHandlingJointFromWindow: 联合办理 registered at the window by the lead
// window's clerk: the participating window records its part, the lead
// finishes only after it.
func TestHandlingJointFromWindow(t *testing.T) {
	r := newRig(t, mon0928)
	p := resident{Name: []string{"", "钱", "", "守", "", "义"}, Phone: "13600136000", ID: validID("19580304", 11)}
	lead := r.login(t, "陈晓燕")
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	require.NotNil(t, in)
	in.SelectItem("困难残疾人生活补贴和重度残疾人护理补贴申请")
	in.Fields["subsidy_type"].(interface{ SetSelected([]string) }).SetSelected([]string{"困难残疾人生活补贴", "重度残疾人护理补贴"})
	for k, v := range map[string]string{"disability_type": "肢体残疾", "disability_level": "一级", "family_status": "低保家庭"} {
		in.Fields[k].(interface{ SetSelected(string) }).SetSelected(v)
	}
	in.Name.SetText(p.name())
	in.Phone.SetText(p.Phone)
	in.IDNumber.SetText(p.ID)
	in.Brought.SetSelected(in.Brought.Options[:3])
	in.Consent.SetChecked(true)
	test.Tap(in.Submit)
	require.True(t, in.Registered, in.Error.Text)
	test.Tap(in.PrintButton)
	assert.Contains(t, r.sp.last(t), in.Receipt.ReceiptNo, "the same receipt prints")
	rc := in.Receipt
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.ChannelWindow, det.Channel)
	assert.Equal(t, lead.StaffID, det.FirstOwnerID)

	test.Tap(in.OpenButton)
	req := r.d.Request
	require.NotNil(t, req)
	act(t, req, data.ActAccept, func(f *staff.AcceptForm) {
		assert.Equal(t, data.ModeJoint, f.Chosen())
	})
	det = r.detail(t, rc.RequestID)
	require.Len(t, det.Parts, 2)
	assert.True(t, det.Parts[0].Lead)
	assert.Equal(t, "民政事务窗口", det.Parts[0].WindowName)

	// Finishing before window 4's part is in is refused.
	test.Tap(req.Actions[data.ActFinish])
	req.Form.Step.(*staff.FinishForm).Result.SetText("已审核通过，报区残联发放")
	req.Form.Step.(*staff.FinishForm).SetReply(data.ReplyPhone)
	test.Tap(req.Form.Submit)
	require.NotNil(t, req.Form)
	assert.Contains(t, req.Form.Error.Text, "卫生健康与助残窗口")
	test.Tap(req.Form.Cancel)

	// 孙婷 records window 4's part.
	r.now = mon0928.Add(2 * time.Hour)
	part := r.login(t, "孙婷")
	req = r.openRequest(t, rc.RequestID, data.QueueOpen)
	act(t, req, data.ActJointPart, func(f *staff.JointPartForm) {
		require.Equal(t, []string{"卫生健康与助残窗口"}, f.Window.Options)
		f.Window.SetSelectedIndex(0)
		f.Note.SetText("已核对残疾人证等级，符合护理补贴条件")
	})
	det = r.detail(t, rc.RequestID)
	assert.False(t, det.Parts[1].Done.IsZero())
	assert.Equal(t, part.Name, det.Parts[1].StaffName)
	assert.Equal(t, lead.StaffID, det.OwnerID, "the lead keeps the request")

	// The lead finishes.
	r.now = mon0928.Add(3 * time.Hour)
	r.login(t, "陈晓燕")
	req = r.openRequest(t, rc.RequestID, data.QueueOpen)
	assert.NotContains(t, req.Actions, data.ActJointPart, "every part is in")
	act(t, req, data.ActFinish, func(f *staff.FinishForm) {
		f.Result.SetText("已审核通过，报区残联发放")
		f.SetReply(data.ReplyPhone)
	})
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status)
	assert.Equal(t, lead.StaffID, det.FirstOwnerID, "首问 never changes")
	text := r.printNotice(t, req, "finished")
	assert.Contains(t, text, "已审核通过，报区残联发放")
	assert.Contains(t, text, rc.ReceiptNo)
	checkPublic(t, r, rc, p, "已办结", "已审核通过，报区残联发放")
}

// TestHandlingUpper: 上报办理 from the kiosk: escalated with the day sent and
// the day expected, the result recorded when it returns, then finished.
// 10 working days from 28 September end on 16 October (国庆 skipped, the
// 调休 Saturday 10 October counted).
func TestHandlingUpper(t *testing.T) {
	r := newRig(t, mon0928)
	p := resident{Name: []string{"sun", "孙", "jian", "建", "guo", "国"}, Phone: "13512345678",
		ID: validID("19881120", 17),
		Fields: map[string]string{"arrival_date": "2025-06-01", "basis": "合法稳定就业",
			"address": "红旗街12号院3单元", "applicant": "本人申领"},
		Brought: []string{"居民身份证", "本人近期免冠彩色证件照", "居住地住址证明", "居住证申领登记表"}}
	rc := r.kioskRegister(t, "JZZ", p)
	assert.Empty(t, rc.Missing)

	r.login(t, "刘伟")
	req := r.openRequest(t, rc.RequestID, data.QueueNew)
	act(t, req, data.ActAccept, func(f *staff.AcceptForm) {
		assert.Equal(t, data.ModeUpper, f.Chosen())
		f.Note.SetText(secret)
	})
	det := r.detail(t, rc.RequestID)
	assert.Equal(t, "2026-10-16", det.DueDay)

	act(t, req, data.ActEscalate, func(f *staff.EscalateForm) {
		assert.Equal(t, "2026-09-28", f.Sent.Text, "the day sent defaults to today")
		f.Department.SetText("铜川市公安局王益分局红旗街派出所")
		f.Expected.SetText("2026-10-14")
		f.Note.SetText("材料原件已随件报送")
	})
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusEscalated, det.Status)
	assert.Equal(t, "铜川市公安局王益分局红旗街派出所", det.UpperDepartment)
	assert.Equal(t, "2026-09-28", det.UpperSentDay)
	assert.Equal(t, "2026-10-14", det.UpperExpectedDay)

	r.now = time.Date(2026, 10, 13, 15, 0, 0, 0, data.China)
	req = r.openRequest(t, rc.RequestID, data.QueueEscalated)
	act(t, req, data.ActUpperResult, func(f *staff.UpperResultForm) {
		f.Text.SetText("派出所审核通过，居住证已制发")
	})
	assert.Equal(t, data.StatusAccepted, r.detail(t, rc.RequestID).Status)
	act(t, req, data.ActFinish, func(f *staff.FinishForm) {
		f.Result.SetText("居住证已领回，请携带身份证到3号窗口领取")
		f.SetReply(data.ReplySMS)
	})
	det = r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status)
	text := r.printNotice(t, req, "finished")
	assert.Contains(t, text, "居住证已领回")
	checkPublic(t, r, rc, p, "已办结", "派出所审核通过，居住证已制发", "铜川市公安局王益分局红旗街派出所")
}

// TestHandlingAssist: 协助办理 asked for at the kiosk: the request comes first
// in the queue, the 申请表 prints filled in from what the resident
// entered, and the clerk finishes it.
func TestHandlingAssist(t *testing.T) {
	r := newRig(t, mon0928)
	// Another request for the same window first, without help.
	other := resident{Name: []string{"wu", "吴", "xiao", "晓", "hong", "红"}, Phone: "13711112222",
		ID:      validID("19900101", 5),
		Fields:  map[string]string{"purpose": "子女入学", "live_since": "2018-05-01", "address": "红旗街8号"},
		Brought: []string{"居民身份证", "住所证明材料"}}
	r.kioskRegister(t, "JZZM", other)
	r.now = mon0928.Add(10 * time.Minute)
	p := resident{Name: []string{"ma", "马", "feng", "凤", "qin", "琴"}, Phone: "13822223333",
		ID: validID("19560318", 27),
		Fields: map[string]string{"matter_type": "追索劳动报酬或确认劳动关系", "exempt": "不清楚",
			"case_brief": "工地拖欠工资三个月", "help_needed": "填写申请表|整理证据材料"},
		Brought: []string{"居民身份证"}, Help: "需要工作人员协助办理"}
	rc := r.kioskRegister(t, "FLYZ", p)
	assert.True(t, rc.NeedsHelp)

	r.login(t, "刘伟")
	q := r.d.Queue
	q.SetGroup(data.QueueNew)
	require.GreaterOrEqual(t, len(q.Rows), 2)
	assert.Equal(t, rc.RequestID, q.Rows[0].Row.ID, "协助办理 comes first though registered later")
	assert.Contains(t, q.Rows[0].Badges, "协助")
	test.Tap(q.Rows[0])
	req := r.d.Request
	require.NotNil(t, req)

	require.True(t, req.FormButton.Visible())
	test.Tap(req.FormButton)
	form := r.sp.last(t)
	for _, w := range []string{"法律援助申请（协助转交）", rc.ReceiptNo, p.name(), p.Phone, p.ID,
		"追索劳动报酬或确认劳动关系", "工地拖欠工资三个月", "填写申请表、整理证据材料", "申请人签字"} {
		assert.Contains(t, form, w)
	}

	act(t, req, data.ActAccept, func(f *staff.AcceptForm) {
		assert.Equal(t, data.ModeAssist, f.Chosen())
		// Helped to draft the forms: the materials are still to come.
		assert.True(t, f.MissingShown())
		f.ConfirmMissing.SetChecked(true)
	})
	r.now = mon0928.Add(3 * time.Hour)
	act(t, req, data.ActFinish, func(f *staff.FinishForm) {
		f.Result.SetText("已协助填写申请表并转交区法律援助中心")
		f.SetReply(data.ReplyInPerson)
	})
	assert.Equal(t, data.StatusFinished, r.detail(t, rc.RequestID).Status)
	assert.Contains(t, r.printNotice(t, req, "finished"), "已协助填写申请表并转交区法律援助中心")
	checkPublic(t, r, rc, p, "已办结", "已协助填写申请表并转交区法律援助中心")
}

// TestHandlingProxy: 代为办理 asked for at the kiosk: the receipt carries the
// applicant's signature line; the clerk accepts it, sends it in a batch
// from 代办清单 (the list prints), records the department's result and
// tells the applicant.
func TestHandlingProxy(t *testing.T) {
	r := newRig(t, mon0928)
	p := resident{Name: []string{"zhang", "张", "xiu", "秀", "ying", "英"}, Phone: "13900139011",
		ID:      validID("19500301", 11),
		Fields:  map[string]string{"birth_date": "1950-03-01", "residence": "本区户籍"},
		Brought: []string{"居民身份证", "近期一寸免冠彩色照片"}, Help: "委托工作人员代为办理"}
	rc := r.kioskRegister(t, "YDZ", p)
	assert.True(t, rc.Proxy)
	assert.Contains(t, r.kp.last(t), "申请人签字（委托代办）", "the applicant signs the receipt")

	r.login(t, "陈晓燕")
	req := r.openRequest(t, rc.RequestID, data.QueueNew)
	act(t, req, data.ActAccept, func(f *staff.AcceptForm) {
		assert.Equal(t, data.ModeProxy, f.Chosen())
	})
	require.Equal(t, data.StatusAccepted, r.detail(t, rc.RequestID).Status)

	const dept = "王益区民政局（老龄工作部门，示例）"
	test.Tap(r.d.AdminButton)
	r.d.Admin.Show(staff.SectionProxy)
	pb := r.d.Admin.Proxy
	require.NotNil(t, pb)
	var g *staff.ProxyGroup
	for _, x := range pb.Groups {
		if x.Department == dept {
			g = x
		}
	}
	require.NotNil(t, g, "a group for %s", dept)
	for _, pk := range g.Picks {
		if pk.Request.RequestID == rc.RequestID {
			pk.Check.SetChecked(true)
		}
	}
	test.Tap(g.Create)
	require.NotNil(t, pb.Form)
	assert.Equal(t, "2026-09-28", pb.SentDay.Text)
	pb.Note.SetText("原件随附，请核对")
	test.Tap(pb.Form.Submit)
	require.False(t, pb.Form.Open(), pb.Form.Error.Text)
	require.NotNil(t, pb.Batch)
	list := r.sp.last(t)
	for _, w := range []string{"代办事项清单", pb.Batch.Batch.No, dept, rc.ReceiptNo, p.name(), "原件随附，请核对"} {
		assert.Contains(t, list, w)
	}
	assert.NotContains(t, list, p.ID, "no whole ID number on the list")

	line := func() *staff.ProxyLine {
		for _, l := range pb.Batch.Lines {
			if l.Row.RequestID == rc.RequestID {
				return l
			}
		}
		t.Fatalf("request not in the batch")
		return nil
	}
	r.now = time.Date(2026, 10, 9, 10, 0, 0, 0, data.China)
	test.Tap(line().Result)
	pb.Result.SetText("已审核通过，优待证已制作")
	test.Tap(pb.Form.Submit)
	require.False(t, pb.Form.Open(), pb.Form.Error.Text)
	test.Tap(line().Told)
	pb.ReplyMethod.SetSelected(data.ReplyPhone.Label())
	test.Tap(pb.Form.Submit)
	require.False(t, pb.Form.Open(), pb.Form.Error.Text)
	assert.Equal(t, "已办结", line().State.Text)

	det := r.detail(t, rc.RequestID)
	assert.Equal(t, data.StatusFinished, det.Status)
	assert.Equal(t, data.ReplyPhone, det.ReplyMethod)
	checkPublic(t, r, rc, p, "已办结", "已审核通过，优待证已制作")
}
