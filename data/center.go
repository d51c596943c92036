package data

import (
	"context"
	"database/sql"
	"errors"
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
	var c Center
	err := s.read(ctx, "center", func(tx *sql.Tx) error {
		var err error
		c, err = getCenter(ctx, tx)
		return err
	})
	return c, err
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
