package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

// TestRegisterPhoneHongKong: the phone step says that Hong Kong, Macao and
// Taiwan numbers are taken; the keypad has + for them (and 00 works with
// the digits); a wrong one gets data's sentence, a right one is stored
// in its dialable form.
func TestRegisterPhoneHongKong(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rv := regFillDB(t, r, nil)
	test.Tap(regRow(t, rv, "手机号码").EditButton)
	s := r.step(t, kiosk.RegisterPhone)
	for _, want := range []string{"港澳台", "+852", "+853", "09 开头", "00 代替"} {
		assert.Contains(t, s.Help.Text, want)
	}
	kp := s.Panel.Keypad
	require.Same(t, &s.Entry.Entry, kp.Target())
	require.True(t, kp.Plus.Visible(), "the + key is there for a contact number")
	assert.False(t, kp.X.Visible())

	test.Tap(kp.Clear)
	test.Tap(kp.Plus)
	regKeys(t, kp, "8521234")
	test.Tap(s.NextButton)
	assert.Equal(t, "香港的电话号码应为 +852 加8位号码（2至9开头），例如 +852 9123 4567，请核对。", s.Error.Text)
	assert.Same(t, s, r.k.Nav.Current())

	test.Tap(kp.Clear)
	regKeys(t, kp, "0085361234567") // 00 in place of +
	assert.Equal(t, "0085361234567", s.Entry.Text)
	test.Tap(kp.Clear)
	test.Tap(kp.Plus)
	regKeys(t, kp, "85291234567")
	assert.Equal(t, "+85291234567", s.Entry.Text)
	test.Tap(s.NextButton)

	rv = regAt[*kiosk.RegisterReview](t, r)
	test.Tap(rv.SubmitButton)
	rc := regAt[*kiosk.RegisterReceipt](t, r)
	assert.Equal(t, "+852 91234567", r.stored(t, rc.Receipt.Token).ApplicantPhone)
}
