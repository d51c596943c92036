package staff

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// CatalogFileStore imports and exports the catalog file for
// administrators.
type CatalogFileStore interface {
	ImportCatalogFile(ctx context.Context, by data.Session, path string) (data.ImportSummary, error)
	ExportCatalogFile(ctx context.Context, by data.Session, path string) error
}

// CatalogIO is the 事项目录 block of the backup screen: the whole catalog
// (center, windows, staff, items, disclosures, calendar) exported to a
// file or imported from one (for example a county's updated catalog on a
// USB stick), all or nothing, with a progress bar and 取消.
type CatalogIO struct {
	ExportPath *widget.Entry
	ExportB    *widget.Button
	ImportPath *widget.Entry
	ImportB    *widget.Button
	CancelB    *widget.Button
	Progress   *widget.ProgressBarInfinite
	Status     *widget.Label
	// Confirm is the import's confirmation while it is up.
	Confirm dialog.Dialog
	// OnStart, if set, is called on the UI goroutine when an import or
	// export has started (tests cancel from it).
	OnStart func()

	d       *Desk
	store   CatalogFileStore
	cancel  context.CancelFunc
	content fyne.CanvasObject
}

func newCatalogIO(d *Desk, st CatalogFileStore, dir string) *CatalogIO {
	c := &CatalogIO{d: d, store: st}
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	c.ExportPath = d.newEntry(false, lang.L("admin.catalog.pathHint"))
	c.ExportPath.SetText(filepath.Join(dir, "bianmin-事项目录-"+d.opts.Now().In(data.China).Format("20060102")+".json"))
	c.ExportB = widget.NewButtonWithIcon(lang.L("admin.catalog.export"), fynetheme.DocumentSaveIcon(), d.tap(c.Export))
	c.ImportPath = d.newEntry(false, lang.L("admin.catalog.pathHint"))
	c.ImportB = widget.NewButtonWithIcon(lang.L("admin.catalog.import"), fynetheme.UploadIcon(), d.tap(c.AskImport))
	c.ImportB.Importance = widget.WarningImportance
	c.CancelB = widget.NewButtonWithIcon(lang.L("admin.cancel"), fynetheme.CancelIcon(), d.tap(c.Cancel))
	c.CancelB.Disable()
	c.Progress = widget.NewProgressBarInfinite()
	c.Progress.Stop()
	c.Progress.Hide()
	c.Status = widget.NewLabel("")
	c.Status.Wrapping = fyne.TextWrapWord
	c.content = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("admin.catalog.exportTo")), c.ExportB, c.ExportPath),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("admin.catalog.importFrom")), c.ImportB, c.ImportPath),
		container.NewBorder(nil, nil, nil, c.CancelB, c.Progress), c.Status)
	return c
}

// Busy reports whether an import or export is running.
func (c *CatalogIO) Busy() bool { return c.cancel != nil }

// Export writes the catalog to ExportPath.
func (c *CatalogIO) Export() {
	path := c.ExportPath.Text
	if path == "" {
		c.Status.SetText(lang.L("admin.catalog.needPath"))
		return
	}
	sess := c.d.session
	c.run(func(ctx context.Context) (string, error) {
		if err := c.store.ExportCatalogFile(ctx, sess, path); err != nil {
			return "", err
		}
		return lang.L("admin.catalog.exported", map[string]any{"Path": path}), nil
	})
}

// AskImport asks for confirmation, then imports ImportPath.
func (c *CatalogIO) AskImport() {
	path := c.ImportPath.Text
	if path == "" {
		c.Status.SetText(lang.L("admin.catalog.needPath"))
		return
	}
	c.Confirm = dialog.NewConfirm(lang.L("admin.catalog.confirmTitle"),
		lang.L("admin.catalog.confirm", map[string]any{"Path": path}), func(ok bool) {
			c.Confirm = nil
			if ok {
				c.importFile(path)
			}
		}, c.d.win)
	c.Confirm.Show()
}

// ConfirmImport answers the confirmation as if 是 were tapped (tests).
func (c *CatalogIO) ConfirmImport() {
	if c.Confirm != nil {
		c.Confirm.Hide()
		c.Confirm = nil
		c.importFile(c.ImportPath.Text)
	}
}

func (c *CatalogIO) importFile(path string) {
	sess := c.d.session
	c.run(func(ctx context.Context) (string, error) {
		sum, err := c.store.ImportCatalogFile(ctx, sess, path)
		if err != nil {
			return "", err
		}
		msg := lang.L("admin.catalog.imported", map[string]any{
			"Windows": sum.Windows, "Staff": sum.Staff, "Items": sum.Items, "Disclosures": sum.Disclosures,
			"Days": sum.CalendarDays})
		if sum.Converted != "" {
			msg += " " + lang.L("admin.catalog.converted", map[string]any{"Encoding": sum.Converted})
		}
		return msg, nil
	})
}

// Cancel stops the running import or export; nothing is left half-done.
func (c *CatalogIO) Cancel() {
	if c.cancel != nil {
		c.cancel()
	}
}

// run runs an import or export off the UI goroutine with the progress bar
// going and 取消 enabled.
func (c *CatalogIO) run(work func(ctx context.Context) (string, error)) {
	if c.Busy() {
		return
	}
	ctx, cancel := context.WithCancel(c.d.opts.Context)
	c.cancel = cancel
	c.ExportB.Disable()
	c.ImportB.Disable()
	c.CancelB.Enable()
	c.Progress.Show()
	c.Progress.Start()
	c.Status.SetText(lang.L("admin.catalog.working"))
	if c.OnStart != nil {
		c.OnStart()
	}
	c.d.async(func() func() {
		msg, err := work(ctx)
		cancelled := ctx.Err() != nil
		cancel()
		return func() {
			c.cancel = nil
			c.ExportB.Enable()
			c.ImportB.Enable()
			c.CancelB.Disable()
			c.Progress.Stop()
			c.Progress.Hide()
			switch {
			case err != nil && cancelled:
				c.Status.SetText(lang.L("admin.catalog.cancelled"))
			case err != nil:
				c.Status.SetText(lang.L("admin.catalog.failed", map[string]any{"Error": fileMessage(err)}))
			default:
				c.Status.SetText(msg)
			}
		}
	})
}
