package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The streamed export writes the very bytes the whole catalog encoded at
// once would (the export that read the whole catalog first, kept here as the reference).
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

// The streamed import reports a bad file exactly as DecodeCatalog (the
// whole file in memory) does: the same path, line and message.
func TestImportStreamReportsAsDecodeCatalog(t *testing.T) {
	good := encode(t, testCatalog())
	for name, bad := range map[string][]byte{
		"syntax":        []byte("{\n  \"format\": 1,\n  \"center\": {,\n}"),
		"syntax-item":   bytes.Replace(good, []byte(`"promised_days": 10,`), []byte(`"promised_days": 10,,`), 1),
		"unknown field": bytes.Replace(good, []byte(`"summary"`), []byte(`"summery"`), 1),
		"unknown key":   bytes.Replace(good, []byte(`"calendar"`), []byte(`"calender"`), 1),
		"type":          bytes.Replace(good, []byte(`"promised_days": 10`), []byte(`"promised_days": "十"`), 1),
		"type-center":   bytes.Replace(good, []byte(`"complaint_days": 10`), []byte(`"complaint_days": "十"`), 1),
		"trailing":      append(bytes.Clone(good), []byte("\n{}")...),
		"empty":         nil,
		"cut":           good[:len(good)/2],
		"format":        bytes.Replace(good, []byte(`"format": 1`), []byte(`"format": 2`), 1),
	} {
		t.Run(name, func(t *testing.T) {
			_, want := DecodeCatalog(bytes.NewReader(bad), testFiles)
			require.Error(t, want)
			s := mustOpen(t)
			_, got := s.ImportCatalog(context.Background(), bytes.NewReader(bad), testFiles)
			assert.Equal(t, want, got)
		})
	}
}

// Sections may come in any order: staff and items naming windows before
// the "windows" section are imported, and a window the file does not have
// is refused with the path of the record that named it.
func TestImportStreamSectionsInAnyOrder(t *testing.T) {
	ctx := context.Background()
	c := testCatalog()
	reorder := func(c *Catalog) []byte {
		var b bytes.Buffer
		b.WriteString("{\n")
		for _, f := range []struct {
			k string
			v any
		}{{"items", c.Items}, {"staff", c.Staff}, {"disclosures", c.Disclosures}, {"calendar", c.Calendar},
			{"windows", c.Windows}, {"center", c.Center}, {"format", c.Format}} {
			v, err := json.Marshal(f.v)
			require.NoError(t, err)
			b.WriteString(`"` + f.k + `": ` + string(v))
			if f.k != "format" {
				b.WriteString(",\n")
			}
		}
		b.WriteString("\n}\n")
		return b.Bytes()
	}
	s := mustOpen(t)
	sum, err := s.ImportCatalog(ctx, bytes.NewReader(reorder(c)), testFiles)
	require.NoError(t, err)
	assert.Equal(t, ImportSummary{Windows: 2, Staff: 2, Items: 3, Disclosures: 2, Versions: 3, CalendarDays: 1}, sum)
	// The same store as from the file in the usual order.
	in := mustOpen(t)
	_, err = in.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, s.ExportCatalog(ctx, &a))
	require.NoError(t, in.ExportCatalog(ctx, &b))
	assert.Equal(t, b.String(), a.String())

	c = testCatalog()
	c.Items[1].LeadWindow = "9"
	fresh := mustOpen(t)
	_, err = fresh.ImportCatalog(ctx, bytes.NewReader(reorder(c)), testFiles)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "items[1].lead_window", ie.Field)
	assert.Equal(t, "没有编号为 9 的窗口。", ie.Msg)
	assert.Zero(t, countWhere(t, fresh, "windows"), "nothing imported, no window left behind")
}

// A reader that cannot seek (a pipe) is imported all the same.
func TestImportStreamFromPipe(t *testing.T) {
	s := mustOpen(t)
	sum, err := s.ImportCatalog(context.Background(), struct{ io.Reader }{bytes.NewReader(encode(t, testCatalog()))}, testFiles)
	require.NoError(t, err)
	assert.Equal(t, 3, sum.Items)
	bad := bytes.Replace(encode(t, testCatalog()), []byte(`"summary"`), []byte(`"summery"`), 1)
	_, err = s.ImportCatalog(context.Background(), struct{ io.Reader }{bytes.NewReader(bad)}, testFiles)
	_, want := DecodeCatalog(bytes.NewReader(bad), testFiles)
	assert.Equal(t, want, err)
}

// An import indexes its items for search once, at the end (migration
// 011): a renamed item is found by its new name only, one-character
// search included, and nothing is left deferred.
func TestImportIndexesSearchAtTheEnd(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 600, 2) // more than a screen for one character
	require.NoError(t, err)
	c := testCatalog()
	c.Items[0].Name = "暂住登记"
	c.Items[0].Keywords = []string{"流动人口"}
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.NoError(t, err)
	finds := func(q string) bool {
		got, err := s.SearchItems(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, scanSearch(t, s, q), got, q)
		return slices.ContainsFunc(got, func(it ItemSummary) bool { return it.Code == "JZZ" })
	}
	for q, want := range map[string]bool{"居住证申领": false, "暂住证": false, "暂住登记": true, "流动人口": true,
		"zzdj": true, "jzzsl": false} {
		assert.Equal(t, want, finds(q), q)
	}
	for _, q := range []string{"暂", "居", "z", "j", "流", "l"} {
		finds(q)
	}
	assert.Zero(t, countWhere(t, s, "search_pending"))
	assert.Zero(t, countWhere(t, s, "search_defer"))

	// A refused import leaves the indexes as they were.
	c.Items[0].Name = "又改名"
	c.Items[2].Code = c.Items[1].Code
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.Error(t, err)
	assert.True(t, finds("暂住登记"))
	assert.False(t, finds("又改名"))
	assert.Zero(t, countWhere(t, s, "search_defer"))
}
