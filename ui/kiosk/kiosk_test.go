package kiosk_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
	bmtheme "bianmin/ui/theme"
)

// fixedNow is a Thursday morning in China.
var fixedNow = time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)

// Strings that only internal disclosures carry: no resident screen may ever
// show them.
const (
	internalTitle  = "廉洁自律情况通报"
	internalBody   = "内部考核名单甲乙丙"
	appraisalTitle = "考核考勤奖惩情况"
)

// testCatalog is a small catalog with everything the screens show: three
// guides in three categories, two windows, two staff (one with a photo),
// public disclosures in several categories (one with an old version) and
// two internal ones.
func testCatalog(t testing.TB) *data.Catalog {
	photo, err := os.ReadFile(filepath.Join("..", "..", "assets", "avatars", "avatar1.png"))
	if err != nil {
		photo = nil // the card falls back to an icon
	}
	pub := time.Date(2026, 1, 5, 9, 0, 0, 0, data.China)
	hours := []data.OfficeHours{}
	for d := time.Monday; d <= time.Friday; d++ {
		hours = append(hours, data.OfficeHours{Weekday: d, Opens: "08:30", Closes: "12:00"},
			data.OfficeHours{Weekday: d, Opens: "14:30", Closes: "17:30"})
	}
	return &data.Catalog{
		Format: data.CatalogFormat,
		Center: data.Center{Name: "测试社区便民服务室", ReceiptPrefix: "TS", Address: "测试路1号",
			Phone: "0919-0000001", ComplaintPhone: "0919-0000002", ReportPhone: "0919-0000003",
			ReportBox: "服务室门口左侧", ComplaintDays: 10, IdleSeconds: 90, Hours: hours},
		Windows: []data.Window{{Code: "1", Name: "社会保障窗口"}, {Code: "2", Name: "民政事务窗口"}},
		Staff: []data.Staff{
			{Code: "s1", Name: "王芳", Post: "社保专干", Duties: "负责社会保障业务受理", Window: "1", AB: "A",
				Role: data.RoleAdmin, Active: true, Photo: photo},
			{Code: "s2", Name: "李强", Post: "民政专干", Duties: "负责民政业务受理", Window: "1", AB: "B",
				Role: data.RoleStaff, Active: true},
		},
		Items: []data.Item{
			{Code: "JZZ", Name: "居住证申领", Category: "户籍与证明", Keywords: []string{"暂住证"},
				Summary: "受理后转报公安派出所", Basis: "《居住证暂行条例》", Conditions: "在本地居住半年以上",
				Procedure: []string{"提交材料", "转报派出所", "领取居住证"}, PromisedDays: 10, LegalDays: 15,
				Fee: "不收费", Trips: 2, Mode: data.ModeUpper, UpperDepartment: "城区派出所", ItemWindows: data.ItemWindows{LeadWindow: "1"},
				Phone: "0919-0000009", Result: "居住证",
				Materials: []data.Material{{Name: "居民身份证", Required: true, Form: data.FormBoth, Copies: 1}}},
			{Code: "DB", Name: "最低生活保障申请", Category: "社会救助", Keywords: []string{"低保"},
				Basis: "《社会救助暂行办法》", Conditions: "家庭人均收入低于当地低保标准",
				Procedure: []string{"提出申请", "入户调查", "张榜公示", "审批发放"}, PromisedDays: 30, LegalDays: 30,
				Fee: "不收费", FeeBasis: "无", SpecialSteps: "民主评议和公示7天", SpecialCounts: false,
				Trips: 1, Mode: data.ModeJoint, ItemWindows: data.ItemWindows{LeadWindow: "2", JointWindows: []string{"1"}}, Result: "低保证",
				Materials: []data.Material{
					{Name: "户口簿", Required: true, Form: data.FormOriginal, Copies: 1},
					{Name: "收入证明", Form: data.FormCopy, Copies: 2, Note: "如有工作单位请提供"}},
				Sample: true},
			{Code: "YB", Name: "城乡居民基本医疗保险参保登记", Category: "医疗保障", Keywords: []string{"医保"},
				Basis: "《社会保险法》", Conditions: "未参加职工医保的城乡居民", Procedure: []string{"登记"},
				Fee: "不收费", Trips: 1, Mode: data.ModeDirect, ItemWindows: data.ItemWindows{LeadWindow: "1"},
				Materials: []data.Material{{Name: "居民身份证", Required: true, Form: data.FormOriginal, Copies: 1}}},
		},
		Disclosures: []data.Disclosure{
			{Code: "org-1", Category: data.CatOrg, Audience: data.AudiencePublic, Cadence: data.CadenceAdhoc,
				Versions: []data.DisclosureVersion{{Version: 1, Status: data.VersionPublished, Title: "机构设置",
					Body: "本室设社会保障窗口和民政事务窗口。", PublishedAt: pub, Publisher: "管理员"}}},
			{Code: "rules-1", Category: data.CatRules, Audience: data.AudiencePublic, Cadence: data.CadenceAdhoc,
				Versions: []data.DisclosureVersion{
					{Version: 1, Status: data.VersionSuperseded, Title: "管理制度", Body: "旧的管理制度全文",
						PublishedAt: pub, Publisher: "管理员"},
					{Version: 2, Status: data.VersionPublished, Title: "管理制度",
						Body:        "一、政务公开制度\n政务公开必须坚持依法公开、客观公正、注重实效、方便监督的原则。",
						PublishedAt: pub.AddDate(0, 1, 0), Publisher: "管理员"}}},
			{Code: "complaint-1", Category: data.CatComplaint, Audience: data.AudiencePublic, Cadence: data.CadenceRegular,
				Versions: []data.DisclosureVersion{{Version: 1, Status: data.VersionPublished, Title: "投诉处理结果",
					Body: "本季度受理投诉1件，已办结。", PublishedAt: pub, Publisher: "管理员"}}},
			{Code: "integrity", Category: data.CatIntegrity, Audience: data.AudienceInternal, Cadence: data.CadenceRegular,
				Versions: []data.DisclosureVersion{{Version: 1, Status: data.VersionPublished, Title: internalTitle,
					Body: internalBody, PublishedAt: pub, Publisher: "管理员"}}},
			{Code: "appraisal", Category: data.CatAppraisal, Audience: data.AudienceInternal, Cadence: data.CadenceRegular,
				Versions: []data.DisclosureVersion{{Version: 1, Status: data.VersionPublished, Title: appraisalTitle,
					Body: internalBody, PublishedAt: pub, Publisher: "管理员"}}},
		},
	}
}

// fakeTimers is a manual AfterFunc: timers fire only when the test says.
type fakeTimers = uitest.Timers

// countingStore counts searches, to see the debounce work.
type countingStore struct {
	*data.Store
	mu       sync.Mutex
	searches []string
}

func (s *countingStore) SearchItems(ctx context.Context, q string) ([]data.ItemSummary, error) {
	s.mu.Lock()
	s.searches = append(s.searches, q)
	s.mu.Unlock()
	return s.Store.SearchItems(ctx, q)
}

type rig struct {
	k      *kiosk.Kiosk
	win    fyne.Window
	store  *countingStore
	timers *fakeTimers
	now    *time.Time
}

func mustOpen(t testing.TB, c *data.Catalog) *data.Store {
	t.Helper()
	return datatest.OpenWith(t, func() time.Time { return fixedNow }, c)
}

// newRig builds a kiosk on a real store in a 1280×800 test window, with a
// fixed clock, synchronous store work and manual timers.
func newRig(t *testing.T, opts kiosk.Options) *rig {
	t.Helper()
	return newRigWith(t, opts, testCatalog(t))
}

// newRigWith is newRig on the given catalog.
func newRigWith(t testing.TB, opts kiosk.Options, c *data.Catalog) *rig {
	t.Helper()
	uitest.NewApp(t)
	r := &rig{store: &countingStore{Store: mustOpen(t, c)}, timers: &fakeTimers{}}
	now := fixedNow
	r.now = &now
	opts.Now = func() time.Time { return *r.now }
	opts.Run = func(f func()) { f() }
	opts.After = r.timers.After
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(r.store, r.win, opts)
	r.win.SetContent(r.k.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	return r
}

// text is every string drawn on the window, dialogs included, one per line.
func (r *rig) text() string { return uitest.Text(r.win.Canvas()) }

// flat is text without line breaks, for text that wraps.
func (r *rig) flat() string { return uitest.Flat(r.win.Canvas()) }

func current[S kiosk.Screen](t *testing.T, r *rig) S {
	t.Helper()
	s, ok := r.k.Nav.Current().(S)
	require.Truef(t, ok, "current screen is %T", r.k.Nav.Current())
	return s
}

func TestHeaderShowsCenterDateTimeAndHours(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	h := r.k.Header
	assert.Equal(t, "测试社区便民服务室", h.Name.Text)
	assert.Equal(t, "09:30", h.Clock.Text)
	assert.Equal(t, "2026年3月5日 星期四", h.Date.Text)
	assert.Equal(t, "今日办公时间 08:30–12:00  14:30–17:30", h.Hours.Text)

	*r.now = time.Date(2026, 3, 7, 10, 5, 0, 0, data.China) // Saturday
	h.Refresh()
	assert.Equal(t, "10:05", h.Clock.Text)
	assert.Equal(t, "今日不对外办公", h.Hours.Text)
}

func TestClockTicks(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	*r.now = fixedNow.Add(time.Minute)
	r.timers.Fire()
	assert.Equal(t, "09:31", r.k.Header.Clock.Text)
	r.k.Stop()
	*r.now = fixedNow.Add(2 * time.Minute)
	r.timers.Fire()
	assert.Equal(t, "09:31", r.k.Header.Clock.Text, "a stopped clock does not tick")
}

func TestHoldingTheNameAsksForStaffLogin(t *testing.T) {
	asked := 0
	r := newRig(t, kiosk.Options{OnStaffRequest: func() { asked++ }})
	area := r.k.Header.NameArea
	down := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}

	area.MouseDown(down)
	area.MouseUp(down)
	r.timers.Fire()
	assert.Equal(t, 0, asked, "a short tap does nothing")

	area.MouseDown(down)
	area.MouseOut()
	r.timers.Fire()
	assert.Equal(t, 0, asked, "sliding off cancels")

	area.MouseDown(down)
	r.timers.Fire()
	assert.Equal(t, 1, asked, "held for the whole time")
	area.MouseUp(down)
}

func TestStaffLoginLeavesElderMode(t *testing.T) {
	var elderAtRequest bool
	r := newRig(t, kiosk.Options{OnStaffRequest: func() {
		elderAtRequest = bmtheme.IsElder(fyne.CurrentApp().Settings().Theme())
	}})
	r.k.SetElder(true)
	require.True(t, bmtheme.IsElder(fyne.CurrentApp().Settings().Theme()))
	down := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	r.k.Header.NameArea.MouseDown(down)
	r.timers.Fire()
	r.k.Header.NameArea.MouseUp(down)
	assert.False(t, elderAtRequest, "the staff desk opens in the normal theme")
	assert.False(t, r.k.Elder())
}

func TestResetGoesHomeClosesDialogsAndLeavesElderMode(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, "低保")
	r.timers.Fire()
	r.k.SetElder(true)
	r.k.Nav.ShowMessage("温馨提示", "一个对话框")
	require.NotNil(t, r.win.Canvas().Overlays().Top())

	r.k.Reset()
	assert.Equal(t, 1, r.k.Nav.Depth())
	assert.Nil(t, r.win.Canvas().Overlays().Top())
	assert.False(t, r.k.Elder())
	assert.False(t, bmtheme.IsElder(fyne.CurrentApp().Settings().Theme()))

	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	assert.Empty(t, current[*kiosk.Guides](t, r).Search.Text, "a new visit starts empty")
}

func TestElderModeSwitchesTheme(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	normal := r.k.Header.Name.TextSize
	test.Tap(r.k.Home.ElderButton)
	assert.True(t, r.k.Elder())
	assert.True(t, bmtheme.IsElder(fyne.CurrentApp().Settings().Theme()))
	assert.Equal(t, "退出长辈模式", r.k.Home.ElderButton.Text)
	assert.InDelta(t, normal*bmtheme.ElderTextScale, r.k.Header.Name.TextSize, 0.01)
	test.Tap(r.k.Home.ElderButton)
	assert.False(t, r.k.Elder())
	assert.Equal(t, "长辈模式", r.k.Home.ElderButton.Text)
}

type keys struct{ runes []rune }

func (k *keys) TypedRune(r rune)           { k.runes = append(k.runes, r) }
func (k *keys) TypedKey(ev *fyne.KeyEvent) {}

func TestKeysReachTheHandlerAndCountAsActivity(t *testing.T) {
	activity := 0
	r := newRig(t, kiosk.Options{OnActivity: func() { activity++ }})
	h := &keys{}
	r.k.SetKeyHandler(h)
	*r.now = fixedNow.Add(time.Minute)
	test.TypeOnCanvas(r.win.Canvas(), "ab1")
	assert.Equal(t, []rune("ab1"), h.runes)
	assert.Equal(t, fixedNow.Add(time.Minute), r.k.LastActivity())
	assert.Positive(t, activity)
}

// A stopped kiosk (hidden behind staff mode) takes no keys or scans;
// Start gives them back to the handler it had.
func TestStoppedKioskTakesNoKeysUntilStarted(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	h := &keys{}
	r.k.SetKeyHandler(h)
	r.k.Stop()
	test.TypeOnCanvas(r.win.Canvas(), "ab")
	assert.Empty(t, h.runes)
	r.k.Start()
	defer r.k.Stop()
	test.TypeOnCanvas(r.win.Canvas(), "c")
	assert.Equal(t, []rune("c"), h.runes)
}

func TestLeaveIsCalledWhenAScreenIsLeft(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	a, b := &leaver{}, &leaver{}
	r.k.Nav.Push(a)
	r.k.Nav.Push(b)
	assert.Equal(t, 1, a.left, "covered")
	r.k.Nav.Back()
	assert.Equal(t, 1, b.left, "popped")
	r.k.Nav.Home()
	assert.Equal(t, 2, a.left)
	assert.Equal(t, 1, r.k.Nav.Depth())
}

type leaver struct{ left int }

func (l *leaver) Title() string              { return "测试" }
func (l *leaver) Content() fyne.CanvasObject { return widget.NewLabel(l.Title()) }
func (l *leaver) Leave()                     { l.left++ }
