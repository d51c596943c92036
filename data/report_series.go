package data

// A report's time series (the report's line charts): requests
// registered, finished and the on-time rate over the period, per day for a
// period of up to two months, per week up to half a year and per month
// beyond; and the any-day period an administrator picks.

import (
	"fmt"
	"time"
)

// SeriesStep is the length of one point of a time series.
type SeriesStep string

// The steps of a series.
const (
	StepDay   SeriesStep = "day"
	StepWeek  SeriesStep = "week"
	StepMonth SeriesStep = "month"
)

// Label names the step in Chinese ("按日"), for the report's tables and
// spreadsheet, which are Chinese (any step but a week or a month is a
// day); screens show the word from the translations.
func (s SeriesStep) Label() string {
	if l, ok := seriesStepLabels[s]; ok {
		return l
	}
	return seriesStepLabels[StepDay]
}

var seriesStepLabels = map[SeriesStep]string{StepDay: "按日", StepWeek: "按周", StepMonth: "按月"}

// Series step limits: a period of up to MaxDailyPoints days is drawn per
// day, up to MaxWeeklyDays per week, longer ones per month.
const (
	MaxDailyPoints = 62
	MaxWeeklyDays  = 190
)

// MaxReportYears is the longest period a report may cover.
const MaxReportYears = 3

// SeriesPoint is one point of a series: the days First…Last (YYYY-MM-DD,
// China) and what happened in them.
type SeriesPoint struct {
	Label       string // short, for an axis: "11-02" (day, week's first day), "2026-11" (month)
	First, Last string
	Registered  int
	Finished    int
	OnTime      Ratio // of the requests finished in it that had a due day
}

// Series is a report's time series.
type Series struct {
	Step   SeriesStep
	Points []SeriesPoint
}

// StepFor is the step of a series of n days.
func StepFor(days int) SeriesStep {
	switch {
	case days <= MaxDailyPoints:
		return StepDay
	case days <= MaxWeeklyDays:
		return StepWeek
	}
	return StepMonth
}

// Series is the report's time series (see BuildSeries).
func (r *Report) Series() Series { return BuildSeries(r.Daily, r.DailyOnTime) }

// BuildSeries groups a daily series (consecutive days, as Report.Daily)
// into points: one per day for up to MaxDailyPoints days, per week (Monday
// to Sunday, the first and last weeks cut to the period) up to
// MaxWeeklyDays, per calendar month (cut likewise) beyond. onTime is the
// on-time rate of each day's finishes (Report.DailyOnTime; nil for none).
func BuildSeries(daily []DayCount, onTime map[string]Ratio) Series {
	s := Series{Step: StepFor(len(daily))}
	var cur *SeriesPoint
	key := ""
	for _, d := range daily {
		t, err := ParseDay(d.Day)
		if err != nil {
			continue
		}
		k, label := d.Day, t.Format("01-02")
		switch s.Step {
		case StepWeek:
			monday := t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
			k = Day(monday)
		case StepMonth:
			k, label = t.Format("2006-01"), t.Format("2006-01")
		}
		if cur == nil || k != key {
			s.Points = append(s.Points, SeriesPoint{Label: label, First: d.Day})
			cur, key = &s.Points[len(s.Points)-1], k
		}
		cur.Last = d.Day
		cur.Registered += d.Registered
		cur.Finished += d.Finished
		o := onTime[d.Day]
		cur.OnTime.N += o.N
		cur.OnTime.Of += o.Of
	}
	return s
}

// Table is the series as a report table: one row per point with its days,
// the counts and the on-time rate.
func (s Series) Table() ReportTable {
	t := ReportTable{Name: s.Step.Label() + "统计", Header: []string{"日期", "登记件数", "办结件数", "按期办结率"}}
	switch s.Step {
	case StepWeek:
		t.Header[0] = "周（起止日期）"
	case StepMonth:
		t.Header[0] = "月份（起止日期）"
	}
	for _, p := range s.Points {
		when := p.First
		if p.Last != p.First {
			when = p.First + " 至 " + p.Last
		}
		t.Rows = append(t.Rows, []any{when, p.Registered, p.Finished, p.OnTime})
	}
	return t
}

// DisplayTables are the report's tables in Chinese, with the daily one
// replaced by the series (per day, week or month). The staff screens and the
// printed report word the same tables in the UI's language (ui/staff
// reportTables, checked equal to these in Chinese).
func (r *Report) DisplayTables() []ReportTable {
	ts := r.Tables()
	for i, t := range ts {
		if t.Name == "每日" {
			ts[i] = r.Series().Table()
		}
	}
	return ts
}

// DayPeriod is the period of whole days first…last (any time in each, China
// time): [first 00:00, the day after last 00:00). Last before first, or a
// span of more than MaxReportYears years, is refused with a message.
func DayPeriod(first, last time.Time) (from, to time.Time, err error) {
	from, to = dayTime(dayNum(first)), dayTime(dayNum(last)).AddDate(0, 0, 1)
	if !to.After(from) {
		return from, to, Invalid("to", fmt.Sprintf("结束日期（%s）早于开始日期（%s），请重新选择。",
			dateZH(last), dateZH(first))).keyed("data.report.order", map[string]any{"From": Day(first), "To": Day(last)})
	}
	if to.After(from.AddDate(MaxReportYears, 0, 0)) {
		return from, to, Invalid("to", fmt.Sprintf("统计期间最长%d年，请缩短期间后再统计。", MaxReportYears)).
			keyed("data.report.years", map[string]any{"Max": MaxReportYears})
	}
	return from, to, nil
}

// dateZH is a day as "2026年3月5日" (China).
func dateZH(t time.Time) string {
	t = t.In(China)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
