package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // staff photos may be PNG files
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/image/draw"
)

// The organisation as administrators keep it in staff mode (issue 6 §4,
// §一(一)1 机构设置和人员信息): the center's profile, the windows with their
// A and B posts, and the staff with their photos, roles and PINs.
//
// Every change is an administrator's, checked inside its transaction, and
// audited there. The rules are those of the catalog import (Center.Validate,
// Window.Validate, Staff.Validate and Catalog.Validate's references), plus
// those only an edit can break: one A and one B per window, no post at a
// window out of service, at least one administrator who can sign in, no
// staff member leaving with open requests in their name (§五: a request is
// never without an owner).

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

var _ = registerAudit(OrgAuditLabel, AuditCenterEdit, AuditWindowAdd, AuditWindowEdit, AuditWindowPosts,
	AuditWindowStop, AuditWindowDelete, AuditWindowRestart, AuditStaffAdd, AuditStaffEdit, AuditStaffUnlock)

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

// OrgWindow is a window as the administration lists it: in service or not,
// its A and B posts, and what refers to it.
type OrgWindow struct {
	Window
	AID, BID     int64 // 0 when the post is not set
	AName, BName string
	Staff        int // active staff posted at the window (A, B or neither)
	Items        int // active service items it leads or joins
	Requests     int // requests that name it, ever
}

// OrgWindows lists every window, those out of service last.
func (s *Store) OrgWindows(ctx context.Context) ([]OrgWindow, error) {
	var out []OrgWindow
	err := s.read(ctx, "org windows", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT w.id, w.code, w.name, w.duties, w.active,
			coalesce((SELECT id FROM staff WHERE window_id = w.id AND ab = 'A' AND active = 1 ORDER BY ord, id LIMIT 1), 0),
			coalesce((SELECT name FROM staff WHERE window_id = w.id AND ab = 'A' AND active = 1 ORDER BY ord, id LIMIT 1), ''),
			coalesce((SELECT id FROM staff WHERE window_id = w.id AND ab = 'B' AND active = 1 ORDER BY ord, id LIMIT 1), 0),
			coalesce((SELECT name FROM staff WHERE window_id = w.id AND ab = 'B' AND active = 1 ORDER BY ord, id LIMIT 1), ''),
			(SELECT count(*) FROM staff WHERE window_id = w.id AND active = 1),
			(SELECT count(*) FROM item_windows iw JOIN items i ON i.id = iw.item_id WHERE iw.window_id = w.id AND i.active = 1),
			(SELECT count(*) FROM requests WHERE window_id = w.id)
			FROM windows w ORDER BY w.active DESC, w.ord, w.code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w OrgWindow
			if err := rows.Scan(&w.ID, &w.Code, &w.Name, &w.Duties, &w.Active, &w.AID, &w.AName, &w.BID, &w.BName,
				&w.Staff, &w.Items, &w.Requests); err != nil {
				return err
			}
			out = append(out, w)
		}
		return rows.Err()
	})
	return out, err
}

// cleanWindow cleans a window's texts and applies Window.Validate.
func cleanWindow(w Window) (Window, error) {
	w.Code = strings.TrimSpace(foldWidth(w.Code, true))
	var err error
	if w.Name, err = Text("name", "窗口名称", w.Name, MaxWindowNameRunes, true, false); err != nil {
		return w, err
	}
	if w.Duties, err = Text("duties", "服务内容", w.Duties, MaxWindowDutiesRunes, false, true); err != nil {
		return w, err
	}
	return w, w.Validate()
}

// PutWindow adds a window (w.ID 0, placed last) or changes one's number,
// name and services. The number must not be another window's. It returns
// the window's id.
func (s *Store) PutWindow(ctx context.Context, by Session, w Window) (int64, error) {
	w, err := cleanWindow(w)
	if err != nil {
		return 0, err
	}
	err = s.tx(ctx, "put window", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if err := codeFree(ctx, tx, `SELECT id FROM windows WHERE code = ? AND id != ?`, w.Code, w.ID,
			"窗口编号 "+w.Code+" 已被其他窗口使用，请换一个编号。"); err != nil {
			return err
		}
		at := s.stamp()
		if w.ID == 0 {
			w.ID, err = upsertID(ctx, tx, `INSERT INTO windows (code, name, duties, ord, active)
				VALUES (?, ?, ?, (SELECT coalesce(max(ord), -1) + 1 FROM windows), 1) RETURNING id`, w.Code, w.Name, w.Duties)
			if err != nil {
				return err
			}
			return audit(ctx, tx, at, actor.StaffID, AuditWindowAdd, windowTarget(w.Code, w.Name), w.Duties)
		}
		var old Window
		err = tx.QueryRowContext(ctx, `SELECT code, name, duties FROM windows WHERE id = ?`, w.ID).
			Scan(&old.Code, &old.Name, &old.Duties)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("window", "找不到该窗口，可能已被删除，请刷新后重试。")
		}
		if err != nil {
			return err
		}
		var changed []string
		if old.Code != w.Code {
			changed = append(changed, "编号 "+old.Code+" → "+w.Code)
		}
		if old.Name != w.Name {
			changed = append(changed, "名称 "+old.Name+" → "+w.Name)
		}
		if old.Duties != w.Duties {
			changed = append(changed, "服务内容")
		}
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE windows SET code = ?, name = ?, duties = ? WHERE id = ?`,
			w.Code, w.Name, w.Duties, w.ID); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditWindowEdit, windowTarget(w.Code, w.Name),
			"修改了："+strings.Join(changed, "；"))
	})
	return w.ID, err
}

func windowTarget(code, name string) string { return "窗口 " + code + " " + name }

// windowByID reads a window's number, name and state; a window gone is
// the message to refresh.
func windowByID(ctx context.Context, tx *sql.Tx, id int64) (code, name string, active bool, err error) {
	err = tx.QueryRowContext(ctx, `SELECT code, name, active FROM windows WHERE id = ?`, id).Scan(&code, &name, &active)
	if errors.Is(err, sql.ErrNoRows) {
		err = Invalid("window", "找不到该窗口，可能已被删除，请刷新后重试。")
	}
	return code, name, active, err
}

// codeFree refuses, with msg, a number (工号 or window number) that query
// finds on another record than id.
func codeFree(ctx context.Context, tx *sql.Tx, query, code string, id int64, msg string) error {
	var other int64
	err := tx.QueryRowContext(ctx, query, code, id).Scan(&other)
	switch {
	case err == nil:
		return Invalid("code", msg)
	case errors.Is(err, sql.ErrNoRows):
		return nil
	}
	return err
}

// SetWindowPosts puts staff aID at the window's A post and bID at its B
// post (0: the post stays empty). A person chosen moves to this window if
// they were at another; whoever held the post before stays at the window
// without a post. A and B are two different active people; the window
// must be in service.
func (s *Store) SetWindowPosts(ctx context.Context, by Session, windowID, aID, bID int64) error {
	if aID != 0 && aID == bID {
		return Invalid("b", "A岗和B岗不能是同一个人，请为B岗另选一位工作人员。")
	}
	return s.tx(ctx, "window posts", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		code, name, active, err := windowByID(ctx, tx, windowID)
		if err != nil {
			return err
		}
		if !active {
			return Invalid("window", "该窗口已停用，不能设置AB岗。如需使用，请先恢复启用。")
		}
		var detail []string
		for _, p := range []struct {
			post string
			id   int64
		}{{"A", aID}, {"B", bID}} {
			var holder int64
			var holderName string
			err := tx.QueryRowContext(ctx, `SELECT id, name FROM staff WHERE window_id = ? AND ab = ? AND active = 1
				ORDER BY ord, id LIMIT 1`, windowID, p.post).Scan(&holder, &holderName)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if holder == p.id {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET ab = '' WHERE window_id = ? AND ab = ?`, windowID, p.post); err != nil {
				return err
			}
			if p.id == 0 {
				detail = append(detail, p.post+"岗："+holderName+" → 空缺")
				continue
			}
			var who string
			var wasWindow sql.NullInt64
			var wasAB string
			err = tx.QueryRowContext(ctx, `SELECT name, window_id, ab FROM staff WHERE id = ? AND active = 1`, p.id).
				Scan(&who, &wasWindow, &wasAB)
			if errors.Is(err, sql.ErrNoRows) {
				return Invalid(strings.ToLower(p.post), "找不到所选的工作人员，或其已停用，请重新选择。")
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET window_id = ?, ab = ? WHERE id = ?`, windowID, p.post, p.id); err != nil {
				return err
			}
			d := p.post + "岗：" + orNone(holderName) + " → " + who
			if wasWindow.Valid && wasWindow.Int64 != windowID {
				var from string
				_ = tx.QueryRowContext(ctx, `SELECT name FROM windows WHERE id = ?`, wasWindow.Int64).Scan(&from)
				d += "（由" + from + "调入）"
			}
			detail = append(detail, d)
		}
		if len(detail) == 0 {
			return nil
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditWindowPosts, windowTarget(code, name), strings.Join(detail, "；"))
	})
}

func orNone(name string) string {
	if name == "" {
		return "空缺"
	}
	return name
}

// StopWindow takes a window out of service. A window that no request,
// complaint or request step ever named is deleted instead (deleted true);
// otherwise it stays on record, inactive, so that its requests and reports
// keep its name. Either way it must first lose its staff and its service
// items: the message says which.
func (s *Store) StopWindow(ctx context.Context, by Session, windowID int64) (deleted bool, err error) {
	err = s.tx(ctx, "stop window", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		code, name, active, err := windowByID(ctx, tx, windowID)
		if err != nil {
			return err
		}
		if !active {
			return nil
		}
		var staff []string
		if err := collect(ctx, tx, &staff, `SELECT name FROM staff WHERE window_id = ? AND active = 1 ORDER BY ord, id`,
			windowID); err != nil {
			return err
		}
		if len(staff) > 0 {
			return Invalid("window", "该窗口还有工作人员："+strings.Join(staff, "、")+"。请先把他们调到其他窗口，再停用本窗口。")
		}
		var items []string
		if err := collect(ctx, tx, &items, `SELECT i.name FROM item_windows iw JOIN items i ON i.id = iw.item_id
			WHERE iw.window_id = ? AND i.active = 1 ORDER BY i.ord, i.id`, windowID); err != nil {
			return err
		}
		if len(items) > 0 {
			shown := items[:min(len(items), 3)]
			more := ""
			if len(items) > 3 {
				more = fmt.Sprintf("等%d项", len(items))
			}
			return Invalid("window", "该窗口还负责“"+strings.Join(shown, "”“")+"”"+more+
				"事项。请先在“服务事项”中把这些事项改由其他窗口办理，再停用本窗口。")
		}
		var refs int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM requests WHERE window_id = ?)
			+ (SELECT count(*) FROM request_events WHERE window_id = ?) + (SELECT count(*) FROM request_parts WHERE window_id = ?)
			+ (SELECT count(*) FROM complaints WHERE window_id = ?) + (SELECT count(*) FROM item_windows WHERE window_id = ?)`,
			windowID, windowID, windowID, windowID, windowID).Scan(&refs); err != nil {
			return err
		}
		at := s.stamp()
		if refs == 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET window_id = NULL, ab = '' WHERE window_id = ?`, windowID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM windows WHERE id = ?`, windowID); err != nil {
				return err
			}
			deleted = true
			return audit(ctx, tx, at, actor.StaffID, AuditWindowDelete, windowTarget(code, name), "未办理过业务，直接删除")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE windows SET active = 0 WHERE id = ?`, windowID); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditWindowStop, windowTarget(code, name),
			fmt.Sprintf("有%d条办件、投诉或办理记录涉及该窗口，停用后记录保留", refs))
	})
	return deleted, err
}

// RestartWindow puts a window out of service back in service.
func (s *Store) RestartWindow(ctx context.Context, by Session, windowID int64) error {
	return s.tx(ctx, "restart window", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		code, name, active, err := windowByID(ctx, tx, windowID)
		if err != nil || active {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE windows SET active = 1 WHERE id = ?`, windowID); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditWindowRestart, windowTarget(code, name), "")
	})
}

// StaffRecord is a staff member as the administration lists them.
type StaffRecord struct {
	Staff
	WindowName  string
	HasPIN      bool
	LockedUntil time.Time // zero unless locked out now
	OpenOwned   int       // open requests in their name
}

// OrgStaff lists every staff member, active first, by window and post. The
// lockout is as of the store's clock.
func (s *Store) OrgStaff(ctx context.Context) ([]StaffRecord, error) {
	var out []StaffRecord
	now := s.now()
	err := s.read(ctx, "org staff", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.id, s.code, s.name, s.photo, s.post, s.duties, coalesce(w.code, ''),
			coalesce(w.name, ''), s.ab, s.role, s.active, s.sample, s.phone, s.pin_hash != '',
			coalesce(l.locked_until, ''),
			(SELECT count(*) FROM requests r WHERE r.owner_id = s.id AND r.status NOT IN ('finished', 'refused', 'withdrawn'))
			FROM staff s LEFT JOIN windows w ON w.id = s.window_id LEFT JOIN staff_lockouts l ON l.staff_id = s.id
			ORDER BY s.active DESC, w.id IS NULL, coalesce(w.ord, 0), CASE s.ab WHEN 'A' THEN 0 WHEN 'B' THEN 1 ELSE 2 END,
			s.ord, s.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r StaffRecord
			var until string
			if err := rows.Scan(&r.ID, &r.Code, &r.Name, &r.Photo, &r.Post, &r.Duties, &r.Window, &r.WindowName, &r.AB,
				&r.Role, &r.Active, &r.Sample, &r.Phone, &r.HasPIN, &until, &r.OpenOwned); err != nil {
				return err
			}
			if t := parseTime(until); now.Before(t) {
				r.LockedUntil = t
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// StaffEdit is an administrator's change to a staff member: the record
// (ID 0 adds one; its Photo is ignored) and what to do with the photo.
// NewPhoto nil keeps the photo (none for a new one); a non-nil NewPhoto
// replaces it and goes through PreparePhoto unless it already is a prepared
// photo; RemovePhoto clears it.
type StaffEdit struct {
	Staff
	NewPhoto    []byte
	RemovePhoto bool
}

// cleanStaff cleans the texts of a staff record and applies Staff.Validate.
func cleanStaff(st Staff) (Staff, error) {
	st.Code = strings.TrimSpace(foldWidth(st.Code, true))
	var err error
	if st.Name, err = Text("name", "姓名", st.Name, 20, true, false); err != nil {
		return st, err
	}
	if st.Post, err = Text("post", "职务", st.Post, MaxStaffPostRunes, true, false); err != nil {
		return st, err
	}
	if st.Duties, err = Text("duties", "岗位职责", st.Duties, MaxStaffDutiesRunes, false, true); err != nil {
		return st, err
	}
	if st.Phone, err = phoneText("phone", "联系电话", st.Phone); err != nil {
		return st, err
	}
	if st.Window == "" {
		st.AB = ""
	}
	return st, st.Validate()
}

// PutStaff adds a staff member (ID 0) or changes one: name, 工号, post,
// duties, phone, window and A/B post, role, active, photo. The rules:
// those of the import; a unique 工号; an active window; one A and one B per
// window; the last administrator who can sign in stays an active
// administrator; nobody leaves (is made inactive) with open requests in
// their name. A new staff member has no PIN: set one with SetPIN. It
// returns the staff member's id.
func (s *Store) PutStaff(ctx context.Context, by Session, e StaffEdit) (int64, error) {
	st, err := cleanStaff(e.Staff)
	if err != nil {
		return 0, err
	}
	photoChanged := e.RemovePhoto || e.NewPhoto != nil
	st.Photo = nil
	if !e.RemovePhoto && e.NewPhoto != nil {
		st.Photo = e.NewPhoto
		if !IsPreparedPhoto(st.Photo) {
			if st.Photo, err = PreparePhoto(st.Photo); err != nil {
				return 0, err
			}
		}
	}
	err = s.tx(ctx, "put staff", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if err := codeFree(ctx, tx, `SELECT id FROM staff WHERE code = ? AND id != ?`, st.Code, st.ID,
			"工号 "+st.Code+" 已被其他工作人员使用，请换一个工号。"); err != nil {
			return err
		}
		var windowID any
		var windowName string
		if st.Window != "" {
			var id int64
			var active bool
			err := tx.QueryRowContext(ctx, `SELECT id, name, active FROM windows WHERE code = ?`, st.Window).Scan(&id, &windowName, &active)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
				return Invalid("window", "没有编号为 "+st.Window+" 的在用窗口，请重新选择窗口。")
			}
			if err != nil {
				return err
			}
			windowID = id
			if st.AB != "" && st.Active {
				var holder string
				err := tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE window_id = ? AND ab = ? AND active = 1 AND id != ?
					LIMIT 1`, id, st.AB, st.ID).Scan(&holder)
				if err == nil {
					return Invalid("ab", fmt.Sprintf("%s的%s岗已由%s担任。每个窗口只设一名%s岗；请先在“窗口”中更换%s岗人员，或为本人选择其他岗位。",
						windowName, st.AB, holder, st.AB, st.AB))
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
		}
		at := s.stamp()
		if st.ID == 0 {
			st.ID, err = upsertID(ctx, tx, `INSERT INTO staff (code, name, photo, post, duties, window_id, ab, role, active,
				phone, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(ord), -1) + 1 FROM staff)) RETURNING id`,
				st.Code, st.Name, st.Photo, st.Post, st.Duties, windowID, st.AB, string(st.Role), boolInt(st.Active), st.Phone)
			if err != nil {
				return err
			}
			return audit(ctx, tx, at, actor.StaffID, AuditStaffAdd, staffTarget(st.Code, st.Name), staffSummary(st, windowName))
		}
		var old Staff
		var oldWindow, oldWindowName string
		var hasPIN bool
		err = tx.QueryRowContext(ctx, `SELECT s.code, s.name, s.post, s.duties, coalesce(w.code, ''), coalesce(w.name, ''),
			s.ab, s.role, s.active, s.phone, s.pin_hash != '' FROM staff s LEFT JOIN windows w ON w.id = s.window_id
			WHERE s.id = ?`, st.ID).Scan(&old.Code, &old.Name, &old.Post, &old.Duties, &oldWindow, &oldWindowName, &old.AB,
			&old.Role, &old.Active, &old.Phone, &hasPIN)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("staff", "找不到该工作人员，请刷新后重试。")
		}
		if err != nil {
			return err
		}
		if old.Role == RoleAdmin && old.Active && hasPIN && (st.Role != RoleAdmin || !st.Active) {
			var others int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1
				AND pin_hash != '' AND id != ?`, st.ID).Scan(&others); err != nil {
				return err
			}
			if others == 0 {
				field := "role"
				if st.Role == RoleAdmin {
					field = "active"
				}
				return Invalid(field, "至少要保留一位可以登录的管理员。请先把另一位工作人员设为管理员并为其设置密码，再取消本账号的管理员身份或停用本账号。")
			}
		}
		if old.Active && !st.Active {
			var open int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM requests WHERE owner_id = ?
				AND status NOT IN ('finished', 'refused', 'withdrawn')`, st.ID).Scan(&open); err != nil {
				return err
			}
			if open > 0 {
				return Invalid("active", fmt.Sprintf("%s名下还有%d件未办结的办件。请先把这些办件转交给其他工作人员，再停用本账号。",
					old.Name, open))
			}
		}
		changes := staffChanges(old, oldWindowName, st, windowName)
		if photoChanged {
			changes = append(changes, map[bool]string{true: "删除照片", false: "更换照片"}[e.RemovePhoto])
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET code = ?, name = ?, post = ?, duties = ?, window_id = ?, ab = ?,
			role = ?, active = ?, phone = ? WHERE id = ?`, st.Code, st.Name, st.Post, st.Duties, windowID, st.AB,
			string(st.Role), boolInt(st.Active), st.Phone, st.ID); err != nil {
			return err
		}
		if photoChanged {
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET photo = ? WHERE id = ?`, st.Photo, st.ID); err != nil {
				return err
			}
		}
		return audit(ctx, tx, at, actor.StaffID, AuditStaffEdit, staffTarget(st.Code, st.Name), "修改了："+strings.Join(changes, "；"))
	})
	return st.ID, err
}

// roleLabel is 管理员 or 工作人员.
func roleLabel(r Role) string {
	if r == RoleAdmin {
		return "管理员"
	}
	return "工作人员"
}

// postText is "社会保障窗口A岗", "社会保障窗口" or "未分配窗口".
func postText(windowName, ab string) string {
	if windowName == "" {
		return "未分配窗口"
	}
	if ab != "" {
		return windowName + ab + "岗"
	}
	return windowName
}

func staffSummary(st Staff, windowName string) string {
	parts := []string{st.Post, postText(windowName, st.AB), roleLabel(st.Role)}
	if !st.Active {
		parts = append(parts, "停用")
	}
	if st.Photo != nil {
		parts = append(parts, "有照片")
	}
	return strings.Join(parts, "，")
}

func staffChanges(a Staff, aWindow string, b Staff, bWindow string) []string {
	var out []string
	if a.Code != b.Code {
		out = append(out, "工号 "+a.Code+" → "+b.Code)
	}
	if a.Name != b.Name {
		out = append(out, "姓名 "+a.Name+" → "+b.Name)
	}
	if a.Post != b.Post {
		out = append(out, "职务 "+a.Post+" → "+b.Post)
	}
	if a.Duties != b.Duties {
		out = append(out, "岗位职责")
	}
	if a.Phone != b.Phone {
		out = append(out, "联系电话")
	}
	if aWindow != bWindow || a.AB != b.AB {
		out = append(out, "岗位 "+postText(aWindow, a.AB)+" → "+postText(bWindow, b.AB))
	}
	if a.Role != b.Role {
		out = append(out, "角色 "+roleLabel(a.Role)+" → "+roleLabel(b.Role))
	}
	if a.Active != b.Active {
		out = append(out, map[bool]string{true: "恢复启用", false: "停用"}[b.Active])
	}
	return out
}

// UnlockStaff lifts a lockout after wrong PINs (and forgets the count of
// wrong PINs), for an administrator.
func (s *Store) UnlockStaff(ctx context.Context, by Session, staffID int64) error {
	return s.tx(ctx, "unlock staff", func(tx *sql.Tx) error {
		actor, err := adminOf(ctx, tx, by)
		if err != nil {
			return err
		}
		var code, name string
		err = tx.QueryRowContext(ctx, `SELECT code, name FROM staff WHERE id = ?`, staffID).Scan(&code, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("staff", "找不到该工作人员，请刷新后重试。")
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM staff_lockouts WHERE staff_id = ?`, staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditStaffUnlock, staffTarget(code, name), "管理员解除锁定")
	})
}

// Staff photos. The kiosk shows them as 4:5 portraits (ui/kiosk staff
// cards and the duty board); the sample avatars are 300×400. A photo is
// stored at PhotoWidth×PhotoHeight as a JPEG, whatever file it came from:
// centre-cropped to 4:5, scaled with Catmull-Rom, transparency on white.
const (
	PhotoWidth       = 320
	PhotoHeight      = 400
	PhotoQuality     = 88
	MaxPhotoFileSize = 10 << 20 // bytes of the file chosen
	MaxPhotoPixels   = 50e6     // width × height of the file chosen
	MinPhotoWidth    = PhotoWidth / 2
	MinPhotoHeight   = PhotoHeight / 2
)

// PreparePhoto turns a PNG or JPEG file into a staff photo as stored. It
// refuses, with a message saying what to do, an empty, too large, too
// small, unreadable or broken file.
func PreparePhoto(raw []byte) ([]byte, error) {
	switch {
	case len(raw) == 0:
		return nil, Invalid("photo", "照片文件是空的，请重新选择。")
	case len(raw) > MaxPhotoFileSize:
		return nil, Invalid("photo", fmt.Sprintf("照片文件太大（%.1fMB），请选择不超过%dMB的照片，或先压缩后再选择。",
			float64(len(raw))/(1<<20), MaxPhotoFileSize>>20))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, Invalid("photo", "无法识别这个文件。请选择 JPG 或 PNG 格式的照片。")
	}
	switch {
	case float64(cfg.Width)*float64(cfg.Height) > MaxPhotoPixels:
		return nil, Invalid("photo", fmt.Sprintf("照片尺寸太大（%d×%d像素），请选择不超过5000万像素的照片。", cfg.Width, cfg.Height))
	case cfg.Width < MinPhotoWidth || cfg.Height < MinPhotoHeight:
		return nil, Invalid("photo", fmt.Sprintf("照片太小（%d×%d像素），在屏幕上会模糊。请选择至少%d×%d像素的照片。",
			cfg.Width, cfg.Height, MinPhotoWidth, MinPhotoHeight))
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, Invalid("photo", "照片文件已损坏或不完整，无法打开。请重新选择一张照片。")
	}
	dst := image.NewRGBA(image.Rect(0, 0, PhotoWidth, PhotoHeight))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, cropPortrait(img.Bounds()), draw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: PhotoQuality}); err != nil {
		return nil, fmt.Errorf("data: photo: %w", err)
	}
	return out.Bytes(), nil
}

// cropPortrait is the largest centred rectangle of b in the photo's
// proportions.
func cropPortrait(b image.Rectangle) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	if w*PhotoHeight > h*PhotoWidth { // wider: cut the sides
		cw := h * PhotoWidth / PhotoHeight
		x := b.Min.X + (w-cw)/2
		return image.Rect(x, b.Min.Y, x+cw, b.Max.Y)
	}
	ch := w * PhotoHeight / PhotoWidth // taller: cut top and bottom
	y := b.Min.Y + (h-ch)/2
	return image.Rect(b.Min.X, y, b.Max.X, y+ch)
}

// IsPreparedPhoto reports whether b already is a photo as PreparePhoto
// makes them (a JPEG of PhotoWidth×PhotoHeight).
func IsPreparedPhoto(b []byte) bool {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	return err == nil && format == "jpeg" && cfg.Width == PhotoWidth && cfg.Height == PhotoHeight
}
