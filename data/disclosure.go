package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DisclosureCategory is a category of §一: (一)1–5 public, (二)1–3 internal.
type DisclosureCategory string

// Disclosure categories.
const (
	CatOrg       DisclosureCategory = "org"       // 机构设置、工作职责、工作权限 (一)1
	CatRules     DisclosureCategory = "rules"     // 便民措施、服务承诺、监督办法、管理制度 (一)2
	CatGuide     DisclosureCategory = "guide"     // 办理事项与办理结果 (一)3
	CatComplaint DisclosureCategory = "complaint" // 投诉方式、投诉电话、处理结果 (一)4
	CatOther     DisclosureCategory = "other"     // 其他社会关心的事项 (一)5
	CatIntegrity DisclosureCategory = "integrity" // 廉洁自律情况 (二)1, internal
	CatAppraisal DisclosureCategory = "appraisal" // 考核考勤奖惩情况 (二)2, internal
	CatInternal  DisclosureCategory = "internal"  // 其他重要情况 (二)3, internal
)

// PublicCategories are the categories residents see, in the regulation's order.
var PublicCategories = []DisclosureCategory{CatOrg, CatRules, CatGuide, CatComplaint, CatOther}

// Internal reports whether the category is 对内公开 (staff only).
func (c DisclosureCategory) Internal() bool {
	return c == CatIntegrity || c == CatAppraisal || c == CatInternal
}

// Valid reports whether c is a known category.
func (c DisclosureCategory) Valid() bool {
	switch c {
	case CatOrg, CatRules, CatGuide, CatComplaint, CatOther, CatIntegrity, CatAppraisal, CatInternal:
		return true
	}
	return false
}

// Audience is who may see a disclosure.
type Audience string

// Audiences.
const (
	AudiencePublic   Audience = "public"
	AudienceInternal Audience = "internal"
)

// Cadence is how often a disclosure is published again (§一(三)).
type Cadence string

// Cadences.
const (
	CadenceRegular Cadence = "regular" // 定期
	CadencePhased  Cadence = "phased"  // 逐段
	CadenceAdhoc   Cadence = "adhoc"   // 随时
)

// VersionStatus is where a version of a disclosure is in its life.
type VersionStatus string

// Version statuses.
const (
	VersionDraft      VersionStatus = "draft"
	VersionPreview    VersionStatus = "preview" // 预公开
	VersionPublished  VersionStatus = "published"
	VersionSuperseded VersionStatus = "superseded"
)

// Disclosure is one item of public (or internal) disclosure with its versions.
type Disclosure struct {
	ID       int64               `json:"-"`
	Code     string              `json:"code"`
	Category DisclosureCategory  `json:"category"`
	Audience Audience            `json:"audience"`
	Cadence  Cadence             `json:"cadence"`
	Sample   bool                `json:"sample,omitempty"`
	Versions []DisclosureVersion `json:"versions"`
}

// DisclosureVersion is one version. Published and superseded versions are
// immutable in the store (§一(五) 每次公开的内容均要存档).
type DisclosureVersion struct {
	ID          int64         `json:"-"`
	Version     int           `json:"version"`
	Status      VersionStatus `json:"status"`
	Title       string        `json:"title"`
	Body        string        `json:"body"`
	PublishedAt time.Time     `json:"published_at,omitzero"`
	Publisher   string        `json:"publisher,omitempty"`
}

// Validate checks a disclosure and its versions.
func (d *Disclosure) Validate() error {
	if err := checkCode(disclosureCode, d.Code); err != nil {
		return err
	}
	switch {
	case !d.Category.Valid():
		return Invalid("category", "公开类别应为 org、rules、guide、complaint、other、integrity、appraisal、internal 之一。")
	case d.Audience != AudiencePublic && d.Audience != AudienceInternal:
		return Invalid("audience", "公开范围应为 public（对外）或 internal（对内）。")
	case d.Category.Internal() != (d.Audience == AudienceInternal):
		return Invalid("audience", "廉洁自律、考核考勤奖惩等内容只能对内公开，其他类别对外公开。")
	case d.Cadence != CadenceRegular && d.Cadence != CadencePhased && d.Cadence != CadenceAdhoc:
		return Invalid("cadence", "公开时限应为 regular（定期）、phased（逐段）或 adhoc（随时）。")
	case len(d.Versions) == 0:
		return Invalid("versions", "至少需要一个版本。")
	}
	seen := map[int]bool{}
	current := 0
	for i, v := range d.Versions {
		p := "versions[" + itoa(i) + "]"
		switch {
		case v.Version < 1 || seen[v.Version]:
			return Invalid(p+".version", "版本号应为从1开始且不重复的整数。")
		case strings.TrimSpace(v.Title) == "":
			return Invalid(p+".title", "请填写标题。")
		case strings.TrimSpace(v.Body) == "":
			return Invalid(p+".body", "请填写公开内容。")
		}
		switch v.Status {
		case VersionPublished:
			current++
			fallthrough
		case VersionSuperseded:
			if v.PublishedAt.IsZero() || strings.TrimSpace(v.Publisher) == "" {
				return Invalid(p+".published_at", "已公开的版本需要公开时间和公开人。")
			}
		case VersionDraft, VersionPreview:
		default:
			return Invalid(p+".status", "版本状态应为 draft、preview、published、superseded 之一。")
		}
		seen[v.Version] = true
	}
	if current > 1 {
		return Invalid("versions", "同一事项只能有一个现行公开版本，其余应为 superseded。")
	}
	return nil
}

// Notice is a published disclosure as the kiosk lists it: its current
// version.
type Notice struct {
	ID          int64
	Code        string
	Category    DisclosureCategory
	Cadence     Cadence
	Version     int
	Title       string
	Body        string
	PublishedAt time.Time
	Publisher   string
}

// Notices lists the current published version of every disclosure for the
// given audience, in category and display order. The resident side asks for
// AudiencePublic only; internal items never leave the store for it.
func (s *Store) Notices(ctx context.Context, audience Audience) ([]Notice, error) {
	return readRows(ctx, s, "notices", func(n *Notice) []any {
		return []any{&n.ID, &n.Code, &n.Category, &n.Cadence, &n.Version, &n.Title, &n.Body, timeText(&n.PublishedAt),
			&n.Publisher}
	}, `SELECT d.id, d.code, d.category, d.cadence, v.version, v.title, v.body,
		v.published_at, v.publisher
		FROM disclosures d JOIN disclosure_versions v ON v.disclosure_id = d.id AND v.status = 'published'
		WHERE d.audience = ? ORDER BY d.ord, d.id`, string(audience))
}

// DisclosureArchive returns a disclosure with every version, oldest first
// (§一(五) 存档: old versions stay retrievable with their dates).
func (s *Store) DisclosureArchive(ctx context.Context, code string) (Disclosure, error) {
	return readValue(ctx, s, "disclosure archive", func(tx *sql.Tx) (Disclosure, error) {
		return getDisclosure(ctx, tx, code)
	})
}

func getDisclosure(ctx context.Context, tx *sql.Tx, code string) (Disclosure, error) {
	var d Disclosure
	err := tx.QueryRowContext(ctx, `SELECT id, code, category, audience, cadence, sample FROM disclosures WHERE code = ?`,
		code).Scan(&d.ID, &d.Code, &d.Category, &d.Audience, &d.Cadence, &d.Sample)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	err = collectRows(ctx, tx, &d.Versions, versionFields, `SELECT `+versionColumns+`
		FROM disclosure_versions WHERE disclosure_id = ? ORDER BY version`, d.ID)
	return d, err
}

// Content management of disclosures in staff mode (§一(三)–(五)): a new
// disclosure item, 预公开 with a last day for opinions, one item's state,
// and the Chinese names of categories and cadences the audit trail and the
// screens use. The life itself (draft, preview, publish, archive) is in
// disclosure_publish.go.

// AuditDisclosureNew is the audit action of creating a disclosure item.
const AuditDisclosureNew = "disclosure_new"

// DisclosureAuditLabel is the Chinese name of AuditDisclosureNew; "" for
// other actions.
func DisclosureAuditLabel(action string) string {
	if action == AuditDisclosureNew {
		return "新建公开事项"
	}
	return ""
}

// MaxPreviewDays is how far ahead the last day of a 预公开 may be.
const MaxPreviewDays = 90

// CategoryName is a category's Chinese name as §一 words it.
func CategoryName(c DisclosureCategory) string {
	switch c {
	case CatOrg:
		return "机构设置、工作职责、工作权限"
	case CatRules:
		return "便民措施、服务承诺、监督办法、管理制度"
	case CatGuide:
		return "办理事项与办理结果"
	case CatComplaint:
		return "投诉方式、投诉电话、处理结果"
	case CatOther:
		return "其他社会关心的事项"
	case CatIntegrity:
		return "廉洁自律情况"
	case CatAppraisal:
		return "考核考勤奖惩情况"
	case CatInternal:
		return "其他重要情况"
	}
	return string(c)
}

// CadenceName is a cadence's Chinese name (定期, 逐段, 随时).
func CadenceName(c Cadence) string {
	switch c {
	case CadenceRegular:
		return "定期公开"
	case CadencePhased:
		return "逐段公开"
	case CadenceAdhoc:
		return "随时公开"
	}
	return string(c)
}

// InternalCategories are the categories of 对内公开, in the regulation's
// order.
var InternalCategories = []DisclosureCategory{CatIntegrity, CatAppraisal, CatInternal}

// NewDisclosure creates a disclosure item with the draft of its first
// version. A code already in use is refused (SaveDraft edits an existing
// item). Administrators only.
func (s *Store) NewDisclosure(ctx context.Context, by Session, d DisclosureDraft) (DisclosureVersion, error) {
	return s.saveDraft(ctx, by, d, true)
}

var previewDayPattern = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParsePreviewEnd reads the last day of a 预公开 as typed: 2026-03-20,
// 2026/3/20, 2026.3.20 or 2026年3月20日 (full-width digits too).
func ParsePreviewEnd(text string) (time.Time, error) {
	return parseDayText("until", "征求意见的截止日期", text)
}

// ParseArchiveDay reads the day on which to look up the version of a
// disclosure in force (VersionAt), in the forms ParsePreviewEnd takes.
func ParseArchiveDay(text string) (time.Time, error) {
	return parseDayText("day", "要查看的日期", text)
}

func parseDayText(field, what, text string) (time.Time, error) {
	text = strings.TrimSpace(foldWidth(text, true))
	if text == "" {
		return time.Time{}, Invalid(field, "请填写"+what+"。").keyed("data.disclosure.dayMissing", map[string]any{"What": fieldTerm(field, what)})
	}
	m := previewDayPattern.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, Invalid(field, "请按“2026-03-20”这样的格式填写"+what+"。").
			keyed("data.disclosure.dayFormat", map[string]any{"What": fieldTerm(field, what)})
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, China)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, Invalid(field, fmt.Sprintf("%d年%d月%d日不是一个有效的日期，请检查。", y, mo, d)).
			keyed("data.disclosure.dayInvalid", map[string]any{"Year": y, "Month": mo, "Day": d})
	}
	return t, nil
}

// PreviewUntil puts a disclosure's draft on the kiosk for residents'
// opinions (预公开) until the end of the day last (China time): the kiosk
// shows it with a comment form through that day and takes no opinions
// after it. The day may be today, and at most MaxPreviewDays ahead. Only
// public items are previewed. Administrators only.
func (s *Store) PreviewUntil(ctx context.Context, by Session, code string, last time.Time) (DisclosureVersion, error) {
	if last.IsZero() {
		return DisclosureVersion{}, Invalid("until", "请填写征求意见的截止日期。")
	}
	day, today := Day(last), Day(s.now())
	if day < today {
		return DisclosureVersion{}, Invalid("until", "征求意见的截止日期不能早于今天，请重新填写。")
	}
	if day > Day(s.now().In(China).AddDate(0, 0, MaxPreviewDays)) {
		return DisclosureVersion{}, Invalid("until",
			fmt.Sprintf("征求意见的期限最长%d天，请把截止日期提前一些。", MaxPreviewDays)).
			keyed("data.disclosure.previewDays", map[string]any{"Max": MaxPreviewDays})
	}
	return s.preview(ctx, by, code, day)
}

// DisclosureStateOf is one disclosure's state as DisclosureStates lists
// it; ErrNotFound for an unknown code. Staff mode only.
func (s *Store) DisclosureStateOf(ctx context.Context, code string) (DisclosureState, error) {
	var st DisclosureState
	err := s.read(ctx, "disclosure state", func(tx *sql.Tx) error {
		if code == "" {
			return ErrNotFound
		}
		states, err := disclosureStates(ctx, tx, code)
		if err != nil {
			return err
		}
		if len(states) == 0 {
			return ErrNotFound
		}
		st = states[0]
		return nil
	})
	return st, err
}

// parseDayOrZero reads a stored 'YYYY-MM-DD' day, zero if empty or bad.
func parseDayOrZero(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := ParseDay(v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// putDisclosure inserts or updates a disclosure by code and adds the
// versions the store does not have yet. It returns how many it added.
func putDisclosure(ctx context.Context, tx queryer, d *Disclosure, ord int) (int, error) {
	id, err := upsertID(ctx, tx, `INSERT INTO disclosures (code, category, audience, cadence, ord, sample)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET category = excluded.category,
		audience = excluded.audience, cadence = excluded.cadence, ord = excluded.ord, sample = excluded.sample
		RETURNING id`, d.Code, string(d.Category), string(d.Audience), string(d.Cadence), ord, boolInt(d.Sample))
	if err != nil {
		return 0, err
	}
	added := 0
	for i, v := range d.Versions {
		var title, body, at, publisher, status string
		err := tx.QueryRowContext(ctx, `SELECT title, body, published_at, publisher, status FROM disclosure_versions
			WHERE disclosure_id = ? AND version = ?`, id, v.Version).Scan(&title, &body, &at, &publisher, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if v.Status == VersionPublished {
				// A newly published version supersedes the one in force.
				if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = 'superseded'
					WHERE disclosure_id = ? AND status = 'published'`, id); err != nil {
					return 0, err
				}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO disclosure_versions (disclosure_id, version, status, title,
				body, published_at, publisher) VALUES (?, ?, ?, ?, ?, ?, ?)`, id, v.Version, string(v.Status), v.Title,
				v.Body, formatTime(v.PublishedAt), v.Publisher); err != nil {
				return 0, err
			}
			added++
		case err != nil:
			return 0, err
		case status == string(VersionPublished) || status == string(VersionSuperseded):
			if title != v.Title || body != v.Body || at != formatTime(v.PublishedAt) || publisher != v.Publisher {
				return 0, Invalid(fmt.Sprintf("disclosures[%d].versions[%d]", ord, i),
					fmt.Sprintf("“%s”第%d版已经公开，公开后的内容不能修改；如需更改，请新增一个版本。", title, v.Version)).
					keyed("data.disclosure.published", map[string]any{"Title": title, "Version": v.Version})
			}
			if status == string(VersionPublished) && v.Status == VersionSuperseded {
				if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = 'superseded'
					WHERE disclosure_id = ? AND version = ?`, id, v.Version); err != nil {
					return 0, err
				}
			}
		default: // draft or preview: still editable
			if _, err := tx.ExecContext(ctx, `UPDATE disclosure_versions SET status = ?, title = ?, body = ?,
				published_at = ?, publisher = ? WHERE disclosure_id = ? AND version = ?`, string(v.Status), v.Title,
				v.Body, formatTime(v.PublishedAt), v.Publisher, id, v.Version); err != nil {
				return 0, err
			}
		}
	}
	return added, nil
}
