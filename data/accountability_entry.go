package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Accountability entries (责任追究, §九): made by a substantiated complaint
// (DecideComplaint) or entered directly by an administrator, and their outcome.

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
	err = s.txAs(ctx, "accountability", by, accountabilityAdmin, func(tx *sql.Tx, actor Session) error {
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
		var err error
		id, err = addAccountability(ctx, tx, actor, formatTime(now), n, 0, "")
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// accountabilityAdmin is adminOnly for the accountability entries.
func accountabilityAdmin(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	return adminOnly(ctx, tx, by, "责任追究由管理员登记。")
}

// SetAccountabilityOutcome records how an accountability entry ended (整改
// 情况, 处理结果). Administrators only; a later call corrects it (the audit
// log keeps each).
func (s *Store) SetAccountabilityOutcome(ctx context.Context, by Session, id int64, outcome string) error {
	outcome, err := Text("outcome", "整改或处理结果", outcome, MaxAccountRunes, true, true)
	if err != nil {
		return err
	}
	return s.txAs(ctx, "accountability outcome", by, accountabilityAdmin, func(tx *sql.Tx, actor Session) error {
		var code, name string
		var staffID int64
		err := tx.QueryRowContext(ctx, `SELECT s.id, s.code, s.name FROM accountability a JOIN staff s ON s.id = a.staff_id
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
