package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Follow-ups on bad ratings (回访, §五3 征求意见).

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

// FollowUpRule is the follow-up of a rating (§五3: 回复反馈…征求意见和建议):
// a bad rating (不满意, 非常不满意: level at most RatingBad) is followed up,
// once (done: it already was), within FollowUpWorkdays working days; other
// ratings are not. RatingsNeedingFollowUp selects the same ratings in its
// query (the literal there matches the partial index).
func FollowUpRule(level int, done bool) error {
	switch {
	case level > RatingBad:
		return Invalid("rating", "只有“不满意”“非常不满意”的评价需要回访。")
	case done:
		return conflict("该评价已经回访过了。")
	}
	return nil
}

// RatingsNeedingFollowUp lists the bad ratings (不满意, 非常不满意) not yet
// followed up, the most urgent first, with their due state at the store's
// now.
func (s *Store) RatingsNeedingFollowUp(ctx context.Context) ([]FollowUpDue, error) {
	now := s.now()
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	var out []FollowUpDue
	err = s.read(ctx, "follow-ups", func(tx *sql.Tx) error {
		return collectRows(ctx, tx, &out, func(f *FollowUpDue) []any {
			return []any{&f.RatingID, &f.RequestID, &f.ReceiptNo, &f.ItemName, &f.Level, &f.Reason, timeText(&f.RatedAt),
				&f.ApplicantName, &f.ApplicantPhone, &f.OwnerID, &f.OwnerName}
		}, `SELECT g.id, g.request_id, r.receipt_no, i.name, g.level, g.reason, g.at,
			r.applicant_name, r.applicant_phone, coalesce(r.owner_id, 0), coalesce(o.name, '')
			FROM ratings g JOIN requests r ON r.id = g.request_id JOIN items i ON i.id = r.item_id
			LEFT JOIN staff o ON o.id = r.owner_id
			WHERE g.level <= 2 AND g.follow_up = '' ORDER BY g.at, g.id`) // 2 = RatingBad, as in index ratings_follow_up
	})
	for i := range out {
		f := &out[i]
		f.LevelLabel = RatingLabel(f.Level)
		due := cal.AddWorkdays(f.RatedAt, FollowUpWorkdays)
		f.DueDay, f.Due, f.WorkdaysLeft = Day(due), cal.DueState(now, due), cal.WorkdaysBetween(now, due)
	}
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
	return s.txAs(ctx, "follow-up", by, actorOf, func(tx *sql.Tx, actor Session) error {
		var level int
		var requestID int64
		var done, receipt string
		err := tx.QueryRowContext(ctx, `SELECT g.level, g.request_id, g.follow_up, r.receipt_no FROM ratings g
			JOIN requests r ON r.id = g.request_id WHERE g.id = ?`, ratingID).Scan(&level, &requestID, &done, &receipt)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := FollowUpRule(level, done != ""); err != nil {
			return err
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
