package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestKeepsGuideVersion(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	rc1, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)

	c := testCatalog()
	c.Items[1].Fee = "工本费10元"
	c.Items[1].Conditions = "家庭人均收入低于当地低保标准，且财产符合规定"
	_, err = s.PutCatalog(ctx, c)
	require.NoError(t, err)
	id := itemIDOf(t, s, "DB")
	it, err := s.Item(ctx, id)
	require.NoError(t, err)
	require.Equal(t, 2, it.Version)

	g, err := s.RequestGuide(ctx, rc1.RequestID)
	require.NoError(t, err)
	assert.Equal(t, 1, g.Version)
	assert.Equal(t, id, g.Item.ID)
	assert.Equal(t, "不收费", g.Item.Fee, "the basis that applied stays on record")
	assert.Equal(t, "家庭人均收入低于当地低保标准", g.Item.Conditions)
	assert.Equal(t, "最低生活保障申请", g.Item.Name)
	require.Len(t, g.Item.Materials, 2)
	assert.True(t, g.At.Equal(fixedNow))

	reg := goodRegistration(t, s)
	rc2, err := s.Register(ctx, reg)
	require.NoError(t, err)
	g2, err := s.RequestGuide(ctx, rc2.RequestID)
	require.NoError(t, err)
	assert.Equal(t, 2, g2.Version)
	assert.Equal(t, "工本费10元", g2.Item.Fee)

	v1, err := s.ItemVersion(ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, g, v1)
	_, err = s.ItemVersion(ctx, id, 9)
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.RequestGuide(ctx, 999)
	assert.ErrorIs(t, err, ErrNotFound)
}
