package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalendarDayNamesHolidaysAndSwappedDays(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	require.NoError(t, s.PutCalendarDays(ctx, OfficialCalendarDays()))
	tests := map[string]struct {
		at   time.Time
		want CalendarDay
		err  error
	}{
		"Holiday":         {time.Date(2026, 10, 5, 10, 0, 0, 0, China), CalendarDay{"2026-10-05", "holiday", "国庆节"}, nil},
		"HolidayWeekend":  {time.Date(2026, 10, 3, 23, 59, 0, 0, China), CalendarDay{"2026-10-03", "holiday", "国庆节"}, nil},
		"SwappedWorkday":  {time.Date(2026, 10, 10, 9, 0, 0, 0, China), CalendarDay{"2026-10-10", "workday", "国庆节调休上班"}, nil},
		"ChinaDateOfUTC":  {time.Date(2026, 9, 30, 17, 0, 0, 0, time.UTC), CalendarDay{"2026-10-01", "holiday", "国庆节"}, nil},
		"ErrNotFoundDay":  {time.Date(2026, 11, 26, 9, 0, 0, 0, China), CalendarDay{}, ErrNotFound},
		"ErrNotFoundWeek": {time.Date(2026, 11, 28, 9, 0, 0, 0, China), CalendarDay{}, ErrNotFound},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			d, err := s.CalendarDay(ctx, tc.at)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, d)
		})
	}
}
