package staff

import (
	"context"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/internal/activity"
	"bianmin/ui/internal/hooks"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/rescue"
	"bianmin/ui/touch"
)

// AuthStore signs staff in and out.
type AuthStore interface {
	LoginChoices(ctx context.Context) ([]data.LoginChoice, error)
	LoginID(ctx context.Context, staffID int64, pin string) (data.Session, error)
	Logout(ctx context.Context, by data.Session, reason string) error
	NeedsFirstAdmin(ctx context.Context) (bool, error)
	SetupFirstAdmin(ctx context.Context, staffID int64, pin string) (data.Session, error)
	// SetPIN sets an administrator's new PIN at sign-in when theirs no
	// longer meets the rules (data.Session.PINChange).
	SetPIN(ctx context.Context, by data.Session, staffID int64, pin string) error
}

// QueueStore reads the queue.
type QueueStore interface {
	Queue(ctx context.Context, f data.QueueFilter) ([]data.QueueRow, error)
	QueueCounts(ctx context.Context, f data.QueueFilter) (data.QueueCounts, error)
	Windows(ctx context.Context) ([]data.Window, error)
	// CalendarCoverage says whether the holiday schedules are in, for the
	// queue's warning of a missing one.
	CalendarCoverage(ctx context.Context) (data.CalendarCoverage, error)
}

// HandlingStore reads one request and applies the handling steps.
type HandlingStore interface {
	RequestDetail(ctx context.Context, id int64) (data.RequestDetail, error)
	Item(ctx context.Context, id int64) (data.Item, error)
	Center(ctx context.Context) (data.Center, error)
	Windows(ctx context.Context) ([]data.Window, error)
	LoginChoices(ctx context.Context) ([]data.LoginChoice, error)

	AcceptChecked(ctx context.Context, by data.Session, requestID int64, mode data.Mode, note string,
		confirm bool) error
	SetReceived(ctx context.Context, by data.Session, requestID, materialID int64, received bool) error
	RequestSupplement(ctx context.Context, by data.Session, requestID int64, materialIDs []int64, note,
		secondReason string) (data.SupplementNotice, error)
	MaterialsComplete(ctx context.Context, by data.Session, requestID int64) error
	Refuse(ctx context.Context, by data.Session, requestID int64, reason, basis string) (data.Refusal, error)
	Escalate(ctx context.Context, by data.Session, requestID int64, dept string, sentDay, expectedDay time.Time,
		note string) error
	UpperResult(ctx context.Context, by data.Session, requestID int64, result string) error
	HandOver(ctx context.Context, by data.Session, requestID, toStaffID, toWindowID int64, note string) error
	JointPart(ctx context.Context, by data.Session, requestID, windowID int64, note string) error
	Finish(ctx context.Context, by data.Session, requestID int64, result string, reply data.ReplyMethod) error
	PauseClock(ctx context.Context, by data.Session, requestID int64, reason string, restart time.Time) error
	ResumeClock(ctx context.Context, by data.Session, requestID int64, note string) error
	AddNote(ctx context.Context, by data.Session, requestID int64, note string, public bool) error
	Withdraw(ctx context.Context, by data.Session, requestID int64, reason string) error
}

// IntakeStore registers a walk-in request at the window.
type IntakeStore interface {
	// SearchItems finds the item to register (and the queue's item
	// filter): a center may have thousands, so none is listed in full.
	SearchItems(ctx context.Context, q string) ([]data.ItemSummary, error)
	Item(ctx context.Context, id int64) (data.Item, error)
	Register(ctx context.Context, reg data.Registration) (data.Receipt, error)
}

// DutyStore signs staff in for the day and records where they are.
type DutyStore interface {
	SignIn(ctx context.Context, by data.Session) (data.Attendance, error)
	SignOut(ctx context.Context, by data.Session) (data.Attendance, error)
	TodayAttendance(ctx context.Context, staffID int64) (data.Attendance, error)
	SetWhereabouts(ctx context.Context, by data.Session, status data.DutyStatus, note string, expectedReturn time.Time) error
}

// Store is everything staff mode needs; *data.Store satisfies it.
type Store interface {
	AuthStore
	QueueStore
	HandlingStore
	IntakeStore
	DutyStore
	RefusalReasonStore
	GuideStore
	NoticeStore
	receiptStore
	healthStore
	AdminStore
}

// healthStore says what the last check of the data file found.
type healthStore interface {
	Health() data.Health
}

var _ Store = (*data.Store)(nil)

// Printer prints a PDF with a CUPS media option; paper.Printer satisfies it.
type Printer interface {
	Print(ctx context.Context, pdf []byte, media string) (string, error)
}

var _ Printer = paper.Printer{}

// printerFor is the printer of paper in format f: the A4 queue for A4, the
// roll's for the roll.
func (d *Desk) printerFor(f paper.Format) Printer {
	if f == paper.A4 {
		return d.opts.A4Printer
	}
	return d.opts.Printer
}

// AfterFunc calls f on the UI goroutine once d has passed, unless cancel is
// called first (the kiosk's kiosk.AfterFunc is the same type).
type AfterFunc = hooks.AfterFunc

// DefaultIdleLock is how long staff mode waits without a touch before it
// signs out and goes back to the kiosk.
const DefaultIdleLock = 3 * time.Minute

// Options configures the desk. The zero value works (no printer).
type Options struct {
	// Context is the context of store calls (default context.Background()).
	Context context.Context
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Run runs store work off the UI goroutine (default: a new goroutine).
	// Tests pass func(f func()) { f() }.
	Run func(func())
	// After schedules timers that call back on the UI goroutine (default:
	// time.AfterFunc + fyne.Do). Tests pass a manual one.
	After AfterFunc
	// IdleLock is the time without activity after which the desk signs out
	// and exits (default DefaultIdleLock; negative: never).
	IdleLock time.Duration
	// Printer prints receipts and notices; nil hides the print buttons.
	Printer Printer
	// A4Printer prints what goes on A4 (the written notices when
	// NoticeFormat is A4, application forms, 代办清单, reports), so that
	// the 80 mm roll of Printer gets receipts only; nil: Printer.
	A4Printer Printer
	// NoticeFormat is the paper of the written notices (default paper.A4;
	// the receipt is always the 80 mm roll).
	NoticeFormat paper.Format
	// BaseURL is the phone status page's address for the QR codes
	// ({BaseURL}/r/{token}); "" prints no QR code on notices.
	BaseURL string
	// BackupDir is the folder of the daily backups (data.BackupDaily),
	// listed on the backup screen; "" lists none.
	BackupDir string
	// Restore restores a backup for the backup screen (see RestoreFunc in
	// admin.go); nil disables restoring from staff mode.
	Restore RestoreFunc
	// Trouble, if set, says why self-service is paused (the kiosk is in
	// maintenance), nil when it is not; the desk then says so in red with
	// the restore offer, as for a damaged file.
	Trouble func() error
	// AfterRestore, if set, is called on the UI goroutine once the
	// administrator has read the outcome of a restore that reached the
	// data file (Restore returned with the store closed and opened again,
	// whether or not the restore succeeded): main rebuilds the kiosk and
	// the desk on the reopened store.
	AfterRestore func()
	// Changes, if set, is the store's change feed (data.Store.Changes):
	// the queue with its counts, or the complaint list, on show is read
	// again after each change, so that a kiosk's registration or another
	// desk's step shows at once (live.go). nil: they are read when shown
	// and on 刷新 only.
	Changes ChangeFeed
	// IDCard is the identity-card reader (*idcard.Watcher): a card placed
	// on it fills intake's name and ID number. Nil: typed only.
	IDCard CardReader
}

// Desk is staff mode: a top bar and one screen at a time (sign-in, the
// queue, a request, walk-in intake).
type Desk struct {
	// OnExit is called after the desk has signed out (or was left from the
	// sign-in screen): main puts the kiosk back.
	OnExit func()

	// The screens; nil until first shown. Login is nil while signed in,
	// Request and Intake while not open.
	Login   *Login
	Queue   *Queue
	Request *Request
	Intake  *Intake
	Admin   *Admin

	// Damage is the red line under the top bar shown while the data file's
	// last check (data.Store.Health) found it damaged, or the kiosk is in
	// maintenance (Options.Trouble); Rescue under it offers the newest
	// good backup (see health.go).
	Damage *widget.Label
	Rescue *rescue.Offer

	// Top bar.
	UserLabel    *widget.Label
	barScroll    *container.Scroll // the bar's buttons, scrolled sideways when too wide
	QueueButton  *widget.Button
	IntakeButton *widget.Button
	AdminButton  *widget.Button
	ExitButton   *widget.Button
	Duty         *Duty

	// Keys gives every text field of staff mode, in its screens and its
	// dialogs, the on-screen keyboard of the kiosk: staff use the lobby
	// touchscreen too.
	Keys *input.Auto

	store Store
	win   fyne.Window
	opts  Options

	session  data.Session
	signedIn bool
	center   data.Center

	body     *fyne.Container
	bar      *fyne.Container
	title    *widget.Label
	userBar  *fyne.Container
	root     fyne.CanvasObject
	last     time.Time
	idleStop func()
	open     bool
	stopLive func() // stops watchChanges while signed in
	// post runs f on the UI goroutine (fyne.Do); a test holds the turns
	// the change feed asks for (live.go).
	post func(f func())

	damageBox *fyne.Container // Damage and Rescue
}

// New builds the desk. Nothing shows until Open.
func New(store Store, win fyne.Window, opts Options) *Desk {
	hooks.Fill(&opts.Context, &opts.Now, &opts.Run, &opts.After)
	if opts.IdleLock == 0 {
		opts.IdleLock = DefaultIdleLock
	}
	if opts.NoticeFormat == 0 {
		opts.NoticeFormat = paper.A4
	}
	if opts.A4Printer == nil {
		opts.A4Printer = opts.Printer
	}
	d := &Desk{store: store, win: win, opts: opts, post: fyne.Do}
	d.UserLabel = widget.NewLabel("")
	d.UserLabel.TextStyle = fyne.TextStyle{Bold: true}
	d.QueueButton = widget.NewButtonWithIcon(lang.L("staff.bar.queue"), fynetheme.ListIcon(), d.tap(d.ShowQueue))
	d.IntakeButton = widget.NewButtonWithIcon(lang.L("staff.bar.intake"), fynetheme.ContentAddIcon(), d.tap(d.ShowIntake))
	d.ExitButton = widget.NewButtonWithIcon(lang.L("staff.bar.exit"), fynetheme.LogoutIcon(), d.onExit)
	d.ExitButton.Importance = widget.DangerImportance
	d.AdminButton = newAdminButton(d)
	d.Duty = newDuty(d)
	d.userBar = container.NewHBox(d.QueueButton, d.IntakeButton, d.AdminButton, d.Duty.content)
	// The title shows on the sign-in screen; once someone is signed in
	// their name takes its place, next to 退出.
	d.title = widget.NewLabel(lang.L("staff.bar.title"))
	d.title.TextStyle = fyne.TextStyle{Bold: true}
	// 退出 and who is signed in are pinned to the right; the rest scrolls
	// sideways on a narrow screen rather than push them off it (the name,
	// last in the scrolled row, ran off the bar in English).
	d.barScroll = touch.NewHScroll(container.NewHBox(d.title, d.userBar))
	d.bar = container.NewBorder(nil, nil, nil, container.NewHBox(d.UserLabel, d.ExitButton), d.barScroll)
	d.body = container.NewStack()
	d.Damage = widget.NewLabel(lang.L("staff.damaged"))
	d.Damage.Importance = widget.DangerImportance
	d.Damage.TextStyle = fyne.TextStyle{Bold: true}
	d.Damage.Wrapping = fyne.TextWrapWord
	d.Damage.Hide()
	d.damageBox = container.NewVBox(d.Damage)
	d.damageBox.Hide()
	d.Keys = input.NewAuto(win)
	d.Keys.After = opts.After
	d.root = activity.NewArea(d.Keys.Wrap(container.NewBorder(container.NewVBox(container.NewPadded(d.bar), d.damageBox, widget.NewSeparator()),
		nil, nil, nil, container.NewPadded(d.body))), d.Activity)
	return d
}

// Content is the window content of staff mode.
func (d *Desk) Content() fyne.CanvasObject { return d.root }

// Session is the signed-in staff member; ok is false on the sign-in screen.
func (d *Desk) Session() (s data.Session, ok bool) { return d.session, d.signedIn }

// Open starts staff mode at the sign-in screen (or the first
// administrator's setup on first start) and starts the idle lock. main
// calls it from the kiosk's OnStaffRequest, after setting the window's
// content to Content.
func (d *Desk) Open() {
	d.open = true
	d.signedIn = false
	d.session = data.Session{}
	d.Queue, d.Request, d.Intake = nil, nil, nil
	d.Activity()
	d.armIdle()
	d.Keys.Start()
	d.showHealth()
	d.showLogin()
	fetch(d, d.store.Center, logged("staff: center"), func(c data.Center) { d.center = c })
}

// Activity records that someone used the desk now (for the idle lock).
func (d *Desk) Activity() { d.last = d.opts.Now() }

// LastActivity is when the desk was last used.
func (d *Desk) LastActivity() time.Time { return d.last }

// Lock signs out (if signed in) with the reason, closes every dialog and
// calls OnExit. Every way out of staff mode goes through here.
func (d *Desk) Lock(reason string) {
	if !d.open {
		return
	}
	d.open = false
	hooks.Stop(&d.idleStop)
	if d.signedIn {
		sess := d.session
		d.opts.Run(func() {
			if err := d.store.Logout(d.opts.Context, sess, reason); err != nil {
				fyne.LogError("staff: logout", err)
			}
		})
	}
	d.signedIn = false
	d.session = data.Session{}
	d.stopWatching()
	d.Login, d.Queue, d.Request, d.Intake, d.Admin = nil, nil, nil, nil, nil
	d.Keys.Stop()
	d.body.RemoveAll()
	overlays := d.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
	d.win.Canvas().Unfocus()
	if d.OnExit != nil {
		d.OnExit()
	}
}

// Abandon stops the desk for good without touching its store (which may
// be closed): no sign-out is recorded, OnExit is not called, and its timers
// stop. main calls it after a restore, before building a new desk on the
// reopened store in the same window.
func (d *Desk) Abandon() {
	d.open = false
	hooks.Stop(&d.idleStop)
	d.signedIn = false
	d.session = data.Session{}
	d.stopWatching()
	d.Login, d.Queue, d.Request, d.Intake, d.Admin = nil, nil, nil, nil, nil
	d.Keys.Stop()
	d.OnExit = nil
}

func (d *Desk) onExit() { d.Lock(lang.L("staff.logout.exit")) }

// armIdle schedules the idle check for when the lock would fall due.
func (d *Desk) armIdle() {
	hooks.Stop(&d.idleStop)
	if d.opts.IdleLock < 0 || !d.open {
		return
	}
	wait := d.opts.IdleLock - d.opts.Now().Sub(d.last)
	d.idleStop = d.opts.After(max(wait, time.Second), d.checkIdle)
}

func (d *Desk) checkIdle() {
	d.idleStop = nil
	if !d.open {
		return
	}
	if d.opts.Now().Sub(d.last) >= d.opts.IdleLock {
		d.Lock(lang.L("staff.logout.idle"))
		return
	}
	d.armIdle()
}

// tap wraps a handler so that it counts as activity.
func (d *Desk) tap(f func()) func() {
	return func() {
		d.Activity()
		f()
	}
}

// async runs work off the UI goroutine and its result back on it.
func (d *Desk) async(work func() (apply func())) {
	d.opts.Run(func() {
		if apply := work(); apply != nil {
			fyne.Do(apply)
		}
	})
}

// fetch reads with read off the UI goroutine (Desk.async), then, on it,
// hands what it read to show or, if the read failed, the error to failed.
func fetch[T any](d *Desk, read func(context.Context) (T, error), failed func(error), show func(T)) {
	d.async(func() func() {
		v, err := read(d.opts.Context)
		if err != nil {
			return func() { failed(err) }
		}
		return func() { show(v) }
	})
}

// logged is a fetch's failed for a read the screen does without: it logs
// the error, what naming the read ("staff: windows").
func logged(what string) func(error) {
	return func(err error) { fyne.LogError(what, err) }
}

// sayError says a store error in a message (a fetch's failed where staff
// asked for what failed).
func (d *Desk) sayError(err error) { d.message(locale.Message(err)) }

// show puts o in the body. A screen shown before is refreshed throughout
// (it may have changed meanwhile); a new one, never laid out, only laid
// out: refreshing it all would, for one, decode every button's icon again.
func (d *Desk) show(o fyne.CanvasObject) {
	d.Keys.Panel.Close() // its field is leaving
	d.body.Objects = []fyne.CanvasObject{o}
	if !o.Size().IsZero() {
		d.body.Refresh()
		return
	}
	d.body.Layout.Layout(d.body.Objects, d.body.Size())
	canvas.Refresh(d.body)
}

func (d *Desk) showLogin() {
	d.userBar.Hide()
	d.UserLabel.SetText("")
	d.title.Show()
	d.ExitButton.SetText(lang.L("staff.bar.back"))
	d.bar.Refresh()
	d.Login = newLogin(d)
	d.show(d.Login.content)
}

// signedInAs is called by the sign-in screen once the store has signed
// someone in.
func (d *Desk) signedInAs(s data.Session) {
	d.session, d.signedIn = s, true
	d.Login = nil
	d.ExitButton.SetText(lang.L("staff.bar.exit"))
	d.UserLabel.SetText(lang.L("staff.bar.user", map[string]any{"Name": s.Name}))
	d.title.Hide()
	d.adminSignedIn(s)
	d.userBar.Show()
	d.bar.Refresh()
	d.Duty.load()
	d.ShowQueue()
	d.watchChanges()
	// A sign-in leaves garbage the size of the program's whole live heap:
	// the PIN hash's 64 MiB work area (already handed back, but it raised
	// the collector's target), the queue's store reads and row building.
	// Left to the collector, the process keeps it for minutes (the staff
	// queue on a big data file held 1.5× the memory of a bare window);
	// once the queue is on screen, it goes back to the system, off the UI
	// goroutine.
	d.opts.After(releaseAfterSignIn, func() { d.opts.Run(debug.FreeOSMemory) })
}

// releaseAfterSignIn is how long after a sign-in its garbage is handed
// back: the queue's first page is read and drawn well before.
const releaseAfterSignIn = 1500 * time.Millisecond

// ShowQueue shows the queue (built on first use, reloaded afterwards).
func (d *Desk) ShowQueue() {
	if !d.signedIn {
		return
	}
	d.Request, d.Intake = nil, nil
	if d.Queue == nil {
		d.Queue = newQueue(d)
	} else {
		d.Queue.Reload()
	}
	d.show(d.Queue.content)
}

// OpenRequest shows one request.
func (d *Desk) OpenRequest(id int64) {
	if !d.signedIn {
		return
	}
	d.Intake = nil
	d.Request = newRequest(d, id)
	d.show(d.Request.content)
}

// ShowIntake shows walk-in intake with a fresh form.
func (d *Desk) ShowIntake() {
	if !d.signedIn {
		return
	}
	d.Request = nil
	d.Intake = newIntake(d)
	d.show(d.Intake.content)
}

// message shows a short message in a dialog.
func (d *Desk) message(text string) {
	dialog.ShowInformation(lang.L("staff.message.title"), text, d.win)
}

// trackURL is the status page of a request's token, "" without a base URL.
func (d *Desk) trackURL(token string) string {
	if d.opts.BaseURL == "" || token == "" {
		return ""
	}
	return d.opts.BaseURL + "/r/" + token
}
