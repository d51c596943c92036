package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// catalogDecoder reads a catalog file token by token and hands each record
// to the importer as soon as it is decoded.
type catalogDecoder struct {
	imp   *catalogImporter
	src   io.ReadSeeker
	base  int64 // where the file starts in src
	files fs.FS
	dec   *json.Decoder
}

func (d *catalogDecoder) run() error {
	if _, err := d.src.Seek(d.base, io.SeekStart); err != nil {
		return err
	}
	d.dec = json.NewDecoder(d.src)
	d.dec.DisallowUnknownFields()
	tok, err := d.dec.Token()
	if err != nil {
		return d.jsonError(err, 0, "")
	}
	if tok != json.Delim('{') {
		return Invalid("", fmt.Sprintf("第%d行：目录文件应是一个 JSON 对象（以 { 开头）。", d.line(d.dec.InputOffset()))).
			keyed("data.catalog.notObject", map[string]any{"Line": d.line(d.dec.InputOffset())})
	}
	format, sawFormat, sawCenter := 0, false, false
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return d.jsonError(err, 0, "")
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := d.decode(&format, ""); err != nil {
				return err
			}
			sawFormat = true
			if format != CatalogFormat {
				return catalogFormatError(format)
			}
		case "center":
			var c Center
			if err := d.decode(&c, "center"); err != nil {
				return err
			}
			sawCenter = true
			if err := d.imp.center(c); err != nil {
				return err
			}
		case "windows", "staff", "items", "disclosures", "calendar":
			if err := d.section(key); err != nil {
				return err
			}
		default:
			return d.unknownField(key, d.dec.InputOffset()-int64(len(key))-2)
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing }
		return d.jsonError(err, 0, "")
	}
	if d.dec.More() {
		return catalogTrailing(d.line(d.dec.InputOffset()))
	}
	if !sawFormat {
		return catalogFormatError(format)
	}
	if !sawCenter {
		if err := d.imp.center(Center{}); err != nil {
			return err
		}
	}
	return d.imp.finish()
}

// section decodes one of the catalog's lists (windows, staff, items,
// disclosures, calendar) element by element into the import.
func (d *catalogDecoder) section(key string) error {
	switch key {
	case "windows":
		if err := decodeList(d, key, d.imp.window); err != nil {
			return err
		}
		d.imp.windowsDone()
	case "staff":
		return decodeList(d, key, func(i int, st *Staff) error { return d.imp.staff(i, st, d.files) })
	case "items":
		return decodeList(d, key, d.imp.item)
	case "disclosures":
		return decodeList(d, key, d.imp.disclosure)
	case "calendar":
		return decodeList(d, key, func(i int, day *CalendarDay) error { return d.imp.day(i, *day) })
	}
	return nil
}

// decodeList decodes the list name element by element, each into a new T
// handed to put with its index.
func decodeList[T any](d *catalogDecoder, name string, put func(i int, v *T) error) error {
	return d.array(name, func(i int) error {
		var v T
		if err := d.decode(&v, fmt.Sprintf("%s[%d]", name, i)); err != nil {
			return err
		}
		return put(i, &v)
	})
}

// array reads the array of section name (or null), calling each for every
// element with its index; each decodes the element.
func (d *catalogDecoder) array(name string, each func(i int) error) error {
	start := d.dec.InputOffset()
	tok, err := d.dec.Token()
	if err != nil {
		return d.jsonError(err, 0, "")
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return typeError(d.line(start), name, "[]")
	}
	for i := 0; d.dec.More(); i++ {
		if err := d.imp.ctx.Err(); err != nil {
			return err
		}
		if err := each(i); err != nil {
			return err
		}
	}
	_, err = d.dec.Token() // ]
	if err != nil {
		return d.jsonError(err, 0, "")
	}
	return nil
}

// decode decodes the next value into v; section is its field in the
// catalog, for the path of a type error.
func (d *catalogDecoder) decode(v any, section string) error {
	start := d.dec.InputOffset()
	if err := d.dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			// The decoder counts the offset of a syntax error in a value
			// from where its values began, not from the start of the file.
			if at, ok := d.syntaxOffset(start); ok {
				return jsonSyntaxError(d.line(at), syn)
			}
		}
		return d.jsonError(err, start, section)
	}
	return nil
}

// syntaxOffset finds again, in the file, where the value that starts after
// offset start (and after the one ':' or ',' before it) stops being JSON.
func (d *catalogDecoder) syntaxOffset(start int64) (int64, bool) {
	if _, err := d.src.Seek(d.base+start, io.SeekStart); err != nil {
		return 0, false
	}
	br := bufio.NewReader(d.src)
	skipped, sep := int64(0), false
	for {
		c, err := br.ReadByte()
		if err != nil {
			return 0, false
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || (!sep && (c == ',' || c == ':')) {
			sep = sep || c == ',' || c == ':'
			skipped++
			continue
		}
		_ = br.UnreadByte()
		break
	}
	var raw json.RawMessage
	var syn *json.SyntaxError
	if err := json.NewDecoder(br).Decode(&raw); errors.As(err, &syn) {
		return start + skipped + syn.Offset, true
	}
	return 0, false
}

// jsonError is jsonError (catalog.go) for the stream: the line is counted
// in the file; start is where the value being decoded began (the offsets
// of type errors count from there), section its field in the catalog.
func (d *catalogDecoder) jsonError(err error, start int64, section string) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return jsonSyntaxError(d.line(syn.Offset), syn)
	case errors.As(err, &typ):
		field := typ.Field
		if section != "" {
			field = strings.TrimSuffix(section+"."+field, ".")
		}
		return typeError(d.line(start+typ.Offset), field, typ.Type.String())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("", "文件为空或不完整。")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return d.unknownField(field, start)
	}
	return unreadableFile("", err)
}

// unknownField refuses a field the catalog does not have, with the line of
// its first mention at or after from.
func (d *catalogDecoder) unknownField(field string, from int64) error {
	line := 0
	if at := d.find(`"`+field+`"`, max(from, 0)); at >= 0 {
		line = d.line(at)
	}
	return unknownField(line, field)
}

// line is the line of the file at offset, counted by reading the file
// again from its start (only on the way to an error).
func (d *catalogDecoder) line(offset int64) int {
	if _, err := d.src.Seek(d.base, io.SeekStart); err != nil {
		return 0
	}
	n, buf := 1, make([]byte, 64<<10)
	for left := offset; left > 0; {
		k, err := d.src.Read(buf[:min(int64(len(buf)), left)])
		n += bytes.Count(buf[:k], []byte("\n"))
		left -= int64(k)
		if err != nil {
			break
		}
	}
	return n
}

// find is the offset of the first s at or after from, or -1.
func (d *catalogDecoder) find(s string, from int64) int64 {
	if _, err := d.src.Seek(d.base+from, io.SeekStart); err != nil {
		return -1
	}
	buf := make([]byte, 64<<10+len(s))
	carry, pos := 0, from
	for {
		k, err := d.src.Read(buf[carry:])
		if i := bytes.Index(buf[:carry+k], []byte(s)); i >= 0 {
			return pos + int64(i)
		}
		if err != nil || k == 0 {
			return -1
		}
		// Keep the last len(s)-1 bytes: s may straddle two reads.
		keep := min(len(s)-1, carry+k)
		pos += int64(carry + k - keep)
		copy(buf, buf[carry+k-keep:carry+k])
		carry = keep
	}
}

// seekable is r if it can seek (a file, bytes or strings reader), else a
// temporary file holding what r reads, so that errors can name their line
// without the whole file in memory.
func seekable(r io.Reader) (io.ReadSeeker, func(), error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		return rs, func() {}, nil
	}
	f, err := os.CreateTemp("", "bianmin-catalog-*.json")
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	if _, err := io.Copy(f, r); err != nil {
		cleanup()
		return nil, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, err
	}
	return f, cleanup, nil
}
