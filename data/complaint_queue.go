package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Complaints as staff list them (the queue, one complaint) and as the kiosk
// shows the published results (§一(一)4 投诉的处理结果).

// PublishedComplaint is a published complaint result as the kiosk shows
// it: no code, no complainant, not the complaint's own words.
type PublishedComplaint struct {
	About         ComplaintAbout
	AboutLabel    string
	FiledDay      string // 'YYYY-MM-DD'
	ClosedDay     string
	Substantiated bool
	Result        string
	Reply         string
}

// PublishedComplaints lists the published complaint results, newest first,
// at most MaxPublishedShown.
func (s *Store) PublishedComplaints(ctx context.Context) ([]PublishedComplaint, error) {
	out, err := readRows(ctx, s, "published complaints", func(p *PublishedComplaint) []any {
		return []any{&p.About, &p.FiledDay, &p.ClosedDay, &p.Substantiated, &p.Result, &p.Reply}
	}, `SELECT about, created_at, closed_at, coalesce(substantiated, 0), result, reply
		FROM complaints WHERE published = 1 AND status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT ?`,
		MaxPublishedShown)
	for i := range out {
		p := &out[i] // FiledDay and ClosedDay hold the times as stored until here
		p.AboutLabel = p.About.Label()
		p.FiledDay, p.ClosedDay = Day(parseTime(p.FiledDay)), Day(parseTime(p.ClosedDay))
	}
	return out, err
}

// ComplaintFilter selects complaints for the staff queue. Zero fields do
// not filter.
type ComplaintFilter struct {
	// Status: "" is every complaint not closed; "all" is every complaint;
	// otherwise one of open, investigating, answered, closed.
	Status     string
	Due        DueState // DueSoon or DueOverdue: only complaints not closed, by their due day
	Handler    int64
	Unassigned bool
	Channel    string
	From, To   time.Time // filed in [From, To)
	Limit      int       // default 200, at most 1000
}

// ComplaintRow is a complaint as staff see it, contact details included.
type ComplaintRow struct {
	ID           int64
	Code         string
	Channel      string
	ChannelLabel string
	About        ComplaintAbout
	AboutLabel   string
	RequestID    int64
	ReceiptNo    string // of the request complained about
	WindowID     int64
	WindowName   string
	StaffID      int64 // the staff member complained about
	StaffName    string
	Body         string
	ContactName  string
	ContactPhone string
	Status       string
	StatusLabel  string
	HandlerID    int64
	HandlerName  string

	Investigation string
	Result        string
	Substantiated *bool // nil until decided
	Reply         string
	Published     bool

	Created      time.Time
	DueDay       string
	Due          DueState // DueNone once closed
	WorkdaysLeft int      // from today to the due day; negative when overdue; 0 once closed
	Closed       time.Time
	Late         bool // closed after the due day
}

// ComplaintQueue lists complaints for staff, those due first. The session
// decides what is shown: nobody sees complaints about themselves, and staff
// other than administrators see only those unassigned or assigned to them.
func (s *Store) ComplaintQueue(ctx context.Context, by Session, f ComplaintFilter) ([]ComplaintRow, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	q := complaintSelect + ` WHERE (c.staff_id IS NULL OR c.staff_id != ?)`
	var args []any
	switch f.Status {
	case "":
		q += ` AND c.status IN ` + complaintsOpen
	case "all":
	case "open", "investigating", "answered", "closed":
		q += ` AND c.status = ?`
		args = append(args, f.Status)
	default:
		return nil, Invalid("status", "投诉状态不正确。")
	}
	q, args, err = dueFilter(q, args, f.Due, dueCols{"c.status IN " + complaintsOpen, "c.due_day"}, cal, now,
		"到期筛选只能是即将到期或已超期。")
	if err != nil {
		return nil, err
	}
	if f.Handler != 0 {
		q += ` AND c.handler_id = ?`
		args = append(args, f.Handler)
	}
	if f.Unassigned {
		q += ` AND c.handler_id IS NULL`
	}
	if f.Channel != "" {
		q += ` AND c.channel = ?`
		args = append(args, f.Channel)
	}
	q, args = timeBetween(q, args, "c.created_at", f.From, f.To)
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	q += ` ORDER BY c.status = 'closed', CASE WHEN c.status = 'closed' THEN '' ELSE c.due_day END, c.closed_at DESC, c.id
		LIMIT ?`
	var out []ComplaintRow
	err = s.read(ctx, "complaint queue", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		lead := []any{actor.StaffID}
		if actor.Role != RoleAdmin {
			q = strings.Replace(q, ` WHERE (c.staff_id IS NULL OR c.staff_id != ?)`,
				` WHERE (c.staff_id IS NULL OR c.staff_id != ?) AND (c.handler_id IS NULL OR c.handler_id = ?)`, 1)
			lead = append(lead, actor.StaffID)
		}
		args = append(append(lead, args...), min(limit, 1000))
		out, err = complaintRows(ctx, tx, cal, now, q, args)
		return err
	})
	return out, err
}

// complaintRows runs a query on complaintSelect and reads its rows, each
// with its time limit's state at now.
func complaintRows(ctx context.Context, tx *sql.Tx, cal *Calendar, now time.Time, q string,
	args []any) ([]ComplaintRow, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ComplaintRow
	for rows.Next() {
		r, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		r.annotate(cal, now)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Complaint reads one complaint for staff, with what ComplaintQueue would
// show the session: a complaint about the session's own staff member, or
// (for staff other than administrators) one assigned to someone else, is
// refused.
func (s *Store) Complaint(ctx context.Context, by Session, id int64) (ComplaintRow, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return ComplaintRow{}, err
	}
	return readValue(ctx, s, "complaint", func(tx *sql.Tx) (ComplaintRow, error) {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return ComplaintRow{}, err
		}
		rs, err := complaintRows(ctx, tx, cal, s.now(), complaintSelect+` WHERE c.id = ?`, []any{id})
		switch {
		case err != nil:
			return ComplaintRow{}, err
		case len(rs) == 0:
			return ComplaintRow{}, ErrNotFound
		}
		r := rs[0]
		if err := ComplaintRecusalRule(r.StaffID, actor.StaffID); err != nil {
			return ComplaintRow{}, err
		}
		if actor.Role != RoleAdmin && r.HandlerID != 0 && r.HandlerID != actor.StaffID {
			return ComplaintRow{}, Invalid("complaint", "该投诉已指派给其他人员处理。")
		}
		return r, nil
	})
}

// complaintsOpen is the statuses of a complaint not yet closed, as SQL (an
// IN list reads index complaints_queue; "!= 'closed'" would scan).
const complaintsOpen = `('open', 'investigating', 'answered')`

const complaintSelect = `SELECT c.id, c.code, c.channel, c.about, coalesce(c.request_id, 0), coalesce(r.receipt_no, ''),
	coalesce(c.window_id, 0), coalesce(w.name, ''), coalesce(c.staff_id, 0), coalesce(p.name, ''), c.body,
	c.contact_name, c.contact_phone, c.status, coalesce(c.handler_id, 0), coalesce(h.name, ''), c.investigation,
	c.result, c.substantiated, c.reply, c.published, c.created_at, c.due_day, c.closed_at
	FROM complaints c LEFT JOIN requests r ON r.id = c.request_id LEFT JOIN windows w ON w.id = c.window_id
	LEFT JOIN staff p ON p.id = c.staff_id LEFT JOIN staff h ON h.id = c.handler_id`

func scanComplaint(rows *sql.Rows) (ComplaintRow, error) {
	var r ComplaintRow
	var sub sql.NullInt64
	var pub int
	var created, closed string
	err := rows.Scan(&r.ID, &r.Code, &r.Channel, &r.About, &r.RequestID, &r.ReceiptNo, &r.WindowID, &r.WindowName,
		&r.StaffID, &r.StaffName, &r.Body, &r.ContactName, &r.ContactPhone, &r.Status, &r.HandlerID, &r.HandlerName,
		&r.Investigation, &r.Result, &sub, &r.Reply, &pub, &created, &r.DueDay, &closed)
	if sub.Valid {
		b := sub.Int64 == 1
		r.Substantiated = &b
	}
	r.Published, r.Created, r.Closed = pub == 1, parseTime(created), parseTime(closed)
	r.ChannelLabel, r.AboutLabel, r.StatusLabel = complaintChannelLabel(r.Channel), r.About.Label(),
		ComplaintStatusLabel(r.Status)
	return r, err
}

// annotate sets the due state: running until the complaint closes, then
// whether it closed late.
func (r *ComplaintRow) annotate(cal *Calendar, now time.Time) {
	due, err := ParseDay(r.DueDay)
	if r.DueDay == "" || err != nil {
		return
	}
	if r.Status == "closed" {
		r.Late = !r.Closed.IsZero() && Day(r.Closed) > r.DueDay
		return
	}
	r.Due = cal.DueState(now, due)
	r.WorkdaysLeft = cal.WorkdaysBetween(now, due)
}
