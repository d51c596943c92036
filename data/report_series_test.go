package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// days is a daily series from first for n days, with registrations and
// finishes given per day offset (the rest zero).
func days(first string, n int, reg, fin map[int]int) []DayCount {
	t, err := ParseDay(first)
	if err != nil {
		panic(err)
	}
	out := make([]DayCount, n)
	for i := range out {
		out[i] = DayCount{Day: Day(t.AddDate(0, 0, i)), Registered: reg[i], Finished: fin[i]}
	}
	return out
}

func TestBuildSeries(t *testing.T) {
	onTime := map[string]Ratio{"2026-11-03": {1, 2}, "2026-11-04": {1, 1}, "2026-11-10": {0, 1},
		"2026-12-31": {2, 2}, "2027-01-01": {0, 1}}
	tests := map[string]struct {
		daily []DayCount
		step  SeriesStep
		want  []SeriesPoint
	}{
		"Empty": {daily: nil, step: StepDay},
		"DaysOfAWeek": {
			// Mon 11-02 … Wed 11-04.
			daily: days("2026-11-02", 3, map[int]int{0: 2, 2: 1}, map[int]int{1: 2, 2: 1}),
			step:  StepDay,
			want: []SeriesPoint{
				{Label: "11-02", First: "2026-11-02", Last: "2026-11-02", Registered: 2},
				{Label: "11-03", First: "2026-11-03", Last: "2026-11-03", Finished: 2, OnTime: Ratio{1, 2}},
				{Label: "11-04", First: "2026-11-04", Last: "2026-11-04", Registered: 1, Finished: 1, OnTime: Ratio{1, 1}},
			},
		},
		"SixtyTwoDaysStillDaily": {
			daily: days("2026-11-01", 62, nil, nil),
			step:  StepDay,
		},
		"WeeksCutToThePeriod": {
			// Thu 2026-10-01 for 70 days (to Wed 12-09): the first week is
			// Thu–Sun 10-01…10-04, then Mondays 10-05 … 12-07 (Mon–Wed).
			daily: days("2026-10-01", 70, map[int]int{0: 1, 3: 2, 4: 5, 33: 1, 69: 4},
				map[int]int{33: 2, 40: 1}),
			step: StepWeek,
		},
		"MonthsCutToThePeriod": {
			// 2026-11-15 … 2027-06-14: Nov (16 days), Dec … May, Jun (14 days).
			daily: days("2026-11-15", 212, map[int]int{0: 1, 15: 1, 16: 3, 46: 1, 47: 2, 211: 7},
				map[int]int{46: 2, 47: 1}),
			step: StepMonth,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := BuildSeries(tc.daily, onTime)
			assert.Equal(t, tc.step, s.Step)
			switch name {
			case "SixtyTwoDaysStillDaily":
				require.Len(t, s.Points, 62)
				assert.Equal(t, "12-31", s.Points[60].Label)
			case "WeeksCutToThePeriod":
				require.Len(t, s.Points, 11)
				assert.Equal(t, SeriesPoint{Label: "10-01", First: "2026-10-01", Last: "2026-10-04", Registered: 3},
					s.Points[0])
				assert.Equal(t, SeriesPoint{Label: "10-05", First: "2026-10-05", Last: "2026-10-11", Registered: 5},
					s.Points[1])
				// Day 33 is Tue 11-03, day 40 Tue 11-10: the weeks of 11-02 and 11-09.
				assert.Equal(t, SeriesPoint{Label: "11-02", First: "2026-11-02", Last: "2026-11-08", Registered: 1,
					Finished: 2, OnTime: Ratio{2, 3}}, s.Points[5])
				assert.Equal(t, SeriesPoint{Label: "11-09", First: "2026-11-09", Last: "2026-11-15", Finished: 1,
					OnTime: Ratio{0, 1}}, s.Points[6])
				assert.Equal(t, SeriesPoint{Label: "12-07", First: "2026-12-07", Last: "2026-12-09", Registered: 4},
					s.Points[10])
			case "MonthsCutToThePeriod":
				require.Len(t, s.Points, 8)
				assert.Equal(t, SeriesPoint{Label: "2026-11", First: "2026-11-15", Last: "2026-11-30", Registered: 2},
					s.Points[0])
				// Day 46 is 12-31, day 47 2027-01-01.
				assert.Equal(t, SeriesPoint{Label: "2026-12", First: "2026-12-01", Last: "2026-12-31", Registered: 4,
					Finished: 2, OnTime: Ratio{2, 2}}, s.Points[1])
				assert.Equal(t, SeriesPoint{Label: "2027-01", First: "2027-01-01", Last: "2027-01-31", Registered: 2,
					Finished: 1, OnTime: Ratio{0, 1}}, s.Points[2])
				assert.Equal(t, SeriesPoint{Label: "2027-06", First: "2027-06-01", Last: "2027-06-14", Registered: 7},
					s.Points[7])
			default:
				assert.Equal(t, tc.want, s.Points)
			}
			// Nothing is lost in the grouping.
			reg, fin := 0, 0
			for _, d := range tc.daily {
				reg, fin = reg+d.Registered, fin+d.Finished
			}
			for _, p := range s.Points {
				reg, fin = reg-p.Registered, fin-p.Finished
			}
			assert.Equal(t, [2]int{0, 0}, [2]int{reg, fin})
		})
	}
}

func TestStepFor(t *testing.T) {
	tests := map[string]struct {
		days int
		want SeriesStep
	}{
		"OneDay": {1, StepDay}, "TwoMonths": {62, StepDay}, "SixtyThree": {63, StepWeek},
		"HalfYear": {190, StepWeek}, "Longer": {191, StepMonth}, "ThreeYears": {1096, StepMonth},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { assert.Equal(t, tc.want, StepFor(tc.days)) })
	}
}

// TestReportSeries checks the series of the November fixture (see
// TestReport): per day, with the on-time rate of each day's finishes.
func TestReportSeries(t *testing.T) {
	s := reportFixture(t)
	from, to := MonthPeriod(2026, time.November)
	r, err := s.Report(context.Background(), from, to)
	require.NoError(t, err)
	// Finishes with a due day: R3 11-04 on time, R8 11-05 on time, R2 11-12
	// late (R7 registered that day), R1 11-13 on time, R12 11-19 late; R11
	// (11-26) has none.
	assert.Equal(t, map[string]Ratio{"2026-11-04": {1, 1}, "2026-11-05": {1, 1}, "2026-11-12": {0, 1},
		"2026-11-13": {1, 1}, "2026-11-19": {0, 1}}, r.DailyOnTime)
	sr := r.Series()
	assert.Equal(t, StepDay, sr.Step)
	require.Len(t, sr.Points, 30)
	assert.Equal(t, SeriesPoint{Label: "11-05", First: "2026-11-05", Last: "2026-11-05", Registered: 1, Finished: 1,
		OnTime: Ratio{1, 1}}, sr.Points[4])
	assert.Equal(t, SeriesPoint{Label: "11-26", First: "2026-11-26", Last: "2026-11-26", Finished: 1}, sr.Points[25])

	tables := r.DisplayTables()
	require.Len(t, tables, len(r.Tables()))
	assert.Equal(t, "按日统计", tables[6].Name)
	assert.Equal(t, []any{"2026-11-12", 1, 1, Ratio{0, 1}}, tables[6].Rows[11])

	// The whole year 2026: per month, November holding all of the month's.
	yr, err := s.Report(context.Background(), cst(1, 1, 0, 0), cst(1, 1, 0, 0).AddDate(1, 0, 0))
	require.NoError(t, err)
	ys := yr.Series()
	assert.Equal(t, StepMonth, ys.Step)
	require.Len(t, ys.Points, 12)
	assert.Equal(t, SeriesPoint{Label: "2026-11", First: "2026-11-01", Last: "2026-11-30", Registered: 10,
		Finished: 6, OnTime: Ratio{3, 5}}, ys.Points[10])
	assert.Equal(t, "月份（起止日期）", ys.Table().Header[0])
	assert.Equal(t, "2026-10-01 至 2026-10-31", ys.Table().Rows[9][0])
}

func TestDayPeriod(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 20, 0, 0, China) }
	tests := map[string]struct {
		first, last time.Time
		from, to    string // days
		err         string
	}{
		"OK":        {first: day(2026, 3, 1), last: day(2026, 4, 15), from: "2026-03-01", to: "2026-04-16"},
		"OneDay":    {first: day(2026, 3, 5), last: day(2026, 3, 5), from: "2026-03-05", to: "2026-03-06"},
		"ThreeYear": {first: day(2024, 1, 1), last: day(2026, 12, 31), from: "2024-01-01", to: "2027-01-01"},
		"ErrToBeforeFrom": {first: day(2026, 3, 5), last: day(2026, 3, 4),
			err: "结束日期（2026年3月4日）早于开始日期（2026年3月5日），请重新选择。"},
		"ErrTooLong": {first: day(2024, 1, 1), last: day(2027, 1, 1), err: "统计期间最长3年，请缩短期间后再统计。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			from, to, err := DayPeriod(tc.first, tc.last)
			if tc.err != "" {
				require.ErrorIs(t, err, ErrInvalid)
				assert.Equal(t, tc.err, Message(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.from, Day(from))
			assert.Equal(t, tc.to, Day(to))
			assert.True(t, from.Equal(dayTime(dayNum(from))), "midnight")
		})
	}
}
