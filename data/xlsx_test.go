package data

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestXLSXBook writes a workbook by hand and reads it back with excelize:
// texts (escaped, spaces kept), numbers as numbers, the header style,
// the frozen header, column widths and the document's properties.
func TestXLSXBook(t *testing.T) {
	b := xlsxBook{Title: "报表 <11月>", Creator: "便民服务室", Language: "zh-CN", Sheets: []xlsxSheet{
		{Name: "概况", Widths: []float64{12, 8.5}, Rows: [][]xlsxCell{
			{{Text: "指标", Style: xlsxHeader}, {Text: "数值", Style: xlsxHeader}},
			{{Text: "A&B <c> \"d\""}, {Num: 0.625, IsNum: true, Style: xlsxPercent}},
			{{Text: "  前后空格 "}, {Num: 6.333333, IsNum: true, Style: xlsxDecimal}},
			{{Text: "控制\x01字符"}, {Num: 42, IsNum: true}},
			{{Text: "A&B <c> \"d\""}, {Text: "—"}},
		}},
		{Name: "每日", Rows: [][]xlsxCell{{{Text: "日期", Style: xlsxHeader}}, {{Text: "2026-11-01"}}}},
	}}
	var buf bytes.Buffer
	require.NoError(t, b.Write(&buf))

	// Every part is well-formed XML.
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(r)
		require.NoError(t, err)
		r.Close()
		parts[f.Name] = string(data)
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, f.Name)
		}
	}

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"概况", "每日"}, f.GetSheetList())
	assert.Equal(t, 0, f.GetActiveSheetIndex())
	rows, err := f.GetRows("概况")
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"指标", "数值"},
		{"A&B <c> \"d\"", "62.50%"},
		{"  前后空格 ", "6.33"},
		{"控制\uFFFD字符", "42"},
		{"A&B <c> \"d\"", "—"},
	}, rows)
	raw, err := f.GetCellValue("概况", "B3", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "6.333333", raw)
	typ, err := f.GetCellType("概况", "B4")
	require.NoError(t, err)
	assert.Equal(t, excelize.CellTypeUnset, typ, "a number, not text")
	typ, err = f.GetCellType("概况", "A2")
	require.NoError(t, err)
	assert.Equal(t, excelize.CellTypeSharedString, typ)

	id, err := f.GetCellStyle("概况", "B1")
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	require.NotNil(t, st.Font)
	assert.True(t, st.Font.Bold, "the header is bold")
	assert.Equal(t, "pattern", st.Fill.Type)
	assert.Equal(t, 1, st.Fill.Pattern, "solid")
	// (excelize reports a fill's colour only with a theme part, which
	// Excel does not need for an RGB colour.)
	assert.Contains(t, parts["xl/styles.xml"], `<fgColor rgb="FFDDEBF7"/>`)
	id, err = f.GetCellStyle("概况", "B2")
	require.NoError(t, err)
	st, err = f.GetStyle(id)
	require.NoError(t, err)
	assert.Equal(t, 10, st.NumFmt)

	panes, err := f.GetPanes("概况")
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	assert.Equal(t, "A2", panes.TopLeftCell)
	wd, err := f.GetColWidth("概况", "B")
	require.NoError(t, err)
	assert.Equal(t, 8.5, wd)

	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "报表 <11月>", props.Title)
	assert.Equal(t, "便民服务室", props.Creator)
	assert.Equal(t, "zh-CN", props.Language)
}

func TestXLSXSheetNames(t *testing.T) {
	for _, bad := range []string{"", "a/b", "[x]", "问?", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"} {
		b := xlsxBook{Sheets: []xlsxSheet{{Name: bad}}}
		assert.Error(t, b.Write(io.Discard), "%q", bad)
	}
	b := xlsxBook{Sheets: []xlsxSheet{{Name: "概况"}, {Name: "概况"}}}
	assert.Error(t, b.Write(io.Discard), "the same name twice")
	assert.Error(t, (&xlsxBook{}).Write(io.Discard), "no sheet")
}

func TestCellName(t *testing.T) {
	for want, c := range map[string][2]int{"A1": {1, 1}, "Z9": {26, 9}, "AA10": {27, 10}, "AZ1": {52, 1}, "BA2": {53, 2}, "ZZ3": {702, 3}, "AAA4": {703, 4}} {
		assert.Equal(t, want, cellName(c[0], c[1]))
	}
}
