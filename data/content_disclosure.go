package data

// Content management of disclosures in staff mode (§一(三)–(五)): a new
// disclosure item, 预公开 with a last day for opinions, one item's state,
// and the Chinese names of categories and cadences the audit trail and the
// screens use. The life itself (draft, preview, publish, archive) is in
// publish.go.

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// AuditDisclosureNew is the audit action of creating a disclosure item.
const AuditDisclosureNew = "disclosure_new"

// DisclosureAuditLabel is the Chinese name of AuditDisclosureNew; "" for
// other actions.
func DisclosureAuditLabel(action string) string {
	if action == AuditDisclosureNew {
		return "新建公开事项"
	}
	return ""
}

// MaxPreviewDays is how far ahead the last day of a 预公开 may be.
const MaxPreviewDays = 90

// CategoryName is a category's Chinese name as §一 words it.
func CategoryName(c DisclosureCategory) string {
	switch c {
	case CatOrg:
		return "机构设置、工作职责、工作权限"
	case CatRules:
		return "便民措施、服务承诺、监督办法、管理制度"
	case CatGuide:
		return "办理事项与办理结果"
	case CatComplaint:
		return "投诉方式、投诉电话、处理结果"
	case CatOther:
		return "其他社会关心的事项"
	case CatIntegrity:
		return "廉洁自律情况"
	case CatAppraisal:
		return "考核考勤奖惩情况"
	case CatInternal:
		return "其他重要情况"
	}
	return string(c)
}

// CadenceName is a cadence's Chinese name (定期, 逐段, 随时).
func CadenceName(c Cadence) string {
	switch c {
	case CadenceRegular:
		return "定期公开"
	case CadencePhased:
		return "逐段公开"
	case CadenceAdhoc:
		return "随时公开"
	}
	return string(c)
}

// InternalCategories are the categories of 对内公开, in the regulation's
// order.
var InternalCategories = []DisclosureCategory{CatIntegrity, CatAppraisal, CatInternal}

// NewDisclosure creates a disclosure item with the draft of its first
// version. A code already in use is refused (SaveDraft edits an existing
// item). Administrators only.
func (s *Store) NewDisclosure(ctx context.Context, by Session, d DisclosureDraft) (DisclosureVersion, error) {
	return s.saveDraft(ctx, by, d, true)
}

var previewDayPattern = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParsePreviewEnd reads the last day of a 预公开 as typed: 2026-03-20,
// 2026/3/20, 2026.3.20 or 2026年3月20日 (full-width digits too).
func ParsePreviewEnd(text string) (time.Time, error) {
	return parseDayText("until", "征求意见的截止日期", text)
}

// ParseArchiveDay reads the day on which to look up the version of a
// disclosure in force (VersionAt), in the forms ParsePreviewEnd takes.
func ParseArchiveDay(text string) (time.Time, error) {
	return parseDayText("day", "要查看的日期", text)
}

func parseDayText(field, what, text string) (time.Time, error) {
	text = strings.TrimSpace(foldWidth(text, true))
	if text == "" {
		return time.Time{}, Invalid(field, "请填写"+what+"。")
	}
	m := previewDayPattern.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, Invalid(field, "请按“2026-03-20”这样的格式填写"+what+"。")
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, China)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, Invalid(field, fmt.Sprintf("%d年%d月%d日不是一个有效的日期，请检查。", y, mo, d))
	}
	return t, nil
}

// PreviewUntil puts a disclosure's draft on the kiosk for residents'
// opinions (预公开) until the end of the day last (China time): the kiosk
// shows it with a comment form through that day and takes no opinions
// after it. The day may be today, and at most MaxPreviewDays ahead. Only
// public items are previewed. Administrators only.
func (s *Store) PreviewUntil(ctx context.Context, by Session, code string, last time.Time) (DisclosureVersion, error) {
	if last.IsZero() {
		return DisclosureVersion{}, Invalid("until", "请填写征求意见的截止日期。")
	}
	day, today := Day(last), Day(s.now())
	if day < today {
		return DisclosureVersion{}, Invalid("until", "征求意见的截止日期不能早于今天，请重新填写。")
	}
	if day > Day(s.now().In(China).AddDate(0, 0, MaxPreviewDays)) {
		return DisclosureVersion{}, Invalid("until",
			fmt.Sprintf("征求意见的期限最长%d天，请把截止日期提前一些。", MaxPreviewDays))
	}
	return s.preview(ctx, by, code, day)
}

// DisclosureStateOf is one disclosure's state as DisclosureStates lists
// it; ErrNotFound for an unknown code. Staff mode only.
func (s *Store) DisclosureStateOf(ctx context.Context, code string) (DisclosureState, error) {
	var st DisclosureState
	err := s.read(ctx, "disclosure state", func(tx *sql.Tx) error {
		if code == "" {
			return ErrNotFound
		}
		states, err := disclosureStates(ctx, tx, code)
		if err != nil {
			return err
		}
		if len(states) == 0 {
			return ErrNotFound
		}
		st = states[0]
		return nil
	})
	return st, err
}

// parseDayOrZero reads a stored 'YYYY-MM-DD' day, zero if empty or bad.
func parseDayOrZero(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := ParseDay(v)
	if err != nil {
		return time.Time{}
	}
	return t
}
