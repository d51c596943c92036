package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// The written notices a request has had (§七2 承诺办结通知单, §六2 补正, §三6
// 不予受理), and their reprint.

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
	return readValue(ctx, s, "issued notices", func(tx *sql.Tx) ([]IssuedNotice, error) {
		return issuedNotices(ctx, tx, id)
	})
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
		_ = json.Unmarshal([]byte(raw), &ev) // written by the handling steps; a malformed one tells nothing
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
	err := s.txAs(ctx, "reprint notice", by, actorOf, func(tx *sql.Tx, actor Session) error {
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
			return Invalid("notice", "该办件没有出具过"+kind.Label()+"，无法补打。").
				keyed("data.handling_notice.none", map[string]any{"Notice": noticeTerm(kind)})
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
