package data

// The life of a disclosure (§一(三)–(五)):
//
//	draft ──Preview──▶ preview (预公开) ──Publish──▶ published ──(next Publish)──▶ superseded
//	  └────────────────────Publish─────────────────────▶
//
// A disclosure has at most one unpublished version, its working copy: the
// newest version while it is a draft or in preview. SaveDraft edits it in
// place (and takes a preview back to draft: the kiosk stops showing a text
// that is being changed; the opinions received stay with it, each with its
// time), or starts a new version after the published one. Publish stamps
// the time and the publisher's name and supersedes the version in force;
// from then on the store's triggers refuse any change to the text, the
// time or the publisher, and refuse to delete it (§一(五) 存档), and every
// published version stays retrievable by date (VersionAt, Archive).
//
// 预公开 is for residents: only public items are previewed, and only
// previewed versions of public items take comments. Internal items (廉洁自律,
// 考核考勤奖惩, 其他重要情况) are edited and published in staff mode and never
// reach the resident side: every list here that the kiosk may call takes
// the audience and filters by it.
//
// Editing and publishing are administrators' work; each step is an audit
// entry (AuditDisclosureDraft, …Preview, …Publish).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Audit actions of content management (ContentAuditLabel names them;
// AuditDisclosureNew is in disclosure.go).
const (
	AuditDisclosureDraft   = "disclosure_draft"
	AuditDisclosurePreview = "disclosure_preview"
	AuditDisclosurePublish = "disclosure_publish"
)

// ContentAuditLabel is the Chinese name of an audit action of content
// management, backup, restore or export; "" for others.
func ContentAuditLabel(action string) string {
	switch action {
	case AuditDisclosureDraft:
		return "编辑公开内容草稿"
	case AuditDisclosurePreview:
		return "预公开"
	case AuditDisclosurePublish:
		return "正式公开"
	case AuditDataBackup:
		return "备份数据"
	case AuditDataRestore:
		return "恢复数据"
	case AuditDataExport:
		return "导出"
	}
	return ""
}

// Limits of disclosure text.
const (
	MaxDisclosureTitleRunes = 100
	MaxDisclosureBodyRunes  = 20000
	MinCommentRunes         = 2
	MaxCommentRunes         = 500
	MaxCommentContactRunes  = 40
)

// Re-publication defaults (§一(三) 经常性工作定期公开，阶段性工作逐段公开，临时性工作随时公开).
// The regulation names no interval; these follow common 村务公开 practice:
// regular items (定期) monthly, phased items (逐段) at least every quarter, as
// each phase closes; ad-hoc items (随时) are published when something
// happens and are never "due".
const (
	RegularRepublishMonths = 1
	PhasedRepublishMonths  = 3
)

// DisclosureDraft is what an administrator types for a disclosure: the
// item's code and kind, and the text of its next version.
type DisclosureDraft struct {
	Code     string
	Category DisclosureCategory
	Audience Audience // may be left empty: it follows from the category
	Cadence  Cadence
	Title    string
	Body     string
}

// Clean validates the draft and returns it normalised (text trimmed, the
// audience filled in from the category).
func (d DisclosureDraft) Clean() (DisclosureDraft, error) {
	out := d
	out.Code = strings.TrimSpace(d.Code)
	if err := checkCode(disclosureCode, out.Code); err != nil {
		return out, err
	}
	if !d.Category.Valid() {
		return out, Invalid("category", "请选择公开类别。")
	}
	want := AudiencePublic
	if d.Category.Internal() {
		want = AudienceInternal
	}
	switch {
	case d.Audience == "":
		out.Audience = want
	case d.Audience != want:
		return out, Invalid("audience", "廉洁自律、考核考勤奖惩等内容只能对内公开，其他类别对外公开。")
	}
	switch d.Cadence {
	case CadenceRegular, CadencePhased, CadenceAdhoc:
	default:
		return out, Invalid("cadence", "请选择公开时限：定期、逐段或随时。")
	}
	var err error
	if out.Title, err = Text("title", "标题", d.Title, MaxDisclosureTitleRunes, true, false); err != nil {
		return out, err
	}
	if out.Body, err = Text("body", "公开内容", d.Body, MaxDisclosureBodyRunes, true, true); err != nil {
		return out, err
	}
	return out, nil
}

// SaveDraft saves the text of a disclosure's next version: a new disclosure
// (version 1), a new draft after the published version, or an edit of the
// working copy (which, if it was in preview, goes back to draft). The
// category cannot move an item between public and internal once a version
// has been published. Administrators only.
func (s *Store) SaveDraft(ctx context.Context, by Session, d DisclosureDraft) (DisclosureVersion, error) {
	return s.saveDraft(ctx, by, d, false)
}

// saveDraft is SaveDraft; with isNew, a code already in use is refused
// (NewDisclosure).
func (s *Store) saveDraft(ctx context.Context, by Session, d DisclosureDraft, isNew bool) (DisclosureVersion, error) {
	d, err := d.Clean()
	if err != nil {
		return DisclosureVersion{}, err
	}
	var v DisclosureVersion
	err = s.tx(ctx, "save draft", func(tx *sql.Tx) error {
		actor, err := contentAdmin(ctx, tx, by)
		if err != nil {
			return err
		}
		var id int64
		var audience Audience
		err = tx.QueryRowContext(ctx, `SELECT id, audience FROM disclosures WHERE code = ?`, d.Code).Scan(&id, &audience)
		switch {
		case err == nil && isNew:
			return Invalid("code", "编码“"+d.Code+"”已有公开事项使用，请换一个编码。").
				keyed("data.disclosure_publish.codeTaken", map[string]any{"Code": d.Code})
		case errors.Is(err, sql.ErrNoRows):
			res, err := tx.ExecContext(ctx, `INSERT INTO disclosures (code, category, audience, cadence, ord)
				VALUES (?, ?, ?, ?, (SELECT coalesce(max(ord), -1) + 1 FROM disclosures))`,
				d.Code, string(d.Category), string(d.Audience), string(d.Cadence))
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if audience != d.Audience {
				var published int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM disclosure_versions WHERE disclosure_id = ?
					AND status IN ('published', 'superseded')`, id).Scan(&published); err != nil {
					return err
				}
				if published > 0 {
					return Invalid("category", "该事项已经公开过，不能在对外公开与对内公开之间更改类别；如有需要，请新建一个事项。")
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE disclosures SET category = ?, audience = ?, cadence = ? WHERE id = ?`,
				string(d.Category), string(d.Audience), string(d.Cadence), id); err != nil {
				return err
			}
		}
		latest, err := latestVersion(ctx, tx, id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err == nil && (latest.Status == VersionDraft || latest.Status == VersionPreview) {
			if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = 'draft', title = ?, body = ?
				WHERE id = ?`, d.Title, d.Body, latest.ID); err != nil {
				return err
			}
			v = latest
		} else {
			v = DisclosureVersion{Version: latest.Version + 1}
			res, err := tx.ExecContext(ctx, `INSERT INTO disclosure_versions (disclosure_id, version, status, title, body)
				VALUES (?, ?, 'draft', ?, ?)`, id, v.Version, d.Title, d.Body)
			if err != nil {
				return err
			}
			if v.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		v.Status, v.Title, v.Body = VersionDraft, d.Title, d.Body
		if isNew {
			return audit(ctx, tx, s.stamp(), actor.StaffID, AuditDisclosureNew, disclosureTarget(d.Code, d.Title),
				fmt.Sprintf("%s，%s，第1版草稿", CategoryName(d.Category), CadenceName(d.Cadence)))
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditDisclosureDraft, disclosureTarget(d.Code, d.Title),
			fmt.Sprintf("第%d版草稿", v.Version))
	})
	if err != nil {
		return DisclosureVersion{}, err
	}
	return v, nil
}

// Preview puts a disclosure's draft on the kiosk for residents' opinions
// (预公开) with no end date. Only public items are previewed.
// Administrators only. (PreviewUntil sets the last day for opinions.)
func (s *Store) Preview(ctx context.Context, by Session, code string) (DisclosureVersion, error) {
	return s.preview(ctx, by, code, "")
}

// preview is Preview with the last day for opinions ('YYYY-MM-DD', "" for
// none), already checked.
func (s *Store) preview(ctx context.Context, by Session, code, until string) (DisclosureVersion, error) {
	return s.changeWorkingCopy(ctx, "preview", by, code, func(tx *sql.Tx, actor Session, _ int64, audience Audience,
		v *DisclosureVersion) error {
		if audience != AudiencePublic {
			return Invalid("code", "对内公开的事项不在自助终端预公开，请直接发布。")
		}
		switch v.Status {
		case VersionPreview:
			return Invalid("code", "该事项已经在预公开中。")
		case VersionDraft:
		default:
			return Invalid("code", "没有待预公开的草稿，请先编辑保存草稿。")
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = 'preview', previewed_at = ?,
			preview_until = ? WHERE id = ?`, now, until, v.ID); err != nil {
			return err
		}
		v.Status = VersionPreview
		detail := fmt.Sprintf("第%d版预公开，征求意见", v.Version)
		if until != "" {
			detail += "至" + until
		}
		return audit(ctx, tx, now, actor.StaffID, AuditDisclosurePreview, disclosureTarget(code, v.Title), detail)
	})
}

// Publish publishes a disclosure's working copy (a draft or a version in
// preview), stamped with the time and the publisher's name; the version in
// force until now becomes superseded. Administrators only.
func (s *Store) Publish(ctx context.Context, by Session, code string) (DisclosureVersion, error) {
	return s.changeWorkingCopy(ctx, "publish", by, code, func(tx *sql.Tx, actor Session, id int64, _ Audience,
		v *DisclosureVersion) error {
		if v.Status != VersionDraft && v.Status != VersionPreview {
			return Invalid("code", "没有待发布的新版本，请先编辑保存草稿。")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = 'superseded'
			WHERE disclosure_id = ? AND status = 'published'`, id); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = 'published', published_at = ?,
			publisher = ? WHERE id = ?`, now, actor.Name, v.ID); err != nil {
			return err
		}
		v.Status, v.PublishedAt, v.Publisher = VersionPublished, parseTime(now), actor.Name
		return audit(ctx, tx, now, actor.StaffID, AuditDisclosurePublish, disclosureTarget(code, v.Title),
			fmt.Sprintf("第%d版正式公开", v.Version))
	})
}

// changeWorkingCopy runs change in one transaction, for an administrator,
// on the newest version of the disclosure code (a zero version if it has
// none), with the disclosure's id and audience, and returns the version as
// change leaves it. An unknown code is ErrNotFound.
func (s *Store) changeWorkingCopy(ctx context.Context, op string, by Session, code string,
	change func(tx *sql.Tx, actor Session, id int64, audience Audience, v *DisclosureVersion) error) (DisclosureVersion, error) {
	var v DisclosureVersion
	err := s.txAs(ctx, op, by, contentAdmin, func(tx *sql.Tx, actor Session) error {
		id, audience, err := disclosureID(ctx, tx, code)
		if err != nil {
			return err
		}
		if v, err = latestVersion(ctx, tx, id); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		return change(tx, actor, id, audience, &v)
	})
	if err != nil {
		return DisclosureVersion{}, err
	}
	return v, nil
}

// VersionAt returns the version of a disclosure that was in force at t: the
// newest published (now possibly superseded) version published at or
// before t. ErrNotFound if nothing was published by then, or if the item is
// internal and audience is AudiencePublic. Staff pass AudienceInternal and
// see every item.
func (s *Store) VersionAt(ctx context.Context, code string, t time.Time, audience Audience) (DisclosureVersion, error) {
	return readValue(ctx, s, "version at", func(tx *sql.Tx) (DisclosureVersion, error) {
		id, err := visibleDisclosureID(ctx, tx, code, audience)
		if err != nil {
			return DisclosureVersion{}, err
		}
		return oneVersion(ctx, tx, `WHERE disclosure_id = ? AND status IN ('published', 'superseded')
			AND published_at != '' AND published_at <= ? ORDER BY published_at DESC, version DESC LIMIT 1`,
			id, formatTime(t))
	})
}

// Archive lists every version of a disclosure that was ever published, in
// the order they were published (§一(五) 存档), for browsing by date.
// Internal items are ErrNotFound for AudiencePublic. (DisclosureArchive
// gives staff every version, drafts included.)
func (s *Store) Archive(ctx context.Context, code string, audience Audience) ([]DisclosureVersion, error) {
	var out []DisclosureVersion
	err := s.read(ctx, "archive", func(tx *sql.Tx) error {
		id, err := visibleDisclosureID(ctx, tx, code, audience)
		if err != nil {
			return err
		}
		return collectRows(ctx, tx, &out, versionFields, `SELECT `+versionColumns+`
			FROM disclosure_versions WHERE disclosure_id = ? AND status IN ('published', 'superseded')
			ORDER BY published_at, version`, id)
	})
	return out, err
}

// DisclosureState is a disclosure as the staff's content list shows it.
type DisclosureState struct {
	Code          string
	Category      DisclosureCategory
	Audience      Audience
	Cadence       Cadence
	Title         string        // of the newest version
	Current       int           // the version in force, 0 if none
	PublishedAt   time.Time     // of the version in force
	Publisher     string        // of the version in force
	Working       VersionStatus // status of the working copy: draft, preview, or "" if none
	WorkingNumber int           // its version number
	PreviewSince  time.Time     // when the working copy went on preview (zero if it is not in preview)
	PreviewUntil  time.Time     // the last day for opinions on it (zero if none)
	Comments      int           // opinions on the working copy
	AllComments   int           // opinions on every version
}

// PreviewOpen reports whether the working copy is in preview and residents
// may still comment on day now.
func (st DisclosureState) PreviewOpen(now time.Time) bool {
	return st.Working == VersionPreview && (st.PreviewUntil.IsZero() || Day(st.PreviewUntil) >= Day(now))
}

// DisclosureStates lists every disclosure, public and internal, with where
// it stands, in display order. Staff mode only.
func (s *Store) DisclosureStates(ctx context.Context) ([]DisclosureState, error) {
	return readValue(ctx, s, "disclosure states", func(tx *sql.Tx) ([]DisclosureState, error) {
		return disclosureStates(ctx, tx, "")
	})
}

// disclosureStates reads the states of every disclosure, or of the one
// with the code.
func disclosureStates(ctx context.Context, tx *sql.Tx, code string) ([]DisclosureState, error) {
	out, err := queryRows(ctx, tx, func(st *DisclosureState) []any {
		return []any{&st.Code, &st.Category, &st.Audience, &st.Cadence, &st.Title, &st.Current,
			timeText(&st.PublishedAt), &st.Publisher, &st.Working, &st.WorkingNumber, timeText(&st.PreviewSince),
			dayText(&st.PreviewUntil), &st.Comments, &st.AllComments}
	}, `SELECT d.code, d.category, d.audience, d.cadence,
		coalesce((SELECT title FROM disclosure_versions WHERE disclosure_id = d.id ORDER BY version DESC LIMIT 1), ''),
		coalesce(p.version, 0), coalesce(p.published_at, ''), coalesce(p.publisher, ''),
		coalesce(w.status, ''), coalesce(w.version, 0), coalesce(w.previewed_at, ''), coalesce(w.preview_until, ''),
		coalesce((SELECT count(*) FROM disclosure_comments c WHERE c.version_id = w.id), 0),
		(SELECT count(*) FROM disclosure_comments c JOIN disclosure_versions x ON x.id = c.version_id
			WHERE x.disclosure_id = d.id)
		FROM disclosures d
		LEFT JOIN disclosure_versions p ON p.disclosure_id = d.id AND p.status = 'published'
		LEFT JOIN disclosure_versions w ON w.disclosure_id = d.id AND w.status IN ('draft', 'preview')
		WHERE ? = '' OR d.code = ?
		ORDER BY d.ord, d.id`, code, code)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Working != VersionPreview { // a draft keeps the dates of an earlier preview
			out[i].PreviewSince, out[i].PreviewUntil = time.Time{}, time.Time{}
		}
	}
	return out, nil
}

// DueItem is a disclosure due for re-publication.
type DueItem struct {
	Code          string
	Category      DisclosureCategory
	Audience      Audience
	Cadence       Cadence
	Title         string
	LastPublished time.Time // zero if never published
	DueSince      time.Time // when it fell due (zero if never published)
}

// DueForRepublication lists the disclosures whose cadence says they should
// be published again by the store's now: 定期 items last published more
// than RegularRepublishMonths ago, 逐段 items more than
// PhasedRepublishMonths ago, and either kind if never published; 随时 items
// never. Oldest first.
func (s *Store) DueForRepublication(ctx context.Context) ([]DueItem, error) {
	now := s.now()
	items, err := readRows(ctx, s, "due for republication", func(it *DueItem) []any {
		return []any{&it.Code, &it.Category, &it.Audience, &it.Cadence, &it.Title, timeText(&it.LastPublished)}
	}, `SELECT d.code, d.category, d.audience, d.cadence,
		coalesce((SELECT title FROM disclosure_versions WHERE disclosure_id = d.id ORDER BY version DESC LIMIT 1), ''),
		coalesce((SELECT max(published_at) FROM disclosure_versions WHERE disclosure_id = d.id
			AND status IN ('published', 'superseded')), '')
		FROM disclosures d WHERE d.cadence IN ('regular', 'phased') ORDER BY d.ord, d.id`)
	var out []DueItem
	for _, it := range items {
		if !it.LastPublished.IsZero() {
			months := RegularRepublishMonths
			if it.Cadence == CadencePhased {
				months = PhasedRepublishMonths
			}
			it.DueSince = it.LastPublished.In(China).AddDate(0, months, 0)
			if it.DueSince.After(now) {
				continue
			}
		}
		out = append(out, it)
	}
	// Never published first, then the longest overdue.
	sort.SliceStable(out, func(i, j int) bool { return out[i].LastPublished.Before(out[j].LastPublished) })
	return out, err
}

// contentAdmin checks that the session is an active administrator.
func contentAdmin(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	return adminOnly(ctx, tx, by, "只有管理员可以编辑和发布公开内容。")
}

func disclosureID(ctx context.Context, tx *sql.Tx, code string) (int64, Audience, error) {
	var id int64
	var audience Audience
	err := tx.QueryRowContext(ctx, `SELECT id, audience FROM disclosures WHERE code = ?`, code).Scan(&id, &audience)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", ErrNotFound
	}
	return id, audience, err
}

// visibleDisclosureID is disclosureID for a reader of audience: an
// internal item is ErrNotFound for AudiencePublic.
func visibleDisclosureID(ctx context.Context, tx *sql.Tx, code string, audience Audience) (int64, error) {
	id, aud, err := disclosureID(ctx, tx, code)
	if err == nil && audience == AudiencePublic && aud != AudiencePublic {
		return 0, ErrNotFound
	}
	return id, err
}

// latestVersion is a disclosure's newest version (ErrNotFound if none).
func latestVersion(ctx context.Context, tx *sql.Tx, disclosureID int64) (DisclosureVersion, error) {
	return oneVersion(ctx, tx, `WHERE disclosure_id = ? ORDER BY version DESC LIMIT 1`, disclosureID)
}

// oneVersion is the first version of disclosure_versions that where (its
// WHERE and ORDER BY) finds; ErrNotFound if none.
func oneVersion(ctx context.Context, tx *sql.Tx, where string, args ...any) (DisclosureVersion, error) {
	var v DisclosureVersion
	err := tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM disclosure_versions `+where, args...).
		Scan(versionFields(&v)...)
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	return v, err
}

// versionColumns are a disclosure version's columns as versionFields scans
// them.
const versionColumns = `id, version, status, title, body, published_at, publisher`

func versionFields(v *DisclosureVersion) []any {
	return []any{&v.ID, &v.Version, &v.Status, &v.Title, &v.Body, timeText(&v.PublishedAt), &v.Publisher}
}

func disclosureTarget(code, title string) string { return "公开事项 " + code + " " + title }
