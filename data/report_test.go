package data

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cst is a time in China.
func cst(m time.Month, d, hh, mm int) time.Time { return time.Date(2026, m, d, hh, mm, 0, 0, China) }

// ts is a time as stored ("" for the zero time).
func ts(t time.Time) string { return formatTime(t) }

type fixtureRequest struct {
	name                       string
	item, mode, channel, state string
	created, accepted, fin     time.Time
	due                        string
	firstOwner, window         string // staff code, window code
}

// reportFixture is November 2026 at a service room with two staff, built
// row by row with known answers (see TestReport). The calendar is plain
// Monday–Friday for November (the catalog's only holiday is 10-01).
func reportFixture(t *testing.T) *Store {
	t.Helper()
	s := seeded(t)
	ctx := context.Background()
	exec := func(q string, args ...any) int64 {
		t.Helper()
		res, err := s.db.ExecContext(ctx, q, args...)
		require.NoError(t, err, q)
		id, err := res.LastInsertId()
		require.NoError(t, err)
		return id
	}
	id := func(table, code string) any {
		if code == "" {
			return nil
		}
		var id int64
		require.NoError(t, s.db.QueryRow(`SELECT id FROM `+table+` WHERE code = ?`, code).Scan(&id))
		return id
	}
	exec(`INSERT INTO staff (code, name, post, active) VALUES ('s3', '赵离', '已调离', 0)`)

	zero := time.Time{}
	reqs := []fixtureRequest{
		{"R1", "DB", "joint", "kiosk", "finished", cst(11, 2, 9, 0), cst(11, 2, 10, 0), cst(11, 13, 15, 0), "2026-11-16", "s1", "2"},
		{"R2", "DB", "joint", "window", "finished", cst(11, 3, 9, 0), cst(11, 3, 9, 30), cst(11, 12, 10, 0), "2026-11-10", "s2", "2"},
		{"R3", "YB", "direct", "window", "finished", cst(11, 4, 10, 0), cst(11, 4, 10, 0), cst(11, 4, 10, 5), "2026-11-04", "s1", "1"},
		{"R4", "JZZ", "upper", "kiosk", "escalated", cst(11, 5, 14, 0), cst(11, 6, 9, 0), zero, "2026-11-20", "s2", "1"},
		{"R5", "JZZ", "promise", "kiosk", "submitted", cst(11, 10, 9, 0), zero, zero, "", "", "1"},
		{"R6", "DB", "joint", "phone", "waiting", cst(11, 11, 11, 0), cst(11, 11, 11, 30), zero, "", "s1", "2"},
		{"R7", "YB", "direct", "kiosk", "refused", cst(11, 12, 9, 0), zero, cst(11, 12, 9, 30), "", "s2", "1"},
		{"R8", "JZZ", "promise", "kiosk", "finished", cst(10, 28, 9, 0), cst(10, 28, 10, 0), cst(11, 5, 16, 0), "2026-11-11", "s1", "1"},
		{"R9", "YB", "direct", "kiosk", "submitted", cst(11, 30, 23, 30), zero, zero, "", "", "1"},
		{"R10", "YB", "direct", "kiosk", "submitted", cst(12, 1, 0, 0), zero, zero, "", "", "1"},
		{"R11", "JZZ", "upper", "phone", "finished", cst(11, 16, 9, 0), cst(11, 16, 9, 30), cst(11, 26, 10, 0), "", "s1", "1"},
		{"R12", "DB", "joint", "window", "finished", cst(11, 9, 9, 0), cst(11, 9, 9, 0), cst(11, 19, 7, 0), "2026-11-18", "s2", "2"},
	}
	rid := map[string]int64{}
	for i, r := range reqs {
		rid[r.name] = exec(`INSERT INTO requests (receipt_no, query_code, token, item_id, item_version, channel, status,
			mode, applicant_name, created_at, accepted_at, finished_at, due_day, first_owner_id, owner_id, window_id)
			VALUES (?, 'ABCDEF', ?, ?, 1, ?, ?, ?, '张三', ?, ?, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("TS-%d", i), fmt.Sprintf("tok%d", i), id("items", r.item), r.channel, r.state, r.mode,
			ts(r.created), ts(r.accepted), ts(r.fin), r.due, id("staff", r.firstOwner), id("staff", r.firstOwner),
			id("windows", r.window))
	}

	// 补正: two notices in November for R6, the second a breach; one in October.
	exec(`INSERT INTO supplements (request_id, at, materials) VALUES (?, ?, '[]')`, rid["R6"], ts(cst(11, 11, 14, 0)))
	exec(`INSERT INTO supplements (request_id, at, materials, second_reason) VALUES (?, ?, '[]', '上级新要求')`,
		rid["R6"], ts(cst(11, 13, 10, 0)))
	exec(`INSERT INTO supplements (request_id, at, materials, second_reason) VALUES (?, ?, '[]', '漏告知')`,
		rid["R8"], ts(cst(10, 29, 10, 0)))

	// Complaints: three in November, one in October.
	complaint := func(code, about, staff, window, status string, substantiated any, at time.Time) int64 {
		return exec(`INSERT INTO complaints (code, query_code, token, channel, about, staff_id, window_id, body, status,
			substantiated, created_at) VALUES (?, 'ABCDEF', ?, 'kiosk', ?, ?, ?, '态度不好，请处理', ?, ?, ?)`,
			code, "c"+code, about, id("staff", staff), id("windows", window), status, substantiated, ts(at))
	}
	c1 := complaint("C1", "staff", "s2", "", "closed", 1, cst(11, 5, 11, 0))
	complaint("C2", "window", "", "1", "investigating", nil, cst(11, 20, 15, 0))
	complaint("C3", "staff", "s2", "", "answered", 0, cst(11, 25, 9, 0))
	c4 := complaint("C4", "staff", "s1", "", "closed", 1, cst(10, 20, 9, 0))

	// Ratings: five in November, one in December.
	for _, x := range []struct {
		req   string
		level int
		at    time.Time
	}{{"R1", 5, cst(11, 13, 16, 0)}, {"R2", 2, cst(11, 12, 11, 0)}, {"R3", 4, cst(11, 4, 10, 10)},
		{"R8", 5, cst(11, 5, 17, 0)}, {"R12", 3, cst(11, 19, 8, 0)}, {"R11", 1, cst(12, 1, 10, 0)}} {
		exec(`INSERT INTO ratings (request_id, level, at) VALUES (?, ?, ?)`, rid[x.req], x.level, ts(x.at))
	}

	// Attendance.
	for _, x := range []struct{ staff, day, in string }{
		{"s1", "2026-11-02", "x"}, {"s1", "2026-11-03", "x"}, {"s1", "2026-11-04", "x"}, {"s1", "2026-10-30", "x"},
		{"s1", "2026-11-05", ""}, // a row without a sign-in (on leave) is not a day present
		{"s2", "2026-11-02", "x"}, {"s2", "2026-11-30", "x"}, {"s2", "2026-12-01", "x"},
	} {
		in := ""
		if x.in != "" {
			in = ts(cst(11, 2, 8, 30))
		}
		exec(`INSERT INTO attendance (staff_id, day, sign_in) VALUES (?, ?, ?)`, id("staff", x.staff), x.day, in)
	}

	// Study: two sessions in November, one in October.
	st1 := exec(`INSERT INTO study_sessions (day, topic, kind) VALUES ('2026-11-10', '学习便民服务制度', 'monthly')`)
	st2 := exec(`INSERT INTO study_sessions (day, topic, kind) VALUES ('2026-11-24', '业务培训', 'training')`)
	st3 := exec(`INSERT INTO study_sessions (day, topic, kind) VALUES ('2026-10-15', '十月学习', 'monthly')`)
	for _, x := range []struct {
		session int64
		staff   string
		present int
	}{{st1, "s1", 1}, {st2, "s1", 1}, {st3, "s1", 1}, {st1, "s2", 1}, {st2, "s2", 0}} {
		exec(`INSERT INTO study_attendance (session_id, staff_id, present) VALUES (?, ?, ?)`, x.session, id("staff", x.staff), x.present)
	}

	// Accountability: s2 in November (C1), s1 in October (C4), s2 in October.
	exec(`INSERT INTO accountability (staff_id, complaint_id, kind, note, at) VALUES (?, ?, 'criticism', '批评教育', ?)`,
		id("staff", "s2"), c1, ts(cst(11, 6, 10, 0)))
	exec(`INSERT INTO accountability (staff_id, complaint_id, kind, note, at) VALUES (?, ?, 'criticism', '批评教育', ?)`,
		id("staff", "s1"), c4, ts(cst(10, 21, 10, 0)))
	exec(`INSERT INTO accountability (staff_id, kind, note, at) VALUES (?, 'rectify', '限期整改', ?)`,
		id("staff", "s2"), ts(cst(10, 21, 11, 0)))
	return s
}

func TestReport(t *testing.T) {
	s := reportFixture(t)
	from, to := MonthPeriod(2026, time.November)
	r, err := s.Report(context.Background(), from, to)
	require.NoError(t, err)

	// Registered in [11-01 00:00, 12-01 00:00) China time: R1–R7, R9 (23:30
	// on the 30th), R11, R12 = 10. Not R8 (October) nor R10 (12-01 00:00).
	assert.Equal(t, 10, r.Requests)
	// DB: R1 R2 R6 R12; JZZ: R4 R5 R11; YB: R3 R7 R9 (ties in catalog order).
	assert.Equal(t, []Count{{"DB", "最低生活保障申请", 4}, {"JZZ", "居住证申领", 3}, {"YB", "城乡居民基本医疗保险参保登记", 3}}, r.ByItem)
	// direct R3 R7 R9; promise R5; joint R1 R2 R6 R12; upper R4 R11.
	assert.Equal(t, []Count{{"direct", "直接办理", 3}, {"promise", "承诺办理", 1}, {"joint", "联合办理", 4},
		{"upper", "上报办理", 2}, {"assist", "协助办理", 0}, {"proxy", "代为办理", 0}}, r.ByMode)
	// submitted R5 R9; waiting R6; escalated R4; finished R1 R2 R3 R11 R12; refused R7.
	assert.Equal(t, []int{2, 0, 1, 1, 5, 1, 0}, ns(r.ByStatus))
	assert.Equal(t, "已办结", r.ByStatus[4].Label)
	// window 1: R3 R4 R5 R7 R9 R11; window 2: R1 R2 R6 R12.
	assert.Equal(t, []Count{{"1", "社会保障窗口", 6}, {"2", "民政事务窗口", 4}}, r.ByWindow)
	// kiosk R1 R4 R5 R7 R9; window R2 R3 R12; phone R6 R11.
	assert.Equal(t, []Count{{"kiosk", "自助终端", 5}, {"window", "窗口", 3}, {"phone", "电话", 2}}, r.ByChannel)

	// Finished in November: R1 R2 R3 R8 R11 R12 (R7 was refused, not finished).
	assert.Equal(t, 6, r.Finished)
	// With a due day: all but R11. On time: R1 (11-13 ≤ 11-16), R3 (same day),
	// R8 (11-05 ≤ 11-11). Late: R2 (11-12 > 11-10), R12 (07:00 on 11-19 China
	// time, which is still 11-18 in UTC, > 11-18). 3 of 5.
	assert.Equal(t, Ratio{N: 3, Of: 5}, r.OnTime)
	assert.Equal(t, "60.0%", r.OnTime.Percent())
	// Working days from acceptance to finish (the day of acceptance not counted):
	// R1 Mon 11-02 → Fri 11-13: 9; R2 Tue 11-03 → Thu 11-12: 7; R3 same day: 0;
	// R8 Wed 10-28 → Thu 11-05: 10-29, 10-30, 11-02…11-05 = 6; R11 Mon 11-16 →
	// Thu 11-26: 8; R12 Mon 11-09 → Thu 11-19: 8. 38 / 6.
	assert.Equal(t, 6, r.Handled)
	assert.InDelta(t, 38.0/6.0, r.AvgWorkdays, 1e-9)

	// 补正: R6's two November notices, the second a breach; R8's is October.
	assert.Equal(t, 2, r.Supplements)
	assert.Equal(t, 1, r.Breaches)

	// Complaints C1 (closed, substantiated), C2 (investigating, undecided),
	// C3 (answered, not substantiated); C4 is October.
	assert.Equal(t, 3, r.Complaints)
	assert.Equal(t, []Count{{"open", "已收到，等待处理", 0}, {"investigating", "正在调查核实", 1},
		{"answered", "已查明，正在答复", 1}, {"closed", "已办结", 1}}, r.ComplaintsByStatus)
	assert.Equal(t, [3]int{1, 1, 1}, [3]int{r.Substantiated, r.Unsubstantiated, r.Undecided})

	// Ratings in November: 5, 2, 4, 5, 3 (R11's 1 is December).
	assert.Equal(t, []Count{{"5", "非常满意", 2}, {"4", "满意", 1}, {"3", "基本满意", 1}, {"2", "不满意", 1},
		{"1", "非常不满意", 0}}, r.Ratings)
	assert.Equal(t, 5, r.RatingCount)
	assert.Equal(t, Ratio{N: 3, Of: 5}, r.Satisfied)

	// Per person (s3 is inactive with nothing in November: not listed).
	require.Len(t, r.People, 2)
	p1, p2 := r.People[0], r.People[1]
	assert.Equal(t, "王芳", p1.Name)
	// s1: 首问 of R1 R3 R6 R11 (registered in November); finished with a due
	// day R1 R3 R8, all on time (R11 has none); signed in 11-02, 11-03, 11-04
	// (10-30 is October, 11-05 has no sign-in); present at both November
	// sessions; no complaint in November (C4 is October); no entry.
	assert.Equal(t, PersonReport{StaffID: p1.StaffID, Code: "s1", Name: "王芳", Active: true, FirstOwned: 4,
		OnTime: Ratio{3, 3}, AttendanceDays: 3, Study: Ratio{2, 2}}, p1)
	// s2: 首问 of R2 R4 R7 R12; R2 and R12 late: 0 of 2; signed in 11-02 and
	// 11-30 (12-01 is December); present at 1 of 2 sessions; complaints C1
	// (substantiated) and C3; one accountability entry in November.
	assert.Equal(t, PersonReport{StaffID: p2.StaffID, Code: "s2", Name: "李强", Active: true, FirstOwned: 4,
		OnTime: Ratio{0, 2}, AttendanceDays: 2, Study: Ratio{1, 2}, Complaints: 2, Substantiated: 1,
		Accountability: 1}, p2)

	// The daily series: every day of November.
	require.Len(t, r.Daily, 30)
	assert.Equal(t, "2026-11-01", r.Daily[0].Day)
	assert.Equal(t, "2026-11-30", r.Daily[29].Day)
	reg, fin := 0, 0
	for _, d := range r.Daily {
		reg += d.Registered
		fin += d.Finished
	}
	assert.Equal(t, [2]int{10, 6}, [2]int{reg, fin})
	assert.Equal(t, DayCount{"2026-11-19", 0, 1}, r.Daily[18], "R12 finished on the 19th, China time")
	assert.Equal(t, DayCount{"2026-11-30", 1, 0}, r.Daily[29], "R9 at 23:30")
	assert.Equal(t, DayCount{"2026-11-05", 1, 1}, r.Daily[4], "R4 registered, R8 finished")
}

func ns(cs []Count) []int {
	var out []int
	for _, c := range cs {
		out = append(out, c.N)
	}
	return out
}

func TestReportPeriods(t *testing.T) {
	s := reportFixture(t)
	ctx := context.Background()

	_, err := s.Report(ctx, cst(11, 2, 0, 0), cst(11, 1, 0, 0))
	assert.ErrorIs(t, err, ErrInvalid)

	// A period with nothing in it: rates undefined, not 0%.
	r, err := s.Report(ctx, time.Date(2025, 1, 1, 0, 0, 0, 0, China), time.Date(2025, 2, 1, 0, 0, 0, 0, China))
	require.NoError(t, err)
	assert.Zero(t, r.Requests)
	assert.False(t, r.OnTime.Defined())
	assert.Equal(t, "—", r.OnTime.Percent())
	assert.Len(t, r.Daily, 31)

	// A period ending mid-day includes that day's records: 11-02 09:00 to
	// 11-30 12:00 has s2's sign-in on the 30th but not R9 (23:30), and starts
	// after midnight, so the 2nd's attendance (midnight before the start) is out.
	r, err = s.Report(ctx, cst(11, 2, 9, 0), cst(11, 30, 12, 0))
	require.NoError(t, err)
	assert.Equal(t, 9, r.Requests) // R1 (09:00 exactly) … R12, not R9
	assert.Equal(t, 2, r.People[0].AttendanceDays, "s1: 11-03, 11-04")
	assert.Equal(t, 1, r.People[1].AttendanceDays, "s2: 11-30")
	assert.Equal(t, "2026-11-02", r.Daily[0].Day, "the first day with a registration is shown")
}

func TestDayRange(t *testing.T) {
	for name, tc := range map[string]struct {
		from, to   time.Time
		first, end string
	}{
		"Month":    {cst(11, 1, 0, 0), cst(12, 1, 0, 0), "2026-11-01", "2026-12-01"},
		"MidDay":   {cst(11, 1, 9, 0), cst(11, 3, 9, 0), "2026-11-02", "2026-11-04"},
		"UTCInput": {time.Date(2026, 10, 31, 16, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 16, 0, 0, 0, time.UTC), "2026-11-01", "2026-11-02"},
	} {
		t.Run(name, func(t *testing.T) {
			first, end := dayRange(tc.from, tc.to)
			assert.Equal(t, [2]string{tc.first, tc.end}, [2]string{first, end})
		})
	}
}
