package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReceiptFor(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	reg := goodRegistration(t, s)
	reg.Brought = materialIDs(t, s, "DB")[1:] // 收入证明 (optional) brought, 户口簿 missing
	first, err := s.Register(ctx, reg)
	require.NoError(t, err)
	require.Equal(t, []string{"户口簿"}, first.Missing)
	require.Equal(t, []string{"收入证明"}, first.Brought)

	rc, err := s.ReceiptFor(ctx, clerk, first.RequestID)
	require.NoError(t, err)
	assert.Equal(t, first.RequestID, rc.RequestID)
	assert.Equal(t, first.ReceiptNo, rc.ReceiptNo)
	assert.Equal(t, first.QueryCode, rc.QueryCode)
	assert.Equal(t, first.Token, rc.Token)
	assert.True(t, first.Created.Equal(rc.Created))
	assert.Equal(t, "张*三", rc.ApplicantMask)
	assert.Equal(t, MaskID(validID), rc.IDMask)
	assert.NotContains(t, rc.IDMask, validID[:14])
	assert.Equal(t, first.Brought, rc.Brought)
	assert.Equal(t, first.Missing, rc.Missing)
	assert.Equal(t, first.Optional, rc.Optional)
	assert.Equal(t, first.ItemName, rc.ItemName)
	assert.Equal(t, first.Mode, rc.Mode)
	assert.Equal(t, StatusSubmitted, rc.Status)
	assert.Equal(t, first.CenterName, rc.CenterName)
	assert.Equal(t, first.ComplaintPhone, rc.ComplaintPhone)

	page, err := s.Audit(ctx, AuditFilter{Action: AuditReprint})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Equal(t, clerk.StaffID, page.Entries[0].StaffID)
	assert.Equal(t, "办件 "+first.ReceiptNo, page.Entries[0].Target)
	assert.Equal(t, "补打回执", ReprintAuditLabel(page.Entries[0].Action))
}

func TestReceiptForClosedRequest(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := requestIn(t, s, clerk, "JZZ", StatusRefused)
	rc, err := s.ReceiptFor(ctx, clerk, id)
	require.NoError(t, err)
	assert.Equal(t, StatusRefused, rc.Status)
	assert.NotEmpty(t, rc.ReceiptNo)
}

func TestReceiptForRefuses(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := register(t, s, "YB", false)
	for name, tc := range map[string]struct {
		by   Session
		id   int64
		want error
	}{
		"unknown request": {by: clerk, id: id + 1000, want: ErrNotFound},
		"not signed in":   {by: Session{}, id: id, want: ErrInvalid},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.ReceiptFor(ctx, tc.by, tc.id)
			assert.ErrorIs(t, err, tc.want)
		})
	}
	page, err := s.Audit(ctx, AuditFilter{Action: AuditReprint})
	require.NoError(t, err)
	assert.Empty(t, page.Entries)
}
