package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"time"
)

// Center is the service room's profile (§一(一)1, §一(五), §十1).
type Center struct {
	Name           string        `json:"name"`
	ShortName      string        `json:"short_name,omitempty"`
	ReceiptPrefix  string        `json:"receipt_prefix"`
	Address        string        `json:"address"`
	Phone          string        `json:"phone"`
	ComplaintPhone string        `json:"complaint_phone"`
	ReportPhone    string        `json:"report_phone,omitempty"`
	ReportBox      string        `json:"report_box,omitempty"`
	Organisation   string        `json:"organisation,omitempty"`
	Remedy         string        `json:"remedy,omitempty"`
	PublicBaseURL  string        `json:"public_base_url,omitempty"`
	ComplaintDays  int           `json:"complaint_days,omitempty"`
	IdleSeconds    int           `json:"idle_seconds,omitempty"`
	Hours          []OfficeHours `json:"hours"`
	Sample         bool          `json:"sample,omitempty"`
}

// OfficeHours is one opening session on a weekday (0 = Sunday).
type OfficeHours struct {
	Weekday time.Weekday `json:"weekday"`
	Opens   string       `json:"opens"`
	Closes  string       `json:"closes"`
}

var (
	hhmm         = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	prefixLetter = regexp.MustCompile(`^[A-Z]{1,6}$`)
)

// Validate checks the profile.
func (c *Center) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return Invalid("name", "请填写服务室名称。")
	}
	if !prefixLetter.MatchString(c.ReceiptPrefix) {
		return Invalid("receipt_prefix", "回执编号前缀应为1至6个大写英文字母，例如 WY。")
	}
	if c.ComplaintDays < 0 || c.ComplaintDays > 60 {
		return Invalid("complaint_days", "投诉办理时限应在0至60个工作日之间。")
	}
	if c.IdleSeconds != 0 && (c.IdleSeconds < 30 || c.IdleSeconds > 900) {
		return Invalid("idle_seconds", "无操作返回首页的时间应在30至900秒之间。")
	}
	for i, h := range c.Hours {
		if err := h.Validate(); err != nil {
			return err.(*InvalidError).Prefix("hours[" + itoa(i) + "]")
		}
	}
	return nil
}

// Validate checks one opening session.
func (h OfficeHours) Validate() error {
	if h.Weekday < time.Sunday || h.Weekday > time.Saturday {
		return Invalid("weekday", "星期应为0（周日）至6（周六）。")
	}
	if !hhmm.MatchString(h.Opens) || !hhmm.MatchString(h.Closes) {
		return Invalid("opens", "办公时间应写成 08:30 这样的24小时制时间。")
	}
	if h.Opens >= h.Closes {
		return Invalid("closes", "下班时间应晚于上班时间。")
	}
	return nil
}

// Center reads the service room's profile.
func (s *Store) Center(ctx context.Context) (Center, error) {
	return readValue(ctx, s, "center", func(tx *sql.Tx) (Center, error) { return getCenter(ctx, tx) })
}

func getCenter(ctx context.Context, tx *sql.Tx) (Center, error) {
	var c Center
	var sample int
	err := tx.QueryRowContext(ctx, `SELECT name, short_name, receipt_prefix, address, phone, complaint_phone,
		report_phone, report_box, organisation, remedy, public_base_url, complaint_days, idle_seconds, sample
		FROM center WHERE id = 1`).Scan(&c.Name, &c.ShortName, &c.ReceiptPrefix, &c.Address, &c.Phone,
		&c.ComplaintPhone, &c.ReportPhone, &c.ReportBox, &c.Organisation, &c.Remedy, &c.PublicBaseURL,
		&c.ComplaintDays, &c.IdleSeconds, &sample)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, err
	}
	c.Sample = sample == 1
	rows, err := tx.QueryContext(ctx, `SELECT weekday, opens, closes FROM office_hours ORDER BY weekday, opens`)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var h OfficeHours
		if err := rows.Scan(&h.Weekday, &h.Opens, &h.Closes); err != nil {
			return c, err
		}
		c.Hours = append(c.Hours, h)
	}
	return c, rows.Err()
}

func putCenter(ctx context.Context, tx queryer, c Center) error {
	if c.ComplaintDays == 0 {
		c.ComplaintDays = 10
	}
	if c.IdleSeconds == 0 {
		c.IdleSeconds = 90
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO center (id, name, short_name, receipt_prefix, address, phone,
		complaint_phone, report_phone, report_box, organisation, remedy, public_base_url, complaint_days,
		idle_seconds, sample) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
		receipt_prefix = excluded.receipt_prefix, address = excluded.address, phone = excluded.phone,
		complaint_phone = excluded.complaint_phone, report_phone = excluded.report_phone,
		report_box = excluded.report_box, organisation = excluded.organisation, remedy = excluded.remedy,
		public_base_url = excluded.public_base_url, complaint_days = excluded.complaint_days,
		idle_seconds = excluded.idle_seconds, sample = excluded.sample`,
		c.Name, c.ShortName, c.ReceiptPrefix, c.Address, c.Phone, c.ComplaintPhone, c.ReportPhone, c.ReportBox,
		c.Organisation, c.Remedy, c.PublicBaseURL, c.ComplaintDays, c.IdleSeconds, boolInt(c.Sample))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM office_hours`); err != nil {
		return err
	}
	for _, h := range c.Hours {
		if _, err := tx.ExecContext(ctx, `INSERT INTO office_hours (weekday, opens, closes) VALUES (?, ?, ?)`,
			int(h.Weekday), h.Opens, h.Closes); err != nil {
			return err
		}
	}
	return nil
}

// read runs fn in a read-only transaction: one consistent snapshot. The
// driver begins ReadOnly transactions with a deferred BEGIN (not the
// immediate one writes use), so WAL readers never wait for the write lock.
func (s *Store) read(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		if errors.Is(err, ErrNotFound) {
			return err
		}
		return mapErr(op, err)
	}
	return nil
}

func itoa(i int) string {
	const digits = "0123456789"
	if i >= 0 && i < 10 {
		return digits[i : i+1]
	}
	var b []byte
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		b = append([]byte{digits[i%10]}, b...)
		i /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
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
			return c, Invalid("hours", fmt.Sprintf("%s最多填写%d段办公时间。", WeekdayName(h.Weekday), MaxOfficeSessionsADay)).
				keyed("data.center.sessions", map[string]any{"Weekday": weekdayTerm(h.Weekday), "Max": MaxOfficeSessionsADay})
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
					WeekdayName(a.Weekday), a.Opens, a.Closes, b.Opens, b.Closes)).keyed("data.center.overlap",
					map[string]any{"Weekday": weekdayTerm(a.Weekday), "From": a.Opens, "To": a.Closes, "OtherFrom": b.Opens, "OtherTo": b.Closes})
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
				WeekdayName(day), part)).keyed("data.center.hoursText", map[string]any{"Weekday": weekdayTerm(day), "Text": part})
		}
		h := OfficeHours{Weekday: day, Opens: pad2(m[1]) + ":" + m[2], Closes: pad2(m[3]) + ":" + m[4]}
		if err := h.Validate(); err != nil {
			ie := err.(*InvalidError)
			return nil, Invalid(field, WeekdayName(day)+"："+ie.Msg).
				keyed("data.center.dayHours", map[string]any{"Weekday": weekdayTerm(day), "Msg": ie})
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
	return s.txAs(ctx, "put center", by, adminOf, func(tx *sql.Tx, actor Session) error {
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

// centerLabels name the fields of Center, by their JSON name, in the audit
// log when they are changed.
var centerLabels = map[string]string{
	"name": "名称", "short_name": "简称", "receipt_prefix": "回执编号前缀", "address": "地址", "phone": "咨询电话",
	"complaint_phone": "投诉电话", "report_phone": "举报电话", "report_box": "举报箱位置",
	"organisation": "机构设置和工作职责", "remedy": "救济途径", "public_base_url": "手机查询网址",
	"complaint_days": "投诉办理时限", "idle_seconds": "自助机无操作返回时间",
}

// centerChanges names the fields that differ: those of centerLabels in
// the order of Center, then the office hours (compared as shown, whatever
// their order).
func centerChanges(a, b Center) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		name, _, _ := strings.Cut(va.Type().Field(i).Tag.Get("json"), ",")
		if label := centerLabels[name]; label != "" && !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, label)
		}
	}
	hours := func(c Center) string {
		var parts []string
		for d := time.Sunday; d <= time.Saturday; d++ {
			parts = append(parts, FormatDayHours(c.Hours, d))
		}
		return strings.Join(parts, "|")
	}
	if hours(a) != hours(b) {
		out = append(out, "办公时间")
	}
	return out
}
