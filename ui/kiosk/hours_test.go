package kiosk_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

// at is a time in China.
func at(t *testing.T, v string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", v, data.China)
	require.NoError(t, err)
	return tm
}

// newCalendarRig is a kiosk at the given time whose store holds the
// official 2026 holidays and swapped working days.
func newCalendarRig(t *testing.T, now time.Time, opts kiosk.Options) *rig {
	t.Helper()
	return newCalendarRigWith(t, now, opts, testCatalog(t))
}

func newCalendarRigWith(t *testing.T, now time.Time, opts kiosk.Options, c *data.Catalog) *rig {
	t.Helper()
	r := newRigWith(t, opts, c)
	require.NoError(t, r.store.PutCalendarDays(context.Background(), data.OfficialCalendarDays()))
	*r.now = now
	r.k.Reload()
	return r
}

func TestHeaderHoursFollowTheCalendar(t *testing.T) {
	tests := map[string]struct {
		at   string
		want string
	}{
		"Weekday":         {"2026-11-26 09:00", "今日办公时间 08:30–12:00  14:30–17:30"},
		"WeekdayEvening":  {"2026-11-26 20:00", "今日办公时间 08:30–12:00  14:30–17:30"},
		"Saturday":        {"2026-11-28 10:00", "今日不对外办公"},
		"NationalDay":     {"2026-10-05 10:00", "今日休息（国庆节）"},
		"HolidayWeekend":  {"2026-10-03 10:00", "今日休息（国庆节）"},
		"SwappedSaturday": {"2026-10-10 10:00", "今日办公时间 08:30–12:00  14:30–17:30"},
		"SpringFestival":  {"2026-02-17 10:00", "今日休息（春节）"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newCalendarRig(t, at(t, tc.at), kiosk.Options{})
			assert.Equal(t, tc.want, r.k.Header.Hours.Text)
		})
	}
}

func TestHomeSaysWhenTheRoomIsClosed(t *testing.T) {
	tests := map[string]struct {
		at   string
		open bool
		next string // the next opening line
		when string // Nav.OpenNow's next
	}{
		"Open":            {"2026-03-05 09:30", true, "", ""},
		"Lunch":           {"2026-03-05 12:30", false, "下次办公：今天 14:30", "2026-03-05 14:30"},
		"Evening":         {"2026-03-05 18:00", false, "下次办公：明天（3月6日 星期五）08:30", "2026-03-06 08:30"},
		"FridayEvening":   {"2026-03-06 18:00", false, "下次办公：3月9日 星期一 08:30", "2026-03-09 08:30"},
		"EarlyMorning":    {"2026-03-05 07:00", false, "下次办公：今天 08:30", "2026-03-05 08:30"},
		"NationalDay":     {"2026-10-05 10:00", false, "下次办公：10月8日 星期四 08:30", "2026-10-08 08:30"},
		"EveOfSwappedDay": {"2026-10-09 18:00", false, "下次办公：明天（10月10日 星期六）08:30", "2026-10-10 08:30"},
		"SwappedSaturday": {"2026-10-10 10:00", true, "", ""},
		"ClosingMinute":   {"2026-03-05 17:30", false, "下次办公：明天（3月6日 星期五）08:30", "2026-03-06 08:30"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newCalendarRig(t, at(t, tc.at), kiosk.Options{})
			open, next := r.k.Nav.OpenNow()
			assert.Equal(t, tc.open, open)
			home := r.k.Home
			text := r.text()
			if tc.open {
				assert.True(t, next.IsZero())
				assert.False(t, home.Closed.Visible())
				assert.NotContains(t, text, "非办公时间")
				return
			}
			assert.Equal(t, at(t, tc.when), next)
			require.True(t, home.Closed.Visible())
			assert.Equal(t, "现在是非办公时间", home.ClosedTitle.Text)
			assert.Equal(t, tc.next+"\n"+
				"办公时间：星期一至星期五 08:30–12:00  14:30–17:30\n"+
				"服务电话：0919-0000001\n"+
				"办事指南、政务公开和进度查询仍可正常使用。", home.ClosedText.Text)
			assert.Contains(t, text, "现在是非办公时间")
			assert.Contains(t, r.flat(), "办事指南、政务公开和进度查询仍可正常使用。")
		})
	}
}

func TestGuidesDisclosureAndTrackingStayOpenWhenClosed(t *testing.T) {
	r := newCalendarRig(t, at(t, "2026-10-05 10:00"), kiosk.Options{})
	require.True(t, r.k.Home.Closed.Visible())
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	current[*kiosk.Guides](t, r)
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	current[*kiosk.Disclosure](t, r)
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	current[*kiosk.Track](t, r)
}

func TestClosedNoticeFollowsTheClock(t *testing.T) {
	r := newCalendarRig(t, at(t, "2026-09-30 17:29"), kiosk.Options{IdleTimeout: -1})
	r.k.Start()
	defer r.k.Stop()
	assert.False(t, r.k.Home.Closed.Visible())
	assert.Equal(t, "今日办公时间 08:30–12:00  14:30–17:30", r.k.Header.Hours.Text)

	*r.now = at(t, "2026-09-30 17:31")
	r.timers.Fire()
	assert.True(t, r.k.Home.Closed.Visible())
	assert.Contains(t, r.k.Home.ClosedText.Text, "下次办公：10月8日 星期四 08:30")

	*r.now = at(t, "2026-10-01 00:00") // the date changes: the calendar is read again
	r.timers.Fire()
	assert.Equal(t, "今日休息（国庆节）", r.k.Header.Hours.Text)
	assert.True(t, r.k.Home.Closed.Visible())

	*r.now = at(t, "2026-10-08 08:30")
	r.timers.Fire()
	assert.False(t, r.k.Home.Closed.Visible())
	assert.Equal(t, "今日办公时间 08:30–12:00  14:30–17:30", r.k.Header.Hours.Text)
}

func TestWeeklyHoursGroupDaysWithTheSameSessions(t *testing.T) {
	c := testCatalog(t)
	c.Center.Hours = append(c.Center.Hours,
		data.OfficeHours{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"},
		data.OfficeHours{Weekday: time.Sunday, Opens: "09:00", Closes: "12:00"})
	c.Center.Hours[0].Closes = "11:30" // Monday morning is shorter
	r := newCalendarRigWith(t, at(t, "2026-03-05 20:00"), kiosk.Options{}, c)
	assert.Contains(t, r.k.Home.ClosedText.Text, "办公时间：星期一 08:30–11:30  14:30–17:30；"+
		"星期二至星期五 08:30–12:00  14:30–17:30；星期六至星期日 09:00–12:00")
}

func TestWithoutHoursTheKioskNeverSaysClosed(t *testing.T) {
	c := testCatalog(t)
	c.Center.Hours = nil
	r := newCalendarRigWith(t, at(t, "2026-03-05 23:00"), kiosk.Options{}, c)
	open, next := r.k.Nav.OpenNow()
	assert.True(t, open)
	assert.True(t, next.IsZero())
	assert.False(t, r.k.Home.Closed.Visible())
	assert.Equal(t, "今日不对外办公", r.k.Header.Hours.Text)
}

func TestHolidayNameAndCalendarOnNav(t *testing.T) {
	r := newCalendarRig(t, at(t, "2026-10-05 10:00"), kiosk.Options{})
	assert.Equal(t, "国庆节", r.k.Nav.Holiday())
	require.NotNil(t, r.k.Nav.Calendar())
	assert.False(t, r.k.Nav.Calendar().IsWorkday(at(t, "2026-10-05 10:00")))
	assert.True(t, r.k.Nav.Calendar().IsWorkday(at(t, "2026-10-10 10:00")))

	r = newCalendarRig(t, at(t, "2026-10-10 10:00"), kiosk.Options{})
	assert.Empty(t, r.k.Nav.Holiday(), "a swapped working day is no holiday")
}

// TestClosedNoticeNeverSqueezesTheTiles: at every screen size, in both
// modes, the notice says what fits and every tile keeps its minimum size;
// when the notice must say less it still says when the room opens.
func TestClosedNoticeNeverSqueezesTheTiles(t *testing.T) {
	for _, elder := range []bool{false, true} {
		for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1920, Height: 1080}, {Width: 1080, Height: 1920}} {
			t.Run(fmt.Sprintf("elder=%v/%.0fx%.0f", elder, size.Width, size.Height), func(t *testing.T) {
				r := newCalendarRigWith(t, at(t, "2026-03-05 18:00"), kiosk.Options{}, sampleCatalog(t))
				r.k.SetElder(elder)
				r.win.Resize(size)
				require.True(t, r.k.Home.Closed.Visible())
				assert.Contains(t, r.k.Home.ClosedTitle.Text+r.k.Home.ClosedText.Text, "下次办公：明天（3月6日 星期五）08:30")
				for f, tile := range r.k.Home.Tiles {
					assert.GreaterOrEqual(t, tile.Size().Height, tile.MinSize().Height, f)
				}
				full := !elder || size != fyne.NewSize(1280, 800)
				assert.Equal(t, full, strings.Contains(r.k.Home.ClosedText.Text, "办公时间：星期一至星期五"),
					"the weekly hours fit everywhere but in elder mode on 1280×800")
			})
		}
	}
}
