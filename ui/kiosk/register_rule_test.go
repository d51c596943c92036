package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"

	"bianmin/ui/kiosk"
)

// TestRegisterFieldRule: 居住证's 来本地居住的日期 carries the sample
// catalog's rule (at least 6 months before today, 需在本地居住满半年): a
// date too recent gets the rule's message on its step, an older one goes
// on.
func TestRegisterFieldRule(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800)) // 2026-03-05
	d := regOpenGuide(t, r, "居住证申领（受理转报）")
	test.Tap(d.RegisterButton)
	s := r.step(t, kiosk.RegisterConsent)
	test.Tap(s.NextButton)

	s = r.step(t, kiosk.RegisterField)
	assert.Equal(t, "arrival_date", s.Field.Key)
	kp := s.Panel.Keypad
	regKeys(t, kp, "2025")
	test.Tap(kp.Done)
	regKeys(t, kp, "12")
	test.Tap(kp.Done)
	regKeys(t, kp, "1")
	test.Tap(kp.Done) // on 日: 下一步
	assert.Equal(t, "“来本地居住的日期”应在2025年9月5日或更早（需在本地居住满半年），请核对后重新填写。", s.Error.Text)
	assert.Same(t, s, r.k.Nav.Current())

	test.Tap(s.Month)
	test.Tap(kp.Clear)
	regKeys(t, kp, "9")
	test.Tap(s.NextButton)
	next := r.step(t, kiosk.RegisterField)
	assert.Equal(t, "basis", next.Field.Key, "2025-09-01 is half a year ago: on to the next question")
}
