package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// The machinery of a handling step: the request as a step reads it, one
// transaction per step (Store.apply), the timeline and the audit row.

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
		r.window_id, coalesce(CAST(json_extract(v.snapshot, '$.promised_days') AS INTEGER), i.promised_days), r.needs_help, r.brought
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
	return s.txAs(ctx, op, by, actorOf, func(tx *sql.Tx, actor Session) error {
		req, err := loadReq(ctx, tx, id)
		if err != nil {
			return err
		}
		next, err := Transition(req.Status, a)
		if err != nil {
			return takenBy(ctx, tx, req, actor, a, err)
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

// FirstInquiryRule is 首问负责 (§五1–2: 第一个受理办事群众的工作人员即为首办
// 责任人; 直到有人办理为止): the first staff member to take a request up
// becomes its first owner, and its owner while it has none; a first owner
// once set never changes, nor does an owner.
func FirstInquiryRule(firstOwner, owner, actor int64) (newFirst, newOwner int64) {
	if firstOwner == 0 {
		firstOwner = actor
	}
	if owner == 0 {
		owner = actor
	}
	return firstOwner, owner
}

// takeUp records the actor as first owner, and as owner, where none is set
// (FirstInquiryRule).
func (st *step) takeUp() error {
	first, owner := FirstInquiryRule(st.req.FirstOwner, st.req.Owner, st.by.StaffID)
	if first == st.req.FirstOwner && owner == st.req.Owner {
		return nil
	}
	st.req.FirstOwner, st.req.Owner = first, owner
	return st.exec(`UPDATE requests SET first_owner_id = ?, owner_id = ? WHERE id = ?`, first, owner, st.req.ID)
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
	return RequestDueDay(st.cal, start, st.req.Days, ps), nil
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

// chosenIDs are the ids ticked in a list (materials, requests), each once
// and in order; an id of 0 or less names no row and counts as not ticked.
// msg for field when none is.
func chosenIDs(field string, ids []int64, msg string) ([]int64, error) {
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.DeleteFunc(slices.Compact(out), func(id int64) bool { return id <= 0 })
	if len(out) == 0 {
		return nil, Invalid(field, msg)
	}
	return out, nil
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
