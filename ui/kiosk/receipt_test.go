package kiosk_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
)

// regReceipt registers 最低生活保障申请 by taps and returns the receipt screen.
func regReceipt(t *testing.T, r *regRig) *kiosk.RegisterReceipt {
	t.Helper()
	rv := regFillDB(t, r, nil)
	test.Tap(rv.SubmitButton)
	return regAt[*kiosk.RegisterReceipt](t, r)
}

func TestReceiptPrintFailureKeepsQRAndRequest(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rc := regReceipt(t, r)
	stopped := &paper.PrintError{Kind: paper.ErrPrinterStopped, Queue: "receipt", Detail: "paper out"}
	r.printer.Err = stopped

	test.Tap(rc.PrintButton)
	assert.Equal(t, paper.Message(stopped), rc.PrintStatus.Text, "paper's Chinese message")
	assert.Contains(t, rc.PrintStatus.Text, "您的申请已保存")
	assert.Equal(t, "重新打印", rc.PrintButton.Text)
	assert.False(t, rc.PrintButton.Disabled())
	assert.Same(t, rc, r.k.Nav.Current(), "the receipt screen stays")
	assert.True(t, rc.QR.Visible())
	assert.Equal(t, rc.TrackURL, papertest.QR(t, r.win.Canvas().Capture()), "the QR code stays up")
	_, err := r.store.TrackByToken(context.Background(), rc.Receipt.Token)
	assert.NoError(t, err, "the request is stored")
	assert.Equal(t, 1, r.requests(t))

	r.printer.Err = nil
	test.Tap(rc.PrintButton) // 重新打印
	assert.Equal(t, "回执已打印，请从打印口取走。", rc.PrintStatus.Text)
	require.Len(t, r.printer.Jobs, 1)
	assert.Equal(t, 1, r.requests(t), "printing again stores nothing")
}

func TestReceiptPrints(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rc := regReceipt(t, r)
	test.Tap(rc.PrintButton)
	require.Len(t, r.printer.Jobs, 1)
	pdf := r.printer.Jobs[0]
	assert.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), "a PDF")
	assert.Regexp(t, `^Custom\.80x\d+mm$`, r.printer.Media[0], "on the 80 mm roll")
	text := papertest.Text(t, pdf, "-layout")
	flat := strings.Join(strings.Fields(text), "")
	assert.Contains(t, flat, rc.Receipt.ReceiptNo)
	assert.Contains(t, flat, rc.Receipt.QueryCode)
	assert.Contains(t, flat, "张*")
	assert.Contains(t, flat, "居民家庭经济状况核对授权书")
	assert.NotContains(t, flat, regGoodID, "never the full ID number")
	assert.NotContains(t, flat, regPhone)
}

func TestReceiptWithoutPrinter(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rc := kiosk.NewRegisterReceipt(r.k.Nav, kiosk.RegisterConfig{Store: r.store, BaseURL: regBaseURL},
		regReceipt(t, r).Receipt)
	assert.False(t, rc.PrintButton.Visible())
	assert.Contains(t, rc.PrintStatus.Text, "请用手机拍下二维码")
}

func TestReceiptSpeech(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	rc := regReceipt(t, r)
	speech := rc.Speech()
	assert.Contains(t, speech, "办理事项：最低生活保障申请。")
	// WY-20260305-0001 digit by digit.
	seq := rc.Receipt.ReceiptNo[len(rc.Receipt.ReceiptNo)-4:]
	words := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var spelt []string
	for _, c := range seq {
		spelt = append(spelt, words[c-'0'])
	}
	assert.Contains(t, speech, "受理编号：W Y ， 二 零 二 六 零 三 零 五 ， "+strings.Join(spelt, " ")+"。")
	assert.Contains(t, speech, "查询码："+spelt1(rc.Receipt.QueryCode, words)+"。")
	assert.Contains(t, speech, "还需补充的材料：居民家庭经济状况核对授权书、家庭收入和财产状况申报表及承诺书。")
	assert.NotContains(t, speech, "张三")
	assert.NotContains(t, speech, "20260305", "numbers are read one digit at a time")
}

// spelt1 spells a query code as the receipt's Speech does: characters one
// by one, digits as words.
func spelt1(code string, words []string) string {
	var out []string
	for _, c := range code {
		if c >= '0' && c <= '9' {
			out = append(out, words[c-'0'])
		} else {
			out = append(out, string(c))
		}
	}
	return strings.Join(out, " ")
}

// TestReceiptOneWayHome: the receipt ends the registration; there is no
// form to go back to, so it shows no 返回 and no 完成 of its own, only
// 首页 in its usual place; leaving the receipt brings 返回 back.
func TestReceiptOneWayHome(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	regReceipt(t, r)
	assert.False(t, r.k.BackButton.Visible(), "no 返回 on the receipt")
	assert.True(t, r.k.HomeButton.Visible(), "首页 where it always is")
	test.Tap(r.k.HomeButton)
	assert.Equal(t, 1, r.k.Nav.Depth(), "首页 goes home")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	assert.True(t, r.k.BackButton.Visible(), "other screens keep 返回")
	assert.True(t, r.k.HomeButton.Visible(), "and 首页")
}
