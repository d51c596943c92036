package cli

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// A window loop that never returns after the request to quit: the data
// file is closed (it checks out afterwards, with everything committed
// before) and the program exits with 0. One that returns is left alone.
func TestQuitWithinEndsAStuckShutdown(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bianmin.db")
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	_, err = s.AddSynthRequests(ctx, 20, 1)
	require.NoError(t, err)

	var logged []string
	logf := func(f string, a ...any) { logged = append(logged, f) }
	returned := make(chan struct{})
	close(returned)
	exited := -1
	assert.False(t, QuitWithin(returned, time.Hour, func() { t.Fatal("closed a store on a clean exit") },
		func(code int) { exited = code }, logf))
	assert.Equal(t, -1, exited)
	assert.Empty(t, logged)

	closed := false
	stuck := make(chan struct{}) // never closed: ShowAndRun does not return
	assert.True(t, QuitWithin(stuck, time.Millisecond, func() { closed = true; require.NoError(t, s.Close()) },
		func(code int) { exited = code }, logf))
	assert.True(t, closed)
	assert.Equal(t, 0, exited)
	require.Len(t, logged, 1)
	assert.Contains(t, logged[0], "shutdown is stuck")

	info, err := data.CheckBackup(ctx, path) // the full integrity check, read-only
	require.NoError(t, err, "the data file was closed cleanly")
	assert.Equal(t, 20, info.Requests)
}
