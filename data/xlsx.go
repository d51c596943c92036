package data

// A small XLSX (Office Open XML spreadsheet) writer: what the report export
// needs and no more. Strings are inline, numbers plain values with a
// number format; each sheet has its header row frozen and its columns
// sized. A general spreadsheet library (excelize) did the same before,
// but its package initialisation alone cost the kiosk ~2 ms and 1.5 MB of
// heap at every start, for an export that staff make a few times a year.

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The cell styles of styles.xml (cellXfs), by index.
const (
	xlsxPlain   = 0
	xlsxBold    = 1 // the header: bold on light blue
	xlsxPercent = 2 // built-in format 10, 0.00%
	xlsxDecimal = 3 // built-in format 2, 0.00
)

const xlsxStyles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>` +
	`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xlsxWriter writes a workbook into a zip archive, one sheet after the
// other; the first error sticks and close reports it.
type xlsxWriter struct {
	zw      *zip.Writer
	names   []string // the sheets' names, in order
	title   string
	creator string
	lang    string
	err     error
}

func newXLSX(w io.Writer, title, creator, lang string) *xlsxWriter {
	return &xlsxWriter{zw: zip.NewWriter(w), title: title, creator: creator, lang: lang}
}

// part writes one file of the archive.
func (x *xlsxWriter) part(name, body string) {
	if x.err != nil {
		return
	}
	f, err := x.zw.Create(name)
	if err == nil {
		_, err = io.WriteString(f, xmlHeader+body)
	}
	x.err = err
}

// xlsxSheet is a sheet being written: its rows go straight into the
// archive, its column widths are known only at its end, so the rows are
// kept as XML text until then.
type xlsxSheet struct {
	x      *xlsxWriter
	index  int
	rows   strings.Builder
	n      int   // rows written
	widths []int // in characters, wide ones counting two
}

// sheet starts the next sheet, named name, with cols columns.
func (x *xlsxWriter) sheet(name string, cols int) *xlsxSheet {
	x.names = append(x.names, name)
	return &xlsxSheet{x: x, index: len(x.names), widths: make([]int, cols)}
}

// row appends a row: a string, an int, a float64 (two decimals) or a
// Ratio (a percentage, or its text when undefined) in each cell; style is
// that of the cells with no format of their own.
func (s *xlsxSheet) row(cells []any, style int) {
	s.n++
	fmt.Fprintf(&s.rows, `<row r="%d">`, s.n)
	for c, v := range cells {
		ref := xlsxColumn(c+1) + strconv.Itoa(s.n)
		switch x := v.(type) {
		case Ratio:
			if !x.Defined() {
				s.text(ref, x.Percent(), style)
			} else {
				s.number(ref, x.Value(), xlsxPercent)
			}
		case float64:
			s.number(ref, x, xlsxDecimal)
		case int:
			fmt.Fprintf(&s.rows, `<c r="%s"%s><v>%d</v></c>`, ref, styleAttr(style), x)
		case string:
			s.text(ref, x, style)
		default:
			s.text(ref, fmt.Sprint(v), style)
		}
		if c < len(s.widths) {
			s.widths[c] = max(s.widths[c], textWidth(cellText(v)))
		}
	}
	s.rows.WriteString(`</row>`)
}

func (s *xlsxSheet) number(ref string, v float64, style int) {
	fmt.Fprintf(&s.rows, `<c r="%s"%s><v>%s</v></c>`, ref, styleAttr(style), strconv.FormatFloat(v, 'f', -1, 64))
}

func (s *xlsxSheet) text(ref, v string, style int) {
	fmt.Fprintf(&s.rows, `<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, styleAttr(style), escapeXML(v))
}

func styleAttr(style int) string {
	if style == xlsxPlain {
		return ""
	}
	return ` s="` + strconv.Itoa(style) + `"`
}

// end writes the sheet: the header row frozen, the columns as wide as
// their widest text (at most 60), then the rows.
func (s *xlsxSheet) end() {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	selected := ""
	if s.index == 1 {
		selected = ` tabSelected="1"`
	}
	fmt.Fprintf(&b, `<sheetViews><sheetView%s workbookViewId="0">`+
		`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`+
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`, selected)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.widths) > 0 {
		b.WriteString(`<cols>`)
		for c, w := range s.widths {
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, c+1, c+1, min(w+2, 60))
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	b.WriteString(s.rows.String())
	b.WriteString(`</sheetData></worksheet>`)
	s.x.part(fmt.Sprintf("xl/worksheets/sheet%d.xml", s.index), b.String())
}

// close writes the workbook's other parts and ends the archive.
func (x *xlsxWriter) close() error {
	var types, sheets, rels strings.Builder
	for i, name := range x.names {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&sheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escapeXML(name), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
	}
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(x.names)+1)
	x.part("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		types.String()+
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`+
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`+
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`+
		`</Types>`)
	x.part("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`+
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`+
		`</Relationships>`)
	x.part("docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `+
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<dc:title>`+escapeXML(x.title)+`</dc:title><dc:creator>`+escapeXML(x.creator)+`</dc:creator>`+
		`<dc:language>`+escapeXML(x.lang)+`</dc:language></cp:coreProperties>`)
	x.part("docProps/app.xml", `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">`+
		`<Application>Bianmin</Application></Properties>`)
	x.part("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`+sheets.String()+`</sheets></workbook>`)
	x.part("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		rels.String()+`</Relationships>`)
	x.part("xl/styles.xml", xlsxStyles)
	if err := x.zw.Close(); x.err == nil {
		x.err = err
	}
	return x.err
}

// xlsxColumn is column n's letters (1: A, 27: AA).
func xlsxColumn(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// escapeXML is s as XML text (a character XML 1.0 forbids becomes U+FFFD).
func escapeXML(s string) string {
	var b strings.Builder
	w := bufio.NewWriter(&b)
	xml.EscapeText(w, []byte(s))
	w.Flush()
	return b.String()
}
