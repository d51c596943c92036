package data

// Reports (§五, §七, §九, §十): every figure the regulation asks for, for any
// period, from the stored rows.
//
// The period is [from, to). What falls in it:
//   - requests by item, mode, status, window, channel: registered in it
//     (created_at), with the status they have now;
//   - on-time rate and handling time: requests finished (status finished)
//     in it (finished_at). On time = finished on or before the due day
//     (China date), among those that had a due day. Handling time =
//     working days from acceptance to finish (Calendar.WorkdaysBetween: the
//     day of acceptance does not count, so same-day is 0), among those
//     accepted; refused and withdrawn requests are in neither;
//   - 补正 notices and breaches: notices sent in it (supplements.at); a
//     breach of 一次性告知 is a notice with a second_reason;
//   - complaints: filed in it, by their status now; ratings: given in it;
//   - day records (attendance, study sessions): a day counts when its
//     midnight (China time) is in the period, so a month is from the 1st
//     00:00 to the next 1st 00:00 (MonthPeriod), and a period ending now
//     includes today;
//   - accountability entries: recorded in it.
//
// Per person, 首问负责 (§五) decides whose a request is: the first owner is
// responsible to the end, so "owned" and the on-time rate count requests by
// first_owner_id, whoever finished them.

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// Count is one bar of a breakdown.
type Count struct {
	Key   string // stable key: item code, mode, status, window code, channel, level
	Label string // Chinese label
	N     int
}

// Ratio is a rate with its parts, so "no data" is not shown as 0%.
type Ratio struct {
	N, Of int
}

// Defined reports whether there was anything to count.
func (r Ratio) Defined() bool { return r.Of > 0 }

// Value is N/Of, 0 when undefined.
func (r Ratio) Value() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.N) / float64(r.Of)
}

// Percent is the rate as "85.7%", or "—" when undefined.
func (r Ratio) Percent() string {
	if r.Of == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Value())
}

// DayCount is one point of the daily series.
type DayCount struct {
	Day        string // YYYY-MM-DD, China time
	Registered int
	Finished   int
}

// PersonReport is one staff member's record for the period.
type PersonReport struct {
	StaffID        int64
	Code           string
	Name           string
	Active         bool
	FirstOwned     int   // requests registered in the period with them as 首问
	OnTime         Ratio // their 首问 requests finished in the period: on time / with a due day
	AttendanceDays int   // days signed in
	Study          Ratio // study sessions present / sessions held in the period
	Complaints     int   // complaints about them filed in the period
	Substantiated  int   // of which found substantiated
	Accountability int   // accountability entries recorded in the period
}

// Report is the whole set of figures for a period.
type Report struct {
	From, To time.Time

	Requests  int // registered in the period
	ByItem    []Count
	ByMode    []Count
	ByStatus  []Count
	ByWindow  []Count
	ByChannel []Count
	Daily     []DayCount
	// DailyOnTime is the on-time rate of the requests finished each day
	// (China date, as in Daily), for days with a finish that had a due day.
	DailyOnTime map[string]Ratio

	Finished    int     // finished in the period
	OnTime      Ratio   // finished on or before the due day / finished with a due day
	Handled     int     // finished in the period with an acceptance time
	AvgWorkdays float64 // mean working days from acceptance to finish over Handled

	Supplements int // 补正 notices sent
	Breaches    int // of which asked again for something the first notice missed

	Complaints         int
	ComplaintsByStatus []Count
	Substantiated      int
	Unsubstantiated    int
	Undecided          int

	Ratings     []Count // level 5 (非常满意) … 1 (非常不满意), all five
	RatingCount int
	Satisfied   Ratio // 满意 or 非常满意 / all ratings

	People []PersonReport
}

// MonthPeriod is the calendar month in China time: [1st 00:00, next 1st 00:00).
func MonthPeriod(year int, month time.Month) (from, to time.Time) {
	from = time.Date(year, month, 1, 0, 0, 0, 0, China)
	return from, from.AddDate(0, 1, 0)
}

// statusOrder is the order of statuses in the report.
var statusOrder = []Status{StatusSubmitted, StatusAccepted, StatusWaiting, StatusEscalated, StatusFinished,
	StatusRefused, StatusWithdrawn}

var complaintStatusOrder = []string{"open", "investigating", "answered", "closed"}

// Report computes every figure for the period [from, to).
func (s *Store) Report(ctx context.Context, from, to time.Time) (Report, error) {
	r := Report{From: from, To: to}
	if !to.After(from) {
		return r, Invalid("to", "统计的结束时间应晚于开始时间。")
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return r, err
	}
	a, b := formatTime(from), formatTime(to)
	dayA, dayB := dayRange(from, to)
	err = s.read(ctx, "report", func(tx *sql.Tx) error {
		reg, err := registered(ctx, tx, a, b)
		if err != nil {
			return err
		}
		if err := r.breakDown(ctx, tx, reg); err != nil {
			return err
		}

		// Finished in the period: on time, handling time.
		rows, err := tx.QueryContext(ctx, `SELECT accepted_at, finished_at, due_day, coalesce(first_owner_id, 0) FROM requests
			WHERE status = 'finished' AND finished_at >= ? AND finished_at < ?`, a, b)
		if err != nil {
			return err
		}
		ownerOnTime := map[int64]*Ratio{}
		r.DailyOnTime = map[string]Ratio{}
		finishedOn := map[string]int{}
		total := 0
		for rows.Next() {
			var accepted, finished, due string
			var owner int64
			if err := rows.Scan(&accepted, &finished, &due, &owner); err != nil {
				rows.Close()
				return err
			}
			r.Finished++
			fin := parseTime(finished)
			finDay := Day(fin)
			finishedOn[finDay]++
			if due != "" {
				r.countOnTime(finDay, due, owner, ownerOnTime)
			}
			if accepted != "" {
				r.Handled++
				total += cal.WorkdaysBetween(parseTime(accepted), fin)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if r.Handled > 0 {
			r.AvgWorkdays = float64(total) / float64(r.Handled)
		}
		r.Daily = daily(reg.byDay, finishedOn, dayA, dayB)

		// 补正.
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN second_reason != '' THEN 1 ELSE 0 END), 0) FROM supplements
			WHERE at >= ? AND at < ?`, a, b).Scan(&r.Supplements, &r.Breaches); err != nil {
			return err
		}

		// Complaints.
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN substantiated = 1 THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN substantiated = 0 THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN substantiated IS NULL THEN 1 ELSE 0 END), 0)
			FROM complaints WHERE created_at >= ? AND created_at < ?`, a, b).Scan(
			&r.Complaints, &r.Substantiated, &r.Unsubstantiated, &r.Undecided); err != nil {
			return err
		}
		got, err := counts(ctx, tx, `SELECT status, status, count(*) FROM complaints WHERE created_at >= ? AND created_at < ?
			GROUP BY status`, a, b)
		if err != nil {
			return err
		}
		r.ComplaintsByStatus = ordered(got, complaintStatusOrder,
			func(k string) string { return ComplaintStatus{Status: k}.StatusLabel() })

		// Ratings.
		if got, err = counts(ctx, tx, `SELECT level, level, count(*) FROM ratings WHERE at >= ? AND at < ? GROUP BY level`,
			a, b); err != nil {
			return err
		}
		r.countRatings(got)

		r.People, err = people(ctx, tx, a, b, dayA, dayB, reg.byOwner, ownerOnTime)
		return err
	})
	return r, err
}

// breakDown fills in the registrations of the period: their number and
// their counts by item, mode, status, channel and window (requests without
// a window last).
func (r *Report) breakDown(ctx context.Context, tx *sql.Tx, reg registeredCounts) error {
	r.Requests = reg.total
	var err error
	if r.ByItem, err = itemCounts(ctx, tx, reg.byItem); err != nil {
		return err
	}
	var modes []string
	for _, m := range Modes {
		modes = append(modes, string(m))
	}
	r.ByMode = ordered(reg.byMode, modes, func(k string) string { return Mode(k).Label() })
	var statuses []string
	for _, st := range statusOrder {
		statuses = append(statuses, string(st))
	}
	r.ByStatus = ordered(reg.byStatus, statuses, func(k string) string { return Status(k).Label() })
	r.ByChannel = ordered(reg.byChannel, []string{string(ChannelKiosk), string(ChannelWindow), string(ChannelPhone)},
		func(k string) string { return Channel(k).Label() })
	windows, err := listWindows(ctx, tx)
	if err != nil {
		return err
	}
	for _, w := range windows {
		r.ByWindow = append(r.ByWindow, Count{Key: w.Code, Label: w.Name, N: reg.byWindow[w.ID]})
		delete(reg.byWindow, w.ID)
	}
	if n := reg.byWindow[0]; n > 0 {
		r.ByWindow = append(r.ByWindow, Count{Key: "", Label: "未分配窗口", N: n})
	}
	return nil
}

// countOnTime counts a request finished on finDay with a due day: overall,
// on its day, and for its 首问 owner (0: none) in ownerOnTime.
func (r *Report) countOnTime(finDay, due string, owner int64, ownerOnTime map[int64]*Ratio) {
	onTime := finDay <= due
	r.OnTime.Of++
	day := r.DailyOnTime[finDay]
	day.Of++
	if onTime {
		r.OnTime.N++
		day.N++
	}
	r.DailyOnTime[finDay] = day
	if owner != 0 {
		o := ownerOnTime[owner]
		if o == nil {
			o = &Ratio{}
			ownerOnTime[owner] = o
		}
		o.Of++
		if onTime {
			o.N++
		}
	}
}

// countRatings fills in the ratings of the period from their counts by
// level: best first, their number, and the share of 满意 and 非常满意.
func (r *Report) countRatings(byLevel []Count) {
	r.Ratings = ordered(byLevel, []string{"5", "4", "3", "2", "1"}, func(k string) string {
		var level int
		fmt.Sscan(k, &level)
		return RatingLabel(level)
	})
	for _, c := range r.Ratings {
		r.RatingCount += c.N
		if c.Key == "5" || c.Key == "4" {
			r.Satisfied.N += c.N
		}
	}
	r.Satisfied.Of = r.RatingCount
}

// people computes the per-person figures: every active staff member, and
// inactive ones with anything in the period.
func people(ctx context.Context, tx *sql.Tx, a, b, dayA, dayB string, owned map[int64]int,
	onTime map[int64]*Ratio) ([]PersonReport, error) {
	// Sessions held with a roll-call, as StudyRecord counts them: a session
	// planned or not yet called counts for nobody.
	var sessions int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM study_sessions s WHERE s.day >= ? AND s.day < ?
		AND EXISTS (SELECT 1 FROM study_attendance x WHERE x.session_id = s.id)`, dayA, dayB).
		Scan(&sessions); err != nil {
		return nil, err
	}
	all, err := queryRows(ctx, tx, func(p *PersonReport) []any {
		return []any{&p.StaffID, &p.Code, &p.Name, &p.Active, &p.AttendanceDays, &p.Study.N, &p.Complaints,
			&p.Substantiated, &p.Accountability}
	}, `SELECT s.id, s.code, s.name, s.active,
		(SELECT count(*) FROM attendance t WHERE t.staff_id = s.id AND t.sign_in != '' AND t.day >= ? AND t.day < ?),
		(SELECT count(*) FROM study_attendance x JOIN study_sessions y ON y.id = x.session_id
			WHERE x.staff_id = s.id AND x.present = 1 AND y.day >= ? AND y.day < ?),
		(SELECT count(*) FROM complaints c WHERE c.staff_id = s.id AND c.created_at >= ? AND c.created_at < ?),
		(SELECT count(*) FROM complaints c WHERE c.staff_id = s.id AND c.substantiated = 1
			AND c.created_at >= ? AND c.created_at < ?),
		(SELECT count(*) FROM accountability e WHERE e.staff_id = s.id AND e.at >= ? AND e.at < ?)
		FROM staff s ORDER BY s.ord, s.id`, dayA, dayB, dayA, dayB, a, b, a, b, a, b)
	if err != nil {
		return nil, err
	}
	var out []PersonReport
	for _, p := range all {
		p.FirstOwned = owned[p.StaffID]
		if o := onTime[p.StaffID]; o != nil {
			p.OnTime = *o
		}
		p.Study.Of = sessions
		if !p.Active && p.FirstOwned == 0 && p.OnTime.Of == 0 && p.AttendanceDays == 0 && p.Study.N == 0 &&
			p.Complaints == 0 && p.Accountability == 0 {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// registeredCounts is the requests registered in the period, counted every
// way the report breaks them down.
type registeredCounts struct {
	total     int
	byItem    map[int64]int
	byMode    []Count
	byStatus  []Count
	byChannel []Count
	byWindow  map[int64]int // 0: no window
	byOwner   map[int64]int // 首问 (first owner)
	byDay     map[string]int
}

// registered reads the period's requests in one pass over the created_at
// index, grouped by every key at once (a few hundred groups), and adds the
// groups up in Go: one visit per row instead of one per breakdown.
func registered(ctx context.Context, tx *sql.Tx, a, b string) (registeredCounts, error) {
	c := registeredCounts{byItem: map[int64]int{}, byWindow: map[int64]int{}, byOwner: map[int64]int{},
		byDay: map[string]int{}}
	rows, err := tx.QueryContext(ctx, `SELECT item_id, mode, status, channel, coalesce(window_id, 0),
		coalesce(first_owner_id, 0), date(created_at, '+8 hours'), count(*)
		FROM requests WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2, 3, 4, 5, 6, 7`, a, b)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	mode, status, channel := map[string]int{}, map[string]int{}, map[string]int{}
	for rows.Next() {
		var item, window, owner int64
		var m, st, ch, day string
		var n int
		if err := rows.Scan(&item, &m, &st, &ch, &window, &owner, &day, &n); err != nil {
			return c, err
		}
		c.total += n
		c.byItem[item] += n
		mode[m] += n
		status[st] += n
		channel[ch] += n
		c.byWindow[window] += n
		if owner != 0 {
			c.byOwner[owner] += n
		}
		c.byDay[day] += n
	}
	for k, n := range mode {
		c.byMode = append(c.byMode, Count{Key: k, N: n})
	}
	for k, n := range status {
		c.byStatus = append(c.byStatus, Count{Key: k, N: n})
	}
	for k, n := range channel {
		c.byChannel = append(c.byChannel, Count{Key: k, N: n})
	}
	return c, rows.Err()
}

// itemCounts names the items counted, most requests first (ties in
// display order).
func itemCounts(ctx context.Context, tx *sql.Tx, byItem map[int64]int) ([]Count, error) {
	type row struct {
		Count
		ord int
		id  int64
	}
	var out []row
	for id, n := range byItem {
		x := row{Count: Count{N: n}, id: id}
		if err := tx.QueryRowContext(ctx, `SELECT code, name, ord FROM items WHERE id = ?`, id).
			Scan(&x.Key, &x.Label, &x.ord); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		if out[i].ord != out[j].ord {
			return out[i].ord < out[j].ord
		}
		return out[i].id < out[j].id
	})
	cs := make([]Count, len(out))
	for i, x := range out {
		cs[i] = x.Count
	}
	return cs, nil
}

// daily is the series of registrations and finishes per China day, for
// every day of the period (zeros included, so a line chart has no gaps),
// widened to any day with a count (a period starting within a day).
func daily(reg, fin map[string]int, dayA, dayB string) []DayCount {
	first, last := dayA, dayB
	for _, m := range []map[string]int{reg, fin} {
		for d := range m {
			if d < first {
				first = d
			}
			if d >= last {
				last = nextDay(d)
			}
		}
	}
	var out []DayCount
	for d := first; d < last; d = nextDay(d) {
		out = append(out, DayCount{Day: d, Registered: reg[d], Finished: fin[d]})
	}
	return out
}

func nextDay(d string) string {
	t, err := ParseDay(d)
	if err != nil {
		return "9999-12-31"
	}
	return Day(t.AddDate(0, 0, 1))
}

// dayRange is the days whose midnight (China) is in [from, to): the first
// day and the day after the last.
func dayRange(from, to time.Time) (string, string) {
	first := dayTime(dayNum(from))
	if first.Before(from) {
		first = first.AddDate(0, 0, 1)
	}
	end := dayTime(dayNum(to))
	if end.Before(to) {
		end = end.AddDate(0, 0, 1)
	}
	return Day(first), Day(end)
}

// counts reads the (key, label, n) rows of q.
func counts(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]Count, error) {
	return queryRows(ctx, tx, func(c *Count) []any { return []any{&c.Key, &c.Label, &c.N} }, q, args...)
}

// ordered puts counts in the order of keys, with zeros for keys absent, and
// any key not listed after them (by key).
func ordered(got []Count, keys []string, label func(string) string) []Count {
	n := map[string]int{}
	for _, c := range got {
		n[c.Key] += c.N
	}
	out := make([]Count, 0, len(keys))
	listed := map[string]bool{}
	for _, k := range keys {
		out = append(out, Count{Key: k, Label: label(k), N: n[k]})
		listed[k] = true
	}
	var extra []string
	for k := range n {
		if !listed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		out = append(out, Count{Key: k, Label: label(k), N: n[k]})
	}
	return out
}
