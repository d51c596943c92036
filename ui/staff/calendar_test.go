package staff_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// calendarRig signs the clerk in on now, with the official 2025–2026
// schedules stored, and opens 工作日历.
func calendarRig(t *testing.T, now time.Time) (*rig, *staff.CalendarScreen) {
	t.Helper()
	r := newRig(t, true)
	r.now = now
	require.NoError(t, r.s.PutCalendarDays(context.Background(), data.OfficialCalendarDays()))
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.AdminButton)
	require.NotNil(t, r.d.Admin)
	r.d.Admin.Show(staff.SectionCalendar)
	c := r.d.Admin.Calendar
	require.NotNil(t, c)
	return r, c
}

// calendarShot writes the window to $BIANMIN_SHOTS/calendar/name.png when
// BIANMIN_SHOTS is set (for looking at the screen).
func calendarShot(t *testing.T, r *rig, name string) {
	t.Helper()
	dir := shots.Dir(t, "calendar")
	if dir == "" {
		return
	}
	shots.Save(t, dir, name, r.w.Canvas())
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, data.China) }

func storedCalendarDay(t *testing.T, r *rig, t0 time.Time) data.CalendarDay {
	t.Helper()
	d, err := r.s.CalendarDay(context.Background(), t0)
	if err != nil {
		require.ErrorIs(t, err, data.ErrNotFound)
		return data.CalendarDay{}
	}
	return d
}

func TestCalendarMonthGrid(t *testing.T) {
	r, c := calendarRig(t, fixedNow) // Thursday 2026-03-05
	assert.Equal(t, "2026年3月", c.Title.Text)
	assert.Equal(t, day(2026, 2, 23), c.Cells[0].Day, "the grid starts on the Monday before the 1st")
	assert.True(t, c.Cell(fixedNow).Today)
	assert.False(t, c.Warning.Visible(), "2026's schedule is there and it is not Q4 yet")
	assert.Equal(t, "本月工作日 22 天（法定节假日 0 天，调休上班 0 天）", c.Status.Text)
	calendarShot(t, r, "march")

	for i := 0; i < 7; i++ {
		test.Tap(c.Next)
	}
	assert.Equal(t, "2026年10月", c.Title.Text)
	oct1 := c.Cell(day(2026, 10, 1))
	require.NotNil(t, oct1)
	assert.Equal(t, "休", oct1.Mark())
	assert.Equal(t, "国庆节", oct1.Entry.Name)
	assert.Equal(t, "班", c.Cell(day(2026, 10, 10)).Mark())
	assert.Equal(t, "", c.Cell(day(2026, 10, 12)).Mark())
	assert.True(t, c.Cell(day(2026, 10, 17)).Weekend())
	assert.Equal(t, "本月工作日 18 天（法定节假日 7 天，调休上班 1 天）", c.Status.Text)
	calendarShot(t, r, "october")

	test.Tap(c.Prev)
	assert.Equal(t, "2026年9月", c.Title.Text)
	assert.Equal(t, "班", c.Cell(day(2026, 9, 20)).Mark())
	test.Tap(c.Today)
	assert.Equal(t, "2026年3月", c.Title.Text)
}

func TestCalendarEditDay(t *testing.T) {
	r, c := calendarRig(t, fixedNow)
	ctx := context.Background()
	// A request accepted today (Thursday 03-05) runs over Monday 03-09.
	sess, _ := r.d.Session()
	rc := r.registerYL(t)
	require.NoError(t, r.s.Accept(ctx, sess, rc.RequestID, "", ""))
	before, err := r.s.RequestDetail(ctx, rc.RequestID)
	require.NoError(t, err)

	mon := day(2026, 3, 9)
	test.Tap(c.Cell(mon))
	f := c.Edit
	require.NotNil(t, f)
	assert.Equal(t, "按常规", f.Kind.Selected)
	assert.False(t, f.Name.Visible(), "an ordinary day has no name")
	f.Kind.SetSelected("法定节假日（休）")
	assert.True(t, f.Name.Visible())
	calendarShot(t, r, "edit-dialog")

	// Without a name the store's message shows and the dialog stays.
	test.Tap(f.Form.Submit)
	assert.True(t, f.Form.Open())
	assert.Equal(t, "请填写节假日名称，例如“国庆节”。", f.Form.Error.Text)
	assert.Equal(t, "", c.Cell(mon).Mark())

	test.Type(f.Name, "县庆")
	test.Type(f.Note, "依据县政府通知")
	test.Tap(f.Form.Submit)
	require.False(t, f.Form.Open(), f.Form.Error.Text)
	assert.Equal(t, "休", c.Cell(mon).Mark())
	assert.Equal(t, "县庆", c.Cell(mon).Entry.Name)
	assert.Equal(t, data.CalendarDay{Day: "2026-03-09", Kind: data.DayHoliday, Name: "县庆"}, storedCalendarDay(t, r, mon))
	assert.Contains(t, c.Notice.Text, "已将2026年3月9日 星期一设为法定节假日（休）。")
	assert.Contains(t, c.Notice.Text, "件办件的承诺办结日期随之调整")
	after, err := r.s.RequestDetail(ctx, rc.RequestID)
	require.NoError(t, err)
	assert.NotEqual(t, before.DueDay, after.DueDay, "the due date moved with the new holiday")
	calendarShot(t, r, "edited")

	page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditCalendarSet})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Contains(t, page.Entries[0].Detail, "备注：依据县政府通知")

	// Back to ordinary.
	test.Tap(c.Cell(mon))
	f = c.Edit
	assert.Equal(t, "法定节假日（休）", f.Kind.Selected)
	assert.Equal(t, "县庆", f.Name.Text)
	f.Kind.SetSelected("按常规")
	test.Tap(f.Form.Submit)
	require.False(t, f.Form.Open(), f.Form.Error.Text)
	assert.Equal(t, "", c.Cell(mon).Mark())
	assert.Equal(t, data.CalendarDay{}, storedCalendarDay(t, r, mon))

	// A swapped working day on a weekday is refused politely.
	test.Tap(c.Cell(mon))
	f = c.Edit
	f.Kind.SetSelected("调休上班（班）")
	test.Tap(f.Form.Submit)
	assert.True(t, f.Form.Open())
	assert.Equal(t, "2026年3月9日是星期一，本来就是工作日，无需设为调休上班。", f.Form.Error.Text)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestCalendarImport(t *testing.T) {
	// 30 December 2026: next year's schedule is due and missing.
	r, c := calendarRig(t, time.Date(2026, 12, 30, 9, 0, 0, 0, data.China))
	// A request accepted today (3 working days) runs into January 2027:
	// due on Monday 01-04, or on Tuesday 01-05 once 01-01 is a holiday.
	sess, _ := r.d.Session()
	rc := r.registerYL(t)
	require.NoError(t, r.s.Accept(context.Background(), sess, rc.RequestID, "", ""))
	c.Reload()
	require.True(t, c.Warning.Visible())
	assert.Contains(t, c.Warning.Text, "2027年节假日安排尚未导入，截止日期暂按普通周末计算")
	calendarShot(t, r, "warning")

	// A corrupt file: the message with its line, nothing changes.
	test.Tap(c.Import)
	im := c.Importer
	require.NotNil(t, im)
	im.Path.SetText(writeFile(t, "bad.csv", "2027-01-01,休,元旦\n2027-02-30,休,春节\n"))
	test.Tap(im.Preview)
	assert.Equal(t, "第2行：日期“2027-02-30”不对，应写成 2027-01-01 这样的格式。", im.Info.Text)
	assert.True(t, im.Apply.Disabled())
	calendarShot(t, r, "import-corrupt")
	im.Path.SetText(filepath.Join(t.TempDir(), "missing.json"))
	test.Tap(im.Preview)
	assert.NotEmpty(t, im.Info.Text)
	assert.True(t, im.Apply.Disabled())
	assert.Equal(t, data.CalendarDay{}, storedCalendarDay(t, r, day(2027, 1, 1)))

	// A good file: preview, then apply.
	good, err := os.ReadFile("../../data/testdata/calendar-2027-fictional.json")
	require.NoError(t, err)
	im.Path.SetText(writeFile(t, "2027.json", string(good)))
	test.Tap(im.Preview)
	assert.Contains(t, im.Info.Text, "将导入2027年的安排：新增 26 天，修改 0 天，删除 0 天。")
	assert.Contains(t, im.Info.Text, "1 件办件的承诺办结日期将随之调整")
	assert.Contains(t, im.Details.Text, "办件 "+rc.ReceiptNo+"　城乡居民基本养老保险参保登记　2027-01-04（星期一） → 2027-01-05（星期二）")
	assert.Contains(t, im.Details.Text, "新增　2027-01-01（星期五）　法定节假日（休） 元旦")
	assert.False(t, im.Apply.Disabled())
	assert.Equal(t, data.CalendarDay{}, storedCalendarDay(t, r, day(2027, 1, 1)), "the preview writes nothing")
	calendarShot(t, r, "import-preview")

	// Changing the path asks for a new preview.
	path := im.Path.Text
	im.Path.SetText(path + ".bak")
	assert.True(t, im.Apply.Disabled())
	im.Path.SetText(path)
	test.Tap(im.Preview)
	require.False(t, im.Apply.Disabled())
	test.Tap(im.Apply)
	require.False(t, im.Open(), im.Info.Text)
	assert.Equal(t, "2027年1月", c.Title.Text, "the first month imported is on show")
	assert.Equal(t, "休", c.Cell(day(2027, 1, 1)).Mark())
	assert.Equal(t, data.CalendarDay{Day: "2027-01-01", Kind: data.DayHoliday, Name: "元旦"},
		storedCalendarDay(t, r, day(2027, 1, 1)))
	assert.Equal(t, "导入完成：2027年新增 26 天，修改 0 天，删除 0 天。1 件办件的承诺办结日期随之调整。", c.Notice.Text)
	assert.False(t, c.Warning.Visible(), "2027's schedule is in")
	calendarShot(t, r, "imported")

	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditCalendarImport})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 1)

	// The same file again: nothing to import.
	test.Tap(c.Import)
	im = c.Importer
	im.Path.SetText(writeFile(t, "again.json", string(good)))
	test.Tap(im.Preview)
	assert.Equal(t, "文件与现有安排完全相同（26 天），无需导入。", im.Info.Text)
	assert.True(t, im.Apply.Disabled())
}

// TestCalendarWeekdayMarkedWorkdayIsNoSwap: a day marked 班 (an imported
// schedule may mark one) that is a weekday anyway is not a swapped
// working day; the month's line counted it as 调休上班.
func TestCalendarWeekdayMarkedWorkdayIsNoSwap(t *testing.T) {
	r, c := calendarRig(t, fixedNow) // March 2026: no holidays, no swaps
	require.NoError(t, r.s.PutCalendarDays(context.Background(), append(data.OfficialCalendarDays(),
		data.CalendarDay{Day: "2026-03-09", Kind: data.DayWorkday, Name: "调休上班"},   // a Monday
		data.CalendarDay{Day: "2026-03-14", Kind: data.DayWorkday, Name: "调休上班"}))) // a Saturday
	c.Reload()
	assert.Equal(t, "本月工作日 23 天（法定节假日 0 天，调休上班 1 天）", c.Status.Text)
}
