package datatest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

func TestSeededStoreSignsTheSampleStaffIn(t *testing.T) {
	now := time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)
	s := datatest.Open(t, func() time.Time { return now })
	datatest.SeedNew(t, s)
	ids := datatest.StaffIDs(t, s)
	require.Contains(t, ids, "张建华")
	require.Contains(t, ids, "王丽娟")
	datatest.SetPINs(t, s, ids, "张建华", "王丽娟")

	ctx := context.Background()
	sess, err := s.LoginID(ctx, ids["王丽娟"], datatest.ClerkPIN)
	require.NoError(t, err)
	assert.Equal(t, "王丽娟", sess.Name)
	_, err = s.LoginID(ctx, ids["王丽娟"], datatest.AdminPIN)
	assert.Error(t, err, "a wrong PIN is refused")
}
