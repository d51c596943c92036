package kiosk_test

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// A registration whose write meets a damaged data file (a real file,
// damaged under the running kiosk) or a disk I/O error puts the kiosk into
// 系统维护中: the review and what the resident typed leave the screen, and
// nothing of the request is half-written — with the page put back the
// file checks out and holds exactly the requests it held before.
func TestRegisterWriteFailurePutsTheKioskIntoMaintenance(t *testing.T) {
	t.Run("DamagedFile", func(t *testing.T) {
		datatest.UseSQLite(t) // damages the file itself
		r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
		before := r.requests(t)
		rv := regFillDB(t, r, nil)
		assert.Contains(t, r.text(), "张三")
		repair := datatest.DamageTable(t, r.store.Store, "requests")

		test.Tap(rv.SubmitButton)
		assert.Equal(t, 1, r.store.calls, "the write was tried")
		require.True(t, r.k.InMaintenance(), "the damaged file put the kiosk into maintenance")
		regSafeAfterFailure(t, r)

		repair()
		assert.NoError(t, r.store.QuickCheck(context.Background()), "nothing half-written")
		assert.Equal(t, before, r.requests(t), "no request was stored")
	})
	t.Run("DiskIOError", func(t *testing.T) {
		r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
		before := r.requests(t)
		rv := regFillDB(t, r, nil)
		// As the store reports SQLITE_IOERR from the disk.
		r.store.fail = []error{fmt.Errorf("data: register: %w (disk I/O error (4874))", data.ErrIO)}
		test.Tap(rv.SubmitButton)
		require.True(t, r.k.InMaintenance(), "a disk I/O error put the kiosk into maintenance")
		regSafeAfterFailure(t, r)
		assert.Equal(t, before, r.requests(t))
	})
}

// regSafeAfterFailure: the maintenance screen is all there is; the review
// and what the resident typed are gone from the window, and the idle reset
// brings none of it back.
func regSafeAfterFailure(t *testing.T, r *regRig) {
	t.Helper()
	assert.Equal(t, 1, r.k.Nav.Depth(), "the registration's screens are gone")
	text := r.text()
	assert.Contains(t, text, "系统维护中")
	for _, typed := range []string{"张三", regPhone, regGoodID, "最低生活保障申请", "重试"} {
		assert.NotContains(t, text, typed)
	}
	r.k.Reset()
	assert.True(t, r.k.InMaintenance())
	assert.Contains(t, r.text(), "系统维护中", "the idle reset keeps the maintenance screen")
	assert.NotContains(t, r.text(), "张三")
}
