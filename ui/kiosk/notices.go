package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// NoticeList is one disclosure category: its notices by title and date. The
// complaint category starts with the complaint channels (§一(一)4, §一(五):
// the complaint phone, the report phone and the report box); the
// organisation category links to the staff page, 办事公开 to the guides.
type NoticeList struct {
	Category data.DisclosureCategory
	Notices  []data.Notice
	Rows     []*Tile
	// Channels is the complaint channels card (complaint category only).
	Channels fyne.CanvasObject
	// Organisation is the center's own description of its organisation,
	// duties and powers (organisation category only).
	Organisation fyne.CanvasObject
	// StaffTile and GuidesTile are the links of the organisation and
	// 办事公开 categories (nil elsewhere).
	StaffTile  *Tile
	GuidesTile *Tile

	nav     *Nav
	store   DisclosureStore
	guides  GuideStore
	opts    GuideOptions
	content fyne.CanvasObject
}

// NewNoticeList shows the given notices of category c.
func NewNoticeList(nav *Nav, store DisclosureStore, guides GuideStore, opts GuideOptions,
	c data.DisclosureCategory, notices []data.Notice) *NoticeList {
	l := &NoticeList{Category: c, Notices: notices, nav: nav, store: store, guides: guides, opts: opts}
	var objs []fyne.CanvasObject
	switch c {
	case data.CatComplaint:
		l.Channels = complaintChannels(nav.Center())
		objs = append(objs, l.Channels)
	case data.CatOrg:
		if org := nav.Center().Organisation; org != "" {
			l.Organisation = paragraphs(org)
			objs = append(objs, section(nav.Center().Name, l.Organisation))
		}
		l.StaffTile = NewRowTile(fynetheme.AccountIcon(), lang.L("kiosk.disclosure.staff"),
			lang.L("kiosk.disclosure.staff.sub"), l.onStaff)
		objs = append(objs, l.StaffTile)
	case data.CatGuide:
		l.GuidesTile = NewRowTile(fynetheme.FileTextIcon(), lang.L("kiosk.home.guides"),
			lang.L("kiosk.disclosure.guidesLink"), l.onGuides)
		objs = append(objs, l.GuidesTile)
	}
	for _, n := range notices {
		n := n
		t := NewRowTile(fynetheme.DocumentIcon(), n.Title, shortDate(n.PublishedAt), func() { l.onNotice(n) })
		l.Rows = append(l.Rows, t)
		objs = append(objs, t)
	}
	if len(notices) == 0 && !hasOwnContent(c) {
		objs = append(objs, status(lang.L("kiosk.disclosure.none")))
	}
	l.content = vscroll(container.NewVBox(objs...))
	return l
}

// Title is part of Screen.
func (l *NoticeList) Title() string {
	return lang.L("kiosk.home.disclosure") + " · " + categoryText(l.Category)
}

// Content is part of Screen.
func (l *NoticeList) Content() fyne.CanvasObject { return l.content }

func (l *NoticeList) onNotice(n data.Notice) {
	l.nav.Push(NewNoticeView(l.nav, l.store, n))
}

func (l *NoticeList) onStaff() { l.nav.Push(NewStaff(l.nav, l.store)) }

func (l *NoticeList) onGuides() { l.nav.Push(NewGuides(l.nav, l.guides, l.opts)) }

// complaintChannels is the card of the ways to complain and report.
func complaintChannels(c data.Center) fyne.CanvasObject {
	var lines []fyne.CanvasObject
	add := func(key, value string) {
		if value == "" {
			return
		}
		l := widget.NewLabel(lang.L(key, map[string]any{"Value": value}))
		l.SizeName = fynetheme.SizeNameSubHeadingText
		l.Wrapping = fyne.TextWrapWord
		lines = append(lines, l)
	}
	add("kiosk.complaint.phone", c.ComplaintPhone)
	add("kiosk.complaint.reportPhone", c.ReportPhone)
	add("kiosk.complaint.reportBox", c.ReportBox)
	add("kiosk.complaint.servicePhone", c.Phone)
	if c.ComplaintDays > 0 {
		lines = append(lines, para(lang.L("kiosk.complaint.days", map[string]any{"N": c.ComplaintDays})))
	}
	if len(lines) == 0 {
		lines = append(lines, para(lang.L("kiosk.complaint.askWindow")))
	}
	return section(lang.L("kiosk.complaint.title"), compact(container.NewVBox(lines...)))
}
