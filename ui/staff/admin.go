package staff

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Administration: complaints and follow-ups of bad ratings for
// every staff member; reports, backups and the audit log for
// administrators. The screens reach the store through the narrow
// interfaces below; *data.Store satisfies them all (the desk's Store
// includes AdminStore).

// ComplaintStore handles complaints and the follow-ups of bad ratings.
type ComplaintStore interface {
	ComplaintQueue(ctx context.Context, by data.Session, f data.ComplaintFilter) ([]data.ComplaintRow, error)
	Complaint(ctx context.Context, by data.Session, id int64) (data.ComplaintRow, error)
	EnterComplaint(ctx context.Context, by data.Session, nc data.NewComplaint) (data.ComplaintReceipt, error)
	AssignComplaint(ctx context.Context, by data.Session, id, handlerID int64) error
	RecordInvestigation(ctx context.Context, by data.Session, id int64, text string) error
	DecideComplaint(ctx context.Context, by data.Session, id int64, d data.ComplaintDecision) (int64, error)
	ReplyComplaint(ctx context.Context, by data.Session, id int64, reply string, publish bool) error
	SetComplaintPublished(ctx context.Context, by data.Session, id int64, publish bool) error
	RatingsNeedingFollowUp(ctx context.Context) ([]data.FollowUpDue, error)
	RecordFollowUp(ctx context.Context, by data.Session, ratingID int64, text string) error
	LoginChoices(ctx context.Context) ([]data.LoginChoice, error)
	Windows(ctx context.Context) ([]data.Window, error)
}

// ReportStore computes reports and records their export.
type ReportStore interface {
	Report(ctx context.Context, from, to time.Time) (data.Report, error)
	RecordExport(ctx context.Context, by data.Session, what, dest string) error
}

// BackupStore makes a backup on an administrator's request.
type BackupStore interface {
	BackupAs(ctx context.Context, by data.Session, dest string, progress func(done, total int)) error
	// BackupSuffix is how the store's backups end: .db (a SQLite file) or
	// .dump (pg_dump's archive of a PostgreSQL store).
	BackupSuffix() string
}

// AuditStore browses the audit log.
type AuditStore interface {
	Audit(ctx context.Context, f data.AuditFilter) (data.AuditPage, error)
	LoginChoices(ctx context.Context) ([]data.LoginChoice, error)
}

// AdminStore is everything the administration screens need.
type AdminStore interface {
	ComplaintStore
	ReportStore
	BackupStore
	AuditStore
	CatalogFileStore
	ProxyStore
	CalendarStore
	InternalStore
	StudyStore
	AccountabilityStore
	OrgStore
	ItemsStore
	DisclosureAdminStore
}

var _ AdminStore = (*data.Store)(nil)

// RestoreFunc replaces the live data with the backup at src, for the
// signed-in administrator by. The store cannot do it while open, so main
// supplies it (Options.Restore): it closes the Store, calls
// data.RestoreFile(ctx, src, livePath, nil), opens the Store again (Open
// brings an older schema up to date), records the restore with
// (*data.Store).RecordRestore(ctx, by, result) and rebuilds the UI on the
// reopened store. It runs off the UI goroutine; an error from RestoreFile
// (a refused file, ErrBusy) must leave the old store reopened, and its
// message is shown to the administrator.
type RestoreFunc func(ctx context.Context, by data.Session, src string) (data.RestoreResult, error)

// Admin sections, in the order of the side list.
const (
	SectionComplaints     = "complaints"
	SectionFollowUps      = "followups"
	SectionProxy          = "proxy"
	SectionCalendar       = "calendar"
	SectionInternal       = "internal"
	SectionReports        = "reports"
	SectionStudy          = "study"
	SectionAccountability = "accountability"
	SectionOrg            = "org"
	SectionItems          = "items"
	SectionDisclosures    = "disclosures"
	SectionBackup         = "backup"
	SectionAudit          = "audit"
)

// adminList is what an administration screen built on a list of rows keeps
// besides its widgets: its section, the box of rows, the whole screen and
// its latest read (a later read's answer replaces an earlier one's).
type adminList struct {
	a       *Admin
	list    *fyne.Container
	content fyne.CanvasObject
	load    latest
}

// newAdminList is a list screen's common part, its box of rows empty.
func newAdminList(a *Admin) adminList {
	return adminList{a: a, list: container.NewVBox()}
}

// Admin is the administration screen: a column of sections beside the
// section on show. Staff who are not administrators get the day-to-day
// sections only (complaints, follow-ups, proxy batches, the calendar and
// the internal rules).
type Admin struct {
	Tabs    map[string]*widget.Button
	Section string

	// The sections; nil until first shown.
	Complaints     *ComplaintList
	Complaint      *ComplaintView
	FollowUps      *FollowUps
	Proxy          *ProxyBatches
	Calendar       *CalendarScreen
	Internal       *InternalRules
	Reports        *Reports
	Study          *StudyScreen
	Accountability *AccountabilityScreen
	Org            *OrgScreen
	Items          *ItemsScreen
	Disclosures    *DisclosuresScreen
	Backup         *BackupScreen
	Audit          *AuditLog

	d       *Desk
	store   AdminStore
	body    *fyne.Container
	content fyne.CanvasObject
}

// adminSection is one entry of the side list: open builds the section on
// first use (or reloads it) and returns its content.
type adminSection struct {
	key       string
	adminOnly bool
	icon      func() fyne.Resource
	open      func(a *Admin) fyne.CanvasObject
}

// adminSectionList is every section in the order of the side list (a
// function, not a variable: the sections' code refers back to Show).
func adminSectionList() []adminSection {
	return []adminSection{
		{SectionComplaints, false, fynetheme.MailComposeIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Complaints, newComplaintList, (*ComplaintList).Reload).content
		}},
		{SectionFollowUps, false, fynetheme.MailReplyIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.FollowUps, newFollowUps, (*FollowUps).Reload).content
		}},
		{SectionProxy, false, fynetheme.MailSendIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Proxy, newProxyBatches, (*ProxyBatches).Reload).content
		}},
		{SectionCalendar, false, fynetheme.CalendarIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Calendar, newCalendarScreen, func(c *CalendarScreen) { c.Edit, c.Importer = nil, nil; c.Reload() }).content
		}},
		{SectionInternal, false, fynetheme.DocumentIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Internal, newInternalRules, func(s *InternalRules) { s.Editor = nil; s.Reload() }).content
		}},
		{SectionReports, true, fynetheme.GridIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Reports, newReports, nil).content
		}},
		{SectionStudy, true, fynetheme.FolderOpenIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Study, newStudyScreen, func(s *StudyScreen) { s.Roll, s.Record = nil, nil; s.Reload() }).content
		}},
		{SectionAccountability, true, fynetheme.WarningIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Accountability, newAccountabilityScreen, func(s *AccountabilityScreen) { s.Record = nil; s.Reload() }).content
		}},
		{SectionOrg, true, fynetheme.AccountIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Org, newOrgScreen, func(o *OrgScreen) { o.Show(o.Part) }).content
		}},
		{SectionItems, true, fynetheme.ListIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Items, newItemsScreen, (*ItemsScreen).reopen).content
		}},
		{SectionDisclosures, true, fynetheme.InfoIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Disclosures, newDisclosuresScreen, func(s *DisclosuresScreen) { s.Item = nil; s.Reload() }).content
		}},
		{SectionBackup, true, fynetheme.StorageIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Backup, newBackupScreen, (*BackupScreen).loadDaily).content
		}},
		{SectionAudit, true, fynetheme.HistoryIcon, func(a *Admin) fyne.CanvasObject {
			return openScreen(a, &a.Audit, newAuditLog, (*AuditLog).Reload).content
		}},
	}
}

// openScreen gives the section's screen kept in *slot: made by build the
// first time the section opens; after that, again (nil for none) brings it
// up to date before it shows again.
func openScreen[S any](a *Admin, slot **S, build func(*Admin) *S, again func(*S)) *S {
	if *slot == nil {
		*slot = build(a)
	} else if again != nil {
		again(*slot)
	}
	return *slot
}

// adminSections are the sections the session may open.
func adminSections(s data.Session) []string {
	var out []string
	for _, sec := range adminSectionList() {
		if !sec.adminOnly || s.Admin() {
			out = append(out, sec.key)
		}
	}
	return out
}

// newAdminButton is the top bar's 管理 (administrators) or 日常事务 (staff)
// button; its label is set at sign-in (adminSignedIn).
func newAdminButton(d *Desk) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("admin.bar.admin"), fynetheme.SettingsIcon(), d.tap(d.ShowAdmin))
}

// adminSignedIn names the button for who signed in.
func (d *Desk) adminSignedIn(s data.Session) {
	d.Admin = nil
	d.AdminButton.Show()
	if s.Admin() {
		d.AdminButton.SetText(lang.L("admin.bar.admin"))
	} else {
		d.AdminButton.SetText(lang.L("admin.bar.complaints"))
	}
}

// ShowAdmin shows the administration screen at its first section (or the
// section last shown).
func (d *Desk) ShowAdmin() {
	if !d.signedIn {
		return
	}
	d.Request, d.Intake = nil, nil
	if d.Admin == nil {
		d.Admin = newAdmin(d, d.store)
	} else {
		d.Admin.Show(d.Admin.Section)
	}
	d.show(d.Admin.content)
}

func newAdmin(d *Desk, st AdminStore) *Admin {
	a := &Admin{d: d, store: st, Tabs: map[string]*widget.Button{}}
	list := container.NewVBox()
	allowed := adminSections(d.session)
	for _, sec := range adminSectionList() {
		if !slices.Contains(allowed, sec.key) {
			continue
		}
		b := widget.NewButtonWithIcon(lang.L("admin.tab."+sec.key), sec.icon(), d.tap(func() { a.Show(sec.key) }))
		b.Alignment = widget.ButtonAlignLeading
		a.Tabs[sec.key] = b
		list.Add(b)
	}
	a.body = container.NewStack()
	a.content = container.NewBorder(nil, nil,
		container.NewHBox(touch.NewVScroll(list), widget.NewSeparator()), nil, a.body)
	a.Show(SectionComplaints)
	return a
}

// Show opens a section (reloading it if it was open before). A section the
// session may not open is ignored.
func (a *Admin) Show(section string) {
	if _, ok := a.Tabs[section]; !ok {
		return
	}
	a.Section = section
	a.Complaint = nil
	markTab(a.Tabs, section)
	for _, sec := range adminSectionList() {
		if sec.key == section {
			a.setBody(sec.open(a))
			return
		}
	}
}

func (a *Admin) setBody(o fyne.CanvasObject) {
	// A section wider than the room beside the list is cut at the right
	// rather than widening the window past the screen (退出 must stay on
	// it); sections keep their rows narrow enough for 1280 px.
	// A section taller than the room scrolls as a whole, rather than growing
	// the window past the screen (which a wrapping label's first, narrow
	// layout would otherwise do).
	a.body.Objects = []fyne.CanvasObject{touch.NewVScroll(container.New(narrowLayout{}, o))}
	a.body.Refresh()
}

// narrowLayout gives its objects all of its size and asks for no width.
type narrowLayout struct{}

func (narrowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(max(size.Width, 0), size.Height))
	}
}

func (narrowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

// collapseEmpty takes no room while its label is empty, and the label's
// room once it has something to say.
type collapseEmpty struct{ l *widget.Label }

func (c collapseEmpty) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (c collapseEmpty) MinSize([]fyne.CanvasObject) fyne.Size {
	if c.l.Text == "" {
		return fyne.Size{}
	}
	return c.l.MinSize()
}

// FormDialog is a dialog of one administration step: its fields, a line
// for the store's message, 取消 and 确定. 确定 runs the step off the UI
// goroutine; on success the dialog closes and done runs, otherwise the
// message shows and the dialog stays open.
type FormDialog struct {
	Error  *widget.Label
	Submit *widget.Button
	Cancel *widget.Button

	d    *Desk
	dlg  dialog.Dialog
	rows *fyne.Container
	busy bool
	open bool
}

// relayout lays the form out again after a field was shown or hidden.
func (f *FormDialog) relayout() {
	if f != nil && f.rows != nil {
		f.rows.Refresh()
	}
}

// submitOffUI runs work off the UI goroutine, saying 正在保存 on status,
// while busy is set and button disabled; back on the UI goroutine it shows
// work's error on status or, when work succeeded, calls done.
func submitOffUI(d *Desk, busy *bool, button *widget.Button, status *widget.Label, work func() error, done func()) {
	*busy = true
	button.Disable()
	status.SetText(lang.L("admin.saving"))
	d.async(func() func() {
		err := work()
		return func() {
			*busy = false
			button.Enable()
			if err != nil {
				status.SetText(locale.Message(err))
				return
			}
			done()
		}
	})
}

// newFormDialog shows a form. collect runs on the UI goroutine when 确定 is
// tapped and returns the work to run off it (nil: collect has set Error).
func newFormDialog(d *Desk, title string, rows []fyne.CanvasObject, size fyne.Size,
	collect func(f *FormDialog) (work func() error), done func()) *FormDialog {
	f := &FormDialog{d: d, open: true}
	f.Error = widget.NewLabel("")
	f.Error.Wrapping = fyne.TextWrapWord
	f.Error.Importance = widget.DangerImportance
	f.Error.TextStyle = fyne.TextStyle{Bold: true}
	f.Cancel = widget.NewButton(lang.L("admin.cancel"), d.tap(f.close))
	f.Submit = widget.NewButton(lang.L("admin.submit"), d.tap(func() {
		if f.busy {
			return
		}
		f.Error.SetText("") // an old message must not stand for this try
		work := collect(f)
		if work == nil {
			return
		}
		submitOffUI(d, &f.busy, f.Submit, f.Error, work, func() {
			f.close()
			if done != nil {
				done()
			}
		})
	}))
	f.Submit.Importance = widget.HighImportance
	// The message stays in sight above the buttons, however long the form
	// scrolls.
	f.rows = container.NewVBox(rows...)
	body := container.NewBorder(nil, container.NewVBox(
		container.New(collapseEmpty{f.Error}, f.Error), container.NewGridWithColumns(2, f.Cancel, f.Submit)),
		nil, nil, touch.NewVScroll(f.rows))
	f.dlg = dialog.NewCustomWithoutButtons(title, body, d.win)
	f.dlg.Resize(size)
	f.dlg.Show()
	return f
}

func (f *FormDialog) close() {
	f.open = false
	f.dlg.Hide()
}

// Open reports whether the dialog is still up.
func (f *FormDialog) Open() bool { return f.open }

// newEntry is a form entry that counts typing as activity.
func (d *Desk) newEntry(multi bool, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	if multi {
		e = widget.NewMultiLineEntry()
		e.SetMinRowsVisible(3)
		e.Wrapping = fyne.TextWrapWord
	}
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { d.Activity() }
	return e
}

// dayEntry is a one-line field for a day: it gets the keypad with "-"
// (2026-03-20, or 20260320 with the digits alone), not the pinyin
// keyboard, on which staff could not find the digits.
func (d *Desk) dayEntry(placeholder string) *widget.Entry {
	e := d.newEntry(false, placeholder)
	d.Keys.SetKind(e, input.Date)
	return e
}

// labelled is a field's label over the field.
func labelled(label string, o fyne.CanvasObject) []fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return []fyne.CanvasObject{l, o}
}

// dayTime is a time as 2026-03-05 09:30 in China time, "—" if zero.
func dayTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(data.China).Format("2006-01-02 15:04")
}
