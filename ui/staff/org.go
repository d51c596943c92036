package staff

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// Administration section 机构与人员 (administrators;
// §一(一)1, §三1, §四): the center's profile, the windows with their A and B
// posts, the staff with their photos, roles and PINs, and today's on-duty
// board where an administrator records a colleague's whereabouts.

// OrgStore is what the section needs from the store.
type OrgStore interface {
	Center(ctx context.Context) (data.Center, error)
	PutCenter(ctx context.Context, by data.Session, c data.Center) error
	OrgWindows(ctx context.Context) ([]data.OrgWindow, error)
	PutWindow(ctx context.Context, by data.Session, w data.Window) (int64, error)
	SetWindowPosts(ctx context.Context, by data.Session, windowID, aID, bID int64) error
	StopWindow(ctx context.Context, by data.Session, windowID int64) (bool, error)
	RestartWindow(ctx context.Context, by data.Session, windowID int64) error
	OrgStaff(ctx context.Context) ([]data.StaffRecord, error)
	PutStaff(ctx context.Context, by data.Session, e data.StaffEdit) (int64, error)
	SetPIN(ctx context.Context, by data.Session, staffID int64, pin string) error
	UnlockStaff(ctx context.Context, by data.Session, staffID int64) error
	OnDuty(ctx context.Context) (data.DutyBoard, error)
	SetStaffWhereabouts(ctx context.Context, by data.Session, staffID int64, status data.DutyStatus, note string,
		expectedReturn time.Time) error
}

// The parts of the section, a tab each (orgTabs puts them in order).
const (
	OrgPartCenter  = "center"
	OrgPartWindows = "windows"
	OrgPartStaff   = "staff"
	OrgPartBoard   = "board"
)

// orgTab is a tab of the section: its part, its icon and what it shows.
type orgTab struct {
	part string
	icon func() fyne.Resource
	view func(o *OrgScreen) fyne.CanvasObject
}

// orgTabs are the section's tabs in display order.
var orgTabs = []orgTab{
	{OrgPartCenter, fynetheme.HomeIcon, func(o *OrgScreen) fyne.CanvasObject {
		return orgPartView(&o.Center, newCenterForm, o.a)
	}},
	{OrgPartWindows, fynetheme.GridIcon, func(o *OrgScreen) fyne.CanvasObject {
		return orgPartView(&o.Windows, newWindowList, o.a)
	}},
	{OrgPartStaff, fynetheme.AccountIcon, func(o *OrgScreen) fyne.CanvasObject {
		return orgPartView(&o.Staff, newStaffList, o.a)
	}},
	{OrgPartBoard, fynetheme.VisibilityIcon, func(o *OrgScreen) fyne.CanvasObject {
		return orgPartView(&o.Board, newOrgBoard, o.a)
	}},
}

// OrgScreen is the section's screen: a row of tabs over the part on show.
type OrgScreen struct {
	Tabs map[string]*widget.Button
	Part string

	// The parts; nil until first shown.
	Center  *CenterForm
	Windows *WindowList
	Staff   *StaffList
	Board   *OrgBoard

	a       *Admin
	body    *fyne.Container
	content fyne.CanvasObject
}

func newOrgScreen(a *Admin) *OrgScreen {
	o := &OrgScreen{a: a, Tabs: map[string]*widget.Button{}}
	var tabs []fyne.CanvasObject
	for _, t := range orgTabs {
		b := widget.NewButtonWithIcon(lang.L("org.tab."+t.part), t.icon(), a.d.tap(func() { o.Show(t.part) }))
		o.Tabs[t.part] = b
		tabs = append(tabs, b)
	}
	o.body = container.NewStack()
	o.content = container.NewBorder(container.NewVBox(orgCompact(container.NewGridWithColumns(len(tabs), tabs...)),
		widget.NewSeparator()), nil, nil, nil, o.body)
	o.Show(OrgPartCenter)
	return o
}

// Show opens a part of the section (the center's profile for an unknown
// one), reading it afresh.
func (o *OrgScreen) Show(part string) {
	i := slices.IndexFunc(orgTabs, func(t orgTab) bool { return t.part == part })
	if i < 0 {
		i = 0
	}
	tab := orgTabs[i]
	o.Part = tab.part
	markTab(o.Tabs, tab.part)
	o.body.Objects = []fyne.CanvasObject{tab.view(o)}
	o.body.Refresh()
}

// orgPart is a tab of the section.
type orgPart interface {
	comparable
	Reload()
	view() fyne.CanvasObject
}

// orgPartView builds the part on first use (reading it), or reads it again,
// and returns what it shows.
func orgPartView[P orgPart](p *P, build func(*Admin) P, a *Admin) fyne.CanvasObject {
	var none P
	if *p == none {
		*p = build(a)
	} else {
		(*p).Reload()
	}
	return (*p).view()
}

func (f *CenterForm) view() fyne.CanvasObject { return f.content }
func (b *OrgBoard) view() fyne.CanvasObject   { return b.content }
