package staff

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
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
	Daily []string
	// DailyRows are the lines listed for them, with their recorded state.
	DailyRows []DailyRow
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
		b.a.store.BackupSuffix())
}

// DailyRow is one line of the daily backups: a file in the backup folder
// with what its record says of it, or a day whose backup failed and left
// no file.
type DailyRow struct {
	Path   string // the file (the name of the attempt when Failed)
	Size   int64
	Record data.BackupRecord
	Known  bool // the records hold this file
	Failed bool // an attempt that left no file
	// NewestGood marks the newest file recorded good: the one to restore
	// when the data file is damaged.
	NewestGood bool
	Text       string // what the line says
	Use        *widget.Button
}

// loadDaily lists the daily backups, newest first, each with its recorded
// state: 完好 or 有问题 with the problem, when it was checked, its size, the
// newest good one marked; and the days whose backup failed.
func (b *BackupScreen) loadDaily() {
	d, dir := b.a.d, b.a.d.opts.BackupDir
	if dir == "" {
		msg := lang.L("admin.backup.noDir")
		if b.a.store.BackupSuffix() == data.DumpSuffix {
			msg = lang.L("admin.backup.noDirHall")
		}
		b.dailyList.Objects = []fyne.CanvasObject{hint(msg)}
		b.dailyList.Refresh()
		return
	}
	d.async(func() func() {
		files, err := data.DailyBackups(dir)
		recs, rerr := data.BackupRecords(dir)
		if err == nil {
			err = rerr
		}
		rows := dailyRows(files, recs)
		return func() {
			b.Daily = files
			b.DailyRows = rows
			b.dailyList.RemoveAll()
			switch {
			case err != nil:
				b.dailyList.Add(hint(fileMessage(err)))
			case len(files) == 0:
				b.dailyList.Add(hint(lang.L("admin.backup.noDaily", map[string]any{"Dir": dir})))
			}
			for i := range rows {
				r := &b.DailyRows[i]
				l := widget.NewLabel(r.Text)
				l.Wrapping = fyne.TextWrapWord
				switch {
				case r.Failed || (r.Known && !r.Record.Good):
					l.Importance = widget.DangerImportance
				case r.NewestGood:
					l.Importance = widget.SuccessImportance
					l.TextStyle = fyne.TextStyle{Bold: true}
				}
				if r.Failed {
					b.dailyList.Add(l)
					continue
				}
				path := r.Path
				r.Use = widget.NewButton(lang.L("admin.backup.use"), d.tap(func() { b.Source.SetText(path) }))
				if r.Known && !r.Record.Good {
					r.Use.Disable() // its check failed: a restore would refuse it
				}
				b.dailyList.Add(container.NewBorder(nil, nil, nil, r.Use, l))
			}
			b.dailyList.Refresh()
		}
	})
}

// dailyRows are the lines of the daily backups: files (newest first) with
// their records, and the failed attempts among them by date. Off the UI
// goroutine (it reads the files' sizes).
func dailyRows(files []string, recs map[string]data.BackupRecord) []DailyRow {
	rows := make([]DailyRow, 0, len(files))
	present := make(map[string]bool, len(files))
	newest := false
	for _, f := range files {
		base := filepath.Base(f)
		present[base] = true
		r := DailyRow{Path: f}
		if st, err := os.Stat(f); err == nil {
			r.Size = st.Size()
		}
		r.Record, r.Known = recs[base]
		if r.Known && r.Record.Good && !newest {
			r.NewestGood, newest = true, true
		}
		rows = append(rows, r)
	}
	for name, rec := range recs {
		if !rec.Kept && !present[name] {
			rows = append(rows, DailyRow{Path: name, Record: rec, Known: true, Failed: true})
		}
	}
	// Daily names carry the date: by name, newest first.
	sort.SliceStable(rows, func(i, j int) bool { return filepath.Base(rows[i].Path) > filepath.Base(rows[j].Path) })
	for i := range rows {
		rows[i].Text = dailyText(rows[i])
	}
	return rows
}

// dailyText is what a line of the daily backups says.
func dailyText(r DailyRow) string {
	name := filepath.Base(r.Path)
	args := map[string]any{"Name": name, "Size": sizeText(r.Size), "Checked": dayTime(r.Record.Checked),
		"Problem": orDash(r.Record.Problem)}
	var s string
	switch {
	case r.Failed:
		return lang.L("admin.backup.dailyFailed", args)
	case !r.Known:
		s = lang.L("admin.backup.dailyUnchecked", args)
	case r.Record.Good:
		s = lang.L("admin.backup.dailyGood", args)
	default:
		s = lang.L("admin.backup.dailyBad", args)
	}
	if r.NewestGood {
		s += lang.L("admin.backup.dailyNewestGood")
	}
	return s
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
	// the copy grows (on PostgreSQL, the tables dumped); the bar and the
	// line move on the UI goroutine.
	tables := st.BackupSuffix() == data.DumpSuffix
	progress := func(done, total int) {
		fyne.Do(func() {
			if b.cancel == nil {
				return // a late report after the backup ended
			}
			if total > 0 {
				b.Progress.SetValue(float64(done) / float64(total))
			}
			switch {
			case done > 0 && done < total && tables:
				b.Status.SetText(lang.L("admin.backup.progressTables", map[string]any{"Done": done, "Total": total}))
			case done > 0 && done < total:
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
	dump := b.a.store.BackupSuffix() == data.DumpSuffix
	d.async(func() func() {
		err := data.BackupMismatch(path, dump)
		var info data.BackupInfo
		if err == nil {
			info, err = data.CheckBackup(d.opts.Context, path)
		}
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
		return locale.Message(ie)
	case errors.Is(err, fs.ErrPermission):
		return lang.L("admin.file.permission")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("admin.file.missing")
	case errors.As(err, &pe):
		return lang.L("admin.file.error", map[string]any{"Error": pe.Err.Error()})
	}
	return locale.Message(err)
}
