package paper

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/zonetest"
)

// lateUTC is 2026-12-06 17:30 UTC: 2026-12-07 01:30 in China.
var lateUTC = zonetest.LateUTC

// inZones runs f with the machine's zone set to UTC and to Asia/Shanghai.
func inZones(t *testing.T, f func(t *testing.T)) { t.Helper(); zonetest.Run(t, f) }

// TestPrintedDatesChinaTime prints every document whose dates come from a
// stored moment (UTC in the store) just after midnight China time, with the
// machine in UTC and in China: each prints the China date.
func TestPrintedDatesChinaTime(t *testing.T) {
	at := func() time.Time { return lateUTC.In(time.Local) }
	docs := map[string]struct {
		make func() (Document, error)
		want []string
	}{
		"Receipt": {func() (Document, error) {
			r := sampleReceipt()
			r.Time = at()
			return ReceiptPDF(r)
		}, []string{"2026年12月7日 01:30"}},
		"Finished": {func() (Document, error) {
			n := sampleNotice()
			n.Received, n.Date = at(), at()
			return FinishedNoticePDF(FinishedNotice{Notice: n, Finished: at(), Result: "已办结。"}, A4)
		}, []string{"已于2026年12月7日办结", "办结时间：2026年12月7日"}},
		"Promise": {func() (Document, error) {
			n := sampleNotice()
			n.Received, n.Date = at(), at()
			return PromiseNoticePDF(PromiseNotice{Notice: n, Days: 3, Due: at()}, Roll80)
		}, []string{"2026年12月7日前办结"}},
		"Guide": {func() (Document, error) {
			g := sampleGuide()
			g.Printed = at()
			return GuidePDF(g, A4)
		}, []string{"2026年12月7日"}},
		"Report": {func() (Document, error) {
			r := sampleReport()
			r.Made = at()
			return ReportPDF(r)
		}, []string{"2026-12-07 01:30"}},
		"Form": {func() (Document, error) {
			a := sampleForm(t)
			a.Date = at()
			return ApplicationFormPDF(a)
		}, []string{"2026年12月7日"}},
		"ProxyList": {func() (Document, error) {
			return ProxyListPDF(ProxyList{Center: "幸福社区便民服务室", BatchNo: "DB-20261207-01", Department: "街道",
				Date: at(), Rows: []ProxyRow{{RequestNo: "XF-20261207-0001", Applicant: "张*三", Item: "医保"}}}, A4)
		}, []string{"报送日期：2026年12月7日"}},
	}
	inZones(t, func(t *testing.T) {
		for name, tc := range docs {
			t.Run(name, func(t *testing.T) {
				d, err := tc.make()
				require.NoError(t, err)
				text := flatText(t, d.PDF)
				for _, w := range tc.want {
					assert.Contains(t, text, strings.ReplaceAll(w, " ", ""))
				}
				assert.NotContains(t, text, "2026年12月6日")
				assert.NotContains(t, text, "2026-12-0617:30")
			})
		}
	})
}
