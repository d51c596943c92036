package staff

import (
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// OrgBoard is 在岗情况: today's board, the same the kiosk shows (§四2) —
// per window its A and B and who new requests go to (B when A is away), and
// every staff member with where they are; an administrator records a
// colleague's whereabouts (登记去向).
type OrgBoard struct {
	Refresh *widget.Button
	Status  *widget.Label
	At      *widget.Label
	// Board is the board as last read.
	Board data.DutyBoard
	// Windows are the window cards' texts: title, A, B, who serves.
	Windows [][]string
	Rows    []*OrgDutyRow
	// Form is the 登记去向 dialog while open; Fields its fields.
	Form   *FormDialog
	Fields *WhereFields

	a       *Admin
	cards   *fyne.Container
	list    *fyne.Container
	content fyne.CanvasObject
	load    latest
}

// OrgDutyRow is one staff member on the board.
type OrgDutyRow struct {
	Entry data.DutyEntry
	Texts []string // name, window and post, status, note, expected return, since
	Set   *widget.Button
}

var dutyWeights = weightedColumns{1, 2.5, 1.2, 2, 1.4, 1.2, 1.5}

func newOrgBoard(a *Admin) *OrgBoard {
	d := a.d
	b := &OrgBoard{a: a}
	b.Refresh = widget.NewButtonWithIcon(lang.L("admin.refresh"), fynetheme.ViewRefreshIcon(), d.tap(b.Reload))
	b.Status = orgStatus()
	b.At = widget.NewLabel("")
	b.At.TextStyle = fyne.TextStyle{Bold: true}
	b.cards = container.NewGridWithColumns(2)
	b.list = container.NewVBox()
	header := orgCompact(container.New(dutyWeights, boldLabels("org.board.col.", "name", "window", "status", "note",
		"return", "since", "actions")...))
	body := container.NewVBox(b.cards, widget.NewSeparator(), header, widget.NewSeparator(), b.list)
	top := orgCompact(container.NewBorder(nil, nil, nil, b.Refresh,
		container.NewVBox(b.At, hint(lang.L("org.board.intro")))))
	b.content = container.NewBorder(top, b.Status, nil, nil, clearOfScrollBar(body))
	b.Reload()
	return b
}

// Reload reads the board as of now.
func (b *OrgBoard) Reload() {
	orgLoad(&b.load, b.a.d, b.Status, b.a.store.OnDuty, b.show)
}

func (b *OrgBoard) show(board data.DutyBoard) {
	d := b.a.d
	b.Board, b.Windows, b.Rows = board, nil, nil
	b.At.SetText(lang.L("org.board.at", map[string]any{"At": board.At.In(data.China).Format("2006-01-02 15:04")}))
	b.cards.RemoveAll()
	for _, w := range board.Windows {
		texts := []string{lang.L("org.board.window", map[string]any{"Code": w.Code, "Name": w.Name}),
			postLine("A", w.A), postLine("B", w.B), servingLine(w)}
		b.Windows = append(b.Windows, texts)
		b.cards.Add(windowDutyCard(texts, w))
	}
	b.list.RemoveAll()
	for _, e := range board.Staff {
		r := &OrgDutyRow{Entry: e}
		post := lang.L("org.staff.noWindow")
		if e.WindowName != "" {
			post = e.WindowName
			if e.AB != "" {
				post += " · " + lang.L("org.post."+e.AB)
			}
		}
		since := "—"
		if !e.Since.IsZero() {
			since = e.Since.In(data.China).Format("15:04")
		}
		r.Texts = []string{e.Name, post, whereWord(e.Status), orDash(e.Note), returnText(e.ExpectedReturn, board.At), since}
		r.Set = widget.NewButtonWithIcon(lang.L("org.board.set"), fynetheme.DocumentCreateIcon(), d.tap(func() { b.OpenWhere(e) }))
		cells := textCells(r.Texts, func(i int, c *widget.Label) {
			switch i {
			case 0:
				c.TextStyle = fyne.TextStyle{Bold: true}
			case 2:
				c.Importance = dutyImportance(e.Status)
				c.TextStyle = fyne.TextStyle{Bold: true}
			}
		})
		cells = append(cells, r.Set)
		b.Rows = append(b.Rows, r)
		b.list.Add(rowBox(orgCompact(container.New(dutyWeights, cells...))))
	}
	b.cards.Refresh()
	b.list.Refresh()
}

func dutyImportance(s data.DutyStatus) widget.Importance {
	switch s {
	case data.DutyOnDuty:
		return widget.SuccessImportance
	case data.DutyAbsent, data.DutySignedOut:
		return widget.LowImportance
	}
	return widget.WarningImportance
}

// postLine is "A岗：王丽娟 · 在岗" or "A岗：空缺".
func postLine(post string, e *data.DutyEntry) string {
	if e == nil {
		return lang.L("org.board.post", map[string]any{"Post": lang.L("org.post." + post), "Who": lang.L("org.vacant")})
	}
	return lang.L("org.board.post", map[string]any{"Post": lang.L("org.post." + post), "Who": e.Name + " · " + whereWord(e.Status)})
}

// servingLine says who new requests for the window go to now, in the
// words of the A/B rule: "A岗王丽娟在岗", "A岗王丽娟请假，由B岗赵磊顶岗",
// "…，暂无人员在岗". data applies the rule (w.OnDuty, w.Covering); this
// only words its outcome in the UI's language (data.WindowDuty.Reason is
// the same in Chinese).
func servingLine(w data.WindowDuty) string {
	a, b := w.A, w.B
	args := map[string]any{}
	if a != nil {
		args["A"], args["AWhere"] = a.Name, whereWord(a.Status)
	}
	if b != nil {
		args["B"], args["BWhere"] = b.Name, whereWord(b.Status)
	}
	key := "nobody"
	switch {
	case w.OnDuty != nil && w.OnDuty == a:
		key = "onDuty"
	case w.OnDuty != nil && a != nil:
		key = "covering"
	case w.OnDuty != nil:
		key = "bOnDuty"
	case a == nil && b == nil:
		key = "noPosts"
	case a == nil:
		key = "noA"
	case b == nil:
		key = "noB"
	}
	return lang.L("org.duty."+key, args)
}

// windowDutyCard is one window on the board, its last line coloured by
// whether A serves (normal), B covers (warning) or nobody (danger).
func windowDutyCard(texts []string, w data.WindowDuty) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	title := widget.NewLabel(texts[0])
	title.TextStyle = fyne.TextStyle{Bold: true}
	serving := widget.NewLabel(texts[3])
	serving.Wrapping = fyne.TextWrapWord
	serving.TextStyle = fyne.TextStyle{Bold: true}
	switch {
	case w.OnDuty == nil:
		serving.Importance = widget.DangerImportance
	case w.Covering:
		serving.Importance = widget.WarningImportance
	default:
		serving.Importance = widget.SuccessImportance
	}
	bg := canvas.NewRectangle(th.Color(fynetheme.ColorNameInputBackground, v))
	bg.StrokeColor = th.Color(fynetheme.ColorNameSeparator, v)
	bg.StrokeWidth = 1
	bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius)
	postA, postB := widget.NewLabel(texts[1]), widget.NewLabel(texts[2])
	postA.Truncation, postB.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	return container.NewStack(bg, container.NewPadded(compactRow(container.NewVBox(title, postA, postB, serving))))
}

// returnText is an expected return: 17:00 today, 3月6日 08:30 another day,
// 3月6日 for a day given without a time.
func returnText(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(data.China)
	switch {
	case data.Day(t) == data.Day(now):
		return t.Format("15:04")
	case t.Hour() == 0 && t.Minute() == 0: // back that day
		return lang.L("org.board.returnDay", map[string]any{"Month": int(t.Month()), "Day": t.Day()})
	}
	return lang.L("org.board.returnDayTime", map[string]any{"Month": int(t.Month()), "Day": t.Day(),
		"Clock": t.Format("15:04")})
}

// WhereFields are the fields of 登记去向.
type WhereFields struct {
	Status *touch.Select
	Note   *widget.Entry
	Return *widget.Entry
}

// ChooseStatus picks a status.
func (w *WhereFields) ChooseStatus(s data.DutyStatus) {
	for i, x := range data.DutyStatuses {
		if x == s {
			w.Status.SetSelectedIndex(i)
		}
	}
}

// OpenWhere opens 登记去向 for a staff member.
func (b *OrgBoard) OpenWhere(e data.DutyEntry) {
	d, st, sess := b.a.d, b.a.store, b.a.d.session
	w := &WhereFields{Status: touch.NewSelect(wordsOf(data.DutyStatuses, whereWord), nil), Note: d.newEntry(false, lang.L("org.board.noteHint")),
		Return: d.newEntry(false, lang.L("org.board.returnHint"))}
	d.Keys.SetKind(w.Return, input.Times) // 17:00 or 2026-03-06 08:30: the keypad with :, - and 空格
	w.ChooseStatus(data.DutyOut)
	for _, s := range data.DutyStatuses {
		if s == e.Status {
			w.ChooseStatus(s)
		}
	}
	rows := []fyne.CanvasObject{orgCompact(container.NewVBox(form(fieldCells("org.board.col.status", w.Status),
		fieldCells("org.board.col.note", w.Note), fieldCells("org.board.col.return", w.Return)),
		hint(lang.L("org.board.whereNote"))))}
	b.Fields = w
	b.Form = newFormDialog(d, lang.L("org.board.whereTitle", map[string]any{"Name": e.Name}), rows, fyne.NewSize(760, 560),
		func(f *FormDialog) func() error {
			status := data.DutyStatuses[max(w.Status.SelectedIndex(), 0)]
			ret, err := parseReturn(w.Return.Text, d.opts.Now())
			if err != nil {
				f.Error.SetText(locale.Message(err))
				return nil
			}
			note := w.Note.Text
			return func() error {
				return st.SetStaffWhereabouts(d.opts.Context, sess, e.StaffID, status, note, ret)
			}
		}, func() {
			orgShowResult(b.Status, nil, lang.L("org.board.saved", map[string]any{"Name": e.Name}))
			b.Reload()
		})
}

var (
	clockOnly = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)
	dayClock  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$`)
)

// parseReturn reads an expected return as typed: "" (none), "17:00"
// (today), "2026-03-06 08:30", or "2026-03-06" (back that day: the day
// begins).
func parseReturn(text string, now time.Time) (time.Time, error) {
	text = strings.NewReplacer("：", ":", "／", "-", "/", "-", ".", "-").Replace(strings.TrimSpace(text))
	text = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, text)
	bad := data.Invalid("expected_return", lang.L("org.board.returnBad"))
	switch {
	case text == "":
		return time.Time{}, nil
	case clockOnly.MatchString(text):
		t, err := time.ParseInLocation("2006-01-02 15:04", data.Day(now)+" "+pad2Clock(text), data.China)
		if err != nil {
			return time.Time{}, bad
		}
		return t, nil
	case dayClock.MatchString(text):
		m := dayClock.FindStringSubmatch(text)
		clock := "00:00"
		if m[4] != "" {
			clock = pad2Clock(m[4] + ":" + m[5])
		}
		t, err := time.ParseInLocation("2006-1-2 15:04", m[1]+"-"+m[2]+"-"+m[3]+" "+clock, data.China)
		if err != nil {
			return time.Time{}, bad
		}
		return t, nil
	}
	return time.Time{}, bad
}

func pad2Clock(s string) string {
	if len(s) == 4 { // 8:30
		return "0" + s
	}
	return s
}
