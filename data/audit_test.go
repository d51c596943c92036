package data

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuditCannotBeChanged: what staff actions wrote to the audit log and
// to a request's timeline can be neither changed nor removed, through the
// store's own transactions either.
func TestAuditCannotBeChanged(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := requestIn(t, s, clerk, "JZZ", StatusFinished)
	before, err := s.Audit(ctx, AuditFilter{})
	require.NoError(t, err)
	require.NotEmpty(t, before.Entries)

	for name, q := range map[string]string{
		"UpdateAudit":  `UPDATE audit_log SET detail = '改过了' WHERE staff_id = ?`,
		"DeleteAudit":  `DELETE FROM audit_log WHERE staff_id = ?`,
		"UpdateEvents": `UPDATE request_events SET note = '改过了' WHERE staff_id = ?`,
		"DeleteEvents": `DELETE FROM request_events WHERE staff_id = ?`,
	} {
		t.Run(name, func(t *testing.T) {
			err := s.tx(ctx, "tamper", func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, q, clerk.StaffID)
				return err
			})
			assert.ErrorIs(t, err, ErrConflict)
			assert.ErrorContains(t, err, "append-only")
		})
	}
	after, err := s.Audit(ctx, AuditFilter{})
	require.NoError(t, err)
	assert.Equal(t, before, after)
	d, err := s.RequestDetail(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "办理结果：已办结（已电话告知申请人）", d.Events[len(d.Events)-1].Note)
}

func TestAuditBrowse(t *testing.T) {
	ctx := context.Background()
	s, clk := movingStore(t)
	clerk := loginAs(t, s, "s2") // first admin, logins, PIN set
	admin := loginAs(t, s, "s1")
	clk.Add(time.Hour)
	a := register(t, s, "JZZ", false)
	require.NoError(t, s.Accept(ctx, clerk, a, ModePromise, "")) // finished without 上报
	clk.Add(time.Hour)
	require.NoError(t, s.Finish(ctx, admin, a, "已办结", ReplyInPerson))
	_, _ = s.Login(ctx, "s2", "0000")

	all, err := s.Audit(ctx, AuditFilter{})
	require.NoError(t, err)
	assert.False(t, all.More)
	assert.Equal(t, AuditLoginFailed, all.Entries[0].Action, "newest first")
	assert.Equal(t, "登录失败", all.Entries[0].Label)
	assert.Equal(t, AuditFirstAdmin, all.Entries[len(all.Entries)-1].Action)

	for name, tc := range map[string]struct {
		f    AuditFilter
		want []string
	}{
		"Staff":  {AuditFilter{Staff: clerk.StaffID}, []string{AuditLoginFailed, AuditAccept, AuditLogin}},
		"Action": {AuditFilter{Action: AuditFinish}, []string{AuditFinish}},
		"From":   {AuditFilter{From: fixedNow.Add(90 * time.Minute)}, []string{AuditLoginFailed, AuditFinish}},
		"To":     {AuditFilter{From: fixedNow.Add(time.Hour), To: fixedNow.Add(90 * time.Minute)}, []string{AuditAccept}},
	} {
		t.Run(name, func(t *testing.T) {
			page, err := s.Audit(ctx, tc.f)
			require.NoError(t, err)
			var got []string
			for _, e := range page.Entries {
				got = append(got, e.Action)
			}
			assert.Equal(t, tc.want, got)
		})
	}

	p1, err := s.Audit(ctx, AuditFilter{PageSize: 2})
	require.NoError(t, err)
	assert.True(t, p1.More)
	p2, err := s.Audit(ctx, AuditFilter{PageSize: 2, Page: 2})
	require.NoError(t, err)
	assert.Equal(t, all.Entries[:2], p1.Entries)
	assert.Equal(t, all.Entries[2:4], p2.Entries)

	for _, a := range AuditActions() {
		assert.NotEqual(t, a, AuditLabel(a), "every action has a Chinese label")
	}
}
