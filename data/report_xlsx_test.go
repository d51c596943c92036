package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func novemberReport(t *testing.T) (*Store, Report) {
	t.Helper()
	s := reportFixture(t)
	from, to := MonthPeriod(2026, time.November)
	r, err := s.Report(context.Background(), from, to)
	require.NoError(t, err)
	return s, r
}

func TestWriteXLSX(t *testing.T) {
	_, r := novemberReport(t)
	var buf bytes.Buffer
	require.NoError(t, r.WriteXLSX(&buf))

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"概况", "按事项", "按办理方式", "按状态", "按窗口", "按渠道", "每日", "投诉", "评价", "人员"},
		f.GetSheetList())

	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		require.NoError(t, err)
		return v
	}
	raw := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	// The summary: Chinese labels, numbers as numbers, rates as percentages.
	assert.Equal(t, "指标", cell("概况", "A1"))
	assert.Equal(t, "统计期间", cell("概况", "A2"))
	assert.Equal(t, "2026-11-01 至 2026-11-30", cell("概况", "B2"))
	assert.Equal(t, "登记件数", cell("概况", "A3"))
	assert.Equal(t, "10", cell("概况", "B3"))
	typ, err := f.GetCellType("概况", "B3")
	require.NoError(t, err)
	assert.Equal(t, excelize.CellTypeUnset, typ, "a number, not text (numbers carry no t attribute)")
	assert.Equal(t, "按期办结率", cell("概况", "A7"))
	assert.Equal(t, "0.6", raw("概况", "B7"))
	assert.Equal(t, "60.00%", cell("概况", "B7"))
	assert.Equal(t, "6.33", cell("概况", "B8"))
	assert.Equal(t, "1", cell("概况", "B10"), "breaches of 一次性告知")

	assert.Equal(t, []string{"事项编码", "事项名称", "件数"}, row(t, f, "按事项", 1))
	assert.Equal(t, []string{"DB", "最低生活保障申请", "4"}, row(t, f, "按事项", 2))
	assert.Equal(t, []string{"联合办理", "4"}, row(t, f, "按办理方式", 4))
	assert.Equal(t, []string{"1", "社会保障窗口", "6"}, row(t, f, "按窗口", 2))
	assert.Equal(t, []string{"2026-11-19", "0", "1"}, row(t, f, "每日", 20))
	assert.Equal(t, []string{"调查属实", "1"}, row(t, f, "投诉", 6))
	assert.Equal(t, []string{"非常满意", "2"}, row(t, f, "评价", 2))

	assert.Equal(t, "首问件数", cell("人员", "C1"))
	assert.Equal(t, []string{"s2", "李强", "4", "0", "2", "0.00%", "2", "1", "2", "50.00%", "2", "1", "1"},
		row(t, f, "人员", 3))
}

func row(t *testing.T, f *excelize.File, sheet string, n int) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	require.Greater(t, len(rows), n-1, sheet)
	return rows[n-1]
}

func TestWriteCSV(t *testing.T) {
	_, r := novemberReport(t)
	var buf bytes.Buffer
	require.NoError(t, r.WriteCSV(&buf))
	require.True(t, bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")), "UTF-8 BOM for Excel")
	assert.Contains(t, buf.String(), "\r\n")

	cr := csv.NewReader(bytes.NewReader(buf.Bytes()[3:]))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"便民服务室统计报表", "2026-11-01 至 2026-11-30"}, recs[0])
	sections := map[string][][]string{}
	var cur string
	for _, rec := range recs[1:] {
		if len(rec) == 1 && strings.HasPrefix(rec[0], "【") {
			cur = strings.Trim(rec[0], "【】")
			continue
		}
		if cur != "" {
			sections[cur] = append(sections[cur], rec)
		}
	}
	assert.Len(t, sections, 10)
	assert.Contains(t, sections["概况"], []string{"按期办结率", "60.0%"})
	assert.Contains(t, sections["概况"], []string{"平均办理时长（工作日，受理至办结）", "6.33"})
	assert.Equal(t, []string{"s1", "王芳", "4", "3", "3", "100.0%", "3", "2", "2", "100.0%", "0", "0", "0"},
		sections["人员"][1])
}

func TestWriteEmptyReport(t *testing.T) {
	s := mustOpen(t)
	r, err := s.Report(context.Background(), time.Date(2026, 11, 26, 9, 0, 0, 0, China), fixedNow)
	require.NoError(t, err)
	assert.Equal(t, "2026-11-26 09:00 至 2026-11-26 09:30", r.PeriodLabel())
	var x, c bytes.Buffer
	require.NoError(t, r.WriteXLSX(&x))
	require.NoError(t, r.WriteCSV(&c))
	f, err := excelize.OpenReader(&x)
	require.NoError(t, err)
	defer f.Close()
	v, err := f.GetCellValue("概况", "B7")
	require.NoError(t, err)
	assert.Equal(t, "—", v, "no finished requests: no rate")
}

func TestRecordExportAndBackupAudit(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	admin, clerk := staffSession(t, s, "s1"), staffSession(t, s, "s2")
	require.NoError(t, s.RecordExport(ctx, clerk, "统计报表 2026-11-01 至 2026-11-30 (XLSX)", "/media/u/report.xlsx"))
	assert.Equal(t, 1, auditCount(t, s, AuditDataExport))
	assert.ErrorIs(t, s.RecordExport(ctx, Session{}, "x", "y"), ErrInvalid)

	dest := t.TempDir() + "/b.db"
	err := s.BackupAs(ctx, clerk, dest, nil)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.NoFileExists(t, dest)
	require.NoError(t, s.BackupAs(ctx, admin, dest, nil))
	assert.Equal(t, 1, auditCount(t, s, AuditDataBackup))
	assert.Equal(t, "备份数据", ContentAuditLabel(AuditDataBackup))
}
