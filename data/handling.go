package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Handling a request by the regulation (issue 5 §4–§9; regulation-map §3,
// §5, §6, §7). Every staff step is an Action; Transition says, as a table,
// which statuses it may start from and where it leads. The Store methods
// below apply one step each, in one transaction: they check the table and
// the step's own rules, update the request, append to its timeline (public
// or internal) and write one audit row.
//
// First-inquiry responsibility (首问负责): the first staff member who takes a
// request up by any step other than a note is recorded as its first owner
// (first_owner_id, which a trigger keeps from ever changing) and, if it has
// none, its current owner. Accepting makes the acceptor the owner; handing
// over names the receiver. Once taken up, a request always has an owner.

// Action is a staff step on a request.
type Action string

// Actions.
const (
	ActAccept      Action = "accept"       // 受理 (直接办理: and finish at once)
	ActSupplement  Action = "supplement"   // 一次性告知补正材料
	ActComplete    Action = "complete"     // 材料补齐, the clock restarts
	ActRefuse      Action = "refuse"       // 不予受理/不予办理, in writing
	ActEscalate    Action = "escalate"     // 上报上级部门
	ActUpperResult Action = "upper_result" // 上级部门审批结果
	ActHandOver    Action = "handover"     // 转交
	ActJointPart   Action = "joint_part"   // 联合办理: a participating window's part
	ActFinish      Action = "finish"       // 办结
	ActPause       Action = "pause"        // 暂停计时 (written reason, restart day)
	ActResume      Action = "resume"       // 恢复计时
	ActNote        Action = "note"         // 办理记录 / 跟进记录
	ActWithdraw    Action = "withdraw"     // 申请人撤回
)

// Actions lists every action, in the order the staff screen offers them.
var Actions = []Action{ActAccept, ActSupplement, ActComplete, ActEscalate, ActUpperResult, ActJointPart,
	ActFinish, ActHandOver, ActPause, ActResume, ActNote, ActRefuse, ActWithdraw}

// Label is the action's Chinese name.
func (a Action) Label() string {
	switch a {
	case ActAccept:
		return "受理"
	case ActSupplement:
		return "补正告知"
	case ActComplete:
		return "材料补齐"
	case ActRefuse:
		return "不予受理"
	case ActEscalate:
		return "上报"
	case ActUpperResult:
		return "登记审批结果"
	case ActHandOver:
		return "转交"
	case ActJointPart:
		return "登记配合办理"
	case ActFinish:
		return "办结"
	case ActPause:
		return "暂停计时"
	case ActResume:
		return "恢复计时"
	case ActNote:
		return "办理记录"
	case ActWithdraw:
		return "撤回"
	}
	return string(a)
}

// verb is the action as the object of "不能…".
func (a Action) verb() string {
	switch a {
	case ActAccept:
		return "受理"
	case ActSupplement:
		return "要求补正材料"
	case ActComplete:
		return "登记材料补齐"
	case ActRefuse:
		return "作不予受理处理"
	case ActEscalate:
		return "上报"
	case ActUpperResult:
		return "登记上级部门的审批结果"
	case ActHandOver:
		return "转交"
	case ActJointPart:
		return "登记配合窗口的办理情况"
	case ActFinish:
		return "办结"
	case ActPause:
		return "暂停计时"
	case ActResume:
		return "恢复计时"
	case ActNote:
		return "添加办理记录"
	case ActWithdraw:
		return "撤回"
	}
	return string(a)
}

var open4 = []Status{StatusSubmitted, StatusAccepted, StatusWaiting, StatusEscalated}

// transitions is the state machine: for each action, the statuses it may
// start from and the status it leads to. Accepting in 直接办理 leads on to
// finished in the same step (Store.Accept); the table lists the acceptance.
var transitions = map[Action]map[Status]Status{
	ActAccept:      {StatusSubmitted: StatusAccepted},
	ActSupplement:  {StatusSubmitted: StatusWaiting, StatusAccepted: StatusWaiting, StatusWaiting: StatusWaiting},
	ActComplete:    {StatusWaiting: StatusAccepted},
	ActRefuse:      to(open4, StatusRefused),
	ActEscalate:    {StatusAccepted: StatusEscalated},
	ActUpperResult: {StatusEscalated: StatusAccepted},
	ActHandOver:    same(open4),
	ActJointPart:   {StatusAccepted: StatusAccepted},
	ActFinish:      {StatusAccepted: StatusFinished},
	ActPause:       {StatusAccepted: StatusAccepted, StatusEscalated: StatusEscalated},
	ActResume:      {StatusAccepted: StatusAccepted, StatusEscalated: StatusEscalated},
	ActNote:        same(Statuses),
	ActWithdraw:    to(open4, StatusWithdrawn),
}

// Statuses lists every status, open ones first.
var Statuses = []Status{StatusSubmitted, StatusAccepted, StatusWaiting, StatusEscalated, StatusFinished,
	StatusRefused, StatusWithdrawn}

func to(from []Status, s Status) map[Status]Status {
	m := map[Status]Status{}
	for _, f := range from {
		m[f] = s
	}
	return m
}

func same(from []Status) map[Status]Status {
	m := map[Status]Status{}
	for _, f := range from {
		m[f] = f
	}
	return m
}

// Transition says where action a leads from status from, or why it may
// not be taken (an error that is both an *InvalidError with a Chinese
// message and ErrConflict). It checks only the status; each Store method
// adds the rules of its step (materials, joint parts, reasons …).
func Transition(from Status, a Action) (Status, error) {
	next, ok := transitions[a][from]
	if ok {
		return next, nil
	}
	return from, conflict(illegalMsg(from, a))
}

// AllowedActions lists the actions the status allows for a request handled
// in mode, for the staff screen's buttons.
func AllowedActions(st Status, mode Mode) []Action {
	var out []Action
	for _, a := range Actions {
		if _, ok := transitions[a][st]; !ok {
			continue
		}
		if a == ActJointPart && mode != ModeJoint {
			continue
		}
		out = append(out, a)
	}
	return out
}

func illegalMsg(from Status, a Action) string {
	switch from {
	case StatusFinished:
		return "该办件已办结，不能再" + a.verb() + "。"
	case StatusRefused:
		return "该办件已作不予受理（不予办理）处理并结束，不能再" + a.verb() + "。"
	case StatusWithdrawn:
		return "该办件已撤回，不能再" + a.verb() + "。"
	}
	switch a {
	case ActAccept:
		return "该办件已经受理，不能重复受理。"
	case ActComplete:
		return "该办件没有在等待补正材料，无需登记材料补齐。"
	case ActUpperResult:
		return "该办件没有上报上级部门，不能登记审批结果。"
	case ActJointPart:
		return "只有已受理、正在办理中的联合办理事项才能登记配合窗口的办理情况。"
	case ActPause, ActResume:
		return "只有已受理、正在计时的办件才能" + a.verb() + "。"
	}
	switch from {
	case StatusSubmitted:
		return "请先受理该办件，再" + a.verb() + "。"
	case StatusWaiting:
		return "该办件正在等待补正材料，材料补齐后才能" + a.verb() + "。"
	case StatusEscalated:
		if a == ActFinish {
			return "该办件已上报，请先登记上级部门的审批结果，再办结。"
		}
		if a == ActEscalate {
			return "该办件已经上报，请勿重复上报。"
		}
		return "该办件已上报上级部门，不能" + a.verb() + "。"
	}
	return "该办件当前状态为“" + from.Label() + "”，不能" + a.verb() + "。"
}

// stateError is a step refused by the request's state: an *InvalidError
// (for the message) that is also ErrConflict.
type stateError struct{ ie *InvalidError }

func conflict(msg string) error           { return stateError{Invalid("status", msg)} }
func (e stateError) Error() string        { return e.ie.Error() }
func (e stateError) Unwrap() []error      { return []error{e.ie, ErrConflict} }
func (e stateError) Is(target error) bool { return target == ErrConflict || target == ErrInvalid }

// Event kinds added by handling (request.go has the others). EventLabel in
// request.go does not know them yet; HandlingEventLabel does.
const (
	EventPaused      = "paused"
	EventResumed     = "resumed"
	EventUpperResult = "upper_result"
	EventWithdrawn   = "withdrawn"
)

// HandlingEventLabel is EventLabel, knowing the event kinds of handling.
func HandlingEventLabel(kind string) string { return EventLabel(kind) }

// ReplyMethod is how the resident was told the result (§五 回复反馈).
type ReplyMethod string

// Reply methods.
const (
	ReplyPhone    ReplyMethod = "phone"
	ReplyInPerson ReplyMethod = "in_person"
	ReplySMS      ReplyMethod = "sms"
)

// ReplyMethods lists them in the order a form offers them.
var ReplyMethods = []ReplyMethod{ReplyInPerson, ReplyPhone, ReplySMS}

// Label is the method's Chinese name.
func (r ReplyMethod) Label() string {
	switch r {
	case ReplyPhone:
		return "电话告知"
	case ReplyInPerson:
		return "当面告知"
	case ReplySMS:
		return "短信告知"
	}
	return string(r)
}

// Text limits of handling.
const (
	MaxNoteRunes   = 500
	MaxResultRunes = 500
	MaxReasonRunes = 500
	MaxPauseDays   = 366 // calendar days a single pause may last
)

// EffectiveClockStart is the day the time limit of a request received on
// received and accepted on accepted runs from: the day of acceptance;
// but when no 补正 notice went out within SupplementNoticeWorkdays working
// days of receipt (firstNotice zero, or after that deadline) and acceptance
// came after the deadline, the request counts as accepted on the day it
// was received (逾期不告知的，自收到申请材料之日起即为受理). After a notice,
// the clock runs again from the day the materials are complete instead
// (Store.MaterialsComplete), whatever this says.
func EffectiveClockStart(cal *Calendar, received, accepted, firstNotice time.Time) time.Time {
	deadline := dayNum(cal.SupplementNoticeDeadline(received))
	if !firstNotice.IsZero() && dayNum(firstNotice) <= deadline {
		return dayTime(dayNum(accepted))
	}
	if dayNum(accepted) > deadline {
		return dayTime(dayNum(received))
	}
	return dayTime(dayNum(accepted))
}

// reqRow is what a step needs of a request.
type reqRow struct {
	ID          int64
	ReceiptNo   string
	ItemID      int64
	ItemName    string
	ItemBasis   string
	ItemUpper   string
	Status      Status
	Mode        Mode
	Created     time.Time
	AcceptedAt  string
	ClockStart  string
	DueDay      string
	Owner       int64
	FirstOwner  int64
	Window      int64
	Days        int // 承诺期限 of the guide version the request was made under
	NeedsHelp   bool
	BroughtJSON string
}

func loadReq(ctx context.Context, tx *sql.Tx, id int64) (reqRow, error) {
	var r reqRow
	var created string
	var owner, first, window sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT r.id, r.receipt_no, r.item_id, i.name, i.basis, i.upper_department,
		r.status, r.mode, r.created_at, r.accepted_at, r.clock_start_day, r.due_day, r.owner_id, r.first_owner_id,
		r.window_id, coalesce(json_extract(v.snapshot, '$.promised_days'), i.promised_days), r.needs_help, r.brought
		FROM requests r JOIN items i ON i.id = r.item_id
		LEFT JOIN item_versions v ON v.item_id = r.item_id AND v.version = r.item_version
		WHERE r.id = ?`, id).Scan(&r.ID, &r.ReceiptNo, &r.ItemID, &r.ItemName, &r.ItemBasis, &r.ItemUpper,
		&r.Status, &r.Mode, &created, &r.AcceptedAt, &r.ClockStart, &r.DueDay, &owner, &first, &window, &r.Days,
		&r.NeedsHelp, &r.BroughtJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	r.Created, r.Owner, r.FirstOwner, r.Window = parseTime(created), owner.Int64, first.Int64, window.Int64
	return r, err
}

// step is one staff step in progress: the transaction, who acts, the
// request as it was, where it goes.
type step struct {
	ctx   context.Context
	tx    *sql.Tx
	by    Session
	req   reqRow
	next  Status
	now   time.Time
	at    string // now as stored
	today time.Time
	cal   *Calendar
}

// apply runs one step: it checks the session and the transition table,
// loads the calendar, takes the request up (首问) unless the action is a
// note, and runs fn; all in one transaction.
func (s *Store) apply(ctx context.Context, op string, by Session, id int64, a Action, fn func(*step) error) error {
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		req, err := loadReq(ctx, tx, id)
		if err != nil {
			return err
		}
		next, err := Transition(req.Status, a)
		if err != nil {
			return err
		}
		cal, err := calendarOf(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		st := &step{ctx: ctx, tx: tx, by: actor, req: req, next: next, now: now, at: formatTime(now),
			today: dayTime(dayNum(now)), cal: cal}
		if a != ActNote {
			if err := st.takeUp(); err != nil {
				return err
			}
		}
		return fn(st)
	})
}

// takeUp records the actor as first owner, and as owner, where none is set.
func (st *step) takeUp() error {
	if st.req.FirstOwner != 0 && st.req.Owner != 0 {
		return nil
	}
	_, err := st.tx.ExecContext(st.ctx, `UPDATE requests SET first_owner_id = coalesce(first_owner_id, ?),
		owner_id = coalesce(owner_id, ?) WHERE id = ?`, st.by.StaffID, st.by.StaffID, st.req.ID)
	if st.req.FirstOwner == 0 {
		st.req.FirstOwner = st.by.StaffID
	}
	if st.req.Owner == 0 {
		st.req.Owner = st.by.StaffID
	}
	return err
}

func (st *step) exec(q string, args ...any) error {
	_, err := st.tx.ExecContext(st.ctx, q, args...)
	return err
}

// event appends to the request's timeline, with structured data.
func (st *step) event(kind string, public bool, note string, data map[string]any) error {
	raw := []byte("{}")
	if len(data) > 0 {
		var err error
		if raw, err = json.Marshal(data); err != nil {
			return err
		}
	}
	return st.exec(`INSERT INTO request_events (request_id, at, kind, staff_id, window_id, public, note, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, st.req.ID, st.at, kind, st.by.StaffID, nullID(st.by.WindowID),
		boolInt(public), note, string(raw))
}

// internalNote adds the staff's own words as an internal note, if any.
func (st *step) internalNote(note string) error {
	if note == "" {
		return nil
	}
	return st.event(EventNote, false, note, nil)
}

func (st *step) audit(action, detail string) error {
	return audit(st.ctx, st.tx, st.at, st.by.StaffID, action, "办件 "+st.req.ReceiptNo, detail)
}

// pauses reads the request's clock pauses.
func (st *step) pauses() ([]Pause, error) {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT from_day, to_day FROM clock_pauses WHERE request_id = ? ORDER BY id`, st.req.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Pause
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return nil, err
		}
		p := Pause{}
		p.From, _ = ParseDay(from)
		if to != "" {
			p.To, _ = ParseDay(to)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// dueFrom is the due day of the request's limit started on start, with its
// pauses (empty while an open pause makes it unknown).
func (st *step) dueFrom(start time.Time) (string, error) {
	ps, err := st.pauses()
	if err != nil {
		return "", err
	}
	due, ok := st.cal.DueDate(start, st.req.Days, ps)
	if !ok {
		return "", nil
	}
	return Day(due), nil
}

// activePause is the id and restart day of the pause covering today, if any.
func (st *step) activePause() (int64, string, error) {
	var id int64
	var to string
	err := st.tx.QueryRowContext(st.ctx, `SELECT id, to_day FROM clock_pauses WHERE request_id = ? AND from_day <= ?
		AND (to_day = '' OR to_day > ?) ORDER BY id DESC LIMIT 1`, st.req.ID, Day(st.now), Day(st.now)).Scan(&id, &to)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return id, to, err
}

func cnDay(day string) string {
	t, err := ParseDay(day)
	if err != nil {
		return day
	}
	return t.Format("2006年1月2日")
}

func text(field, label, v string, maxRunes int, required bool) (string, error) {
	return Text(field, label, v, maxRunes, required, true)
}

// need is text for a required field, with msg when it is left empty.
func need(field, label, v string, maxRunes int, msg string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return "", Invalid(field, msg)
	}
	return Text(field, label, v, maxRunes, true, true)
}

// Accept takes a submitted request up in mode (the item's mode when empty).
// The actor becomes its owner (and its first owner if it has none). The
// clock starts on the day of acceptance (or on the day of receipt when the
// 补正 deadline has passed: EffectiveClockStart) and the due day is the
// guide's 承诺期限 in working days from there. 直接办理 finishes in the same
// step: note is then the result told to the resident in person (default
// "当场办结"); otherwise note is an internal note. 联合办理 sets up a part
// for the lead window and each participating window of the item.
//
// Accept takes the request up whatever materials are still missing, as
// one who has already asked; the missing ones are recorded with the
// acceptance. The desk uses AcceptChecked, which asks first.
func (s *Store) Accept(ctx context.Context, by Session, requestID int64, mode Mode, note string) error {
	return s.accept(ctx, by, requestID, mode, note, true)
}

// AcceptChecked is Accept at the desk: with required materials not ticked
// 已收 it is refused with an *InvalidError on MissingField naming them
// (AcceptMissingRule) unless confirm is set; a confirmed acceptance records
// what was missing on the request's timeline and in the audit log.
func (s *Store) AcceptChecked(ctx context.Context, by Session, requestID int64, mode Mode, note string,
	confirm bool) error {
	return s.accept(ctx, by, requestID, mode, note, confirm)
}

func (s *Store) accept(ctx context.Context, by Session, requestID int64, mode Mode, note string, confirm bool) error {
	note, err := text("note", "备注", note, MaxNoteRunes, false)
	if err != nil {
		return err
	}
	if mode != "" && !mode.Valid() {
		return Invalid("mode", "请选择一种办理方式。")
	}
	return s.apply(ctx, "accept", by, requestID, ActAccept, func(st *step) error {
		if mode == "" {
			mode = st.req.Mode
		}
		missing, err := st.missingNow()
		if err != nil {
			return err
		}
		if err := AcceptMissingRule(missing, confirm); err != nil {
			return err
		}
		prev := st.req.Owner
		if err := st.exec(`UPDATE requests SET owner_id = ? WHERE id = ?`, st.by.StaffID, st.req.ID); err != nil {
			return err
		}
		start := EffectiveClockStart(st.cal, st.req.Created, st.now, time.Time{})
		due, err := st.acceptCore(mode, start)
		if err != nil {
			return err
		}
		data := map[string]any{"mode": mode, "clock_start": Day(start), "due_day": due}
		if prev != 0 && prev != st.by.StaffID {
			data["previous_owner"] = prev
		}
		confirmed := "" // for the audit log
		if len(missing) > 0 {
			data["missing_confirmed"] = materialList(missing)
			confirmed = "（必需材料未收齐，经确认受理：" + materialList(missing) + "）"
		}
		if mode == ModeDirect {
			result := note
			if result == "" {
				result = "当场办结"
			}
			if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ?, reply_method = ?
				WHERE id = ?`, StatusFinished, st.at, result, ReplyInPerson, st.req.ID); err != nil {
				return err
			}
			if err := st.event(EventAccepted, true, "直接办理，即收即办", data); err != nil {
				return err
			}
			if err := st.event(EventFinished, true, result+"（"+ReplyInPerson.Label()+"）",
				map[string]any{"reply_method": ReplyInPerson}); err != nil {
				return err
			}
			return st.audit(AuditAccept, "直接办理，当场办结："+result+confirmed)
		}
		pub := mode.Label() + "，承诺于" + cnDay(due) + "前办结"
		if due == "" {
			pub = mode.Label()
		}
		if Day(start) != Day(st.now) {
			pub += "（逾期未告知补正，自收件之日" + cnDay(Day(start)) + "起计算办理时限）"
		}
		if err := st.event(EventAccepted, true, pub, data); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		return st.audit(AuditAccept, pub+confirmed)
	})
}

// acceptCore makes the request accepted in mode with its clock started on
// start: status, mode, accepted_at, clock, due day, window, the 协助/代办
// flags and the parts of 联合办理. It returns the due day.
func (st *step) acceptCore(mode Mode, start time.Time) (string, error) {
	window := st.req.Window
	if window == 0 {
		window = st.by.WindowID
	}
	if mode == ModeJoint && st.req.AcceptedAt == "" {
		lead, err := st.setUpParts(window)
		if err != nil {
			return "", err
		}
		window = lead
	}
	due, err := st.dueFrom(start)
	if err != nil {
		return "", err
	}
	accepted := st.req.AcceptedAt
	if accepted == "" {
		accepted = st.at
	}
	err = st.exec(`UPDATE requests SET status = ?, mode = ?, accepted_at = ?, clock_start_day = ?, due_day = ?,
		window_id = ?, needs_help = max(needs_help, ?), proxy = max(proxy, ?) WHERE id = ?`,
		StatusAccepted, mode, accepted, Day(start), due, nullID(window), boolInt(mode == ModeAssist),
		boolInt(mode == ModeProxy), st.req.ID)
	return due, err
}

// setUpParts creates the parts of a joint request from the item's windows
// and returns the lead window.
func (st *step) setUpParts(fallbackLead int64) (int64, error) {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT window_id, role FROM item_windows WHERE item_id = ?
		ORDER BY role DESC, window_id`, st.req.ItemID)
	if err != nil {
		return 0, err
	}
	var lead int64
	var joints []int64
	for rows.Next() {
		var w int64
		var role string
		if err := rows.Scan(&w, &role); err != nil {
			rows.Close()
			return 0, err
		}
		if role == "lead" {
			lead = w
		} else {
			joints = append(joints, w)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if lead == 0 {
		lead = fallbackLead
	}
	joints = slices.DeleteFunc(joints, func(w int64) bool { return w == lead })
	if lead == 0 {
		return 0, Invalid("mode", "该事项没有设置牵头窗口，不能联合办理。请在事项目录中设置后再受理。")
	}
	if len(joints) == 0 {
		return 0, Invalid("mode", "该事项没有设置配合窗口，不能选择联合办理，请改选其他办理方式。")
	}
	if err := st.exec(`INSERT OR IGNORE INTO request_parts (request_id, window_id, role) VALUES (?, ?, 'lead')`,
		st.req.ID, lead); err != nil {
		return 0, err
	}
	for _, w := range joints {
		if err := st.exec(`INSERT OR IGNORE INTO request_parts (request_id, window_id, role) VALUES (?, ?, 'joint')`,
			st.req.ID, w); err != nil {
			return 0, err
		}
	}
	return lead, nil
}

// SupplementNotice is a 补正通知 as sent: what the 补正通知单 prints.
type SupplementNotice struct {
	ID           int64
	RequestID    int64
	ReceiptNo    string
	ItemName     string
	At           time.Time
	Materials    []string // every material asked for on this notice
	Note         string
	Second       bool   // a later notice asking for something the first did not (一次性告知 breached)
	SecondReason string // why, when Second
	Deadline     string // the last day a first notice was allowed (SupplementNoticeDeadline)
}

// RequestSupplement sends the one-time notice of missing materials (一次性
// 告知): materialIDs are ticked from the item's list (all of them at once),
// note is printed on the notice. The request waits with its clock stopped;
// MaterialsComplete restarts it.
//
// The first notice must go out within SupplementNoticeWorkdays working days
// of receipt; after that the request counts as accepted from receipt and no
// notice may be sent. A later notice asking again for materials already
// told is allowed; one naming a material that no earlier notice named
// breaches 一次性告知: it needs secondReason, and is recorded as a breach
// (supplements.second_reason) for the reports.
func (s *Store) RequestSupplement(ctx context.Context, by Session, requestID int64, materialIDs []int64,
	note, secondReason string) (SupplementNotice, error) {
	var n SupplementNotice
	note, err := text("note", "补正说明", note, MaxNoteRunes, false)
	if err != nil {
		return n, err
	}
	if secondReason, err = text("second_reason", "再次补正的理由", secondReason, MaxReasonRunes, false); err != nil {
		return n, err
	}
	ids := slices.Clone(materialIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return n, Invalid("materials", "请勾选需要补正的材料（一次列全）。")
	}
	err = s.apply(ctx, "supplement", by, requestID, ActSupplement, func(st *step) error {
		names := make([]string, 0, len(ids))
		for _, id := range ids {
			var name string
			err := st.tx.QueryRowContext(ctx, `SELECT name FROM materials WHERE id = ? AND item_id = ?`, id, st.req.ItemID).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				return Invalid("materials", "所勾选的材料不属于该事项，请重新勾选。")
			}
			if err != nil {
				return err
			}
			names = append(names, name)
		}
		told := map[int64]bool{}
		var earlier int
		rows, err := st.tx.QueryContext(ctx, `SELECT materials FROM supplements WHERE request_id = ?`, st.req.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var raw string
			var prev []int64
			if err := rows.Scan(&raw); err != nil {
				rows.Close()
				return err
			}
			earlier++
			_ = json.Unmarshal([]byte(raw), &prev) // a malformed list told nothing
			for _, id := range prev {
				told[id] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		deadline := st.cal.SupplementNoticeDeadline(st.req.Created)
		n.Deadline = Day(deadline)
		if earlier == 0 && dayNum(st.now) > dayNum(deadline) {
			return Invalid("materials", fmt.Sprintf("补正告知应在收件后%d个工作日内（%s前）发出，现已逾期。依规定该申请自收件之日起视为受理，请直接受理办理。",
				SupplementNoticeWorkdays, cnDay(n.Deadline)))
		}
		var fresh []string
		for i, id := range ids {
			if !told[id] {
				fresh = append(fresh, names[i])
			}
		}
		second := earlier > 0 && len(fresh) > 0
		if second && secondReason == "" {
			return Invalid("second_reason", "按一次性告知制度，首次补正通知未列出的材料（"+strings.Join(fresh, "、")+
				"）再次要求补正须写明理由，并将计入考核。")
		}
		if !second {
			secondReason = ""
		}
		raw, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		res, err := st.tx.ExecContext(ctx, `INSERT INTO supplements (request_id, at, staff_id, materials, note, second_reason)
			VALUES (?, ?, ?, ?, ?, ?)`, st.req.ID, st.at, st.by.StaffID, string(raw), note, secondReason)
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := st.exec(`UPDATE requests SET status = ?, due_day = '' WHERE id = ?`, StatusWaiting, st.req.ID); err != nil {
			return err
		}
		pub := "请补正以下材料：" + strings.Join(names, "、") + "。"
		if note != "" {
			pub += note
		}
		data := map[string]any{"materials": ids, "supplement_id": n.ID}
		if second {
			data["second_reason"] = secondReason
		}
		if err := st.event(EventSupplement, true, pub, data); err != nil {
			return err
		}
		detail := pub
		if second {
			detail = "再次要求补正（违反一次性告知，计入考核），理由：" + secondReason + "。" + pub
		}
		n.RequestID, n.ReceiptNo, n.ItemName, n.At = st.req.ID, st.req.ReceiptNo, st.req.ItemName, st.now
		n.Materials, n.Note, n.Second, n.SecondReason = names, note, second, secondReason
		return st.audit(AuditSupplement, detail)
	})
	if err != nil {
		return SupplementNotice{}, err
	}
	return n, nil
}

// MaterialsComplete records that the missing materials are in: the open
// notices are closed with today's date, and the full time limit runs again
// from today (a new clock start and due day). A request not yet accepted
// is accepted by this step, in its registered mode.
func (s *Store) MaterialsComplete(ctx context.Context, by Session, requestID int64) error {
	return s.apply(ctx, "complete", by, requestID, ActComplete, func(st *step) error {
		// What the open notices asked for is now received (已收).
		if err := st.exec(`UPDATE requests SET brought = (SELECT json_group_array(v) FROM (
			SELECT value AS v FROM json_each(requests.brought) UNION
			SELECT j.value FROM supplements s, json_each(s.materials) j
			WHERE s.request_id = requests.id AND s.complete_day = '' ORDER BY 1)) WHERE id = ?`, st.req.ID); err != nil {
			return err
		}
		if err := st.exec(`UPDATE supplements SET complete_day = ? WHERE request_id = ? AND complete_day = ''`,
			Day(st.now), st.req.ID); err != nil {
			return err
		}
		due, err := st.acceptCore(st.req.Mode, st.today)
		if err != nil {
			return err
		}
		pub := "材料已补齐，自" + cnDay(Day(st.now)) + "起重新计算办理时限"
		if due != "" {
			pub += "，承诺于" + cnDay(due) + "前办结"
		}
		if err := st.event(EventComplete, true, pub, map[string]any{"clock_start": Day(st.now), "due_day": due,
			"mode": st.req.Mode}); err != nil {
			return err
		}
		return st.audit(AuditComplete, pub)
	})
}

// Refusal is a written refusal as recorded: what the 不予受理/不予办理通知书
// prints (the remedy wording comes from the center profile).
type Refusal struct {
	Kind   string // 不予受理 (before acceptance) or 不予办理 (after)
	Reason string
	Basis  string
}

// Refuse closes the request with a written refusal: 不予受理 before it was
// accepted, 不予办理 after. reason is required; basis defaults to the
// guide's 政策依据.
func (s *Store) Refuse(ctx context.Context, by Session, requestID int64, reason, basis string) (Refusal, error) {
	var rf Refusal
	reason, err := need("reason", "不予受理的理由", reason, MaxReasonRunes, "请写明不予受理（不予办理）的理由，通知书将书面告知申请人。")
	if err != nil {
		return rf, err
	}
	if basis, err = text("basis", "依据", basis, MaxReasonRunes, false); err != nil {
		return rf, err
	}
	err = s.apply(ctx, "refuse", by, requestID, ActRefuse, func(st *step) error {
		rf = Refusal{Kind: "不予受理", Reason: reason, Basis: basis}
		if st.req.AcceptedAt != "" {
			rf.Kind = "不予办理"
		}
		if rf.Basis == "" {
			rf.Basis = st.req.ItemBasis
		}
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ? WHERE id = ?`,
			StatusRefused, st.at, rf.Kind+"："+reason, st.req.ID); err != nil {
			return err
		}
		pub := rf.Kind + "：" + reason
		if rf.Basis != "" {
			pub += "（依据：" + rf.Basis + "）"
		}
		if err := st.event(EventRefused, true, pub, map[string]any{"kind": rf.Kind, "reason": reason, "basis": rf.Basis}); err != nil {
			return err
		}
		return st.audit(AuditRefuse, pub)
	})
	if err != nil {
		return Refusal{}, err
	}
	return rf, nil
}

// Escalate sends an accepted request to an upper department (上报办理):
// dept (default the guide's), the day it was sent (default today; not in
// the future) and the day a reply is expected (optional, not before the
// day sent). note is an internal note. Follow-up notes go through AddNote;
// the reply through UpperResult.
func (s *Store) Escalate(ctx context.Context, by Session, requestID int64, dept string, sentDay, expectedDay time.Time,
	note string) error {
	dept, err := text("department", "上级部门", dept, 60, false)
	if err != nil {
		return err
	}
	if note, err = text("note", "备注", note, MaxNoteRunes, false); err != nil {
		return err
	}
	return s.apply(ctx, "escalate", by, requestID, ActEscalate, func(st *step) error {
		if dept == "" {
			dept = st.req.ItemUpper
		}
		if dept == "" {
			return Invalid("department", "请填写报送的上级部门。")
		}
		sent := st.today
		if !sentDay.IsZero() {
			sent = dayTime(dayNum(sentDay))
		}
		if dayNum(sent) > dayNum(st.now) {
			return Invalid("sent_day", "报送日期不能晚于今天。")
		}
		expected := ""
		if !expectedDay.IsZero() {
			if dayNum(expectedDay) < dayNum(sent) {
				return Invalid("expected_day", "预计反馈日期不能早于报送日期。")
			}
			expected = Day(expectedDay)
		}
		if err := st.exec(`UPDATE requests SET status = ?, upper_department = ?, upper_sent_day = ?,
			upper_expected_day = ? WHERE id = ?`, StatusEscalated, dept, Day(sent), expected, st.req.ID); err != nil {
			return err
		}
		pub := cnDay(Day(sent)) + "已报送" + dept + "审批"
		if expected != "" {
			pub += "，预计" + cnDay(expected) + "前反馈"
		}
		if err := st.event(EventEscalated, true, pub, map[string]any{"department": dept, "sent_day": Day(sent),
			"expected_day": expected}); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		return st.audit(AuditEscalate, pub)
	})
}

// UpperResult records the upper department's reply to an escalated
// request; the request is back in progress, to be finished (Finish) or
// refused (Refuse) and the resident told.
func (s *Store) UpperResult(ctx context.Context, by Session, requestID int64, result string) error {
	result, err := text("result", "审批结果", result, MaxResultRunes, true)
	if err != nil {
		return err
	}
	return s.apply(ctx, "upper result", by, requestID, ActUpperResult, func(st *step) error {
		if err := st.exec(`UPDATE requests SET status = ? WHERE id = ?`, StatusAccepted, st.req.ID); err != nil {
			return err
		}
		pub := "上级部门审批结果：" + result
		if err := st.event(EventUpperResult, true, pub, map[string]any{"result": result}); err != nil {
			return err
		}
		return st.audit(AuditUpperResult, pub)
	})
}

// HandOver passes an open request to another staff member (toStaffID) or to
// a window (toWindowID: its staff member on duty, A post before B, becomes
// the owner), with a note for the receiver. Exactly one of the two is
// given. The request keeps an owner throughout; its first owner never
// changes.
func (s *Store) HandOver(ctx context.Context, by Session, requestID, toStaffID, toWindowID int64, note string) error {
	note, err := need("note", "转交说明", note, MaxNoteRunes, "请写明转交原因或需要交代的事项。")
	if err != nil {
		return err
	}
	if (toStaffID == 0) == (toWindowID == 0) {
		return Invalid("to", "请选择接收的工作人员或窗口（二者选一）。")
	}
	return s.apply(ctx, "handover", by, requestID, ActHandOver, func(st *step) error {
		to, window := toStaffID, toWindowID
		routed := ""
		if window != 0 {
			var err error
			if to, routed, err = st.windowReceiver(window); err != nil {
				return err
			}
		}
		var name string
		var staffWindow sql.NullInt64
		err := st.tx.QueryRowContext(ctx, `SELECT name, window_id FROM staff WHERE id = ? AND active = 1`, to).Scan(&name, &staffWindow)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("to", "找不到接收的工作人员，或其已停用。")
		}
		if err != nil {
			return err
		}
		if to == st.req.Owner {
			return Invalid("to", "该办件已由"+name+"负责，无需转交。")
		}
		if window == 0 {
			window = staffWindow.Int64
		}
		if window == 0 {
			window = st.req.Window
		}
		var windowName string
		if window != 0 {
			if err := st.tx.QueryRowContext(ctx, `SELECT name FROM windows WHERE id = ?`, window).Scan(&windowName); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return Invalid("to", "找不到该窗口。")
				}
				return err
			}
		}
		if err := st.exec(`UPDATE requests SET owner_id = ?, window_id = ? WHERE id = ?`, to, nullID(window), st.req.ID); err != nil {
			return err
		}
		pub := "转交" + name + "办理"
		if windowName != "" {
			pub = "转交" + windowName + name + "办理"
		}
		if err := st.event(EventHandover, true, pub, map[string]any{"from": st.req.Owner, "to": to, "window": window}); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		detail := pub + "。说明：" + note
		if routed != "" {
			detail += "（" + routed + "）"
		}
		return st.audit(AuditHandOver, detail)
	})
}

// windowReceiver is who takes a request handed over to a window: the
// staff member on duty there now by the A/B rule (routeWindow), unless that
// is the request's owner; otherwise, so that the request never goes
// without an owner, another active staff member of the window (not away by
// their latest whereabouts first, then A before B). note says, for the
// audit, how the receiver was found when it was not by duty.
func (st *step) windowReceiver(window int64) (to int64, note string, err error) {
	route, err := routeWindow(st.ctx, st.tx, window, st.now)
	if errors.Is(err, ErrNotFound) {
		return 0, "", Invalid("to", "找不到该窗口。")
	}
	if err != nil {
		return 0, "", err
	}
	if route.StaffID != 0 && route.StaffID != st.req.Owner {
		return route.StaffID, "", nil
	}
	err = st.tx.QueryRowContext(st.ctx, `SELECT s.id FROM staff s WHERE s.window_id = ? AND s.active = 1 AND s.id != ?
		ORDER BY coalesce((SELECT w.status FROM whereabouts w WHERE w.staff_id = s.id ORDER BY w.at DESC, w.id DESC
		LIMIT 1), 'on_duty') != 'on_duty', CASE s.ab WHEN 'A' THEN 0 WHEN 'B' THEN 1 ELSE 2 END, s.ord, s.id
		LIMIT 1`, window, st.req.Owner).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", Invalid("to", "该窗口没有其他可以接收的工作人员，请直接选择接收人。")
	}
	if err != nil {
		return 0, "", err
	}
	if route.StaffID == 0 {
		note = "窗口当前无人在岗：" + route.Reason
	} else {
		note = "在岗人员即当前负责人"
	}
	return to, note, nil
}

// JointPart records a participating window's part of a 联合办理 request
// (windowID 0: the actor's window), with what it did. The lead window does
// not record a part: it finishes the request once every part is in.
func (s *Store) JointPart(ctx context.Context, by Session, requestID, windowID int64, note string) error {
	note, err := need("note", "办理情况", note, MaxNoteRunes, "请填写本窗口的办理情况。")
	if err != nil {
		return err
	}
	return s.apply(ctx, "joint part", by, requestID, ActJointPart, func(st *step) error {
		if st.req.Mode != ModeJoint {
			return conflict("该办件不是联合办理，不需要登记配合窗口的办理情况。")
		}
		if windowID == 0 {
			windowID = st.by.WindowID
		}
		var role, done, wname string
		err := st.tx.QueryRowContext(ctx, `SELECT p.role, p.done_at, w.name FROM request_parts p
			JOIN windows w ON w.id = p.window_id WHERE p.request_id = ? AND p.window_id = ?`, st.req.ID, windowID).
			Scan(&role, &done, &wname)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("window", "该窗口不是本办件的配合窗口。")
		}
		if err != nil {
			return err
		}
		if role == "lead" {
			return Invalid("window", "牵头窗口不需要单独登记，待各配合窗口完成后直接办结即可。")
		}
		if done != "" {
			return conflict(wname + "的办理情况已经登记过了。")
		}
		if err := st.exec(`UPDATE request_parts SET done_at = ?, staff_id = ?, note = ? WHERE request_id = ? AND window_id = ?`,
			st.at, st.by.StaffID, note, st.req.ID, windowID); err != nil {
			return err
		}
		pub := wname + "已完成配合办理"
		if err := st.event(EventPartDone, true, pub, map[string]any{"window": windowID}); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		return st.audit(AuditJointPart, pub+"："+note)
	})
}

// Finish closes an accepted request with its result and how the resident
// was told (回复反馈). A 联合办理 request is finished only by its lead window
// (or its owner) and only after every participating window's part is in.
func (s *Store) Finish(ctx context.Context, by Session, requestID int64, result string, reply ReplyMethod) error {
	result, err := need("result", "办理结果", result, MaxResultRunes, "请填写办理结果。")
	if err != nil {
		return err
	}
	if !slices.Contains(ReplyMethods, reply) {
		return Invalid("reply_method", "请选择告知申请人结果的方式（当面、电话或短信）。")
	}
	return s.apply(ctx, "finish", by, requestID, ActFinish, func(st *step) error {
		if st.req.Mode == ModeJoint {
			if err := st.checkJointDone(); err != nil {
				return err
			}
		}
		if err := st.checkUpperFinish(); err != nil {
			return err
		}
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ?, reply_method = ? WHERE id = ?`,
			StatusFinished, st.at, result, reply, st.req.ID); err != nil {
			return err
		}
		// A pause running past today ends with the request.
		if err := st.exec(`UPDATE clock_pauses SET to_day = ? WHERE request_id = ? AND (to_day = '' OR to_day > ?)
			AND from_day <= ?`, Day(st.now), st.req.ID, Day(st.now), Day(st.now)); err != nil {
			return err
		}
		pub := "办理结果：" + result + "（已" + reply.Label() + "申请人）"
		if err := st.event(EventFinished, true, pub, map[string]any{"reply_method": reply}); err != nil {
			return err
		}
		return st.audit(AuditFinish, pub)
	})
}

func (st *step) checkJointDone() error {
	rows, err := st.tx.QueryContext(st.ctx, `SELECT p.window_id, p.role, p.done_at, w.name FROM request_parts p
		JOIN windows w ON w.id = p.window_id WHERE p.request_id = ? ORDER BY p.role DESC, w.ord, w.id`, st.req.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var lead int64
	var leadName string
	var pending []string
	for rows.Next() {
		var w int64
		var role, done, name string
		if err := rows.Scan(&w, &role, &done, &name); err != nil {
			return err
		}
		switch {
		case role == "lead":
			lead, leadName = w, name
		case done == "":
			pending = append(pending, name)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if lead != 0 && st.by.WindowID != lead && st.by.StaffID != st.req.Owner {
		return conflict("联合办理事项由牵头窗口（" + leadName + "）办结，请转交牵头窗口办结。")
	}
	if len(pending) > 0 {
		return conflict("还有配合窗口未完成：" + strings.Join(pending, "、") + "。全部完成后才能办结。")
	}
	return st.exec(`UPDATE request_parts SET done_at = ?, staff_id = ? WHERE request_id = ? AND role = 'lead'`,
		st.at, st.by.StaffID, st.req.ID)
}

// PauseClock stops an accepted request's clock from today until restart
// (the day counting resumes), for a written reason (特别程序 such as 公示 or
// 实地核查, or an approved extension). The due day moves accordingly. The
// event is public: the resident sees why the date moved.
func (s *Store) PauseClock(ctx context.Context, by Session, requestID int64, reason string, restart time.Time) error {
	reason, err := need("reason", "暂停计时的理由", reason, MaxReasonRunes, "暂停或延长办理时限须写明理由。")
	if err != nil {
		return err
	}
	if restart.IsZero() {
		return Invalid("restart_day", "请选择恢复计时的日期。")
	}
	return s.apply(ctx, "pause", by, requestID, ActPause, func(st *step) error {
		if dayNum(restart) <= dayNum(st.now) {
			return Invalid("restart_day", "恢复计时的日期应晚于今天。")
		}
		if dayNum(restart)-dayNum(st.now) > MaxPauseDays {
			return Invalid("restart_day", "一次暂停计时不能超过一年，请核对恢复日期。")
		}
		if id, _, err := st.activePause(); err != nil {
			return err
		} else if id != 0 {
			return conflict("该办件正在暂停计时，请先恢复计时或等到恢复日期。")
		}
		if err := st.exec(`INSERT INTO clock_pauses (request_id, from_day, to_day, reason, staff_id) VALUES (?, ?, ?, ?, ?)`,
			st.req.ID, Day(st.now), Day(restart), reason, st.by.StaffID); err != nil {
			return err
		}
		due, err := st.redue()
		if err != nil {
			return err
		}
		pub := "暂停计时至" + cnDay(Day(restart)) + "，理由：" + reason
		if due != "" {
			pub += "；承诺办结日期调整为" + cnDay(due)
		}
		if err := st.event(EventPaused, true, pub, map[string]any{"from": Day(st.now), "to": Day(restart), "due_day": due}); err != nil {
			return err
		}
		return st.audit(AuditPause, pub)
	})
}

// redue recomputes the due day from the clock start and the pauses.
func (st *step) redue() (string, error) {
	start, err := ParseDay(st.req.ClockStart)
	if err != nil {
		return "", Invalid("clock", "该办件没有计时起点，无法计算办结期限。")
	}
	due, err := st.dueFrom(start)
	if err != nil {
		return "", err
	}
	return due, st.exec(`UPDATE requests SET due_day = ? WHERE id = ?`, due, st.req.ID)
}

// ResumeClock ends the running pause today (earlier than planned); note is
// optional. The due day moves back accordingly.
func (s *Store) ResumeClock(ctx context.Context, by Session, requestID int64, note string) error {
	note, err := text("note", "备注", note, MaxNoteRunes, false)
	if err != nil {
		return err
	}
	return s.apply(ctx, "resume", by, requestID, ActResume, func(st *step) error {
		id, _, err := st.activePause()
		if err != nil {
			return err
		}
		if id == 0 {
			return conflict("该办件没有在暂停计时，无需恢复。")
		}
		if err := st.exec(`UPDATE clock_pauses SET to_day = ? WHERE id = ?`, Day(st.now), id); err != nil {
			return err
		}
		due, err := st.redue()
		if err != nil {
			return err
		}
		pub := "自" + cnDay(Day(st.now)) + "起恢复计时"
		if due != "" {
			pub += "，承诺于" + cnDay(due) + "前办结"
		}
		if err := st.event(EventResumed, true, pub, map[string]any{"due_day": due}); err != nil {
			return err
		}
		if err := st.internalNote(note); err != nil {
			return err
		}
		return st.audit(AuditResume, pub)
	})
}

// AddNote adds a note to the request's timeline: a follow-up (跟进记录) or
// progress the resident may see (public), or an internal one. Allowed in
// every status, also after the request has closed.
func (s *Store) AddNote(ctx context.Context, by Session, requestID int64, note string, public bool) error {
	note, err := need("note", "办理记录", note, MaxNoteRunes, "请填写办理记录的内容。")
	if err != nil {
		return err
	}
	return s.apply(ctx, "note", by, requestID, ActNote, func(st *step) error {
		if err := st.event(EventNote, public, note, nil); err != nil {
			return err
		}
		vis := "（内部）"
		if public {
			vis = "（公开）"
		}
		return st.audit(AuditNote, vis+note)
	})
}

// Withdraw closes an open request at the applicant's wish, with the
// reason they gave.
func (s *Store) Withdraw(ctx context.Context, by Session, requestID int64, reason string) error {
	reason, err := need("reason", "撤回原因", reason, MaxReasonRunes, "请写明申请人撤回的原因。")
	if err != nil {
		return err
	}
	return s.apply(ctx, "withdraw", by, requestID, ActWithdraw, func(st *step) error {
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ? WHERE id = ?`,
			StatusWithdrawn, st.at, "申请人撤回："+reason, st.req.ID); err != nil {
			return err
		}
		pub := "申请人撤回申请：" + reason
		if err := st.event(EventWithdrawn, true, pub, nil); err != nil {
			return err
		}
		return st.audit(AuditWithdraw, pub)
	})
}

// RequestDetail is everything staff see of one request: the applicant in
// full, the handling state, the 补正 notices, the joint parts, the clock
// pauses and the whole timeline (internal entries too).
type RequestDetail struct {
	ID               int64
	ReceiptNo        string
	QueryCode        string
	Token            string
	ItemID           int64
	ItemName         string
	ItemVersion      int
	PromisedDays     int
	Channel          Channel
	Status           Status
	Mode             Mode
	ApplicantName    string
	ApplicantPhone   string
	ApplicantID      string
	Description      string
	Fields           map[string]string
	Brought          []int64
	NeedsHelp        bool
	Proxy            bool
	WindowID         int64
	WindowName       string
	OwnerID          int64
	OwnerName        string
	FirstOwnerID     int64
	FirstOwnerName   string
	Created          time.Time
	Accepted         time.Time
	Finished         time.Time
	ClockStartDay    string
	DueDay           string
	NoticeDeadline   string // last day for a first 补正 notice
	Result           string
	ReplyMethod      ReplyMethod
	UpperDepartment  string
	UpperSentDay     string
	UpperExpectedDay string
	Supplements      []SupplementNotice
	Parts            []JointPartState
	Pauses           []ClockPause
	Events           []Event
	Allowed          []Action // what the status allows now (AllowedActions)
}

// JointPartState is one window's part of a 联合办理 request.
type JointPartState struct {
	WindowID   int64
	WindowName string
	Lead       bool
	Done       time.Time // zero while pending
	StaffName  string
	Note       string
}

// ClockPause is a span the request's clock stood still.
type ClockPause struct {
	FromDay, ToDay string
	Reason         string
	StaffName      string
}

// RequestDetail reads one request for the staff screen (and the notices
// that print from it).
func (s *Store) RequestDetail(ctx context.Context, id int64) (RequestDetail, error) {
	var d RequestDetail
	err := s.read(ctx, "request detail", func(tx *sql.Tx) error {
		var fields, brought, created, accepted, finished string
		var window, owner, first sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT r.id, r.receipt_no, r.query_code, r.token, r.item_id, i.name,
			r.item_version, coalesce(json_extract(v.snapshot, '$.promised_days'), i.promised_days), r.channel, r.status,
			r.mode, r.applicant_name, r.applicant_phone, r.applicant_id, r.description, r.fields, r.brought,
			r.needs_help, r.proxy, r.window_id, coalesce(w.name, ''), r.owner_id, coalesce(o.name, ''),
			r.first_owner_id, coalesce(f.name, ''), r.created_at, r.accepted_at, r.finished_at, r.clock_start_day,
			r.due_day, r.result, r.reply_method, r.upper_department, r.upper_sent_day, r.upper_expected_day
			FROM requests r JOIN items i ON i.id = r.item_id
			LEFT JOIN item_versions v ON v.item_id = r.item_id AND v.version = r.item_version
			LEFT JOIN windows w ON w.id = r.window_id LEFT JOIN staff o ON o.id = r.owner_id
			LEFT JOIN staff f ON f.id = r.first_owner_id WHERE r.id = ?`, id).Scan(&d.ID, &d.ReceiptNo,
			&d.QueryCode, &d.Token, &d.ItemID, &d.ItemName, &d.ItemVersion, &d.PromisedDays, &d.Channel, &d.Status,
			&d.Mode, &d.ApplicantName, &d.ApplicantPhone, &d.ApplicantID, &d.Description, &fields, &brought,
			&d.NeedsHelp, &d.Proxy, &window, &d.WindowName, &owner, &d.OwnerName, &first, &d.FirstOwnerName,
			&created, &accepted, &finished, &d.ClockStartDay, &d.DueDay, &d.Result, &d.ReplyMethod,
			&d.UpperDepartment, &d.UpperSentDay, &d.UpperExpectedDay)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		d.WindowID, d.OwnerID, d.FirstOwnerID = window.Int64, owner.Int64, first.Int64
		d.Created, d.Accepted, d.Finished = parseTime(created), parseTime(accepted), parseTime(finished)
		_ = json.Unmarshal([]byte(fields), &d.Fields)   // stored by Register from a map
		_ = json.Unmarshal([]byte(brought), &d.Brought) // stored by Register from a slice
		cal, err := calendarOf(ctx, tx)
		if err != nil {
			return err
		}
		d.NoticeDeadline = Day(cal.SupplementNoticeDeadline(d.Created))
		if d.Supplements, err = supplementsOf(ctx, tx, &d); err != nil {
			return err
		}
		if d.Parts, err = partsOf(ctx, tx, id); err != nil {
			return err
		}
		if d.Pauses, err = pausesOf(ctx, tx, id); err != nil {
			return err
		}
		if d.Events, err = events(ctx, tx, id, false); err != nil {
			return err
		}
		d.Allowed = AllowedActions(d.Status, d.Mode)
		return nil
	})
	if err != nil {
		return RequestDetail{}, err
	}
	return d, nil
}

func supplementsOf(ctx context.Context, tx *sql.Tx, d *RequestDetail) ([]SupplementNotice, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, materials, note, second_reason FROM supplements
		WHERE request_id = ? ORDER BY id`, d.ID)
	if err != nil {
		return nil, err
	}
	type row struct {
		n    SupplementNotice
		mats string
	}
	var rs []row
	for rows.Next() {
		var r row
		var at string
		if err := rows.Scan(&r.n.ID, &at, &r.mats, &r.n.Note, &r.n.SecondReason); err != nil {
			rows.Close()
			return nil, err
		}
		r.n.At, r.n.Second = parseTime(at), r.n.SecondReason != ""
		r.n.RequestID, r.n.ReceiptNo, r.n.ItemName, r.n.Deadline = d.ID, d.ReceiptNo, d.ItemName, d.NoticeDeadline
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]SupplementNotice, 0, len(rs))
	for _, r := range rs {
		var err error
		if r.n.Materials, err = materialNames(ctx, tx, r.mats); err != nil {
			return nil, err
		}
		out = append(out, r.n)
	}
	return out, nil
}

func partsOf(ctx context.Context, tx *sql.Tx, id int64) ([]JointPartState, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.window_id, w.name, p.role = 'lead', p.done_at, coalesce(s.name, ''), p.note
		FROM request_parts p JOIN windows w ON w.id = p.window_id LEFT JOIN staff s ON s.id = p.staff_id
		WHERE p.request_id = ? ORDER BY p.role DESC, w.ord, w.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []JointPartState
	for rows.Next() {
		var p JointPartState
		var done string
		if err := rows.Scan(&p.WindowID, &p.WindowName, &p.Lead, &done, &p.StaffName, &p.Note); err != nil {
			return nil, err
		}
		p.Done = parseTime(done)
		out = append(out, p)
	}
	return out, rows.Err()
}

func pausesOf(ctx context.Context, tx *sql.Tx, id int64) ([]ClockPause, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.from_day, p.to_day, p.reason, coalesce(s.name, '')
		FROM clock_pauses p LEFT JOIN staff s ON s.id = p.staff_id WHERE p.request_id = ? ORDER BY p.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClockPause
	for rows.Next() {
		var p ClockPause
		if err := rows.Scan(&p.FromDay, &p.ToDay, &p.Reason, &p.StaffName); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// NoticeKind names a written notice of handling (issue 5 §10).
type NoticeKind string

// Notice kinds.
const (
	NoticePromise    NoticeKind = "promise"    // 承诺办结通知单
	NoticeCorrection NoticeKind = "correction" // 补正材料通知单
	NoticeRefusal    NoticeKind = "refusal"    // 不予受理（办理）通知书
	NoticeFinished   NoticeKind = "finished"   // 办结通知单
)

// Label is the notice's Chinese name.
func (k NoticeKind) Label() string {
	switch k {
	case NoticePromise:
		return "承诺办结通知单"
	case NoticeCorrection:
		return "补正材料通知单"
	case NoticeRefusal:
		return "不予受理通知书"
	case NoticeFinished:
		return "办结通知单"
	}
	return string(k)
}

// AuditNoticeReprint is the audit action of a notice reprinted later.
const AuditNoticeReprint = "notice_reprint"

// NoticeAuditLabel is the Chinese name of the notice reprint audit action,
// "" for others.
func NoticeAuditLabel(action string) string {
	if action == AuditNoticeReprint {
		return "补打通知书"
	}
	return ""
}

var _ = registerAudit(NoticeAuditLabel, AuditNoticeReprint)

// IssuedNotice is a written notice a request has had, as stored: what a
// reprint lays out again (with the request's RequestDetail for the rest).
type IssuedNotice struct {
	Kind       NoticeKind
	At         time.Time        // when the step that produced it was taken
	Staff      string           // who took that step (承办人)
	Supplement SupplementNotice // NoticeCorrection: the notice as sent
	Refusal    Refusal          // NoticeRefusal: kind, reason and basis as written
}

// Title is the notice's name as printed (不予办理通知书 after acceptance).
func (n IssuedNotice) Title() string {
	if n.Kind == NoticeRefusal && n.Refusal.Kind == "不予办理" {
		return "不予办理通知书"
	}
	return n.Kind.Label()
}

// IssuedNotices lists the written notices request id has had, oldest first:
// the 承诺办结通知单 of a 承诺办理 acceptance, each 补正材料通知单, the
// refusal and the 办结通知单. Reading it is not audited; ReprintNotice is.
func (s *Store) IssuedNotices(ctx context.Context, id int64) ([]IssuedNotice, error) {
	var out []IssuedNotice
	err := s.read(ctx, "issued notices", func(tx *sql.Tx) error {
		var err error
		out, err = issuedNotices(ctx, tx, id)
		return err
	})
	return out, err
}

func issuedNotices(ctx context.Context, tx *sql.Tx, id int64) ([]IssuedNotice, error) {
	var d RequestDetail
	var created string
	err := tx.QueryRowContext(ctx, `SELECT r.id, r.receipt_no, i.name, r.created_at FROM requests r
		JOIN items i ON i.id = r.item_id WHERE r.id = ?`, id).Scan(&d.ID, &d.ReceiptNo, &d.ItemName, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	d.Created = parseTime(created)
	cal, err := calendarOf(ctx, tx)
	if err != nil {
		return nil, err
	}
	d.NoticeDeadline = Day(cal.SupplementNoticeDeadline(d.Created))
	sups, err := supplementsOf(ctx, tx, &d)
	if err != nil {
		return nil, err
	}
	byID := map[int64]SupplementNotice{}
	for _, sn := range sups {
		byID[sn.ID] = sn
	}
	var out []IssuedNotice
	rows, err := tx.QueryContext(ctx, `SELECT e.at, e.kind, e.data, coalesce(s.name, '') FROM request_events e
		LEFT JOIN staff s ON s.id = e.staff_id WHERE e.request_id = ? AND e.kind IN (?, ?, ?, ?, ?) ORDER BY e.id`,
		id, EventAccepted, EventComplete, EventSupplement, EventRefused, EventFinished)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var at, kind, raw, staff string
		if err := rows.Scan(&at, &kind, &raw, &staff); err != nil {
			return nil, err
		}
		var ev struct {
			Mode   Mode   `json:"mode"`
			DueDay string `json:"due_day"`
			Kind   string `json:"kind"`
			Reason string `json:"reason"`
			Basis  string `json:"basis"`
			Sup    int64  `json:"supplement_id"`
		}
		_ = json.Unmarshal([]byte(raw), &ev) // written by the steps above; a malformed one tells nothing
		n := IssuedNotice{At: parseTime(at), Staff: staff}
		switch kind {
		case EventAccepted, EventComplete:
			// Acceptance, or the materials completed (which sets the
			// promised day anew): a 承诺办结通知单 with the day.
			if ev.Mode != ModePromise || ev.DueDay == "" {
				continue
			}
			n.Kind = NoticePromise
		case EventRefused:
			n.Kind, n.Refusal = NoticeRefusal, Refusal{Kind: ev.Kind, Reason: ev.Reason, Basis: ev.Basis}
			if n.Refusal.Kind == "" {
				n.Refusal.Kind = "不予受理"
			}
		case EventSupplement:
			sn, ok := byID[ev.Sup]
			if !ok {
				continue
			}
			n.Kind, n.Supplement = NoticeCorrection, sn
		case EventFinished:
			n.Kind = NoticeFinished
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// ReprintNotice finds the notice of kind the request has had (for a
// correction, the one of supplement supplementID; 0: the latest) for a
// reprint by a signed-in staff member, and writes one audit row. A notice
// the request never had is a polite InvalidError.
func (s *Store) ReprintNotice(ctx context.Context, by Session, requestID int64, kind NoticeKind,
	supplementID int64) (IssuedNotice, error) {
	var found IssuedNotice
	err := s.tx(ctx, "reprint notice", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		ns, err := issuedNotices(ctx, tx, requestID)
		if err != nil {
			return err
		}
		ok := false
		for _, n := range ns {
			if n.Kind == kind && (kind != NoticeCorrection || supplementID == 0 || n.Supplement.ID == supplementID) {
				found, ok = n, true
			}
		}
		if !ok {
			return Invalid("notice", "该办件没有出具过"+kind.Label()+"，无法补打。")
		}
		var no string
		if err := tx.QueryRowContext(ctx, `SELECT receipt_no FROM requests WHERE id = ?`, requestID).Scan(&no); err != nil {
			return err
		}
		detail := found.Title()
		if kind == NoticeCorrection {
			detail += "（" + noticeTime(found.At) + "）"
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditNoticeReprint, "办件 "+no, detail)
	})
	if err != nil {
		return IssuedNotice{}, err
	}
	return found, nil
}

// noticeTime is a moment as a Chinese date and time, China time.
func noticeTime(t time.Time) string { return t.In(China).Format("2006年1月2日 15:04") }
