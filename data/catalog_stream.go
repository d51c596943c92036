package data

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
)

// Streaming the catalog file: export writes one record at a
// time as it reads it, and import (catalog_import.go) decodes one record
// at a time and writes it, so neither holds the whole catalog in memory:
// their peak memory does not grow with the number of items.

// ExportCatalog writes the whole catalog as indented JSON, photos and
// sample forms included, in the form ImportCatalog reads. It reads one
// consistent snapshot and writes each record as soon as it is read (the
// same bytes json.Encoder would write for the whole Catalog), so its
// memory does not grow with the catalog.
func (s *Store) ExportCatalog(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	err := s.read(ctx, "export catalog", func(tx *sql.Tx) error {
		return writeCatalog(ctx, tx, &catalogWriter{w: bw})
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("data: export catalog: %w", err)
	}
	return nil
}

// catalogWriter writes the catalog object field by field, arrays element
// by element, indented as json.Encoder.SetIndent("", "  ") would indent
// the whole. The first error sticks.
type catalogWriter struct {
	w        *bufio.Writer
	buf      bytes.Buffer
	err      error
	fields   int // fields written so far
	elements int // elements of the open array
}

// encode writes v indented for its depth (prefix), without the newline
// json.Encoder ends with.
func (c *catalogWriter) encode(v any, prefix string) {
	if c.err != nil {
		return
	}
	c.buf.Reset()
	enc := json.NewEncoder(&c.buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if c.err = enc.Encode(v); c.err != nil {
		return
	}
	_, c.err = c.w.Write(bytes.TrimSuffix(c.buf.Bytes(), []byte("\n")))
}

func (c *catalogWriter) raw(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

// next writes open before the first of a run (fields, elements) and sep
// before each later one, and counts it in n.
func (c *catalogWriter) next(n *int, open, sep string) {
	if *n == 0 {
		c.raw(open)
	} else {
		c.raw(sep)
	}
	*n++
}

// key starts the next field of the catalog object.
func (c *catalogWriter) key(name string) {
	c.next(&c.fields, "{\n  ", ",\n  ")
	c.raw(`"` + name + `": `)
}

// field writes a whole field.
func (c *catalogWriter) field(name string, v any) {
	c.key(name)
	c.encode(v, "  ")
}

// startArray begins the array field name; its elements follow with
// element, and endArray closes it (null if it had none, as for a nil
// slice).
func (c *catalogWriter) startArray(name string) {
	c.key(name)
	c.elements = 0
}

func (c *catalogWriter) element(v any) {
	c.next(&c.elements, "[\n    ", ",\n    ")
	c.encode(v, "    ")
}

func (c *catalogWriter) endArray() {
	if c.elements == 0 {
		c.raw("null")
		return
	}
	c.raw("\n  ]")
}

// end closes the catalog object.
func (c *catalogWriter) end() { c.raw("\n}\n") }

// writeCatalog reads the catalog from tx and writes it to c, record by
// record, in the order and form of the Catalog struct.
func writeCatalog(ctx context.Context, tx *sql.Tx, c *catalogWriter) error {
	c.field("format", CatalogFormat)
	center, err := getCenter(ctx, tx)
	if err != nil {
		return err
	}
	c.field("center", center)
	windows, err := listWindows(ctx, tx)
	if err != nil {
		return err
	}
	c.field("windows", windows)
	for _, write := range []func(context.Context, *sql.Tx, *catalogWriter) error{
		writeStaff, writeItems, writeDisclosures, writeCalendar,
	} {
		if err := write(ctx, tx, c); err != nil {
			return err
		}
	}
	c.end()
	return c.err
}

// writeStaff writes the staff, in their order.
func writeStaff(ctx context.Context, tx *sql.Tx, c *catalogWriter) error {
	c.startArray("staff")
	rows, err := tx.QueryContext(ctx, `SELECT s.code, s.name, s.photo, s.post, s.duties, coalesce(w.code, ''), s.ab,
		s.role, s.active, s.sample FROM staff s LEFT JOIN windows w ON w.id = s.window_id ORDER BY s.ord, s.id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var st Staff
		var active, sample int
		if err := rows.Scan(&st.Code, &st.Name, &st.Photo, &st.Post, &st.Duties, &st.Window, &st.AB, &st.Role,
			&active, &sample); err != nil {
			rows.Close()
			return err
		}
		st.Active, st.Sample = active == 1, sample == 1
		c.element(st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	c.endArray()
	return nil
}

// writeItems writes the active items, one at a time: the list of ids is
// all that is held. The four statements that read an item are prepared once
// for all of them (preparing them anew took a third of the time).
func writeItems(ctx context.Context, tx *sql.Tx, c *catalogWriter) error {
	c.startArray("items")
	var ids []int64
	if err := collect(ctx, tx, &ids, `SELECT id FROM items WHERE active = 1 ORDER BY ord, id`); err != nil {
		return err
	}
	stmts := newStmtCache(tx)
	defer stmts.Close()
	for _, id := range ids {
		if c.err != nil {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		it, err := getItem(ctx, stmts, id)
		if err != nil {
			return err
		}
		snap := itemSnapshot(&it)
		c.element(&snap)
	}
	c.endArray()
	return nil
}

// writeDisclosures writes the disclosures with all their versions.
func writeDisclosures(ctx context.Context, tx *sql.Tx, c *catalogWriter) error {
	c.startArray("disclosures")
	var codes []string
	if err := collect(ctx, tx, &codes, `SELECT code FROM disclosures ORDER BY ord, id`); err != nil {
		return err
	}
	for _, code := range codes {
		d, err := getDisclosure(ctx, tx, code)
		if err != nil {
			return err
		}
		d.ID = 0
		for i := range d.Versions {
			d.Versions[i].ID = 0
		}
		c.element(&d)
	}
	c.endArray()
	return nil
}

// writeCalendar writes the calendar's days. calendar is omitempty: the
// field appears only with a day in it.
func writeCalendar(ctx context.Context, tx *sql.Tx, c *catalogWriter) error {
	rows, err := tx.QueryContext(ctx, `SELECT day, kind, name FROM calendar_days ORDER BY day`)
	if err != nil {
		return err
	}
	defer rows.Close()
	days := 0
	for rows.Next() {
		var d CalendarDay
		if err := rows.Scan(&d.Day, &d.Kind, &d.Name); err != nil {
			return err
		}
		if days == 0 {
			c.startArray("calendar")
		}
		days++
		c.element(d)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if days > 0 {
		c.endArray()
	}
	return nil
}
