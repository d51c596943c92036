package data

import (
	"context"
	"database/sql"
)

// RetentionYears is how long a closed request keeps the applicant's
// personal information (name, mobile, ID number, what they typed). After
// that the name is kept only masked (张*三) for the statistics, and the rest
// is erased. Complaints keep contact details as long.
const RetentionYears = 3

// PurgeExpired erases the personal information of requests and complaints
// closed more than RetentionYears ago (and contacts left with 预公开
// comments that long ago), in one transaction, and returns how
// many records it erased. The kiosk runs it at start-up.
func (s *Store) PurgeExpired(ctx context.Context) (int, error) {
	cutoff := formatTime(s.now().AddDate(-RetentionYears, 0, 0))
	n := 0
	err := s.tx(ctx, "purge", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, applicant_name FROM requests
			WHERE status IN ('finished', 'refused', 'withdrawn') AND purge_after = ''
			AND coalesce(nullif(finished_at, ''), created_at) < ?`, cutoff)
		if err != nil {
			return err
		}
		type victim struct {
			id   int64
			name string
		}
		var vs []victim
		for rows.Next() {
			var v victim
			if err := rows.Scan(&v.id, &v.name); err != nil {
				rows.Close()
				return err
			}
			vs = append(vs, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		now := s.stamp()
		for _, v := range vs {
			if _, err := tx.ExecContext(ctx, `UPDATE requests SET applicant_name = ?, applicant_phone = '',
				applicant_id = '', description = '', fields = '{}', purge_after = ? WHERE id = ?`,
				MaskName(v.name), now, v.id); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE complaints SET contact_name = '', contact_phone = ''
			WHERE status = 'closed' AND closed_at != '' AND closed_at < ? AND (contact_name != '' OR contact_phone != '')`, cutoff)
		if err != nil {
			return err
		}
		c, err := res.RowsAffected()
		if err != nil {
			return err
		}
		// Residents' contact details left with 预公开 comments.
		res, err = tx.ExecContext(ctx, `UPDATE disclosure_comments SET contact = '' WHERE contact != '' AND at < ?`, cutoff)
		if err != nil {
			return err
		}
		d, err := res.RowsAffected()
		n = len(vs) + int(c) + int(d)
		return err
	})
	return n, err
}
