package kiosk_test

import (
	"bytes"
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
)

func TestPrintNoticeFromGuide(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	d := regOpenGuide(t, r, "最低生活保障申请")
	test.Tap(d.PrintButton)
	assert.Contains(t, r.text(), "告知单已打印，请从打印口取走。")
	require.Len(t, r.printer.Jobs, 1)
	pdf := r.printer.Jobs[0]
	assert.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
	assert.Regexp(t, `^Custom\.80x\d+mm$`, r.printer.Media[0], "80 mm by default")
	flat := papertest.Words(t, pdf, "-layout")
	for _, want := range []string{"最低生活保障申请", "最低生活保障申请书", "家庭收入和财产状况申报表及承诺书",
		"0919-0000002"} {
		assert.Contains(t, flat, want)
	}
}

func TestPrintNoticeA4(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	cfg := r.cfg
	cfg.NoticeFormat = paper.A4
	it, err := r.store.Item(context.Background(), regItemID(t, r, "最低生活保障申请"))
	require.NoError(t, err)
	p := kiosk.PrintItemNotice(r.k.Nav, cfg, it)
	assert.True(t, p.Printed)
	require.Len(t, r.printer.Media, 1)
	assert.Equal(t, "A4", r.printer.Media[0])
}

func TestPrintNoticeFailureAndRetry(t *testing.T) {
	tests := map[string]struct {
		kind error
		want string
	}{
		"Missing": {paper.ErrPrinterMissing, "打印机未连接或已停用。请点“重试”，或到窗口领取纸质告知单。"},
		"Stopped": {paper.ErrPrinterStopped, "打印机已暂停（可能缺纸或卡纸）。请联系工作人员处理后点“重试”。"},
		"NoCUPS":  {paper.ErrNoCUPS, "打印服务未启动，暂时不能打印。请联系工作人员，或到窗口领取纸质告知单。"},
		"Failed":  {paper.ErrJobFailed, "打印未完成。请点“重试”，或到窗口领取纸质告知单。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
			it, err := r.store.Item(context.Background(), regItemID(t, r, "高龄津贴申领"))
			require.NoError(t, err)
			r.printer.Err = &paper.PrintError{Kind: tc.kind, Queue: "receipt"}
			p := kiosk.PrintItemNotice(r.k.Nav, r.cfg, it)
			assert.False(t, p.Printed)
			assert.ErrorIs(t, p.Err, tc.kind)
			assert.Equal(t, tc.want, p.Message.Text)
			assert.NotContains(t, p.Message.Text, "申请已保存", "a notice is not an application")
			assert.True(t, p.RetryButton.Visible())
			assert.Contains(t, r.text(), tc.want)

			r.printer.Err = nil
			test.Tap(p.RetryButton)
			assert.True(t, p.Printed)
			assert.Equal(t, "告知单已打印，请从打印口取走。", p.Message.Text)
			assert.False(t, p.RetryButton.Visible())
			test.Tap(p.CloseButton)
			assert.Nil(t, r.win.Canvas().Overlays().Top())
		})
	}
}

func TestPrintNoticeWithoutPrinter(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	it, err := r.store.Item(context.Background(), regItemID(t, r, "高龄津贴申领"))
	require.NoError(t, err)
	p := kiosk.PrintItemNotice(r.k.Nav, kiosk.RegisterConfig{Store: r.store}, it)
	assert.False(t, p.RetryButton.Visible())
	assert.Contains(t, p.Message.Text, "本机暂不能打印")
}

// TestPrintNoticeOnTheA4Queue: with an A4 queue (main's --a4-printer), the
// 一次性告知单 prints there on A4 and the roll stays for receipts.
func TestPrintNoticeOnTheA4Queue(t *testing.T) {
	r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
	a4 := &regPrinter{Name: "kiosk"}
	cfg := r.cfg
	cfg.NoticePrinter, cfg.NoticeFormat = a4, paper.A4
	it, err := r.store.Item(context.Background(), regItemID(t, r, "最低生活保障申请"))
	require.NoError(t, err)
	p := kiosk.PrintItemNotice(r.k.Nav, cfg, it)
	assert.True(t, p.Printed)
	require.Len(t, a4.Media, 1)
	assert.Equal(t, "A4", a4.Media[0])
	assert.Contains(t, papertest.Words(t, a4.Jobs[0]), "一次性告知单")
	assert.Empty(t, r.printer.Jobs, "nothing on the roll")
}
