package data

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xlsxBook is an Excel workbook (Office Open XML, SpreadsheetML) written
// by hand: the few parts a report needs (sheets of text and numbers, a bold
// shaded header row kept in view, column widths, the title and author).
// The program used to link github.com/xuri/excelize/v2 for this, whose
// package init (formula tables, regular expressions; 1.3 MB) ran on every
// start of the kiosk for a report that staff export now and then. The
// tests read the workbooks back with excelize.
type xlsxBook struct {
	Title, Creator, Language string
	Sheets                   []xlsxSheet
}

// xlsxSheet is one sheet: its rows, the first one a header.
type xlsxSheet struct {
	Name   string
	Rows   [][]xlsxCell
	Widths []float64 // column widths in characters, from column A
}

// xlsxCell is a cell: text, or a number (IsNum) in one of the styles.
type xlsxCell struct {
	Text  string
	Num   float64
	IsNum bool
	Style xlsxStyle
}

// xlsxStyle is one of the workbook's cell styles (its cellXfs index).
type xlsxStyle int

const (
	xlsxPlain   xlsxStyle = iota // general
	xlsxHeader                   // bold on light blue
	xlsxPercent                  // 0.00%
	xlsxDecimal                  // 0.00
)

const (
	xmlHeader   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain      = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel    = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctSheetMain = "application/vnd.openxmlformats-officedocument.spreadsheetml"
)

// checkSheetName applies Excel's rules for a sheet name.
func checkSheetName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 31 || strings.ContainsAny(name, `[]:*?/\`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		return fmt.Errorf("sheet name %q: 1 to 31 characters, none of []:*?/\\", name)
	}
	return nil
}

// Write writes the workbook as an .xlsx file.
func (b *xlsxBook) Write(w io.Writer) error {
	if len(b.Sheets) == 0 {
		return fmt.Errorf("a workbook needs a sheet")
	}
	seen := map[string]bool{}
	for _, s := range b.Sheets {
		if err := checkSheetName(s.Name); err != nil {
			return err
		}
		key := strings.ToLower(s.Name)
		if seen[key] {
			return fmt.Errorf("sheet name %q twice", s.Name)
		}
		seen[key] = true
	}
	z := zip.NewWriter(w)
	part := func(name string, write func(w *bufio.Writer)) error {
		f, err := z.Create(name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		bw.WriteString(xmlHeader)
		write(bw)
		return bw.Flush()
	}
	strs := newSharedStrings()
	parts := []struct {
		name  string
		write func(w *bufio.Writer)
	}{
		{"[Content_Types].xml", b.contentTypes},
		{"_rels/.rels", func(w *bufio.Writer) {
			fmt.Fprintf(w, `<Relationships xmlns="%s">`, nsPkgRel)
			fmt.Fprintf(w, `<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>`, nsRel)
			fmt.Fprintf(w, `<Relationship Id="rId2" Type="%s/metadata/core-properties" Target="docProps/core.xml"/>`, nsPkgRel)
			w.WriteString(`</Relationships>`)
		}},
		{"docProps/core.xml", b.core},
		{"xl/workbook.xml", b.workbook},
		{"xl/_rels/workbook.xml.rels", b.workbookRels},
		{"xl/styles.xml", styles},
	}
	for i := range b.Sheets {
		s := &b.Sheets[i]
		parts = append(parts, struct {
			name  string
			write func(w *bufio.Writer)
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(w *bufio.Writer) { s.write(w, i == 0, strs) }})
	}
	for _, p := range parts {
		if err := part(p.name, p.write); err != nil {
			return err
		}
	}
	// The shared strings last: the sheets fill the table.
	if err := part("xl/sharedStrings.xml", strs.write); err != nil {
		return err
	}
	return z.Close()
}

func (b *xlsxBook) contentTypes(w *bufio.Writer) {
	w.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	w.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	w.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	fmt.Fprintf(w, `<Override PartName="/xl/workbook.xml" ContentType="%s.sheet.main+xml"/>`, ctSheetMain)
	for i := range b.Sheets {
		fmt.Fprintf(w, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%s.worksheet+xml"/>`, i+1, ctSheetMain)
	}
	fmt.Fprintf(w, `<Override PartName="/xl/styles.xml" ContentType="%s.styles+xml"/>`, ctSheetMain)
	fmt.Fprintf(w, `<Override PartName="/xl/sharedStrings.xml" ContentType="%s.sharedStrings+xml"/>`, ctSheetMain)
	w.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	w.WriteString(`</Types>`)
}

func (b *xlsxBook) core(w *bufio.Writer) {
	w.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem(w, "dc:title", b.Title)
	elem(w, "dc:creator", b.Creator)
	elem(w, "dc:language", b.Language)
	w.WriteString(`</cp:coreProperties>`)
}

func (b *xlsxBook) workbook(w *bufio.Writer) {
	fmt.Fprintf(w, `<workbook xmlns="%s" xmlns:r="%s">`, nsMain, nsRel)
	w.WriteString(`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range b.Sheets {
		w.WriteString(`<sheet name="`)
		xmlEscape(w, s.Name)
		fmt.Fprintf(w, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	w.WriteString(`</sheets></workbook>`)
}

func (b *xlsxBook) workbookRels(w *bufio.Writer) {
	fmt.Fprintf(w, `<Relationships xmlns="%s">`, nsPkgRel)
	for i := range b.Sheets {
		fmt.Fprintf(w, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
	}
	n := len(b.Sheets)
	fmt.Fprintf(w, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>`, n+1, nsRel)
	fmt.Fprintf(w, `<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, n+2, nsRel)
	w.WriteString(`</Relationships>`)
}

// styles writes the cell styles, in xlsxStyle order.
func styles(w *bufio.Writer) {
	fmt.Fprintf(w, `<styleSheet xmlns="%s">`, nsMain)
	w.WriteString(`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>`)
	w.WriteString(`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>`)
	w.WriteString(`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	w.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	w.WriteString(`<cellXfs count="4">` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>` +
		`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`</cellXfs>`)
	w.WriteString(`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
}

// write writes the sheet, its header row frozen.
func (s *xlsxSheet) write(w *bufio.Writer, selected bool, strs *sharedStrings) {
	fmt.Fprintf(w, `<worksheet xmlns="%s" xmlns:r="%s">`, nsMain, nsRel)
	w.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if selected {
		w.WriteString(` tabSelected="1"`)
	}
	w.WriteString(`><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	w.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.Widths) > 0 {
		w.WriteString(`<cols>`)
		for i, wd := range s.Widths {
			fmt.Fprintf(w, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
		}
		w.WriteString(`</cols>`)
	}
	w.WriteString(`<sheetData>`)
	for ri, row := range s.Rows {
		fmt.Fprintf(w, `<row r="%d">`, ri+1)
		for ci, c := range row {
			fmt.Fprintf(w, `<c r="%s"`, cellName(ci+1, ri+1))
			if c.Style != xlsxPlain {
				fmt.Fprintf(w, ` s="%d"`, c.Style)
			}
			if c.IsNum { // a number carries no type
				fmt.Fprintf(w, `><v>%s</v></c>`, strconv.FormatFloat(c.Num, 'f', -1, 64))
			} else {
				fmt.Fprintf(w, ` t="s"><v>%d</v></c>`, strs.index(c.Text))
			}
		}
		w.WriteString(`</row>`)
	}
	w.WriteString(`</sheetData></worksheet>`)
}

// cellName is the A1-style name of a cell (column and row from 1).
func cellName(col, row int) string {
	var letters []byte
	for col > 0 {
		col--
		letters = append([]byte{byte('A' + col%26)}, letters...)
		col /= 26
	}
	return string(letters) + strconv.Itoa(row)
}

// sharedStrings is the workbook's table of distinct texts.
type sharedStrings struct {
	ids   map[string]int
	list  []string
	count int // cells that refer to the table
}

func newSharedStrings() *sharedStrings { return &sharedStrings{ids: map[string]int{}} }

// index is t's place in the table, adding it if new.
func (s *sharedStrings) index(t string) int {
	s.count++
	if i, ok := s.ids[t]; ok {
		return i
	}
	s.ids[t] = len(s.list)
	s.list = append(s.list, t)
	return len(s.list) - 1
}

func (s *sharedStrings) write(w *bufio.Writer) {
	fmt.Fprintf(w, `<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, s.count, len(s.list))
	for _, t := range s.list {
		if strings.TrimSpace(t) != t {
			w.WriteString(`<si><t xml:space="preserve">`)
		} else {
			w.WriteString(`<si><t>`)
		}
		xmlEscape(w, t)
		w.WriteString(`</t></si>`)
	}
	w.WriteString(`</sst>`)
}

// elem writes <name>text</name>, nothing for empty text.
func elem(w *bufio.Writer, name, text string) {
	if text == "" {
		return
	}
	fmt.Fprintf(w, "<%s>", name)
	xmlEscape(w, text)
	fmt.Fprintf(w, "</%s>", name)
}

// xmlEscape writes s as XML text; a character XML cannot hold becomes
// U+FFFD.
func xmlEscape(w io.Writer, s string) { xml.EscapeText(w, []byte(s)) }
