package paper

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper/papertest"
)

// TestComplaintReceiptPDF prints a complaint's receipt on the roll: code,
// query code, what about, the time limit, the QR code of its page; no
// complainant.
func TestComplaintReceiptPDF(t *testing.T) {
	url := "http://192.168.1.20:8080/c/AB3DEFGHJKMNPQRSTUVWXY"
	r := ComplaintReceipt{Center: "幸福社区便民服务室", Code: "TS-20261126-0003", QueryCode: "Q7K3XP",
		About: "办件 XF-20261126-0042", Time: time.Date(2026, 11, 26, 14, 32, 0, 0, data.China),
		Due: time.Date(2026, 12, 10, 0, 0, 0, 0, data.China), Days: 10, TrackURL: url, Phone: "0571-12345678"}
	d, err := ComplaintReceiptPDF(r)
	require.NoError(t, err)
	assert.Equal(t, Roll80, d.Format)
	assert.Regexp(t, `^Custom\.80x\d+mm$`, d.Media())
	flat := flatText(t, d.PDF)
	for _, w := range []string{"幸福社区便民服务室", "投诉回执", "TS-20261126-0003", "Q7K3XP", "办件XF-20261126-0042",
		"2026年11月26日14:32", "10个工作日内（2026年12月10日前）", "0571-12345678", "手机扫码查看处理进度"} {
		assert.Contains(t, flat, w)
	}
	imgs := rasterise(t, d.PDF, 200)
	assert.Equal(t, url, papertest.QR(t, imgs[0]))

	_, err = ComplaintReceiptPDF(ComplaintReceipt{Code: "X"})
	assert.ErrorIs(t, err, ErrIncomplete)
}

// TestPrintComplaintReceipt sends the complaint's receipt through the CUPS
// test printer and reads it back: text, QR code and the roll's width.
func TestPrintComplaintReceipt(t *testing.T) {
	q := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r := ComplaintReceipt{Center: "幸福社区便民服务室", Code: "TS-20261126-0003", QueryCode: "Q7K3XP", About: "其他",
		Time: time.Date(2026, 11, 26, 14, 32, 0, 0, data.China), TrackURL: "http://192.168.1.20:8080/c/AB3DEFGHJKMNPQRSTUVWXY"}
	d, err := ComplaintReceiptPDF(r)
	require.NoError(t, err)
	job, err := Printer{Queue: q}.PrintDocument(ctx, d)
	require.NoError(t, err, Message(err))
	printed := printedPDF(t, job)
	flat := flatText(t, printed)
	assert.Contains(t, flat, "投诉回执")
	assert.Contains(t, flat, r.Code)
	assert.Contains(t, flat, r.QueryCode)
	imgs := rasterise(t, printed, 200)
	require.Len(t, imgs, 1)
	assert.Equal(t, r.TrackURL, papertest.QR(t, imgs[0]))
	assert.InDelta(t, 630, imgs[0].Bounds().Dx(), 3)
}
