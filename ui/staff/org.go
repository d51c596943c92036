package staff

import (
	"context"
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

// The parts of the section, in the order of its tabs.
const (
	OrgPartCenter  = "center"
	OrgPartWindows = "windows"
	OrgPartStaff   = "staff"
	OrgPartBoard   = "board"
)

// OrgParts are the section's tabs in display order.
var OrgParts = []string{OrgPartCenter, OrgPartWindows, OrgPartStaff, OrgPartBoard}

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
	icons := map[string]fyne.Resource{OrgPartCenter: fynetheme.HomeIcon(), OrgPartWindows: fynetheme.GridIcon(),
		OrgPartStaff: fynetheme.AccountIcon(), OrgPartBoard: fynetheme.VisibilityIcon()}
	var tabs []fyne.CanvasObject
	for _, p := range OrgParts {
		b := widget.NewButtonWithIcon(lang.L("org.tab."+p), icons[p], a.d.tap(func() { o.Show(p) }))
		o.Tabs[p] = b
		tabs = append(tabs, b)
	}
	o.body = container.NewStack()
	o.content = container.NewBorder(container.NewVBox(orgCompact(container.NewGridWithColumns(len(tabs), tabs...)),
		widget.NewSeparator()), nil, nil, nil, o.body)
	o.Show(OrgPartCenter)
	return o
}

// Show opens a part of the section, reading it afresh.
func (o *OrgScreen) Show(part string) {
	if _, ok := o.Tabs[part]; !ok {
		part = OrgPartCenter
	}
	o.Part = part
	markTab(o.Tabs, part)
	var obj fyne.CanvasObject
	switch part {
	case OrgPartCenter:
		obj = orgPartView(&o.Center, newCenterForm, o.a)
	case OrgPartWindows:
		obj = orgPartView(&o.Windows, newWindowList, o.a)
	case OrgPartStaff:
		obj = orgPartView(&o.Staff, newStaffList, o.a)
	case OrgPartBoard:
		obj = orgPartView(&o.Board, newOrgBoard, o.a)
	}
	o.body.Objects = []fyne.CanvasObject{obj}
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
