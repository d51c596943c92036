package data

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"
	"time"
)

// The due days a calendar change moves: requests from their clock start,
// promised days and pauses, complaints from their filing.

// planCalendar compares the stored calendar old with next and finds the
// due days that would move: those the new calendar computes differently
// from the old one.
func (s *Store) planCalendar(ctx context.Context, tx *sql.Tx, old, next, file []CalendarDay) (CalendarChange, error) {
	var ch CalendarChange
	newCal, err := CalendarFromDays(next)
	if err != nil {
		return ch, err
	}
	oldCal, err := CalendarFromDays(old)
	if err != nil {
		return ch, err
	}
	before := make(map[string]CalendarDay, len(old))
	for _, o := range old {
		before[o.Day] = o
	}
	after := make(map[string]CalendarDay, len(next))
	for _, n := range next {
		after[n.Day] = n
	}
	for _, n := range next {
		o, ok := before[n.Day]
		switch {
		case !ok:
			ch.Added = append(ch.Added, CalendarDayChange{Day: n.Day, New: n})
		case o != n:
			ch.Changed = append(ch.Changed, CalendarDayChange{Day: n.Day, Old: o, New: n})
		}
	}
	for _, o := range old {
		if _, ok := after[o.Day]; !ok {
			ch.Removed = append(ch.Removed, CalendarDayChange{Day: o.Day, Old: o})
		}
	}
	years := map[int]bool{}
	for _, f := range file {
		if before[f.Day] == f {
			ch.Unchanged++
		}
		y, _ := strconv.Atoi(f.Day[:4])
		years[y] = true
	}
	for _, c := range append(append(slices.Clone(ch.Added), ch.Changed...), ch.Removed...) {
		y, _ := strconv.Atoi(c.Day[:4])
		years[y] = true
	}
	for y := range years {
		ch.Years = append(ch.Years, y)
	}
	sort.Ints(ch.Years)
	byDay := func(cs []CalendarDayChange) {
		sort.Slice(cs, func(i, j int) bool { return cs[i].Day < cs[j].Day })
	}
	byDay(ch.Added)
	byDay(ch.Changed)
	byDay(ch.Removed)
	if ch.Empty() {
		return ch, nil
	}
	if ch.Moves, err = requestDueMoves(ctx, tx, oldCal, newCal); err != nil {
		return ch, err
	}
	cm, err := complaintDueMoves(ctx, tx, oldCal, newCal)
	if err != nil {
		return ch, err
	}
	ch.Moves = append(ch.Moves, cm...)
	return ch, nil
}

// requestDueMoves finds the open requests whose due day the new calendar
// computes differently: those with a running clock (accepted or escalated;
// a request waiting for materials has none), each from its clock start,
// its guide's 承诺期限 and its pauses, by RequestDueDay on either calendar.
func requestDueMoves(ctx context.Context, tx *sql.Tx, oldCal, newCal *Calendar) ([]DueMove, error) {
	open := `r.status IN ('` + string(StatusAccepted) + `', '` + string(StatusEscalated) + `') AND r.clock_start_day <> ''`
	type requestPause struct {
		id int64
		p  Pause
	}
	paused, err := queryRows(ctx, tx, func(r *requestPause) []any {
		return []any{&r.id, dayText(&r.p.From), dayText(&r.p.To)}
	}, `SELECT p.request_id, p.from_day, p.to_day FROM clock_pauses p
		JOIN requests r ON r.id = p.request_id WHERE `+open+` ORDER BY p.request_id, p.id`)
	if err != nil {
		return nil, err
	}
	pauses := map[int64][]Pause{}
	for _, r := range paused {
		pauses[r.id] = append(pauses[r.id], r.p)
	}
	type openRequest struct {
		m     DueMove
		start string
		n     int
	}
	reqs, err := queryRows(ctx, tx, func(r *openRequest) []any {
		return []any{&r.m.ID, &r.m.Number, &r.m.ItemName, &r.start, &r.m.From, &r.n}
	}, `SELECT r.id, r.receipt_no, i.name, r.clock_start_day, r.due_day,
		coalesce(CAST(json_extract(v.snapshot, '$.promised_days') AS INTEGER), i.promised_days)
		FROM requests r JOIN items i ON i.id = r.item_id
		LEFT JOIN item_versions v ON v.item_id = r.item_id AND v.version = r.item_version
		WHERE `+open+` ORDER BY r.id`)
	if err != nil {
		return nil, err
	}
	var out []DueMove
	for _, r := range reqs {
		st, err := ParseDay(r.start)
		if err != nil {
			continue
		}
		m := r.m
		was, will := RequestDueDay(oldCal, st, r.n, pauses[m.ID]), RequestDueDay(newCal, st, r.n, pauses[m.ID])
		if was != will {
			m.To = will
			out = append(out, m)
		}
	}
	return out, nil
}

// ComplaintDueMoveRule is where a calendar change moves a complaint's reply
// date (投诉处理 §十, a time limit in working days): the limit it was given
// at filing (filed) is read back from the old calendar and its due day, and
// counted again on the new one. was and will are the due days, as stored.
func ComplaintDueMoveRule(oldCal, newCal *Calendar, filed, due time.Time) (was, will string) {
	n := oldCal.WorkdaysBetween(filed, due)
	return Day(oldCal.AddWorkdays(filed, n)), Day(newCal.AddWorkdays(filed, n))
}

// complaintDueMoves finds the open complaints whose reply date moves. A
// complaint's due day is AddWorkdays(received, n) with the center's
// complaint limit n of that time, so n is read back from the old calendar.
func complaintDueMoves(ctx context.Context, tx *sql.Tx, oldCal, newCal *Calendar) ([]DueMove, error) {
	type openComplaint struct {
		m       DueMove
		created time.Time
	}
	open, err := queryRows(ctx, tx, func(c *openComplaint) []any {
		return []any{&c.m.ID, &c.m.Number, timeText(&c.created), &c.m.From}
	}, `SELECT id, code, created_at, due_day FROM complaints
		WHERE status IN `+complaintsOpen+` AND due_day <> '' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var out []DueMove
	for _, c := range open {
		due, err := ParseDay(c.m.From)
		if err != nil || c.created.IsZero() {
			continue
		}
		m := c.m
		m.Complaint = true
		was, will := ComplaintDueMoveRule(oldCal, newCal, c.created, due)
		if was != will {
			m.To = will
			out = append(out, m)
		}
	}
	return out, nil
}
