package kiosk_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/input"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
)

// The rig of the tracking, complaint and rating tests: a kiosk on a real
// store with the sample catalog, a fixed clock the test moves, synchronous
// store work, manual timers, and a Tracker wired as main wires it.

// trackNow is a Thursday morning in China.
var trackNow = time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)

const trackBase = "http://192.168.1.20:8080"

type trackRig struct {
	k       *kiosk.Kiosk
	win     fyne.Window
	store   *data.Store
	tracker *kiosk.Tracker
	timers  *uitest.Timers
	now     *time.Time
	session data.Session // the desk's, see desk
}

// trackSample is the sample catalog a new kiosk starts with.
func trackSample(t *testing.T) *data.Catalog { t.Helper(); return datatest.SampleCatalog(t) }

// newTrackRig wires a kiosk in a 1280×800 test window. wrap, if not nil,
// wraps the kiosk's store (to make it fail).
func newTrackRig(t *testing.T, wrap func(*data.Store) kiosk.Store) *trackRig {
	t.Helper()
	return newTrackRigIn(t, locale.Chinese, wrap)
}

// newTrackRigIn is newTrackRig in a language (locale.Chinese,
// locale.English); the app goes back to Chinese when the test ends.
func newTrackRigIn(t *testing.T, language string, wrap func(*data.Store) kiosk.Store) *trackRig {
	t.Helper()
	uitest.NewApp(t)
	require.NoError(t, locale.Use(language))
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	r := &trackRig{timers: &uitest.Timers{}}
	now := trackNow
	r.now = &now
	clock := func() time.Time { return *r.now }
	s := datatest.OpenWith(t, clock, trackSample(t))
	r.store = s

	var ks kiosk.Store = s
	if wrap != nil {
		ks = wrap(s)
	}
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(ks, r.win, kiosk.Options{
		BaseURL: trackBase,
		Now:     clock,
		Run:     func(f func()) { f() },
		After:   r.timers.After,
	})
	r.tracker = r.k.Tracker
	r.win.SetContent(r.k.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	return r
}

// settle lays the whole window out again, as a frame of the real driver
// would after the shell showed its title bar: the test window does not.
func (r *trackRig) settle() { relayout(r.k.Content()) }

// relayout lays out o and everything inside it again, top down, as the
// real driver does when a minimum size changed.
func relayout(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, c := range v.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		r.Layout(v.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

// register stores a request for the sample item with the given code, every
// intake field filled, the first material brought.
func (r *trackRig) register(t *testing.T, code string) data.Receipt {
	t.Helper()
	ctx := context.Background()
	it := datatest.Item(t, r.store, code)
	fields := map[string]string{}
	for _, f := range it.Fields {
		switch f.Kind {
		case data.KindNumber:
			fields[f.Key] = "2"
		case data.KindDate:
			fields[f.Key] = "2020-01-01"
		case data.KindSingle, data.KindMulti:
			fields[f.Key] = f.Options[0]
		default:
			fields[f.Key] = "子女入学"
		}
	}
	rc, err := r.store.Register(ctx, data.Registration{ItemID: it.ID, Channel: data.ChannelKiosk, Name: "张小三",
		Phone: "13800138000", IDNumber: "11010519491231002X", Fields: fields,
		Brought: []int64{it.Materials[0].ID}, Consent: true})
	require.NoError(t, err)
	return rc
}

// desk is the session of the sample center's administrator at the staff
// desk, set up on first use.
func (r *trackRig) desk(t *testing.T) data.Session {
	t.Helper()
	if r.session.StaffID == 0 {
		r.session = datatest.SetPINs(t, r.store, datatest.StaffIDs(t, r.store), "张建华")
	}
	return r.session
}

// answerComplaint handles the complaint with code at the desk as staff do
// (taken up, looked into, decided) and closes it with a published reply.
func (r *trackRig) answerComplaint(t *testing.T, code, reply string) {
	t.Helper()
	ctx := context.Background()
	rows, err := r.store.ComplaintQueue(ctx, r.desk(t), data.ComplaintFilter{Status: "all"})
	require.NoError(t, err)
	i := slices.IndexFunc(rows, func(c data.ComplaintRow) bool { return c.Code == code })
	require.NotEqual(t, -1, i, "complaint %s in the desk's queue", code)
	id := rows[i].ID
	require.NoError(t, r.store.AssignComplaint(ctx, r.desk(t), id, r.desk(t).StaffID))
	require.NoError(t, r.store.RecordInvestigation(ctx, r.desk(t), id, "已到现场查看。"))
	_, err = r.store.DecideComplaint(ctx, r.desk(t), id, data.ComplaintDecision{Result: "意见合理，已采纳。"})
	require.NoError(t, err)
	require.NoError(t, r.store.ReplyComplaint(ctx, r.desk(t), id, reply, true))
}

// finish accepts a request as 承诺办理 and finishes it at the desk, now.
func (r *trackRig) finish(t *testing.T, id int64) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, r.store.Accept(ctx, r.desk(t), id, data.ModePromise, ""))
	require.NoError(t, r.store.Finish(ctx, r.desk(t), id, "已办结", data.ReplyInPerson))
}

// waiting puts a request in 等待补充材料 at the desk's 综合受理与代办窗口:
// accepted at 09:40, then two materials asked for at 09:45. The due day
// waits for the materials (材料齐全之日起重新计算).
func (r *trackRig) waiting(t *testing.T, id int64) {
	t.Helper()
	ctx := context.Background()
	at := *r.now
	defer func() { *r.now = at }()
	*r.now = time.Date(2026, 3, 5, 9, 40, 0, 0, data.China)
	require.NoError(t, r.store.Accept(ctx, r.desk(t), id, "", ""))
	*r.now = time.Date(2026, 3, 5, 9, 45, 0, 0, data.China)
	d, err := r.store.RequestDetail(ctx, id)
	require.NoError(t, err)
	it, err := r.store.Item(ctx, d.ItemID)
	require.NoError(t, err)
	_, err = r.store.RequestSupplement(ctx, r.desk(t), id, []int64{it.Materials[1].ID, it.Materials[2].ID},
		"请补充材料后到2号窗口提交", "")
	require.NoError(t, err)
}

func trackCurrent[S kiosk.Screen](t *testing.T, r *trackRig) S {
	t.Helper()
	s, ok := r.k.Nav.Current().(S)
	require.Truef(t, ok, "current screen is %T", r.k.Nav.Current())
	return s
}

// text is every string drawn on the window, dialogs included, one per line.
func (r *trackRig) text() string { return uitest.Text(r.win.Canvas()) }

var trackTextTag = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// flat is text without line breaks, for text that wraps.
func (r *trackRig) flat() string { return uitest.Flat(r.win.Canvas()) }

// dialogText is the text of the dialog on top, "" without one.
func (r *trackRig) dialogText() string {
	top := r.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	for _, m := range trackTextTag.FindAllStringSubmatch(test.RenderObjectToMarkup(top), -1) {
		b.WriteString(m[1])
	}
	return b.String()
}

// closeDialogs removes the dialogs, as a tap on 知道了 would.
func (r *trackRig) closeDialogs() {
	o := r.win.Canvas().Overlays()
	for top := o.Top(); top != nil; top = o.Top() {
		o.Remove(top)
	}
}

// tapDigits types digits on the keypad.
func tapDigits(t *testing.T, kp *input.Keypad, digits string) {
	t.Helper()
	for _, c := range digits {
		require.True(t, c >= '0' && c <= '9', "digit %q", c)
		test.Tap(kp.Digit(int(c - '0')))
	}
}

// tapCode types a code (upper-case letters and digits) on the keyboard in
// its Code layout.
func tapCode(t *testing.T, kb *input.Keyboard, code string) {
	t.Helper()
	for _, c := range code {
		if c >= '0' && c <= '9' {
			test.Tap(kb.Digit(int(c - '0')))
			continue
		}
		key := kb.Letter(c)
		require.NotNil(t, key, "letter %q", c)
		test.Tap(key)
	}
}

// tapPinyin types Chinese: for each syllable its letters, then the first
// candidate.
func tapPinyin(t *testing.T, kb *input.Keyboard, syllables ...string) {
	t.Helper()
	for _, s := range syllables {
		for _, c := range s {
			test.Tap(kb.Letter(c))
		}
		require.NotEmpty(t, kb.Candidates(), "candidates for %q", s)
		test.Tap(kb.Candidate(0))
	}
}

// typeReceipt fills a lookup form by taps: the digits of the receipt
// number on the keypad, 完成, the query code on the keyboard, 完成 (which
// searches).
func typeReceipt(t *testing.T, f *kiosk.LookupForm, receiptNo, queryCode string) {
	t.Helper()
	test.Tap(f.Number)
	require.Same(t, f.Number, f.Panel.Active())
	test.Tap(f.Panel.Keypad.Clear)
	digits := strings.ReplaceAll(receiptNo[strings.Index(receiptNo, "-")+1:], "-", "")
	tapDigits(t, f.Panel.Keypad, digits)
	test.Tap(f.Panel.Keypad.Done)
	require.Same(t, f.Code, f.Panel.Active(), "完成 moves to the query code")
	test.Tap(f.Panel.Keyboard.Clear)
	tapCode(t, f.Panel.Keyboard, queryCode)
	test.Tap(f.Panel.Keyboard.Done)
}

// wrongCode is a valid-looking query code other than code.
func wrongCode(code string) string {
	if code == "ACDEFH" {
		return "HFEDCA"
	}
	return "ACDEFH"
}

func TestTrackByTypedCode(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	require.Equal(t, "WY-20260305-0001", rc.ReceiptNo)

	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := trackCurrent[*kiosk.Track](t, r)
	assert.Equal(t, "WY-", s.Form.Prefix.Text, "the center's prefix is fixed")
	assert.Contains(t, r.flat(), "请将回执上的二维码对准扫描器")

	test.Tap(s.Form.Number)
	assert.True(t, s.Form.Panel.Keypad.Visible(), "the digits take the keypad")
	tapDigits(t, s.Form.Panel.Keypad, "202603050001")
	assert.Equal(t, "将查询回执编号：WY-20260305-0001", s.Form.Preview.Text)
	test.Tap(s.Form.Panel.Keypad.Done)
	require.Same(t, s.Form.Code, s.Form.Panel.Active())
	tapCode(t, s.Form.Panel.Keyboard, rc.QueryCode)
	assert.Equal(t, rc.QueryCode, s.Form.Code.Text)
	test.Tap(s.Form.Panel.Keyboard.Done)

	res := trackCurrent[*kiosk.TrackResult](t, r)
	assert.Equal(t, rc.RequestID, res.Tracking.RequestID)
	text := r.flat()
	for _, want := range []string{
		"已登记，等待受理", data.StatusSubmitted.Explain(), "最低生活保障申请", "WY-20260305-0001",
		"受理后确定", "张*三", "登记申请", "2026年3月5日 09:30", "0919-0000002", "我要投诉",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "张小三", "the name is masked")
	assert.Nil(t, res.RateButton, "not finished: nothing to rate")
	assert.Zero(t, r.tracker.Throttle.Wait())
}

func TestTrackResultShowsMissingTimelineAndDue(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.waiting(t, rc.RequestID)
	tr, err := r.store.TrackByToken(context.Background(), rc.Token)
	require.NoError(t, err)
	require.Len(t, tr.Missing, 2)

	r.k.Nav.Push(kiosk.NewTrackResult(r.k.Nav, r.tracker, tr))
	res := trackCurrent[*kiosk.TrackResult](t, r)
	text := r.flat()
	for _, want := range append([]string{"等待补充材料", "受理后确定", "还需补充的材料", "办理过程",
		"受理", "综合受理与代办窗口", "请补充材料后到2号窗口提交", "2026年3月5日 09:40"}, tr.Missing...) {
		assert.Contains(t, text, want)
	}
	assert.Equal(t, "受理后确定", res.Due)
	assert.Len(t, res.Timeline, 3)

	speech := res.Speech()
	for _, want := range append([]string{"等待补充材料", "最低生活保障申请", "受理后确定"}, tr.Missing...) {
		assert.Contains(t, speech, want)
	}
}

func TestTrackWrongCodeSaysOnlyNotFoundAndThrottles(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := trackCurrent[*kiosk.Track](t, r)
	notFound := "未找到该办件，请核对回执编号和查询码。"

	// A wrong code and a wrong number say exactly the same.
	typeReceipt(t, s.Form, rc.ReceiptNo, wrongCode(rc.QueryCode))
	assert.Equal(t, notFound, s.Form.Message.Text)
	typeReceipt(t, s.Form, "WY-20260305-0002", rc.QueryCode)
	assert.Equal(t, notFound, s.Form.Message.Text)
	assert.Zero(t, r.tracker.Throttle.Wait(), "two mistakes are free")
	assert.Equal(t, "查询", s.Form.Search.Text)

	typeReceipt(t, s.Form, "WY-20260305-0003", wrongCode(rc.QueryCode))
	assert.Equal(t, notFound, s.Form.Message.Text)
	assert.Equal(t, 10*time.Second, r.tracker.Throttle.Wait())
	assert.Equal(t, "请等待 10 秒", s.Form.Search.Text)
	assert.True(t, s.Form.Search.Disabled())

	// Even the right code waits now, and trying does not look it up.
	typeReceipt(t, s.Form, rc.ReceiptNo, rc.QueryCode)
	trackCurrent[*kiosk.Track](t, r)
	assert.Equal(t, 10*time.Second, r.tracker.Throttle.Wait())

	*r.now = r.now.Add(4 * time.Second)
	r.timers.Fire()
	assert.Equal(t, "请等待 6 秒", s.Form.Search.Text)

	// Leaving and coming back, even through the idle reset, keeps it.
	r.k.Reset()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s = trackCurrent[*kiosk.Track](t, r)
	assert.Equal(t, "请等待 6 秒", s.Form.Search.Text)
	assert.True(t, s.Form.Search.Disabled())
	assert.True(t, s.Form.Hint.Visible())
	assert.Contains(t, s.Form.Hint.Text, "稍等片刻")

	*r.now = r.now.Add(6 * time.Second)
	r.timers.Fire()
	assert.Equal(t, "查询", s.Form.Search.Text)
	assert.False(t, s.Form.Search.Disabled())
	assert.False(t, s.Form.Hint.Visible())

	// The next failure doubles the wait.
	typeReceipt(t, s.Form, rc.ReceiptNo, wrongCode(rc.QueryCode))
	assert.Equal(t, 20*time.Second, r.tracker.Throttle.Wait())
	*r.now = r.now.Add(20 * time.Second)
	r.timers.Fire()

	// Success ends the streak.
	typeReceipt(t, s.Form, rc.ReceiptNo, rc.QueryCode)
	trackCurrent[*kiosk.TrackResult](t, r)
	test.Tap(r.k.BackButton)
	typeReceipt(t, s.Form, rc.ReceiptNo, wrongCode(rc.QueryCode))
	assert.Zero(t, r.tracker.Throttle.Wait(), "a fresh streak after a success")
}

func TestTrackFormChecksFormatWithoutCounting(t *testing.T) {
	r := newTrackRig(t, nil)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := trackCurrent[*kiosk.Track](t, r)
	tests := map[string]struct {
		digits, code string
		want         string
	}{
		"NoNumber":    {"", "ACDEFH", "请输入回执编号中横线后的数字。"},
		"ShortNumber": {"2026030", "ACDEFH", "回执编号的数字不完整"},
		"NoCode":      {"202603050001", "", "请输入回执上的6位查询码。"},
		"ShortCode":   {"202603050001", "ACDEF", "查询码应为6位，您输入了5位"},
		"LookAlike":   {"202603050001", "ACDEF0", "不含0、O"},
		"BadDate":     {"202613050001", "ACDEFH", "回执编号格式不正确"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s.Form.Number.SetText(tc.digits)
			s.Form.Code.SetText(tc.code)
			test.Tap(s.Form.Search)
			assert.Contains(t, s.Form.Message.Text, tc.want)
		})
	}
	assert.Zero(t, r.tracker.Throttle.Wait(), "a malformed entry is never looked up")
}

func TestTrackComplaintByTypedCode(t *testing.T) {
	r := newTrackRig(t, nil)
	rc, err := r.store.FileComplaint(context.Background(), data.NewComplaint{Channel: "kiosk",
		About: data.AboutOther, Body: "大厅的座椅太少了，老人等候不方便"})
	require.NoError(t, err)
	require.Equal(t, "TWY-20260305-0001", rc.Code)

	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := trackCurrent[*kiosk.Track](t, r)
	s.Kind.SetSelected("投诉回执")
	assert.Equal(t, "TWY-", s.Form.Prefix.Text)
	typeReceipt(t, s.Form, "TWY-20260305-0002", rc.QueryCode)
	assert.Equal(t, "未找到该投诉，请核对投诉编号和查询码。", s.Form.Message.Text)
	typeReceipt(t, s.Form, rc.Code, rc.QueryCode)

	v := trackCurrent[*kiosk.ComplaintView](t, r)
	assert.Equal(t, "已收到，等待处理", v.Status.Text)
	text := r.flat()
	for _, want := range []string{"TWY-20260305-0001", "其他", "2026年3月19日", "答复后会在这里公布处理结果"} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "座椅", "the status screen does not repeat the complaint")

	// A published reply shows.
	r.answerComplaint(t, rc.Code, "已增设座椅10把。")
	c, err := r.store.ComplaintByToken(context.Background(), rc.Token)
	require.NoError(t, err)
	v = kiosk.NewComplaintView(r.k.Nav, c)
	assert.Equal(t, "已办结", v.Status.Text)
	assert.Equal(t, "已增设座椅10把。", v.Reply.Text)
	assert.Contains(t, v.Speech(), "已增设座椅10把。")
}
