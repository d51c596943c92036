package paper

import (
	"bianmin/ui/paper/papertest"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagesText is the text of each page of pdf, spaces removed.
func pagesText(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, p := range strings.Split(pdfText(t, pdf), "\f") {
		out = append(out, strings.Join(strings.FieldsFunc(p, unicode.IsSpace), ""))
	}
	return out
}

func longMissing(n int) []string {
	var m []string
	for i := range n {
		m = append(m, fmt.Sprintf("补正材料第%d项：居民身份证复印件（正反面复印在同一页，加盖村（居）委会公章）", i+1))
	}
	return m
}

// TestNoticeEndStaysTogether: a notice too long for one page keeps the
// particulars, the signatures, the 落款 and the QR code together on its
// last page; a 300-character refusal and the usual notices fit on one page
// with the QR beside the 落款.
func TestNoticeEndStaysTogether(t *testing.T) {
	n := sampleNotice()
	reason := string([]rune(strings.Repeat("经审查，申请人提交的材料显示其已于2025年参加职工基本医疗保险，按照规定不得重复参加城乡居民基本医疗保险；", 8))[:300])
	tests := map[string]struct {
		make  func() (Document, error)
		pages int
	}{
		"Correction20": {func() (Document, error) {
			return CorrectionNoticePDF(CorrectionNotice{Notice: n, Missing: longMissing(20)}, A4)
		}, 2},
		"Refusal300": {func() (Document, error) {
			return RefusalNoticePDF(RefusalNotice{Notice: n, Reason: reason, Basis: "《办法》第五条。"}, A4)
		}, 1},
		"Correction3": {func() (Document, error) {
			return CorrectionNoticePDF(CorrectionNotice{Notice: n, Missing: longMissing(3)}, A4)
		}, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			d, err := tc.make()
			require.NoError(t, err)
			require.Equal(t, tc.pages, d.Pages)
			pages := pagesText(t, d.PDF)
			last := pages[d.Pages-1]
			for _, w := range []string{"受理编号：", "承办人（签字）", "日期：", n.Center + "（盖章）", "2026年11月27日", "投诉电话："} {
				assert.Contains(t, last, w)
			}
			imgs := rasterise(t, d.PDF, 150)
			assert.Equal(t, n.TrackURL, papertest.QR(t, imgs[d.Pages-1]), "QR on the last page")
		})
	}
}

// TestGuideWithQROnePage: the standard guide with its QR code is one A4
// page (the code stands beside the 落款, not on a page of its own).
func TestGuideWithQROnePage(t *testing.T) {
	g := sampleGuide()
	g.URL = "http://192.168.1.20:8080/g/YB-001"
	d, err := GuidePDF(g, A4)
	require.NoError(t, err)
	assert.Equal(t, 1, d.Pages)
	imgs := rasterise(t, d.PDF, 150)
	assert.Equal(t, g.URL, papertest.QR(t, imgs[0]))
}

// TestProxyListSignaturesNeverAlone: whatever the number of requests, the
// last page of an A4 代办清单 carries table rows along with the signatures
// and the 落款.
func TestProxyListSignaturesNeverAlone(t *testing.T) {
	for n := 10; n <= 45; n++ {
		l := sampleProxyList(n)
		d, err := ProxyListPDF(l, A4)
		require.NoError(t, err)
		pages := pagesText(t, d.PDF)
		last := pages[d.Pages-1]
		assert.Contains(t, last, l.Rows[n-1].RequestNo, "%d rows: the last row is on the last page", n)
		assert.Contains(t, last, "序号受理编号", "%d rows: with the header", n)
		assert.Contains(t, last, "接收单位（盖章）", "%d rows", n)
		assert.Contains(t, last, "2026年11月27日", "%d rows", n)
	}
}

// TestReceiptProxySignsLast: the proxy receipt ends with the applicant's
// signature and its date line, after the QR and the complaint phone.
func TestReceiptProxySignsLast(t *testing.T) {
	r := sampleReceipt()
	r.Mode, r.Sign = "代为办理", true
	d, err := ReceiptPDF(r)
	require.NoError(t, err)
	flat := flatText(t, d.PDF)
	sign := strings.Index(flat, "申请人签字（委托代办）")
	require.GreaterOrEqual(t, sign, 0)
	assert.Greater(t, sign, strings.Index(flat, "投诉电话"))
	assert.Contains(t, flat[sign:], "日期：")
}

// TestReportLongChartAndTable: a 40-bar chart is not split over pages, and
// a 40-row table says 续表 over its header on the next page.
func TestReportLongChartAndTable(t *testing.T) {
	rep := sampleReport()
	var bars []Bar
	var rows [][]string
	for i := range 40 {
		bars = append(bars, Bar{fmt.Sprintf("事项%02d", i+1), 40 - i})
		rows = append(rows, []string{fmt.Sprintf("C%02d", i+1), fmt.Sprintf("事项%02d城乡居民服务事项", i+1), fmt.Sprint(40 - i)})
	}
	rep.Bars = append(rep.Bars, BarChart{Title: "四十项图", Bars: bars})
	rep.Tables = append(rep.Tables, Table{Name: "四十项表", Header: []string{"事项编码", "事项名称", "件数"}, Rows: rows})
	d, err := ReportPDF(rep)
	require.NoError(t, err)
	chart, table := -1, -1
	for i, p := range pagesText(t, d.PDF) {
		if strings.Contains(p, "四十项图") {
			assert.Equal(t, -1, chart, "the chart on one page")
			chart = i
			assert.Contains(t, p, "事项01")
			assert.Contains(t, p, "事项40")
		}
		if strings.Contains(p, "续表5　四十项表") || strings.Contains(p, "续表5四十项表") {
			table = i
			assert.Contains(t, p, "事项编码事项名称件数")
		}
	}
	assert.GreaterOrEqual(t, chart, 0)
	assert.Greater(t, table, 0, "续表 over the repeated header")
}

func TestQRSidesPrintLarge(t *testing.T) {
	assert.GreaterOrEqual(t, qrSideA4, 25.0)
	assert.GreaterOrEqual(t, qrSideRoll, 30.0)
}
