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

// What PurgeExpired erases, each read through its partial index of
// migration 009 (INDEXED BY: a change that made the index unusable fails
// at once instead of silently reading every row). The conditions must stay
// word for word those of the indexes.
const (
	purgeRequestsDue = `FROM requests INDEXED BY requests_purge_due
		WHERE status IN ('finished', 'refused', 'withdrawn') AND purge_after = ''
		AND coalesce(nullif(finished_at, ''), created_at) < ?`
	purgeComplaintsDue = `complaints INDEXED BY complaints_purge_due
		WHERE status = 'closed' AND (contact_name != '' OR contact_phone != '') AND closed_at != '' AND closed_at < ?`
	purgeCommentsDue = `disclosure_comments INDEXED BY disclosure_comments_purge_due WHERE contact != '' AND at < ?`
)

// purgeBatch is how many requests one transaction of PurgeExpired erases.
var purgeBatch = 500

// purgeRequests erases the personal information of up to purgeBatch
// requests due, in one transaction, and returns how many.
func (s *Store) purgeRequests(ctx context.Context, cutoff string) (int, error) {
	n := 0
	err := s.tx(ctx, "purge", func(tx *sql.Tx) error {
		type victim struct {
			id   int64
			name string
		}
		vs, err := queryRows(ctx, tx, func(v *victim) []any { return []any{&v.id, &v.name} },
			`SELECT id, applicant_name `+purgeRequestsDue+` LIMIT ?`, cutoff, purgeBatch)
		if err != nil {
			return err
		}
		now := s.stamp()
		erase, err := tx.PrepareContext(ctx, `UPDATE requests SET applicant_name = ?, applicant_phone = '',
			applicant_id = '', description = '', fields = '{}', purge_after = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer erase.Close()
		for _, v := range vs {
			if _, err := erase.ExecContext(ctx, MaskName(v.name), now, v.id); err != nil {
				return err
			}
		}
		n = len(vs)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// PurgeExpired erases the personal information of requests and complaints
// closed more than RetentionYears ago (and contacts left with 预公开
// comments that long ago) and returns how many records it erased. The
// kiosk runs it at start-up. Requests are erased purgeBatch per
// transaction; a failure leaves those already erased erased.
//
// It is cheap when nothing is due, which is most days: one read of three
// index ends (migration 009), without a transaction and without the write
// lock, so it may run while the kiosk registers requests. Only when
// something is due does it open write transactions, where it looks again,
// each short.
func (s *Store) PurgeExpired(ctx context.Context) (int, error) {
	cutoff := formatTime(s.now().AddDate(-RetentionYears, 0, 0))
	var due bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 `+purgeRequestsDue+`)
		OR EXISTS (SELECT 1 FROM `+purgeComplaintsDue+`) OR EXISTS (SELECT 1 FROM `+purgeCommentsDue+`)`,
		cutoff, cutoff, cutoff).Scan(&due); err != nil {
		return 0, mapErr("purge", err)
	}
	if !due {
		return 0, nil
	}
	n := 0
	// Requests in batches, each its own short transaction, so that a
	// purge with much to do (the first after years) never holds the write
	// lock long enough to make a registration wait.
	for {
		done, err := s.purgeRequests(ctx, cutoff)
		n += done
		if err != nil {
			return n, err
		}
		if done < purgeBatch {
			break
		}
	}
	err := s.tx(ctx, "purge", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE complaints SET contact_name = '', contact_phone = '' WHERE id IN (SELECT id FROM `+purgeComplaintsDue+`)`, cutoff)
		if err != nil {
			return err
		}
		c, err := res.RowsAffected()
		if err != nil {
			return err
		}
		// Residents' contact details left with 预公开 comments.
		res, err = tx.ExecContext(ctx, `UPDATE disclosure_comments SET contact = ''
			WHERE id IN (SELECT id FROM `+purgeCommentsDue+`)`, cutoff)
		if err != nil {
			return err
		}
		d, err := res.RowsAffected()
		n += int(c) + int(d)
		return err
	})
	return n, err
}
