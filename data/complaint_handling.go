package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Complaints through to the end (投诉处理 §十, 责任追究 §九).
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
// FollowUpWorkdays working days: RatingsNeedingFollowUp and RecordFollowUp
// (rating_followup.go).
//
// The rules, plain functions each with a table test named for it:
// ComplaintRecusalRule, ComplaintHandlerRule, ComplaintAssignRule,
// ComplaintAccountableRule (§九1), PublishWithoutIdentityRule (§一(一)4),
// FollowUpRule (§五3) and ComplaintDueMoveRule. The queue and the published
// list are in complaint_queue.go, accountability entries in
// accountability_entry.go.

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

// ComplaintRecusalRule is 回避 in complaint handling (§十1: complaints about
// a staff member's service, attitude or integrity are handled by others):
// nobody handles or sees a complaint about themselves (about, 0 when it is
// about no one), administrators included. The staff queue applies the same
// rule in its query.
func ComplaintRecusalRule(about, actor int64) error {
	if about != 0 && about == actor {
		return Invalid("complaint", "该投诉涉及您本人，按回避原则请由其他人员处理。")
	}
	return nil
}

// ComplaintHandlerRule is who works on a complaint (§十2 跟踪督查 through to
// a result, by one handler): an administrator on any; another staff member
// on one assigned to them, or on an unassigned one when the step takes it
// (take: they become its handler, takes true); a step that does not take
// needs the complaint claimed or assigned first.
func ComplaintHandlerRule(role Role, actor, handler int64, take bool) (takes bool, err error) {
	switch {
	case role == RoleAdmin || handler == actor:
		return false, nil
	case handler != 0:
		return false, Invalid("complaint", "该投诉已指派给其他人员处理。如需改派，请联系管理员。")
	case !take:
		return false, Invalid("complaint", "请先认领或由管理员指派该投诉。")
	}
	return true, nil
}

// ComplaintAssignRule is who may name a complaint's handler: an
// administrator assigns or reassigns anyone; another staff member only
// takes an unassigned complaint (or one already theirs) for themselves.
// The staff member complained about (about) never handles it (回避). A
// closed complaint is not assigned.
func ComplaintAssignRule(actor Session, handler, newHandler, about int64, closed bool) error {
	switch {
	case closed:
		return conflict("该投诉已办结，不能再指派处理人。")
	case actor.Role != RoleAdmin && (newHandler != actor.StaffID || (handler != 0 && handler != actor.StaffID)):
		return Invalid("handler", "只有管理员可以指派或改派处理人；您可以认领尚未指派的投诉。")
	case newHandler == about:
		return Invalid("handler", "被投诉的工作人员不能处理对自己的投诉，请另选处理人。")
	}
	return nil
}

// mayHandle refuses the actor unless they may work on the complaint now
// (ComplaintHandlerRule); take makes a non-administrator the handler of an
// unassigned complaint.
func (st *complaintStep) mayHandle(take bool) error {
	takes, err := ComplaintHandlerRule(st.by.Role, st.by.StaffID, st.c.Handler, take)
	if err != nil || !takes {
		return err
	}
	st.c.Handler = st.by.StaffID
	return st.exec(`UPDATE complaints SET handler_id = ? WHERE id = ?`, st.by.StaffID, st.c.ID)
}

// onComplaint runs fn as one step on complaint id: it checks the session,
// loads the complaint and refuses a person acting on a complaint about
// themselves.
func (s *Store) onComplaint(ctx context.Context, op string, by Session, id int64, fn func(*complaintStep) error) error {
	return s.txAs(ctx, op, by, actorOf, func(tx *sql.Tx, actor Session) error {
		c, err := loadComplaint(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := ComplaintRecusalRule(c.StaffID, actor.StaffID); err != nil {
			return err
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
	actor, err := readValue(ctx, s, "enter complaint", func(tx *sql.Tx) (Session, error) { return actorOf(ctx, tx, by) })
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
		if err := ComplaintAssignRule(st.by, st.c.Handler, handlerID, st.c.StaffID, st.c.Status == "closed"); err != nil {
			return err
		}
		handler, err := activeStaff(st.ctx, st.tx, handlerID, "handler", "找不到该工作人员，或其已停用。")
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
		detail := "指派处理人：" + handler.Name
		switch {
		case handlerID == st.by.StaffID && st.c.Handler == 0:
			detail = "认领投诉"
		case st.c.Handler != 0:
			detail = "改派处理人：" + handler.Name
		}
		return st.audit(AuditComplaintAssign, detail)
	})
}

// activeStaff is staff member id (code, name, role and window, as actorOf
// reads the one signed in) when they are active; anyone else (no such id,
// or no longer active) is refused as field with msg.
func activeStaff(ctx context.Context, tx queryer, id int64, field, msg string) (Session, error) {
	a := Session{StaffID: id}
	var window sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT code, name, role, window_id FROM staff WHERE id = ? AND active = 1`, id).
		Scan(&a.Code, &a.Name, &a.Role, &window)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, Invalid(field, msg)
	}
	a.WindowID = window.Int64
	return a, err
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
		var err error
		accID, err = st.decide(d, result)
		return err
	})
	if err != nil {
		return 0, err
	}
	return accID, nil
}

// ComplaintAccountableRule is who answers for a substantiated complaint
// (§九1: 受到群众投诉，经查情况属实的，要在平时考核中予以记载和提出批评，限期整改):
// the staff member complained about (about); for a complaint about a
// request, a window or other, the one found responsible (0: nobody is held
// accountable, who is 0). Holding someone accountable is an
// administrator's decision, and never about themselves.
func ComplaintAccountableRule(about, responsible int64, actor Session) (who int64, err error) {
	who = about
	if who == 0 {
		who = responsible
	} else if responsible != 0 && responsible != who {
		return 0, Invalid("responsible", "本投诉针对的是被投诉的工作人员本人，责任人应为其本人。")
	}
	switch {
	case who == 0:
		return 0, nil
	case actor.Role != RoleAdmin:
		return 0, Invalid("substantiated", "投诉经查属实、涉及工作人员责任的，由管理员作出处理结论。")
	case who == actor.StaffID:
		return 0, Invalid("responsible", "不能对自己作出责任追究，请由其他管理员处理。")
	}
	return who, nil
}

// decide is the step of DecideComplaint inside its transaction; it returns
// the accountability entry's id, 0 when none.
func (st *complaintStep) decide(d ComplaintDecision, result string) (int64, error) {
	switch st.c.Status {
	case "answered", "closed":
		return 0, conflict("该投诉已经作出处理结论，不能重复认定。")
	}
	if st.c.Investigation == "" {
		return 0, Invalid("investigation", "请先记录调查核实情况，再作出处理结论。")
	}
	if err := st.mayHandle(false); err != nil {
		return 0, err
	}
	if err := st.exec(`UPDATE complaints SET result = ?, substantiated = ?, status = 'answered' WHERE id = ?`,
		result, boolInt(d.Substantiated), st.c.ID); err != nil {
		return 0, err
	}
	detail := "经查不属实：" + clip(result, 200)
	if d.Substantiated {
		detail = "经查属实：" + clip(result, 200)
	}
	if err := st.audit(AuditComplaintDecide, detail); err != nil {
		return 0, err
	}
	if !d.Substantiated {
		return 0, nil
	}
	who, err := ComplaintAccountableRule(st.c.StaffID, d.Responsible, st.by)
	if err != nil || who == 0 {
		return 0, err
	}
	note := d.Note
	if strings.TrimSpace(note) == "" {
		note = clip(result, MaxAccountRunes)
	}
	na := NewAccountability{StaffID: who, Kind: d.Kind, Note: note, Deadline: d.Deadline}
	if na.Kind == "" {
		na.Kind = AccCriticism
	}
	na, err = na.clean(st.now)
	if err != nil {
		return 0, err
	}
	return addAccountability(st.ctx, st.tx, st.by, st.at, na, st.c.ID, st.c.Code)
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

// PublishWithoutIdentityRule is what a published complaint result may say
// (§一(一)4 公开投诉的处理结果; the complainant stays unknown, §十1): neither
// the result nor the reply names the complainant (contactName) or gives
// their phone number (contactPhone, also when written with spaces).
func PublishWithoutIdentityRule(contactName, contactPhone, result, reply string) error {
	for _, x := range []struct {
		field, label, text string
		term               Term
	}{{"result", "处理结果", result, fieldTerm("result", "处理结果")}, {"reply", "答复内容", reply, fieldTerm("reply", "答复内容")}} {
		if contactName != "" && strings.Contains(x.text, contactName) {
			return Invalid(x.field, x.label+"中含有投诉人的姓名。公开时不能显示投诉人身份，请删去后再公开，或选择不公开。").
				keyed("data.complaint_handling.publishName", map[string]any{"Field": x.term})
		}
		if contactPhone != "" && strings.Contains(stripSpaces(x.text), contactPhone) {
			return Invalid(x.field, x.label+"中含有投诉人的电话号码。公开时不能显示投诉人身份，请删去后再公开，或选择不公开。").
				keyed("data.complaint_handling.publishPhone", map[string]any{"Field": x.term})
		}
	}
	return nil
}

// identityFree applies PublishWithoutIdentityRule to the complaint.
func (c complaintRow) identityFree() error {
	return PublishWithoutIdentityRule(c.ContactName, c.ContactPhone, c.Result, c.Reply)
}

// AccountabilityKind is the form accountability takes (§九).
type AccountabilityKind string

// Accountability kinds: §九1 records the matter, criticises and sets a
// deadline to put it right; §九2 asks for a written self-examination; §九3
// gives a disciplinary sanction. Their Chinese names are in
// accountabilityLabels.
const (
	AccCriticism    AccountabilityKind = "criticism"
	AccWrittenCheck AccountabilityKind = "written_check"
	AccRectify      AccountabilityKind = "rectify"
	AccDiscipline   AccountabilityKind = "discipline"
)

// AccountabilityKinds lists the kinds, mildest first.
var AccountabilityKinds = []AccountabilityKind{AccCriticism, AccRectify, AccWrittenCheck, AccDiscipline}

// Label is the kind's Chinese name.
func (k AccountabilityKind) Label() string { return labelIn(accountabilityLabels, k) }

var accountabilityLabels = map[AccountabilityKind]string{
	AccCriticism: "批评教育", AccWrittenCheck: "书面检查", AccRectify: "限期整改", AccDiscipline: "纪律处分",
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
