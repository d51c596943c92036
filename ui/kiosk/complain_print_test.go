package kiosk_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
)

// TestComplainDonePrintsItsReceipt: a filed complaint's receipt prints on
// the roll like a request's, with its code, query code, time limit and the
// QR code of its page; a printer problem says the complaint is saved and
// offers 重新打印; without a printer the button is not there.
func TestComplainDonePrintsItsReceipt(t *testing.T) {
	r := newTrackRig(t, nil)
	rc, err := r.store.FileComplaint(context.Background(), data.NewComplaint{Channel: "kiosk", About: data.AboutOther,
		Body: "等候区座位太少了"})
	require.NoError(t, err)

	p := &regPrinter{Name: "kiosk", Err: paper.ErrPrinterStopped}
	tr := kiosk.NewTracker(r.store, kiosk.TrackerOptions{BaseURL: trackBase, Printer: p})
	d := kiosk.NewComplainDone(r.k.Nav, tr, rc, "其他")
	r.k.Nav.Push(d)
	require.True(t, d.PrintButton.Visible())
	test.Tap(d.PrintButton)
	assert.Contains(t, d.PrintStatus.Text, "您的投诉已保存")
	assert.Equal(t, "重新打印", d.PrintButton.Text)

	p.Err = nil
	test.Tap(d.PrintButton)
	assert.Equal(t, "回执已打印，请从打印口取走。", d.PrintStatus.Text)
	require.Len(t, p.Jobs, 1)
	assert.Regexp(t, `^Custom\.80x\d+mm$`, p.Media[0])
	words := papertest.Words(t, p.Jobs[0])
	for _, w := range []string{"投诉回执", rc.Code, rc.QueryCode, "其他", "个工作日内"} {
		assert.Contains(t, words, w)
	}
	assert.NotContains(t, words, "座位太少", "the complaint's text stays private")

	none := kiosk.NewComplainDone(r.k.Nav, kiosk.NewTracker(r.store, kiosk.TrackerOptions{BaseURL: trackBase}), rc, "其他")
	assert.False(t, none.PrintButton.Visible())
}
