package paper

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// testPicture is a small picture with a dark frame, encoded as PNG or JPEG.
func testPicture(t *testing.T, jpg bool) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 160))
	for y := range 160 {
		for x := range 120 {
			c := color.RGBA{255, 255, 255, 255}
			if x < 6 || y < 6 || x > 113 || y > 153 {
				c = color.RGBA{0, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if jpg {
		require.NoError(t, jpeg.Encode(&b, img, nil))
	} else {
		require.NoError(t, png.Encode(&b, img))
	}
	return b.Bytes()
}

func sampleForm(t *testing.T) ApplicationForm {
	return ApplicationForm{
		Center: "示例社区便民服务室", RequestNo: "WY-20260305-0007", Item: "育儿补贴申领",
		Date: time.Date(2026, 3, 5, 10, 0, 0, 0, data.China),
		Name: "赵桂兰", Phone: "13900139000", IDNumber: "610202196507120425", Address: "幸福路12号3单元502室",
		Fields: []FormField{{"婴幼儿出生日期", "2025-11-02"}, {"申领子女数", "2"}, {"与婴幼儿关系", "母亲"},
			{"需要协助的内容", ""}},
		Description: "不会使用手机填报，请工作人员协助。",
		Samples: []FormSample{
			{Material: "申领登记表", Name: "sample.png", Data: testPicture(t, false)},
			{Material: "出生医学证明", Name: "birth.jpg", Data: testPicture(t, true)},
			{Material: "银行卡信息", Name: "银行卡填写说明.pdf", Data: []byte("%PDF-1.4\n%…")},
		},
	}
}

func TestApplicationForm(t *testing.T) {
	doc, err := ApplicationFormPDF(sampleForm(t))
	require.NoError(t, err)
	assert.Equal(t, "A4", doc.Media())
	assert.Equal(t, 3, doc.Pages, "the form and one page per picture; the PDF sample is only named")

	text := pdfText(t, doc.PDF)
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"育儿补贴申领申请表", "示例社区便民服务室", "WY-20260305-0007",
		"赵桂兰", "13900139000", "610202196507120425", "幸福路12号3单元502室",
		"婴幼儿出生日期", "2025-11-02", "申领子女数", "与婴幼儿关系", "母亲", "需要协助的内容",
		"不会使用手机填报", "申请人签字", "日期", "银行卡信息（银行卡填写说明.pdf）", "样表（参考）",
		"申领登记表（sample.png）", "出生医学证明（birth.jpg）", "第3页共3页"} {
		assert.Contains(t, flat, want)
	}
	assert.Equal(t, 2, strings.Count(flat, "样表（参考）"))

	// The pictures are drawn: their dark frames darken the sample pages.
	pages := rasterise(t, doc.PDF, 40)
	require.Len(t, pages, 3)
	for i, pg := range pages[1:] {
		dark, b := 0, pg.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, _, _, _ := pg.At(x, y).RGBA(); r < 0x4000 {
					dark++
				}
			}
		}
		assert.Greater(t, dark, b.Dx()*b.Dy()/20, "sample page %d shows its picture", i+2)
	}
}

func TestApplicationFormErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		change func(*ApplicationForm)
		want   string
	}{
		"ErrNoNumber": {func(a *ApplicationForm) { a.RequestNo = " " }, "RequestNo"},
		"ErrNoItem":   {func(a *ApplicationForm) { a.Item = "" }, "Item"},
		// A file that says PNG but is not one: fpdf reports it only through
		// pdf.Err, which must not be lost.
		"ErrBrokenPNG": {func(a *ApplicationForm) {
			a.Samples = []FormSample{{Name: "bad.png", Data: []byte("\x89PNG\r\n\x1a\nnot really")}}
		}, "bad.png"},
	} {
		t.Run(name, func(t *testing.T) {
			a := sampleForm(t)
			tc.change(&a)
			_, err := ApplicationFormPDF(a)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestApplicationFormNoSamples(t *testing.T) {
	a := sampleForm(t)
	a.Samples, a.Address, a.Fields, a.Description = nil, "", nil, ""
	doc, err := ApplicationFormPDF(a)
	require.NoError(t, err)
	assert.Equal(t, 1, doc.Pages)
	flat := strings.Join(strings.Fields(pdfText(t, doc.PDF)), "")
	assert.Contains(t, flat, "住址")
	assert.NotContains(t, flat, "样表")
	assert.NotContains(t, flat, "申请事项信息")
}
