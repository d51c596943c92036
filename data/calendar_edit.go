package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Editing the working-day calendar (限时办结 §七): staff set a single day as
// an official holiday, a swapped working day (调休上班) or an ordinary day,
// and import next year's official schedule from a file. Every change is
// audited, and since open requests and complaints store their due day, a
// change recomputes the due days it moves in the same transaction, with the
// same plain functions the handling code uses (Calendar.DueDate with the
// request's pauses; Calendar.AddWorkdays for complaints). A request whose
// due day moves gets a public line on its timeline saying so.
//
// Import file. Either JSON — an array of {"day", "kind", "name"} objects
// (CalendarDay, as in the catalog's "calendar" section), or an object whose
// "calendar" member is that array (a catalog file works) — or plain text,
// one day a line: "2027-01-01,holiday,元旦". In the text form the fields may
// be separated by a comma (also "，"), a tab or spaces; the kind may also be
// written 休/放假/节假日 or 班/上班/调休; the name is optional; blank lines
// and lines starting with # are skipped, and so is a first line of column
// names. The file is authoritative for the years it covers: days of those
// years stored but not in the file are removed, so a corrected file can be
// imported again. Nothing is written unless the whole file is right.

// Calendar audit actions.
const (
	AuditCalendarSet    = "calendar_set"
	AuditCalendarImport = "calendar_import"
)

// CalendarAuditLabel is the Chinese name of the calendar's audit actions,
// "" for others.
func CalendarAuditLabel(action string) string {
	switch action {
	case AuditCalendarSet:
		return "修改工作日历"
	case AuditCalendarImport:
		return "导入节假日安排"
	}
	return ""
}

// Kinds of calendar day. An ordinary day has no stored entry: its kind is
// DayOrdinary and it is a working day Monday to Friday.
const (
	DayHoliday  = "holiday" // 法定节假日 (off, whatever the weekday)
	DayWorkday  = "workday" // 调休上班 (on, although a weekend)
	DayOrdinary = ""        // 按常规
)

// Limits of calendar edits and import files.
const (
	MaxCalendarNameRunes = 40
	MaxCalendarNoteRunes = 200
	MaxCalendarFileBytes = 256 << 10
	MaxCalendarFileDays  = 1000
	calendarFirstYear    = 2000
	calendarLastYear     = 2099
)

// CalendarDayChange is one day a calendar change adds, changes or removes:
// what was stored (zero Kind: nothing) and what will be (zero Kind: nothing).
type CalendarDayChange struct {
	Day      string
	Old, New CalendarDay
}

// DueMove is a due day a calendar change moves: an open request's 承诺办结
// date, or an open complaint's reply date (Complaint true).
type DueMove struct {
	ID        int64
	Complaint bool
	Number    string // receipt number or complaint code
	ItemName  string // the request's item ("" for complaints)
	From, To  string // due days, YYYY-MM-DD
}

// CalendarChange is what a calendar edit or import changes (or, from a
// preview, would change): the days added, changed and removed, the days
// the file repeats unchanged, the years it covers, and the due days that
// move with it.
type CalendarChange struct {
	Added, Changed, Removed []CalendarDayChange
	Unchanged               int
	Years                   []int
	Moves                   []DueMove
}

// Empty reports whether the change changes no day.
func (c CalendarChange) Empty() bool {
	return len(c.Added)+len(c.Changed)+len(c.Removed) == 0
}

// RequestMoves and ComplaintMoves count the moved due days by kind.
func (c CalendarChange) RequestMoves() int   { return c.countMoves(false) }
func (c CalendarChange) ComplaintMoves() int { return c.countMoves(true) }

func (c CalendarChange) countMoves(complaint bool) int {
	n := 0
	for _, m := range c.Moves {
		if m.Complaint == complaint {
			n++
		}
	}
	return n
}

// Summary is the change in one Chinese sentence, for the audit log and
// the screen.
func (c CalendarChange) Summary() string {
	var parts []string
	if len(c.Years) > 0 {
		ys := make([]string, len(c.Years))
		for i, y := range c.Years {
			ys[i] = strconv.Itoa(y) + "年"
		}
		parts = append(parts, "涉及"+strings.Join(ys, "、"))
	}
	parts = append(parts, fmt.Sprintf("新增%d天，修改%d天，删除%d天", len(c.Added), len(c.Changed), len(c.Removed)))
	if c.Unchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d天与现有安排相同", c.Unchanged))
	}
	s := strings.Join(parts, "；")
	if n := c.RequestMoves(); n > 0 {
		s += fmt.Sprintf("；%d件办件的承诺办结日期随之调整", n)
	}
	if n := c.ComplaintMoves(); n > 0 {
		s += fmt.Sprintf("；%d件投诉的答复期限随之调整", n)
	}
	return s + "。"
}

// KindLabel is the Chinese name of a calendar day kind.
func KindLabel(kind string) string {
	switch kind {
	case DayHoliday:
		return "法定节假日"
	case DayWorkday:
		return "调休上班"
	}
	return "按常规"
}

// CalendarDaysBetween reads the stored calendar entries from the date of
// from to the date of to, both included, in date order.
func (s *Store) CalendarDaysBetween(ctx context.Context, from, to time.Time) ([]CalendarDay, error) {
	var out []CalendarDay
	err := s.read(ctx, "calendar days", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT day, kind, name FROM calendar_days WHERE day >= ? AND day <= ?
			ORDER BY day`, Day(from), Day(to))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d CalendarDay
			if err := rows.Scan(&d.Day, &d.Kind, &d.Name); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// SetCalendarDay sets the date of day as an official holiday (kind
// DayHoliday, name required, e.g. 国庆节), a swapped working day (DayWorkday,
// only on a weekend; name defaults to 调休上班) or an ordinary day
// (DayOrdinary: the stored entry is removed). note says why (optional); it
// goes to the audit log. Setting what is already stored changes nothing and
// writes nothing. Any staff member may edit the calendar.
func (s *Store) SetCalendarDay(ctx context.Context, by Session, day time.Time, kind, name, note string) (CalendarChange, error) {
	d, err := cleanCalendarEdit(day, kind, name)
	if err != nil {
		return CalendarChange{}, err
	}
	note, err = Text("note", "备注", note, MaxCalendarNoteRunes, false, true)
	if err != nil {
		return CalendarChange{}, err
	}
	next := func(old []CalendarDay) []CalendarDay {
		next := make([]CalendarDay, 0, len(old)+1)
		for _, o := range old {
			if o.Day != d.Day {
				next = append(next, o)
			}
		}
		if kind != DayOrdinary {
			next = append(next, d)
		}
		return next
	}
	return s.changeCalendar(ctx, "calendar set", by, next, nil, func(tx *sql.Tx, actor Session, ch CalendarChange) error {
		if ch.Empty() {
			return nil
		}
		detail := cnDay(d.Day) + "（" + weekdayCN(day) + "）设为" + KindLabel(kind)
		if kind != DayOrdinary && d.Name != "" {
			detail += "（" + d.Name + "）"
		}
		detail += "。" + ch.Summary()
		if note != "" {
			detail += "备注：" + note
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditCalendarSet, "工作日历 "+d.Day, detail)
	})
}

// changeCalendar replaces, in one transaction, the stored calendar old
// with next(old) (file: the days of an imported file, see applyCalendar)
// and has record write the audit log of what it changed.
func (s *Store) changeCalendar(ctx context.Context, op string, by Session, next func(old []CalendarDay) []CalendarDay,
	file []CalendarDay, record func(tx *sql.Tx, actor Session, ch CalendarChange) error) (CalendarChange, error) {
	var ch CalendarChange
	err := s.txAs(ctx, op, by, actorOf, func(tx *sql.Tx, actor Session) error {
		old, err := calendarDays(ctx, tx)
		if err != nil {
			return err
		}
		if ch, err = s.applyCalendar(ctx, tx, actor, old, next(old), file); err != nil {
			return err
		}
		return record(tx, actor, ch)
	})
	if err != nil {
		return CalendarChange{}, err
	}
	return ch, nil
}

// cleanCalendarEdit checks one edit of the calendar screen and returns the
// entry to store (its Kind empty for an ordinary day).
func cleanCalendarEdit(day time.Time, kind, name string) (CalendarDay, error) {
	if day.IsZero() {
		return CalendarDay{}, Invalid("day", "请选择要修改的日期。")
	}
	d := CalendarDay{Day: Day(day), Kind: kind}
	if y := day.In(China).Year(); y < calendarFirstYear || y > calendarLastYear {
		return d, Invalid("day", "日期超出了可设置的范围（2000年至2099年）。")
	}
	name, err := Text("name", "名称", name, MaxCalendarNameRunes, false, false)
	if err != nil {
		return d, err
	}
	switch kind {
	case DayHoliday:
		if name == "" {
			return d, Invalid("name", "请填写节假日名称，例如“国庆节”。")
		}
		d.Name = name
	case DayWorkday:
		if wd := day.In(China).Weekday(); wd != time.Saturday && wd != time.Sunday {
			return d, Invalid("kind", cnDay(d.Day)+"是"+weekdayCN(day)+"，本来就是工作日，无需设为调休上班。").
				keyed("data.calendar_edit.workday", map[string]any{"Day": d.Day, "Weekday": weekdayTerm(wd)})
		}
		d.Name = name
		if d.Name == "" {
			d.Name = "调休上班"
		}
	case DayOrdinary:
	default:
		return d, Invalid("kind", "请选择法定节假日、调休上班或按常规。")
	}
	return d, nil
}

// PreviewCalendarImport says what importing days (from ParseCalendarFile)
// would change, writing nothing.
func (s *Store) PreviewCalendarImport(ctx context.Context, days []CalendarDay) (CalendarChange, error) {
	if err := checkImportDays(days); err != nil {
		return CalendarChange{}, err
	}
	var ch CalendarChange
	err := s.read(ctx, "calendar preview", func(tx *sql.Tx) error {
		old, err := calendarDays(ctx, tx)
		if err != nil {
			return err
		}
		ch, err = s.planCalendar(ctx, tx, old, importedCalendar(old, days), days)
		return err
	})
	return ch, err
}

// ImportCalendar reads an import file and applies it, all or nothing: see
// ParseCalendarFile and ImportCalendarDays.
func (s *Store) ImportCalendar(ctx context.Context, by Session, r io.Reader) (CalendarChange, error) {
	days, err := ParseCalendarFile(r)
	if err != nil {
		return CalendarChange{}, err
	}
	return s.ImportCalendarDays(ctx, by, days)
}

// ImportCalendarDays replaces the calendar of the years days cover with
// days, recomputes the due days it moves, and audits it, in one
// transaction. Any staff member may import.
func (s *Store) ImportCalendarDays(ctx context.Context, by Session, days []CalendarDay) (CalendarChange, error) {
	if err := checkImportDays(days); err != nil {
		return CalendarChange{}, err
	}
	next := func(old []CalendarDay) []CalendarDay { return importedCalendar(old, days) }
	return s.changeCalendar(ctx, "calendar import", by, next, days, func(tx *sql.Tx, actor Session, ch CalendarChange) error {
		ys := make([]string, len(ch.Years))
		for i, y := range ch.Years {
			ys[i] = strconv.Itoa(y) + "年"
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditCalendarImport, "工作日历 "+strings.Join(ys, "、"),
			"导入节假日安排："+ch.Summary())
	})
}

// checkImportDays checks days given directly (not from ParseCalendarFile).
func checkImportDays(days []CalendarDay) error {
	if len(days) == 0 {
		return Invalid("file", "文件中没有任何日期。请检查是否选错了文件。")
	}
	seen := map[string]bool{}
	for i, d := range days {
		if _, err := checkFileDay(d); err != nil {
			return err.(*InvalidError).Prefix("[" + itoa(i) + "]")
		}
		if seen[d.Day] {
			return Invalid("["+itoa(i)+"].day", d.Day+" 重复出现，同一天只能写一次。").
				keyed("data.calendar_edit.twice", map[string]any{"Day": d.Day})
		}
		seen[d.Day] = true
	}
	return nil
}

// importedCalendar is old with the years that days cover replaced by days.
func importedCalendar(old, days []CalendarDay) []CalendarDay {
	years := map[string]bool{}
	for _, d := range days {
		years[d.Day[:4]] = true
	}
	out := make([]CalendarDay, 0, len(old)+len(days))
	for _, o := range old {
		if !years[o.Day[:4]] {
			out = append(out, o)
		}
	}
	return append(out, days...)
}

// applyCalendar makes the stored calendar next (old is what is stored),
// moves the due days it changes and records each move on the request's
// timeline. file is the imported days (nil for an edit): it names the
// years covered and counts the unchanged days.
func (s *Store) applyCalendar(ctx context.Context, tx *sql.Tx, actor Session, old, next, file []CalendarDay) (CalendarChange, error) {
	ch, err := s.planCalendar(ctx, tx, old, next, file)
	if err != nil || ch.Empty() {
		return ch, err
	}
	for _, c := range append(append(slices.Clone(ch.Added), ch.Changed...), ch.Removed...) {
		if c.New.Kind == "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_days WHERE day = ?`, c.Day); err != nil {
				return ch, err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?)
			ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
			c.Day, c.New.Kind, c.New.Name); err != nil {
			return ch, err
		}
	}
	at := s.stamp()
	for _, m := range ch.Moves {
		if m.Complaint {
			if _, err := tx.ExecContext(ctx, `UPDATE complaints SET due_day = ? WHERE id = ?`, m.To, m.ID); err != nil {
				return ch, err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET due_day = ? WHERE id = ?`, m.To, m.ID); err != nil {
			return ch, err
		}
		note := "因节假日安排调整，承诺办结日期由" + cnDay(m.From) + "调整为" + cnDay(m.To) + "。"
		raw, err := json.Marshal(map[string]any{"due_day": m.To, "previous_due_day": m.From, "calendar": true})
		if err != nil {
			return ch, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_events (request_id, at, kind, staff_id, window_id,
			public, note, data) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, m.ID, at, EventNote, actor.StaffID,
			nullID(actor.WindowID), note, string(raw)); err != nil {
			return ch, err
		}
	}
	return ch, nil
}

// CalendarCoverage is which years the stored calendar has an official
// schedule for (a year counts when it has at least one holiday), as seen
// on a date: whether this year's schedule is missing, and whether next
// year's is missing in the fourth quarter, when the State Council has
// usually published it and requests start to run into the new year.
type CalendarCoverage struct {
	Years           []int
	Year            int // the year of the date asked about
	MissingThisYear bool
	MissingNextYear bool // only in October to December
}

// Missing lists the years whose schedule should be imported (none: the
// calendar is fine).
func (c CalendarCoverage) Missing() []int {
	var out []int
	if c.MissingThisYear {
		out = append(out, c.Year)
	}
	if c.MissingNextYear {
		out = append(out, c.Year+1)
	}
	return out
}

// Warning is the line the queue and the calendar screen show while a
// schedule is missing: "2027年节假日安排尚未导入，截止日期按普通周末计算。"
// ("" when none is).
func (c CalendarCoverage) Warning() string {
	ys := c.Missing()
	if len(ys) == 0 {
		return ""
	}
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = strconv.Itoa(y) + "年"
	}
	return strings.Join(parts, "、") + "节假日安排尚未导入，截止日期按普通周末计算。"
}

// CalendarCoverage says which years' schedules are stored, as seen on the
// store's today.
func (s *Store) CalendarCoverage(ctx context.Context) (CalendarCoverage, error) {
	now := s.now().In(China)
	c := CalendarCoverage{Year: now.Year()}
	err := s.read(ctx, "calendar coverage", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT substr(day, 1, 4) FROM calendar_days
			WHERE kind = 'holiday' ORDER BY 1`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var y string
			if err := rows.Scan(&y); err != nil {
				return err
			}
			if n, err := strconv.Atoi(y); err == nil {
				c.Years = append(c.Years, n)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return c, err
	}
	c.MissingThisYear = !slices.Contains(c.Years, c.Year)
	c.MissingNextYear = now.Month() >= time.October && !slices.Contains(c.Years, c.Year+1)
	return c, nil
}

// weekdayCN is the Chinese name of the weekday of t (China time).
func weekdayCN(t time.Time) string {
	return [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}[t.In(China).Weekday()]
}
