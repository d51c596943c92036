package kiosk

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// 今日在岗 (§三1 AB岗, §四2 在岗情况和去向): per window who
// serves it now, with the reason when the B post covers for A, and the
// board of every staff member with where they are. The rule (A if on duty,
// else B) and the privacy of leave (no reason shown) are data's; this
// screen says them.

// DutyStore is what the duty board reads: who is where (data.Store.OnDuty)
// and the staff cards for the photos. *data.Store satisfies it.
type DutyStore interface {
	OnDuty(ctx context.Context) (data.DutyBoard, error)
	StaffCards(ctx context.Context) ([]data.StaffCard, error)
}

// extraTiles are the disclosure index's last tiles: 今日在岗, 投诉处理结果
// and 征求意见（预公开）.
func (d *Disclosure) extraTiles() []fyne.CanvasObject {
	d.DutyTile = NewRowTile(fynetheme.AccountIcon(), lang.L("board.duty.title"),
		lang.L("board.duty.sub"), func() { d.nav.Push(NewDuty(d.nav, d.store)) })
	d.ResultsTile = NewRowTile(fynetheme.MailReplyIcon(), lang.L("board.results.title"),
		lang.L("board.results.sub"), func() { d.nav.Push(NewResults(d.nav, d.store)) })
	d.PreviewTile = NewRowTile(fynetheme.DocumentCreateIcon(), lang.L("board.preview.title"),
		lang.L("board.preview.sub"), func() { d.nav.Push(NewPreviews(d.nav, d.store)) })
	return []fyne.CanvasObject{d.DutyTile, d.ResultsTile, d.PreviewTile}
}

// Duty is the 今日在岗 board. It reads the board again every time it is
// shown, so coming back to it shows who is there now.
type Duty struct {
	// Board is the board last read.
	Board data.DutyBoard
	// Windows are the cards of the windows, in the board's order.
	Windows []*DutyWindowCard
	// People are the rows of the staff board.
	People []*DutyPerson
	// Status says loading, an error, or when the board was read.
	Status *widget.Label

	nav     *Nav
	store   DutyStore
	photos  map[int64]data.StaffCard // by staff id; read once
	windows *fyne.Container
	people  *fyne.Container
	content fyne.CanvasObject
	loading bool
}

// NewDuty builds the board; it loads when shown.
func NewDuty(nav *Nav, store DutyStore) *Duty {
	d := &Duty{nav: nav, store: store}
	d.Status = widget.NewLabel(lang.L("kiosk.loading"))
	d.Status.Wrapping = fyne.TextWrapWord
	text := fynetheme.TextSize()
	// Two columns of windows at 1280 wide in elder mode too (a card needs
	// about 18 characters beside the photo); one on a portrait screen then.
	d.windows = container.New(newGrid(text*18, 2, false))
	d.people = container.New(newGrid(text*18, 3, false))
	d.content = vscroll(container.NewVBox(
		compact(container.NewVBox(d.Status, quiet(lang.L("board.duty.rule")))),
		section(lang.L("board.duty.windows"), d.windows),
		section(lang.L("board.duty.people"), d.people),
	))
	return d
}

// Title is part of Screen.
func (d *Duty) Title() string {
	return lang.L("kiosk.home.disclosure") + " · " + lang.L("board.duty.title")
}

// Content is part of Screen. Each time the board comes to the top it is
// read again.
func (d *Duty) Content() fyne.CanvasObject {
	d.load()
	return d.content
}

// Speech reads the windows aloud: who serves each and why.
func (d *Duty) Speech() string {
	var s string
	for _, w := range d.Board.Windows {
		s += windowText(w.Code, map[string]string{w.Code: w.Name}) + "：" + dutyWindowLine(w) + "。"
	}
	return s
}

func (d *Duty) load() {
	if d.loading {
		return
	}
	d.loading = true
	photos := d.photos
	d.nav.Async(func() func() {
		ctx := d.nav.Context()
		b, err := d.store.OnDuty(ctx)
		if err == nil && photos == nil {
			cards, cerr := d.store.StaffCards(ctx)
			if cerr != nil {
				fyne.LogError("kiosk: staff photos", cerr) // the board shows without them
			}
			photos = map[int64]data.StaffCard{}
			for _, c := range cards {
				photos[c.ID] = c
			}
		}
		return func() {
			d.loading = false
			d.show(b, photos, err)
		}
	})
}

func (d *Duty) show(b data.DutyBoard, photos map[int64]data.StaffCard, err error) {
	if d.nav.showFailure(d.Status, "kiosk: duty board", err) {
		return
	}
	d.Board, d.photos = b, photos
	d.Windows, d.People = nil, nil
	d.windows.RemoveAll()
	for _, w := range b.Windows {
		c := newDutyWindowCard(w, d.photos)
		d.Windows = append(d.Windows, c)
		d.windows.Add(c.content)
	}
	d.people.RemoveAll()
	for _, e := range b.Staff {
		p := newDutyPerson(e, b.At, d.photos)
		d.People = append(d.People, p)
		d.people.Add(p.content)
	}
	if len(b.Staff) == 0 {
		d.people.Add(status(lang.L("kiosk.staff.none")))
	}
	d.Status.SetText(lang.L("board.duty.asOf", map[string]any{"Time": clockText(b.At)}))
	d.windows.Refresh()
	d.people.Refresh()
}

// dutyWindowLine says who serves a window: "李强（B岗）在岗：A岗王芳外出
// 办事，由B岗李强顶岗", "王芳（A岗）在岗", or that nobody is, with data's
// reason.
func dutyWindowLine(w data.WindowDuty) string {
	switch {
	case w.OnDuty == nil:
		return lang.L("board.duty.nobody", map[string]any{"Reason": dutyReasonText(w)})
	case w.Covering:
		return lang.L("board.duty.covering", map[string]any{"Name": w.OnDuty.Name,
			"Post": dutyPostText(w.OnDuty.AB), "Reason": dutyReasonText(w)})
	}
	return lang.L("board.duty.serving", map[string]any{"Name": w.OnDuty.Name, "Post": dutyPostText(w.OnDuty.AB)})
}

// dutyReasonText says why a window is served as it is, from the posts on
// the duty board: data.ABPostRule decides (and words it in Chinese for the
// audit); this says the same in the screen's language. "A岗王芳外出办事，
// 由B岗李强顶岗".
func dutyReasonText(w data.WindowDuty) string {
	switch {
	case w.OnDuty != nil && !w.Covering:
		return lang.L("board.reason.serving", map[string]any{"Name": w.OnDuty.Name})
	case w.OnDuty != nil && w.A != nil:
		return lang.L("board.reason.covering", map[string]any{"Away": dutyAwayText("A", w.A), "Name": w.OnDuty.Name})
	case w.OnDuty != nil:
		return lang.L("board.reason.coveringNoA", map[string]any{"Name": w.OnDuty.Name})
	case w.A == nil && w.B == nil:
		return lang.L("board.reason.noPosts")
	}
	return lang.L("board.reason.nobody", map[string]any{"Who": dutyNobodyText(w)})
}

// dutyNobodyText is, for a window nobody serves, where its posts are:
// "A岗王芳外出办事，B岗李强请假", or that it has none.
func dutyNobodyText(w data.WindowDuty) string {
	if w.A == nil && w.B == nil {
		return lang.L("board.reason.noPosts")
	}
	a, b := lang.L("board.reason.noA"), lang.L("board.reason.noB")
	if w.A != nil {
		a = dutyAwayText("A", w.A)
	}
	if w.B != nil {
		b = dutyAwayText("B", w.B)
	}
	return lang.L("board.reason.and", map[string]any{"First": a, "Second": b})
}

// dutyAwayText is a post's person and where they are: "A岗王芳外出办事".
func dutyAwayText(post string, e *data.DutyEntry) string {
	return lang.L("board.reason.away", map[string]any{"Post": dutyPostText(post), "Name": e.Name,
		"Status": dutyStatusText(e.Status)})
}

// dutyPostText is "A岗" or "B岗" ("" for neither).
func dutyPostText(ab string) string {
	switch ab {
	case "A":
		return lang.L("kiosk.staff.postA")
	case "B":
		return lang.L("kiosk.staff.postB")
	}
	return ""
}

// DutyWindowCard is one window on the board: who serves it now (photo,
// name, post, A/B) and, when B covers or nobody is there, why.
type DutyWindowCard struct {
	Duty   data.WindowDuty
	Name   *fitlabel.Label // the window
	Person *widget.Label   // who is on duty, or that nobody is
	Post   *fitlabel.Label
	// Reason is data's reason when B covers for A or nobody is on duty;
	// hidden when A is there.
	Reason *fitlabel.Label
	// Photo is the person's photo, or the person icon.
	Photo *canvas.Image

	content fyne.CanvasObject
}

func newDutyWindowCard(w data.WindowDuty, photos map[int64]data.StaffCard) *DutyWindowCard {
	c := &DutyWindowCard{Duty: w}
	c.Name = subheading(windowText(w.Code, map[string]string{w.Code: w.Name}))
	c.Reason = para(dutyReasonText(w))
	c.Post = para("")
	var tags []fyne.CanvasObject
	text := fynetheme.TextSize()
	if e := w.OnDuty; e != nil {
		c.Person = widget.NewLabel(e.Name)
		c.Person.SizeName = fynetheme.SizeNameHeadingText
		c.Post.SetText(e.Post)
		tags = append(tags, badge(dutyPostText(e.AB), badgeInfo), badge(dutyStatusText(e.Status), badgeOK))
		if w.Covering {
			tags = append(tags, badge(lang.L("board.duty.coverTag"), badgeSample))
		} else {
			c.Reason.Hide()
		}
		c.Photo = dutyPhoto(photos[e.StaffID], text*5, text*6.25)
	} else {
		c.Person = widget.NewLabel(lang.L("board.duty.nobodyShort"))
		c.Person.SizeName = fynetheme.SizeNameSubHeadingText
		c.Person.Importance = widget.WarningImportance
		c.Post.Hide()
		// Who is away stands beside the icon, without repeating the
		// headline's 暂无人员在岗.
		c.Reason.SetText(dutyNobodyText(w))
		c.Photo = dutyPhoto(data.StaffCard{}, text*5, text*6.25)
	}
	c.Person.Wrapping = fyne.TextWrapWord
	if c.Post.Text == "" {
		c.Post.Hide()
	}
	lines := container.NewVBox(c.Person, c.Post, badges(tags...))
	if w.OnDuty == nil {
		lines.Add(c.Reason)
	}
	info := compact(lines)
	body := container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(c.Photo)), nil, info)
	parts := container.NewVBox(c.Name, widget.NewSeparator(), body)
	if w.OnDuty != nil {
		parts.Add(c.Reason)
	}
	c.content = onCard(parts)
	return c
}

// DutyPerson is one staff member on the board: name, post, window and A/B,
// where they are and, when out, the note and the expected return. Why
// someone is on leave is never shown (data leaves the note empty).
type DutyPerson struct {
	Entry  data.DutyEntry
	Name   *widget.Label
	Where  *fitlabel.Label // window and A/B
	Status *widget.Label   // 在岗, 外出办事 …
	Note   *fitlabel.Label // the whereabouts note; hidden when none
	Return *fitlabel.Label // 预计…返回; hidden when not given
	Photo  *canvas.Image   // the photo, or the person icon

	content fyne.CanvasObject
}

func newDutyPerson(e data.DutyEntry, now time.Time, photos map[int64]data.StaffCard) *DutyPerson {
	p := &DutyPerson{Entry: e}
	p.Name = widget.NewLabel(e.Name)
	p.Name.SizeName = fynetheme.SizeNameSubHeadingText
	p.Name.TextStyle.Bold = true
	p.Name.Wrapping = fyne.TextWrapWord
	where := lang.L("kiosk.staff.noWindow")
	if e.WindowCode != "" {
		where = windowText(e.WindowCode, map[string]string{e.WindowCode: e.WindowName})
		if ab := dutyPostText(e.AB); ab != "" {
			where += " · " + ab
		}
	}
	if e.Post != "" {
		where = e.Post + "\n" + where
	}
	p.Where = quiet(where)
	p.Status = widget.NewLabel(dutyStatusText(e.Status))
	p.Status.TextStyle.Bold = true
	p.Status.Importance = dutyImportance(e.Status)
	p.Note = para(e.Note)
	if e.Status == data.DutyLeave || e.Note == "" {
		p.Note.SetText("")
		p.Note.Hide()
	}
	p.Return = para(returnText(e.ExpectedReturn, now))
	if e.ExpectedReturn.IsZero() {
		p.Return.Hide()
	}
	text := fynetheme.TextSize()
	p.Photo = dutyPhoto(photos[e.StaffID], text*3, text*3.75)
	info := compact(container.NewVBox(p.Name, p.Where, p.Status, p.Note, p.Return))
	p.content = onCard(container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(p.Photo)), nil, info))
	return p
}

// dutyStatusText is a status's name (data's Chinese, translated for the
// English screen).
func dutyStatusText(s data.DutyStatus) string {
	return lang.X("board.status."+string(s), s.Label())
}

// dutyImportances colour the statuses: on duty green-ish (success), out on
// business as a warning, the rest quiet (dutyImportance).
var dutyImportances = map[data.DutyStatus]widget.Importance{
	data.DutyOnDuty: widget.SuccessImportance,
	data.DutyOut:    widget.WarningImportance, data.DutyVillage: widget.WarningImportance,
}

func dutyImportance(s data.DutyStatus) widget.Importance {
	return lookup(dutyImportances, s, widget.LowImportance)
}

// returnText is "预计11:30返回" today, "预计11月27日 08:30返回" another day.
func returnText(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(data.China)
	if data.Day(t) == data.Day(now) {
		return lang.L("board.duty.returnToday", map[string]any{"Clock": t.Format("15:04")})
	}
	return lang.L("board.duty.returnDay", map[string]any{"Month": int(t.Month()), "Day": t.Day(),
		"Clock": t.Format("15:04")})
}

// dutyPhoto is a staff photo (or the person icon) of the given size.
func dutyPhoto(c data.StaffCard, w, h float32) *canvas.Image {
	img := canvas.NewImageFromResource(photoResource(c))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(w, h))
	return img
}
