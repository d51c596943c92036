package data

// Receipt numbers never repeat, also when the data file is lost and an
// older backup takes its place.
//
// Each day's sequence lives in the data file (receipt_counters), so a
// restore from a backup would hand out again the numbers issued after that
// backup was made, numbers already printed on receipts residents carry.
// RestoreFile carries the counters over from the file it replaces, but a
// data file that is gone (a broken disk sector, a deleted file) has none to
// carry. So the store also keeps the highest number it may have issued in
// a small file beside the data file, outside what a restore replaces:
// .<data file name>.receipts, one line per counter ("2026-12-07 40",
// "complaint:2026-12-07 20"), for the last receiptDaysKept days. Every
// counter goes on from the higher of the data file's and that file's.
//
// Writing that file (synced, then renamed into place) at every
// registration would double the cost of a registration's durable commit,
// so numbers are reserved in blocks of receiptBlock: the file is written,
// inside the registration's transaction and before it commits, only when a
// number passes the reservation, which then reaches receiptBlock-1 past it.
// After a crash the count goes on from the end of the reservation (a gap
// of fewer than receiptBlock numbers); a store closed normally first brings
// the file back down to the numbers actually issued, so a plain restart
// leaves no gap.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// receiptBlock is how many numbers one write of the receipt mark reserves.
const receiptBlock = 20

// receiptDaysKept is how many days of counters the receipt mark keeps (a
// backup older than that restored on a clock set back further could meet
// its numbers again; nothing else can).
const receiptDaysKept = 8

// receiptMark is the highest receipt number issued or reserved, per
// counter, kept beside the data file.
type receiptMark struct {
	mu       sync.Mutex
	path     string
	floor    map[string]int // as the file said at Open: numbers up to these may have been issued
	reserved map[string]int // what this store last wrote to the file
}

// ReceiptMarkFile is the path of the receipt mark beside the data file
// at dataPath.
func ReceiptMarkFile(dataPath string) string {
	return filepath.Join(filepath.Dir(dataPath), "."+filepath.Base(dataPath)+".receipts")
}

func openReceiptMark(dataPath string) (*receiptMark, error) {
	m := &receiptMark{path: ReceiptMarkFile(dataPath), reserved: map[string]int{}}
	var err error
	m.floor, err = readReceiptMark(m.path)
	return m, err
}

// readReceiptMark reads the file; a missing file is an empty mark, and
// lines that do not read are skipped (the data file's counters still
// hold).
func readReceiptMark(path string) (map[string]int, error) {
	out := map[string]int{}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return out, mapErr("receipt numbers", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		n, err := strconv.Atoi(v)
		if ok && err == nil && n > 0 && key != "" {
			out[key] = max(out[key], n)
		}
	}
	return out, nil
}

// writeReceiptMark writes the mark durably, keeping the newest
// receiptDaysKept days.
func writeReceiptMark(path string, mark map[string]int) error {
	days := map[string]bool{}
	for k := range mark {
		days[markDay(k)] = true
	}
	var order []string
	for d := range days {
		order = append(order, d)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(order)))
	if len(order) > receiptDaysKept {
		for _, d := range order[receiptDaysKept:] {
			days[d] = false
		}
	}
	keys := make([]string, 0, len(mark))
	for k := range mark {
		if days[markDay(k)] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %d\n", k, mark[k])
	}
	return writeFileDurably(path, []byte(b.String()))
}

// markDay is the day of a counter's key: "complaint:2026-12-07" → 2026-12-07.
func markDay(key string) string {
	if i := strings.LastIndexByte(key, ':'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// floorOf is the highest number the mark said at Open may have been issued
// on counter key.
func (m *receiptMark) floorOf(key string) int {
	if m == nil { // PostgreSQL: no file beside the data, nothing to restore
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.floor[key]
}

// cover makes sure seq is within the reservation in the file before the
// transaction that issues it commits. The caller holds the write lock (it
// is inside a write transaction), so no other process changes the file
// meanwhile.
func (m *receiptMark) cover(key string, seq int) error {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if seq <= m.reserved[key] {
		return nil
	}
	mark, err := readReceiptMark(m.path)
	if err != nil {
		return err
	}
	mark[key] = max(mark[key], seq+receiptBlock-1)
	if err := writeReceiptMark(m.path, mark); err != nil {
		return mapErr("receipt numbers", err)
	}
	m.reserved[key] = mark[key]
	return nil
}

// nextSeq issues the next number of counter key (a day, or
// "complaint:"+day) inside tx: one past the data file's counter, and past
// the receipt mark's floor.
func (s *Store) nextSeq(ctx context.Context, tx *sql.Tx, key string) (int, error) {
	var seq int
	if err := tx.QueryRowContext(ctx, `INSERT INTO receipt_counters (day, seq) VALUES (?, ?)
		ON CONFLICT (day) DO UPDATE SET seq = max(receipt_counters.seq + 1, excluded.seq) RETURNING seq`,
		key, s.receipts.floorOf(key)+1).Scan(&seq); err != nil {
		return 0, err
	}
	return seq, s.receipts.cover(key, seq)
}

// settleReceipts, at Close, brings the reservations this store made back
// down to the numbers the data file has issued, so a plain restart leaves
// no gap. It does so only where the file still holds this store's own
// reservation (no other process reserved past it), inside a write
// transaction so no process registers meanwhile, and not at all if that
// would mean waiting for the write lock: then the reservation stands.
func (s *Store) settleReceipts() {
	m := s.receipts
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.reserved) == 0 {
		return
	}
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return
	}
	defer conn.ExecContext(ctx, `PRAGMA busy_timeout = 5000`)
	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock, or busy at once
	if err != nil {
		return
	}
	defer tx.Rollback()
	mark, err := readReceiptMark(m.path)
	if err != nil {
		return
	}
	changed := false
	for key, r := range m.reserved {
		if mark[key] != r {
			continue
		}
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM receipt_counters WHERE day = ?`, key).Scan(&seq); err != nil {
			continue
		}
		if seq < r {
			mark[key], changed = seq, true
		}
	}
	if changed && writeReceiptMark(m.path, mark) == nil {
		m.reserved = map[string]int{}
	}
}
