package paper

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper/papertest"
)

// TestNotices prints every written notice about a request (§三6, §六, §七) in both formats and checks
// the common pieces (center, number, date, signature lines, QR) and each
// notice's own content.
func TestNotices(t *testing.T) {
	n := sampleNotice()
	due := time.Date(2026, 12, 2, 0, 0, 0, 0, data.China)
	tests := map[string]struct {
		make func(Format) (Document, error)
		want []string
		qr   string
	}{
		"Promise": {
			make: func(f Format) (Document, error) {
				return PromiseNoticePDF(PromiseNotice{Notice: n, Days: 3, Due: due}, f)
			},
			want: []string{"承诺办结通知单", "3个工作日内", "2026年12月2日前办结", "承办人（签字）", "申请人（签字）"},
			qr:   n.TrackURL,
		},
		"Correction": {
			make: func(f Format) (Document, error) {
				return CorrectionNoticePDF(CorrectionNotice{Notice: n, Missing: []string{"一寸照片2张", "居住证明", "银行卡复印件"}, Note: "照片须为近六个月内拍摄。"}, f)
			},
			want: []string{"补正材料通知单", "一次性告知", "1.一寸照片2张", "2.居住证明", "3.银行卡复印件", "照片须为近六个月内拍摄。", "补正期间不计入办理时限"},
			qr:   n.TrackURL,
		},
		"Refusal": {
			make: func(f Format) (Document, error) {
				return RefusalNoticePDF(RefusalNotice{Notice: n, Reason: "申请人已参加职工基本医疗保险。", Basis: "《办法》第五条。"}, f)
			},
			want: []string{"不予受理通知书", "决定不予受理", "理由", "申请人已参加职工基本医疗保险。", "依据", "《办法》第五条。", "救济途径", "行政复议", "行政诉讼"},
			qr:   n.TrackURL,
		},
		"NotHandled": {
			make: func(f Format) (Document, error) {
				return RefusalNoticePDF(RefusalNotice{Notice: n, NotHandled: true, Reason: "不符合条件。", Remedy: "可向街道办事处申请复核。"}, f)
			},
			want: []string{"不予办理通知书", "决定不予办理", "可向街道办事处申请复核。"},
			qr:   n.TrackURL,
		},
		"Finished": {
			make: func(f Format) (Document, error) {
				return FinishedNoticePDF(FinishedNotice{Notice: n, Finished: due, Result: "已完成参保登记。", Collect: "无需领取。", RateURL: "http://192.168.1.20:8080/rate/XYZ"}, f)
			},
			want: []string{"办结通知单", "已于2026年12月2日办结", "已完成参保登记。", "无需领取。", "请扫码对本次服务进行评价"},
			qr:   "http://192.168.1.20:8080/rate/XYZ",
		},
		"ProxyList": {
			make: func(f Format) (Document, error) {
				return ProxyListPDF(ProxyList{Center: n.Center, BatchNo: "DB-20261127-01", Department: "街道社会保障服务中心",
					Date: n.Date, Staff: "李四", URL: "http://192.168.1.20:8080/b/DB1",
					Rows: []ProxyRow{{RequestNo: "XF-20261126-0042", Applicant: "张*三", Item: "医保参保登记", Materials: "身份证复印件"},
						{RequestNo: "XF-20261126-0043", Applicant: "王*", Item: "残疾人证换领", Note: "加急"}}}, f)
			},
			want: []string{"代办事项清单", "DB-20261127-01", "街道社会保障服务中心", "2件", "XF-20261126-0042", "XF-20261126-0043",
				"王*", "残疾人证换领", "代办人（签字）", "接收人（签字）"},
			qr: "http://192.168.1.20:8080/b/DB1",
		},
	}
	for name, tc := range tests {
		for fname, f := range map[string]Format{"A4": A4, "Roll80": Roll80} {
			t.Run(name+"/"+fname, func(t *testing.T) {
				d, err := tc.make(f)
				require.NoError(t, err)
				assert.Equal(t, 1, d.Pages)
				flat := flatText(t, d.PDF)
				common := []string{n.Center, "2026年11月27日", "日期："}
				if name != "ProxyList" {
					common = append(common, n.RequestNo, "张*三", n.Phone)
				}
				for _, w := range append(common, tc.want...) {
					assert.Contains(t, flat, w)
				}
				imgs := rasterise(t, d.PDF, 150)
				assert.Equal(t, tc.qr, papertest.QR(t, imgs[0]))
			})
		}
	}
}

func TestNoticesIncomplete(t *testing.T) {
	n := sampleNotice()
	tests := map[string]func() error{
		"NoNumber": func() error {
			m := n
			m.RequestNo = ""
			_, err := PromiseNoticePDF(PromiseNotice{Notice: m}, A4)
			return err
		},
		"NoMissing": func() error {
			_, err := CorrectionNoticePDF(CorrectionNotice{Notice: n}, A4)
			return err
		},
		"NoReason": func() error {
			_, err := RefusalNoticePDF(RefusalNotice{Notice: n, Reason: "  "}, A4)
			return err
		},
		"NoRows": func() error {
			_, err := ProxyListPDF(ProxyList{Center: "x"}, A4)
			return err
		},
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, fn(), ErrIncomplete)
		})
	}
}
