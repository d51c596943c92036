package kiosk_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
)

// damagedItems is a store of the test catalog whose data file has the items
// table's root page overwritten under it: the center reads, and the first
// read of the catalog meets a damaged file (SQLITE_CORRUPT).
func damagedItems(t *testing.T) *data.Store {
	t.Helper()
	datatest.UseSQLite(t) // damages the file itself
	s := mustOpen(t, testCatalog(t))
	datatest.DamageTable(t, s, "items")
	return s
}

// A read that meets a damaged data file puts the kiosk into maintenance:
// the calm 系统维护中 screen in Chinese and English, saying the earlier
// requests are safe and to go to a window (or call); no way to any screen
// that would write, not after the idle reset either; larger text and the
// hidden staff entry still work.
func TestDamagedFilePutsTheKioskIntoMaintenance(t *testing.T) {
	app := test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	app.Settings().SetTheme(bmtheme.New(false))
	s := damagedItems(t)
	timers := &fakeTimers{}
	told, staff := 0, 0
	win := test.NewTempWindow(t, nil)
	k := kiosk.New(s, win, kiosk.Options{
		Now: func() time.Time { return fixedNow }, Run: func(f func()) { f() }, After: timers.After,
		OnMaintenance: func(why error) { told++; assert.ErrorIs(t, why, data.ErrCorrupt) }, OnStaffRequest: func() { staff++ },
	})
	win.SetContent(k.Content())
	win.Resize(fyne.NewSize(1280, 800))
	r := &rig{k: k, win: win, timers: timers}

	test.Tap(k.Home.Tiles[kiosk.FeatureGuides])
	require.True(t, k.InMaintenance(), "the damaged catalog put the kiosk into maintenance")
	assert.Equal(t, 1, told)
	text := r.flat()
	for _, want := range []string{"系统维护中", "Under maintenance", "都已妥善保存", "请到服务窗口", "0919-0000001", "are safe"} {
		assert.Contains(t, text, want)
	}
	assert.Equal(t, 1, k.Nav.Depth())
	assert.False(t, k.BackButton.Visible())
	assert.False(t, k.HomeButton.Visible())

	for _, f := range kiosk.Features() {
		k.Nav.Open(f)
	}
	k.Reset()
	assert.Equal(t, 1, k.Nav.Depth(), "nothing opens in maintenance")
	assert.Contains(t, r.flat(), "系统维护中", "the idle reset keeps the maintenance screen")

	test.Tap(k.Maintenance.ElderButton)
	assert.True(t, k.Elder(), "larger text for elderly readers")
	assert.Equal(t, "标准字号", k.Maintenance.ElderButton.Text)
	assert.False(t, k.Maintenance.HeadingEn.Visible(), "in larger text the English gives way")
	assert.Contains(t, r.flat(), "都已妥善保存")

	down := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	k.Header.NameArea.MouseDown(down)
	timers.Fire()
	k.Header.NameArea.MouseUp(down)
	assert.Equal(t, 1, staff, "the hidden staff entry still works")
	k.EnterMaintenance(nil)
	assert.Equal(t, 1, told, "entered once")
}

// Errors that do not make the data file unusable (busy, bad input, not
// found) keep their own messages and never put the kiosk into
// maintenance.
func TestUnusable(t *testing.T) {
	for err, want := range map[error]bool{
		data.ErrCorrupt: true, data.ErrIO: true,
		data.ErrBusy: false, data.ErrFull: false, data.ErrReadOnly: false, data.ErrNotFound: false,
		data.Invalid("x", "y"): false,
	} {
		assert.Equal(t, want, kiosk.Unusable(err), err.Error())
	}
}
