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

// Administration section 机构与人员 (administrators; issue 6 §1, §4;
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
	OnDuty(ctx context.Context, now time.Time) (data.DutyBoard, error)
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

func (a *Admin) openOrg() fyne.CanvasObject {
	if a.Org == nil {
		a.Org = newOrgScreen(a)
	} else {
		a.Org.Show(a.Org.Part)
	}
	return a.Org.content
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
	o.content = container.NewBorder(container.NewVBox(container.NewGridWithColumns(len(tabs), tabs...),
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
	for p, b := range o.Tabs {
		if p == part {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	var obj fyne.CanvasObject
	switch part {
	case OrgPartCenter:
		if o.Center == nil {
			o.Center = newCenterForm(o.a)
		} else {
			o.Center.Reload()
		}
		obj = o.Center.content
	case OrgPartWindows:
		if o.Windows == nil {
			o.Windows = newWindowList(o.a)
		} else {
			o.Windows.Reload()
		}
		obj = o.Windows.content
	case OrgPartStaff:
		if o.Staff == nil {
			o.Staff = newStaffList(o.a)
		} else {
			o.Staff.Reload()
		}
		obj = o.Staff.content
	case OrgPartBoard:
		if o.Board == nil {
			o.Board = newOrgBoard(o.a)
		} else {
			o.Board.Reload()
		}
		obj = o.Board.content
	}
	o.body.Objects = []fyne.CanvasObject{obj}
	o.body.Refresh()
}

// orgStatus is a status line under a list or form.
func orgStatus() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// orgShowResult puts the store's answer on a status line: its message in
// red, or ok in green.
func orgShowResult(l *widget.Label, err error, ok string) {
	if err != nil {
		l.Importance = widget.DangerImportance
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.SetText(data.Message(err))
		return
	}
	l.Importance = widget.SuccessImportance
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SetText(ok)
}

// orgPlain sets a status line's text without colour.
func orgPlain(l *widget.Label, text string) {
	l.Importance = widget.MediumImportance
	l.TextStyle = fyne.TextStyle{}
	l.SetText(text)
}

// orgRow is a list row: weighted columns, then the actions in a column of
// fixed width (so that the buttons never push the row off the screen).
func orgRow(cols fyne.Layout, cells []fyne.CanvasObject, actions fyne.CanvasObject, width float32) fyne.CanvasObject {
	return rowBox(container.NewBorder(nil, nil, nil,
		container.New(&fixedSize{size: fyne.NewSize(width, 0)}, actions), container.New(cols, cells...)))
}

// orgHeader is a list's header over orgRow rows.
func orgHeader(cols fyne.Layout, prefix string, width float32, names ...string) fyne.CanvasObject {
	labels := boldLabels(prefix, names...)
	last := labels[len(labels)-1]
	return container.NewBorder(nil, nil, nil, container.New(&fixedSize{size: fyne.NewSize(width, 0)}, last),
		container.New(cols, labels[:len(labels)-1]...))
}

// twoLines is a cell of two lines: the first bold.
func twoLines(first, second string, imp widget.Importance) fyne.CanvasObject {
	a, b := widget.NewLabel(first), widget.NewLabel(second)
	a.TextStyle = fyne.TextStyle{Bold: true}
	a.Truncation, b.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	a.Importance, b.Importance = imp, imp
	return compactBox(a, b)
}

// compactBox stacks objects without the theme's padding between them.
func compactBox(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&tightColumn{}, objs...)
}

// tightColumn lays objects out top to bottom, overlapping their padding a
// little so that two labels read as one cell.
type tightColumn struct{}

func (tightColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - 2*fynetheme.Padding()
	}
}

func (tightColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - 2*fynetheme.Padding()
	}
	return s.AddWidthHeight(0, 2*fynetheme.Padding())
}
