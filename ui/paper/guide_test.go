package paper

import (
	"bianmin/ui/paper/papertest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func flatText(t *testing.T, pdf []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdfText(t, pdf)), "")
}

func TestGuidePDF(t *testing.T) {
	g := sampleGuide()
	for name, f := range map[string]Format{"A4": A4, "Roll80": Roll80} {
		t.Run(name, func(t *testing.T) {
			d, err := GuidePDF(g, f)
			require.NoError(t, err)
			assert.Equal(t, f, d.Format)
			assert.Equal(t, 1, d.Pages, "one page")
			flat := flatText(t, d.PDF)
			want := []string{"一次性告知单", g.Center, g.Item, "YB-001", "申报条件", "未参加职工基本医疗保险",
				"法定办结时限：15个工作日", "承诺办结时限：3个工作日", "最多跑1次", "不收费", "收费依据：国家规定",
				"《中华人民共和国社会保险法》第二十五条", g.Address, g.Phone, g.Complaint, "2026年11月26日"}
			for _, m := range g.Materials {
				want = append(want, m.Name)
			}
			for _, step := range g.Procedure {
				want = append(want, step)
			}
			for _, w := range want {
				assert.Contains(t, flat, w)
			}
			assert.Contains(t, flat, "必需")
			assert.Contains(t, flat, "非必需")
			assert.Contains(t, flat, "原件及复印件")
		})
	}
	t.Run("A4Media", func(t *testing.T) {
		d, err := GuidePDF(g, A4)
		require.NoError(t, err)
		assert.Equal(t, "A4", d.Media())
		assert.Equal(t, 210.0, d.Width)
		assert.Equal(t, 297.0, d.Height)
	})
}

func TestGuideOnTheSpotAndQR(t *testing.T) {
	g := sampleGuide()
	g.PromisedDays, g.LegalDays, g.Trips, g.Fee = 0, 0, 0, ""
	g.URL = "http://192.168.1.20:8080/g/YB-001"
	d, err := GuidePDF(g, A4)
	require.NoError(t, err)
	flat := flatText(t, d.PDF)
	assert.Contains(t, flat, "即来即办")
	assert.Contains(t, flat, "不收费")
	assert.NotContains(t, flat, "法定办结时限")
	imgs := rasterise(t, d.PDF, 150)
	assert.Equal(t, g.URL, papertest.QR(t, imgs[0]))
}

// A guide too long for one A4 page flows onto more pages with the table
// header repeated and page numbers in the footer.
func TestGuideLongFlowsOverPages(t *testing.T) {
	g := sampleGuide()
	for i := 0; i < 40; i++ {
		g.Materials = append(g.Materials, Material{Name: "补充证明材料" + itoa3(i), Form: "复印件", Copies: 1, Note: "按实际情况提供"})
	}
	d, err := GuidePDF(g, A4)
	require.NoError(t, err)
	assert.Greater(t, d.Pages, 1)
	flat := flatText(t, d.PDF)
	assert.Contains(t, flat, "第2页共")
	assert.GreaterOrEqual(t, strings.Count(flat, "序号材料名称"), 2, "header repeats")
	assert.Contains(t, flat, "补充证明材料039")
}

func itoa3(i int) string {
	return string([]byte{byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)})
}

func TestGuideIncomplete(t *testing.T) {
	_, err := GuidePDF(Guide{Center: "x"}, A4)
	assert.ErrorIs(t, err, ErrIncomplete)
}
