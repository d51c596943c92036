package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The organisation as administrators keep it in staff mode (§一(一)1 机构设置
// 和人员信息): the center's profile (here), the windows with their A and B
// posts (window.go), and the staff with their photos, roles and PINs
// (staff.go, staff_photo.go).
//
// Every change is an administrator's, checked inside its transaction, and
// audited there. The rules are those of the catalog import (Center.Validate,
// Window.Validate, Staff.Validate and Catalog.Validate's references), plus
// those only an edit can break: one A and one B per window
// (OnePersonPerPostRule, WindowPostsRule), no post at a window out of
// service, no window stopped while it has staff or items (StopWindowRule),
// at least one administrator who can sign in (LastAdminRule), no staff
// member leaving with open requests in their name
// (NoLeavingWithOpenRequestsRule; §五: a request is never without an
// owner).

// Audit actions of the organisation. OrgAuditLabel names them.
const (
	AuditCenterEdit    = "center_edit"
	AuditWindowAdd     = "window_add"
	AuditWindowEdit    = "window_edit"
	AuditWindowPosts   = "window_posts"
	AuditWindowStop    = "window_stop"
	AuditWindowDelete  = "window_delete"
	AuditWindowRestart = "window_restart"
	AuditStaffAdd      = "staff_add"
	AuditStaffEdit     = "staff_edit"
	AuditStaffUnlock   = "staff_unlock"
)

// OrgAuditLabel is the Chinese name of an organisation audit action, "" for
// others.
func OrgAuditLabel(action string) string {
	switch action {
	case AuditCenterEdit:
		return "修改机构信息"
	case AuditWindowAdd:
		return "新增窗口"
	case AuditWindowEdit:
		return "修改窗口"
	case AuditWindowPosts:
		return "设置AB岗"
	case AuditWindowStop:
		return "停用窗口"
	case AuditWindowDelete:
		return "删除窗口"
	case AuditWindowRestart:
		return "恢复启用窗口"
	case AuditStaffAdd:
		return "新增工作人员"
	case AuditStaffEdit:
		return "修改工作人员信息"
	case AuditStaffUnlock:
		return "解除账号锁定"
	}
	return ""
}

// Limits of the organisation's texts, in characters.
const (
	MaxCenterNameRunes    = 60
	MaxShortNameRunes     = 30
	MaxAddressRunes       = 120
	MaxPhoneRunes         = 40
	MaxReportBoxRunes     = 200
	MaxOrganisationRunes  = 3000
	MaxRemedyRunes        = 600
	MaxURLRunes           = 200
	MaxWindowNameRunes    = 30
	MaxWindowDutiesRunes  = 1000
	MaxStaffPostRunes     = 40
	MaxStaffDutiesRunes   = 500
	MaxOfficeSessionsADay = 4
)

// msgAdminOnly is what a non-administrator hears.
const msgAdminOnly = "只有管理员可以修改机构、窗口和工作人员信息。"

// adminOf is actorOf for administrators only.
func adminOf(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	a, err := actorOf(ctx, tx, by)
	if err != nil {
		return a, err
	}
	if a.Role != RoleAdmin {
		return a, Invalid("session", msgAdminOnly)
	}
	return a, nil
}

var phonePattern = regexp.MustCompile(`^[0-9+()（）\- 、/转]*$`)

// phoneText cleans a phone number field: digits with "-", spaces,
// brackets, "+", "转" (extension) and "、" or "/" between numbers.
func phoneText(field, label, s string) (string, error) {
	s, err := Text(field, label, foldWidth(s, true), MaxPhoneRunes, false, false)
	if err != nil {
		return "", err
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if !phonePattern.MatchString(s) || (s != "" && digits < 3) {
		return "", Invalid(field, label+"只能填写数字和“-”，例如 0919-1234567；多个号码用“、”分开。")
	}
	return s, nil
}

// cleanCenter applies the rules of an edit to the profile: every text is
// cleaned (one line, except the organisation and the remedy wording) and
// limited, phones look like phones, the status page's address is a web
// address; then Center.Validate, the rules of the import.
func cleanCenter(c Center) (Center, error) {
	type field struct {
		p         *string
		key, name string
		max       int
		req, mult bool
	}
	for _, f := range []field{
		{&c.Name, "name", "服务室名称", MaxCenterNameRunes, true, false},
		{&c.ShortName, "short_name", "简称", MaxShortNameRunes, false, false},
		{&c.Address, "address", "地址", MaxAddressRunes, false, false},
		{&c.ReportBox, "report_box", "举报箱位置", MaxReportBoxRunes, false, false},
		{&c.Organisation, "organisation", "机构设置和工作职责", MaxOrganisationRunes, false, true},
		{&c.Remedy, "remedy", "救济途径（行政复议、行政诉讼）", MaxRemedyRunes, false, true},
		{&c.PublicBaseURL, "public_base_url", "手机查询网址", MaxURLRunes, false, false},
	} {
		v, err := Text(f.key, f.name, *f.p, f.max, f.req, f.mult)
		if err != nil {
			return c, err
		}
		*f.p = v
	}
	for _, f := range []struct {
		p         *string
		key, name string
	}{
		{&c.Phone, "phone", "咨询电话"},
		{&c.ComplaintPhone, "complaint_phone", "投诉电话"},
		{&c.ReportPhone, "report_phone", "举报电话"},
	} {
		v, err := phoneText(f.key, f.name, *f.p)
		if err != nil {
			return c, err
		}
		*f.p = v
	}
	c.ReceiptPrefix = strings.ToUpper(strings.TrimSpace(foldWidth(c.ReceiptPrefix, true)))
	if c.PublicBaseURL != "" {
		u, err := url.Parse(c.PublicBaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, Invalid("public_base_url", "手机查询网址应以 http:// 或 https:// 开头，例如 http://192.168.1.20:8080。")
		}
		c.PublicBaseURL = strings.TrimRight(c.PublicBaseURL, "/")
	}
	if c.ComplaintDays == 0 {
		return c, Invalid("complaint_days", "投诉办理时限应在1至60个工作日之间。")
	}
	perDay := map[time.Weekday]int{}
	for _, h := range c.Hours {
		perDay[h.Weekday]++
		if perDay[h.Weekday] > MaxOfficeSessionsADay {
			return c, Invalid("hours", fmt.Sprintf("%s最多填写%d段办公时间。", WeekdayName(h.Weekday), MaxOfficeSessionsADay))
		}
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	return c, overlapping(c.Hours)
}

// overlapping refuses two sessions of one weekday that overlap.
func overlapping(hours []OfficeHours) error {
	for i, a := range hours {
		for _, b := range hours[i+1:] {
			if a.Weekday == b.Weekday && a.Opens < b.Closes && b.Opens < a.Closes {
				return Invalid("hours", fmt.Sprintf("%s的办公时间 %s—%s 与 %s—%s 重叠，请核对。",
					WeekdayName(a.Weekday), a.Opens, a.Closes, b.Opens, b.Closes))
			}
		}
	}
	return nil
}

// WeekdayName is 周一 … 周日.
func WeekdayName(d time.Weekday) string {
	return [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[d%7]
}

var sessionPattern = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*[-—–~～至到]+\s*(\d{1,2}):(\d{2})$`)

// ParseDayHours reads one weekday's office hours as typed: sessions such as
// "08:30-12:00 14:30-17:30", separated by spaces, commas or "、"; "" is a
// day without office hours. Full-width digits and colons are folded, and
// 8:30 becomes 08:30.
func ParseDayHours(day time.Weekday, text string) ([]OfficeHours, error) {
	field := "hours." + itoa(int(day))
	text = strings.NewReplacer("：", ":", "，", " ", ",", " ", "、", " ", "；", " ", ";", " ").Replace(foldWidth(text, true))
	// Join "08:30 - 12:00" into one session before splitting on spaces.
	text = regexp.MustCompile(`\s*([-—–~～至到]+)\s*`).ReplaceAllString(text, "$1")
	var out []OfficeHours
	for _, part := range strings.Fields(text) {
		m := sessionPattern.FindStringSubmatch(part)
		if m == nil {
			return nil, Invalid(field, fmt.Sprintf("%s的办公时间“%s”看不懂，请写成 08:30-12:00 这样的形式，多段之间用空格分开。",
				WeekdayName(day), part))
		}
		h := OfficeHours{Weekday: day, Opens: pad2(m[1]) + ":" + m[2], Closes: pad2(m[3]) + ":" + m[4]}
		if err := h.Validate(); err != nil {
			ie := err.(*InvalidError)
			return nil, Invalid(field, WeekdayName(day)+"："+ie.Msg)
		}
		out = append(out, h)
	}
	return out, overlapping(out)
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// FormatDayHours is one weekday's sessions as ParseDayHours reads them.
func FormatDayHours(hours []OfficeHours, day time.Weekday) string {
	var parts []string
	for _, h := range hours {
		if h.Weekday == day {
			parts = append(parts, h.Opens+"-"+h.Closes)
		}
	}
	return strings.Join(parts, " ")
}

// PutCenter saves the center's profile: an administrator's edit, checked as
// the import checks it (and the rules of cleanCenter). The sample flag
// stays as it was. It is audited with the names of the fields changed.
func (s *Store) PutCenter(ctx context.Context, by Session, c Center) error {
	c, err := cleanCenter(c)
	if err != nil {
		return err
	}
	return s.tx(ctx, "put center", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		old, err := getCenter(ctx, tx)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		c.Sample = old.Sample
		changed := centerChanges(old, c)
		if len(changed) == 0 {
			return nil
		}
		if err := putCenter(ctx, tx, c); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditCenterEdit, "机构信息 "+c.Name,
			"修改了："+strings.Join(changed, "、"))
	})
}

// centerChanges names the fields that differ.
func centerChanges(a, b Center) []string {
	var out []string
	add := func(changed bool, name string) {
		if changed {
			out = append(out, name)
		}
	}
	add(a.Name != b.Name, "名称")
	add(a.ShortName != b.ShortName, "简称")
	add(a.ReceiptPrefix != b.ReceiptPrefix, "回执编号前缀")
	add(a.Address != b.Address, "地址")
	add(a.Phone != b.Phone, "咨询电话")
	add(a.ComplaintPhone != b.ComplaintPhone, "投诉电话")
	add(a.ReportPhone != b.ReportPhone, "举报电话")
	add(a.ReportBox != b.ReportBox, "举报箱位置")
	add(a.Organisation != b.Organisation, "机构设置和工作职责")
	add(a.Remedy != b.Remedy, "救济途径")
	add(a.PublicBaseURL != b.PublicBaseURL, "手机查询网址")
	add(a.ComplaintDays != b.ComplaintDays, "投诉办理时限")
	add(a.IdleSeconds != b.IdleSeconds, "自助机无操作返回时间")
	hours := func(c Center) string {
		var parts []string
		for d := time.Sunday; d <= time.Saturday; d++ {
			parts = append(parts, FormatDayHours(c.Hours, d))
		}
		return strings.Join(parts, "|")
	}
	add(hours(a) != hours(b), "办公时间")
	return out
}
