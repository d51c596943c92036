// Package rescue is what staff use when the data file cannot be used: the
// offer of the newest backup that passes its check, restored once an
// administrator confirms with their PIN as the backup records it (the data
// file itself cannot be asked), and the window shown instead of an exit
// when the program cannot open its data file at start (Start).
package rescue

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
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
	"bianmin/ui/locale"
)

// RestoreFunc restores the backup at path for the administrator by, off the
// UI goroutine.
type RestoreFunc func(ctx context.Context, by data.Session, path string) (data.RestoreResult, error)

// Config is what an Offer needs.
type Config struct {
	Win     fyne.Window
	Context context.Context // of the file work (default context.Background())
	// Run runs file work off the UI goroutine (default: a new goroutine;
	// tests run it at once).
	Run func(func())
	// Now is the clock of the wait after wrong PINs (default time.Now).
	Now func() time.Time
	// Dir is the folder of the daily backups.
	Dir string
	// Restore restores the chosen backup; nil: the offer only names it.
	Restore RestoreFunc
	// Done is called on the UI goroutine once the administrator has read
	// that the restore succeeded: the program opens the restored file.
	Done func(res data.RestoreResult)
	// Verify checks an administrator's PIN against the backup (default
	// data.VerifyBackupAdmin).
	Verify func(ctx context.Context, backup, pin string) (data.Session, error)
}

// Wrong PINs in a row before a wait, and the first wait (doubling after
// each further wrong PIN): the backup records no lockout, so the offer
// slows a guesser down itself.
const (
	FreeTries = 3
	FirstWait = 30 * time.Second
)

// Offer names the newest backup that passes its check and restores it
// after an administrator's PIN.
type Offer struct {
	Info          *widget.Label
	RestoreButton *widget.Button

	// The confirmation while it is up: the PIN, its keypad, the message
	// (wrong PIN, the wait, progress) and 确认恢复.
	PIN     *widget.Entry
	Keypad  *input.Keypad
	Message *widget.Label
	Confirm *widget.Button

	// Backup is the backup offered (Path "" while none).
	Backup data.BackupInfo
	// Outcome is the dialog saying that the restore succeeded, while up;
	// closing it calls Config.Done.
	Outcome dialog.Dialog

	cfg     Config
	dialog  dialog.Dialog
	wrong   int
	until   time.Time
	busy    bool
	content fyne.CanvasObject
}

// NewOffer builds the offer; Load looks for the backup.
func NewOffer(cfg Config) *Offer {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.Run == nil {
		cfg.Run = func(f func()) { go f() }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Verify == nil {
		cfg.Verify = data.VerifyBackupAdmin
	}
	o := &Offer{cfg: cfg}
	o.Info = widget.NewLabel(lang.L("rescue.looking"))
	o.Info.Wrapping = fyne.TextWrapWord
	o.RestoreButton = widget.NewButtonWithIcon(lang.L("rescue.restore"), fynetheme.HistoryIcon(), o.Ask)
	o.RestoreButton.Importance = widget.HighImportance
	o.RestoreButton.Hide()
	o.content = container.NewVBox(o.Info, container.NewHBox(o.RestoreButton))
	return o
}

// Content is the offer's part of a screen.
func (o *Offer) Content() fyne.CanvasObject { return o.content }

// Load looks for the newest daily backup that passes its check, off the UI
// goroutine, and shows it.
func (o *Offer) Load() {
	o.Info.SetText(lang.L("rescue.looking"))
	o.RestoreButton.Hide()
	ctx, dir := o.cfg.Context, o.cfg.Dir
	o.cfg.Run(func() {
		info, skipped, ok, err := data.NewestSoundBackup(ctx, dir)
		fyne.Do(func() { o.show(info, skipped, ok, err) })
	})
}

func (o *Offer) show(info data.BackupInfo, skipped int, ok bool, err error) {
	switch {
	case err != nil:
		o.Backup = data.BackupInfo{}
		o.Info.SetText(lang.L("rescue.none", map[string]any{"Dir": o.cfg.Dir}) + "\n" + err.Error())
		return
	case !ok && skipped > 0:
		o.Backup = data.BackupInfo{}
		o.Info.SetText(lang.L("rescue.noneSkipped", map[string]any{"Dir": o.cfg.Dir, "Skipped": skipped}))
		return
	case !ok:
		o.Backup = data.BackupInfo{}
		o.Info.SetText(lang.L("rescue.none", map[string]any{"Dir": o.cfg.Dir}))
		return
	}
	o.Backup = info
	last := ""
	if !info.LastRequest.IsZero() {
		last = lang.L("rescue.offerLast", map[string]any{"Time": china(info.LastRequest)})
	}
	text := lang.L("rescue.offer", map[string]any{"Name": filepath.Base(info.Path), "Date": china(info.Modified),
		"Requests": info.Requests, "Last": last})
	if skipped > 0 {
		text += "\n" + lang.L("rescue.skipped", map[string]any{"Skipped": skipped})
	}
	o.Info.SetText(text)
	if o.cfg.Restore != nil {
		o.RestoreButton.Show()
	}
}

// china is t as a person in China reads it.
func china(t time.Time) string { return t.In(data.China).Format("2006-01-02 15:04") }

// Ask opens the confirmation: what will happen, the PIN and its keypad.
func (o *Offer) Ask() {
	if o.Backup.Path == "" || o.cfg.Restore == nil {
		return
	}
	intro := widget.NewLabel(lang.L("rescue.confirm", map[string]any{"Name": filepath.Base(o.Backup.Path)}))
	intro.Wrapping = fyne.TextWrapWord
	o.PIN = widget.NewPasswordEntry()
	o.PIN.SetPlaceHolder(lang.L("rescue.pin"))
	o.PIN.OnSubmitted = func(string) { o.submit() }
	o.Keypad = input.NewKeypad()
	o.Keypad.SetTarget(o.PIN)
	o.Keypad.OnDone = o.submit
	o.Message = widget.NewLabel("")
	o.Message.Wrapping = fyne.TextWrapWord
	o.Message.Importance = widget.DangerImportance
	o.Confirm = widget.NewButtonWithIcon(lang.L("rescue.ok"), fynetheme.ConfirmIcon(), o.submit)
	o.Confirm.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon(lang.L("rescue.cancel"), fynetheme.CancelIcon(), func() { o.close() })
	// What will happen across the top; the PIN, the message and the
	// buttons beside the keypad, so that it fits a 1280×800 screen.
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(min(860, o.cfg.Win.Canvas().Size().Width-80), 0))
	left := container.NewVBox(o.PIN, o.Message, o.Confirm, cancel)
	pad := container.NewGridWrap(fyne.NewSize(400, 300), o.Keypad)
	body := container.NewVBox(container.NewStack(strut, intro),
		container.NewBorder(nil, nil, nil, pad, left))
	o.dialog = dialog.NewCustomWithoutButtons(lang.L("rescue.confirmTitle"), body, o.cfg.Win)
	o.dialog.Show()
	o.cfg.Win.Canvas().Focus(o.PIN)
}

func (o *Offer) close() {
	if o.dialog != nil && !o.busy {
		o.dialog.Hide()
		o.dialog = nil
	}
}

// wait is how long a guesser must still wait, 0 when they may try.
func (o *Offer) wait() time.Duration {
	if d := o.until.Sub(o.cfg.Now()); d > 0 {
		return d
	}
	return 0
}

// submit checks the PIN against the backup and, when it is an
// administrator's, restores.
func (o *Offer) submit() {
	if o.busy || o.PIN == nil {
		return
	}
	if d := o.wait(); d > 0 {
		o.PIN.SetText("")
		o.Message.SetText(lang.L("rescue.wait", map[string]any{"Seconds": int(d.Seconds() + 0.999)}))
		return
	}
	pin := o.PIN.Text
	o.PIN.SetText("")
	o.busy = true
	o.Confirm.Disable()
	o.Message.Importance = widget.MediumImportance
	o.Message.SetText(lang.L("rescue.checking"))
	ctx, path := o.cfg.Context, o.Backup.Path
	o.cfg.Run(func() {
		by, err := o.cfg.Verify(ctx, path, pin)
		if err != nil {
			fyne.Do(func() { o.refused(err) })
			return
		}
		fyne.Do(func() { o.Message.SetText(lang.L("rescue.restoring")) })
		res, err := o.cfg.Restore(ctx, by, path)
		fyne.Do(func() { o.finished(res, err) })
	})
}

func (o *Offer) refused(err error) {
	o.busy = false
	o.Confirm.Enable()
	o.Message.Importance = widget.DangerImportance
	o.wrong++
	if o.wrong >= FreeTries {
		o.until = o.cfg.Now().Add(FirstWait << (o.wrong - FreeTries))
	}
	o.Message.SetText(locale.Message(err))
}

func (o *Offer) finished(res data.RestoreResult, err error) {
	o.busy = false
	o.close()
	if err != nil {
		fyne.LogError("rescue: restore", err)
		dialog.ShowInformation(lang.L("rescue.confirmTitle"),
			lang.L("rescue.failed", map[string]any{"Error": message(err)}), o.cfg.Win)
		o.Load()
		return
	}
	name := filepath.Base(res.Backup.Path)
	text := lang.L("rescue.doneNoKept", map[string]any{"Name": name, "Requests": res.Backup.Requests})
	if res.Kept != "" {
		text = lang.L("rescue.done", map[string]any{"Name": name, "Requests": res.Backup.Requests, "Kept": res.Kept})
	}
	o.Outcome = dialog.NewInformation(lang.L("rescue.doneTitle"), text, o.cfg.Win)
	o.Outcome.SetOnClosed(func() {
		o.Outcome = nil
		if o.cfg.Done != nil {
			o.cfg.Done(res)
		}
	})
	o.Outcome.Show()
}

// message is the Chinese sentence of err, with the technical text after it
// for the person who reports it.
func message(err error) string {
	return fmt.Sprintf("%s\n（%v）", locale.Message(err), err)
}
