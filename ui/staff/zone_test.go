package staff

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/zonetest"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
)

// lateUTC is 2026-12-06 17:30 UTC: 2026-12-07 01:30 in China.
var lateUTC = zonetest.LateUTC

// inZones runs f with the machine's zone set to UTC and to Asia/Shanghai.
func inZones(t *testing.T, f func(t *testing.T)) { t.Helper(); zonetest.Run(t, f) }

// TestNoticeDatesChinaTime lays out the 办结通知单 of a request finished at
// 01:30 China time (17:30 UTC the day before), and the promise notice,
// under both zones: the notices print the China date; the staff screens'
// times read China time too.
func TestNoticeDatesChinaTime(t *testing.T) {
	require.NoError(t, locale.Use(locale.Chinese)) // the screens' words
	inZones(t, func(t *testing.T) {
		det := data.RequestDetail{}
		det.ReceiptNo, det.ItemName, det.Created = "XF-20261207-0001", "居住证明", lateUTC
		det.Finished, det.Result, det.DueDay, det.PromisedDays = lateUTC, "已出具居住证明。", "2026-12-07", 3
		base := paper.Notice{Center: "幸福社区便民服务室", RequestNo: det.ReceiptNo, Item: det.ItemName,
			Applicant: "张*三", Received: lateUTC, Date: lateUTC}
		for kind, want := range map[noticeKind]string{noticeFinished: "已于2026年12月7日办结",
			noticePromise: "2026年12月7日前办结"} {
			doc, err := (&pendingNotice{kind: kind}).layout(det, base, paper.A4, "", "http://k/r/T")
			require.NoError(t, err)
			text := papertest.Words(t, doc.PDF)
			assert.Contains(t, text, want)
			assert.NotContains(t, text, "2026年12月6日")
		}
		assert.Equal(t, "2026-12-07 01:30", timeText(lateUTC))
		assert.Equal(t, "01:30", returnText(lateUTC, lateUTC))
		assert.Equal(t, "12月7日 01:30", returnText(lateUTC, lateUTC.Add(-24*time.Hour)))
	})
}
