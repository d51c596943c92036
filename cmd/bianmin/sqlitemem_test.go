package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/assets"
	"bianmin/cmd/bianmin/cli"
	"bianmin/internal/modcheck"
)

// TestLibcVersion checks that go.mod asks for the modernc.org/libc whose
// allocator trimSQLite was written against (a test binary cannot tell
// which it links). After an upgrade, read the new libc's mem_musl.go (the
// allocator and its lock) and memory's Allocator.Trim before changing
// libcVersion.
func TestLibcVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	assert.True(t, modcheck.Required(mod, "modernc.org/libc", libcVersion), "go.mod requires libc %s", libcVersion)
}

// A store used, closed and trimmed opens and answers again, and one open
// meanwhile goes on answering: Trim returns only regions with nothing
// live in them.
func TestTrimSQLite(t *testing.T) {
	ctx := context.Background()
	seed := cli.Seed{Catalog: mustRead(assets.SampleCatalog), Files: assets.Sample}
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := cli.OpenSeeded(ctx, path, seed)
	require.NoError(t, err)
	other, err := cli.OpenSeeded(ctx, filepath.Join(t.TempDir(), "other.db"), seed)
	require.NoError(t, err)
	before, err := s.AllItems(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, before)
	require.NoError(t, s.Close())

	trimSQLite()
	theirs, err := other.AllItems(ctx)
	require.NoError(t, err)
	assert.Equal(t, before, theirs, "the same sample catalog")
	require.NoError(t, other.Close())

	trimSQLite()
	s, err = cli.OpenSeeded(ctx, path, seed)
	require.NoError(t, err)
	defer s.Close()
	after, err := s.AllItems(ctx)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}
