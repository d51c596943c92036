package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tripCtx is a context whose deadline "passes" when trip is called, so a
// test can stop a backup at a chosen point without waiting for a clock.
type tripCtx struct {
	context.Context
	once sync.Once
	done chan struct{}
}

func newTripCtx() *tripCtx { return &tripCtx{Context: context.Background(), done: make(chan struct{})} }

func (c *tripCtx) trip()                       { c.once.Do(func() { close(c.done) }) }
func (c *tripCtx) Done() <-chan struct{}       { return c.done }
func (c *tripCtx) Deadline() (time.Time, bool) { return time.Now().Add(10 * time.Minute), true }
func (c *tripCtx) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// large adds about mib MiB to the store, so that copying it takes a while.
func large(t testing.TB, s *Store, mib int) {
	t.Helper()
	chunk := strings.Repeat("备份", 1<<20/6)
	for i := 0; i < mib; i++ {
		_, err := s.db.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)`, fmt.Sprintf("large%d", i), chunk)
		require.NoError(t, err)
	}
}

// A backup reports the bytes written as the copy grows, and ends with
// done == total.
func TestBackupReportsBytesAsTheCopyGrows(t *testing.T) {
	useSQLite(t)
	old := progressEvery
	progressEvery = time.Millisecond
	defer func() { progressEvery = old }()
	s := busyStore(t)
	large(t, s, 24)
	dest := filepath.Join(t.TempDir(), "b.db")
	var mu sync.Mutex
	var reports [][2]int
	require.NoError(t, s.Backup(context.Background(), dest, func(done, total int) {
		mu.Lock()
		reports = append(reports, [2]int{done, total})
		mu.Unlock()
	}))
	require.GreaterOrEqual(t, len(reports), 3, "the start, the copy growing, the end")
	total := reports[0][1]
	assert.Greater(t, total, 24<<20, "the expected size covers the data")
	assert.Equal(t, [2]int{0, total}, reports[0])
	assert.Equal(t, [2]int{total, total}, reports[len(reports)-1])
	middle := 0
	for i, r := range reports {
		assert.Equal(t, total, r[1])
		if i > 0 {
			assert.Greater(t, r[0], reports[i-1][0], "progress only moves forward")
		}
		if r[0] > 0 && r[0] < total {
			middle++
		}
	}
	assert.Positive(t, middle, "the bar moves while the copy is written")
	st, err := os.Stat(dest)
	require.NoError(t, err)
	assert.InDelta(t, float64(total), float64(st.Size()), float64(total)/10, "the estimate is the copy's size")
}

// A backup that runs past its deadline is stopped midway: an error a
// person can read that is also context.DeadlineExceeded, and nothing left
// behind, not even the temporary file; an older backup of the same name
// stays as it was.
func TestBackupStoppedAtItsLimitLeavesNothing(t *testing.T) {
	useSQLite(t)
	old := progressEvery
	progressEvery = time.Millisecond
	defer func() { progressEvery = old }()
	s := busyStore(t)
	large(t, s, 24)
	dir := t.TempDir()
	dest := filepath.Join(dir, "b.db")
	require.NoError(t, os.WriteFile(dest, []byte("an older backup"), 0o600))

	ctx := newTripCtx()
	var midway bool
	err := s.Backup(ctx, dest, func(done, total int) {
		if done > 0 && done < total {
			midway = true
			ctx.trip() // the limit passes while the copy is being written
		}
	})
	require.True(t, midway, "stopped while the copy was growing")
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "10分钟内没有完成")
	assert.Contains(t, Message(err), "没有留下不完整的备份文件")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no partial file, no temporary file")
	b, err := os.ReadFile(dest)
	require.NoError(t, err)
	assert.Equal(t, "an older backup", string(b))

	// The store is fine and the next backup works.
	_, err = s.Register(context.Background(), goodRegistration(t, s))
	require.NoError(t, err)
	require.NoError(t, s.Backup(context.Background(), dest, nil))
	_, err = CheckBackup(context.Background(), dest)
	require.NoError(t, err)
}

// The daily backup has a limit even when its caller set none, and a
// backup stopped by it is recorded as a failed attempt.
func TestBackupDailyHasALimit(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	dl, ok := func() (time.Time, bool) {
		c, cancel := withBackupLimit(ctx)
		defer cancel()
		return c.Deadline()
	}()
	require.True(t, ok)
	assert.WithinDuration(t, time.Now().Add(DefaultBackupLimit), dl, time.Minute)
	mine, cancel := context.WithTimeout(ctx, time.Hour)
	defer cancel()
	c, cancel2 := withBackupLimit(mine)
	defer cancel2()
	d2, _ := c.Deadline()
	want, _ := mine.Deadline()
	assert.Equal(t, want, d2, "a caller's own deadline is kept")

	s := seeded(t)
	dir := t.TempDir()
	expired, cancel3 := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancel3()
	_, err := s.BackupDaily(expired, dir, 3)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded))
	files, err := DailyBackups(dir)
	require.NoError(t, err)
	assert.Empty(t, files)
}
