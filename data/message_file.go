package data

import (
	"encoding/json"
	"fmt"
)

// The messages about files read in (catalog, calendar, backups) that
// several readers give, each keyed with what it names.

// unreadableFile is the refusal of a file that cannot be read.
func unreadableFile(field string, err error) *InvalidError {
	return Invalid(field, "文件无法读取："+err.Error()).keyed("data.file.unreadable", map[string]any{"Error": err.Error()})
}

// catalogTooBig refuses a catalog file of size bytes (< 0: unknown, over
// the limit).
func catalogTooBig(size int64) *InvalidError {
	const format = "目录文件太大（%s），最大允许 %d MB。请确认选择的是导出的目录文件；照片和样表请先压缩。"
	max := MaxCatalogBytes >> 20
	if size > MaxCatalogBytes && size <= MaxCatalogBytes+1 || size < 0 { // read up to the limit only
		return Invalid("", fmt.Sprintf(format, fmt.Sprintf("超过 %d MB", max), max)).
			keyed("data.catalog_input.tooBigOver", map[string]any{"Max": max})
	}
	mb := fmt.Sprintf("%.1f", float64(size)/(1<<20))
	return Invalid("", fmt.Sprintf(format, mb+" MB", max)).keyed("data.catalog_input.tooBig", map[string]any{"Size": mb, "Max": max})
}

// catalogTrailing: the catalog file goes on after its end, at line.
func catalogTrailing(line int) *InvalidError {
	return Invalid("", fmt.Sprintf("第%d行：文件在目录内容之后还有多余的内容。", line)).
		keyed("data.catalog.trailing", map[string]any{"Line": line})
}

// catalogFormatError refuses a catalog file of another format version.
func catalogFormatError(format int) *InvalidError {
	return Invalid("format", fmt.Sprintf("不支持的目录文件格式版本 %d（应为 %d）。", format, CatalogFormat)).
		keyed("data.catalog.format", map[string]any{"Format": format, "Want": CatalogFormat})
}

// photoMissing: the photo file a catalog names is not beside it.
func photoMissing(field, file string) *InvalidError {
	return Invalid(field, "找不到照片文件："+file+"。").keyed("data.catalog.photoMissing", map[string]any{"File": file})
}

// jsonSyntaxError is a JSON syntax error at line.
func jsonSyntaxError(line int, syn *json.SyntaxError) *InvalidError {
	return Invalid("", fmt.Sprintf("第%d行：JSON 格式错误（%s）。", line, syn.Error())).
		keyed("data.catalog.syntax", map[string]any{"Line": line, "Error": syn.Error()})
}

// typeError is a value of the wrong JSON type at field (a path; "" for
// the whole file), which should be of Go type typ.
func typeError(line int, field, typ string) *InvalidError {
	if field == "" {
		return Invalid(field, fmt.Sprintf("第%d行：目录文件应是一个 JSON 对象（以 { 开头），类型不对。", line)).
			keyed("data.catalog.notObjectType", map[string]any{"Line": line})
	}
	kind := jsonKindTerm(typ)
	return Invalid(field, fmt.Sprintf("第%d行：%s类型不对，应为%s。", line, catalogFieldLabel(field), kind.Zh)).
		keyed("data.catalog.type", map[string]any{"Line": line, "Field": field, "Kind": kind})
}

// unknownField is a field the file format does not have, at line.
func unknownField(line int, field string) *InvalidError {
	return Invalid(field, fmt.Sprintf("第%d行：不认识的字段 %q，请检查拼写。", line, field)).
		keyed("data.catalog.unknownField", map[string]any{"Line": line, "Field": field})
}

// calendarNotList: "calendar" at line is not a list.
func calendarNotList(line int) *InvalidError {
	return Invalid("calendar", fmt.Sprintf("第%d行：\"calendar\" 应是日期的列表（以 [ 开头）。", line)).
		keyed("data.calendar_file.notList", map[string]any{"Line": line})
}

// calendarTrailing: the calendar file goes on after its list, at line.
func calendarTrailing(line int) *InvalidError {
	return Invalid("file", fmt.Sprintf("第%d行：文件在日期列表之后还有多余的内容。", line)).
		keyed("data.calendar_file.trailing", map[string]any{"Line": line})
}

// noWindow: no window has the number code.
func noWindow(field, code string) *InvalidError {
	return Invalid(field, "没有编号为 "+code+" 的窗口。").keyed("data.catalog.noWindow", map[string]any{"Code": code})
}
