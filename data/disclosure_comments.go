package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
	"unicode/utf8"
)

// PreviewNotice is a version in 预公开 as the kiosk shows it, with a form
// for opinions (AddComment with VersionID).
type PreviewNotice struct {
	VersionID int64
	Code      string
	Category  DisclosureCategory
	Version   int
	Title     string
	Body      string
	Since     time.Time // when it went on preview
	Until     time.Time // the last day for opinions (midnight China time), zero if open-ended
	Comments  int       // opinions received so far
}

// Previews lists the public versions in 预公开 whose period for opinions
// has not ended, in display order. Internal items are never in it.
func (s *Store) Previews(ctx context.Context) ([]PreviewNotice, error) {
	return readRows(ctx, s, "previews", func(p *PreviewNotice) []any {
		return []any{&p.VersionID, &p.Code, &p.Category, &p.Version, &p.Title, &p.Body, timeText(&p.Since),
			dayText(&p.Until), &p.Comments}
	}, `SELECT v.id, d.code, d.category, v.version, v.title, v.body, v.previewed_at,
		v.preview_until, (SELECT count(*) FROM disclosure_comments c WHERE c.version_id = v.id)
		FROM disclosures d JOIN disclosure_versions v ON v.disclosure_id = d.id
		WHERE v.status = 'preview' AND d.audience = 'public' AND (v.preview_until = '' OR v.preview_until >= ?)
		ORDER BY d.ord, d.id`, Day(s.now()))
}

// DisclosureComment is one resident's opinion on a version in 预公开.
type DisclosureComment struct {
	ID        int64
	VersionID int64
	Version   int
	Body      string
	Contact   string // as the resident gave it, optional
	At        time.Time
}

// AddComment records a resident's opinion on a version in 预公开 (public
// items only, while the version is in preview). contact is optional.
func (s *Store) AddComment(ctx context.Context, versionID int64, body, contact string) (int64, error) {
	body, err := Text("body", "意见", body, MaxCommentRunes, true, true)
	if err != nil {
		return 0, err
	}
	if utf8.RuneCountInString(body) < MinCommentRunes {
		return 0, Invalid("body", "请把您的意见写得具体一些。")
	}
	if contact, err = Text("contact", "联系方式", contact, MaxCommentContactRunes, false, false); err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, "comment", func(tx *sql.Tx) error {
		var status VersionStatus
		var audience Audience
		var until string
		err := tx.QueryRowContext(ctx, `SELECT v.status, d.audience, v.preview_until FROM disclosure_versions v
			JOIN disclosures d ON d.id = v.disclosure_id WHERE v.id = ?`, versionID).Scan(&status, &audience, &until)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && audience != AudiencePublic) {
			return Invalid("version", "找不到该预公开内容，请返回重新选择。")
		}
		if err != nil {
			return err
		}
		if status != VersionPreview || (until != "" && until < Day(s.now())) {
			return Invalid("version", "该内容的征求意见已经结束，感谢您的关注。")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO disclosure_comments (version_id, body, contact, at) VALUES (?, ?, ?, ?)`,
			versionID, body, contact, s.stamp())
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// Comments lists the opinions received on every version of a disclosure,
// newest first, for staff.
func (s *Store) Comments(ctx context.Context, code string) ([]DisclosureComment, error) {
	var out []DisclosureComment
	err := s.read(ctx, "comments", func(tx *sql.Tx) error {
		if _, _, err := disclosureID(ctx, tx, code); err != nil {
			return err
		}
		return collectRows(ctx, tx, &out, func(c *DisclosureComment) []any {
			return []any{&c.ID, &c.VersionID, &c.Version, &c.Body, &c.Contact, timeText(&c.At)}
		}, `SELECT c.id, c.version_id, v.version, c.body, c.contact, c.at
			FROM disclosure_comments c JOIN disclosure_versions v ON v.id = c.version_id
			JOIN disclosures d ON d.id = v.disclosure_id WHERE d.code = ? ORDER BY c.at DESC, c.id DESC`, code)
	})
	return out, err
}
