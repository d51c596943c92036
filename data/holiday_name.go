package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// CalendarDay reads the calendar exception stored for the date of t (China
// time): a holiday with its name (国庆节), or a swapped working day
// (国庆节调休上班). An ordinary day, which has no entry, is ErrNotFound. The
// kiosk's header says "今日休息（国庆节）" with it.
func (s *Store) CalendarDay(ctx context.Context, t time.Time) (CalendarDay, error) {
	var d CalendarDay
	err := s.read(ctx, "calendar day", func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT day, kind, name FROM calendar_days WHERE day = ?`, Day(t)).
			Scan(&d.Day, &d.Kind, &d.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	if err != nil {
		return CalendarDay{}, err
	}
	return d, nil
}
