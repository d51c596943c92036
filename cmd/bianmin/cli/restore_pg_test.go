package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// Staff mode's restore (Restore, as main wires it) on a hall's PostgreSQL
// store: a .db backup is refused with the store left open; a .dump brings
// the data back and the reopened store is the one to use.
func TestRestorePostgres(t *testing.T) {
	datatest.UsePostgres(t)
	ctx := context.Background()
	dsn := datatest.DSN(t)
	s, err := data.Open(ctx, dsn)
	require.NoError(t, err)
	dir := t.TempDir()
	dump := filepath.Join(dir, "hall"+s.BackupSuffix())
	require.NoError(t, s.Backup(ctx, dump, nil))
	require.NoError(t, s.PutCalendarDays(ctx, data.OfficialCalendarDays())) // taken away by the restore
	days := func(s *data.Store) int {
		t.Helper()
		all, err := s.CalendarDaysBetween(ctx, time.Date(2000, 1, 1, 0, 0, 0, 0, data.China), time.Date(2100, 1, 1, 0, 0, 0, 0, data.China))
		require.NoError(t, err)
		return len(all)
	}
	require.Positive(t, days(s))

	// A room's backup: refused, nothing closed.
	room := filepath.Join(dir, "room.db")
	require.NoError(t, os.WriteFile(room, []byte("SQLite format 3\x00 a room's backup"), 0o600))
	reopened, _, err := Restore(ctx, s, data.Session{}, room)
	require.ErrorIs(t, err, data.ErrInvalid)
	assert.Contains(t, data.Message(err), "bianmin copy")
	assert.Nil(t, reopened)
	require.Positive(t, days(s), "the store is still open")

	reopened, res, err := Restore(ctx, s, data.Session{}, dump)
	require.NoError(t, err)
	require.NotNil(t, reopened)
	defer reopened.Close()
	assert.Zero(t, days(reopened))
	assert.FileExists(t, res.Kept)
	assert.Equal(t, dir, filepath.Dir(res.Kept), "the data as it was is kept beside the backup")
}
