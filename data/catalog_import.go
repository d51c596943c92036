package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
)

// ImportCatalog validates the catalog file and writes it in one transaction:
// all of it or, on any error, nothing. Records are matched by code: an item
// whose guide changed gets a new version (the old one stays on record for
// the requests registered under it); a published disclosure version that
// already exists must be identical (published versions are immutable).
// Records absent from the file are left as they are.
//
// The file is read as a stream: each record (window, staff
// member, item, disclosure, day) is decoded, checked and written before the
// next is read, inside the one transaction, so memory does not grow with
// the file. A problem is reported as DecodeCatalog would report it (the
// line, the JSON path, the same Chinese message), and rolls everything
// back. Sections may come in any order: a window named before the
// "windows" section is checked when the file has been read.
//
// A file larger than MaxCatalogBytes is refused (a clerk who picked the
// wrong file is told so); see ImportCatalogAnySize.
func (s *Store) ImportCatalog(ctx context.Context, r io.Reader, files fs.FS) (ImportSummary, error) {
	return s.importCatalog(ctx, r, files, MaxCatalogBytes)
}

// ImportCatalogAnySize is ImportCatalog for a catalog file of any size: the
// command line's catalog import, which must take back whatever catalog
// export wrote (100,000 items are a 250 MB file). Memory does not grow with
// the file, so only time limits it.
func (s *Store) ImportCatalogAnySize(ctx context.Context, r io.Reader, files fs.FS) (ImportSummary, error) {
	return s.importCatalog(ctx, r, files, 0)
}

func (s *Store) importCatalog(ctx context.Context, r io.Reader, files fs.FS, limit int64) (ImportSummary, error) {
	cs, err := openCatalogSource(r, limit)
	if err != nil {
		var ie *InvalidError
		if errors.As(err, &ie) {
			return ImportSummary{}, err
		}
		return ImportSummary{}, fmt.Errorf("data: catalog: %w", err)
	}
	defer cs.cleanup()
	src, base := cs.src, cs.base
	var sum ImportSummary
	defer s.guides.Clear() // guides may have new versions
	err = s.bulk(ctx, "import catalog", importCacheKiB, false, func(conn *sql.Conn) error {
		return s.bulkImportTx(ctx, conn, "import catalog", func(imp *catalogImporter) error {
			d := &catalogDecoder{imp: imp, src: src, base: base, files: files}
			if err := d.run(); err != nil {
				return err
			}
			sum = imp.sum
			sum.Converted = cs.converted
			return nil
		})
	})
	if err != nil {
		return ImportSummary{}, err
	}
	return sum, nil
}

// bulkImportTx runs fn in one transaction on conn with an importer made
// for bulk loads: statements prepared once for the transaction, search
// indexes that gather importHashSize in memory, and indexing deferred to
// imp.flushSearch (migration 011).
func (s *Store) bulkImportTx(ctx context.Context, conn *sql.Conn, op string, fn func(imp *catalogImporter) error) error {
	return runTx(ctx, conn, op, func(t *sql.Tx) error {
		tx := newStmtCache(t)
		defer tx.Close()
		imp := newCatalogImporter(ctx, tx, s.stamp(), s.engine)
		imp.hashSize = importHashSize
		if err := imp.deferSearch(); err != nil {
			return err
		}
		return fn(imp)
	})
}

// PutCatalog writes an already decoded catalog (see ImportCatalog).
func (s *Store) PutCatalog(ctx context.Context, c *Catalog) (ImportSummary, error) {
	var sum ImportSummary
	if err := c.Validate(); err != nil {
		return sum, err
	}
	defer s.guides.Clear() // guides may have new versions
	err := s.tx(ctx, "import catalog", func(tx *sql.Tx) error {
		imp := newCatalogImporter(ctx, tx, s.stamp(), s.engine)
		if err := imp.deferSearch(); err != nil {
			return err
		}
		if err := imp.center(c.Center); err != nil {
			return err
		}
		for i := range c.Windows {
			if err := imp.window(i, &c.Windows[i]); err != nil {
				return err
			}
		}
		imp.windowsDone()
		for i := range c.Staff {
			st := c.Staff[i]
			st.PhotoFile = "" // a decoded catalog has its photos in Photo
			if err := imp.staff(i, &st, nil); err != nil {
				return err
			}
		}
		for i := range c.Items {
			if err := imp.item(i, &c.Items[i]); err != nil {
				return err
			}
		}
		for i := range c.Disclosures {
			if err := imp.disclosure(i, &c.Disclosures[i]); err != nil {
				return err
			}
		}
		for i := range c.Calendar {
			if err := imp.day(i, c.Calendar[i]); err != nil {
				return err
			}
		}
		if err := imp.finish(); err != nil {
			return err
		}
		sum = imp.sum
		return nil
	})
	return sum, err
}

// catalogImporter checks and writes the records of a catalog one at a time,
// in the order they come: what it keeps between records is only codes
// (to refuse duplicates and resolve windows), never the records.
type catalogImporter struct {
	ctx context.Context
	tx  queryer
	now string
	sum ImportSummary

	windowIDs   map[string]int64 // the file's windows, code → id
	windowsSeen bool             // the "windows" section has been read
	staffCodes  map[string]bool
	itemCodes   map[string]bool
	discCodes   map[string]bool
	days        map[string]bool
	// References to windows made before the "windows" section, checked at
	// the end: the path and the check to run then.
	pending []func() error
	// The search indexes are brought up to date by finish (migration 011).
	deferred bool
	// engine: on PostgreSQL the trigram indexes keep themselves (nothing
	// to defer; flushSearch merges their pending lists).
	engine Engine
	// hashSize, when set, is how much the search indexes gather in memory
	// before they write a segment, while finish brings them up to date.
	hashSize int
}

// deferSearch makes the triggers of the search indexes note the items
// changed instead of indexing each at once; finish indexes them together
// (see migration 011). Only within the import's transaction.
func (m *catalogImporter) deferSearch() error {
	if m.engine == Postgres {
		m.deferred = true // nothing to set aside; finish merges the pending lists
		return nil
	}
	if _, err := m.tx.ExecContext(m.ctx, `INSERT INTO search_defer (id) VALUES (1)`); err != nil {
		return err
	}
	m.deferred = true
	return nil
}

// flushSearch indexes the items noted while the search indexes were
// deferred: out with the values they were indexed with, in with their
// values now, one statement per index and direction.
func (m *catalogImporter) flushSearch() error {
	if m.engine == Postgres {
		// The GIN indexes' pending lists, merged at once (migration 014):
		// a search would otherwise read them whole until autovacuum runs.
		_, err := m.tx.ExecContext(m.ctx, `SELECT gin_clean_pending_list(to_regclass(i))
			FROM unnest(`+searchGINIndexes+`) AS i`)
		m.deferred = false
		return err
	}
	if m.hashSize > 0 {
		if err := m.ftsHashSize(m.hashSize); err != nil {
			return err
		}
	}
	for _, q := range []string{
		`INSERT INTO item_search (item_search, rowid, text, pinyin, initials)
			SELECT 'delete', id, text || '  ', pinyin || '  ', initials || '  ' FROM search_pending WHERE indexed = 1`,
		`DELETE FROM item_chars WHERE rowid IN (SELECT id FROM search_pending WHERE indexed = 1)`,
		// From the items noted to the items (CROSS JOIN keeps that
		// order), whatever the planner's statistics say: those of a
		// bulk write's start (18 items: the sample catalog) made it scan
		// every item and look each up in search_pending, in every batch of
		// synth items, so that 100,000 items took 20 times as long to
		// index as 10,000.
		`INSERT INTO item_search (rowid, text, pinyin, initials)
			SELECT i.id, i.search_text || '  ', i.pinyin || '  ', i.initials || '  '
			FROM search_pending p CROSS JOIN items i ON i.id = p.id`,
		`INSERT INTO item_chars (rowid, chars, firsts)
			SELECT i.id, i.search_chars, i.search_firsts FROM search_pending p CROSS JOIN items i ON i.id = p.id`,
		`DELETE FROM search_pending`,
		`DELETE FROM search_defer`,
	} {
		if _, err := m.tx.ExecContext(m.ctx, q); err != nil {
			return err
		}
	}
	m.deferred = false
	if m.hashSize > 0 {
		return m.ftsHashSize(ftsHashSize)
	}
	return nil
}

// ftsHashSize is how much FTS5 gathers in memory before it writes a
// segment (its default); importHashSize what a catalog import gathers while
// it indexes its items. FTS5 merges its segments four at a time, level
// upon level, so the work of merging grows faster than the catalog: with
// 1 MB, indexing 100,000 items took 20 times as long as 10,000; with
// 8 MB (an eighth of the segments, two levels fewer) 16 times, for 17 MB
// more at the peak (98 MB for 100,000 items).
const ftsHashSize, importHashSize = 1 << 20, 8 << 20

// ftsHashSize sets how much the search indexes gather in memory before
// they write a segment.
func (m *catalogImporter) ftsHashSize(n int) error {
	for _, fts := range []string{"item_search", "item_chars"} {
		if _, err := m.tx.ExecContext(m.ctx, `INSERT INTO `+fts+` (`+fts+`, rank) VALUES ('hashsize', ?)`, n); err != nil {
			return err
		}
	}
	return nil
}

func newCatalogImporter(ctx context.Context, tx queryer, now string, engine Engine) *catalogImporter {
	return &catalogImporter{ctx: ctx, tx: tx, now: now, engine: engine, windowIDs: map[string]int64{}, staffCodes: map[string]bool{},
		itemCodes: map[string]bool{}, discCodes: map[string]bool{}, days: map[string]bool{}}
}

func (m *catalogImporter) center(c Center) error {
	if err := checkCatalogText("center", &c); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err.(*InvalidError).Prefix("center")
	}
	return putCenter(m.ctx, m.tx, c)
}

func (m *catalogImporter) window(i int, w *Window) error {
	if err := checkImported(fmt.Sprintf("windows[%d]", i), w, m.windowIDs, windowCode); err != nil {
		return err
	}
	id, err := upsertID(m.ctx, m.tx, `INSERT INTO windows (code, name, duties, ord) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, duties = excluded.duties, ord = excluded.ord
		RETURNING id`, w.Code, w.Name, w.Duties, i)
	if err != nil {
		return err
	}
	m.windowIDs[w.Code] = id
	m.sum.Windows++
	return nil
}

// windowsDone marks the end of the "windows" section: from here on, a
// window not in it is an error at once.
func (m *catalogImporter) windowsDone() { m.windowsSeen = true }

// knownWindow is whether code is one of the file's windows, as far as can
// be told yet (before the "windows" section, every code is taken on trust
// and checked by finish).
func (m *catalogImporter) knownWindow(code string) bool {
	_, ok := m.windowIDs[code]
	return ok || !m.windowsSeen
}

// windowID is the id of the window code for a record being written. Before
// the "windows" section it is the row the section will update (made now,
// by code, if the store has none: a window the file then does not have is
// refused by finish, and the transaction takes the row back).
func (m *catalogImporter) windowID(code string) (any, error) {
	if code == "" {
		return nil, nil
	}
	if id, ok := m.windowIDs[code]; ok {
		return id, nil
	}
	if _, err := m.tx.ExecContext(m.ctx, `INSERT INTO windows (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING`,
		code, code); err != nil {
		return nil, err
	}
	var id int64
	err := m.tx.QueryRowContext(m.ctx, `SELECT id FROM windows WHERE code = ?`, code).Scan(&id)
	return id, err
}

func (m *catalogImporter) staff(i int, st *Staff, files fs.FS) error {
	p := fmt.Sprintf("staff[%d]", i)
	if st.PhotoFile != "" {
		if files == nil || !fs.ValidPath(path.Clean(st.PhotoFile)) {
			return photoMissing(p+".photo_file", st.PhotoFile)
		}
		b, err := fs.ReadFile(files, path.Clean(st.PhotoFile))
		if err != nil {
			return photoMissing(p+".photo_file", st.PhotoFile)
		}
		st.Photo, st.PhotoFile = b, ""
	}
	if err := checkCatalogText(p, st); err != nil {
		return err
	}
	if err := checkCatalogImage(p+".photo", st.Photo); err != nil {
		return err
	}
	if err := checkRecord(p, st, m.staffCodes, staffCode); err != nil {
		return err
	}
	m.staffCodes[st.Code] = true
	noWindow := func() error { return noWindow(p+".window", st.Window) }
	if st.Window != "" && !m.knownWindow(st.Window) {
		return noWindow()
	}
	if st.Window != "" && !m.windowsSeen {
		code := st.Window
		m.pending = append(m.pending, func() error {
			if _, ok := m.windowIDs[code]; !ok {
				return noWindow()
			}
			return nil
		})
	}
	wid, err := m.windowID(st.Window)
	if err != nil {
		return err
	}
	if _, err := m.tx.ExecContext(m.ctx, `INSERT INTO staff (code, name, photo, post, duties, window_id, ab, role,
		active, ord, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, photo = excluded.photo, post = excluded.post,
		duties = excluded.duties, window_id = excluded.window_id, ab = excluded.ab, role = excluded.role,
		active = excluded.active, ord = excluded.ord, sample = excluded.sample`,
		st.Code, st.Name, st.Photo, st.Post, st.Duties, wid, st.AB, string(st.Role), boolInt(st.Active), i,
		boolInt(st.Sample)); err != nil {
		return err
	}
	m.sum.Staff++
	return nil
}

func (m *catalogImporter) item(i int, it *Item) error {
	p := fmt.Sprintf("items[%d]", i)
	if err := checkImported(p, it, m.itemCodes, itemCode); err != nil {
		return err
	}
	m.itemCodes[it.Code] = true
	if err := it.ValidateWindows(m.knownWindow); err != nil {
		return err.(*InvalidError).Prefix(p)
	}
	if !m.windowsSeen && (it.LeadWindow != "" || len(it.JointWindows) > 0) {
		probe := it.ItemWindows
		m.pending = append(m.pending, func() error {
			if err := probe.ValidateWindows(func(code string) bool { _, ok := m.windowIDs[code]; return ok }); err != nil {
				return err.(*InvalidError).Prefix(p)
			}
			return nil
		})
	}
	if err := putItem(m.ctx, m.tx, it, i, m.now, m.windowID); err != nil {
		return err
	}
	m.sum.Items++
	return nil
}

func (m *catalogImporter) disclosure(i int, d *Disclosure) error {
	if err := checkImported(fmt.Sprintf("disclosures[%d]", i), d, m.discCodes, disclosureCode); err != nil {
		return err
	}
	m.discCodes[d.Code] = true
	n, err := putDisclosure(m.ctx, m.tx, d, i)
	if err != nil {
		return err
	}
	m.sum.Disclosures++
	m.sum.Versions += n
	return nil
}

func (m *catalogImporter) day(i int, day CalendarDay) error {
	if err := checkImported(fmt.Sprintf("calendar[%d]", i), &day, m.days, calendarDay); err != nil {
		return err
	}
	m.days[day.Day] = true
	if _, err := m.tx.ExecContext(m.ctx, `INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
		day.Day, day.Kind, day.Name); err != nil {
		return err
	}
	m.sum.CalendarDays++
	return nil
}

// checkImported checks record r of the catalog being imported, at path p:
// its text, then as checkRecord does.
func checkImported[V any](p string, r catalogRecord, seen map[string]V, kind codeKind) error {
	if err := checkCatalogText(p, r); err != nil {
		return err
	}
	return checkRecord(p, r, seen, kind)
}

// finish runs the checks of window references made before the "windows"
// section.
func (m *catalogImporter) finish() error {
	m.windowsSeen = true
	for _, check := range m.pending {
		if err := check(); err != nil {
			return err
		}
	}
	if m.deferred {
		return m.flushSearch()
	}
	return nil
}
