package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ComplaintAbout is what a complaint is about.
type ComplaintAbout string

// What a complaint may be about.
const (
	AboutRequest ComplaintAbout = "request"
	AboutWindow  ComplaintAbout = "window"
	AboutStaff   ComplaintAbout = "staff"
	AboutOther   ComplaintAbout = "other"
)

// Label is the Chinese name, for paper (the complaint receipt) and stored
// audit text; screens show the word from the translations.
func (a ComplaintAbout) Label() string { return labelIn(complaintAboutLabels, a) }

var complaintAboutLabels = map[ComplaintAbout]string{
	AboutRequest: "办件", AboutWindow: "窗口", AboutStaff: "工作人员", AboutOther: "其他",
}

// labelIn is v's word in labels, or v itself (its code) when labels has
// none.
func labelIn[T ~string](labels map[T]string, v T) string {
	if l, ok := labels[v]; ok {
		return l
	}
	return string(v)
}

// Complaint limits.
const (
	MinComplaintRunes = 5
	MaxComplaintRunes = 1000
)

// NewComplaint is what a resident (or a clerk taking a call) files.
// Contact details are optional: a complaint may be anonymous and is still
// tracked with its own code.
type NewComplaint struct {
	Channel      string // kiosk, phone, box, window
	About        ComplaintAbout
	RequestID    int64 // AboutRequest: from a receipt the resident scanned or typed
	WindowID     int64 // AboutWindow
	StaffID      int64 // AboutStaff
	Body         string
	ContactName  string
	ContactPhone string
	// Token, when not "", is the complaint's tracking token, made by the
	// terminal (NewToken) before it first sends the complaint and sent
	// again with every retry: a complaint whose token is already stored is
	// not filed again, FileComplaint returns the receipt of the one saved
	// (see Registration.Token). "": the store makes one.
	Token string
}

// Clean validates the complaint and returns it normalised.
func (c NewComplaint) Clean() (NewComplaint, error) {
	out := c
	switch c.Channel {
	case "kiosk", "phone", "box", "window":
	default:
		return out, Invalid("channel", "投诉渠道不正确。")
	}
	switch {
	case c.About == AboutRequest && c.RequestID == 0:
		return out, Invalid("request", "请先扫描或输入您的回执，以便确定要投诉的办件。")
	case c.About == AboutWindow && c.WindowID == 0:
		return out, Invalid("window", "请选择要投诉的窗口。")
	case c.About == AboutStaff && c.StaffID == 0:
		return out, Invalid("staff", "请选择要投诉的工作人员。")
	case c.About != AboutRequest && c.About != AboutWindow && c.About != AboutStaff && c.About != AboutOther:
		return out, Invalid("about", "请选择投诉的对象。")
	}
	var err error
	if out.Body, err = Text("body", "投诉内容", c.Body, MaxComplaintRunes, true, true); err != nil {
		return out, err
	}
	if utf8.RuneCountInString(out.Body) < MinComplaintRunes {
		return out, Invalid("body", "请把遇到的情况说得具体一些（至少5个字），以便我们调查处理。")
	}
	if strings.TrimSpace(c.ContactName) != "" {
		if out.ContactName, err = PersonName("contact_name", c.ContactName); err != nil {
			return out, err
		}
	} else {
		out.ContactName = ""
	}
	if strings.TrimSpace(c.ContactPhone) != "" {
		if out.ContactPhone, err = ContactPhone("contact_phone", c.ContactPhone); err != nil {
			return out, err
		}
	} else {
		out.ContactPhone = ""
	}
	return out, nil
}

// ComplaintReceipt is what filing a complaint gives back for the screen and
// the slip: its own code, query code and tracking token.
type ComplaintReceipt struct {
	ID        int64
	Code      string
	QueryCode string
	Token     string
	Created   time.Time
	DueDay    string
	Phone     string // the center's complaint phone
}

// FileComplaint stores a complaint with its time limit (the center's
// complaint_days in working days) in one transaction.
func (s *Store) FileComplaint(ctx context.Context, nc NewComplaint) (ComplaintReceipt, error) {
	var rc ComplaintReceipt
	c, err := nc.Clean()
	if err != nil {
		return rc, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return rc, err
	}
	token, err := tokenOrNew("complaint", c.Token)
	if err != nil {
		return rc, err
	}
	now := s.now()
	err = s.tx(ctx, "complaint", func(tx *sql.Tx) error {
		var prefix, phone string
		var days int
		if err := tx.QueryRowContext(ctx, `SELECT receipt_prefix, complaint_phone, complaint_days FROM center WHERE id = 1`).
			Scan(&prefix, &phone, &days); err != nil {
			return err
		}
		if c.Token != "" {
			// Filed before (a retry): its receipt, not a second complaint.
			var created, body string
			err := tx.QueryRowContext(ctx, `SELECT id, code, query_code, token, created_at, due_day, body
				FROM complaints WHERE token = ?`, c.Token).Scan(&rc.ID, &rc.Code, &rc.QueryCode, &rc.Token, &created,
				&rc.DueDay, &body)
			if err == nil {
				if body != c.Body {
					return fmt.Errorf("data: complaint: token already used by another complaint: %w", ErrConflict)
				}
				rc.Created, rc.Phone = parseTime(created), phone
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		seq, err := s.nextSeq(ctx, tx, "complaint:"+Day(now))
		if err != nil {
			return err
		}
		rc = ComplaintReceipt{Code: ComplaintCode(prefix, now, seq), QueryCode: NewQueryCode(), Token: token,
			Created: now, DueDay: Day(cal.AddWorkdays(now, days)), Phone: phone}
		res, err := tx.ExecContext(ctx, `INSERT INTO complaints (code, query_code, token, channel, about, request_id,
			window_id, staff_id, body, contact_name, contact_phone, due_day, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rc.Code, rc.QueryCode, rc.Token, c.Channel, string(c.About),
			nullID(c.RequestID), nullID(c.WindowID), nullID(c.StaffID), c.Body, c.ContactName, c.ContactPhone,
			rc.DueDay, formatTime(now))
		if err != nil {
			return err
		}
		rc.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return ComplaintReceipt{}, err
	}
	return rc, nil
}

// ComplaintCode is a complaint's readable number: "T" before the center's
// prefix, so it is never mistaken for a request's receipt number.
func ComplaintCode(prefix string, day time.Time, seq int) string {
	if len(prefix) > 5 {
		prefix = prefix[:5]
	}
	return FormatReceiptNo("T"+prefix, day, seq)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ComplaintStatus is a complaint as its complainant may see it (no identity).
type ComplaintStatus struct {
	Code      string
	About     ComplaintAbout
	Status    string
	Created   time.Time
	DueDay    string
	Reply     string
	Published bool
}

// StatusLabel is the complaint's status in words.
func (c ComplaintStatus) StatusLabel() string {
	switch c.Status {
	case "open":
		return "已收到，等待处理"
	case "investigating":
		return "正在调查核实"
	case "answered":
		return "已查明，正在答复"
	case "closed":
		return "已办结"
	}
	return c.Status
}

// ComplaintByCode looks a complaint up by its code and query code.
func (s *Store) ComplaintByCode(ctx context.Context, code, queryCode string) (ComplaintStatus, error) {
	qc, err := CleanQueryCode("query_code", queryCode)
	if err != nil {
		return ComplaintStatus{}, ErrNotFound
	}
	return s.complaintStatus(ctx, `code = ? AND query_code = ?`, strings.ToUpper(strings.TrimSpace(code)), qc)
}

// ComplaintByToken looks a complaint up by the token of its QR code.
func (s *Store) ComplaintByToken(ctx context.Context, token string) (ComplaintStatus, error) {
	if !ValidToken(token) {
		return ComplaintStatus{}, ErrNotFound
	}
	return s.complaintStatus(ctx, `token = ?`, token)
}

func (s *Store) complaintStatus(ctx context.Context, where string, args ...any) (ComplaintStatus, error) {
	var c ComplaintStatus
	var at string
	var pub int
	err := s.db.QueryRowContext(ctx, `SELECT code, about, status, created_at, due_day, reply, published
		FROM complaints WHERE `+where, args...).Scan(&c.Code, &c.About, &c.Status, &at, &c.DueDay, &c.Reply, &pub)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.Created, c.Published = parseTime(at), pub == 1
	return c, mapErr("complaint", err)
}
