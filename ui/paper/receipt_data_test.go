package paper

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"bianmin/data"
)

func TestReceiptForCarriesTheStoredRequestInChinese(t *testing.T) {
	created := time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC) // 01:30 on the 7th in China
	rc := data.Receipt{CenterName: "幸福社区便民服务室", ItemName: "居住证明", ReceiptNo: "XF-20261207-0001",
		QueryCode: "7K3QXP", Token: "T", Created: created, ComplaintPhone: "0571-12345",
		Mode: data.ModePromise, Status: data.StatusAccepted, DueDay: "2026-12-10",
		Brought: []string{"身份证"}, Missing: []string{"照片"}, Optional: []string{"户口本"},
		ApplicantMask: "张*三", IDMask: "尾号1234", Proxy: true}

	got := ReceiptFor(rc, "http://k/r/T")

	assert.Equal(t, Receipt{Center: "幸福社区便民服务室", Item: "居住证明", ReceiptNo: "XF-20261207-0001",
		QueryCode: "7K3QXP", Time: created.In(data.China), Mode: "承诺办理", Promised: "2026年12月10日",
		Status: "已受理，正在办理", Brought: []string{"身份证"}, Missing: []string{"照片"},
		TrackURL: "http://k/r/T", Applicant: "张*三", IDTail: "尾号1234", Phone: "0571-12345", Sign: true}, got)
	assert.Equal(t, "2026-12-07 01:30", got.Time.Format("2006-01-02 15:04"), "China time whatever the machine's zone")
}

func TestReceiptForLeavesOutAPromiseNotYetMade(t *testing.T) {
	for name, due := range map[string]string{"None": "", "Unreadable": "12/10"} {
		t.Run(name, func(t *testing.T) {
			got := ReceiptFor(data.Receipt{ReceiptNo: "1", DueDay: due}, "u")
			assert.Empty(t, got.Promised)
		})
	}
}
