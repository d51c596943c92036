package data

import (
	"strconv"
	"strings"
	"time"
)

// Term is an argument of a keyed message that is itself a word of the
// interface (a weekday, a handling mode, the kind of a JSON value): its key
// in the translations ("data.term.…") and its Chinese. The interface shows
// the translation of the key in place of the argument; data's own message
// already has the Chinese in it.
type Term struct{ Key, Zh string }

// String is the term's Chinese.
func (t Term) String() string { return t.Zh }

// weekdayTerm is the weekday d (周一 … 周日).
func weekdayTerm(d time.Weekday) Term {
	return Term{"data.term.weekday." + strconv.Itoa(int(d%7)), WeekdayName(d)}
}

// modeTerm is the handling mode m (直接办理 …).
func modeTerm(m Mode) Term { return Term{"data.term.mode." + string(m), m.Label()} }

// noticeTerm is the written notice k (承诺办结通知单 …).
func noticeTerm(k NoticeKind) Term { return Term{"data.term.notice." + string(k), k.Label()} }

// jsonKinds are the kinds of JSON value jsonKindTerm names, by key.
var jsonKinds = map[string]string{
	"text":   "文字（用英文双引号括起来）",
	"bool":   "true 或 false",
	"number": "数字",
	"time":   "时间（如 2026-01-05T09:00:00+08:00）",
	"file":   "文件内容（base64 文字）",
	"list":   "列表（用 [ ] 括起来）",
	"object": "对象（用 { } 括起来）",
}

// jsonKindTerm names what a JSON value of Go type typ is to be.
func jsonKindTerm(typ string) Term {
	kind := "object"
	switch {
	case typ == "string", strings.HasSuffix(typ, ".Role"), strings.HasSuffix(typ, "Kind"),
		strings.HasSuffix(typ, "Mode"), strings.HasSuffix(typ, "Form"), strings.HasSuffix(typ, "Category"),
		strings.HasSuffix(typ, "Audience"), strings.HasSuffix(typ, "Cadence"), strings.HasSuffix(typ, "Status"):
		kind = "text"
	case typ == "bool":
		kind = "bool"
	case strings.HasPrefix(typ, "int"), strings.HasPrefix(typ, "uint"), strings.HasPrefix(typ, "float"),
		typ == "time.Weekday":
		kind = "number"
	case typ == "time.Time":
		kind = "time"
	case typ == "[]uint8":
		kind = "file"
	case strings.HasPrefix(typ, "[]"):
		kind = "list"
	}
	return Term{"data.term.json." + kind, jsonKinds[kind]}
}

// termFields are the fields fieldTerm names, with their Chinese.
var termFields = map[string]string{"result": "处理结果", "reply": "答复内容", "until": "征求意见的截止日期", "day": "要查看的日期"}

// fieldTerm names the field (one of termFields), zh in Chinese.
func fieldTerm(field, zh string) Term { return Term{"data.term.field." + field, zh} }

// actionTerm is the step a (受理 …) as a verb.
func actionTerm(a Action) Term { return Term{"data.term.action." + string(a), a.verb()} }

// statusTerm is the status s of a request.
func statusTerm(s Status) Term { return Term{"data.term.status." + string(s), s.Label()} }
