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
	"time"
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
		return nil, catalogTrailing(lineOf(raw, dec.InputOffset()))
	}
	if c.Format != CatalogFormat {
		return nil, catalogFormatError(c.Format)
	}
	for i := range c.Staff {
		st := &c.Staff[i]
		if st.PhotoFile == "" {
			continue
		}
		if files == nil || !fs.ValidPath(path.Clean(st.PhotoFile)) {
			return nil, photoMissing(fmt.Sprintf("staff[%d].photo_file", i), st.PhotoFile)
		}
		b, err := fs.ReadFile(files, path.Clean(st.PhotoFile))
		if err != nil {
			return nil, photoMissing(fmt.Sprintf("staff[%d].photo_file", i), st.PhotoFile)
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
		return jsonSyntaxError(lineOf(raw, syn.Offset), syn)
	case errors.As(err, &typ):
		field := typ.Field
		// Name the element as the streamed import does: items[2].…
		if sec, rest, ok := strings.Cut(field, "."); ok && catalogSections[sec] != "" {
			if i := elementAt(raw, sec, typ.Offset); i >= 0 {
				field = fmt.Sprintf("%s[%d].%s", sec, i, rest)
			}
		}
		return typeError(lineOf(raw, typ.Offset), field, typ.Type.String())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("", "文件为空或不完整。")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		line := 0
		if i := bytes.Index(raw, []byte(`"`+field+`"`)); i >= 0 {
			line = lineOf(raw, int64(i))
		}
		return unknownField(line, field)
	}
	return unreadableFile("", err)
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
	windows, err := checkList("windows", c.Windows, windowCode, nil)
	if err != nil {
		return err
	}
	if _, err := checkList("staff", c.Staff, staffCode, func(p string, st *Staff) error {
		if st.Window != "" && !windows[st.Window] {
			return noWindow(p+".window", st.Window)
		}
		return nil
	}); err != nil {
		return err
	}
	if _, err := checkList("items", c.Items, itemCode, func(p string, it *Item) error {
		if err := it.ValidateWindows(func(code string) bool { return windows[code] }); err != nil {
			return err.(*InvalidError).Prefix(p)
		}
		return nil
	}); err != nil {
		return err
	}
	if _, err := checkList("disclosures", c.Disclosures, disclosureCode, nil); err != nil {
		return err
	}
	_, err = checkList("calendar", c.Calendar, calendarDay, nil)
	return err
}

// catalogRecord is a record of one of a catalog's lists: it checks its own
// fields, and its list knows it by a key (catalogKey: the key's field and
// value) that may not come twice.
type catalogRecord interface {
	Validate() error
	catalogKey() (field, key string)
}

func (w *Window) catalogKey() (string, string)     { return "code", w.Code }
func (st *Staff) catalogKey() (string, string)     { return "code", st.Code }
func (it *Item) catalogKey() (string, string)      { return "code", it.Code }
func (d *Disclosure) catalogKey() (string, string) { return "code", d.Code }
func (c CalendarDay) catalogKey() (string, string) { return "day", c.Day }

// checkRecord checks record r, at path p, by its own rules, then that its
// key is not one of seen (the keys of its list so far): a repeat is refused
// with codeTwice for its kind.
func checkRecord[V any](p string, r catalogRecord, seen map[string]V, kind codeKind) error {
	if err := r.Validate(); err != nil {
		return err.(*InvalidError).Prefix(p)
	}
	field, key := r.catalogKey()
	if _, dup := seen[key]; dup {
		return codeTwice(p+"."+field, kind, key)
	}
	return nil
}

// checkList checks the records of the catalog's list name (checkRecord),
// each then with more when it is not nil, and returns the list's keys.
func checkList[T any, P interface {
	*T
	catalogRecord
}](name string, recs []T, kind codeKind, more func(p string, r P) error) (map[string]bool, error) {
	seen := map[string]bool{}
	for i := range recs {
		r, p := P(&recs[i]), fmt.Sprintf("%s[%d]", name, i)
		if err := checkRecord(p, r, seen, kind); err != nil {
			return nil, err
		}
		_, key := r.catalogKey()
		seen[key] = true
		if more == nil {
			continue
		}
		if err := more(p, r); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

func upsertID(ctx context.Context, tx queryer, q string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, q, args...).Scan(&id)
	return id, err
}

// readRows reads a T from each row of q in one read transaction (see
// collectRows).
func readRows[T any](ctx context.Context, s *Store, op string, fields func(*T) []any, q string, args ...any) ([]T, error) {
	var out []T
	err := s.read(ctx, op, func(tx *sql.Tx) error { return collectRows(ctx, tx, &out, fields, q, args...) })
	return out, err
}

// rowsQueryer is where collect and collectRows run their query: a
// *sql.Tx, or the *sql.DB itself for a read outside a transaction.
type rowsQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// parsedText scans a text column into *dst through parse: a stored time
// (timeText) or day (dayText) read as it is meant. A NULL is an error, as
// it is for a string.
type parsedText[T any] struct {
	dst   *T
	parse func(string) T
}

func (p parsedText[T]) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*p.dst = p.parse(v)
	case []byte:
		*p.dst = p.parse(string(v))
	default:
		return fmt.Errorf("data: a %T where text was stored", src)
	}
	return nil
}

// timeText scans a stored time (parseTime: zero when empty or unreadable).
func timeText(dst *time.Time) parsedText[time.Time] { return parsedText[time.Time]{dst, parseTime} }

// dayText scans a stored day (parseDayOrZero).
func dayText(dst *time.Time) parsedText[time.Time] { return parsedText[time.Time]{dst, parseDayOrZero} }

// queryRows is a T for each row of q (see collectRows).
func queryRows[T any](ctx context.Context, db rowsQueryer, fields func(*T) []any, q string, args ...any) ([]T, error) {
	var out []T
	err := collectRows(ctx, db, &out, fields, q, args...)
	return out, err
}

// collect appends to out the one column of each row of q.
func collect[T any](ctx context.Context, db rowsQueryer, out *[]T, q string, args ...any) error {
	return collectRows(ctx, db, out, func(v *T) []any { return []any{v} }, q, args...)
}

// collectDB is collect straight on the database, outside a transaction,
// its error mapped as the store's are.
func collectDB[T any](ctx context.Context, db *sql.DB, out *[]T, q string, args ...any) error {
	return mapErr("collect", collect(ctx, db, out, q, args...))
}

// collectRows appends to out a T for each row of q, its columns scanned
// into what fields names of it.
func collectRows[T any](ctx context.Context, db rowsQueryer, out *[]T, fields func(*T) []any, q string, args ...any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v T
		if err := rows.Scan(fields(&v)...); err != nil {
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
