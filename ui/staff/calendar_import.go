package staff

import (
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// CalendarImport is 导入下一年度安排: choose the file (a file dialog, or its
// path typed), 预览 reads and checks it and shows what would change — the
// days added, changed and removed, and the requests whose due dates move —
// and 确认导入 applies exactly what was previewed. A corrupt file shows the
// store's message (with its line) and changes nothing.
type CalendarImport struct {
	Path    *widget.Entry
	Browse  *widget.Button
	Preview *widget.Button
	Apply   *widget.Button
	Cancel  *widget.Button
	// Info is the summary of the preview, or what is wrong with the file.
	Info *widget.Label
	// Details lists the days and the due dates that move.
	Details *widget.Label
	// Days and Change are the previewed file and what it would change
	// (valid while previewed is Path's text).
	Days   []data.CalendarDay
	Change data.CalendarChange

	c         *CalendarScreen
	previewed string
	busy      bool
	open      bool
	dlg       dialog.Dialog
}

// Open reports whether the dialog is still up.
func (im *CalendarImport) Open() bool { return im.open }

// previewLines is how many days and moves the details list before "……".
const previewLines = 40

// OpenImport opens the import dialog.
func (c *CalendarScreen) OpenImport() {
	d := c.a.d
	im := &CalendarImport{c: c, open: true}
	im.Path = d.newEntry(false, lang.L("calendar.import.pathHint"))
	im.Path.OnChanged = func(string) { d.Activity(); im.pathChanged() }
	im.Browse = widget.NewButtonWithIcon(lang.L("calendar.import.browse"), fynetheme.FolderOpenIcon(), d.tap(im.browse))
	im.Preview = widget.NewButtonWithIcon(lang.L("calendar.import.preview"), fynetheme.SearchIcon(), d.tap(im.RunPreview))
	im.Apply = widget.NewButtonWithIcon(lang.L("calendar.import.apply"), fynetheme.ConfirmIcon(), d.tap(im.RunApply))
	im.Apply.Importance = widget.HighImportance
	im.Apply.Disable()
	im.Cancel = widget.NewButton(lang.L("admin.cancel"), d.tap(im.close))
	im.Info = widget.NewLabel("")
	im.Info.Wrapping = fyne.TextWrapWord
	im.Info.TextStyle = fyne.TextStyle{Bold: true}
	im.Details = widget.NewLabel("")
	im.Details.Wrapping = fyne.TextWrapWord

	top := container.NewVBox(
		hint(lang.L("calendar.import.intro")),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("calendar.import.path")),
			container.NewHBox(im.Browse, im.Preview), im.Path))
	// The summary scrolls with the days: in the scroll it wraps at the
	// dialog's full width (above it, it wrapped at a stale narrow one).
	body := container.NewBorder(top, container.NewGridWithColumns(2, im.Cancel, im.Apply), nil, nil,
		touch.NewVScroll(container.NewVBox(im.Info, im.Details)))
	im.dlg = dialog.NewCustomWithoutButtons(lang.L("calendar.import.title"), body, d.win)
	size := d.win.Canvas().Size()
	im.dlg.Resize(fyne.NewSize(min(900, size.Width-40), min(640, size.Height-40)))
	c.Importer = im
	im.dlg.Show()
}

func (im *CalendarImport) close() {
	im.open = false
	im.dlg.Hide()
}

// pathChanged forgets a preview of another file.
func (im *CalendarImport) pathChanged() {
	if strings.TrimSpace(im.Path.Text) != im.previewed {
		im.Apply.Disable()
	}
}

func (im *CalendarImport) browse() {
	d := im.c.a.d
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		im.Path.SetText(path)
		im.RunPreview()
	}, d.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".txt"}))
	fd.Resize(d.win.Canvas().Size())
	fd.Show()
}

// RunPreview reads the file at Path and shows what importing it would
// change, writing nothing.
func (im *CalendarImport) RunPreview() {
	d, st := im.c.a.d, im.c.a.store
	path := strings.TrimSpace(im.Path.Text)
	if path == "" {
		im.fail(lang.L("calendar.import.noPath"))
		return
	}
	if im.busy {
		return
	}
	im.busy = true
	im.Apply.Disable()
	im.Info.Importance = widget.MediumImportance
	im.Info.SetText(lang.L("calendar.import.reading"))
	ctx := d.opts.Context
	d.async(func() func() {
		var days []data.CalendarDay
		var ch data.CalendarChange
		f, err := os.Open(path)
		if err == nil {
			days, err = data.ParseCalendarFile(f)
			f.Close()
		}
		if err == nil {
			ch, err = st.PreviewCalendarImport(ctx, days)
		}
		return func() {
			im.busy = false
			if err != nil {
				im.fail(fileMessage(err))
				return
			}
			im.Days, im.Change, im.previewed = days, ch, path
			im.Info.Importance = widget.MediumImportance
			if ch.Empty() {
				im.Info.SetText(lang.L("calendar.import.nothing", map[string]any{"Unchanged": ch.Unchanged}))
			} else {
				im.Info.SetText(previewSummary(ch))
				if strings.TrimSpace(im.Path.Text) == path {
					im.Apply.Enable()
				}
			}
			im.Details.SetText(previewDetails(ch))
			touch.BringIntoView(im.Info)
		}
	})
}

func (im *CalendarImport) fail(msg string) {
	im.Days, im.Change, im.previewed = nil, data.CalendarChange{}, ""
	im.Apply.Disable()
	im.Info.Importance = widget.DangerImportance
	im.Info.SetText(msg)
	im.Details.SetText("")
	touch.BringIntoView(im.Info)
}

// RunApply imports the previewed days.
func (im *CalendarImport) RunApply() {
	d, st := im.c.a.d, im.c.a.store
	if im.busy || im.Days == nil || strings.TrimSpace(im.Path.Text) != im.previewed {
		return
	}
	im.busy = true
	im.Apply.Disable()
	im.Info.SetText(lang.L("admin.saving"))
	days, sess, ctx := im.Days, d.session, d.opts.Context
	d.async(func() func() {
		ch, err := st.ImportCalendarDays(ctx, sess, days)
		return func() {
			im.busy = false
			if err != nil {
				im.fail(locale.Message(err))
				return
			}
			im.close()
			c := im.c
			if len(ch.Years) > 0 {
				c.Month = firstOfYearMonth(ch.Years[0], c.Month)
			}
			c.changed(ch, changeSummary(ch, true))
		}
	})
}

// firstOfYearMonth is January of year, or cur if it is in that year.
func firstOfYearMonth(year int, cur time.Time) time.Time {
	if cur.Year() == year {
		return cur
	}
	return time.Date(year, time.January, 1, 0, 0, 0, 0, data.China)
}

// previewSummary is the one-line count of a change.
func previewSummary(ch data.CalendarChange) string { return changeSummary(ch, false) }

// changeSummary counts a change to come (done false) or done.
func changeSummary(ch data.CalendarChange, done bool) string {
	years := make([]string, len(ch.Years))
	for i, y := range ch.Years {
		years[i] = lang.L("calendar.year", map[string]any{"Year": y})
	}
	key := "calendar.import.summary"
	if done {
		key = "calendar.import.doneSummary"
	}
	s := lang.L(key, map[string]any{"Years": strings.Join(years, lang.L("calendar.listSep")),
		"Added": len(ch.Added), "Changed": len(ch.Changed), "Removed": len(ch.Removed)})
	if done {
		return s // CalendarScreen.changed adds the moves
	}
	if n := ch.RequestMoves(); n > 0 {
		s += lang.L("calendar.import.willMove", map[string]any{"Count": n})
	} else {
		s += lang.L("calendar.import.noMoves")
	}
	if n := ch.ComplaintMoves(); n > 0 {
		s += lang.L("calendar.import.willMoveComplaints", map[string]any{"Count": n})
	}
	return s
}

// previewDetails lists the days and the due dates a change moves.
func previewDetails(ch data.CalendarChange) string {
	var lines []string
	more := 0
	days := 0
	add := func(line string) {
		if days++; days <= previewLines {
			lines = append(lines, line)
		} else {
			more++
		}
	}
	entry := func(e data.CalendarDay) string {
		s := kindChoice(e.Kind)
		if e.Name != "" {
			s += " " + e.Name
		}
		return s
	}
	if len(ch.Moves) > 0 {
		lines = append(lines, lang.L("calendar.import.movesTitle"))
		n := 0
		for _, m := range ch.Moves {
			if n >= previewLines {
				more++
				continue
			}
			n++
			key := "calendar.import.move"
			if m.Complaint {
				key = "calendar.import.moveComplaint"
			}
			lines = append(lines, lang.L(key, map[string]any{"Number": m.Number, "Item": m.ItemName,
				"From": dayWithWeekday(m.From), "To": dayWithWeekday(m.To)}))
		}
		if more > 0 {
			lines = append(lines, lang.L("calendar.import.more", map[string]any{"Count": more}))
		}
		lines = append(lines, "", lang.L("calendar.import.daysTitle"))
		more = 0
	}
	for _, a := range ch.Added {
		add(lang.L("calendar.import.added", map[string]any{"Date": dayWithWeekday(a.Day), "New": entry(a.New)}))
	}
	for _, a := range ch.Changed {
		add(lang.L("calendar.import.changed", map[string]any{"Date": dayWithWeekday(a.Day), "Old": entry(a.Old),
			"New": entry(a.New)}))
	}
	for _, a := range ch.Removed {
		add(lang.L("calendar.import.removed", map[string]any{"Date": dayWithWeekday(a.Day), "Old": entry(a.Old)}))
	}
	if more > 0 {
		lines = append(lines, lang.L("calendar.import.more", map[string]any{"Count": more}))
	}
	return strings.Join(lines, "\n")
}

// dayWithWeekday is "2027-01-01（星期五）"; "—" for no day.
func dayWithWeekday(day string) string {
	t, err := data.ParseDay(day)
	if err != nil {
		return lang.L("calendar.noDay")
	}
	return lang.L("calendar.dayWeekday", map[string]any{"Day": day,
		"Weekday": lang.L("calendar.weekday." + strconv.Itoa(int(t.Weekday())))})
}
