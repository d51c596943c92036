package data

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A data file with a page zeroed in the middle is reported damaged by the
// quick check at start, and the result is kept for staff mode (the damage
// used to go unnoticed and spread into every backup).
func TestQuickCheckFindsAZeroedPage(t *testing.T) {
	useSQLite(t)
	ctx := context.Background()
	s := seeded(t)
	require.NoError(t, s.QuickCheck(ctx), "a sound file passes")
	assert.False(t, s.Health().Damaged())
	assert.False(t, s.Health().Checked.IsZero())

	// Enough rows for a tree of many pages.
	_, err := s.db.Exec(`CREATE TABLE filler (id INTEGER PRIMARY KEY, v TEXT)`)
	require.NoError(t, err)
	for i := 0; i < 400; i++ {
		_, err := s.db.Exec(`INSERT INTO filler (v) VALUES (?)`, fmt.Sprintf("%04d", i)+strings.Repeat("填", 300))
		require.NoError(t, err)
	}
	path := s.Path()
	require.NoError(t, s.Close())

	b, err := os.ReadFile(path)
	require.NoError(t, err)
	const page = 4096
	require.Greater(t, len(b)/page, 100)
	// The last page of the file is a page of the filler table's tree;
	// zero one a little before it, well inside that tree.
	n := len(b)/page - 20
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, page), int64(n*page))
	require.NoError(t, err)
	require.NoError(t, f.Close())

	s2, err := Open(ctx, path)
	require.NoError(t, err, "the damage is in the middle: the file still opens")
	defer s2.Close()
	err = s2.QuickCheck(ctx)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrCorrupt)
	assert.True(t, s2.Health().Damaged())
	assert.Contains(t, Message(s2.Health().Err), "数据文件已损坏")
}
