package kiosk_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// regDamageRequests overwrites the requests table's root page in the data
// file under the open store (as damagedItems does for the items), so the
// next write of a request meets a damaged file (SQLITE_CORRUPT). It
// returns a func that puts the page back.
func regDamageRequests(t *testing.T, s *data.Store) (repair func()) {
	t.Helper()
	var root, size int64
	require.NoError(t, s.DB().QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'requests'`).Scan(&root))
	require.NoError(t, s.DB().QueryRow(`PRAGMA page_size`).Scan(&size))
	_, err := s.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	require.NoError(t, err)
	// No connection keeps its page cache: each one sees the file as it is.
	s.DB().SetMaxIdleConns(0)
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	good := make([]byte, size)
	_, err = f.ReadAt(good, (root-1)*size)
	require.NoError(t, err)
	_, err = f.WriteAt([]byte(strings.Repeat("\xa5", int(size))), (root-1)*size)
	require.NoError(t, err)
	return func() {
		f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
		require.NoError(t, err)
		defer f.Close()
		_, err = f.WriteAt(good, (root-1)*size)
		require.NoError(t, err)
	}
}

// A registration whose write meets a damaged data file (a real file,
// damaged under the running kiosk) or a disk I/O error puts the kiosk into
// 系统维护中: the review and what the resident typed leave the screen, and
// nothing of the request is half-written — with the page put back the
// file checks out and holds exactly the requests it held before.
func TestRegisterWriteFailurePutsTheKioskIntoMaintenance(t *testing.T) {
	t.Run("DamagedFile", func(t *testing.T) {
		r := newRegRig(t, regNow, fyne.NewSize(1280, 800))
		before := r.requests(t)
		rv := regFillDB(t, r, nil)
		assert.Contains(t, r.text(), "张三")
		repair := regDamageRequests(t, r.store.Store)

		test.Tap(rv.SubmitButton)
		assert.Equal(t, 1, r.store.calls, "the write was tried")
		require.True(t, r.k.InMaintenance(), "the damaged file put the kiosk into maintenance")
		regSafeAfterFailure(t, r)

		repair()
		var check string
		require.NoError(t, r.store.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check))
		assert.Equal(t, "ok", check, "nothing half-written")
		assert.Equal(t, before, r.requests(t), "no request was stored")
		var n int
		require.NoError(t, r.store.DB().QueryRow(`SELECT count(*) FROM requests WHERE applicant_id = ?`,
			regGoodID).Scan(&n))
		assert.Zero(t, n)
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
