package staff_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/locale"
	"bianmin/ui/staff"
)

// fixedNow is a Thursday morning in China.
var fixedNow = time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)

// PINs of the test staff.
const (
	adminPIN = datatest.AdminPIN
	clerkPIN = datatest.ClerkPIN
)

// fakeTimers is a manual AfterFunc: timers fire only when the test says.
type fakeTimers = uitest.Timers

// recPrinter records what it is asked to print.
type recPrinter = uitest.Printer

type rig struct {
	d       *staff.Desk
	s       *data.Store
	w       fyne.Window
	timers  *fakeTimers
	now     time.Time
	printer *recPrinter
	exits   int
	ids     map[string]int64 // staff id by name
}

// newRig opens a store with the sample catalog and some synthetic
// requests; with pins, the administrator 张建华 and the clerk 王丽娟 have
// PINs.
func newRig(t testing.TB, pins bool) *rig { t.Helper(); return newRigWith(t, pins, nil) }

// newRigWith is newRig with its desk options changed by opt.
func newRigWith(t testing.TB, pins bool, opt func(*staff.Options)) *rig {
	t.Helper()
	return newRigIn(t, locale.Chinese, pins, opt)
}

// newRigIn is newRigWith in a language (locale.Chinese, locale.English).
func newRigIn(t testing.TB, language string, pins bool, opt func(*staff.Options)) *rig {
	t.Helper()
	return newRigStore(t, language, pins, opt, nil)
}

// newRigStore is newRigIn with the desk on wrap(the store) when wrap is
// not nil.
func newRigStore(t testing.TB, language string, pins bool, opt func(*staff.Options),
	wrap func(*data.Store) staff.Store) *rig {
	t.Helper()
	uitest.NewApp(t)
	require.NoError(t, locale.Use(language))
	r := &rig{timers: &fakeTimers{}, now: fixedNow, printer: &recPrinter{}}
	ctx := context.Background()
	s := datatest.Open(t, func() time.Time { return r.now })
	datatest.ImportSample(t, s)
	_, err := s.AddSynthRequests(ctx, 80, 7)
	require.NoError(t, err)
	r.s = s
	r.ids = datatest.StaffIDs(t, s)
	if pins {
		datatest.SetPINs(t, s, r.ids, "张建华", "王丽娟")
	}
	r.w = test.NewWindow(nil)
	t.Cleanup(r.w.Close)
	r.w.Resize(fyne.NewSize(1280, 800))
	opts := staff.Options{
		Context: ctx, Now: func() time.Time { return r.now }, Run: func(f func()) { f() }, After: r.timers.After,
		Printer: r.printer, BaseURL: "http://192.168.1.20:8080",
	}
	if opt != nil {
		opt(&opts)
	}
	var st staff.Store = s
	if wrap != nil {
		st = wrap(s)
	}
	r.d = staff.New(st, r.w, opts)
	r.d.OnExit = func() { r.exits++ }
	r.w.SetContent(r.d.Content())
	r.d.Open()
	return r
}

// typePIN chooses name and taps pin on the keypad, then 完成.
func (r *rig) typePIN(t testing.TB, name, pin string) {
	t.Helper()
	l := r.d.Login
	require.NotNil(t, l)
	if l.Chosen.Name != name {
		r.choose(t, name)
	}
	for _, c := range pin {
		test.Tap(l.Keypad.Digit(int(c - '0')))
	}
	test.Tap(l.Keypad.Done)
}

func (r *rig) choose(t testing.TB, name string) {
	t.Helper()
	l := r.d.Login
	for i, c := range l.Staff {
		if c.Name == name {
			test.Tap(l.Choices[i])
			return
		}
	}
	t.Fatalf("no sign-in button for %s", name)
}

func (r *rig) login(t testing.TB, name, pin string) data.Session {
	t.Helper()
	r.typePIN(t, name, pin)
	s, ok := r.d.Session()
	require.True(t, ok, "signed in as %s", name)
	return s
}

// validID makes a valid resident ID number for a birth date.
func validID(birth string, seq int) string {
	body := "610202" + birth + fmt.Sprintf("%03d", seq)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range body {
		sum += int(c-'0') * w[i]
	}
	return body + string("10X98765432"[sum%11])
}

// registerYL registers a 养老保险参保登记 (承诺办理) with only the ID card
// brought: two required materials are missing.
func (r *rig) registerYL(t *testing.T, change ...func(*data.Registration)) data.Receipt {
	t.Helper()
	ctx := context.Background()
	var it data.Item
	cats, err := r.s.Categories(ctx)
	require.NoError(t, err)
	for _, c := range cats {
		items, err := r.s.ItemsInCategory(ctx, c.Name)
		require.NoError(t, err)
		for _, s := range items {
			if s.Code == "YL" {
				it, err = r.s.Item(ctx, s.ID)
				require.NoError(t, err)
			}
		}
	}
	require.NotZero(t, it.ID)
	reg := data.Registration{ItemID: it.ID, Channel: data.ChannelKiosk, Name: "赵桂兰",
		Phone: "13900139000", IDNumber: validID("19650712", 42),
		Fields:  map[string]string{"contribution_tier": "200元/年", "birth_date": "1965-07-12", "special_group": "否"},
		Brought: []int64{it.Materials[0].ID}, Consent: true}
	for _, c := range change {
		c(&reg)
	}
	rc, err := r.s.Register(ctx, reg)
	require.NoError(t, err)
	return rc
}

func TestLoginByTaps(t *testing.T) {
	r := newRig(t, true)
	l := r.d.Login
	require.NotNil(t, l)
	assert.False(t, l.FirstAdmin)
	assert.Len(t, l.Choices, 6)

	r.typePIN(t, "王丽娟", "9999")
	assert.Equal(t, "密码不正确，请重新输入。", l.Message.Text, "picked by name: no word of a 工号")
	assert.Empty(t, l.PIN.Text, "a wrong PIN is cleared")
	_, ok := r.d.Session()
	assert.False(t, ok)

	for range 4 {
		r.typePIN(t, "王丽娟", "9999")
	}
	assert.Contains(t, l.Message.Text, "锁定")
	assert.Contains(t, l.Message.Text, "请于 "+r.now.Add(data.LockoutPeriod).In(data.China).Format("15:04")+" 后再试",
		"until when, China time")
	r.typePIN(t, "王丽娟", clerkPIN)
	assert.Contains(t, l.Message.Text, "锁定", "locked even with the right PIN")

	r.now = r.now.Add(data.LockoutPeriod + time.Second)
	s := r.login(t, "王丽娟", clerkPIN)
	assert.Equal(t, "王丽娟", s.Name)
	require.NotNil(t, r.d.Queue)
	assert.Nil(t, r.d.Login)
	assert.Contains(t, r.d.UserLabel.Text, "王丽娟")
}

func TestFirstAdminSetup(t *testing.T) {
	r := newRig(t, false)
	l := r.d.Login
	require.True(t, l.FirstAdmin)
	require.Len(t, l.Staff, 1, "only the catalog's administrator")
	assert.Equal(t, "张建华", l.Staff[0].Name)

	r.typePIN(t, "张建华", "123456")
	assert.Contains(t, l.Message.Text, "连续的数字")
	assert.Equal(t, "管理员为6至8位数字", l.PIN.PlaceHolder, "the hint asks for an administrator's PIN")
	r.typePIN(t, "张建华", "2468")
	assert.Contains(t, l.Message.Text, "管理员密码应为6至8位数字")
	r.typePIN(t, "张建华", "19900101")
	assert.Contains(t, l.Message.Text, "日期")
	r.typePIN(t, "张建华", "604917")
	assert.Contains(t, l.Prompt.Text, "再输入一次")
	r.typePIN(t, "张建华", "604918")
	assert.Equal(t, "两次输入的密码不一致，请重新设置。", l.Message.Text)
	r.typePIN(t, "张建华", "604917")
	r.typePIN(t, "张建华", "604917")
	s, ok := r.d.Session()
	require.True(t, ok)
	assert.True(t, s.Admin())
	need, err := r.s.NeedsFirstAdmin(context.Background())
	require.NoError(t, err)
	assert.False(t, need)
	_, err = r.s.LoginID(context.Background(), s.StaffID, "604917")
	assert.NoError(t, err)
}

func TestQueueTabsAndRows(t *testing.T) {
	r := newRig(t, true)
	r.registerYL(t)
	r.login(t, "张建华", adminPIN)
	q := r.d.Queue
	require.NotNil(t, q)
	assert.Len(t, q.Tabs, len(staff.QueueTabs))
	assert.Regexp(t, `^新登记 \d+$`, q.Tabs[data.QueueNew].Text)
	assert.Regexp(t, `^已结束 \d+$`, q.Tabs[data.QueueFinished].Text)
	require.NotEmpty(t, q.Rows)
	found := false
	for _, row := range q.Rows {
		assert.Equal(t, data.StatusSubmitted, row.Row.Status)
		if row.Row.Applicant == "赵桂兰" {
			found = true
			assert.Contains(t, row.Texts(), "赵桂兰", "full name in staff mode")
		}
	}
	assert.True(t, found, "the new request is listed")

	q.SetGroup(data.QueueFinished)
	require.NotEmpty(t, q.Rows)
	for _, row := range q.Rows {
		assert.True(t, row.Row.Status.Closed())
	}
	if q.Counts[data.QueueFinished] > data.DefaultQueuePageSize {
		assert.False(t, q.Next.Disabled())
		test.Tap(q.Next)
		assert.Equal(t, 2, q.Filter.Page)
		assert.False(t, q.Prev.Disabled())
	}

	q.Mine.SetChecked(true)
	assert.Equal(t, 1, q.Filter.Page)
	assert.NotZero(t, q.Filter.Owner)
	for _, row := range q.Rows {
		assert.Equal(t, q.Filter.Owner, row.Row.OwnerID)
	}
	q.Window.SetSelectedIndex(1)
	assert.NotZero(t, q.Filter.Window)
}

// openNew opens the registered request from the queue.
func (r *rig) openNew(t *testing.T, rc data.Receipt) *staff.Request {
	t.Helper()
	q := r.d.Queue
	q.SetGroup(data.QueueNew)
	for _, row := range q.Rows {
		if row.Row.ID == rc.RequestID {
			test.Tap(row)
			require.NotNil(t, r.d.Request)
			return r.d.Request
		}
	}
	t.Fatalf("request %s not in the queue", rc.ReceiptNo)
	return nil
}

func (r *rig) accept(t *testing.T, req *staff.Request, mode data.Mode) {
	t.Helper()
	require.Contains(t, req.Actions, data.ActAccept)
	test.Tap(req.Actions[data.ActAccept])
	require.NotNil(t, req.Form)
	req.Form.Step.(*staff.AcceptForm).SetMode(mode)
	if req.Form.Step.(*staff.AcceptForm).MissingShown() { // required materials not ticked 已收: accept all the same
		req.Form.Step.(*staff.AcceptForm).ConfirmMissing.SetChecked(true)
	}
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form, req.Detail.ReceiptNo)
}

func TestAcceptShowsDueDate(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	assert.Equal(t, "赵桂兰", req.Detail.ApplicantName)
	assert.Equal(t, "13900139000", req.Detail.ApplicantPhone)
	assert.Equal(t, validID("19650712", 42), req.Detail.ApplicantID)

	r.accept(t, req, data.ModePromise)
	assert.Equal(t, data.StatusAccepted, req.Detail.Status)
	require.NotEmpty(t, req.Detail.DueDay)
	assert.Contains(t, req.Summary.Text, req.Detail.DueDay)
	assert.Contains(t, req.NoticeLabel.Text, req.Detail.DueDay)
	assert.Equal(t, "王丽娟", req.Detail.OwnerName)
	assert.Equal(t, "王丽娟", req.Detail.FirstOwnerName)
	require.NotNil(t, req.Notice)
	assert.Equal(t, "promise", req.Notice.Kind())
	test.Tap(req.PrintButton)
	require.Len(t, r.printer.Jobs, 1)
	assert.Equal(t, "A4", r.printer.Media[0])
	assert.Equal(t, "已送往打印机，请取纸。", req.PrintStatus.Text)
	assert.NotContains(t, req.Actions, data.ActAccept)
	assert.Contains(t, req.Actions, data.ActFinish)
}

func TestSupplementTwoMaterials(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActSupplement])
	f := req.Form
	step := f.Step.(*staff.SupplementForm)
	require.NotNil(t, f)
	assert.Len(t, step.Materials.Selected, 2, "the two missing required materials come ticked")
	assert.False(t, step.SecondReasonShown())
	step.Note.SetText("请本周内补交")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, data.StatusWaiting, req.Detail.Status)
	require.Len(t, req.Detail.Supplements, 1)
	assert.Len(t, req.Detail.Supplements[0].Materials, 2)
	require.NotNil(t, req.Notice)
	assert.Equal(t, "correction", req.Notice.Kind())
	test.Tap(req.PrintButton)
	assert.Len(t, r.printer.Jobs, 1)

	// Asking again for a material the first notice did not name needs a
	// written reason: the field appears with data's message.
	test.Tap(req.Actions[data.ActSupplement])
	f = req.Form
	step = f.Step.(*staff.SupplementForm)
	step.Materials.SetSelected([]string{step.Materials.Options[0]})
	test.Tap(f.Submit)
	require.NotNil(t, req.Form, "the dialog stays open")
	assert.Contains(t, f.Error.Text, "一次性告知")
	assert.True(t, step.SecondReasonShown())
	step.SecondReason.SetText("身份证复印件不清晰，需重新提供")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	require.Len(t, req.Detail.Supplements, 2)
	assert.True(t, req.Detail.Supplements[1].Second)
}

func TestRefuse(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActRefuse])
	f := req.Form
	step := f.Step.(*staff.RefuseForm)
	test.Tap(f.Submit)
	require.NotNil(t, req.Form)
	assert.Contains(t, f.Error.Text, "请写明不予受理")
	assert.Equal(t, data.StatusSubmitted, req.Detail.Status)

	step.Reason.SetText("申请人已参加职工基本养老保险，不属于城乡居民养老保险参保范围")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, data.StatusRefused, req.Detail.Status)
	assert.True(t, req.Detail.Status.Closed())
	require.NotNil(t, req.Notice)
	assert.Equal(t, "refusal", req.Notice.Kind())
	test.Tap(req.PrintButton)
	assert.Len(t, r.printer.Jobs, 1)
	assert.NotContains(t, req.Actions, data.ActRefuse)
	assert.Contains(t, req.Actions, data.ActNote)
}

func TestHandOverAndFinish(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "张建华", adminPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModePromise)
	assert.Equal(t, "张建华", req.Detail.OwnerName)

	test.Tap(req.Actions[data.ActHandOver])
	f := req.Form
	step := f.Step.(*staff.HandOverForm)
	idx := -1
	for i, o := range step.ToStaff.Options {
		if strings.HasPrefix(o, "王丽娟") {
			idx = i
		}
	}
	require.GreaterOrEqual(t, idx, 0)
	step.ToStaff.SetSelectedIndex(idx)
	test.Tap(f.Submit)
	require.NotNil(t, req.Form)
	assert.Contains(t, f.Error.Text, "转交")
	step.Note.SetText("王丽娟熟悉养老保险业务")
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, "王丽娟", req.Detail.OwnerName)
	assert.Equal(t, "张建华", req.Detail.FirstOwnerName, "首问 never changes")

	test.Tap(req.Actions[data.ActFinish])
	f = req.Form
	finish := f.Step.(*staff.FinishForm)
	finish.Result.SetText("已完成参保登记，次月起按档次缴费")
	test.Tap(f.Submit)
	require.NotNil(t, req.Form)
	assert.Contains(t, f.Error.Text, "告知")
	finish.SetReply(data.ReplyPhone)
	test.Tap(f.Submit)
	require.Nil(t, req.Form)
	assert.Equal(t, data.StatusFinished, req.Detail.Status)
	require.NotNil(t, req.Notice)
	assert.Equal(t, "finished", req.Notice.Kind())
	test.Tap(req.PrintButton)
	assert.Len(t, r.printer.Jobs, 1)
}

func TestIdleLock(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)

	r.now = r.now.Add(2 * time.Minute)
	r.d.Activity()
	r.now = r.now.Add(2 * time.Minute)
	r.timers.Fire()
	_, ok := r.d.Session()
	assert.True(t, ok, "activity two minutes ago keeps the desk open")
	assert.Zero(t, r.exits)

	r.now = r.now.Add(staff.DefaultIdleLock)
	r.timers.Fire()
	_, ok = r.d.Session()
	assert.False(t, ok)
	assert.Equal(t, 1, r.exits)
	assert.Nil(t, r.d.Queue)
}

func TestExitLogsOut(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.ExitButton)
	assert.Equal(t, 1, r.exits)
	_, ok := r.d.Session()
	assert.False(t, ok)
	// Open again: the sign-in screen, nobody signed in.
	r.d.Open()
	require.NotNil(t, r.d.Login)
}

// After a restore main abandons the desk: it must stay quiet for good (no
// sign-out on the closed store, no OnExit, no idle lock later).
func TestAbandonStopsQuietly(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	require.NoError(t, r.s.Close())
	r.d.Abandon()
	r.now = r.now.Add(2 * staff.DefaultIdleLock)
	r.timers.Fire()
	assert.Zero(t, r.exits)
	_, ok := r.d.Session()
	assert.False(t, ok)
	r.d.Lock("late")
	assert.Zero(t, r.exits, "an abandoned desk does not lock again")
}

func TestWindowIntake(t *testing.T) {
	r := newRig(t, true)
	sess := r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	require.NotNil(t, in)
	in.SelectItem("城乡居民基本养老保险参保登记")
	require.NotZero(t, in.Item.ID)
	in.Fields["contribution_tier"].(interface{ SetSelected(string) }).SetSelected("300元/年")
	in.Fields["special_group"].(interface{ SetSelected(string) }).SetSelected("否")
	in.Fields["birth_date"].(interface{ SetText(string) }).SetText("1962-01-20")
	in.Name.SetText("李秀英")
	in.Phone.SetText("13700137000")
	in.IDNumber.SetText(validID("19620120", 7))
	in.Brought.SetSelected(in.Brought.Options[:2])
	test.Tap(in.Submit)
	assert.Contains(t, in.Error.Text, "个人信息")
	assert.False(t, in.Registered)

	in.Consent.SetChecked(true)
	test.Tap(in.Submit)
	require.True(t, in.Registered, in.Error.Text)
	test.Tap(in.PrintButton)
	require.Len(t, r.printer.Jobs, 1)
	assert.True(t, strings.HasPrefix(r.printer.Media[0], "Custom.80x"))

	det, err := r.s.RequestDetail(context.Background(), in.Receipt.RequestID)
	require.NoError(t, err)
	assert.Equal(t, data.ChannelWindow, det.Channel)
	assert.Equal(t, sess.StaffID, det.FirstOwnerID)
	assert.Len(t, det.Brought, 2)
	test.Tap(in.OpenButton)
	require.NotNil(t, r.d.Request)
}

// lostCommitStore registers and then says the saving could not be
// confirmed (a connection lost at COMMIT), fail times.
type lostCommitStore struct {
	*data.Store
	fail   int
	tokens []string
}

func (s *lostCommitStore) Register(ctx context.Context, reg data.Registration) (data.Receipt, error) {
	s.tokens = append(s.tokens, reg.Token)
	rc, err := s.Store.Register(ctx, reg)
	if err == nil && s.fail > 0 {
		s.fail--
		return data.Receipt{}, fmt.Errorf("data: register: %w", data.ErrCommitUnknown)
	}
	return rc, err
}

// TestWindowIntakeCommitUnknown: a window registration whose saving could
// not be confirmed says so; 登记 again sends the same token and shows the
// receipt of the request saved the first time: one request.
func TestWindowIntakeCommitUnknown(t *testing.T) {
	ls := &lostCommitStore{fail: 1}
	r := newRigStore(t, locale.Chinese, true, nil, func(s *data.Store) staff.Store { ls.Store = s; return ls })
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	require.NotNil(t, in)
	in.SelectItem("城乡居民基本养老保险参保登记")
	in.Fields["contribution_tier"].(interface{ SetSelected(string) }).SetSelected("300元/年")
	in.Fields["special_group"].(interface{ SetSelected(string) }).SetSelected("否")
	in.Fields["birth_date"].(interface{ SetText(string) }).SetText("1962-01-20")
	in.Name.SetText("李秀英")
	in.Phone.SetText("13700137000")
	in.IDNumber.SetText(validID("19620120", 7))
	in.Consent.SetChecked(true)

	test.Tap(in.Submit)
	assert.False(t, in.Registered)
	assert.Contains(t, in.Error.Text, "暂时无法确认是否已经登记")
	test.Tap(in.Submit)
	require.True(t, in.Registered, in.Error.Text)
	require.Len(t, ls.tokens, 2)
	assert.True(t, data.ValidToken(ls.tokens[0]))
	assert.Equal(t, ls.tokens[0], ls.tokens[1], "the same registration sent again")
	assert.Equal(t, ls.tokens[0], in.Receipt.Token)
	tr, err := r.s.TrackByToken(context.Background(), in.Receipt.Token)
	require.NoError(t, err)
	assert.Equal(t, in.Receipt.ReceiptNo, tr.ReceiptNo, "the receipt of the request saved the first time")
}

func TestSignInAndWhereabouts(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	u := r.d.Duty
	assert.False(t, u.SignedIn())
	test.Tap(u.SignButton)
	assert.True(t, u.SignedIn())
	assert.Equal(t, "签退", u.SignButton.Text)
	u.Where.SetSelected(data.DutyOut.Label())
	board, err := r.s.OnDuty(context.Background())
	require.NoError(t, err)
	for _, e := range board.Staff {
		if e.Name == "王丽娟" {
			assert.Equal(t, data.DutyOut, e.Status)
		}
	}
}

// TestIntakeItemPicker: intake's item is chosen with the item search (a
// center may have thousands of items: none is listed before the clerk
// types), and the chosen item's form follows.
func TestIntakeItemPicker(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	require.NotNil(t, in)
	p := in.ItemPicker
	assert.Equal(t, "请选择事项", p.Label.Text)
	assert.False(t, p.Clear.Visible(), "an item must be chosen: nothing to clear")
	assert.Nil(t, in.Name, "no form before an item is chosen")

	test.Tap(p.Button)
	require.NotNil(t, p.Dialog)
	assert.Nil(t, p.All, "no 全部事项 when registering")
	assert.Equal(t, 0, p.Results.Length())
	test.Type(p.Search, "养老")
	pick := -1
	for i, it := range p.Found {
		if it.Name == "城乡居民基本养老保险参保登记" {
			pick = i
		}
	}
	require.GreaterOrEqual(t, pick, 0, "found: %v", p.Found)
	p.Results.Select(pick)
	assert.Nil(t, p.Dialog, "picking closes the picker")
	assert.Equal(t, "城乡居民基本养老保险参保登记（社会保障与就业）", p.Label.Text)
	assert.False(t, p.Clear.Visible())
	assert.Equal(t, "城乡居民基本养老保险参保登记", in.Item.Name)
	require.NotNil(t, in.Name)
	assert.Contains(t, in.Fields, "contribution_tier")
}
