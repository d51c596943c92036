package staff_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// damagedStore is the rig's store as after a quick check that found the
// data file damaged.
type damagedStore struct{ *data.Store }

func (damagedStore) Health() data.Health {
	return data.Health{Err: fmt.Errorf("data: quick check: %w: page 42", data.ErrCorrupt)}
}

// Staff mode says in red, from the sign-in screen on, that the data file is
// damaged and what to do; a sound file shows no such line.
func TestBackupDamagedDataFileShowsRedLine(t *testing.T) {
	r := newRig(t, true)
	assert.False(t, r.d.Damage.Visible(), "a sound data file: no red line")

	d := staff.New(damagedStore{r.s}, r.w, staff.Options{})
	r.w.SetContent(d.Content())
	d.Open()
	assert.True(t, d.Damage.Visible())
	assert.Contains(t, d.Damage.Text, "数据文件已损坏")
	assert.Contains(t, d.Damage.Text, "最近一份完好的备份")
	assert.Contains(t, d.Damage.Text, "系统维护中")
	assert.Equal(t, widget.DangerImportance, d.Damage.Importance)
	assert.Nil(t, d.Rescue, "no backup folder: nothing to offer")
}

// Under the red line staff mode offers the newest backup that passes its
// check (a newer damaged one skipped) and restores it from the sign-in
// screen once an administrator's PIN, as the backup records it, confirms;
// then the program starts again on the restored file (AfterRestore).
func TestDamagedDataFileOffersTheNewestGoodBackup(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	dir := t.TempDir()
	suffix := r.s.BackupSuffix() // .db, or .dump for a hall's database
	good := filepath.Join(dir, "bianmin-20260301"+suffix)
	require.NoError(t, r.s.Backup(ctx, good, nil))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bianmin-20260302"+suffix), make([]byte, 8192), 0o600))
	var restored string
	var by data.Session
	after := 0
	d := staff.New(damagedStore{r.s}, r.w, staff.Options{
		Context: ctx, Now: func() time.Time { return r.now }, Run: func(f func()) { f() }, After: r.timers.After,
		BackupDir: dir,
		Restore: func(_ context.Context, s data.Session, src string) (data.RestoreResult, error) {
			restored, by = src, s
			return data.RestoreResult{Backup: data.BackupInfo{Path: src, Requests: 80}, Kept: "/k/bianmin.db.before-restore"}, nil
		},
		AfterRestore: func() { after++ },
	})
	r.w.SetContent(d.Content())
	d.Open()
	require.NotNil(t, d.Rescue)
	assert.Equal(t, good, d.Rescue.Backup.Path)
	assert.Contains(t, d.Rescue.Info.Text, "bianmin-20260301"+suffix)
	assert.Contains(t, d.Rescue.Info.Text, "含 80 件办件")
	assert.Contains(t, d.Rescue.Info.Text, "1 份备份未通过检查")

	test.Tap(d.Rescue.RestoreButton)
	test.Type(d.Rescue.PIN, clerkPIN)
	test.Tap(d.Rescue.Confirm)
	assert.Empty(t, restored, "a clerk's PIN does not restore")
	assert.Contains(t, d.Rescue.Message.Text, "管理员密码不正确")
	test.Type(d.Rescue.PIN, adminPIN)
	test.Tap(d.Rescue.Confirm)
	assert.Equal(t, good, restored)
	assert.Equal(t, r.ids["张建华"], by.StaffID)
	require.NotNil(t, d.Rescue.Outcome)
	d.Rescue.Outcome.Hide()
	assert.Equal(t, 1, after)
}

// When the kiosk is in maintenance for a disk error (Options.Trouble), the
// desk says that, with the store's own sentence.
func TestKioskMaintenanceShowsInStaffMode(t *testing.T) {
	var why error
	r := newRigWith(t, true, func(o *staff.Options) { o.Trouble = func() error { return why } })
	r.d.Open()
	assert.False(t, r.d.Damage.Visible())
	why = errors.Join(errors.New("read"), data.ErrIO)
	r.d.Open()
	assert.True(t, r.d.Damage.Visible())
	assert.Contains(t, r.d.Damage.Text, "自助服务已暂停")
	assert.Contains(t, r.d.Damage.Text, "读写数据文件时出错")
}
