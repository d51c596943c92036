package staff

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/rescue"
)

// trouble is why self-service is paused: the last check of the data file
// found it damaged (a mutex read, no store work), or Options.Trouble says
// the kiosk is in maintenance; nil when all is well.
func (d *Desk) trouble() error {
	if h := d.store.Health(); h.Damaged() {
		return h.Err
	}
	if d.opts.Trouble != nil {
		return d.opts.Trouble()
	}
	return nil
}

// showHealth shows or hides the red lines about an unusable data file and,
// under them, the newest backup that passes its check, with 恢复此备份 (an
// administrator's PIN as the backup records it confirms it, so that it
// works even when signing in does not).
func (d *Desk) showHealth() {
	err := d.trouble()
	if err == nil {
		d.Damage.Hide()
		d.damageBox.Hide()
		return
	}
	text := lang.L("staff.damaged")
	if rescue.TroubleOf(err) != rescue.Corrupt {
		text = lang.L("staff.unusable", map[string]any{"Message": locale.Message(err)})
	}
	d.Damage.SetText(text)
	d.Damage.Show()
	if d.Rescue == nil && d.opts.BackupDir != "" {
		d.Rescue = rescue.NewOffer(rescue.Config{
			Win: d.win, Context: d.opts.Context, Run: d.opts.Run, Now: d.opts.Now, Dir: d.opts.BackupDir,
			Restore: rescue.RestoreFunc(d.opts.Restore),
			Done: func(data.RestoreResult) {
				if d.opts.AfterRestore != nil {
					d.opts.AfterRestore()
				}
			},
		})
		d.damageBox.Add(container.NewPadded(d.Rescue.Content()))
	}
	if d.Rescue != nil {
		d.Rescue.Load()
	}
	d.damageBox.Show()
	d.damageBox.Refresh()
}
