package rescue

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/kiosk"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// Trouble is a kind of failure of the data file, each with its own words
// on the screen (maint.trouble.<kind>).
type Trouble string

// The troubles a person can meet.
const (
	Busy     Trouble = "busy"     // another program holds the write lock
	Full     Trouble = "full"     // the disk is full
	ReadOnly Trouble = "readonly" // the file or its disk cannot be written
	Corrupt  Trouble = "corrupt"  // SQLite found the file damaged
	Damaged  Trouble = "damaged"  // the check after start found it damaged
	IO       Trouble = "io"       // reading or writing failed
	CantOpen Trouble = "cantopen" // the file cannot be opened (folder, name)
	Missing  Trouble = "missing"  // the file existed and is gone
	Empty    Trouble = "empty"    // the file existed and is now empty
	Other    Trouble = "other"
)

// troubleOfErr pairs the storage errors of package data with their
// trouble, in the order TroubleOf asks.
var troubleOfErr = []struct {
	err     error
	trouble Trouble
}{
	{data.ErrBusy, Busy},
	{data.ErrFull, Full},
	{data.ErrReadOnly, ReadOnly},
	{data.ErrCorrupt, Corrupt},
	{data.ErrIO, IO},
	{data.ErrCantOpen, CantOpen},
}

// TroubleOf is the trouble of a storage error of package data (Missing and
// Empty are the caller's to say: the data package cannot tell them).
func TroubleOf(err error) Trouble {
	for _, t := range troubleOfErr {
		if errors.Is(err, t.err) {
			return t.trouble
		}
	}
	return Other
}

// Restorable reports whether restoring a backup is the cure: the data is
// damaged or gone. A busy, full, read-only or misplaced file is fixed
// where it is, and then 重试.
func (t Trouble) Restorable() bool {
	switch t {
	case Corrupt, Damaged, IO, Missing, Empty:
		return true
	}
	return false
}

// AutoRetry is how often the start screen tries again by itself while the
// file is busy (another program should let go of it soon).
const AutoRetry = 5 * time.Second

// StartConfig is what the start screen needs.
type StartConfig struct {
	Offer Config // the restore offer (Win, Dir, Restore, Done …)
	// Path and Marker are the data file and its first-start marker, named
	// on the screen.
	Path, Marker string
	// Retry opens the data file again, off the UI goroutine. On success
	// the caller replaces the screen (Retry's own work: main starts the
	// kiosk); an error is shown in place of the last.
	Retry func(ctx context.Context) error
	// After schedules the automatic retry (default: time.AfterFunc +
	// fyne.Do).
	After func(d time.Duration, f func()) (cancel func())
	// Phone is the service room's phone for residents ("" unknown).
	Phone string
}

// Start is the window shown when the program cannot open its data file:
// the resident's 系统维护中, and under 工作人员处理 what happened in plain
// words (Chinese, then English), 重试 (automatic every AutoRetry while the
// file is busy), and where a backup is the cure, the newest good backup
// to restore.
type Start struct {
	*kiosk.Maintenance
	StaffButton *widget.Button
	Staff       fyne.CanvasObject // the staff's part, shown by StaffButton in place of the resident's
	BackButton  *widget.Button    // back to the resident's part

	Trouble            Trouble
	Message, MessageEn *widget.Label
	File, Detail       *widget.Label
	StartAnew          *widget.Label
	RetryButton        *widget.Button
	AutoLabel          *widget.Label
	Offer              *Offer

	cfg       StartConfig
	elder     bool
	tries     int
	stopTimer func()
	stopView  func() // the staff's part's return to the resident's
	busy      bool
	stopped   bool
	content   *fyne.Container
	offerBox  *fyne.Container // the offer between separators
}

// NewStart builds the start screen for err; trouble "" reads it from err
// (a Gone error is Missing or Empty).
func NewStart(cfg StartConfig, trouble Trouble, err error) *Start {
	if cfg.After == nil {
		cfg.After = func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		}
	}
	if cfg.Offer.Run == nil {
		cfg.Offer.Run = func(f func()) { go f() }
	}
	if cfg.Offer.Context == nil {
		cfg.Offer.Context = context.Background()
	}
	s := &Start{cfg: cfg}
	s.Maintenance = kiosk.NewMaintenance(cfg.Phone, s)
	label := func(bold bool) *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		l.TextStyle = fyne.TextStyle{Bold: bold}
		return l
	}
	title := label(true)
	title.SetText(lang.L("maint.staffTitle"))
	title.SizeName = fynetheme.SizeNameSubHeadingText
	s.Message, s.MessageEn = label(true), label(false)
	s.Message.Importance = widget.DangerImportance
	s.File, s.Detail, s.StartAnew, s.AutoLabel = label(false), label(false), label(false), label(false)
	s.File.SetText(lang.L("maint.file", map[string]any{"Path": cfg.Path}))
	s.StartAnew.SetText(lang.L("maint.startAnew", map[string]any{"Marker": cfg.Marker}))
	s.RetryButton = widget.NewButtonWithIcon(lang.L("maint.retry"), fynetheme.ViewRefreshIcon(), s.Retry)
	s.RetryButton.Importance = widget.HighImportance
	s.Offer = NewOffer(cfg.Offer)
	s.offerBox = container.NewVBox(widget.NewSeparator(), s.Offer.Content(), widget.NewSeparator())
	s.BackButton = widget.NewButtonWithIcon(lang.L("maint.back"), fynetheme.NavigateBackIcon(), s.ShowResidents)
	s.Staff = touch.NewVScroll(container.NewPadded(container.NewVBox(title, s.Message, s.MessageEn, s.File,
		container.NewHBox(s.RetryButton), s.AutoLabel, s.offerBox, s.StartAnew, s.Detail,
		container.NewHBox(s.BackButton))))
	s.Staff.Hide()
	s.StaffButton = widget.NewButtonWithIcon(lang.L("maint.staffButton"), fynetheme.AccountIcon(), s.ShowStaff)
	s.AddBelow(container.NewCenter(s.StaffButton))
	s.content = container.NewStack(s.Maintenance.Content(), s.Staff)
	s.show(trouble, err)
	return s
}

// Elder and SetElder switch larger text (kiosk.ElderSwitch).
func (s *Start) Elder() bool { return s.elder }

// SetElder switches larger text.
func (s *Start) SetElder(on bool) {
	s.elder = on
	fyne.CurrentApp().Settings().SetTheme(bmtheme.New(on))
}

// Content is the window's content: the resident's part, or the staff's.
func (s *Start) Content() fyne.CanvasObject { return s.content }

// StaffView is how long the staff's part stays before the resident's comes
// back by itself (unless a restore is being confirmed or done): the screen
// is in the lobby.
const StaffView = 3 * time.Minute

// ShowStaff shows the staff's part in place of the resident's.
func (s *Start) ShowStaff() {
	s.Maintenance.Content().Hide()
	s.Staff.Show()
	s.armStaffView()
}

func (s *Start) armStaffView() {
	if s.stopView != nil {
		s.stopView()
	}
	s.stopView = s.cfg.After(StaffView, func() {
		s.stopView = nil
		if s.Offer.dialog != nil || s.Offer.busy || s.Offer.Outcome != nil {
			s.armStaffView() // someone is restoring: not now
			return
		}
		s.ShowResidents()
	})
}

// ShowResidents shows the resident's part again.
func (s *Start) ShowResidents() {
	if s.stopView != nil {
		s.stopView()
		s.stopView = nil
	}
	s.Staff.Hide()
	s.Maintenance.Content().Show()
}

// show says what the trouble is and arms the automatic retry while busy.
func (s *Start) show(trouble Trouble, err error) {
	if trouble == "" {
		trouble = troubleOf(err)
	}
	old := s.Trouble
	s.Trouble = trouble
	key := "maint.trouble." + string(trouble)
	s.Message.SetText(lang.L(key))
	en := lang.L(key + ".en")
	s.MessageEn.SetText(en)
	if en == s.Message.Text {
		s.MessageEn.Hide()
	} else {
		s.MessageEn.Show()
	}
	s.Detail.SetText("")
	if err != nil && trouble != Missing && trouble != Empty { // those say it all, path and marker included
		s.Detail.SetText(lang.L("maint.detail", map[string]any{"Error": err.Error()}))
	}
	if trouble == Missing || trouble == Empty {
		s.StartAnew.Show()
	} else {
		s.StartAnew.Hide()
	}
	if trouble.Restorable() {
		s.offerBox.Show()
		if !old.Restorable() || s.Offer.Backup.Path == "" {
			s.Offer.Load()
		}
	} else {
		s.offerBox.Hide()
	}
	if trouble == Busy {
		s.AutoLabel.SetText(lang.L("maint.autoRetry", map[string]any{"Seconds": int(AutoRetry / time.Second), "Count": s.tries}))
		s.AutoLabel.Show()
		s.arm()
	} else {
		s.AutoLabel.Hide()
	}
}

func (s *Start) arm() {
	if s.stopTimer != nil || s.stopped {
		return
	}
	s.stopTimer = s.cfg.After(AutoRetry, func() {
		s.stopTimer = nil
		s.Retry()
	})
}

// Retry opens the data file again (重试, and the automatic retry).
func (s *Start) Retry() {
	if s.busy || s.stopped {
		return
	}
	s.busy = true
	s.tries++
	s.RetryButton.Disable()
	s.RetryButton.SetText(lang.L("maint.retrying"))
	ctx := s.cfg.Offer.Context
	s.cfg.Offer.Run(func() {
		err := s.cfg.Retry(ctx)
		fyne.Do(func() {
			s.busy = false
			s.RetryButton.Enable()
			s.RetryButton.SetText(lang.L("maint.retry"))
			if err != nil && !s.stopped {
				s.show(troubleOf(err), err)
			}
		})
	})
}

// troubleOf is TroubleOf, reading Missing and Empty from an error that
// says so (Gone).
func troubleOf(err error) Trouble {
	var g Gone
	if errors.As(err, &g) {
		if g.GoneEmpty() {
			return Empty
		}
		return Missing
	}
	return TroubleOf(err)
}

// Gone is an error saying that a data file that existed is missing or
// empty (main's cli.DataGoneError).
type Gone interface {
	error
	GoneEmpty() bool
}

// Stop ends the automatic retry: the screen is being replaced.
func (s *Start) Stop() {
	s.stopped = true
	if s.stopView != nil {
		s.stopView()
		s.stopView = nil
	}
	if s.stopTimer != nil {
		s.stopTimer()
		s.stopTimer = nil
	}
}
