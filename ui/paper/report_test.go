package paper

import (
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
)

// sampleReport is the November fixture of data's report test, as staff
// mode hands it over: known figures in every part.
func sampleReport() Report {
	daily := Line{Name: "登记件数"}
	fin := Line{Name: "办结件数", Dashed: true}
	rate := Line{Name: "按期办结率"}
	var labels []string
	for d := 1; d <= 30; d++ {
		labels = append(labels, fmt.Sprintf("11-%02d", d))
		daily.Values = append(daily.Values, float64(d%4))
		fin.Values = append(fin.Values, float64(d%3))
		v := math.NaN()
		if d%5 == 0 {
			v = float64(d%3) / 2
		}
		rate.Values = append(rate.Values, v)
	}
	people := Table{Name: "人员", Header: []string{"工号", "姓名", "首问件数", "按期办结件数", "办结件数（有承诺期限）",
		"按期办结率", "出勤天数", "参加学习次数", "学习场次", "学习出勤率", "被投诉件数", "投诉属实", "责任追究次数"},
		Rows: [][]string{{"s1", "王芳", "4", "3", "3", "100.0%", "3", "2", "2", "100.0%", "0", "0", "0"},
			{"s2", "李强", "4", "0", "2", "0.0%", "2", "1", "2", "50.0%", "2", "1", "1"}}}
	return Report{
		Center: "幸福社区便民服务室", Period: "2026-11-01 至 2026-11-30", By: "张建华",
		Made: time.Date(2026, 11, 27, 10, 5, 0, 0, data.China),
		Figures: [][2]string{{"登记件数", "10"}, {"办结件数", "6"}, {"按期办结率", "60.0%"}, {"平均办理工作日", "6.33"},
			{"违反一次性告知", "1"}, {"投诉件数", "3"}, {"投诉属实", "1"}, {"满意率", "60.0%"}},
		Lines: []LineChart{{Title: "登记与办结（按日）", Labels: labels, Series: []Line{daily, fin}},
			{Title: "按期办结率（按日）", Labels: labels, Series: []Line{rate}, Percent: true}},
		Bars: []BarChart{{Title: "按事项登记件数", Bars: []Bar{{"最低生活保障申请", 4}, {"居住证申领", 3},
			{"城乡居民基本医疗保险参保登记", 3}}},
			{Title: "评价分布", Bars: []Bar{{"非常满意", 2}, {"满意", 1}, {"基本满意", 1}, {"不满意", 1}, {"非常不满意", 0}}}},
		Tables: []Table{
			{Name: "按事项", Header: []string{"事项编码", "事项名称", "件数"},
				Rows: [][]string{{"DB", "最低生活保障申请", "4"}, {"JZZ", "居住证申领", "3"}, {"YB", "城乡居民基本医疗保险参保登记", "3"}}},
			{Name: "按窗口", Header: []string{"窗口编号", "窗口", "件数"},
				Rows: [][]string{{"1", "社会保障窗口", "6"}, {"2", "民政事务窗口", "4"}}},
			{Name: "按渠道", Header: []string{"登记渠道", "件数"}},
			people,
		},
	}
}

func TestReportPDF(t *testing.T) {
	doc, err := ReportPDF(sampleReport())
	require.NoError(t, err)
	assert.Equal(t, "A4", doc.Media())
	assert.Equal(t, [2]float64{210, 297}, [2]float64{doc.Width, doc.Height})
	assert.GreaterOrEqual(t, doc.Pages, 2)

	txt := pdfText(t, doc.PDF, "-layout")
	nospace := func(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "") }
	flat := nospace(txt)
	for _, want := range []string{"幸福社区便民服务室", "统计报表", "统计期间：2026-11-01 至 2026-11-30",
		"制表时间：2026-11-27 10:05", "制表人：张建华", "一、主要指标", "二、图表", "三、统计表",
		"登记件数 10", "办结件数 6", "按期办结率 60.0%", "平均办理工作日 6.33", "违反一次性告知 1", "满意率 60.0%",
		"登记与办结（按日）", "按期办结率（按日）", "11-01", "100%", "50%",
		"按事项登记件数", "评价分布", "非常不满意 0",
		"表1　按事项", "DB 最低生活保障申请 4", "1 社会保障窗口 6", "表3　按渠道", "本期没有数据。", "表4　人员", "王芳", "李强",
		"50.0%",
	} {
		assert.Contains(t, flat, nospace(want))
	}
	// Every page has its number and the time made at the foot.
	pages := strings.Split(txt, "\f")
	for i := 0; i < doc.Pages; i++ {
		assert.Contains(t, nospace(pages[i]), fmt.Sprintf("第%d页共%d页", i+1, doc.Pages))
		assert.Contains(t, nospace(pages[i]), "制表时间2026-11-27")
	}

	// The charts are drawn: the first page's plot has ink beyond the text.
	imgs := rasterise(t, doc.PDF, 40)
	require.Len(t, imgs, doc.Pages)
	assert.Greater(t, dark(imgs[0]), 0.02)
	if dir := shots.Dir(t, ""); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "report.pdf"), doc.PDF, 0o644))
	}
}

// dark is the share of dark pixels in img.
func dark(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

func TestReportPDFIncomplete(t *testing.T) {
	_, err := ReportPDF(Report{Center: "幸福社区便民服务室"})
	assert.ErrorIs(t, err, ErrIncomplete)
}

func TestReportPDFEmpty(t *testing.T) {
	// A period with nothing in it still prints, with "no data" where charts go.
	doc, err := ReportPDF(Report{Period: "2027-01-01 至 2027-01-31", Made: testTime,
		Lines: []LineChart{{Title: "登记与办结"}}, Bars: []BarChart{{Title: "评价分布", Bars: []Bar{{"满意", 0}}}}})
	require.NoError(t, err)
	assert.Equal(t, 1, doc.Pages)
	txt := pdfText(t, doc.PDF)
	assert.Equal(t, 2, strings.Count(txt, "本期没有数据。"))
}

func TestAxisScale(t *testing.T) {
	tests := map[string]struct {
		peak, top, step float64
	}{
		"Zero": {0, 1, 1}, "One": {1, 1, 1}, "Three": {3, 3, 1}, "Seven": {7, 8, 2}, "Nineteen": {19, 20, 5},
		"Hundred": {100, 100, 50}, "Odd": {137, 150, 50}, "Big": {1234, 1500, 500},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			top, step := AxisScale(tc.peak)
			assert.Equal(t, [2]float64{tc.top, tc.step}, [2]float64{top, step})
		})
	}
}
