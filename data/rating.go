package data

import (
	"context"
	"database/sql"
	"errors"
)

// Rating levels, 好差评: 5 非常满意 … 1 非常不满意.
const (
	RatingVeryGood = 5
	RatingGood     = 4
	RatingFair     = 3
	RatingBad      = 2
	RatingVeryBad  = 1
)

// RatingLabel is a level's Chinese name.
func RatingLabel(level int) string {
	switch level {
	case RatingVeryGood:
		return "非常满意"
	case RatingGood:
		return "满意"
	case RatingFair:
		return "基本满意"
	case RatingBad:
		return "不满意"
	case RatingVeryBad:
		return "非常不满意"
	}
	return ""
}

// MaxRatingReasonRunes is the longest reason a resident may give.
const MaxRatingReasonRunes = 300

// Rate records the resident's rating of a finished request: once per
// request (the same rating sent again, a retry, is taken as saved, not
// refused). A bad rating (不满意, 非常不满意) later needs a follow-up by
// staff.
func (s *Store) Rate(ctx context.Context, requestID int64, level int, reason string) error {
	if RatingLabel(level) == "" {
		return Invalid("level", "请选择一个评价等级。")
	}
	reason, err := Text("reason", "评价理由", reason, MaxRatingReasonRunes, false, true)
	if err != nil {
		return err
	}
	if level <= RatingBad && reason == "" {
		return Invalid("reason", "请简单说说哪里让您不满意，我们会认真改进并回访。")
	}
	return s.tx(ctx, "rate", func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id = ?`, requestID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if Status(status) != StatusFinished {
			return Invalid("request", "该事项尚未办结，办结后欢迎您再来评价。")
		}
		var had int
		var hadReason string
		err = tx.QueryRowContext(ctx, `SELECT level, reason FROM ratings WHERE request_id = ?`, requestID).
			Scan(&had, &hadReason)
		switch {
		case err == nil && had == level && hadReason == reason:
			// The same rating sent again (a retry after a connection lost
			// while saving, see ErrCommitUnknown): it is saved, once.
			return nil
		case err == nil:
			return Invalid("request", "该办件已经评价过了，感谢您的反馈。")
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO ratings (request_id, level, reason, at) VALUES (?, ?, ?, ?)`,
			requestID, level, reason, now); err != nil {
			return err
		}
		return addEvent(ctx, tx, requestID, now, EventRated, nil, nil, true, RatingLabel(level))
	})
}
