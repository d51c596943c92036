package paper

import (
	"bianmin/ui/paper/papertest"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReceiptPDF(t *testing.T) {
	r := sampleReceipt()
	d, err := ReceiptPDF(r)
	require.NoError(t, err)
	assert.Equal(t, Roll80, d.Format)
	assert.Equal(t, 80.0, d.Width)
	assert.Equal(t, 1, d.Pages)
	assert.Greater(t, d.Height, 150.0)
	assert.Equal(t, "Custom.80x"+strconv.FormatFloat(d.Height, 'f', -1, 64)+"mm", d.Media())

	// pdftotext keeps line breaks; join lines to find wrapped phrases.
	text := pdfText(t, d.PDF)
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{r.Center, "受理回执", r.ReceiptNo, r.QueryCode, "张*三", "**************4578",
		r.Phone, "承诺办理", "2026年12月10日前", "已受理", "2026年11月26日14:32", "尚需补充的材料（一次性告知）",
		"居民身份证原件", "一寸免冠彩色照片2张", "村（居）委会出具的居住证明（加盖公章）", "进度查询"} {
		assert.Contains(t, flat, strings.Join(strings.Fields(want), ""))
	}
	assert.NotContains(t, flat, testFullID)
	assert.NotRegexp(t, regexp.MustCompile(`\d{15,}|\d{14}[\dXx]`), flat, "no ID-number-like digit run")

	imgs := rasterise(t, d.PDF, 200)
	require.Len(t, imgs, 1)
	assert.Equal(t, r.TrackURL, papertest.QR(t, imgs[0]))
}

func TestReceiptQRSize(t *testing.T) {
	// The printed symbol is at least 30 mm wide: 200 dpi → ≥ 236 px.
	bits, err := qrBits(testURL)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, qrSideRoll, 30.0)
	assert.GreaterOrEqual(t, qrSideRoll/float64(len(bits)), 0.7, "module ≥ 0.7 mm")
}

func TestReceiptHasNoPlaceForFullID(t *testing.T) {
	// The only identity fields are the masked name and the masked ID tail.
	typ := reflect.TypeOf(Receipt{})
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		if strings.Contains(strings.ToLower(name), "id") {
			assert.Equal(t, "IDTail", name)
		}
	}
}

func TestMaskID(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"FullID":        {testFullID, "**************4578"},
		"FullIDWithX":   {"11010119900307457X", "**************457X"},
		"AlreadyMasked": {"**************4578", "**************4578"},
		"Tail":          {"尾号4578", "尾号4578"},
		"Empty":         {"", ""},
		"Spaced":        {"110101 19900307 4578", "****** ******** 4578"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, MaskID(tc.in))
		})
	}
}

func TestReceiptMasksFullIDPassedByMistake(t *testing.T) {
	r := sampleReceipt()
	r.IDTail = testFullID
	d, err := ReceiptPDF(r)
	require.NoError(t, err)
	text := pdfText(t, d.PDF)
	assert.NotContains(t, text, testFullID)
	assert.Contains(t, text, "**************4578")
}

func TestReceiptVariants(t *testing.T) {
	tests := map[string]struct {
		edit    func(*Receipt)
		want    []string
		notWant []string
	}{
		"Direct": {
			edit:    func(r *Receipt) { r.Mode, r.Status, r.Promised, r.Missing = "直接办理", "已办结", "", nil },
			want:    []string{"已办结", "材料齐全，无需补充。"},
			notWant: []string{"承诺办结"},
		},
		"Proxy": {
			edit: func(r *Receipt) { r.Mode, r.Sign = "代为办理", true },
			want: []string{"申请人签字（委托代办）"},
		},
		"NoMaterials": {
			edit: func(r *Receipt) { r.Brought = nil },
			want: []string{"已提交材料", "无"},
		},
		"CustomTracking": {
			edit: func(r *Receipt) { r.HowToTrack = "请拨打0571-1234查询。" },
			want: []string{"请拨打0571-1234查询。"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := sampleReceipt()
			tc.edit(&r)
			d, err := ReceiptPDF(r)
			require.NoError(t, err)
			flat := strings.Join(strings.Fields(pdfText(t, d.PDF)), "")
			for _, w := range tc.want {
				assert.Contains(t, flat, w)
			}
			for _, w := range tc.notWant {
				assert.NotContains(t, flat, w)
			}
		})
	}
}

func TestReceiptIncomplete(t *testing.T) {
	tests := map[string]func(*Receipt){
		"NoNumber": func(r *Receipt) { r.ReceiptNo = " " },
		"NoCode":   func(r *Receipt) { r.QueryCode = "" },
		"NoURL":    func(r *Receipt) { r.TrackURL = "" },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			r := sampleReceipt()
			edit(&r)
			_, err := ReceiptPDF(r)
			assert.ErrorIs(t, err, ErrIncomplete)
		})
	}
}

// TestReceiptNoOverflow sets very long content and checks with pdftotext's
// word boxes that nothing is drawn outside the 72 mm printable width.
func TestReceiptNoOverflow(t *testing.T) {
	r := sampleReceipt()
	r.Center = "某某省某某市某某县某某镇某某村便民服务室（第二服务点，临时设在村民委员会办公楼一楼）"
	r.Item = strings.Repeat("城乡居民基本医疗保险参保登记", 4)
	r.Missing = append(r.Missing, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		"需要提供的材料名称非常长，长到一行放不下，必须在中文字符之间换行，并且不能超出纸张的可打印范围。")
	d, err := ReceiptPDF(r)
	require.NoError(t, err)
	box := pdfText(t, d.PDF, "-bbox")
	re := regexp.MustCompile(`xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"`)
	words := re.FindAllStringSubmatch(box, -1)
	require.NotEmpty(t, words)
	const mm = 72 / 25.4
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		x1, _ := strconv.ParseFloat(w[2], 64)
		assert.GreaterOrEqual(t, x0, 3.5*mm, "word starts inside the left margin")
		assert.LessOrEqual(t, x1, 76.5*mm, "word ends inside the right margin")
	}
	flat := strings.Join(strings.Fields(pdfText(t, d.PDF)), "")
	assert.Contains(t, flat, "不能超出纸张的可打印范围。")
}

func TestQRImage(t *testing.T) {
	img, err := QRImage(testURL, 8)
	require.NoError(t, err)
	w := img.Bounds().Dx()
	assert.Equal(t, 0, w%8, "whole pixels per module")
	assert.Equal(t, testURL, papertest.QR(t, img))

	png, err := QRPNG(testURL, 6)
	require.NoError(t, err)
	assert.Equal(t, "\x89PNG", string(png[:4]))
}
