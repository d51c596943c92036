package data

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Catalog text is held to the rules of resident input: each hidden or
// overlong value is refused with its field and index, and nothing is
// imported.
func TestImportRefusesHiddenCharactersAndLongText(t *testing.T) {
	for name, tc := range map[string]struct {
		edit      func(c *Catalog)
		wantField string
		wantMsg   string
	}{
		"NUL": {func(c *Catalog) { c.Items[1].Name = "最低生活\x00保障" },
			"items[1].name", "第2个事项的“名称”中含有无法显示的控制字符"},
		"Control": {func(c *Catalog) { c.Windows[0].Name = "社会\x1b保障" },
			"windows[0].name", "第1个窗口的“名称”中含有无法显示的控制字符"},
		"NewlineInName": {func(c *Catalog) { c.Staff[1].Post = "民政\n专干" },
			"staff[1].post", "不能换行"},
		"LeadWindow": {func(c *Catalog) { c.Items[0].LeadWindow = "1\x00" },
			"items[0].lead_window", "控制字符"},
		"Bidi": {func(c *Catalog) { c.Items[0].Conditions = "在本地居住\u202e半年以上" },
			"items[0].conditions", "改变文字方向"},
		"Isolate": {func(c *Catalog) { c.Disclosures[0].Versions[1].Body = "新\u2067文本" },
			"disclosures[0].versions[1].body", "第1个公开事项的第2个版本的“内容”"},
		"ZeroWidth": {func(c *Catalog) { c.Items[2].Keywords = []string{"医\u200b保"} },
			"items[2].keywords[0]", "看不见的特殊字符"},
		"ZWJ":   {func(c *Catalog) { c.Center.Address = "测试\u200d路" }, "center.address", "看不见的特殊字符"},
		"BOM":   {func(c *Catalog) { c.Items[1].Materials[1].Note = "\ufeff如有" }, "items[1].materials[1].note", "看不见的特殊字符"},
		"WordJ": {func(c *Catalog) { c.Calendar[0].Name = "国\u2060庆节" }, "calendar[0].name", "看不见的特殊字符"},
		"LongName": {func(c *Catalog) { c.Disclosures[0].Versions[0].Title = strings.Repeat("长", 101) },
			"disclosures[0].versions[0].title", "最多100个字，文件中有101个字"},
		"HugeField": {func(c *Catalog) { c.Items[0].Basis = strings.Repeat("依据", 1<<15) },
			"items[0].basis", "最多20000个字"},
	} {
		t.Run(name, func(t *testing.T) {
			c := testCatalog()
			tc.edit(c)
			_, err, out := importBytes(t, encode(t, c))
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.wantField, ie.Field)
			assert.Contains(t, ie.Msg, tc.wantMsg)
			assert.Empty(t, out, "nothing imported")
		})
	}
}

// Multi-line text keeps its line breaks and tabs.
func TestImportKeepsLineBreaksInLongText(t *testing.T) {
	c := testCatalog()
	c.Items[0].Conditions = "第一条\n\t第二条"
	_, err, out := importBytes(t, encode(t, c))
	require.NoError(t, err)
	assert.Contains(t, out, `第一条\n\t第二条`)
}

// A staff photo or a sample form is checked by decoding it: a text file
// renamed .png is refused.
func TestImportDecodesPhotosAndSamples(t *testing.T) {
	t.Run("TextAsPhoto", func(t *testing.T) {
		s := mustOpen(t)
		_, err := s.ImportCatalog(t.Context(), strings.NewReader(string(encode(t, testCatalog()))),
			fstest.MapFS{"a.png": {Data: []byte("\x89PNG\r\n\x1a\n这是一个文本文件")}})
		var ie *InvalidError
		require.ErrorAs(t, err, &ie)
		assert.Equal(t, "staff[0].photo", ie.Field)
		assert.Contains(t, ie.Msg, "第1个工作人员的“照片”无法识别，应为 JPG 或 PNG 格式的照片")
		empty, err := s.Empty(t.Context())
		require.NoError(t, err)
		assert.True(t, empty)
	})
	t.Run("TextAsSample", func(t *testing.T) {
		c := testCatalog()
		c.Items[0].Materials[0].SampleName = "样表.jpg"
		c.Items[0].Materials[0].SampleData = []byte("\xff\xd8\xff not a jpeg at all")
		_, err, _ := importBytes(t, encode(t, c))
		var ie *InvalidError
		require.ErrorAs(t, err, &ie)
		assert.Equal(t, "items[0].materials[0].sample_data", ie.Field)
	})
	t.Run("PDFAndPNGSamples", func(t *testing.T) {
		c := testCatalog()
		c.Items[0].Materials[0].SampleName, c.Items[0].Materials[0].SampleData = "样表.pdf", []byte("%PDF-1.4\n%%EOF\n")
		c.Items[1].Materials[0].SampleName, c.Items[1].Materials[0].SampleData = "样表.png", tinyPNG()
		_, err, _ := importBytes(t, encode(t, c))
		require.NoError(t, err)
	})
}
