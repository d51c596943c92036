package staff

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/internal/stack"
	bmtheme "bianmin/ui/theme"
)

// QueueRowView is one row of the queue, in two compact lines: the number,
// the item and the badges (协助, due soon or overdue, a 补正 notice falling
// due); then the applicant (in full: staff mode), the owner, the status and
// the time left in working days. Tapping it opens the request.
type QueueRowView struct {
	widget.BaseWidget
	Row data.QueueRow
	// Due is the time-left text, coloured by how the request stands.
	Due *canvas.Text
	// Badges are the badges' texts, in order.
	Badges []string
	texts  []string
	onTap  func()
	bg     *canvas.Rectangle

	owner, status string
	badgeColors   []fyne.ThemeColorName
}

func newQueueRowView(r data.QueueRow, onTap func()) *QueueRowView {
	v := &QueueRowView{Row: r, onTap: onTap}
	v.ExtendBaseWidget(v)
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	due, state := dueText(r)
	v.Due = canvas.NewText(due, th.Color(fynetheme.ColorNameForeground, variant))
	v.Due.TextSize = th.Size(fynetheme.SizeNameText)
	if c := stateColor(state); c != "" {
		v.Due.Color = th.Color(c, variant)
		v.Due.TextStyle = fyne.TextStyle{Bold: true}
	}
	v.owner = r.Owner
	if v.owner == "" {
		v.owner = lang.L("staff.queue.noOwner")
	}
	v.status = statusText(r.Status)
	if r.Paused {
		v.status += lang.L("staff.queue.paused")
	}
	flags := ""
	if r.NeedsHelp {
		flags = lang.L("staff.queue.help")
	}
	v.texts = []string{r.ReceiptNo, r.Item, r.Applicant, v.owner, v.status, due, flags}

	addBadge := func(text string, c fyne.ThemeColorName) {
		v.Badges = append(v.Badges, text)
		v.badgeColors = append(v.badgeColors, c)
	}
	if r.NeedsHelp {
		addBadge(lang.L("staff.queue.help"), bmtheme.ColorNameStatusInfo)
	}
	switch {
	case r.Status == data.StatusSubmitted && r.NoticeState == data.DueOverdue:
		addBadge(lang.L("staff.queue.badge.noticeOverdue"), bmtheme.ColorNameStatusOverdue)
	case r.Status == data.StatusSubmitted && r.NoticeState == data.DueSoon:
		addBadge(lang.L("staff.queue.badge.noticeSoon"), bmtheme.ColorNameStatusDueSoon)
	case r.DueState == data.DueOverdue:
		addBadge(lang.L("staff.queue.badge.overdue"), bmtheme.ColorNameStatusOverdue)
	case r.DueState == data.DueSoon:
		addBadge(lang.L("staff.queue.badge.soon"), bmtheme.ColorNameStatusDueSoon)
	}
	return v
}

// build makes the row's widgets. It waits for the first renderer: the
// queue's list draws only the rows in sight, and a row scrolled to later
// is built then.
func (v *QueueRowView) build() fyne.CanvasObject {
	r := v.Row
	th := fyne.CurrentApp().Settings().Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	var badges []fyne.CanvasObject
	for i, text := range v.Badges {
		badges = append(badges, queueBadge(text, th.Color(v.badgeColors[i], variant),
			th.Color(bmtheme.ColorNameOnStatus, variant), th.Size(fynetheme.SizeNameCaptionText)))
	}
	no := widget.NewLabel(r.ReceiptNo)
	no.TextStyle = fyne.TextStyle{Bold: true}
	// The item and the people are cut with … by fitlabel (Fyne's own
	// ellipsis re-shapes the whole text at every refresh and resize), inset
	// as compactRow insets a label.
	item := fitlabel.New(r.Item)
	item.TextStyle = fyne.TextStyle{Bold: true}
	peopleKey := "staff.queue.row.people"
	if r.Owner == "" {
		peopleKey = "staff.queue.row.peopleNoOwner" // "handled by Unassigned" read oddly
	}
	people := fitlabel.New(lang.L(peopleKey, map[string]any{"Applicant": r.Applicant,
		"Owner": v.owner, "Status": v.status, "Mode": modeWord(r.Mode)}))
	line1 := container.NewBorder(nil, nil, exactWidth(250, no), container.NewHBox(badges...),
		bmtheme.Inset(item, compactRowInset))
	line2 := container.NewBorder(nil, nil, nil, container.New(&insetLayout{x: 6, y: 3}, v.Due),
		bmtheme.Inset(people, compactRowInset))
	v.bg = canvas.NewRectangle(color.Transparent)
	v.bg.StrokeColor = th.Color(fynetheme.ColorNameSeparator, variant)
	v.bg.StrokeWidth = 1
	v.bg.CornerRadius = 4
	if r.NeedsHelp {
		v.bg.FillColor = th.Color(fynetheme.ColorNameHover, variant)
	}
	return container.NewStack(v.bg, container.New(&insetLayout{x: 6}, compactRow(container.New(stack.Layout{},
		line1, line2))))
}

// Texts are the row's facts as shown: number, item, applicant, owner,
// status, time left, 协助.
func (v *QueueRowView) Texts() []string { return v.texts }

// Tapped is part of fyne.Tappable.
func (v *QueueRowView) Tapped(*fyne.PointEvent) {
	if v.onTap != nil {
		v.onTap()
	}
}

// CreateRenderer is part of fyne.Widget.
func (v *QueueRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.build())
}

// MinSize keeps a row a comfortable touch target.
func (v *QueueRowView) MinSize() fyne.Size {
	return v.BaseWidget.MinSize().Max(fyne.NewSize(0, bmtheme.MinTouchTarget))
}

// queueBadge is a small coloured label.
func queueBadge(text string, bg, fg color.Color, size float32) fyne.CanvasObject {
	t := canvas.NewText(text, fg)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: true}
	r := canvas.NewRectangle(bg)
	r.CornerRadius = 6
	return container.NewCenter(container.NewStack(r, container.New(&insetLayout{x: 8, y: 2}, t)))
}

// dueText is the due column: the date and working days left, or for a new
// request the last day for a 补正 notice.
func dueText(r data.QueueRow) (string, data.DueState) {
	switch {
	case r.DueDay != "" && (r.Status == data.StatusAccepted || r.Status == data.StatusEscalated):
		var left string
		switch {
		case r.WorkdaysLeft < 0:
			left = lang.L("staff.due.overdue", map[string]any{"Days": -r.WorkdaysLeft})
		case r.WorkdaysLeft == 0:
			left = lang.L("staff.due.today")
		default:
			left = lang.L("staff.due.left", map[string]any{"Days": r.WorkdaysLeft})
		}
		return shortDay(r.DueDay) + " " + left, r.DueState
	case r.Status == data.StatusSubmitted && r.NoticeDeadline != "":
		return lang.L("staff.due.notice", map[string]any{"Day": shortDay(r.NoticeDeadline)}), r.NoticeState
	case r.DueDay != "":
		return shortDay(r.DueDay), data.DueNone
	}
	return "—", data.DueNone
}

func stateColor(s data.DueState) fyne.ThemeColorName {
	switch s {
	case data.DueSoon:
		return bmtheme.ColorNameStatusDueSoon
	case data.DueOverdue:
		return bmtheme.ColorNameStatusOverdue
	}
	return ""
}

// statusText is a status as staff name it (shorter than the resident's).
func statusText(s data.Status) string { return lang.L("staff.status." + string(s)) }

// insetLayout pads its objects by x and y on each side.
type insetLayout struct{ x, y float32 }

func (l *insetLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(l.x, l.y))
		o.Resize(fyne.NewSize(size.Width-2*l.x, size.Height-2*l.y))
	}
}

func (l *insetLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSize(2*l.x, 2*l.y))
}

// exactWidthLayout gives its objects exactly w, whatever they ask for (a
// Select with a long option would otherwise push the row off the screen).
type exactWidthLayout struct{ w float32 }

func exactWidth(w float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&exactWidthLayout{w: w}, o)
}

func (l *exactWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *exactWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

// tight lays out the labels, buttons and selects in o as if the theme's
// inner padding were inner (bmtheme.Tighten); the gaps between objects
// stay the theme's padding. These are the desk's denser screens, built
// without a theme override, which would parse the CJK font again for
// every row. (The overrides these replace also set a smaller padding, but
// Fyne laid the containers out with the app's: the gaps shown were the
// theme's, and stay so.)
func tight(o fyne.CanvasObject, inner float32) fyne.CanvasObject {
	return bmtheme.Tighten(o, func() float32 { return inner }, fynetheme.Padding)
}

// compactControls shows the queue's tabs and filters with less padding:
// buttons and selects about 52 dp tall, still easy to hit at a desk.
func compactControls(o fyne.CanvasObject) fyne.CanvasObject { return tight(o, 10) }

// compactRow shows a queue row's two lines with little padding: about
// 64 dp for the whole row.
func compactRow(o fyne.CanvasObject) fyne.CanvasObject { return tight(o, 3) }

// compactRowInset is how much of a label's inner padding compactRow takes
// back.
func compactRowInset() float32 {
	return fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameInnerPadding) - 3
}

// shortDay is a YYYY-MM-DD day as MM-DD.
func shortDay(day string) string {
	if len(day) == 10 {
		return day[5:]
	}
	return day
}
