package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Reading an import file of the working-day calendar (see calendar_edit.go
// for the format).

// ParseCalendarFile reads an import file (JSON or text, see the top of
// calendar_edit.go) and checks every entry. A problem is refused with its
// line and a message saying what to fix; nothing is returned with it.
func ParseCalendarFile(r io.Reader) ([]CalendarDay, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxCalendarFileBytes+1))
	if err != nil {
		return nil, unreadableFile("file", err)
	}
	if len(raw) > MaxCalendarFileBytes {
		return nil, Invalid("file", "文件过大，节假日安排文件通常只有几千字节。请检查是否选错了文件。")
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		return nil, Invalid("file", "文件不是 UTF-8 编码的文本。请用记事本等软件另存为 UTF-8 编码后再导入。")
	}
	var days []CalendarDay
	var lines []int
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') {
		days, lines, err = parseCalendarJSON(raw)
	} else {
		days, lines, err = parseCalendarText(raw)
	}
	if err != nil {
		return nil, err
	}
	if len(days) == 0 {
		return nil, Invalid("file", "文件中没有任何日期。请检查是否选错了文件。")
	}
	if len(days) > MaxCalendarFileDays {
		return nil, Invalid("file", fmt.Sprintf("文件中的日期超过 %d 条，一年的节假日安排不会这么多。请检查文件。", MaxCalendarFileDays)).
			keyed("data.calendar_file.tooMany", map[string]any{"Max": MaxCalendarFileDays})
	}
	seen := map[string]int{}
	for i := range days {
		at := fmt.Sprintf("第%d行：", lines[i])
		d, err := checkFileDay(days[i])
		if err != nil {
			ie := err.(*InvalidError)
			return nil, Invalid(fmt.Sprintf("line %d.%s", lines[i], ie.Field), at+ie.Msg).
				keyed("data.calendar_file.line", map[string]any{"Line": lines[i], "Msg": ie})
		}
		if first, ok := seen[d.Day]; ok {
			return nil, Invalid(fmt.Sprintf("line %d.day", lines[i]),
				fmt.Sprintf("%s%s 在第%d行已经出现过，同一天只能写一次。", at, d.Day, first)).
				keyed("data.calendar_file.twice", map[string]any{"Line": lines[i], "Day": d.Day, "First": first})
		}
		seen[d.Day] = lines[i]
		days[i] = d
	}
	return days, nil
}

// checkFileDay checks one entry of an import file and returns it cleaned.
func checkFileDay(d CalendarDay) (CalendarDay, error) {
	t, err := ParseDay(d.Day)
	if err != nil {
		return d, Invalid("day", "日期“"+d.Day+"”不对，应写成 2027-01-01 这样的格式。").
			keyed("data.calendar_file.day", map[string]any{"Day": d.Day})
	}
	if y := t.Year(); y < calendarFirstYear || y > calendarLastYear {
		return d, Invalid("day", "日期“"+d.Day+"”的年份不对，请核对。").keyed("data.calendar_file.year", map[string]any{"Day": d.Day})
	}
	switch d.Kind {
	case DayHoliday:
	case DayWorkday:
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return d, Invalid("kind", d.Day+"是"+weekdayCN(t)+"，本来就是工作日，不能标为调休上班。请核对日期。").
				keyed("data.calendar_file.workday", map[string]any{"Day": d.Day, "Weekday": weekdayTerm(t.In(China).Weekday())})
		}
	default:
		return d, Invalid("kind", "类型“"+d.Kind+"”不对，应为 holiday（放假）或 workday（调休上班）。").
			keyed("data.calendar_file.kind", map[string]any{"Kind": d.Kind})
	}
	name, err := Text("name", "名称", d.Name, MaxCalendarNameRunes, false, false)
	if err != nil {
		return d, err
	}
	d.Name = name
	return d, nil
}

// parseCalendarJSON reads the JSON form: an array of entries, or an object
// with a "calendar" array (other members are skipped). It returns the line
// of each entry.
func parseCalendarJSON(raw []byte) ([]CalendarDay, []int, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, jsonError(raw, err)
	}
	var days []CalendarDay
	var lines []int
	// entries reads the entries of an array whose [ has been read, and its ].
	entries := func() error {
		for dec.More() {
			line := lineOf(raw, skipJSONSpace(raw, dec.InputOffset()))
			var d CalendarDay
			if err := dec.Decode(&d); err != nil {
				return jsonError(raw, err)
			}
			days, lines = append(days, d), append(lines, line)
		}
		if _, err := dec.Token(); err != nil {
			return jsonError(raw, err)
		}
		return nil
	}
	switch tok {
	case json.Delim('['):
		if err := entries(); err != nil {
			return nil, nil, err
		}
	case json.Delim('{'):
		found := false
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, nil, jsonError(raw, err)
			}
			if key != "calendar" {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return nil, nil, jsonError(raw, err)
				}
				continue
			}
			found = true
			if tok, err := dec.Token(); err != nil {
				return nil, nil, jsonError(raw, err)
			} else if tok != json.Delim('[') {
				return nil, nil, calendarNotList(lineOf(raw, dec.InputOffset()))
			}
			if err := entries(); err != nil {
				return nil, nil, err
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, nil, jsonError(raw, err)
		}
		if !found {
			return nil, nil, Invalid("calendar", "文件中没有 \"calendar\" 部分（节假日的列表）。")
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, calendarTrailing(lineOf(raw, dec.InputOffset()))
	}
	return days, lines, nil
}

// skipJSONSpace is the offset of the next value at or after off.
func skipJSONSpace(raw []byte, off int64) int64 {
	for off < int64(len(raw)) {
		switch raw[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// parseCalendarText reads the text form, one day a line.
func parseCalendarText(raw []byte) ([]CalendarDay, []int, error) {
	var days []CalendarDay
	var lines []int
	first := true
	for i, line := range strings.Split(string(raw), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//") {
			continue
		}
		fields := splitCalendarLine(line)
		if first {
			first = false
			if h := strings.ToLower(fields[0]); h == "day" || h == "date" || h == "日期" {
				continue // column names
			}
		}
		if len(fields) < 2 || len(fields) > 3 {
			return nil, nil, Invalid(fmt.Sprintf("line %d", n),
				fmt.Sprintf("第%d行：每行应写“日期,类型,名称”，例如“2027-01-01,holiday,元旦”。", n)).
				keyed("data.calendar_file.columns", map[string]any{"Line": n})
		}
		d := CalendarDay{Day: fields[0], Kind: textKind(fields[1])}
		if t, ok := looseDay(fields[0]); ok {
			d.Day = Day(t)
		}
		if len(fields) == 3 {
			d.Name = fields[2]
		}
		days, lines = append(days, d), append(lines, n)
	}
	return days, lines, nil
}

// splitCalendarLine splits a text line at commas (also "，"), tabs or, if
// it has none, runs of spaces.
func splitCalendarLine(line string) []string {
	var fields []string
	if strings.ContainsAny(line, ",，\t") {
		fields = strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '，' || r == '\t' })
		if len(fields) == 0 {
			fields = []string{""}
		}
	} else {
		fields = strings.Fields(line)
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields
}

// textKind maps the kinds a person may write to the stored ones; anything
// else is returned as written (and refused by checkFileDay).
func textKind(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "holiday", "off", "休", "放假", "假", "节假日", "法定节假日":
		return DayHoliday
	case "workday", "work", "on", "班", "上班", "调休", "调休上班":
		return DayWorkday
	}
	return v
}

// looseDay reads 2027-01-01, 2027-1-1, 2027/1/1 or 2027.1.1.
func looseDay(v string) (time.Time, bool) {
	v = strings.NewReplacer("/", "-", ".", "-").Replace(strings.TrimSpace(v))
	t, err := time.ParseInLocation("2006-1-2", v, China)
	return t, err == nil
}
