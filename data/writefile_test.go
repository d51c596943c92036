package data

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteFileAtomic: a good write replaces the file; a failed or
// cancelled one leaves the old file as it was and no temporary file.
func TestWriteFileAtomic(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	require.NoError(t, WriteFileAtomic(ctx, path, text("first")))
	require.NoError(t, WriteFileAtomic(ctx, path, text("second")))

	boom := errors.New("boom")
	err := WriteFileAtomic(ctx, path, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return boom
	})
	assert.ErrorIs(t, err, boom)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	assert.ErrorIs(t, WriteFileAtomic(cancelled, path, text("late")), context.Canceled)
	assert.ErrorIs(t, WriteFileAtomic(cancelled, path, func(io.Writer) error { return nil }), context.Canceled,
		"nothing renamed once cancelled, even when write wrote nothing")

	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "second", string(b))
	left, err := filepath.Glob(filepath.Join(dir, ".bianmin-export-*"))
	require.NoError(t, err)
	assert.Empty(t, left)
	assert.Error(t, WriteFileAtomic(ctx, filepath.Join(dir, "no", "such", "folder.csv"), text("x")))
}
