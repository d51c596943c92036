package staff

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// BackupScreen is 数据备份 (§7): a backup now to a file, with a progress
// bar and 取消; the daily backups; and a restore from a file, checked
// first (data.CheckBackup), confirmed, then done by main through
// Options.Restore, since the store must be closed for it.
type BackupScreen struct {
	// Backup now.
	Dest     *widget.Entry
	BackupB  *widget.Button
	CancelB  *widget.Button
	Progress *widget.ProgressBar
	Status   *widget.Label
	// OnProgress, if set, is called on the UI goroutine after each step of
	// a backup (tests cancel from it).
	OnProgress func(done, total int)

	// Daily backups in Options.BackupDir, newest first.
	Daily     []string
	dailyList *fyne.Container

	// Restore.
	Source   *widget.Entry
	CheckB   *widget.Button
	RestoreB *widget.Button
	Info     *widget.Label
	// Checked is what CheckBackup said of Source (valid while checkedPath
	// is Source's text).
	Checked     data.BackupInfo
	checkedPath string
	// Confirm is the restore's confirmation while it is up.
	Confirm dialog.Dialog

	// Catalog is the catalog import and export (nil when the store has
	// none).
	Catalog *CatalogIO

	a       *Admin
	cancel  context.CancelFunc
	content fyne.CanvasObject
}

func newBackupScreen(a *Admin) *BackupScreen {
	d := a.d
	b := &BackupScreen{a: a}
	b.Dest = d.newEntry(false, "")
	b.Dest.SetText(b.defaultDest())
	b.BackupB = widget.NewButtonWithIcon(lang.L("admin.backup.now"), fynetheme.DocumentSaveIcon(), d.tap(b.Start))
	b.BackupB.Importance = widget.HighImportance
	b.CancelB = widget.NewButtonWithIcon(lang.L("admin.cancel"), fynetheme.CancelIcon(), d.tap(b.Cancel))
	b.CancelB.Disable()
	b.Progress = widget.NewProgressBar()
	b.Progress.Hide() // shown once a backup runs: "0%" before anything reads as stuck
	b.Status = widget.NewLabel("")
	b.Status.Wrapping = fyne.TextWrapWord
	b.dailyList = container.NewVBox()

	b.Source = d.newEntry(false, lang.L("admin.backup.sourceHint"))
	b.Source.OnChanged = func(string) { d.Activity(); b.sourceChanged() }
	b.CheckB = widget.NewButtonWithIcon(lang.L("admin.backup.check"), fynetheme.SearchIcon(), d.tap(b.Check))
	b.RestoreB = widget.NewButtonWithIcon(lang.L("admin.backup.restore"), fynetheme.HistoryIcon(), d.tap(b.AskRestore))
	b.RestoreB.Importance = widget.DangerImportance
	b.RestoreB.Disable()
	b.Info = widget.NewLabel("")
	b.Info.Wrapping = fyne.TextWrapWord
	if d.opts.Restore == nil {
		b.Info.SetText(lang.L("admin.backup.noRestore"))
		b.CheckB.Disable()
	}

	heading := func(key string) *widget.Label {
		l := widget.NewLabel(lang.L(key))
		l.SizeName = fynetheme.SizeNameSubHeadingText
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	now := container.NewVBox(heading("admin.backup.nowTitle"),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("admin.backup.dest")),
			container.NewHBox(b.BackupB, b.CancelB), b.Dest),
		b.Progress, b.Status)
	daily := container.NewVBox(heading("admin.backup.dailyTitle"), b.dailyList)
	restore := container.NewVBox(heading("admin.backup.restoreTitle"), hint(lang.L("admin.backup.restoreIntro")),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("admin.backup.source")),
			container.NewHBox(b.CheckB, b.RestoreB), b.Source), b.Info)
	b.Catalog = newCatalogIO(d, a.store, d.opts.BackupDir)
	parts := []fyne.CanvasObject{now, widget.NewSeparator(), restore, widget.NewSeparator(),
		heading("admin.catalog.title"), hint(lang.L("admin.catalog.intro")), b.Catalog.content,
		widget.NewSeparator()}
	b.content = touch.NewVScroll(container.NewVBox(append(parts, daily)...))
	b.loadDaily()
	return b
}

// defaultDest is a new file name for a manual backup: in the backup folder
// (or the home folder), named by the time.
func (b *BackupScreen) defaultDest() string {
	dir := b.a.d.opts.BackupDir
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = home
	}
	return filepath.Join(dir, "bianmin-手动备份-"+b.a.d.opts.Now().In(data.China).Format("20060102-150405")+
		data.BackupSuffix)
}

// loadDaily lists the daily backups.
func (b *BackupScreen) loadDaily() {
	d, dir := b.a.d, b.a.d.opts.BackupDir
	if dir == "" {
		b.dailyList.Objects = []fyne.CanvasObject{hint(lang.L("admin.backup.noDir"))}
		b.dailyList.Refresh()
		return
	}
	d.async(func() func() {
		files, err := data.DailyBackups(dir)
		sizes := make([]int64, len(files))
		for i, f := range files {
			if st, err := os.Stat(f); err == nil {
				sizes[i] = st.Size()
			}
		}
		return func() {
			b.Daily = files
			b.dailyList.RemoveAll()
			switch {
			case err != nil:
				b.dailyList.Add(hint(fileMessage(err)))
			case len(files) == 0:
				b.dailyList.Add(hint(lang.L("admin.backup.noDaily", map[string]any{"Dir": dir})))
			}
			for i, f := range files {
				use := widget.NewButton(lang.L("admin.backup.use"), d.tap(func() { b.Source.SetText(f) }))
				l := widget.NewLabel(fmt.Sprintf("%s    %s", filepath.Base(f), sizeText(sizes[i])))
				b.dailyList.Add(container.NewBorder(nil, nil, nil, use, l))
			}
			b.dailyList.Refresh()
		}
	})
}

// sizeText is a file size in MB or KB.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// Busy reports whether a backup is running.
func (b *BackupScreen) Busy() bool { return b.cancel != nil }

// Start makes a backup to Dest, showing progress; 取消 stops it and leaves
// no file.
func (b *BackupScreen) Start() {
	if b.Busy() {
		return
	}
	d, st, sess := b.a.d, b.a.store, b.a.d.session
	dest := strings.TrimSpace(b.Dest.Text)
	ctx, cancel := context.WithCancel(d.opts.Context)
	b.cancel = cancel
	b.BackupB.Disable()
	b.CancelB.Enable()
	b.Progress.SetValue(0)
	b.Progress.Show()
	toneLine(b.Status, widget.MediumImportance, lang.L("admin.backup.running"))
	// The store reports the bytes written from its own goroutine while
	// the copy grows; the bar and the line move on the UI goroutine.
	progress := func(done, total int) {
		fyne.Do(func() {
			if b.cancel == nil {
				return // a late report after the backup ended
			}
			if total > 0 {
				b.Progress.SetValue(float64(done) / float64(total))
			}
			if done > 0 && done < total {
				b.Status.SetText(lang.L("admin.backup.progress", map[string]any{"Done": sizeText(int64(done)),
					"Total": sizeText(int64(total))}))
			}
			if b.OnProgress != nil {
				b.OnProgress(done, total)
			}
		})
	}
	d.async(func() func() {
		err := st.BackupAs(ctx, sess, dest, progress)
		return func() {
			cancel()
			b.cancel = nil
			b.BackupB.Enable()
			b.CancelB.Disable()
			switch {
			case errors.Is(err, context.Canceled):
				b.Progress.SetValue(0)
				b.Progress.Hide()
				toneLine(b.Status, widget.MediumImportance, lang.L("admin.backup.cancelled"))
			case err != nil:
				toneLine(b.Status, widget.DangerImportance,
					lang.L("admin.backup.failed", map[string]any{"Error": fileMessage(err)}))
			default:
				b.Progress.SetValue(1)
				toneLine(b.Status, widget.SuccessImportance, lang.L("admin.backup.done", map[string]any{"Path": dest}))
				b.Dest.SetText(b.defaultDest())
			}
		}
	})
}

// Cancel stops a running backup.
func (b *BackupScreen) Cancel() {
	if b.cancel != nil {
		b.cancel()
		b.Status.SetText(lang.L("admin.backup.cancelling"))
	}
}

func (b *BackupScreen) sourceChanged() {
	if strings.TrimSpace(b.Source.Text) != b.checkedPath {
		b.RestoreB.Disable()
	}
}

// Check runs CheckBackup on the chosen file and says what is in it.
func (b *BackupScreen) Check() {
	d := b.a.d
	if d.opts.Restore == nil {
		return
	}
	path := strings.TrimSpace(b.Source.Text)
	b.checkedPath = ""
	b.RestoreB.Disable()
	if path == "" {
		toneLine(b.Info, widget.DangerImportance, lang.L("admin.backup.noSource"))
		return
	}
	toneLine(b.Info, widget.MediumImportance, lang.L("admin.backup.checking"))
	d.async(func() func() {
		info, err := data.CheckBackup(d.opts.Context, path)
		return func() {
			if err != nil {
				toneLine(b.Info, widget.DangerImportance,
					lang.L("admin.backup.refused", map[string]any{"Error": fileMessage(err)}))
				return
			}
			b.Checked, b.checkedPath = info, path
			toneLine(b.Info, widget.MediumImportance, backupInfoText(info))
			if strings.TrimSpace(b.Source.Text) == path {
				b.RestoreB.Enable()
			}
		}
	})
}

// backupInfoText says what a checked backup holds.
func backupInfoText(info data.BackupInfo) string {
	last := "—"
	if !info.LastRequest.IsZero() {
		last = dayTime(info.LastRequest)
	}
	return lang.L("admin.backup.info", map[string]any{"Center": orDash(info.CenterName), "Requests": info.Requests,
		"Complaints": info.Complaints, "Last": last, "Modified": dayTime(info.Modified),
		"Size": sizeText(info.Size), "Schema": info.SchemaVersion})
}

// AskRestore asks for confirmation, then restores through Options.Restore.
func (b *BackupScreen) AskRestore() {
	d := b.a.d
	path := strings.TrimSpace(b.Source.Text)
	if d.opts.Restore == nil || path == "" || path != b.checkedPath {
		return
	}
	msg := lang.L("admin.backup.confirm", map[string]any{"Info": backupInfoText(b.Checked)})
	b.Confirm = dialog.NewConfirm(lang.L("admin.backup.confirmTitle"), msg, func(ok bool) {
		b.Confirm = nil
		d.Activity()
		if ok {
			b.restore(path)
		}
	}, d.win)
	b.Confirm.Show()
}

// ConfirmRestore answers the confirmation as if 是 were tapped (tests).
func (b *BackupScreen) ConfirmRestore() {
	if b.Confirm != nil {
		b.Confirm.Hide()
		b.Confirm = nil
		b.restore(b.checkedPath)
	}
}

func (b *BackupScreen) restore(path string) {
	d, sess := b.a.d, b.a.d.session
	b.RestoreB.Disable()
	b.CheckB.Disable()
	toneLine(b.Info, widget.MediumImportance, lang.L("admin.backup.restoring"))
	d.async(func() func() {
		res, err := d.opts.Restore(d.opts.Context, sess, path)
		return func() {
			b.CheckB.Enable()
			var msg string
			if err != nil {
				msg = lang.L("admin.backup.restoreFailed", map[string]any{"Error": fileMessage(err)})
			} else {
				b.checkedPath = ""
				msg = lang.L("admin.backup.restored", map[string]any{"Requests": res.Backup.Requests})
				if res.Kept != "" {
					msg += lang.L("admin.backup.kept", map[string]any{"Kept": res.Kept})
				}
			}
			if err != nil {
				toneLine(b.Info, widget.DangerImportance, msg)
			} else {
				toneLine(b.Info, widget.SuccessImportance, msg)
			}
			if d.opts.AfterRestore == nil || res.Backup.Path == "" {
				// Nothing was closed (the file was refused at its check):
				// the desk carries on with the store it has.
				if err == nil {
					d.message(msg)
				}
				return
			}
			// The store was closed and opened again: once the message is
			// read, main starts over on the reopened store.
			info := dialog.NewInformation(lang.L("staff.message.title"), msg+"\n\n"+lang.L("admin.backup.restart"), d.win)
			info.SetOnClosed(d.opts.AfterRestore)
			info.Show()
		}
	})
}

// toneLine sets a status line's text and colour: red for what went
// wrong, green for what was done, plain while working.
func toneLine(l *widget.Label, imp widget.Importance, text string) {
	l.Importance = imp
	l.TextStyle = fyne.TextStyle{Bold: imp == widget.DangerImportance || imp == widget.SuccessImportance}
	l.SetText(text)
	touch.BringIntoView(l) // an answer scrolled out of sight reads as no answer
}

// fileMessage is the message of an error writing or reading a file: the
// store's message for its own errors, the file's trouble otherwise.
func fileMessage(err error) string {
	var ie *data.InvalidError
	var pe *fs.PathError
	switch {
	case errors.As(err, &ie):
		return ie.Msg
	case errors.Is(err, fs.ErrPermission):
		return lang.L("admin.file.permission")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("admin.file.missing")
	case errors.As(err, &pe):
		return lang.L("admin.file.error", map[string]any{"Error": pe.Err.Error()})
	}
	return data.Message(err)
}
