package kiosk_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

// openYL opens registration of 城乡居民基本养老保险参保登记, whose intake
// asks 出生日期, and answers the other two fields: up to the name step.
func openYL(t *testing.T, r *regRig) *kiosk.RegisterStep {
	t.Helper()
	it, err := r.store.Item(context.Background(), regItemID(t, r, "城乡居民基本养老保险参保登记"))
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewRegisterItem(r.cfg)(r.k.Nav, it))
	test.Tap(r.step(t, kiosk.RegisterConsent).NextButton) // 同意
	s := r.step(t, kiosk.RegisterField)
	require.NotEqual(t, "出生日期", s.Question.Text, "the birth date is asked after the ID number")
	choose(t, s, "200元/年")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	require.Equal(t, "是否属于政府代缴对象", s.Question.Text)
	choose(t, s, "否")
	test.Tap(s.NextButton)
	return r.step(t, kiosk.RegisterName)
}

// birthStep checks the 出生日期 step shows 1949-12-31 (digits 7–14 of
// regGoodID) filled in, says so, and goes on with it; the review shows it.
func birthStep(t *testing.T, r *regRig) {
	t.Helper()
	s := r.step(t, kiosk.RegisterField)
	require.Equal(t, "出生日期", s.Question.Text)
	assert.True(t, s.FromID)
	assert.Equal(t, []string{"1949", "12", "31"}, []string{s.Year.Text, s.Month.Text, s.Day.Text})
	assert.Contains(t, s.Help.Text, "已按您的身份证号码填好，如有不对请修改。")
	assert.Equal(t, "下一步", s.NextButton.Text)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterDescription)
	test.Tap(s.NextButton) // 跳过
	s = r.step(t, kiosk.RegisterMaterials)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterHelp)
	choose(t, s, "需要工作人员协助办理")
	test.Tap(s.NextButton)
	rv := regAt[*kiosk.RegisterReview](t, r)
	assert.Equal(t, "1949年12月31日", regRow(t, rv, "出生日期").Value.Text)
}

// TestRegisterIDCardFillsBirthDate: a card read and confirmed on the name
// step fills the name and the number, and the 出生日期 field, asked after
// the ID step, shows the birth date the number gives.
func TestRegisterIDCardFillsBirthDate(t *testing.T) {
	sim := newSim(t)
	r := newCardRig(t, sim)
	r.ready(t)
	openYL(t, r.regRig)
	sim.Place(regCard)
	test.Tap(r.confirmScreen(t).ConfirmButton)
	s := r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	test.Tap(s.NextButton)
	birthStep(t, r.regRig) // the ID step is passed over: the card gave it
	rv := regAt[*kiosk.RegisterReview](t, r.regRig)
	assert.Equal(t, "张小三", regRow(t, rv, "姓名").Value.Text)
	test.Tap(rv.SubmitButton)
	rc := regAt[*kiosk.RegisterReceipt](t, r.regRig)
	st := r.stored(t, rc.Receipt.Token)
	assert.Equal(t, regGoodID, st.ApplicantID)
	assert.Equal(t, "1949-12-31", st.Fields["birth_date"])
}

// TestRegisterIDTypedFillsBirthDate: a typed ID number fills the birth
// date the same way (it comes from the number, not the card); a number
// refused fills nothing; a resident's own change stays.
func TestRegisterIDTypedFillsBirthDate(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	s := openYL(t, r)
	regPinyin(t, s.Panel.Keyboard, "zhang", "张")
	regPinyin(t, s.Panel.Keyboard, "san", "三")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterID)
	regKeys(t, s.Panel.Keypad, regBadID)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterID) // refused: nothing is derived
	test.Tap(s.Panel.Keypad.Clear)
	regKeys(t, s.Panel.Keypad, regGoodID)
	test.Tap(s.NextButton)
	birthStep(t, r)

	// Back to the ID step from the review with another number: the
	// birth date, answered already, is left as the resident accepted it.
	rv := regAt[*kiosk.RegisterReview](t, r)
	test.Tap(regRow(t, rv, "身份证号码").EditButton)
	s = r.step(t, kiosk.RegisterID)
	test.Tap(s.Panel.Keypad.Clear)
	regKeys(t, s.Panel.Keypad, "610203195803050017") // born 1958-03-05
	test.Tap(s.NextButton)
	rv = regAt[*kiosk.RegisterReview](t, r)
	assert.Equal(t, "1949年12月31日", regRow(t, rv, "出生日期").Value.Text)
}

// TestRegisterIDTypedFillsSex: an item whose intake asks 性别 (男/女) has it
// chosen from digit 17 of the number, after the ID step; the resident may
// choose the other.
func TestRegisterIDTypedFillsSex(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	it, err := r.store.Item(context.Background(), regItemID(t, r, "城乡居民基本养老保险待遇领取申请"))
	require.NoError(t, err)
	it.Fields = append(it.Fields, data.IntakeField{Key: "sex", Label: "性别", Kind: data.KindSingle,
		Required: true, Options: []string{"男", "女"}})
	r.k.Nav.Push(kiosk.NewRegisterItem(r.cfg)(r.k.Nav, it))
	test.Tap(r.step(t, kiosk.RegisterConsent).NextButton)
	s := r.step(t, kiosk.RegisterField)
	require.Equal(t, "已累计缴费年限（年）", s.Question.Text, "出生日期 and 性别 are asked after the ID number")
	regKeys(t, s.Panel.Keypad, "15")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	require.Equal(t, "待遇发放账户", s.Question.Text)
	choose(t, s, "社会保障卡")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterName)
	regPinyin(t, s.Panel.Keyboard, "zhang", "张")
	regPinyin(t, s.Panel.Keyboard, "san", "三")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterID)
	regKeys(t, s.Panel.Keypad, "610203195803050017") // digit 17 is 1: 男
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	require.Equal(t, "出生日期", s.Question.Text)
	assert.Equal(t, []string{"1958", "3", "5"}, []string{s.Year.Text, s.Month.Text, s.Day.Text})
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	require.Equal(t, "性别", s.Question.Text)
	assert.True(t, s.FromID)
	assert.Contains(t, s.Help.Text, "已按您的身份证号码填好")
	checked := map[string]bool{}
	for _, c := range s.Choices {
		checked[c.Text] = c.Checked
	}
	assert.Equal(t, map[string]bool{"男": true, "女": false}, checked)
	choose(t, s, "女") // the resident's own answer
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterDescription)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterMaterials)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterHelp)
	choose(t, s, "需要工作人员协助办理")
	test.Tap(s.NextButton)
	rv := regAt[*kiosk.RegisterReview](t, r)
	assert.Equal(t, "女", regRow(t, rv, "性别").Value.Text)
	assert.Equal(t, "1958年3月5日", regRow(t, rv, "出生日期").Value.Text)
}

// TestRegisterFieldHelpEndsItsSentence: the catalog writes 是否需要上门核实's
// help without a 。; on the screen it ran straight into the line after it
// (此项可以不填…). Each line of the help now ends its sentence.
func TestRegisterFieldHelpEndsItsSentence(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	it, err := r.store.Item(context.Background(), regItemID(t, r, "高龄津贴申领"))
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewRegisterItem(r.cfg)(r.k.Nav, it))
	test.Tap(r.step(t, kiosk.RegisterConsent).NextButton) // 同意
	s := r.step(t, kiosk.RegisterField)
	require.Equal(t, "老年人出生日期", s.Question.Text)
	s.Year.SetText("1940")
	s.Month.SetText("3")
	s.Day.SetText("5")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	require.Equal(t, "申请人", s.Question.Text)
	choose(t, s, "老年人本人")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	require.Equal(t, "是否需要上门核实", s.Question.Text)
	assert.Equal(t, "行动不便的老年人可申请上门核实。\n此项可以不填，不填请直接点“跳过”。", s.Help.Text)
}
