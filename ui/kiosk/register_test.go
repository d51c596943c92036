package kiosk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
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
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
)

// regNow is a Thursday morning in China, inside the sample catalog's
// office hours (Monday to Friday 08:30–12:00, 14:30–17:30).
var regNow = time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)

const (
	regBaseURL = "http://192.168.1.20:8080"
	regGoodID  = "11010519491231002X" // a valid resident ID number ending in X
	regBadID   = "110105194912310021" // the same with a wrong check digit
	regPhone   = "13800138000"
)

// main passes the real store and printer.
var (
	_ kiosk.RegisterStore   = (*data.Store)(nil)
	_ kiosk.RegisterPrinter = paper.Printer{}
)

// regStore is the real store with a way to make Register fail first.
type regStore struct {
	*data.Store
	mu    sync.Mutex
	fail  []error // returned by the next calls of Register, in order
	calls int
	last  data.Registration   // what the last call was given
	all   []data.Registration // what every call was given
	// landed: a failing call registers first (a COMMIT the server made
	// whose answer was lost, data.ErrCommitUnknown).
	landed bool
}

func (s *regStore) Register(ctx context.Context, reg data.Registration) (data.Receipt, error) {
	s.mu.Lock()
	s.calls++
	s.last = reg
	s.all = append(s.all, reg)
	if len(s.fail) > 0 {
		err := s.fail[0]
		s.fail = s.fail[1:]
		s.mu.Unlock()
		if s.landed {
			if _, err := s.Store.Register(ctx, reg); err != nil {
				return data.Receipt{}, err
			}
		}
		return data.Receipt{}, err
	}
	s.mu.Unlock()
	return s.Store.Register(ctx, reg)
}

// regPrinter records what it is asked to print, or fails with Err.
type regPrinter = uitest.Printer

type regRig struct {
	k       *kiosk.Kiosk
	win     fyne.Window
	store   *regStore
	printer *regPrinter
	cfg     kiosk.RegisterConfig
	timers  *uitest.Timers
	now     *time.Time
}

// regCatalog is the sample catalog a new kiosk starts with.
func regCatalog(t *testing.T) *data.Catalog { t.Helper(); return datatest.SampleCatalog(t) }

// newRegRig builds a kiosk with self-registration wired as main wires it,
// on a real store holding the sample catalog, in a size window, with the
// clock at now, synchronous store work and manual timers.
func newRegRig(t *testing.T, now time.Time, size fyne.Size) *regRig {
	t.Helper()
	return newRegRigIn(t, locale.Chinese, now, size)
}

// newRegRigIn is newRegRig in a language (locale.Chinese, locale.English);
// the app goes back to Chinese when the test ends.
func newRegRigIn(t *testing.T, language string, now time.Time, size fyne.Size) *regRig {
	t.Helper()
	uitest.NewApp(t)
	require.NoError(t, locale.Use(language))
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	r := &regRig{timers: &uitest.Timers{}, printer: &regPrinter{Name: "kiosk"}}
	r.now = &now
	s := datatest.OpenWith(t, func() time.Time { return *r.now }, regCatalog(t))
	r.store = &regStore{Store: s}
	r.cfg = kiosk.RegisterConfig{Store: r.store, Printer: r.printer, BaseURL: regBaseURL}
	opts := kiosk.Options{
		BaseURL: regBaseURL,
		Printer: r.printer,
		Now:     func() time.Time { return *r.now },
		Run:     func(f func()) { f() },
		After:   r.timers.After,
	}
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(r.store, r.win, opts)
	r.win.SetContent(r.k.Content())
	r.win.Resize(size)
	return r
}

// text is every string drawn on the window, dialogs included, joined
// without line breaks (text wraps).
func (r *regRig) text() string { return uitest.Flat(r.win.Canvas()) }

func regAt[S kiosk.Screen](t *testing.T, r *regRig) S {
	t.Helper()
	s, ok := r.k.Nav.Current().(S)
	require.Truef(t, ok, "current screen is %T", r.k.Nav.Current())
	return s
}

// step is the current screen, which must be a step of the given kind.
func (r *regRig) step(t *testing.T, kind kiosk.RegisterStepKind) *kiosk.RegisterStep {
	t.Helper()
	s := regAt[*kiosk.RegisterStep](t, r)
	require.Equal(t, kind, s.Kind, "step %d: %s", s.Number, s.Question.Text)
	return s
}

// regKeys taps digits (and X) on the keypad.
func regKeys(t *testing.T, kp *input.Keypad, s string) { t.Helper(); uitest.Keys(t, kp, s) }

// regPinyin types one character on the pinyin keyboard: its letters, then
// the candidate, paging to it.
func regPinyin(t *testing.T, kb *input.Keyboard, letters, char string) {
	t.Helper()
	uitest.Pinyin(t, kb, letters, char)
}

// choose taps the option with the given text.
func choose(t *testing.T, s *kiosk.RegisterStep, text string) {
	t.Helper()
	for _, c := range s.Choices {
		if c.Text == text {
			test.Tap(c)
			return
		}
	}
	t.Fatalf("no option %q on step %q", text, s.Question.Text)
}

// regOpenDB goes home → 自助登记 → 社会救助 → 最低生活保障申请 and returns the
// consent step.
func regOpenDB(t *testing.T, r *regRig) *kiosk.RegisterStep {
	t.Helper()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
	p := regAt[*kiosk.RegisterPicker](t, r)
	require.True(t, p.Hours.Open())
	var cat *kiosk.Tile
	for _, tile := range p.CategoryTiles {
		if tile.Title == "社会救助" {
			cat = tile
		}
	}
	require.NotNil(t, cat, "category tile")
	test.Tap(cat)
	c := regAt[*kiosk.RegisterCategory](t, r)
	i := slices.IndexFunc(c.Items.Items, func(it data.ItemSummary) bool { return it.Name == "最低生活保障申请" })
	require.GreaterOrEqual(t, i, 0)
	c.Items.List.Select(i)
	return r.step(t, kiosk.RegisterConsent)
}

// regFillDB answers every step of 最低生活保障申请 by taps, up to the review,
// calling each (if not nil) on every screen with a name for it.
func regFillDB(t *testing.T, r *regRig, each func(name string)) *kiosk.RegisterReview {
	t.Helper()
	if each == nil {
		each = func(string) {}
	}
	s := regOpenDB(t, r)
	each("01-consent")
	assert.Equal(t, "自助登记 · 最低生活保障申请", r.k.TitleLabel.Text)
	test.Tap(s.NextButton) // 同意

	s = r.step(t, kiosk.RegisterField)
	assert.Equal(t, "household_size", s.Field.Key)
	require.Same(t, &s.Entry.Entry, s.Panel.Keypad.Target(), "the keypad opens by itself")
	each("02-number")
	regKeys(t, s.Panel.Keypad, "3")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterField)
	assert.Equal(t, "monthly_income", s.Field.Key)
	regKeys(t, s.Panel.Keypad, "1250")
	test.Tap(s.Panel.Keypad.Done) // 完成 goes on too

	s = r.step(t, kiosk.RegisterField)
	assert.Equal(t, "reasons", s.Field.Key)
	test.Tap(s.NextButton)
	assert.Equal(t, "请选择主要困难原因。", s.Error.Text, "data's message for a required choice")
	assert.Same(t, s, r.k.Nav.Current())
	choose(t, s, "因病")
	choose(t, s, "失业")
	assert.False(t, s.Error.Visible(), "a choice clears the message")
	each("03-multi")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterField)
	assert.Equal(t, "agent", s.Field.Key)
	choose(t, s, "委托他人代为申请")
	choose(t, s, "本人申请")
	each("04-single")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterName)
	require.Same(t, &s.Entry.Entry, s.Panel.Keyboard.Target(), "the keyboard opens by itself")
	regPinyin(t, s.Panel.Keyboard, "zhang", "张")
	test.Tap(s.NextButton)
	assert.Equal(t, "姓名至少应有2个字，请输入完整的姓名。", s.Error.Text)
	regPinyin(t, s.Panel.Keyboard, "san", "三")
	assert.Equal(t, "张三", s.Entry.Text)
	each("05-name")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	each("06-phone")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterID)
	regKeys(t, s.Panel.Keypad, regBadID)
	test.Tap(s.NextButton)
	assert.Equal(t, "身份证号码校验位不正确，请核对最后一位。", s.Error.Text, "data's exact message")
	assert.True(t, s.Error.Visible())
	assert.Same(t, s, r.k.Nav.Current(), "a bad ID number does not advance")
	each("07-id-error")
	test.Tap(s.Panel.Keypad.Clear)
	regKeys(t, s.Panel.Keypad, regGoodID)
	assert.False(t, s.Error.Visible())
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterDescription)
	assert.Equal(t, "跳过", s.NextButton.Text, "an empty optional step is skipped")
	regPinyin(t, s.Panel.Keyboard, "kun", "困")
	regPinyin(t, s.Panel.Keyboard, "nan", "难")
	assert.Equal(t, "下一步", s.NextButton.Text)
	each("08-description")
	test.Tap(s.Panel.Keyboard.Done)

	s = r.step(t, kiosk.RegisterMaterials)
	require.Len(t, s.Choices, 6)
	choose(t, s, "最低生活保障申请书")
	choose(t, s, "共同生活家庭成员的居民身份证和户口簿")
	choose(t, s, "残疾人证、病历或诊断证明")
	each("09-materials")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterHelp)
	test.Tap(s.NextButton)
	assert.Equal(t, "请选择一项，再点“下一步”。", s.Error.Text)
	choose(t, s, "需要工作人员协助办理")
	each("10-help")
	test.Tap(s.NextButton)

	rv := regAt[*kiosk.RegisterReview](t, r)
	each("11-review")
	return rv
}

// regRow is the review row with the given label.
func regRow(t *testing.T, rv *kiosk.RegisterReview, label string) *kiosk.RegisterReviewRow {
	t.Helper()
	for _, row := range rv.Rows {
		if row.Label == label {
			return row
		}
	}
	t.Fatalf("no review row %q", label)
	return nil
}

// stored is the request as the store holds it, found by its token.
func (r *regRig) stored(t *testing.T, token string) data.RequestDetail {
	t.Helper()
	ctx := context.Background()
	tr, err := r.store.TrackByToken(ctx, token)
	require.NoError(t, err)
	d, err := r.store.RequestDetail(ctx, tr.RequestID)
	require.NoError(t, err)
	return d
}

// requests is how many requests the store holds.
func (r *regRig) requests(t *testing.T) int { t.Helper(); return datatest.Requests(t, r.store.Store) }

func TestRegisterFlowByTouch(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv := regFillDB(t, r, nil)

	assert.Equal(t, "最低生活保障申请", regRow(t, rv, "办理事项").Value.Text)
	assert.Equal(t, "3", regRow(t, rv, "共同生活家庭成员人数").Value.Text)
	assert.Equal(t, "1250", regRow(t, rv, "家庭月总收入（元）").Value.Text)
	assert.Equal(t, "因病、失业", regRow(t, rv, "主要困难原因").Value.Text)
	assert.Equal(t, "本人申请", regRow(t, rv, "申请方式").Value.Text)
	assert.Equal(t, "张三", regRow(t, rv, "姓名").Value.Text, "the name in full")
	assert.Contains(t, regRow(t, rv, "手机号码").Value.Text, "*******8000")
	assert.Contains(t, regRow(t, rv, "身份证号码").Value.Text, "**************002X")
	assert.Equal(t, "困难", regRow(t, rv, "情况说明").Value.Text)
	assert.Equal(t, "最低生活保障申请书、共同生活家庭成员的居民身份证和户口簿、残疾人证、病历或诊断证明",
		regRow(t, rv, "已带材料").Value.Text)
	assert.Equal(t, "居民家庭经济状况核对授权书、家庭收入和财产状况申报表及承诺书", regRow(t, rv, "尚缺材料").Value.Text)
	assert.Equal(t, "需要工作人员协助办理", regRow(t, rv, "办理方式").Value.Text)
	assert.Nil(t, regRow(t, rv, "办理事项").EditButton)
	shown := r.text()
	assert.NotContains(t, shown, regPhone, "the review does not show the whole mobile number")
	assert.NotContains(t, shown, regGoodID, "nor the whole ID number")
	assert.Zero(t, r.requests(t), "nothing is stored before 提交")

	test.Tap(rv.SubmitButton)
	rc := regAt[*kiosk.RegisterReceipt](t, r)
	assert.Equal(t, 2, r.k.Nav.Depth(), "home and the receipt: 返回 cannot reach the filled-in steps")

	s := r.stored(t, rc.Receipt.Token)
	assert.Equal(t, "张三", s.ApplicantName)
	assert.Equal(t, regPhone, s.ApplicantPhone)
	assert.Equal(t, regGoodID, s.ApplicantID)
	assert.Equal(t, "困难", s.Description)
	assert.Equal(t, data.ChannelKiosk, s.Channel)
	assert.Equal(t, data.StatusSubmitted, s.Status)
	assert.True(t, s.NeedsHelp)
	assert.False(t, s.Proxy)
	assert.True(t, r.store.last.Consent, "the resident's consent went with the registration")
	assert.Equal(t, map[string]string{"household_size": "3", "monthly_income": "1250",
		"reasons": "因病\n失业", "agent": "本人申请"}, s.Fields)
	assert.Len(t, s.Brought, 3)

	// The receipt screen.
	assert.Regexp(t, `^WY-20260305-\d{4}$`, rc.Receipt.ReceiptNo)
	assert.Equal(t, rc.Receipt.ReceiptNo, strings.NewReplacer(" ", "").Replace(rc.ReceiptNo.Text))
	assert.Equal(t, rc.Receipt.QueryCode, strings.ReplaceAll(rc.QueryCode.Text, " ", ""))
	assert.Equal(t, regBaseURL+"/r/"+rc.Receipt.Token, rc.TrackURL)
	require.NotNil(t, rc.QR)
	assert.GreaterOrEqual(t, rc.QR.Size().Width, float32(300), "the QR code is shown large")
	assert.Equal(t, rc.TrackURL, papertest.QR(t, rc.QR.Image))
	assert.Equal(t, rc.TrackURL, papertest.QR(t, r.win.Canvas().Capture()), "and it reads off the screen")
	text := r.text()
	for _, want := range []string{"请用手机拍下二维码，或打印回执", "最低生活保障申请", "张*", "已登记，等待受理",
		"2026年3月5日 09:30", "居民家庭经济状况核对授权书", "家庭收入和财产状况申报表及承诺书",
		"以上是需要补充的全部材料", "投诉电话：0919-0000002", rc.ReceiptNo.Text} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "张三", "the receipt shows the name masked")

	assert.Equal(t, []string{"居民家庭经济状况核对授权书", "家庭收入和财产状况申报表及承诺书"}, rc.Receipt.Missing)
	tr, err := r.store.TrackByToken(context.Background(), rc.Receipt.Token)
	require.NoError(t, err)
	assert.Equal(t, "张*", tr.ApplicantMask)

	test.Tap(r.k.HomeButton)
	assert.Equal(t, 1, r.k.Nav.Depth())
}

func TestRegisterReviewEdit(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv := regFillDB(t, r, nil)

	test.Tap(regRow(t, rv, "姓名").EditButton)
	s := r.step(t, kiosk.RegisterName)
	assert.Equal(t, "改好了", s.NextButton.Text)
	assert.Equal(t, "张三", s.Entry.Text)
	test.Tap(s.Panel.Keyboard.Clear)
	regPinyin(t, s.Panel.Keyboard, "li", "李")
	regPinyin(t, s.Panel.Keyboard, "si", "四")
	test.Tap(s.NextButton)
	rv = regAt[*kiosk.RegisterReview](t, r)
	assert.Equal(t, "李四", regRow(t, rv, "姓名").Value.Text)

	// 返回 from a step opened to be changed keeps the old answer.
	test.Tap(regRow(t, rv, "情况说明").EditButton)
	s = r.step(t, kiosk.RegisterDescription)
	regPinyin(t, s.Panel.Keyboard, "zhu", "住")
	test.Tap(r.k.BackButton)
	rv = regAt[*kiosk.RegisterReview](t, r)
	assert.Equal(t, "困难", regRow(t, rv, "情况说明").Value.Text)
	assert.Equal(t, "困难", s.Entry.Text)

	// 返回 from the review goes back step by step, answers kept.
	test.Tap(r.k.BackButton)
	assert.Equal(t, kiosk.RegisterHelp, r.step(t, kiosk.RegisterHelp).Kind)
	test.Tap(r.k.BackButton)
	test.Tap(r.k.BackButton)
	s = r.step(t, kiosk.RegisterDescription)
	assert.Equal(t, "困难", s.Entry.Text)
}

func TestRegisterStoreFailureKeepsEverything(t *testing.T) {
	tests := map[string]struct {
		err  error
		want string
	}{
		"ErrBusy": {fmt.Errorf("data: register: %w", data.ErrBusy), "系统正忙，您的信息尚未保存，请稍后点击“重试”。"},
		"ErrFull": {fmt.Errorf("data: register: %w", data.ErrFull), "存储空间已满，您的信息尚未保存。请联系工作人员处理后重试。"},
		"ErrUnreachable": {fmt.Errorf("data: register: %w", data.ErrUnreachable),
			"暂时连不上数据服务器，信息尚未保存。已填写的内容不会丢失，请稍后点击“重试”；如一直连不上，请联系工作人员检查网络和数据服务器。"},
		"Other": {errors.New("sql: database is closed"), "系统出现问题，您的信息尚未保存，请稍后重试或联系工作人员。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
			rv := regFillDB(t, r, nil)
			before := rv.Flow().Registration()
			r.store.fail = []error{tc.err}

			test.Tap(rv.SubmitButton)
			assert.Same(t, rv, r.k.Nav.Current(), "still on the review")
			assert.Equal(t, tc.want, rv.Error.Text)
			assert.True(t, rv.Error.Visible())
			assert.Equal(t, "重试", rv.SubmitButton.Text)
			assert.Equal(t, before, rv.Flow().Registration(), "everything typed is kept")
			assert.Equal(t, "张三", regRow(t, rv, "姓名").Value.Text)
			assert.Zero(t, r.requests(t), "nothing half-written")

			test.Tap(rv.SubmitButton) // 重试
			rc := regAt[*kiosk.RegisterReceipt](t, r)
			assert.Equal(t, "张三", r.stored(t, rc.Receipt.Token).ApplicantName)
			assert.Equal(t, 1, r.requests(t))
			assert.Equal(t, 2, r.store.calls)
		})
	}
}

// TestRegisterCommitUnknown: the connection broke while the registration
// was being saved and the store could not find out whether it was: the
// resident is told so and asked to tap 重试, which sends the same token,
// and gets the receipt of the request that had been saved: one request.
// After a refusal that saved nothing, the next submit is a new
// registration with a token of its own.
func TestRegisterCommitUnknown(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv := regFillDB(t, r, nil)
	r.store.fail = []error{fmt.Errorf("data: register: %w", data.ErrCommitUnknown)}
	r.store.landed = true

	test.Tap(rv.SubmitButton)
	assert.Same(t, rv, r.k.Nav.Current(), "still on the review")
	assert.Contains(t, rv.Error.Text, "暂时无法确认是否已经保存")
	assert.Contains(t, rv.Error.Text, "不会重复登记")
	assert.Equal(t, "重试", rv.SubmitButton.Text)
	assert.Equal(t, 1, r.requests(t), "it had landed")

	test.Tap(rv.SubmitButton) // 重试
	rc := regAt[*kiosk.RegisterReceipt](t, r)
	assert.Equal(t, 1, r.requests(t), "not registered twice")
	require.Len(t, r.store.all, 2)
	assert.True(t, data.ValidToken(r.store.all[0].Token))
	assert.Equal(t, r.store.all[0].Token, r.store.all[1].Token, "the retry is the same registration")
	assert.Equal(t, r.store.all[0].Token, rc.Receipt.Token, "its receipt")

	r2 := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv2 := regFillDB(t, r2, nil)
	r2.store.fail = []error{fmt.Errorf("data: register: %w", data.ErrUnreachable)}
	test.Tap(rv2.SubmitButton)
	test.Tap(rv2.SubmitButton) // 重试
	regAt[*kiosk.RegisterReceipt](t, r2)
	require.Len(t, r2.store.all, 2)
	assert.NotEqual(t, r2.store.all[0].Token, r2.store.all[1].Token, "nothing was saved: a fresh token")
	assert.Equal(t, 1, r2.requests(t))
}

// TestRegisterClosedStore: a store that is closed under the kiosk gives the
// general message, and the review stays as it was.
func TestRegisterClosedStore(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv := regFillDB(t, r, nil)
	require.NoError(t, r.store.Close())
	test.Tap(rv.SubmitButton)
	assert.Equal(t, data.Message(errors.New("closed")), rv.Error.Text)
	assert.Equal(t, "重试", rv.SubmitButton.Text)
	assert.Same(t, rv, r.k.Nav.Current())
}

// TestRegisterInvalidFromStore: a refusal from the store (here the rules
// changed under the resident) opens the step of its Field with data's
// message; 改好了 returns to the review.
func TestRegisterInvalidFromStore(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv := regFillDB(t, r, nil)
	r.store.fail = []error{data.Invalid("phone", "手机号码应以1开头、第二位为3至9，请核对。")}
	test.Tap(rv.SubmitButton)
	s := r.step(t, kiosk.RegisterPhone)
	assert.Equal(t, "手机号码应以1开头、第二位为3至9，请核对。", s.Error.Text)
	assert.Equal(t, regPhone, s.Entry.Text)
	assert.Equal(t, "改好了", s.NextButton.Text)
	test.Tap(s.NextButton)
	rv = regAt[*kiosk.RegisterReview](t, r)
	assert.False(t, rv.Error.Visible())
	test.Tap(rv.SubmitButton)
	regAt[*kiosk.RegisterReceipt](t, r)
}

func TestRegisterConsentRefused(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	s := regOpenDB(t, r)
	text := r.text()
	for _, want := range []string{"办结后保存3年，期满删除个人信息。", "只有本服务室的工作人员",
		"您可以到窗口查阅、更正您的个人信息。", "用于办理和跟踪您的申请，并在需要时与您联系。", "身份证号码"} {
		assert.Contains(t, text, want)
	}
	test.Tap(s.DisagreeButton)
	assert.Contains(t, r.text(), "如果您不同意，请到窗口，由工作人员为您办理或解答。")
	assert.Same(t, s, r.k.Nav.Current(), "registration does not go on")
	assert.False(t, s.Flow().Registration().Consent)
}

// TestRegisterFromGuide: a guide's 我要登记 starts the flow for that item; a
// date is typed as 年/月/日 on the keypad, an optional choice can be
// skipped.
func TestRegisterFromGuide(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1080, 1920))
	d := regOpenGuide(t, r, "高龄津贴申领")
	test.Tap(d.RegisterButton)
	s := r.step(t, kiosk.RegisterConsent)
	require.NotNil(t, s.Hours)
	require.True(t, s.Hours.Open())
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterField)
	require.NotNil(t, s.Year)
	kp := s.Panel.Keypad
	require.Same(t, &s.Year.Entry, kp.Target())
	regKeys(t, kp, "1948")
	test.Tap(kp.Done)
	require.Same(t, &s.Month.Entry, kp.Target(), "完成 moves on to 月")
	regKeys(t, kp, "2")
	test.Tap(kp.Done)
	regKeys(t, kp, "30")
	test.Tap(kp.Done) // on 日: 下一步
	assert.Equal(t, "“老年人出生日期”不是有效的日期，请核对月份和日期。", s.Error.Text)
	assert.Same(t, s, r.k.Nav.Current())
	test.Tap(kp.Clear)
	regKeys(t, kp, "3")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterField)
	choose(t, s, "家属代为申请")
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterField)
	assert.Equal(t, "home_visit", s.Field.Key)
	assert.Equal(t, "跳过", s.NextButton.Text)
	choose(t, s, "需要")
	assert.Equal(t, "下一步", s.NextButton.Text)
	choose(t, s, "需要") // a second tap takes an optional answer back
	assert.Equal(t, "跳过", s.NextButton.Text)
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterName)
	regPinyin(t, s.Panel.Keyboard, "wang", "王")
	regPinyin(t, s.Panel.Keyboard, "fang", "芳")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, "13912345678")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterID)
	regKeys(t, s.Panel.Keypad, regGoodID)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterDescription)
	test.Tap(s.NextButton) // 跳过
	s = r.step(t, kiosk.RegisterMaterials)
	test.Tap(s.NextButton) // nothing brought: all missing, on the receipt
	s = r.step(t, kiosk.RegisterHelp)
	choose(t, s, "委托工作人员代为办理")
	test.Tap(s.NextButton)

	rv := regAt[*kiosk.RegisterReview](t, r)
	assert.Equal(t, "1948年2月3日", regRow(t, rv, "老年人出生日期").Value.Text)
	assert.Equal(t, "未填写", regRow(t, rv, "是否需要上门核实").Value.Text)
	test.Tap(rv.SubmitButton)
	rc := regAt[*kiosk.RegisterReceipt](t, r)
	st := r.stored(t, rc.Receipt.Token)
	assert.Equal(t, "王芳", st.ApplicantName)
	assert.True(t, st.Proxy)
	assert.Equal(t, map[string]string{"birth_date": "1948-02-03", "applicant": "家属代为申请"}, st.Fields)
	assert.Equal(t, []string{"居民身份证", "户口簿", "本人银行账户（社会保障卡或本人名下银行卡）"}, rc.Receipt.Missing)
}

// regOpenGuide opens a guide through 办事指南's search.
func regOpenGuide(t *testing.T, r *regRig, name string) *kiosk.Detail {
	t.Helper()
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := regAt[*kiosk.Guides](t, r)
	test.Type(g.Search, name)
	r.timers.Fire()
	i := slices.IndexFunc(g.Results.Items, func(it data.ItemSummary) bool { return it.Name == name })
	require.GreaterOrEqual(t, i, 0, name)
	g.Results.List.Select(i)
	d := regAt[*kiosk.Detail](t, r)
	require.Equal(t, name, d.Item.Name)
	return d
}

// TestRegisterNoIDItem: an item that does not ask for the ID number has no
// ID step and says so in the notice.
func TestRegisterNoIDItem(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	it, err := r.store.Item(context.Background(), regItemID(t, r, "最低生活保障申请"))
	require.NoError(t, err)
	it.NoID = true
	s := kiosk.NewRegisterItem(r.cfg)(r.k.Nav, it).(*kiosk.RegisterStep)
	for _, st := range s.Flow().Steps {
		assert.NotEqual(t, kiosk.RegisterID, st.Kind)
	}
	r.k.Nav.Push(s)
	assert.NotContains(t, r.text(), "身份证号码")
}

func regItemID(t *testing.T, r *regRig, name string) int64 {
	t.Helper()
	items, err := r.store.SearchItems(context.Background(), name)
	require.NoError(t, err)
	for _, it := range items {
		if it.Name == name {
			return it.ID
		}
	}
	t.Fatalf("no item %s", name)
	return 0
}

// TestRegisterSearch: the picker finds an item by name as typed.
func TestRegisterSearch(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
	p := regAt[*kiosk.RegisterPicker](t, r)
	test.Tap(p.Search)
	require.Same(t, &p.Search.Entry, p.Panel.Keyboard.Target())
	regPinyin(t, p.Panel.Keyboard, "ju", "居")
	regPinyin(t, p.Panel.Keyboard, "zhu", "住")
	r.timers.Fire()
	i := slices.IndexFunc(p.Results.Items, func(it data.ItemSummary) bool { return it.Name == "居住证申领（受理转报）" })
	require.GreaterOrEqual(t, i, 0, "%v", p.Results.Items)
	p.Results.List.Select(i)
	s := r.step(t, kiosk.RegisterConsent)
	assert.Equal(t, "居住证申领（受理转报）", s.Flow().Item.Name)
}

func TestRegisterClosedHours(t *testing.T) {
	tests := map[string]struct {
		now  time.Time
		want []string
	}{
		"Saturday": {time.Date(2026, 3, 7, 10, 0, 0, 0, data.China),
			[]string{"今天不对外办公。", "下次办公时间：3月9日（星期一）08:30"}},
		"LunchBreak": {time.Date(2026, 3, 5, 12, 30, 0, 0, data.China),
			[]string{"今天的办公时间：08:30–12:00  14:30–17:30", "下次办公时间：今天 14:30"}},
		"Evening": {time.Date(2026, 3, 5, 18, 0, 0, 0, data.China),
			[]string{"下次办公时间：明天（星期五）08:30"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRegRig(t, tc.now, fyne.NewSize(1280, 800))
			test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
			p := regAt[*kiosk.RegisterPicker](t, r)
			assert.False(t, p.Hours.Open())
			text := r.text()
			for _, want := range append(tc.want, "暂时不能自助登记", "咨询电话：0919-0000001", "查看办事指南") {
				assert.Contains(t, text, want)
			}
			assert.NotContains(t, text, "社会救助", "no items to choose")

			d := regOpenGuide(t, r, "最低生活保障申请")
			test.Tap(d.RegisterButton)
			s := r.step(t, kiosk.RegisterConsent)
			assert.False(t, s.Hours.Open())
			assert.NotContains(t, r.text(), "个人信息保护告知", "registration does not start")
			test.Tap(s.Hours.GuidesButton)
			regAt[*kiosk.Guides](t, r)
		})
	}
}

// TestRegisterTranslations: every register.* key the code names exists in
// both languages, and the two files have the same keys.
func TestRegisterTranslations(t *testing.T) {
	zh := regReadTranslations(t, "register.zh_Hans.json")
	en := regReadTranslations(t, "register.en.json")
	assert.Equal(t, regKeysOf(zh), regKeysOf(en))
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	literal := regexp.MustCompile(`"(register\.[A-Za-z0-9_.]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || !(strings.HasPrefix(f, "register") ||
			strings.HasPrefix(f, "receipt") || strings.HasPrefix(f, "printflow")) {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			n++
			if strings.HasSuffix(key, ".") {
				continue
			}
			assert.Contains(t, zh, key, "%s: %s", f, key)
		}
	}
	assert.Positive(t, n)
	for _, k := range []string{"register.consent.what", "register.consent.whatNoID", "register.consent.why",
		"register.consent.howLong", "register.consent.who", "register.consent.rights"} {
		assert.Contains(t, zh, k+".head")
		assert.Contains(t, en, k+".head")
	}
}

func regReadTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func regKeysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestRegisterStepRefusesBadInput: each step shows data's own message for
// a bad value (typed here on a physical keyboard, which the entries also
// take) and does not go on; nothing is stored.
func TestRegisterStepRefusesBadInput(t *testing.T) {
	long := strings.Repeat("张", 31)
	tests := map[string]struct {
		kind  kiosk.RegisterStepKind
		typed string
		check func(string) error
	}{
		"NameEmpty":       {kiosk.RegisterName, "", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameSpacesOnly":  {kiosk.RegisterName, "   ", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameOneChar":     {kiosk.RegisterName, "张", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameDigits":      {kiosk.RegisterName, "张3", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameEmoji":       {kiosk.RegisterName, "张😀", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameMixed":       {kiosk.RegisterName, "张San", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameTooLong":     {kiosk.RegisterName, long, func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameRTL":         {kiosk.RegisterName, "张\u202e三", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"NameSQL":         {kiosk.RegisterName, "张三';DROP", func(s string) error { _, err := data.PersonName("name", s); return err }},
		"Phone12":         {kiosk.RegisterPhone, "138001380001", func(s string) error { _, err := data.Mobile("phone", s); return err }},
		"Phone10":         {kiosk.RegisterPhone, "1380013800", func(s string) error { _, err := data.Mobile("phone", s); return err }},
		"PhonePrefix":     {kiosk.RegisterPhone, "12800138000", func(s string) error { _, err := data.Mobile("phone", s); return err }},
		"IDChecksum":      {kiosk.RegisterID, regBadID, regIDCheck},
		"ID17":            {kiosk.RegisterID, regGoodID[:17], regIDCheck},
		"IDBirth":         {kiosk.RegisterID, "110105194902300010", regIDCheck},
		"IDFuture":        {kiosk.RegisterID, "110105203001010010", regIDCheck},
		"IDOld15":         {kiosk.RegisterID, "110105491231002", regIDCheck},
		"IDRegion":        {kiosk.RegisterID, "990105194912310020", regIDCheck},
		"DescriptionLong": {kiosk.RegisterDescription, strings.Repeat("困", 501), regDescCheck},
	}
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	first := regOpenDB(t, r)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var s *kiosk.RegisterStep
			for _, st := range first.Flow().Steps {
				if st.Kind == tc.kind {
					s = st
				}
			}
			r.k.Nav.Push(s)
			t.Cleanup(r.k.Nav.Back)
			s.Entry.SetText("")
			if tc.typed != "" {
				test.Type(s.Entry, tc.typed)
			}
			test.Tap(s.NextButton)
			want := tc.check(tc.typed)
			require.Error(t, want, "data refuses %q", tc.typed)
			assert.Equal(t, data.Message(want), s.Error.Text)
			assert.True(t, s.Error.Visible())
			assert.Same(t, s, r.k.Nav.Current(), "the step stays")
			assert.Zero(t, r.requests(t))
		})
	}
}

func regIDCheck(s string) error { _, err := data.IDNumber("id_number", s, regNow); return err }

func regDescCheck(s string) error {
	_, err := data.Text("description", "情况说明", s, data.MaxDescriptionRunes, false, true)
	return err
}

// TestRegisterIdleResetWipes: the idle reset goes home, and a new visit
// starts empty.
func TestRegisterIdleResetWipes(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	s := regOpenDB(t, r)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	regKeys(t, s.Panel.Keypad, "4")
	r.k.Reset()
	assert.Equal(t, 1, r.k.Nav.Depth())
	s = regOpenDB(t, r)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	assert.Empty(t, s.Entry.Text)
	assert.Equal(t, data.Registration{ItemID: s.Flow().Item.ID, Channel: data.ChannelKiosk, Consent: true,
		Fields: map[string]string{}}, s.Flow().Registration())
}
