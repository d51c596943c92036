package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FieldRule is a simple rule an administrator sets on an intake field,
// checked when a resident registers (at the kiosk) or staff register at
// the window: a number within a range, or a date at least some months
// before the day of registration (居住证: 需在本地居住满半年 is a date
// field "来本地居住的日期" with MinMonthsAgo 6). Message says the
// requirement in the guide's words and is added to the message a resident
// reads. The zero rule checks nothing.
type FieldRule struct {
	Min          *float64 `json:"min,omitempty"`            // number: at least
	Max          *float64 `json:"max,omitempty"`            // number: at most
	MinMonthsAgo int      `json:"min_months_ago,omitempty"` // date: on or before today less this many months
	Message      string   `json:"message,omitempty"`        // e.g. 需在本地居住满半年
}

// MaxRuleMonths bounds MinMonthsAgo (100 years).
const MaxRuleMonths = 1200

// IsZero reports whether the rule checks nothing.
func (r FieldRule) IsZero() bool {
	return r.Min == nil && r.Max == nil && r.MinMonthsAgo == 0 && r.Message == ""
}

// validateRule checks a rule against its field's kind.
func (r FieldRule) validate(kind FieldKind) error {
	switch {
	case (r.Min != nil || r.Max != nil) && kind != KindNumber:
		return Invalid("rule", "只有数字登记项可以设置取值范围。")
	case r.MinMonthsAgo != 0 && kind != KindDate:
		return Invalid("rule", "只有日期登记项可以设置“至少早于登记日若干个月”。")
	case r.MinMonthsAgo < 0 || r.MinMonthsAgo > MaxRuleMonths:
		return Invalid("rule", fmt.Sprintf("月数应在1至%d之间。", MaxRuleMonths)).
			keyed("data.field_rule.months", map[string]any{"Max": MaxRuleMonths})
	case r.Min != nil && r.Max != nil && *r.Min > *r.Max:
		return Invalid("rule", "最小值不能大于最大值。")
	case len([]rune(r.Message)) > 60:
		return Invalid("rule", "规则说明请控制在60字以内。")
	}
	return nil
}

// Check applies the rule to a value already in its stored form (a number
// as numberValue writes it, a date as YYYY-MM-DD); "" (not given) passes.
// today is the day of registration (China time).
func (r FieldRule) Check(label, value string, today time.Time) error {
	if value == "" {
		return nil
	}
	why := ""
	if m := strings.TrimSpace(r.Message); m != "" {
		why = "（" + strings.TrimRight(m, "。") + "）"
	}
	if r.Min != nil || r.Max != nil {
		n, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return invalidf("", msgNumber, label)
		}
		switch {
		case r.Min != nil && r.Max != nil && (n < *r.Min || n > *r.Max):
			return Invalid("", fmt.Sprintf("“%s”应在%s至%s之间%s，请核对后重新填写。", label, num(*r.Min), num(*r.Max), why)).
				keyed("data.field_rule.range", map[string]any{"Label": label, "Min": num(*r.Min), "Max": num(*r.Max), "Why": why})
		case r.Min != nil && n < *r.Min:
			return Invalid("", fmt.Sprintf("“%s”不能小于%s%s，请核对后重新填写。", label, num(*r.Min), why)).
				keyed("data.field_rule.min", map[string]any{"Label": label, "Min": num(*r.Min), "Why": why})
		case r.Max != nil && n > *r.Max:
			return Invalid("", fmt.Sprintf("“%s”不能大于%s%s，请核对后重新填写。", label, num(*r.Max), why)).
				keyed("data.field_rule.max", map[string]any{"Label": label, "Max": num(*r.Max), "Why": why})
		}
	}
	if r.MinMonthsAgo > 0 {
		d, err := ParseDay(value)
		if err != nil {
			return invalidf("", msgDateInvalid, label)
		}
		if latest := LatestDayMonthsAgo(today, r.MinMonthsAgo); Day(d) > Day(latest) {
			return Invalid("", fmt.Sprintf("“%s”应在%s或更早%s，请核对后重新填写。", label, dateZH(latest), why)).
				keyed("data.field_rule.before", map[string]any{"Label": label, "Date": Day(latest), "Why": why})
		}
	}
	return nil
}

// LatestDayMonthsAgo is the last day that is at least months before the
// day of today (China time): 2026-12-07 less 6 months is 2026-06-07; from
// a 31st, a shorter month's last day (2026-08-31 less 6 is 2026-02-28).
func LatestDayMonthsAgo(today time.Time, months int) time.Time {
	t := today.In(China)
	y, m, d := t.Date()
	first := time.Date(y, m-time.Month(months), 1, 0, 0, 0, 0, China)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, China)
}

// num writes a rule's bound as people write it: 6, 0.5.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// CleanValue is ValidateFieldValue and then the field's rule: the value in
// its stored form, or an *InvalidError with the message a resident reads.
func (f *IntakeField) CleanValue(value string, today time.Time) (string, error) {
	v, err := ValidateFieldValue(string(f.Kind), f.Options, f.Required, f.Label, value)
	if err != nil {
		return "", err
	}
	if today.IsZero() {
		today = time.Now()
	}
	if err := f.Rule.Check(f.Label, v, today); err != nil {
		return "", err
	}
	return v, nil
}
