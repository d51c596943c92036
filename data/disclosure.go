package data

import (
	"context"
	"database/sql"
	"errors"
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

// The messages of a disclosure's code.
const (
	codeMissing = "请填写公开事项编码（如 FWCN-2027，用英文字母、数字或连字符）。"
	codeFormat  = "公开事项编码应为1至32位英文字母、数字、下划线或连字符。"
)

// Validate checks a disclosure and its versions.
func (d *Disclosure) Validate() error {
	switch {
	case strings.TrimSpace(d.Code) == "":
		return Invalid("code", codeMissing)
	case !codePattern.MatchString(d.Code):
		return Invalid("code", codeFormat)
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
	var out []Notice
	err := s.read(ctx, "notices", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.code, d.category, d.cadence, v.version, v.title, v.body,
			v.published_at, v.publisher
			FROM disclosures d JOIN disclosure_versions v ON v.disclosure_id = d.id AND v.status = 'published'
			WHERE d.audience = ? ORDER BY d.ord, d.id`, string(audience))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n Notice
			var at string
			if err := rows.Scan(&n.ID, &n.Code, &n.Category, &n.Cadence, &n.Version, &n.Title, &n.Body, &at, &n.Publisher); err != nil {
				return err
			}
			n.PublishedAt = parseTime(at)
			out = append(out, n)
		}
		return rows.Err()
	})
	return out, err
}

// DisclosureArchive returns a disclosure with every version, oldest first
// (§一(五) 存档: old versions stay retrievable with their dates).
func (s *Store) DisclosureArchive(ctx context.Context, code string) (Disclosure, error) {
	var d Disclosure
	err := s.read(ctx, "disclosure archive", func(tx *sql.Tx) error {
		var err error
		d, err = getDisclosure(ctx, tx, code)
		return err
	})
	return d, err
}

func getDisclosure(ctx context.Context, tx *sql.Tx, code string) (Disclosure, error) {
	var d Disclosure
	var sample int
	err := tx.QueryRowContext(ctx, `SELECT id, code, category, audience, cadence, sample FROM disclosures WHERE code = ?`,
		code).Scan(&d.ID, &d.Code, &d.Category, &d.Audience, &d.Cadence, &sample)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.Sample = sample == 1
	rows, err := tx.QueryContext(ctx, `SELECT id, version, status, title, body, published_at, publisher
		FROM disclosure_versions WHERE disclosure_id = ? ORDER BY version`, d.ID)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var v DisclosureVersion
		var at string
		if err := rows.Scan(&v.ID, &v.Version, &v.Status, &v.Title, &v.Body, &at, &v.Publisher); err != nil {
			return d, err
		}
		v.PublishedAt = parseTime(at)
		d.Versions = append(d.Versions, v)
	}
	return d, rows.Err()
}
