package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// The staff queue (§七: due soon and overdue at a glance): requests by group (the tabs), filtered by
// window, mode, owner and item, with 协助办理 requests first, then by due
// day (requests without one last), then by number; closed requests newest
// first. Staff mode shows full names: this is not the resident's side.
//
// How it stays fast at 100,000 requests: a tab is a union of index ranges,
// one per (status, needs_help, dated or not), each read in order from
// requests_queue_help (status, needs_help, due_day, id, + the filter
// columns) and cut at the page's end, so the final sort handles at most a
// few pages' worth of rows whatever the table's size, and the filters are
// checked in the index without reading rows. Closed requests read
// requests_closed (status, finished_at, id, + the filter columns) backwards
// the same way, or, with a window, owner or item filter, that column's own
// (column, status, finished_at) index. See migrations/003_handling.sql and
// BenchmarkQueuePage.

// QueueGroup is a tab of the queue.
type QueueGroup string

// Queue groups.
const (
	QueueOpen       QueueGroup = "open"        // every request not closed (the default)
	QueueNew        QueueGroup = "new"         // 新登记，待受理
	QueueInProgress QueueGroup = "in_progress" // 办理中
	QueueWaiting    QueueGroup = "waiting"     // 待补正
	QueueEscalated  QueueGroup = "escalated"   // 已上报
	QueueDueSoon    QueueGroup = "due_soon"    // 即将到期: ≤ DueSoonWorkdays working days left
	QueueOverdue    QueueGroup = "overdue"     // 已超期
	QueueFinished   QueueGroup = "finished"    // 已结束: finished, refused or withdrawn
)

// QueueGroups lists the tabs in display order.
var QueueGroups = []QueueGroup{QueueOpen, QueueNew, QueueInProgress, QueueWaiting, QueueEscalated, QueueDueSoon,
	QueueOverdue, QueueFinished}

// statuses is what the group holds.
func (g QueueGroup) statuses() []Status {
	switch g {
	case QueueNew:
		return []Status{StatusSubmitted}
	case QueueInProgress:
		return []Status{StatusAccepted}
	case QueueWaiting:
		return []Status{StatusWaiting}
	case QueueEscalated:
		return []Status{StatusEscalated}
	case QueueDueSoon, QueueOverdue:
		return []Status{StatusAccepted, StatusEscalated}
	case QueueFinished:
		return []Status{StatusFinished, StatusRefused, StatusWithdrawn}
	}
	return open4
}

// Queue page sizes.
const (
	DefaultQueuePageSize = 20
	MaxQueuePageSize     = 100
)

// QueueFilter selects a page of the queue. Zero fields do not filter.
type QueueFilter struct {
	Group  QueueGroup // "" is QueueOpen
	Window int64
	Mode   Mode
	Owner  int64
	// Covering, with Owner: also the requests nobody has taken up yet at
	// the windows whose duty routes to Owner now (A, or B while A is away:
	// §四2), so that B finds them under 我的.
	Covering bool
	Item     int64
	Page     int // 1 is the first page; 0 is taken as 1
	PageSize int // default DefaultQueuePageSize, at most MaxQueuePageSize

	covered []int64 // the windows routed to Owner (set by the store for Covering)
}

func (f QueueFilter) norm() QueueFilter {
	if f.Group == "" {
		f.Group = QueueOpen
	}
	f.Page = max(f.Page, 1)
	if f.PageSize <= 0 {
		f.PageSize = DefaultQueuePageSize
	}
	f.PageSize = min(f.PageSize, MaxQueuePageSize)
	return f
}

// where is the filter's conditions on requests, as " AND …" terms, the
// columns prefixed with prefix (an alias and a dot, or nothing).
func (f QueueFilter) where(prefix string) (string, []any) {
	var b strings.Builder
	var args []any
	for _, c := range []struct {
		col string
		v   any
		on  bool
	}{{"window_id", f.Window, f.Window != 0}, {"owner_id", f.Owner, f.Owner != 0 && len(f.covered) == 0},
		{"item_id", f.Item, f.Item != 0}, {"mode", string(f.Mode), f.Mode != ""}} {
		if c.on {
			b.WriteString(" AND " + prefix + c.col + " = ?")
			args = append(args, c.v)
		}
	}
	if f.Owner != 0 && len(f.covered) > 0 {
		b.WriteString(" AND (" + prefix + "owner_id = ? OR (" + prefix + "owner_id IS NULL AND " + prefix +
			"window_id IN (?" + strings.Repeat(", ?", len(f.covered)-1) + ")))")
		args = append(args, f.Owner)
		for _, w := range f.covered {
			args = append(args, w)
		}
	}
	return b.String(), args
}

// QueueRow is one request in the queue.
type QueueRow struct {
	ID             int64
	ReceiptNo      string
	Item           string
	Applicant      string // full name (staff mode)
	Phone          string
	Status         Status
	Mode           Mode
	OwnerID        int64
	Owner          string // '' while nobody has taken it up
	DueDay         string // '' when no date runs (not accepted, waiting, closed direct …)
	WorkdaysLeft   int    // working days from today to DueDay; negative when overdue; 0 without DueDay
	DueState       DueState
	Paused         bool // the clock is paused today
	NeedsHelp      bool // 协助办理: shown first
	Channel        Channel
	Created        time.Time
	NoticeDeadline string   // new requests: last day for a 补正 notice
	NoticeState    DueState // new requests: DueSoon/DueOverdue as that day nears or passes
}

// Queue returns one page of the queue.
func (s *Store) Queue(ctx context.Context, f QueueFilter) ([]QueueRow, error) {
	f = f.norm()
	now := s.now()
	var out []QueueRow
	err := s.read(ctx, "queue", func(tx *sql.Tx) error {
		cal, err := f.prepare(ctx, tx, now)
		if err != nil {
			return err
		}
		q, args := queueSQL(f, now, cal)
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if out, err = scanQueue(rows); err != nil {
			return err
		}
		for i := range out {
			out[i].annotate(cal, now)
		}
		return nil
	})
	return out, err
}

// annotate computes the row's time left from its days.
func (r *QueueRow) annotate(cal *Calendar, now time.Time) {
	if r.DueDay != "" && (r.Status == StatusAccepted || r.Status == StatusEscalated) {
		if due, err := ParseDay(r.DueDay); err == nil {
			r.WorkdaysLeft = cal.WorkdaysBetween(now, due)
			r.DueState = cal.DueState(now, due)
		}
	}
	if r.Status == StatusSubmitted {
		deadline := cal.SupplementNoticeDeadline(r.Created)
		r.NoticeDeadline = Day(deadline)
		if st := cal.DueState(now, deadline); st != DueOK {
			r.NoticeState = st
		}
	}
}

// queueSQL is the page's query: the union of ordered, cut index ranges
// (see the top of this file), joined to what a row shows.
func queueSQL(f QueueFilter, now time.Time, cal *Calendar) (string, []any) {
	f = f.norm()
	limit := f.Page * f.PageSize // each range need not give more than this
	today := Day(now)
	filter, fargs := f.where("")
	var parts []string
	var args []any
	if f.Group == QueueFinished {
		for _, st := range f.Group.statuses() {
			parts = append(parts, `SELECT * FROM (SELECT id, 0 AS h, finished_at AS k FROM requests WHERE status = ?`+
				filter+` ORDER BY finished_at DESC, id DESC LIMIT ?) p`)
			args = append(append(append(args, st), fargs...), limit)
		}
	} else {
		dated, rangeArgs := "due_day > ''", []any(nil)
		switch f.Group {
		case QueueOverdue:
			dated, rangeArgs = "due_day > '' AND due_day < ?", []any{today}
		case QueueDueSoon:
			dated, rangeArgs = "due_day >= ? AND due_day < ?", []any{today, Day(cal.DueSoonBefore(now))}
		}
		undated := f.Group != QueueOverdue && f.Group != QueueDueSoon
		for _, help := range []int{1, 0} {
			for _, st := range f.Group.statuses() {
				parts = append(parts, `SELECT * FROM (SELECT id, needs_help AS h, due_day AS k FROM requests
					WHERE status = ? AND needs_help = ? AND `+dated+filter+` ORDER BY due_day, id LIMIT ?) p`)
				args = append(append(append(append(args, st, help), rangeArgs...), fargs...), limit)
				if undated {
					parts = append(parts, `SELECT * FROM (SELECT id, needs_help AS h, due_day AS k FROM requests
						WHERE status = ? AND needs_help = ? AND due_day = ''`+filter+` ORDER BY id LIMIT ?) p`)
					args = append(append(append(args, st, help), fargs...), limit)
				}
			}
		}
	}
	order := `q.h DESC, q.k = '', q.k, q.id`
	if f.Group == QueueFinished {
		order = `q.k DESC, q.id DESC`
	}
	query := `SELECT r.id, r.receipt_no, i.name, r.applicant_name, r.applicant_phone, r.status, r.mode,
		coalesce(r.owner_id, 0), coalesce(o.name, ''), r.due_day, r.needs_help, r.channel, r.created_at,
		EXISTS (SELECT 1 FROM clock_pauses p WHERE p.request_id = r.id AND p.from_day <= ?
			AND (p.to_day = '' OR p.to_day > ?))
		FROM (` + strings.Join(parts, "\n\t\tUNION ALL ") + `) q
		JOIN requests r ON r.id = q.id JOIN items i ON i.id = r.item_id LEFT JOIN staff o ON o.id = r.owner_id
		ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	all := append([]any{today, today}, args...)
	return query, append(all, f.PageSize, (f.Page-1)*f.PageSize)
}

func scanQueue(rows *sql.Rows) ([]QueueRow, error) {
	defer rows.Close()
	var out []QueueRow
	for rows.Next() {
		var r QueueRow
		var created string
		if err := rows.Scan(&r.ID, &r.ReceiptNo, &r.Item, &r.Applicant, &r.Phone, &r.Status, &r.Mode, &r.OwnerID,
			&r.Owner, &r.DueDay, &r.NeedsHelp, &r.Channel, &created, &r.Paused); err != nil {
			return nil, err
		}
		r.Created = parseTime(created)
		out = append(out, r)
	}
	return out, rows.Err()
}

// QueueCounts is how many requests each tab holds under a filter, for the
// tabs' badges. Counting stops at QueueCountCap: a count equal to it means
// that many or more (show "999+"), so the badges cost the same however
// large the book grows.
type QueueCounts map[QueueGroup]int

// QueueCountCap is where QueueCounts stops counting.
const QueueCountCap = 1000

// QueueCounts counts the requests of every tab (all of QueueGroups, zeros
// included) under the filter's window, mode, owner and item (its group and
// page are ignored), each up to QueueCountCap.
func (s *Store) QueueCounts(ctx context.Context, f QueueFilter) (QueueCounts, error) {
	now := s.now()
	out := QueueCounts{}
	err := s.read(ctx, "queue counts", func(tx *sql.Tx) error {
		cal, err := f.prepare(ctx, tx, now)
		if err != nil {
			return err
		}
		q, args := countsSQL(f, now, cal)
		n := make([]int, len(QueueGroups))
		dest := make([]any, len(n))
		for i := range n {
			dest[i] = &n[i]
		}
		if err := tx.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
			return err
		}
		for i, g := range QueueGroups {
			out[g] = n[i]
		}
		return nil
	})
	return out, err
}

// prepare reads in tx the calendar the queue's days are counted by, and
// sets f.covered to the windows f covers at now.
func (f *QueueFilter) prepare(ctx context.Context, tx *sql.Tx, now time.Time) (*Calendar, error) {
	cal, err := calendarOf(ctx, tx)
	if err != nil {
		return nil, err
	}
	f.covered, err = coveredWindows(ctx, tx, *f, now)
	return cal, err
}

// coveredWindows are the windows whose duty routes to f.Owner at now, for
// a Covering filter (nil otherwise).
func coveredWindows(ctx context.Context, tx *sql.Tx, f QueueFilter, now time.Time) ([]int64, error) {
	if !f.Covering || f.Owner == 0 {
		return nil, nil
	}
	var ids []int64
	if err := collect(ctx, tx, &ids, `SELECT id FROM windows WHERE active = 1 ORDER BY id`); err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range ids {
		r, err := routeWindow(ctx, tx, id, now)
		if err != nil {
			return nil, err
		}
		if r.StaffID == f.Owner {
			out = append(out, id)
		}
	}
	return out, nil
}

// countsSQL is QueueCounts' query: one row, a capped count per group in the
// order of QueueGroups, each read from an index range.
func countsSQL(f QueueFilter, now time.Time, cal *Calendar) (string, []any) {
	filter, fargs := f.where("")
	today, soon := Day(now), Day(cal.DueSoonBefore(now))
	var cols []string
	var args []any
	for _, g := range QueueGroups {
		var in []string
		for _, st := range g.statuses() {
			in = append(in, "'"+string(st)+"'")
		}
		cond := "status IN (" + strings.Join(in, ", ") + ")"
		switch g {
		case QueueOverdue:
			cond += " AND due_day > '' AND due_day < ?"
			args = append(args, today)
		case QueueDueSoon:
			cond += " AND due_day >= ? AND due_day < ?"
			args = append(args, today, soon)
		}
		cols = append(cols, "(SELECT count(*) FROM (SELECT 1 FROM requests WHERE "+cond+filter+" LIMIT ?) c)")
		args = append(append(args, fargs...), QueueCountCap)
	}
	return "SELECT " + strings.Join(cols, ",\n\t\t"), args
}
