package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The accountability register (责任追究制度 §九) as administrators browse
// it, and what a person's record (个人档案) needs besides the report:
//
//   - AccountabilityList: every entry, from substantiated complaints and
//     entered directly (AddAccountability in complaint_handling.go), with
//     the state of its rectification deadline (due soon, overdue) while no
//     outcome is recorded;
//   - Breaches: rule breaches found in the records themselves, which an
//     administrator may turn into an entry: a sign-in after the office
//     opened (迟到) and a second 补正 notice naming a material the first did
//     not (违反一次性告知);
//   - ComplaintsAbout: the complaints about one person and their results.

// Sources of an accountability entry (AccountabilityFilter.Source).
const (
	AccFromComplaint = "complaint" // made by a substantiated complaint
	AccFromDirect    = "direct"    // entered directly by an administrator
)

// AccountabilityFilter selects entries. Zero fields do not filter.
type AccountabilityFilter struct {
	Staff  int64
	Source string // "", AccFromComplaint or AccFromDirect
	// Open keeps the entries without an outcome; Closed those with one.
	Open, Closed bool
	// Due keeps open entries whose deadline is DueSoon or DueOverdue.
	Due DueState
	// From, To bound when the entry was recorded: From ≤ at < To.
	From, To time.Time
}

// AccountabilityRow is an entry as the register lists it.
type AccountabilityRow struct {
	AccountabilityEntry
	// Due is the rectification deadline's state while no outcome is
	// recorded (DueNone without a deadline or once the outcome is in).
	Due DueState
	// WorkdaysLeft is from today to the deadline (negative when overdue);
	// 0 when Due is DueNone.
	WorkdaysLeft int
}

// AccountabilityList lists the entries the filter selects for an
// administrator: open entries with a deadline first, the nearest deadline
// first, then the rest newest first.
func (s *Store) AccountabilityList(ctx context.Context, by Session, f AccountabilityFilter) ([]AccountabilityRow, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	today := Day(now)
	q, args := accountabilityQuery(f.Staff, f.From, f.To)
	switch f.Source {
	case "":
	case AccFromComplaint:
		q += ` AND a.complaint_id IS NOT NULL`
	case AccFromDirect:
		q += ` AND a.complaint_id IS NULL`
	default:
		return nil, Invalid("source", "来源只能是投诉或直接登记。")
	}
	switch {
	case f.Open && f.Closed:
		return nil, Invalid("open", "“待整改”和“已有结果”不能同时选择。")
	case f.Open:
		q += ` AND a.outcome = ''`
	case f.Closed:
		q += ` AND a.outcome != ''`
	}
	q, args, err = dueFilter(q, args, f.Due, dueCols{"a.outcome = ''", "a.deadline_day"}, cal, now,
		"期限筛选只能是即将到期或已超期。")
	if err != nil {
		return nil, err
	}
	q += ` ORDER BY a.outcome = '' AND a.deadline_day != '' DESC,
		CASE WHEN a.outcome = '' THEN a.deadline_day ELSE '' END, a.at DESC, a.id DESC`
	var out []AccountabilityRow
	err = s.read(ctx, "accountability list", func(tx *sql.Tx) error {
		if _, err := adminOnly(ctx, tx, by, "责任追究记录只有管理员可以查看。"); err != nil {
			return err
		}
		entries, err := accountabilityEntries(ctx, tx, today, q, args)
		for _, en := range entries {
			e := AccountabilityRow{AccountabilityEntry: en}
			if d, err := ParseDay(e.DeadlineDay); err == nil && e.Outcome == "" {
				e.Due = cal.DueState(now, d)
				e.WorkdaysLeft = cal.WorkdaysBetween(now, d)
			}
			out = append(out, e)
		}
		return err
	})
	return out, err
}

// accountabilityQuery selects the entries with their person, complaint and
// request: of one staff member (everyone with 0), recorded in [from, to)
// (zero times do not bound). Callers add their own conditions and order.
func accountabilityQuery(staffID int64, from, to time.Time) (string, []any) {
	q := `SELECT a.id, a.staff_id, s.name, coalesce(a.complaint_id, 0), coalesce(c.code, ''), coalesce(a.request_id, 0),
		coalesce(r.receipt_no, ''), a.kind, a.note, a.deadline_day, a.outcome, a.at
		FROM accountability a JOIN staff s ON s.id = a.staff_id LEFT JOIN complaints c ON c.id = a.complaint_id
		LEFT JOIN requests r ON r.id = a.request_id WHERE 1 = 1`
	var args []any
	if staffID != 0 {
		q += ` AND a.staff_id = ?`
		args = append(args, staffID)
	}
	return timeBetween(q, args, "a.at", from, to)
}

// dueCols names, for dueFilter, the SQL condition of a record still open
// and the column of its due day.
type dueCols struct{ open, day string }

// dueFilter adds to the conditions q and their args those of a due filter:
// open records whose due day is before today (DueOverdue) or from today to
// cal's DueSoonBefore (DueSoon); DueNone adds none. Any other is refused
// with msg.
func dueFilter(q string, args []any, due DueState, c dueCols, cal *Calendar, now time.Time, msg string) (string, []any, error) {
	today := Day(now)
	switch due {
	case DueNone:
	case DueOverdue:
		q += ` AND ` + c.open + ` AND ` + c.day + ` != '' AND ` + c.day + ` < ?`
		args = append(args, today)
	case DueSoon:
		q += ` AND ` + c.open + ` AND ` + c.day + ` >= ? AND ` + c.day + ` < ?`
		args = append(args, today, Day(cal.DueSoonBefore(now)))
	default:
		return q, args, Invalid("due", msg)
	}
	return q, args, nil
}

// accountabilityEntries runs an accountabilityQuery; an entry is overdue
// when its deadline is before today and no outcome is recorded.
func accountabilityEntries(ctx context.Context, tx *sql.Tx, today, q string, args []any) ([]AccountabilityEntry, error) {
	out, err := queryRows(ctx, tx, func(e *AccountabilityEntry) []any {
		return []any{&e.ID, &e.StaffID, &e.StaffName, &e.ComplaintID, &e.ComplaintCode, &e.RequestID,
			&e.ReceiptNo, &e.Kind, &e.Note, &e.DeadlineDay, &e.Outcome, timeText(&e.At)}
	}, q, args...)
	for i := range out {
		e := &out[i]
		e.KindLabel = e.Kind.Label()
		e.Overdue = e.DeadlineDay != "" && e.Outcome == "" && e.DeadlineDay < today
	}
	return out, err
}

// Kinds of breach found in the records.
const (
	BreachLate       = "late"       // signed in after the office opened
	BreachSupplement = "supplement" // a 补正 notice naming a material no earlier notice named
)

// Breach is a rule breach found in the records, which an administrator
// may make an accountability entry of.
type Breach struct {
	Kind      string // BreachLate or BreachSupplement
	KindLabel string // 迟到, 违反一次性告知
	StaffID   int64
	StaffName string
	Day       string    // China date
	At        time.Time // the sign-in, or the notice
	Opens     string    // late: the office's opening time that day ("08:30")
	RequestID int64     // supplement: the request
	ReceiptNo string
	Reason    string // supplement: the reason given for asking again
	// Text is the breach in one sentence, fit for the entry's cause.
	Text string
}

// BreachLabel is a breach kind's Chinese name.
func BreachLabel(kind string) string {
	switch kind {
	case BreachLate:
		return "迟到"
	case BreachSupplement:
		return "违反一次性告知"
	}
	return kind
}

// Breaches lists the breaches of staffID (everyone with 0) on the days
// whose midnight (China) is in [from, to), oldest first. A sign-in is late
// when it is after the first opening of office hours on its weekday (a
// working weekend day, 调休, takes the earliest opening of the week); with
// no office hours at all nobody is late.
func (s *Store) Breaches(ctx context.Context, staffID int64, from, to time.Time) ([]Breach, error) {
	first, end := periodDays(from, to)
	dayA, dayB := Day(dayTime(first)), Day(dayTime(end))
	var out []Breach
	err := s.read(ctx, "breaches", func(tx *sql.Tx) error {
		c, err := getCenter(ctx, tx)
		if err != nil {
			return err
		}
		opens := map[time.Weekday]string{}
		earliest := ""
		for _, h := range c.Hours {
			if o, ok := opens[h.Weekday]; !ok || h.Opens < o {
				opens[h.Weekday] = h.Opens
			}
			if earliest == "" || h.Opens < earliest {
				earliest = h.Opens
			}
		}
		q := `SELECT a.staff_id, s.name, a.day, a.sign_in FROM attendance a JOIN staff s ON s.id = a.staff_id
			WHERE a.sign_in != '' AND a.day >= ? AND a.day < ?`
		args := []any{dayA, dayB}
		if staffID != 0 {
			q += ` AND a.staff_id = ?`
			args = append(args, staffID)
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY a.day, a.staff_id`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var b Breach
			var in string
			if err := rows.Scan(&b.StaffID, &b.StaffName, &b.Day, &in); err != nil {
				rows.Close()
				return err
			}
			b.At = parseTime(in)
			day, err := ParseDay(b.Day)
			if err != nil || earliest == "" {
				continue
			}
			o, ok := opens[day.Weekday()]
			if !ok {
				o = earliest
			}
			if b.At.In(China).Format("15:04") <= o {
				continue
			}
			b.Kind, b.KindLabel, b.Opens = BreachLate, BreachLabel(BreachLate), o
			b.Text = fmt.Sprintf("%s签到时间%s，晚于上班时间%s。", cnDay(b.Day), b.At.In(China).Format("15:04"), o)
			out = append(out, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		q = `SELECT x.staff_id, s.name, x.at, x.request_id, r.receipt_no, x.second_reason FROM supplements x
			JOIN staff s ON s.id = x.staff_id JOIN requests r ON r.id = x.request_id
			WHERE x.second_reason != '' AND x.at >= ? AND x.at < ?`
		args = []any{formatTime(dayTime(first)), formatTime(dayTime(end))}
		if staffID != 0 {
			q += ` AND x.staff_id = ?`
			args = append(args, staffID)
		}
		if rows, err = tx.QueryContext(ctx, q+` ORDER BY x.at, x.id`, args...); err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b Breach
			var at string
			if err := rows.Scan(&b.StaffID, &b.StaffName, &at, &b.RequestID, &b.ReceiptNo, &b.Reason); err != nil {
				return err
			}
			b.At = parseTime(at)
			b.Day = Day(b.At)
			b.Kind, b.KindLabel = BreachSupplement, BreachLabel(BreachSupplement)
			b.Text = fmt.Sprintf("办件%s再次要求补正首次通知未列出的材料，违反一次性告知制度（理由：%s）。", b.ReceiptNo,
				clip(b.Reason, 100))
			out = append(out, b)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	sortBreaches(out)
	return out, nil
}

// sortBreaches orders breaches by time (a stable insertion sort: a few
// dozen rows).
func sortBreaches(b []Breach) {
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j].At.Before(b[j-1].At); j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

// ComplaintsAbout lists the complaints about staffID filed in [from, to)
// (zero bounds do not bound), newest first, for a person's record. Only
// administrators see them, and not those about themselves (回避). The
// complainant's name and phone are left out: the record needs the matter
// and its result.
func (s *Store) ComplaintsAbout(ctx context.Context, by Session, staffID int64, from, to time.Time) ([]ComplaintRow, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	q := complaintSelect + ` WHERE c.staff_id = ?`
	q, args := timeBetween(q, []any{staffID}, "c.created_at", from, to)
	q += ` ORDER BY c.created_at DESC, c.id DESC`
	now := s.now()
	var out []ComplaintRow
	err = s.read(ctx, "complaints about", func(tx *sql.Tx) error {
		actor, err := actorOf(ctx, tx, by)
		if err != nil {
			return err
		}
		switch {
		case actor.Role != RoleAdmin:
			return Invalid("session", "工作人员的投诉记录只有管理员可以查看。")
		case staffID == actor.StaffID:
			return Invalid("staff", "涉及您本人的投诉按回避原则不向您显示，请由其他管理员查阅。")
		}
		out, err = complaintRows(ctx, tx, cal, now, q, args)
		for i := range out {
			out[i].ContactName, out[i].ContactPhone = "", ""
		}
		return err
	})
	return out, err
}
