package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Complaints through to the end (§十, §九; issue 6 §2).
//
// A complaint's life, each step one transaction with one audit row:
//
//	open          filed (FileComplaint from the kiosk, EnterComplaint for the
//	              phone line, the box or a window)
//	investigating a handler is assigned (AssignComplaint) or the
//	              investigation is recorded (RecordInvestigation)
//	answered      the result is decided, substantiated or not
//	              (DecideComplaint); a substantiated complaint about a staff
//	              member makes an accountability entry (§九)
//	closed        the reply is given (ReplyComplaint), and the result is
//	              published on the kiosk if chosen, without the
//	              complainant's identity (PublishedComplaints)
//
// The time limit is the due day set at filing (the center's complaint_days
// in working days); the queue shows due soon and overdue as for requests,
// until the complaint closes.
//
// Who may act: an administrator on any complaint; another staff member on
// complaints assigned to them, or on an unassigned one, which they thereby
// take (认领). Nobody handles or sees a complaint about themselves (回避),
// administrators included.
//
// Bad ratings (不满意, 非常不满意) need a follow-up (回访) within
// FollowUpWorkdays working days: RatingsNeedingFollowUp and RecordFollowUp.

// Audit actions of complaint handling, accountability and follow-ups.
// AuditLabel names them through ComplaintAuditLabel.
const (
	AuditComplaintEnter       = "complaint_enter"
	AuditComplaintAssign      = "complaint_assign"
	AuditComplaintInvestigate = "complaint_investigate"
	AuditComplaintDecide      = "complaint_decide"
	AuditComplaintReply       = "complaint_reply"
	AuditComplaintPublish     = "complaint_publish"
	AuditAccountability       = "accountability"
	AuditAccountabilityResult = "accountability_outcome"
	AuditFollowUp             = "follow_up"
)

// ComplaintAuditLabel is the Chinese name of these audit actions, "" for
// others.
func ComplaintAuditLabel(action string) string {
	switch action {
	case AuditComplaintEnter:
		return "登记投诉"
	case AuditComplaintAssign:
		return "指派投诉处理人"
	case AuditComplaintInvestigate:
		return "记录投诉调查情况"
	case AuditComplaintDecide:
		return "作出投诉处理结论"
	case AuditComplaintReply:
		return "答复投诉并办结"
	case AuditComplaintPublish:
		return "公开投诉处理结果"
	case AuditAccountability:
		return "责任追究登记"
	case AuditAccountabilityResult:
		return "责任追究整改结果"
	case AuditFollowUp:
		return "差评回访"
	}
	return ""
}

// EventFollowUp is the internal timeline entry of a follow-up on a bad
// rating (HandlingEventLabel does not know it yet: "差评回访").
const EventFollowUp = "follow_up"

// Text limits of complaint handling.
const (
	MaxInvestigationRunes = 2000
	MaxComplaintTextRunes = 1000 // result and reply
	MaxAccountRunes       = 500  // accountability note and outcome
	MaxFollowUpRunes      = 500
	MaxPublishedShown     = 200 // PublishedComplaints returns at most this many, newest first
)

// FollowUpWorkdays is the time for a follow-up on a bad rating.
const FollowUpWorkdays = 15

// ComplaintStatusLabel is a complaint status in words (as ComplaintStatus
// shows the complainant).
func ComplaintStatusLabel(status string) string { return ComplaintStatus{Status: status}.StatusLabel() }

// complaintRow is what a step needs of a complaint.
type complaintRow struct {
	ID            int64
	Code          string
	Status        string
	StaffID       int64 // the staff member complained about, 0 if none
	Handler       int64
	Investigation string
	Result        string
	Reply         string
	ContactName   string
	ContactPhone  string
}

func loadComplaint(ctx context.Context, tx *sql.Tx, id int64) (complaintRow, error) {
	var c complaintRow
	var staff, handler sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT id, code, status, staff_id, handler_id, investigation, result, reply,
		contact_name, contact_phone FROM complaints WHERE id = ?`, id).Scan(&c.ID, &c.Code, &c.Status, &staff, &handler,
		&c.Investigation, &c.Result, &c.Reply, &c.ContactName, &c.ContactPhone)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.StaffID, c.Handler = staff.Int64, handler.Int64
	return c, err
}

// complaintStep is one step on a complaint in progress.
type complaintStep struct {
	ctx   context.Context
	tx    *sql.Tx
	by    Session
	c     complaintRow
	now   time.Time
	at    string
	today time.Time
}

func (st *complaintStep) exec(q string, args ...any) error {
	_, err := st.tx.ExecContext(st.ctx, q, args...)
	return err
}

func (st *complaintStep) audit(action, detail string) error {
	return audit(st.ctx, st.tx, st.at, st.by.StaffID, action, "投诉 "+st.c.Code, detail)
}

// mayHandle refuses the actor unless they may work on the complaint now;
// take makes a non-administrator the handler of an unassigned complaint.
func (st *complaintStep) mayHandle(take bool) error {
	if st.by.Role == RoleAdmin || st.c.Handler == st.by.StaffID {
		return nil
	}
	if st.c.Handler != 0 {
		return Invalid("complaint", "该投诉已指派给其他人员处理。如需改派，请联系管理员。")
	}
	if !take {
		return Invalid("complaint", "请先认领或由管理员指派该投诉。")
	}
	st.c.Handler = st.by.StaffID
	return st.exec(`UPDATE complaints SET handler_id = ? WHERE id = ?`, st.by.StaffID, st.c.ID)
}

// onComplaint runs fn as one step on complaint id: it checks the session,
// loads the complaint and refuses a person acting on a complaint about
// themselves.
func (s *Store) onComplaint(ctx context.Context, op string, by Session, id int64, fn func(*complaintStep) error) error {
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		c, err := loadComplaint(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.StaffID == actor.StaffID {
			return Invalid("complaint", "该投诉涉及您本人，按回避原则请由其他人员处理。")
		}
		now := s.now()
		return fn(&complaintStep{ctx: ctx, tx: tx, by: actor, c: c, now: now, at: formatTime(now),
			today: dayTime(dayNum(now))})
	})
}

// EnterComplaint files a complaint a staff member took from the phone line
// (channel "phone"), the complaint box ("box") or in person at a window
// ("window"), and writes the audit row. The complaint is stored as
// FileComplaint stores it; the audit row follows in a second transaction.
func (s *Store) EnterComplaint(ctx context.Context, by Session, nc NewComplaint) (ComplaintReceipt, error) {
	switch nc.Channel {
	case "phone", "box", "window":
	default:
		return ComplaintReceipt{}, Invalid("channel", "请选择投诉来源：电话、投诉意见箱或窗口。")
	}
	var actor Session
	err := s.read(ctx, "enter complaint", func(tx *sql.Tx) error {
		var err error
		actor, err = actorOf(ctx, tx, by)
		return err
	})
	if err != nil {
		return ComplaintReceipt{}, err
	}
	rc, err := s.FileComplaint(ctx, nc)
	if err != nil {
		return rc, err
	}
	err = s.tx(ctx, "enter complaint", func(tx *sql.Tx) error {
		return audit(ctx, tx, formatTime(rc.Created), actor.StaffID, AuditComplaintEnter, "投诉 "+rc.Code,
			"来源："+complaintChannelLabel(nc.Channel)+"，投诉对象："+nc.About.Label())
	})
	return rc, err
}

func complaintChannelLabel(ch string) string {
	switch ch {
	case "kiosk":
		return "自助终端"
	case "phone":
		return "投诉电话"
	case "box":
		return "投诉意见箱"
	case "window":
		return "窗口"
	}
	return ch
}

// AssignComplaint names the complaint's handler. An administrator assigns
// or reassigns anyone; another staff member can only take an unassigned
// complaint for themselves. The staff member complained about cannot be
// its handler. An open complaint moves to investigating.
func (s *Store) AssignComplaint(ctx context.Context, by Session, id, handlerID int64) error {
	return s.onComplaint(ctx, "assign complaint", by, id, func(st *complaintStep) error {
		if st.c.Status == "closed" {
			return conflict("该投诉已办结，不能再指派处理人。")
		}
		if st.by.Role != RoleAdmin && (handlerID != st.by.StaffID || (st.c.Handler != 0 && st.c.Handler != st.by.StaffID)) {
			return Invalid("handler", "只有管理员可以指派或改派处理人；您可以认领尚未指派的投诉。")
		}
		if handlerID == st.c.StaffID {
			return Invalid("handler", "被投诉的工作人员不能处理对自己的投诉，请另选处理人。")
		}
		var code, name string
		err := st.tx.QueryRowContext(st.ctx, `SELECT code, name FROM staff WHERE id = ? AND active = 1`, handlerID).
			Scan(&code, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("handler", "找不到该工作人员，或其已停用。")
		}
		if err != nil {
			return err
		}
		if handlerID == st.c.Handler {
			return nil
		}
		next := st.c.Status
		if next == "open" {
			next = "investigating"
		}
		if err := st.exec(`UPDATE complaints SET handler_id = ?, status = ? WHERE id = ?`, handlerID, next, st.c.ID); err != nil {
			return err
		}
		detail := "指派处理人：" + name
		switch {
		case handlerID == st.by.StaffID && st.c.Handler == 0:
			detail = "认领投诉"
		case st.c.Handler != 0:
			detail = "改派处理人：" + name
		}
		return st.audit(AuditComplaintAssign, detail)
	})
}

// RecordInvestigation records (or rewrites) what the investigation found.
// A staff member who records it on an unassigned complaint takes it. Once
// the result is decided the record is final.
func (s *Store) RecordInvestigation(ctx context.Context, by Session, id int64, text string) error {
	text, err := Text("investigation", "调查核实情况", text, MaxInvestigationRunes, true, true)
	if err != nil {
		return err
	}
	return s.onComplaint(ctx, "investigate complaint", by, id, func(st *complaintStep) error {
		if st.c.Status != "open" && st.c.Status != "investigating" {
			return conflict("处理结论已经作出，调查核实记录不能再修改。")
		}
		if err := st.mayHandle(true); err != nil {
			return err
		}
		if err := st.exec(`UPDATE complaints SET investigation = ?, status = 'investigating' WHERE id = ?`,
			text, st.c.ID); err != nil {
			return err
		}
		return st.audit(AuditComplaintInvestigate, clip(text, 200))
	})
}

// ComplaintDecision is the result of an investigation.
type ComplaintDecision struct {
	Substantiated bool   // 属实
	Result        string // 处理结果, required

	// When substantiated, the accountability entry (§九). The person is
	// the staff member the complaint is about; for a complaint about a
	// request, a window or other, Responsible may name the staff member
	// found responsible (0: nobody is held accountable). Ignored when not
	// substantiated.
	Responsible int64
	Kind        AccountabilityKind // default AccCriticism
	Note        string             // default: the result
	Deadline    time.Time          // 整改期限; required for AccRectify
}

// DecideComplaint records the result of the investigation, substantiated
// or not, and moves the complaint to answered. A substantiated complaint
// about a staff member (or naming one as Responsible) makes an
// accountability entry, whose id it returns (0 when none); such a decision
// is an administrator's. The decision is final.
func (s *Store) DecideComplaint(ctx context.Context, by Session, id int64, d ComplaintDecision) (int64, error) {
	result, err := Text("result", "处理结果", d.Result, MaxComplaintTextRunes, true, true)
	if err != nil {
		return 0, err
	}
	var accID int64
	err = s.onComplaint(ctx, "decide complaint", by, id, func(st *complaintStep) error {
		switch st.c.Status {
		case "answered", "closed":
			return conflict("该投诉已经作出处理结论，不能重复认定。")
		}
		if st.c.Investigation == "" {
			return Invalid("investigation", "请先记录调查核实情况，再作出处理结论。")
		}
		if err := st.mayHandle(false); err != nil {
			return err
		}
		if err := st.exec(`UPDATE complaints SET result = ?, substantiated = ?, status = 'answered' WHERE id = ?`,
			result, boolInt(d.Substantiated), st.c.ID); err != nil {
			return err
		}
		detail := "经查不属实：" + clip(result, 200)
		if d.Substantiated {
			detail = "经查属实：" + clip(result, 200)
		}
		if err := st.audit(AuditComplaintDecide, detail); err != nil {
			return err
		}
		if !d.Substantiated {
			return nil
		}
		who := st.c.StaffID
		if who == 0 {
			who = d.Responsible
		} else if d.Responsible != 0 && d.Responsible != who {
			return Invalid("responsible", "本投诉针对的是被投诉的工作人员本人，责任人应为其本人。")
		}
		if who == 0 {
			return nil
		}
		if st.by.Role != RoleAdmin {
			return Invalid("substantiated", "投诉经查属实、涉及工作人员责任的，由管理员作出处理结论。")
		}
		if who == st.by.StaffID {
			return Invalid("responsible", "不能对自己作出责任追究，请由其他管理员处理。")
		}
		note := d.Note
		if strings.TrimSpace(note) == "" {
			note = clip(result, MaxAccountRunes)
		}
		na := NewAccountability{StaffID: who, Kind: d.Kind, Note: note, Deadline: d.Deadline}
		if na.Kind == "" {
			na.Kind = AccCriticism
		}
		na, cerr := na.clean(st.now)
		if cerr != nil {
			return cerr
		}
		id, aerr := addAccountability(st.ctx, st.tx, st.by, st.at, na, st.c.ID, st.c.Code)
		accID = id
		return aerr
	})
	if err != nil {
		return 0, err
	}
	return accID, nil
}

// ReplyComplaint records the reply to the complainant and closes the
// complaint. With publish, its result and reply appear on the kiosk
// (PublishedComplaints), never with the complainant's identity: a result or
// reply that names the complainant or their phone is refused for
// publication.
func (s *Store) ReplyComplaint(ctx context.Context, by Session, id int64, reply string, publish bool) error {
	reply, err := Text("reply", "答复内容", reply, MaxComplaintTextRunes, true, true)
	if err != nil {
		return err
	}
	return s.onComplaint(ctx, "reply complaint", by, id, func(st *complaintStep) error {
		switch st.c.Status {
		case "closed":
			return conflict("该投诉已经答复办结。")
		case "open", "investigating":
			return conflict("请先作出处理结论，再答复投诉人。")
		}
		if err := st.mayHandle(false); err != nil {
			return err
		}
		st.c.Reply = reply
		if publish {
			if err := st.c.identityFree(); err != nil {
				return err
			}
		}
		if err := st.exec(`UPDATE complaints SET reply = ?, published = ?, status = 'closed', closed_at = ? WHERE id = ?`,
			reply, boolInt(publish), st.at, st.c.ID); err != nil {
			return err
		}
		detail := "答复并办结"
		if publish {
			detail += "，处理结果已公开"
		}
		return st.audit(AuditComplaintReply, detail+"："+clip(reply, 200))
	})
}

// SetComplaintPublished publishes a closed complaint's result on the kiosk,
// or withdraws it.
func (s *Store) SetComplaintPublished(ctx context.Context, by Session, id int64, publish bool) error {
	return s.onComplaint(ctx, "publish complaint", by, id, func(st *complaintStep) error {
		if st.c.Status != "closed" {
			return conflict("投诉办结后才能公开处理结果。")
		}
		if err := st.mayHandle(false); err != nil {
			return err
		}
		if publish {
			if err := st.c.identityFree(); err != nil {
				return err
			}
		}
		if err := st.exec(`UPDATE complaints SET published = ? WHERE id = ?`, boolInt(publish), st.c.ID); err != nil {
			return err
		}
		if publish {
			return st.audit(AuditComplaintPublish, "公开处理结果")
		}
		return st.audit(AuditComplaintPublish, "撤下已公开的处理结果")
	})
}

// identityFree refuses a result or reply that would publish the
// complainant's name or phone number.
func (c complaintRow) identityFree() error {
	for _, x := range []struct{ field, label, text string }{{"result", "处理结果", c.Result}, {"reply", "答复内容", c.Reply}} {
		if c.ContactName != "" && strings.Contains(x.text, c.ContactName) {
			return Invalid(x.field, x.label+"中含有投诉人的姓名。公开时不能显示投诉人身份，请删去后再公开，或选择不公开。")
		}
		if c.ContactPhone != "" && strings.Contains(stripSpaces(x.text), c.ContactPhone) {
			return Invalid(x.field, x.label+"中含有投诉人的电话号码。公开时不能显示投诉人身份，请删去后再公开，或选择不公开。")
		}
	}
	return nil
}

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
	var out []PublishedComplaint
	err := s.read(ctx, "published complaints", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT about, created_at, closed_at, coalesce(substantiated, 0), result, reply
			FROM complaints WHERE published = 1 AND status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT ?`,
			MaxPublishedShown)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p PublishedComplaint
			var created, closed string
			var sub int
			if err := rows.Scan(&p.About, &created, &closed, &sub, &p.Result, &p.Reply); err != nil {
				return err
			}
			p.AboutLabel, p.Substantiated = p.About.Label(), sub == 1
			p.FiledDay, p.ClosedDay = Day(parseTime(created)), Day(parseTime(closed))
			out = append(out, p)
		}
		return rows.Err()
	})
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
	today := Day(now)
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
	switch f.Due {
	case DueNone:
	case DueOverdue:
		q += ` AND c.status IN ` + complaintsOpen + ` AND c.due_day != '' AND c.due_day < ?`
		args = append(args, today)
	case DueSoon:
		q += ` AND c.status IN ` + complaintsOpen + ` AND c.due_day >= ? AND c.due_day < ?`
		args = append(args, today, Day(cal.DueSoonBefore(now)))
	default:
		return nil, Invalid("due", "到期筛选只能是即将到期或已超期。")
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
	if !f.From.IsZero() {
		q += ` AND c.created_at >= ?`
		args = append(args, formatTime(f.From))
	}
	if !f.To.IsZero() {
		q += ` AND c.created_at < ?`
		args = append(args, formatTime(f.To))
	}
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
	var r ComplaintRow
	err = s.read(ctx, "complaint", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, complaintSelect+` WHERE c.id = ?`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return err
			}
			return ErrNotFound
		}
		if r, err = scanComplaint(rows); err != nil {
			return err
		}
		switch {
		case r.StaffID == actor.StaffID:
			return Invalid("complaint", "该投诉涉及您本人，按回避原则请由其他人员处理。")
		case actor.Role != RoleAdmin && r.HandlerID != 0 && r.HandlerID != actor.StaffID:
			return Invalid("complaint", "该投诉已指派给其他人员处理。")
		}
		return rows.Close()
	})
	if err != nil {
		return ComplaintRow{}, err
	}
	r.annotate(cal, s.now())
	return r, nil
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

// AccountabilityKind is the form accountability takes (§九).
type AccountabilityKind string

// Accountability kinds: §九1 records the matter, criticises and sets a
// deadline to put it right; §九2 asks for a written self-examination; §九3
// gives a disciplinary sanction.
const (
	AccCriticism    AccountabilityKind = "criticism"     // 批评教育
	AccWrittenCheck AccountabilityKind = "written_check" // 书面检查
	AccRectify      AccountabilityKind = "rectify"       // 限期整改
	AccDiscipline   AccountabilityKind = "discipline"    // 纪律处分
)

// AccountabilityKinds lists the kinds, mildest first.
var AccountabilityKinds = []AccountabilityKind{AccCriticism, AccRectify, AccWrittenCheck, AccDiscipline}

// Label is the kind's Chinese name.
func (k AccountabilityKind) Label() string {
	switch k {
	case AccCriticism:
		return "批评教育"
	case AccWrittenCheck:
		return "书面检查"
	case AccRectify:
		return "限期整改"
	case AccDiscipline:
		return "纪律处分"
	}
	return string(k)
}

// NewAccountability is an accountability entry for a rule breach (late,
// passing the buck, rudeness; §九) recorded directly by an administrator.
type NewAccountability struct {
	StaffID   int64
	RequestID int64 // the request concerned, if any
	Kind      AccountabilityKind
	Note      string    // what happened, required
	Deadline  time.Time // 整改期限; required for AccRectify, optional otherwise
}

// clean validates the entry; today is the date deadlines may not precede.
func (n NewAccountability) clean(now time.Time) (NewAccountability, error) {
	switch n.Kind {
	case AccCriticism, AccWrittenCheck, AccRectify, AccDiscipline:
	default:
		return n, Invalid("kind", "请选择追究方式：批评教育、限期整改、书面检查或纪律处分。")
	}
	var err error
	if n.Note, err = Text("note", "追究事由", n.Note, MaxAccountRunes, true, true); err != nil {
		return n, err
	}
	switch {
	case n.Kind == AccRectify && n.Deadline.IsZero():
		return n, Invalid("deadline", "限期整改需要填写整改期限。")
	case !n.Deadline.IsZero() && dayNum(n.Deadline) < dayNum(now):
		return n, Invalid("deadline", "整改期限不能早于今天，请重新选择。")
	case !n.Deadline.IsZero() && n.Deadline.After(now.AddDate(1, 0, 0)):
		return n, Invalid("deadline", "整改期限不能超过一年，请重新选择。")
	}
	return n, nil
}

// addAccountability stores an entry and its audit row.
func addAccountability(ctx context.Context, tx *sql.Tx, by Session, at string, n NewAccountability, complaintID int64,
	complaintCode string) (int64, error) {
	var code, name string
	err := tx.QueryRowContext(ctx, `SELECT code, name FROM staff WHERE id = ?`, n.StaffID).Scan(&code, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Invalid("staff", "找不到该工作人员。")
	}
	if err != nil {
		return 0, err
	}
	deadline := ""
	if !n.Deadline.IsZero() {
		deadline = Day(n.Deadline)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO accountability (staff_id, complaint_id, request_id, kind, note,
		deadline_day, at) VALUES (?, ?, ?, ?, ?, ?, ?)`, n.StaffID, nullID(complaintID), nullID(n.RequestID),
		string(n.Kind), n.Note, deadline, at)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	detail := n.Kind.Label() + "：" + clip(n.Note, 200)
	if deadline != "" {
		detail += "，整改期限 " + deadline
	}
	if complaintCode != "" {
		detail += "（投诉 " + complaintCode + "）"
	}
	return id, audit(ctx, tx, at, by.StaffID, AuditAccountability, staffTarget(code, name), detail)
}

// AddAccountability records an accountability entry for a rule breach that
// did not come from a complaint. Administrators only; nobody records one
// against themselves.
func (s *Store) AddAccountability(ctx context.Context, by Session, n NewAccountability) (int64, error) {
	now := s.now()
	n, err := n.clean(now)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, "accountability", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if actor.Role != RoleAdmin {
			return Invalid("session", "责任追究由管理员登记。")
		}
		if n.StaffID == actor.StaffID {
			return Invalid("staff", "不能对自己作出责任追究，请由其他管理员处理。")
		}
		if n.RequestID != 0 {
			var x int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM requests WHERE id = ?`, n.RequestID).Scan(&x)
			if errors.Is(err, sql.ErrNoRows) {
				return Invalid("request", "找不到该办件。")
			}
			if err != nil {
				return err
			}
		}
		id, err = addAccountability(ctx, tx, actor, formatTime(now), n, 0, "")
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// SetAccountabilityOutcome records how an accountability entry ended (整改
// 情况, 处理结果). Administrators only; a later call corrects it (the audit
// log keeps each).
func (s *Store) SetAccountabilityOutcome(ctx context.Context, by Session, id int64, outcome string) error {
	outcome, err := Text("outcome", "整改或处理结果", outcome, MaxAccountRunes, true, true)
	if err != nil {
		return err
	}
	return s.tx(ctx, "accountability outcome", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		if actor.Role != RoleAdmin {
			return Invalid("session", "责任追究由管理员登记。")
		}
		var code, name string
		var staffID int64
		err = tx.QueryRowContext(ctx, `SELECT s.id, s.code, s.name FROM accountability a JOIN staff s ON s.id = a.staff_id
			WHERE a.id = ?`, id).Scan(&staffID, &code, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if staffID == actor.StaffID {
			return Invalid("staff", "不能登记自己的责任追究结果，请由其他管理员处理。")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accountability SET outcome = ? WHERE id = ?`, outcome, id); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditAccountabilityResult, staffTarget(code, name),
			clip(outcome, 200))
	})
}

// AccountabilityEntry is one entry in a staff member's record.
type AccountabilityEntry struct {
	ID            int64
	StaffID       int64
	StaffName     string
	ComplaintID   int64
	ComplaintCode string
	RequestID     int64
	ReceiptNo     string
	Kind          AccountabilityKind
	KindLabel     string
	Note          string
	DeadlineDay   string // '' when none
	Outcome       string // '' until recorded
	At            time.Time
	Overdue       bool // a deadline that has passed without an outcome
}

// Accountability lists accountability entries recorded in [from, to),
// newest first: of one staff member, or of everyone with staffID 0. Zero
// from or to do not bound.
func (s *Store) Accountability(ctx context.Context, staffID int64, from, to time.Time) ([]AccountabilityEntry, error) {
	q, args := accountabilityQuery(staffID, from, to)
	q += ` ORDER BY a.at DESC, a.id DESC`
	today := Day(s.now())
	var out []AccountabilityEntry
	err := s.read(ctx, "accountability", func(tx *sql.Tx) (err error) {
		out, err = accountabilityEntries(ctx, tx, today, q, args)
		return err
	})
	return out, err
}

// FollowUpDue is a bad rating waiting for its follow-up. Staff call the
// resident back, so it carries the applicant's name and phone.
type FollowUpDue struct {
	RatingID       int64
	RequestID      int64
	ReceiptNo      string
	ItemName       string
	Level          int
	LevelLabel     string
	Reason         string
	RatedAt        time.Time
	DueDay         string // FollowUpWorkdays working days after the rating
	Due            DueState
	WorkdaysLeft   int
	ApplicantName  string
	ApplicantPhone string
	OwnerID        int64 // the request's owner, 0 if none
	OwnerName      string
}

// RatingsNeedingFollowUp lists the bad ratings (不满意, 非常不满意) not yet
// followed up, the most urgent first, with their due state at now.
func (s *Store) RatingsNeedingFollowUp(ctx context.Context, now time.Time) ([]FollowUpDue, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	var out []FollowUpDue
	err = s.read(ctx, "follow-ups", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT g.id, g.request_id, r.receipt_no, i.name, g.level, g.reason, g.at,
			r.applicant_name, r.applicant_phone, coalesce(r.owner_id, 0), coalesce(o.name, '')
			FROM ratings g JOIN requests r ON r.id = g.request_id JOIN items i ON i.id = r.item_id
			LEFT JOIN staff o ON o.id = r.owner_id
			WHERE g.level <= 2 AND g.follow_up = '' ORDER BY g.at, g.id`) // 2 = RatingBad, as in index ratings_follow_up
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f FollowUpDue
			var at string
			if err := rows.Scan(&f.RatingID, &f.RequestID, &f.ReceiptNo, &f.ItemName, &f.Level, &f.Reason, &at,
				&f.ApplicantName, &f.ApplicantPhone, &f.OwnerID, &f.OwnerName); err != nil {
				return err
			}
			f.RatedAt, f.LevelLabel = parseTime(at), RatingLabel(f.Level)
			due := cal.AddWorkdays(f.RatedAt, FollowUpWorkdays)
			f.DueDay, f.Due, f.WorkdaysLeft = Day(due), cal.DueState(now, due), cal.WorkdaysBetween(now, due)
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// RecordFollowUp records the follow-up of a bad rating: what the resident
// was told and said. Once per rating; it also goes on the request's
// internal timeline.
func (s *Store) RecordFollowUp(ctx context.Context, by Session, ratingID int64, text string) error {
	text, err := Text("follow_up", "回访情况", text, MaxFollowUpRunes, true, true)
	if err != nil {
		return err
	}
	return s.tx(ctx, "follow-up", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		var level int
		var requestID int64
		var done, receipt string
		err = tx.QueryRowContext(ctx, `SELECT g.level, g.request_id, g.follow_up, r.receipt_no FROM ratings g
			JOIN requests r ON r.id = g.request_id WHERE g.id = ?`, ratingID).Scan(&level, &requestID, &done, &receipt)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if level > RatingBad {
			return Invalid("rating", "只有“不满意”“非常不满意”的评价需要回访。")
		}
		if done != "" {
			return conflict("该评价已经回访过了。")
		}
		at := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE ratings SET follow_up = ?, follow_up_at = ?, follow_up_staff = ?
			WHERE id = ?`, text, at, actor.StaffID, ratingID); err != nil {
			return err
		}
		if err := addEvent(ctx, tx, requestID, at, EventFollowUp, actor.StaffID, nullID(actor.WindowID), false, text); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditFollowUp, "办件 "+receipt,
			RatingLabel(level)+"回访："+clip(text, 200))
	})
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
