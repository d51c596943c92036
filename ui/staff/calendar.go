package staff

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/errline"
	"bianmin/ui/locale"
)

// Administration section: the working-day calendar (§七 working days): a month
// grid of holidays (休) and swapped working days (班) over the
// Monday–Friday week; tapping a day sets it as 法定节假日, 调休上班 or 按常规
// (calendar_day.go); 导入下一年度安排 reads next year's official schedule
// from a file, previews what changes and which due dates move, and applies
// it (calendar_import.go). Every staff member may view and edit; the store
// audits each change and moves the due dates of open requests with it. A
// line warns while this year's or (from October) next year's schedule is
// missing.

// CalendarStore is what the section needs from the store.
type CalendarStore interface {
	CalendarDaysBetween(ctx context.Context, from, to time.Time) ([]data.CalendarDay, error)
	SetCalendarDay(ctx context.Context, by data.Session, day time.Time, kind, name, note string) (data.CalendarChange, error)
	PreviewCalendarImport(ctx context.Context, days []data.CalendarDay) (data.CalendarChange, error)
	ImportCalendarDays(ctx context.Context, by data.Session, days []data.CalendarDay) (data.CalendarChange, error)
	CalendarCoverage(ctx context.Context) (data.CalendarCoverage, error)
}

// CalendarScreen is the section's screen.
type CalendarScreen struct {
	// Month is the first day of the month on show (China time).
	Month time.Time
	Title *widget.Label
	Prev  *widget.Button
	Next  *widget.Button
	Today *widget.Button
	// Import opens 导入下一年度安排.
	Import *widget.Button
	// Warning says which year's schedule is missing ("" when none is).
	Warning *widget.Label
	// Status counts the month's working days; Notice says what the last
	// change did; Error shows a store error.
	Status *widget.Label
	Notice *widget.Label
	Error  *widget.Label
	// Cells are the 6×7 days on show, Monday first.
	Cells [42]*DayCell
	// Edit is the day's dialog while open; Importer the import dialog.
	Edit     *CalendarDayForm
	Importer *CalendarImport

	a       *Admin
	grid    *fyne.Container
	legend  *widget.Label
	box     *fyne.Container // content, laid out again when a line shows or hides
	content fyne.CanvasObject
	load    latest
}

func newCalendarScreen(a *Admin) *CalendarScreen {
	d := a.d
	c := &CalendarScreen{a: a}
	now := d.opts.Now().In(data.China)
	c.Month = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, data.China)

	c.Title = widget.NewLabel("")
	c.Title.SizeName = fynetheme.SizeNameSubHeadingText
	c.Title.TextStyle = fyne.TextStyle{Bold: true}
	c.Prev = widget.NewButtonWithIcon(lang.L("calendar.prev"), fynetheme.NavigateBackIcon(), d.tap(func() { c.ShowMonth(c.Month.AddDate(0, -1, 0)) }))
	c.Next = widget.NewButtonWithIcon(lang.L("calendar.next"), fynetheme.NavigateNextIcon(), d.tap(func() { c.ShowMonth(c.Month.AddDate(0, 1, 0)) }))
	c.Next.IconPlacement = widget.ButtonIconTrailingText
	c.Today = widget.NewButton(lang.L("calendar.today"), d.tap(func() { c.ShowMonth(d.opts.Now()) }))
	c.Import = widget.NewButtonWithIcon(lang.L("calendar.import"), fynetheme.DownloadIcon(), d.tap(c.OpenImport))
	c.Import.Importance = widget.HighImportance
	c.Warning = errorLine()
	c.Status = widget.NewLabel("")
	c.Notice = widget.NewLabel("")
	c.Notice.Wrapping = fyne.TextWrapWord
	c.Notice.Importance = widget.SuccessImportance
	c.Error = widget.NewLabel("")
	c.Error.Wrapping = fyne.TextWrapWord
	c.Error.Importance = widget.DangerImportance

	names := make([]fyne.CanvasObject, 0, 7)
	for i := 0; i < 7; i++ {
		l := canvas.NewText(lang.L("calendar.weekday.short."+strconv.Itoa((i+1)%7)), fynetheme.Color(fynetheme.ColorNameForeground))
		l.Alignment = fyne.TextAlignCenter
		l.TextStyle = fyne.TextStyle{Bold: true}
		names = append(names, l)
	}
	header := container.NewGridWithColumns(7, names...)
	cells := make([]fyne.CanvasObject, 0, len(c.Cells))
	for i := range c.Cells {
		cell := newDayCell()
		cell.OnTapped = d.tap(func() { c.OpenDay(cell.Day) })
		c.Cells[i] = cell
		cells = append(cells, cell)
	}
	c.grid = container.NewGridWithColumns(7, cells...)

	nav := container.NewBorder(nil, nil, container.NewHBox(c.Prev, c.Title, c.Next, c.Today), c.Import)
	top := container.NewVBox(nav, c.Warning, header)
	c.Notice.Hide()
	c.Error.Hide()
	c.legend = hint(lang.L("calendar.legend"))
	// The legend's place shows the last change's notice or an error.
	// Two equal halves: a notice then wraps to two lines, as the legend
	// does, and the month grid keeps its room.
	c.Status.Wrapping = fyne.TextWrapWord
	bottom := container.NewGridWithColumns(2, c.Status, container.NewStack(c.legend, c.Notice, c.Error))
	c.box = container.NewBorder(top, bottom, nil, nil, c.grid)
	c.content = c.box
	c.Reload()
	return c
}

// relayout shows the legend unless a notice or an error takes its place,
// and lays the screen out again after a line showed or hid.
func (c *CalendarScreen) relayout() {
	if c.Notice.Visible() || c.Error.Visible() {
		c.legend.Hide()
	} else {
		c.legend.Show()
	}
	if c.Error.Visible() {
		c.Notice.Hide()
	}
	c.box.Refresh()
}

// ShowMonth shows the month of t (and forgets the last notice).
func (c *CalendarScreen) ShowMonth(t time.Time) {
	t = t.In(data.China)
	errline.Set(c.Notice, "")
	c.Month = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, data.China)
	c.Reload()
}

// gridStart is the Monday on or before the first of the month.
func (c *CalendarScreen) gridStart() time.Time {
	back := (int(c.Month.Weekday()) + 6) % 7 // days since Monday
	return c.Month.AddDate(0, 0, -back)
}

// Cell is the cell of the date of t, nil if it is not on show.
func (c *CalendarScreen) Cell(t time.Time) *DayCell {
	day := data.Day(t)
	for _, cell := range c.Cells {
		if data.Day(cell.Day) == day {
			return cell
		}
	}
	return nil
}

// Reload reads the month's days and the coverage warning again.
func (c *CalendarScreen) Reload() {
	d, st := c.a.d, c.a.store
	start := c.gridStart()
	end := start.AddDate(0, 0, len(c.Cells)-1)
	c.Title.SetText(monthTitle(c.Month))
	now := d.opts.Now()
	ctx := d.opts.Context
	c.load.run(d, func() func() {
		days, err := st.CalendarDaysBetween(ctx, start, end)
		cov, cerr := st.CalendarCoverage(ctx)
		return func() {
			if err == nil {
				err = cerr
			}
			if err != nil {
				errline.Set(c.Error, locale.Message(err))
				c.relayout()
				return
			}
			errline.Set(c.Error, "")
			c.render(start, days, now)
			c.setWarning(cov)
			c.relayout()
		}
	})
}

func (c *CalendarScreen) render(start time.Time, days []data.CalendarDay, now time.Time) {
	byDay := make(map[string]data.CalendarDay, len(days))
	for _, e := range days {
		byDay[e.Day] = e
	}
	today := data.Day(now)
	for i, cell := range c.Cells {
		t := start.AddDate(0, 0, i)
		cell.Day = t
		cell.Entry = byDay[data.Day(t)]
		cell.InMonth = t.Month() == c.Month.Month()
		cell.Today = data.Day(t) == today
		cell.Refresh()
	}
	cal, err := data.CalendarFromDays(days)
	if err != nil {
		errline.Set(c.Error, locale.Message(err))
		return
	}
	work, off, on := 0, 0, 0
	for t := c.Month; t.Month() == c.Month.Month(); t = t.AddDate(0, 0, 1) {
		if cal.IsWorkday(t) {
			work++
		}
		switch byDay[data.Day(t)].Kind {
		case data.DayHoliday:
			off++
		case data.DayWorkday:
			// A 班 on a weekday (an imported schedule may mark one) is a
			// working day anyway, not a swapped one.
			if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
				on++
			}
		}
	}
	c.Status.SetText(lang.L("calendar.status", map[string]any{"Work": work, "Off": off, "On": on}))
}

func (c *CalendarScreen) setWarning(cov data.CalendarCoverage) {
	errline.Set(c.Warning, missingScheduleWarning(cov, "calendar.warning"))
}

// missingScheduleWarning is the line (translation key) naming the years
// whose holiday schedule is missing; "" when none is.
func missingScheduleWarning(cov data.CalendarCoverage, key string) string {
	ys := cov.Missing()
	if len(ys) == 0 {
		return ""
	}
	names := make([]string, len(ys))
	for i, y := range ys {
		names[i] = lang.L("calendar.year", map[string]any{"Year": y})
	}
	return lang.L(key, map[string]any{"Years": strings.Join(names, lang.L("calendar.listSep"))})
}

// changed reloads the grid after a change and says what it did.
func (c *CalendarScreen) changed(ch data.CalendarChange, done string) {
	text := done
	if n := ch.RequestMoves(); n > 0 {
		text += lang.L("calendar.moved", map[string]any{"Count": n})
	}
	if n := ch.ComplaintMoves(); n > 0 {
		text += lang.L("calendar.movedComplaints", map[string]any{"Count": n})
	}
	errline.Set(c.Notice, text)
	c.Reload()
	c.relayout()
}

// monthTitle is "2026年10月".
func monthTitle(t time.Time) string {
	return lang.L("calendar.month", map[string]any{"Year": t.Year(), "Month": int(t.Month()),
		"MonthName": t.Month().String()})
}

// dateTitle is "2026年10月1日 星期四".
func dateTitle(t time.Time) string {
	t = t.In(data.China)
	return lang.L("calendar.date", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day(),
		"MonthName": t.Month().String(), "Weekday": lang.L("calendar.weekday." + strconv.Itoa(int(t.Weekday())))})
}
