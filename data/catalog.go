package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// CatalogFormat is the version of the catalog file format.
const CatalogFormat = 1

// Catalog is the file `bianmin catalog import|export` reads and writes, and
// the sample catalog loaded on first start: the center profile, windows,
// staff, service guides, disclosures and calendar exceptions. Photos and
// sample forms travel inside it (base64), so one file carries everything.
type Catalog struct {
	Format      int           `json:"format"`
	Center      Center        `json:"center"`
	Windows     []Window      `json:"windows"`
	Staff       []Staff       `json:"staff"`
	Items       []Item        `json:"items"`
	Disclosures []Disclosure  `json:"disclosures"`
	Calendar    []CalendarDay `json:"calendar,omitempty"`
}

// CalendarDay is an exception to the Monday–Friday week: an official holiday
// on a weekday, or a weekend day that is a working day (调休).
type CalendarDay struct {
	Day  string `json:"day"`  // YYYY-MM-DD
	Kind string `json:"kind"` // "holiday" or "workday"
	Name string `json:"name,omitempty"`
}

// Validate checks one calendar exception.
func (c CalendarDay) Validate() error {
	if _, err := ParseDay(c.Day); err != nil {
		return Invalid("day", "日期应写成 2026-10-01 这样的格式。")
	}
	if c.Kind != "holiday" && c.Kind != "workday" {
		return Invalid("kind", "日期类型应为 holiday（放假）或 workday（调休上班）。")
	}
	return nil
}

// ImportSummary counts what an import wrote.
type ImportSummary struct {
	Windows, Staff, Items, Disclosures, Versions, CalendarDays int
	// Converted names the encoding the file was converted from to UTF-8
	// (EncodingGBK, EncodingUTF16), or "" when it was UTF-8.
	Converted string
}

// ConvertedNote is the sentence that tells the person importing that the
// file was converted, or "".
func (s ImportSummary) ConvertedNote() string {
	if s.Converted == "" {
		return ""
	}
	return "已从 " + s.Converted + " 编码转换。"
}

// DecodeCatalog reads a catalog file strictly: unknown fields, trailing data
// and wrong types are refused with the line and the JSON path. Photo files
// named by photo_file are read from files (the folder of the catalog).
func DecodeCatalog(r io.Reader, files fs.FS) (*Catalog, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("data: catalog: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, jsonError(raw, err)
	}
	if dec.More() {
		return nil, Invalid("", fmt.Sprintf("第%d行：文件在目录内容之后还有多余的内容。", lineOf(raw, dec.InputOffset())))
	}
	if c.Format != CatalogFormat {
		return nil, Invalid("format", fmt.Sprintf("不支持的目录文件格式版本 %d（应为 %d）。", c.Format, CatalogFormat))
	}
	for i := range c.Staff {
		st := &c.Staff[i]
		if st.PhotoFile == "" {
			continue
		}
		if files == nil || !fs.ValidPath(path.Clean(st.PhotoFile)) {
			return nil, Invalid(fmt.Sprintf("staff[%d].photo_file", i), "找不到照片文件："+st.PhotoFile+"。")
		}
		b, err := fs.ReadFile(files, path.Clean(st.PhotoFile))
		if err != nil {
			return nil, Invalid(fmt.Sprintf("staff[%d].photo_file", i), "找不到照片文件："+st.PhotoFile+"。")
		}
		st.Photo, st.PhotoFile = b, ""
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// jsonError names the line (and the field path, when the decoder knows it)
// of a JSON error.
func jsonError(raw []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return Invalid("", fmt.Sprintf("第%d行：JSON 格式错误（%s）。", lineOf(raw, syn.Offset), syn.Error()))
	case errors.As(err, &typ):
		field := typ.Field
		// Name the element as the streamed import does: items[2].…
		if sec, rest, ok := strings.Cut(field, "."); ok && catalogSections[sec] != "" {
			if i := elementAt(raw, sec, typ.Offset); i >= 0 {
				field = fmt.Sprintf("%s[%d].%s", sec, i, rest)
			}
		}
		return Invalid(field, typeErrorMessage(lineOf(raw, typ.Offset), field, typ.Type.String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("", "文件为空或不完整。")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		line := 0
		if i := bytes.Index(raw, []byte(`"`+field+`"`)); i >= 0 {
			line = lineOf(raw, int64(i))
		}
		return Invalid(field, fmt.Sprintf("第%d行：不认识的字段 %q，请检查拼写。", line, field))
	}
	return Invalid("", "文件无法读取："+err.Error())
}

// elementAt is the index of the element of the top-level array section
// that holds offset, or -1.
func elementAt(raw []byte, section string, offset int64) int {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return -1
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return -1
		}
		if tok != section {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return -1
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return -1
		}
		for i := 0; dec.More(); i++ {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return -1
			}
			if dec.InputOffset() >= offset {
				return i
			}
		}
		return -1
	}
	return -1
}

func lineOf(raw []byte, offset int64) int {
	if offset > int64(len(raw)) {
		offset = int64(len(raw))
	}
	return bytes.Count(raw[:offset], []byte("\n")) + 1
}

// Validate checks the whole catalog, including references between its parts
// and duplicate codes. The first problem is returned with its JSON path.
func (c *Catalog) Validate() error {
	if err := c.Center.Validate(); err != nil {
		return err.(*InvalidError).Prefix("center")
	}
	windows := map[string]bool{}
	for i := range c.Windows {
		p := fmt.Sprintf("windows[%d]", i)
		if err := c.Windows[i].Validate(); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
		if windows[c.Windows[i].Code] {
			return Invalid(p+".code", "窗口编号重复："+c.Windows[i].Code+"。")
		}
		windows[c.Windows[i].Code] = true
	}
	seen := map[string]bool{}
	for i := range c.Staff {
		st := &c.Staff[i]
		p := fmt.Sprintf("staff[%d]", i)
		if err := st.Validate(); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
		if seen[st.Code] {
			return Invalid(p+".code", "工号重复："+st.Code+"。")
		}
		seen[st.Code] = true
		if st.Window != "" && !windows[st.Window] {
			return Invalid(p+".window", "没有编号为 "+st.Window+" 的窗口。")
		}
	}
	seen = map[string]bool{}
	for i := range c.Items {
		it := &c.Items[i]
		p := fmt.Sprintf("items[%d]", i)
		if err := it.Validate(); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
		if seen[it.Code] {
			return Invalid(p+".code", "事项编码重复："+it.Code+"。")
		}
		seen[it.Code] = true
		if err := it.ValidateWindows(func(code string) bool { return windows[code] }); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
	}
	seen = map[string]bool{}
	for i := range c.Disclosures {
		d := &c.Disclosures[i]
		p := fmt.Sprintf("disclosures[%d]", i)
		if err := d.Validate(); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
		if seen[d.Code] {
			return Invalid(p+".code", "公开事项编码重复："+d.Code+"。")
		}
		seen[d.Code] = true
	}
	seen = map[string]bool{}
	for i, day := range c.Calendar {
		p := fmt.Sprintf("calendar[%d]", i)
		if err := day.Validate(); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
		if seen[day.Day] {
			return Invalid(p+".day", "日期重复："+day.Day+"。")
		}
		seen[day.Day] = true
	}
	return nil
}

func upsertID(ctx context.Context, tx queryer, q string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, q, args...).Scan(&id)
	return id, err
}

// putItem inserts or updates an item of an import by code and makes it
// active. A changed guide becomes a new version (see writeItem).
func putItem(ctx context.Context, tx queryer, it *Item, ord int, now string, window func(string) (any, error)) error {
	err := tx.QueryRowContext(ctx, `SELECT id FROM items WHERE code = ?`, it.Code).Scan(&it.ID)
	if errors.Is(err, sql.ErrNoRows) {
		it.ID = 0
	} else if err != nil {
		return err
	}
	it.Active = true
	return writeItem(ctx, tx, it, ord, now, window)
}

// writeItem writes a validated item, the one way both catalog import and
// SaveItem store a guide: a new row when it.ID is 0, else the row it.ID
// (its code may change). A guide whose snapshot differs from the version
// in force becomes a new version, its snapshot kept in item_versions for
// the requests registered under it; the search keys (and through the
// triggers of migration 002 the search index) follow the text. Windows,
// materials (keeping their ids, see putMaterials) and intake fields are
// written afresh. it.ID and it.Version are set.
func writeItem(ctx context.Context, tx queryer, it *Item, ord int, now string, window func(string) (any, error)) error {
	snap, err := json.Marshal(itemSnapshot(it))
	if err != nil {
		return err
	}
	keys := SearchKeysFor(it)
	args := []any{it.Code, it.Name, it.Category, strings.Join(it.Keywords, " "), it.Summary, it.Basis, it.Conditions,
		strings.Join(it.Procedure, "\n"), it.PromisedDays, it.LegalDays, it.Fee, it.FeeBasis, it.SpecialSteps,
		boolInt(it.SpecialCounts), it.Trips, string(it.Mode), it.UpperDepartment, it.Phone, it.Result, boolInt(it.NoID), ord,
		boolInt(it.Active), boolInt(it.Sample)}
	id, version := it.ID, 1
	if id == 0 {
		id, err = upsertID(ctx, tx, `INSERT INTO items (code, name, category, keywords, summary, basis, conditions,
			procedure, promised_days, legal_days, fee, fee_basis, special_steps, special_counts, trips, mode,
			upper_department, phone, result, no_id, ord, active, sample, version, search_text, pinyin, initials,
			search_chars, search_firsts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			RETURNING id`, append(args, version, keys.Text, keys.Pinyin, keys.Initials, keys.Chars, keys.Firsts)...)
		if err != nil {
			return err
		}
	} else {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT version, coalesce((SELECT snapshot FROM item_versions v
			WHERE v.item_id = items.id AND v.version = items.version), '') FROM items WHERE id = ?`, id).
			Scan(&version, &old); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if old != string(snap) {
			version++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE items SET code = ?, name = ?, category = ?, keywords = ?, summary = ?,
			basis = ?, conditions = ?, procedure = ?, promised_days = ?, legal_days = ?, fee = ?, fee_basis = ?,
			special_steps = ?, special_counts = ?, trips = ?, mode = ?, upper_department = ?, phone = ?, result = ?,
			no_id = ?, ord = ?, active = ?, sample = ?, version = ?, search_text = ?, pinyin = ?, initials = ?,
			search_chars = ?, search_firsts = ? WHERE id = ?`,
			append(args, version, keys.Text, keys.Pinyin, keys.Initials, keys.Chars, keys.Firsts, id)...); err != nil {
			return err
		}
	}
	it.ID, it.Version = id, version
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO item_versions (item_id, version, snapshot, at)
		VALUES (?, ?, ?, ?)`, id, version, string(snap), now); err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM item_windows WHERE item_id = ?`, `DELETE FROM item_fields WHERE item_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	addWindow := func(code, role string) error {
		wid, err := window(code)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO item_windows (item_id, window_id, role) VALUES (?, ?, ?)`, id, wid, role)
		return err
	}
	if it.LeadWindow != "" {
		if err := addWindow(it.LeadWindow, "lead"); err != nil {
			return err
		}
	}
	for _, w := range it.JointWindows {
		if err := addWindow(w, "joint"); err != nil {
			return err
		}
	}
	if err := putMaterials(ctx, tx, id, it.Materials); err != nil {
		return err
	}
	for i, f := range it.Fields {
		opts, err := json.Marshal(f.Options)
		if err != nil {
			return err
		}
		if f.Options == nil {
			opts = []byte("[]")
		}
		rule, err := json.Marshal(f.Rule)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO item_fields (item_id, ord, key, label, kind, required, options, help,
			rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, i, f.Key, f.Label, string(f.Kind), boolInt(f.Required),
			string(opts), f.Help, string(rule)); err != nil {
			return err
		}
	}
	return nil
}

// putMaterials writes an item's materials so that a material keeps its id
// (requests record the ids of the materials brought and 补正 notices the ids
// of those missing): a material that carries the id of one of the item's
// rows (an administrator's edit, which may rename it) updates that row;
// otherwise it is matched by name (an import, whose file has no ids).
// Materials no longer in the guide are deleted; old requests then show
// only the materials that still exist.
func putMaterials(ctx context.Context, tx queryer, itemID int64, ms []Material) error {
	own := map[int64]bool{}
	byName := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM materials WHERE item_id = ? ORDER BY ord`, itemID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		own[id] = true
		if _, dup := byName[name]; !dup {
			byName[name] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := make([]int64, len(ms))
	taken := map[int64]bool{}
	for i, m := range ms {
		if own[m.ID] && !taken[m.ID] {
			ids[i], taken[m.ID] = m.ID, true
		}
	}
	for i, m := range ms {
		if mid, ok := byName[m.Name]; ok && ids[i] == 0 && !taken[mid] {
			ids[i], taken[mid] = mid, true
		}
	}
	// Move every row out of the way of UNIQUE (item_id, ord) first.
	if _, err := tx.ExecContext(ctx, `UPDATE materials SET ord = -id WHERE item_id = ?`, itemID); err != nil {
		return err
	}
	for i, m := range ms {
		if ids[i] != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE materials SET ord = ?, name = ?, required = ?, form = ?, copies = ?,
				note = ?, sample_name = ?, sample_data = ? WHERE id = ?`, i, m.Name, boolInt(m.Required), string(m.Form),
				m.Copies, m.Note, m.SampleName, m.SampleData, ids[i]); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO materials (item_id, ord, name, required, form, copies, note,
			sample_name, sample_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, itemID, i, m.Name, boolInt(m.Required),
			string(m.Form), m.Copies, m.Note, m.SampleName, m.SampleData); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM materials WHERE item_id = ? AND ord < 0`, itemID)
	return err
}

// itemSnapshot is the item as recorded for a version: everything but ids.
func itemSnapshot(it *Item) Item {
	c := *it
	c.ID, c.Version, c.Active = 0, 0, false
	c.Materials = append([]Material(nil), it.Materials...)
	for i := range c.Materials {
		c.Materials[i].ID = 0
	}
	return c
}

func collect[T any](ctx context.Context, tx *sql.Tx, out *[]T, q string, args ...any) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return rows.Err()
}

// Empty reports whether the data file has no center profile yet (a new
// file, to be seeded with the sample catalog).
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM center`).Scan(&n)
	return n == 0, mapErr("empty", err)
}
