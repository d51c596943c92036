package kiosk

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/zonetest"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
)

// TestShownDatesChinaTime checks every date and time the kiosk shows or
// prints for a stored moment just after midnight China time (2026-12-06
// 17:30 UTC = 2026-12-07 01:30), with the machine's zone set to UTC and to
// Asia/Shanghai: each reads the China date.
func TestShownDatesChinaTime(t *testing.T) {
	test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	late := zonetest.LateUTC
	zonetest.Run(t, func(t *testing.T) {
		at := late.In(time.Local) // as the clock or the store hands it over
		assert.Equal(t, "2026年12月7日 星期一", dateText(at))
		assert.Equal(t, "01:30", clockText(at))
		assert.Equal(t, "2026年12月7日 01:30", regTimeText(at))
		assert.Equal(t, "2026年12月7日 01:30", trackTime(at))
		assert.Equal(t, "2026年12月7日", shortDate(at))
		assert.Equal(t, "2026年12月7日", trackDay(data.Day(at)))
		assert.Contains(t, publishedText(at, "社区", 1), "2026年12月7日")
		assert.Contains(t, returnText(at, at), "01:30")
		assert.Contains(t, monthDay(at, at), "12月7日")

		rc := data.Receipt{CenterName: "幸福社区便民服务室", ItemName: "居住证明", ReceiptNo: "XF-20261207-0001",
			QueryCode: "7K3QXP", Created: at, DueDay: data.Day(at.AddDate(0, 0, 3))}
		doc, err := paper.ReceiptPDF(paper.ReceiptFor(rc, "http://k/r/T"))
		require.NoError(t, err)
		words := papertest.Words(t, doc.PDF)
		assert.Contains(t, words, "2026年12月7日01:30")
		assert.Contains(t, words, "2026年12月10日")
		assert.NotContains(t, words, "2026年12月6日")

		doc, err = paper.GuidePDF(regPaperGuide(data.Item{Name: "居住证明"}, data.Center{Name: "幸福社区"}, nil, at),
			paper.A4)
		require.NoError(t, err)
		assert.Contains(t, papertest.Words(t, doc.PDF), "2026年12月7日")
	})
}
