package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"image"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Mode is a handling mode of §三5.
type Mode string

// The six handling modes (their Chinese names are in modeLabels).
const (
	ModeDirect  Mode = "direct"
	ModePromise Mode = "promise"
	ModeJoint   Mode = "joint"
	ModeUpper   Mode = "upper"
	ModeAssist  Mode = "assist"
	ModeProxy   Mode = "proxy"
)

// Modes lists the modes in the regulation's order.
var Modes = []Mode{ModeDirect, ModePromise, ModeJoint, ModeUpper, ModeAssist, ModeProxy}

// Valid reports whether m is one of the six modes.
func (m Mode) Valid() bool {
	for _, x := range Modes {
		if m == x {
			return true
		}
	}
	return false
}

// Label is the mode's Chinese name, for paper (receipts, notices, guides)
// and stored text, which are Chinese in every UI language. Screens show the
// word from the translations, keyed by the mode.
func (m Mode) Label() string { return labelIn(modeLabels, m) }

var modeLabels = map[Mode]string{
	ModeDirect: "直接办理", ModePromise: "承诺办理", ModeJoint: "联合办理",
	ModeUpper: "上报办理", ModeAssist: "协助办理", ModeProxy: "代为办理",
}

// MaterialForm says whether the original, a copy or both are needed.
type MaterialForm string

// Material forms.
const (
	FormOriginal   MaterialForm = "original"   // 原件
	FormCopy       MaterialForm = "copy"       // 复印件
	FormBoth       MaterialForm = "both"       // 原件及复印件
	FormElectronic MaterialForm = "electronic" // 电子材料
)

// Label is the form's Chinese name, for paper (the printed guide);
// screens show the word from the translations.
func (f MaterialForm) Label() string {
	switch f {
	case FormOriginal:
		return "原件"
	case FormCopy:
		return "复印件"
	case FormBoth:
		return "原件及复印件"
	case FormElectronic:
		return "电子材料"
	}
	return string(f)
}

// Material is one 申报材料 of an item.
type Material struct {
	ID         int64        `json:"-"`
	Name       string       `json:"name"`
	Required   bool         `json:"required"`
	Form       MaterialForm `json:"form"`
	Copies     int          `json:"copies"`
	Note       string       `json:"note,omitempty"`
	SampleName string       `json:"sample_name,omitempty"`
	SampleData []byte       `json:"sample_data,omitempty"`
}

// FieldKind is the type of an intake field.
type FieldKind string

// Intake field kinds.
const (
	KindText   FieldKind = "text"
	KindNumber FieldKind = "number"
	KindDate   FieldKind = "date"
	KindSingle FieldKind = "single"
	KindMulti  FieldKind = "multi"
)

// FieldKinds lists the kinds in the order the item editor offers them.
var FieldKinds = []FieldKind{KindText, KindNumber, KindDate, KindSingle, KindMulti}

// Choice reports whether a field of the kind is answered by picking among
// its options (single or multiple choice); only those have options.
func (k FieldKind) Choice() bool { return k == KindSingle || k == KindMulti }

// IntakeField is one typed question a request for the item asks (like an
// attribute of an Open311 service definition).
type IntakeField struct {
	Key      string    `json:"key"`
	Label    string    `json:"label"`
	Kind     FieldKind `json:"kind"`
	Required bool      `json:"required"`
	Options  []string  `json:"options,omitempty"`
	Help     string    `json:"help,omitempty"`
	Rule     FieldRule `json:"rule,omitzero"` // a number range or a date at least N months ago
}

// Item is a service item and its guide (办事指南), every field of §一(一)3
// and §六1.
type Item struct {
	ID            int64    `json:"-"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Category      string   `json:"category"`
	Keywords      []string `json:"keywords,omitempty"`
	Summary       string   `json:"summary,omitempty"`
	Basis         string   `json:"basis"`
	Conditions    string   `json:"conditions"`
	Procedure     []string `json:"procedure"`
	PromisedDays  int      `json:"promised_days"`
	LegalDays     int      `json:"legal_days"`
	Fee           string   `json:"fee"`
	FeeBasis      string   `json:"fee_basis,omitempty"`
	SpecialSteps  string   `json:"special_steps,omitempty"`
	SpecialCounts bool     `json:"special_counts,omitempty"`
	Trips         int      `json:"trips"`
	Mode          Mode     `json:"mode"`
	ItemWindows
	UpperDepartment string        `json:"upper_department,omitempty"`
	Phone           string        `json:"phone,omitempty"`
	Result          string        `json:"result,omitempty"`
	Materials       []Material    `json:"materials"`
	Fields          []IntakeField `json:"fields,omitempty"`
	NoID            bool          `json:"no_id,omitempty"` // registration does not ask for the ID number
	Sample          bool          `json:"sample,omitempty"`
	Version         int           `json:"-"`
	// Active is false for an item taken out of service (SetItemActive): its
	// guide leaves the kiosk and it takes no new requests, but the requests
	// registered under it keep it. Not in the catalog file (the export holds
	// the active items; an import makes the items it names active).
	Active bool `json:"-"`
}

// ItemWindows are the windows that handle an item: the lead window (牵头窗口)
// and, for 联合办理, the joint windows (配合窗口), by their numbers.
type ItemWindows struct {
	LeadWindow   string   `json:"lead_window,omitempty"`
	JointWindows []string `json:"joint_windows,omitempty"`
}

// Validate checks a guide as an administrator or an import file gives it.
func (it *Item) Validate() error {
	if err := checkCode(itemCode, it.Code); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(it.Name) == "":
		return Invalid("name", "请填写事项名称。")
	case utf8.RuneCountInString(it.Name) > 60:
		return Invalid("name", "事项名称不能超过60个字。")
	case strings.TrimSpace(it.Category) == "":
		return Invalid("category", "请填写事项分类。")
	case strings.TrimSpace(it.Basis) == "":
		return Invalid("basis", "请填写政策依据。")
	case strings.TrimSpace(it.Conditions) == "":
		return Invalid("conditions", "请填写申报条件。")
	case len(it.Procedure) == 0:
		return Invalid("procedure", "请至少填写一个办事步骤。")
	case it.PromisedDays < 0 || it.PromisedDays > 365:
		return Invalid("promised_days", "承诺期限应在0至365个工作日之间。")
	case it.LegalDays < 0 || it.LegalDays > 365:
		return Invalid("legal_days", "法定期限应在0至365个工作日之间。")
	case it.LegalDays > 0 && it.PromisedDays > it.LegalDays:
		return Invalid("promised_days", "承诺期限不能长于法定期限。")
	case strings.TrimSpace(it.Fee) == "":
		return Invalid("fee", "请填写收费标准（不收费请填写“不收费”）。")
	case it.Trips < 0 || it.Trips > 10:
		return Invalid("trips", "到现场次数应在0至10次之间。")
	case !it.Mode.Valid():
		return Invalid("mode", "办理方式应为 direct、promise、joint、upper、assist、proxy 之一。")
	case it.Mode == ModeDirect && it.PromisedDays != 0:
		return Invalid("promised_days", "直接办理的事项承诺期限应为0（即收即办）。")
	case it.Mode == ModeUpper && strings.TrimSpace(it.UpperDepartment) == "":
		return Invalid("upper_department", "上报办理的事项请填写上级部门。")
	case it.Mode == ModeJoint && (it.LeadWindow == "" || len(it.JointWindows) == 0):
		return Invalid("joint_windows", "联合办理的事项请填写牵头窗口和配合窗口。")
	case len(it.Materials) == 0:
		return Invalid("materials", "请至少列出一项申报材料。")
	}
	for i, step := range it.Procedure {
		if strings.TrimSpace(step) == "" {
			return Invalid("procedure["+itoa(i)+"]", "办事步骤不能为空。")
		}
	}
	for i := range it.Materials {
		if err := it.Materials[i].Validate(); err != nil {
			return err.(*InvalidError).Prefix("materials[" + itoa(i) + "]")
		}
	}
	keys := map[string]bool{}
	for i := range it.Fields {
		f := &it.Fields[i]
		if err := f.Validate(); err != nil {
			return err.(*InvalidError).Prefix("fields[" + itoa(i) + "]")
		}
		if keys[f.Key] {
			return Invalid("fields["+itoa(i)+"].key", "登记项的键名重复："+f.Key+"。").
				keyed("data.item.fieldKeyTwice", map[string]any{"Key": f.Key})
		}
		keys[f.Key] = true
	}
	return nil
}

// ValidateWindows checks the lead and joint windows against the windows
// known to exist (those of an import file, or of the store when an
// administrator saves an item). Catalog import and SaveItem share it.
func (iw ItemWindows) ValidateWindows(known func(code string) bool) error {
	if iw.LeadWindow != "" && !known(iw.LeadWindow) {
		return noWindow("lead_window", iw.LeadWindow)
	}
	for j, w := range iw.JointWindows {
		if !known(w) || w == iw.LeadWindow {
			return Invalid("joint_windows["+itoa(j)+"]", "配合窗口 "+w+" 不存在或与牵头窗口相同。").
				keyed("data.item.jointWindow", map[string]any{"Code": w})
		}
	}
	return nil
}

// MaxSampleBytes is the largest sample form (样表) a material may carry:
// enough for a scanned page or a PDF form, small enough for the catalog
// file and the kiosk.
const MaxSampleBytes = 5 << 20

// SampleKind names the type of a sample form file from its first bytes:
// "png", "jpeg", "pdf", or "" for anything else.
func SampleKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG")):
		return "png"
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "pdf"
	}
	return ""
}

// sampleDecodes is whether b is a PDF (by its header) or a PNG or JPEG
// image that decodes (a text file renamed .png is not).
func sampleDecodes(b []byte) bool {
	switch SampleKind(b) {
	case "pdf":
		return true
	case "png", "jpeg":
		_, _, err := image.DecodeConfig(bytes.NewReader(b))
		return err == nil
	}
	return false
}

// Validate checks one material.
func (m *Material) Validate() error {
	switch {
	case strings.TrimSpace(m.Name) == "":
		return Invalid("name", "请填写材料名称。")
	case m.Form != FormOriginal && m.Form != FormCopy && m.Form != FormBoth && m.Form != FormElectronic:
		return Invalid("form", "材料形式应为 original、copy、both、electronic 之一。")
	case m.Copies < 0 || m.Copies > 20:
		return Invalid("copies", "份数应在0至20之间。")
	case len(m.SampleData) > 0 && m.SampleName == "":
		return Invalid("sample_name", "样表文件需要一个文件名。")
	case len(m.SampleData) > MaxSampleBytes:
		return Invalid("sample_data", "样表文件不能超过5 MB，请压缩或缩小后再选择。")
	case len(m.SampleData) > 0 && !sampleDecodes(m.SampleData):
		return Invalid("sample_data", "样表文件应为图片（PNG、JPEG）或 PDF 文件。")
	}
	return nil
}

var fieldKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Validate checks one intake field definition.
func (f *IntakeField) Validate() error {
	switch {
	case !fieldKeyPattern.MatchString(f.Key):
		return Invalid("key", "登记项键名应以小写字母开头，只含小写字母、数字和下划线。")
	case strings.TrimSpace(f.Label) == "":
		return Invalid("label", "请填写登记项名称。")
	}
	switch f.Kind {
	case KindText, KindNumber, KindDate:
		if len(f.Options) > 0 {
			return Invalid("options", "只有单选和多选登记项可以设置选项。")
		}
	case KindSingle, KindMulti:
		if len(f.Options) < 2 {
			return Invalid("options", "单选或多选登记项至少需要两个选项。")
		}
	default:
		return Invalid("kind", "登记项类型应为 text、number、date、single、multi 之一。")
	}
	return f.Rule.validate(f.Kind)
}

// ItemSummary is what a list of guides shows.
type ItemSummary struct {
	ID           int64
	Code         string
	Name         string
	Category     string
	Summary      string
	PromisedDays int
	Mode         Mode
}

// Categories lists the categories of active items in display order, with
// their item counts.
func (s *Store) Categories(ctx context.Context) ([]Category, error) {
	return readRows(ctx, s, "categories", func(c *Category) []any { return []any{&c.Name, &c.Count} },
		`SELECT category, count(*) FROM items WHERE active = 1 GROUP BY category ORDER BY min(ord), category`)
}

// Category is a group of guides.
type Category struct {
	Name  string
	Count int
}

// ItemsInCategory lists the active items of a category in display order.
func (s *Store) ItemsInCategory(ctx context.Context, category string) ([]ItemSummary, error) {
	var out []ItemSummary
	err := s.read(ctx, "items", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, code, name, category, summary, promised_days, mode
			FROM items WHERE active = 1 AND category = ? ORDER BY ord, id`, category)
		if err != nil {
			return err
		}
		out, err = scanSummaries(rows)
		return err
	})
	return out, err
}

func scanSummaries(rows *sql.Rows) ([]ItemSummary, error) {
	defer rows.Close()
	var out []ItemSummary
	for rows.Next() {
		var it ItemSummary
		if err := rows.Scan(&it.ID, &it.Code, &it.Name, &it.Category, &it.Summary, &it.PromisedDays, &it.Mode); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Item reads one guide with its materials and intake fields.
func (s *Store) Item(ctx context.Context, id int64) (Item, error) {
	return readValue(ctx, s, "item", func(tx *sql.Tx) (Item, error) { return getItem(ctx, tx, id) })
}

func getItem(ctx context.Context, tx queryer, id int64) (Item, error) {
	var it Item
	var keywords, procedure string
	var special, sample, noID int
	err := tx.QueryRowContext(ctx, `SELECT id, code, name, category, keywords, summary, basis, conditions,
		procedure, promised_days, legal_days, fee, fee_basis, special_steps, special_counts, trips, mode,
		upper_department, phone, result, no_id, sample, version, active FROM items WHERE id = ?`, id).Scan(
		&it.ID, &it.Code, &it.Name, &it.Category, &keywords, &it.Summary, &it.Basis, &it.Conditions,
		&procedure, &it.PromisedDays, &it.LegalDays, &it.Fee, &it.FeeBasis, &it.SpecialSteps, &special,
		&it.Trips, &it.Mode, &it.UpperDepartment, &it.Phone, &it.Result, &noID, &sample, &it.Version, &it.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return it, ErrNotFound
	}
	if err != nil {
		return it, err
	}
	it.Keywords = splitNonEmpty(keywords, " ")
	it.Procedure = splitNonEmpty(procedure, "\n")
	it.SpecialCounts, it.Sample, it.NoID = special == 1, sample == 1, noID == 1

	rows, err := tx.QueryContext(ctx, `SELECT w.code, iw.role FROM item_windows iw JOIN windows w ON w.id = iw.window_id
		WHERE iw.item_id = ? ORDER BY iw.role DESC, w.ord, w.code`, id)
	if err != nil {
		return it, err
	}
	for rows.Next() {
		var code, role string
		if err := rows.Scan(&code, &role); err != nil {
			rows.Close()
			return it, err
		}
		if role == "lead" {
			it.LeadWindow = code
		} else {
			it.JointWindows = append(it.JointWindows, code)
		}
	}
	rows.Close()

	rows, err = tx.QueryContext(ctx, `SELECT id, name, required, form, copies, note, sample_name, sample_data
		FROM materials WHERE item_id = ? ORDER BY ord`, id)
	if err != nil {
		return it, err
	}
	for rows.Next() {
		var m Material
		var req int
		if err := rows.Scan(&m.ID, &m.Name, &req, &m.Form, &m.Copies, &m.Note, &m.SampleName, &m.SampleData); err != nil {
			rows.Close()
			return it, err
		}
		m.Required = req == 1
		it.Materials = append(it.Materials, m)
	}
	rows.Close()

	rows, err = tx.QueryContext(ctx, `SELECT key, label, kind, required, options, help, rule FROM item_fields
		WHERE item_id = ? ORDER BY ord`, id)
	if err != nil {
		return it, err
	}
	defer rows.Close()
	for rows.Next() {
		var f IntakeField
		var req int
		var opts, rule string
		if err := rows.Scan(&f.Key, &f.Label, &f.Kind, &req, &opts, &f.Help, &rule); err != nil {
			return it, err
		}
		if err := json.Unmarshal([]byte(rule), &f.Rule); err != nil {
			return it, err
		}
		f.Required = req == 1
		if err := json.Unmarshal([]byte(opts), &f.Options); err != nil {
			return it, err
		}
		if len(f.Options) == 0 {
			f.Options = nil
		}
		it.Fields = append(it.Fields, f)
	}
	return it, rows.Err()
}

func splitNonEmpty(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
