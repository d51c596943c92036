package data

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reading a category page by page gives the same items, in the same order,
// as reading it whole.
func TestItemsInCategoryPageWalksTheCategory(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, testDSN(t))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.AddSynthItems(ctx, 300, 1)
	require.NoError(t, err)
	cats, err := s.Categories(ctx)
	require.NoError(t, err)
	big := slices.MaxFunc(cats, func(x, y Category) int { return x.Count - y.Count })
	require.Greater(t, big.Count, 25, "a category bigger than three pages")
	// One item of it inactive: neither listed nor counted.
	whole, err := s.ItemsInCategory(ctx, big.Name)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE items SET active = 0 WHERE id = ?`, whole[3].ID)
	require.NoError(t, err)
	whole = slices.Delete(whole, 3, 4)

	first, err := s.ItemsInCategoryPage(ctx, big.Name, 0, 10)
	require.NoError(t, err)
	assert.Len(t, first, 10)
	got := first
	for {
		p, err := s.ItemsInCategoryPage(ctx, big.Name, got[len(got)-1].ID, 10)
		require.NoError(t, err)
		if len(p) == 0 {
			break
		}
		got = append(got, p...)
	}
	assert.Equal(t, whole, got)

	// An unknown category, or a cursor from another category: nothing.
	none, err := s.ItemsInCategoryPage(ctx, "没有这个分类", 0, 10)
	require.NoError(t, err)
	assert.Empty(t, none)
	other, err := s.ItemsInCategoryPage(ctx, "没有这个分类", whole[0].ID, 10)
	require.NoError(t, err)
	assert.Empty(t, other)
}
