package data

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestItemReadsEveryField(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	it, err := s.Item(ctx, itemID(t, s, "DB"))
	require.NoError(t, err)
	assert.Equal(t, "2", it.LeadWindow)
	assert.Equal(t, []string{"1"}, it.JointWindows)
	assert.Equal(t, []string{"申请", "入户调查", "公示", "审批"}, it.Procedure)
	require.Len(t, it.Materials, 2)
	assert.Equal(t, FormCopy, it.Materials[1].Form)
	assert.Equal(t, []string{"城市", "农村"}, it.Fields[0].Options)

	_, err = s.Item(ctx, 9999)
	assert.ErrorIs(t, err, ErrNotFound)

	cats, err := s.Categories(ctx)
	require.NoError(t, err)
	assert.Equal(t, []Category{{"户籍与证明", 1}, {"社会救助", 1}, {"医疗保障", 1}}, cats)
	list, err := s.ItemsInCategory(ctx, "社会救助")
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "最低生活保障申请", list[0].Name)

	cards, err := s.StaffCards(ctx)
	require.NoError(t, err)
	require.Len(t, cards, 2)
	assert.Equal(t, "社会保障窗口", cards[0].WindowName)
	assert.Equal(t, "A", cards[0].AB)
	assert.True(t, strings.HasPrefix(string(cards[0].Photo), "\x89PNG"))
}
