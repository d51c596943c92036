package data

// Exporting a report: the same tables as CSV (one file, a
// section per table, UTF-8 with a byte-order mark so Excel reads the
// Chinese) and as an XLSX workbook (one sheet per table, Chinese headers),
// written with github.com/xuri/excelize/v2. The printable PDF is ui/paper's.

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// AuditDataExport is the audit action of an export (a report, the catalog).
const AuditDataExport = "export"

// ReportTable is one table of a report: a sheet of the workbook, a section
// of the CSV file. A cell is a string, an int, a float64 or a Ratio (a rate,
// written as a percentage; "—" when undefined).
type ReportTable struct {
	Name   string // sheet name, Chinese, at most 31 characters
	Header []string
	Rows   [][]any
}

// PeriodLabel is the period in words: "2026-11-01 至 2026-11-30" for whole
// days, with times when the period starts or ends within a day.
func (r *Report) PeriodLabel() string {
	return periodLabel(r.From, r.To)
}

func periodLabel(from, to time.Time) string {
	from, to = from.In(China), to.In(China)
	midnight := func(t time.Time) bool {
		return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
	}
	if midnight(from) && midnight(to) {
		return from.Format("2006-01-02") + " 至 " + to.AddDate(0, 0, -1).Format("2006-01-02")
	}
	return from.Format("2006-01-02 15:04") + " 至 " + to.Format("2006-01-02 15:04")
}

// Tables lays the report out as tables, in the order of the workbook.
func (r *Report) Tables() []ReportTable {
	summary := ReportTable{Name: "概况", Header: []string{"指标", "数值"}, Rows: [][]any{
		{"统计期间", r.PeriodLabel()},
		{"登记件数", r.Requests},
		{"办结件数", r.Finished},
		{"有承诺期限的办结件数", r.OnTime.Of},
		{"按期办结件数", r.OnTime.N},
		{"按期办结率", r.OnTime},
		{"平均办理时长（工作日，受理至办结）", round2(r.AvgWorkdays)},
		{"补正通知次数", r.Supplements},
		{"违反一次性告知（再次补正）次数", r.Breaches},
		{"投诉件数", r.Complaints},
		{"投诉属实", r.Substantiated},
		{"投诉不属实", r.Unsubstantiated},
		{"投诉尚未认定", r.Undecided},
		{"评价总数", r.RatingCount},
		{"满意率（满意及非常满意）", r.Satisfied},
	}}
	countTable := func(name, what string, cs []Count, withKey string) ReportTable {
		t := ReportTable{Name: name, Header: []string{what, "件数"}}
		if withKey != "" {
			t.Header = []string{withKey, what, "件数"}
		}
		for _, c := range cs {
			if withKey != "" {
				t.Rows = append(t.Rows, []any{c.Key, c.Label, c.N})
			} else {
				t.Rows = append(t.Rows, []any{c.Label, c.N})
			}
		}
		return t
	}
	daily := ReportTable{Name: "每日", Header: []string{"日期", "登记件数", "办结件数"}}
	for _, d := range r.Daily {
		daily.Rows = append(daily.Rows, []any{d.Day, d.Registered, d.Finished})
	}
	complaints := countTable("投诉", "处理状态", r.ComplaintsByStatus, "")
	complaints.Header = []string{"项目", "件数"}
	complaints.Rows = append(complaints.Rows, []any{"调查属实", r.Substantiated}, []any{"调查不属实", r.Unsubstantiated},
		[]any{"尚未认定", r.Undecided})
	ratings := countTable("评价", "评价等级", r.Ratings, "")
	people := ReportTable{Name: "人员", Header: []string{"工号", "姓名", "首问件数", "按期办结件数", "办结件数（有承诺期限）",
		"按期办结率", "出勤天数", "参加学习次数", "学习场次", "学习出勤率", "被投诉件数", "投诉属实", "责任追究次数"}}
	for _, p := range r.People {
		name := p.Name
		if !p.Active {
			name += "（已停用）"
		}
		people.Rows = append(people.Rows, []any{p.Code, name, p.FirstOwned, p.OnTime.N, p.OnTime.Of, p.OnTime,
			p.AttendanceDays, p.Study.N, p.Study.Of, p.Study, p.Complaints, p.Substantiated, p.Accountability})
	}
	return []ReportTable{
		summary,
		countTable("按事项", "事项名称", r.ByItem, "事项编码"),
		countTable("按办理方式", "办理方式", r.ByMode, ""),
		countTable("按状态", "办理状态", r.ByStatus, ""),
		countTable("按窗口", "窗口", r.ByWindow, "窗口编号"),
		countTable("按渠道", "登记渠道", r.ByChannel, ""),
		daily,
		complaints,
		ratings,
		people,
	}
}

func round2(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 2, 64), 64)
	return v
}

// cellText is a cell as CSV text.
func cellText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case Ratio:
		return x.Percent()
	}
	return fmt.Sprint(v)
}

// WriteCSV writes the report as one CSV file: a UTF-8 byte-order mark (so
// Excel reads the Chinese), a title line, then each table as a line with its
// name, its header and its rows, tables separated by an empty line.
func (r *Report) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("data: report csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	write := func(rec []string) {
		if cw.Error() == nil {
			cw.Write(rec)
		}
	}
	write([]string{"便民服务室统计报表", r.PeriodLabel()})
	for _, t := range r.Tables() {
		write(nil)
		write([]string{"【" + t.Name + "】"})
		write(t.Header)
		for _, row := range t.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = cellText(v)
			}
			write(rec)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("data: report csv: %w", err)
	}
	return nil
}

// WriteXLSX writes the report as an Excel workbook: one sheet per table,
// the header bold and frozen, rates as percentages, columns sized to their
// text.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := r.fillWorkbook(f); err != nil {
		return fmt.Errorf("data: report xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("data: report xlsx: %w", err)
	}
	return nil
}

func (r *Report) fillWorkbook(f *excelize.File) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	decimal, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: "便民服务室统计报表 " + r.PeriodLabel(),
		Creator: "便民服务室", Language: "zh-CN"}); err != nil {
		return err
	}
	for i, t := range r.Tables() {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), t.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		widths := make([]int, len(t.Header))
		header := make([]any, len(t.Header))
		for c, h := range t.Header {
			header[c] = h
			widths[c] = textWidth(h)
		}
		if err := f.SetSheetRow(t.Name, "A1", &header); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(len(t.Header), 1)
		if err := f.SetCellStyle(t.Name, "A1", last, bold); err != nil {
			return err
		}
		for ri, row := range t.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, ri+2)
				var err error
				switch x := v.(type) {
				case Ratio:
					if !x.Defined() {
						err = f.SetCellStr(t.Name, cell, x.Percent())
						break
					}
					if err = f.SetCellFloat(t.Name, cell, x.Value(), -1, 64); err == nil {
						err = f.SetCellStyle(t.Name, cell, cell, percent)
					}
				case float64:
					if err = f.SetCellFloat(t.Name, cell, x, -1, 64); err == nil {
						err = f.SetCellStyle(t.Name, cell, cell, decimal)
					}
				case int:
					err = f.SetCellInt(t.Name, cell, int64(x))
				case string:
					err = f.SetCellStr(t.Name, cell, x)
				default:
					err = f.SetCellValue(t.Name, cell, v)
				}
				if err != nil {
					return err
				}
				if c < len(widths) {
					widths[c] = max(widths[c], textWidth(cellText(v)))
				}
			}
		}
		for c, wd := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(t.Name, col, col, float64(min(wd+2, 60))); err != nil {
				return err
			}
		}
		if err := f.SetPanes(t.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// textWidth is the width of s in Excel columns: wide (CJK) characters
// count two.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// RecordExport writes an audit entry for an export the session made (what:
// "统计报表 2026-11-01 至 2026-11-30 (XLSX)", dest: the file written).
func (s *Store) RecordExport(ctx context.Context, by Session, what, dest string) error {
	return s.txAs(ctx, "record export", by, actorOf, func(tx *sql.Tx, actor Session) error {
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditDataExport, what, dest)
	})
}
