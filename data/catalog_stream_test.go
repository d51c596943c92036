package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The streamed export writes the very bytes the whole catalog encoded at
// once would (the export before issue 16, kept here as the reference).
func TestExportCatalogStreamsTheSameBytes(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	raw, err := os.ReadFile("../assets/sample.json")
	require.NoError(t, err)
	_, err = s.ImportCatalog(ctx, bytes.NewReader(raw), os.DirFS("../assets"))
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 30, 1)
	require.NoError(t, err)

	var want bytes.Buffer
	require.NoError(t, s.read(ctx, "reference", func(tx *sql.Tx) error {
		c, err := readCatalog(ctx, tx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(&c)
	}))
	var got bytes.Buffer
	require.NoError(t, s.ExportCatalog(ctx, &got))
	assert.Equal(t, want.String(), got.String())

	// And with no calendar, staff or disclosures at all (null and omitempty).
	empty := mustOpen(t)
	bare := testCatalog()
	bare.Staff, bare.Disclosures, bare.Calendar = nil, nil, nil
	_, err = empty.PutCatalog(ctx, bare)
	require.NoError(t, err)
	want.Reset()
	require.NoError(t, empty.read(ctx, "reference", func(tx *sql.Tx) error {
		c, err := readCatalog(ctx, tx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(&c)
	}))
	got.Reset()
	require.NoError(t, empty.ExportCatalog(ctx, &got))
	assert.Equal(t, want.String(), got.String())
}

// readCatalog is the whole catalog read into memory, as the export did
// before it streamed.
func readCatalog(ctx context.Context, tx *sql.Tx) (Catalog, error) {
	c := Catalog{Format: CatalogFormat}
	var err error
	if c.Center, err = getCenter(ctx, tx); err != nil {
		return c, err
	}
	if c.Windows, err = listWindows(ctx, tx); err != nil {
		return c, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT s.code, s.name, s.photo, s.post, s.duties, coalesce(w.code, ''), s.ab,
		s.role, s.active, s.sample FROM staff s LEFT JOIN windows w ON w.id = s.window_id ORDER BY s.ord, s.id`)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var st Staff
		var active, sample int
		if err := rows.Scan(&st.Code, &st.Name, &st.Photo, &st.Post, &st.Duties, &st.Window, &st.AB, &st.Role,
			&active, &sample); err != nil {
			rows.Close()
			return c, err
		}
		st.Active, st.Sample = active == 1, sample == 1
		c.Staff = append(c.Staff, st)
	}
	rows.Close()
	var ids []int64
	if err := collect(ctx, tx, &ids, `SELECT id FROM items WHERE active = 1 ORDER BY ord, id`); err != nil {
		return c, err
	}
	for _, id := range ids {
		it, err := getItem(ctx, tx, id)
		if err != nil {
			return c, err
		}
		c.Items = append(c.Items, itemSnapshot(&it))
	}
	var codes []string
	if err := collect(ctx, tx, &codes, `SELECT code FROM disclosures ORDER BY ord, id`); err != nil {
		return c, err
	}
	for _, code := range codes {
		d, err := getDisclosure(ctx, tx, code)
		if err != nil {
			return c, err
		}
		d.ID = 0
		for i := range d.Versions {
			d.Versions[i].ID = 0
		}
		c.Disclosures = append(c.Disclosures, d)
	}
	rows, err = tx.QueryContext(ctx, `SELECT day, kind, name FROM calendar_days ORDER BY day`)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var d CalendarDay
		if err := rows.Scan(&d.Day, &d.Kind, &d.Name); err != nil {
			return c, err
		}
		c.Calendar = append(c.Calendar, d)
	}
	return c, rows.Err()
}
