package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOfficeHoursAcrossHolidayAndSwappedDay(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	require.NoError(t, s.PutCalendarDays(ctx, OfficialCalendarDays()))
	cal, err := s.Calendar(ctx)
	require.NoError(t, err)

	var hours []OfficeHours
	for wd := time.Monday; wd <= time.Friday; wd++ {
		hours = append(hours, OfficeHours{wd, "08:30", "12:00"}, OfficeHours{wd, "14:30", "17:30"})
	}
	c := Center{Hours: hours}
	at := func(v string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", v, China)
		require.NoError(t, err)
		return tm
	}
	tests := map[string]struct {
		at       string
		open     bool
		nextOpen string
	}{
		"WeekdayMorning":       {"2026-11-26 09:00", true, "2026-11-26 09:00"},
		"WeekdayLunch":         {"2026-11-26 12:30", false, "2026-11-26 14:30"},
		"WeekdayEvening":       {"2026-11-26 18:00", false, "2026-11-27 08:30"},
		"Saturday":             {"2026-11-28 10:00", false, "2026-11-30 08:30"},
		"NationalDayHoliday":   {"2026-10-05 10:00", false, "2026-10-08 08:30"},
		"SwappedSaturdayWorks": {"2026-10-10 10:00", true, "2026-10-10 10:00"},
		"BeforeOpening":        {"2026-11-26 07:59", false, "2026-11-26 08:30"},
		"ClosingMinute":        {"2026-11-26 17:30", false, "2026-11-27 08:30"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.open, c.OpenAt(at(tc.at), cal))
			assert.Equal(t, at(tc.nextOpen), c.NextOpening(at(tc.at), cal))
		})
	}
	assert.Empty(t, c.HoursOn(at("2026-10-05 10:00"), cal))
	assert.Len(t, c.HoursOn(at("2026-10-10 10:00"), cal), 2)
}
