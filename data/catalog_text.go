package data

import (
	"bytes"
	"fmt"
	"image"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Catalog text follows the rules of resident input: what an
// import file carries is shown on the kiosk and printed, so it may not
// hide characters (NUL, control, zero-width, direction overrides) and each
// field has a length limit. Photos and sample forms are checked by
// decoding them, not by their first bytes alone.

// Length limits of catalog text, in characters.
const (
	// MaxCatalogNameRunes: names, titles, codes and other one-line fields.
	MaxCatalogNameRunes = 100
	// MaxCatalogTextRunes: long text (conditions, basis, a disclosure's
	// body …), where line breaks and tabs are allowed.
	MaxCatalogTextRunes = 20000
)

// catalogLineFields are the one-line fields (and lists of one-line
// values) of the catalog; every other text field is long text.
var catalogLineFields = map[string]bool{
	"code": true, "name": true, "short_name": true, "receipt_prefix": true, "phone": true,
	"complaint_phone": true, "report_phone": true, "opens": true, "closes": true, "post": true,
	"photo_file": true, "window": true, "ab": true, "role": true, "category": true, "keywords": true,
	"mode": true, "lead_window": true, "joint_windows": true, "upper_department": true, "form": true,
	"sample_name": true, "key": true, "label": true, "kind": true, "options": true, "audience": true,
	"cadence": true, "status": true, "title": true, "publisher": true, "day": true, "public_base_url": true,
}

// checkCatalogText checks every text field of v (a catalog record, found
// at path) and returns the first problem with its path and label.
func checkCatalogText(path string, v any) error {
	return walkText(path, "", reflect.ValueOf(v))
}

func walkText(path, key string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkText(path, key, v.Elem())
	case reflect.String:
		return checkCatalogString(path, catalogLineFields[key], v.String())
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // a file (photo, sample form): checkCatalogImage
		}
		for i := 0; i < v.Len(); i++ {
			if err := walkText(fmt.Sprintf("%s[%d]", path, i), key, v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" || f.Type.String() == "time.Time" {
				continue
			}
			if f.Anonymous && name == "" { // its fields are the record's own (ItemWindows)
				if err := walkText(path, key, v.Field(i)); err != nil {
					return err
				}
				continue
			}
			if name == "" {
				name = f.Name
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			if err := walkText(p, name, v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if err := walkText(path, key, iter.Value()); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkCatalogString applies the rules to one value at path.
func checkCatalogString(path string, oneLine bool, s string) error {
	label := func() string { return catalogFieldLabel(path) }
	limit := MaxCatalogTextRunes
	if oneLine {
		limit = MaxCatalogNameRunes
	}
	n := 0
	for _, r := range s {
		n++
		var msg, key string
		switch {
		case r == utf8.RuneError:
			msg, key = msgUnreadable, "data.catalog_text.unreadable"
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			if oneLine {
				msg, key = msgNewline, "data.catalog_text.newline"
			}
		case r == '\t':
			if oneLine {
				msg, key = msgTab, "data.catalog_text.tab"
			}
		case unicode.IsControl(r):
			msg, key = msgControl, "data.catalog_text.control"
		case isBidiControl(r):
			msg, key = msgBidi, "data.catalog_text.bidi"
		case unicode.Is(unicode.Cf, r), isInvisibleFiller(r):
			msg, key = msgInvisible, "data.catalog_text.invisible" // U+200B–U+200D, U+2060, U+FEFF …
		}
		if msg != "" {
			return Invalid(path, fmt.Sprintf(strings.Replace(msg, "请删除后重新输入", "请在目录文件中删除后重新导入", 1), label())).
				keyed(key, map[string]any{"Field": path})
		}
	}
	if n > limit {
		return Invalid(path, fmt.Sprintf("%s最多%d个字，文件中有%d个字，请删减后重新导入。", label(), limit, n)).
			keyed("data.catalog_text.tooLong", map[string]any{"Field": path, "Max": limit, "Count": n})
	}
	return nil
}

// checkCatalogImage refuses a staff photo that does not decode as PNG or
// JPEG. (Sample forms are checked by Material.Validate.)
func checkCatalogImage(path string, b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(b)); err == nil && (format == "png" || format == "jpeg") {
		return nil
	}
	return Invalid(path, catalogFieldLabel(path)+"无法识别，应为 JPG 或 PNG 格式的照片，请换一张照片后重新导入。").
		keyed("data.catalog_text.photo", map[string]any{"Field": path})
}
