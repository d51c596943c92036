package staff

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"bianmin/data"
)

// reportTables are the report's tables as the screen and the printed
// report show them below the headline figures, in the UI's language: the
// tables of data's DisplayTables after its summary (data's stay Chinese,
// for the spreadsheet and CSV exports).
func reportTables(rep data.Report) []data.ReportTable {
	w := func(key string) string { return lang.L("report.table." + key) }
	count := func(name, what string, cs []data.Count, word func(data.Count) string, withKey string) data.ReportTable {
		t := data.ReportTable{Name: w(name), Header: []string{w(what), w("count")}}
		if withKey != "" {
			t.Header = []string{w(withKey), w(what), w("count")}
		}
		for _, c := range cs {
			if withKey != "" {
				t.Rows = append(t.Rows, []any{c.Key, word(c), c.N})
			} else {
				t.Rows = append(t.Rows, []any{word(c), c.N})
			}
		}
		return t
	}
	asIs := func(c data.Count) string { return c.Label } // item and window names: data
	complaints := count("complaints", "item", rep.ComplaintsByStatus,
		func(c data.Count) string { return complaintStatusWord(c.Key) }, "")
	complaints.Rows = append(complaints.Rows, []any{w("substantiated"), rep.Substantiated},
		[]any{w("unsubstantiated"), rep.Unsubstantiated}, []any{w("undecided"), rep.Undecided})
	people := data.ReportTable{Name: w("people"), Header: []string{w("code"), w("name"), w("firstOwned"),
		w("onTime"), w("finishedDue"), w("onTimeRate"), w("attendance"), w("studied"), w("studyHeld"),
		w("studyRate"), w("complained"), w("complaintsSubstantiated"), w("accountability")}}
	for _, p := range rep.People {
		name := p.Name
		if !p.Active {
			name = lang.L("report.table.inactive", map[string]any{"Name": p.Name})
		}
		people.Rows = append(people.Rows, []any{p.Code, name, p.FirstOwned, p.OnTime.N, p.OnTime.Of, p.OnTime,
			p.AttendanceDays, p.Study.N, p.Study.Of, p.Study, p.Complaints, p.Substantiated, p.Accountability})
	}
	return []data.ReportTable{
		count("byItem", "itemName", rep.ByItem, asIs, "itemCode"),
		count("byMode", "mode", rep.ByMode, func(c data.Count) string { return modeWord(data.Mode(c.Key)) }, ""),
		count("byStatus", "status", rep.ByStatus, func(c data.Count) string { return lang.L("report.status." + c.Key) }, ""),
		count("byWindow", "window", rep.ByWindow, asIs, "windowCode"),
		count("byChannel", "channel", rep.ByChannel,
			func(c data.Count) string { return channelWord(data.Channel(c.Key)) }, ""),
		seriesTable(rep.Series()),
		complaints,
		count("ratings", "level", rep.Ratings, ratingCountWord, ""),
		people,
	}
}

// ratingCountWord is a rating level's bar or row ("5" very satisfied … "1").
func ratingCountWord(c data.Count) string {
	level, err := strconv.Atoi(c.Key)
	if err != nil {
		return c.Key
	}
	return ratingWord(level)
}

// ratingCounts are the rating counts with their words, for a chart.
func ratingCounts(cs []data.Count) []data.Count {
	out := make([]data.Count, len(cs))
	for i, c := range cs {
		out[i] = c
		out[i].Label = ratingCountWord(c)
	}
	return out
}

// seriesTable is the series as a table: one row per point with its days,
// the counts and the on-time rate.
func seriesTable(s data.Series) data.ReportTable {
	w := func(key string) string { return lang.L("report.table." + key) }
	t := data.ReportTable{Name: lang.L("report.table.series", map[string]any{"Step": stepWord(s.Step)}),
		Header: []string{w("when." + string(s.Step)), w("registered"), w("finished"), w("onTimeRate")}}
	for _, p := range s.Points {
		when := p.First
		if p.Last != p.First {
			when = lang.L("report.custom.days", map[string]any{"From": p.First, "To": p.Last})
		}
		t.Rows = append(t.Rows, []any{when, p.Registered, p.Finished, p.OnTime})
	}
	return t
}

// periodWords is the report's period: "2026-11-01 to 2026-11-30" for whole
// days, with times when it starts or ends within a day.
func periodWords(rep data.Report) string {
	from, to := rep.From.In(data.China), rep.To.In(data.China)
	midnight := func(t time.Time) bool {
		return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
	}
	if midnight(from) && midnight(to) {
		return lang.L("report.custom.days", map[string]any{"From": from.Format("2006-01-02"),
			"To": to.AddDate(0, 0, -1).Format("2006-01-02")})
	}
	return lang.L("report.custom.days", map[string]any{"From": from.Format("2006-01-02 15:04"),
		"To": to.Format("2006-01-02 15:04")})
}
