package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAcceptWithMissingMaterialsNeedsConfirmation is AcceptMissingRule.
func TestAcceptWithMissingMaterialsNeedsConfirmation(t *testing.T) {
	id := []Material{{ID: 1, Name: "居民身份证", Required: true}, {ID: 2, Name: "户口簿", Required: true}}
	tests := map[string]struct {
		missing   []Material
		confirmed bool
		err       bool
	}{
		"OKNothingMissing":         {nil, false, false},
		"OKConfirmed":              {id, true, false},
		"ErrMissingNotConfirmed":   {id, false, true},
		"ErrOneMissingUnconfirmed": {id[1:], false, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := AcceptMissingRule(tc.missing, tc.confirmed)
			if !tc.err {
				assert.NoError(t, err)
				return
			}
			var ie *InvalidError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, MissingField, ie.Field)
			for _, m := range tc.missing {
				assert.Contains(t, ie.Msg, m.Name, "every missing material is named")
			}
		})
	}
}

// TestUpperFinishNeedsEscalationAndResult is UpperFinishRule.
func TestUpperFinishNeedsEscalationAndResult(t *testing.T) {
	tests := map[string]struct {
		mode               Mode
		escalated, answers bool
		err                string
	}{
		"OKUpperAnswered":   {ModeUpper, true, true, ""},
		"OKOtherMode":       {ModePromise, false, false, ""},
		"OKDirect":          {ModeDirect, false, false, ""},
		"ErrUpperNotSent":   {ModeUpper, false, false, "须先上报上级部门"},
		"ErrUpperNoResult":  {ModeUpper, true, false, "审批结果尚未登记"},
		"ErrUpperOnlyReply": {ModeUpper, false, true, "须先上报上级部门"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := UpperFinishRule(tc.mode, tc.escalated, tc.answers)
			if tc.err == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.err)
		})
	}
}

// TestMaterialsAtTheDesk: staff tick materials 已收/未收; 受理 at the desk
// with a required one unticked is refused until confirmed, and the
// confirmation is recorded; a 上报办理 request is finished only after 上报
// and its result.
func TestMaterialsAtTheDesk(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := register(t, s, "JZZ", false) // brought nothing
	mid := materialIDs(t, s, "JZZ")[0]

	err := s.AcceptChecked(ctx, clerk, id, "", "", false)
	var ie *InvalidError
	require.True(t, errors.As(err, &ie), "%v", err)
	assert.Equal(t, MissingField, ie.Field)
	assert.Contains(t, ie.Msg, "居民身份证")
	assert.Equal(t, StatusSubmitted, statusOf(t, s, id), "nothing accepted")

	require.NoError(t, s.SetReceived(ctx, clerk, id, mid, true))
	assert.Equal(t, fmt.Sprintf("[%d]", mid), column[string](t, s, id, "brought"))
	require.NoError(t, s.SetReceived(ctx, clerk, id, mid, true), "ticking twice is the same")
	require.NoError(t, s.SetReceived(ctx, clerk, id, mid, false))
	assert.Equal(t, "[]", column[string](t, s, id, "brought"))
	assert.Error(t, s.SetReceived(ctx, clerk, id, materialIDs(t, s, "DB")[0], true), "another item's material")

	require.NoError(t, s.AcceptChecked(ctx, clerk, id, "", "", true), "confirmed")
	var confirmed string
	require.NoError(t, s.db.QueryRow(`SELECT json_extract(data, '$.missing_confirmed') FROM request_events
		WHERE request_id = ? AND kind = ?`, id, EventAccepted).Scan(&confirmed))
	assert.Equal(t, "居民身份证", confirmed, "the confirmation is recorded")
	page, err := s.Audit(ctx, AuditFilter{Action: AuditAccept})
	require.NoError(t, err)
	require.NotEmpty(t, page.Entries)
	assert.Contains(t, page.Entries[0].Detail, "经确认受理：居民身份证")

	err = s.Finish(ctx, clerk, id, "已办结", ReplyPhone)
	assert.ErrorContains(t, err, "须先上报上级部门")
	require.NoError(t, s.Escalate(ctx, clerk, id, "", time.Time{}, time.Time{}, ""))
	require.NoError(t, s.UpperResult(ctx, clerk, id, "同意办理"))
	require.NoError(t, s.Finish(ctx, clerk, id, "已办结", ReplyPhone))
	assert.Error(t, s.SetReceived(ctx, clerk, id, mid, true), "closed: no more ticks")

	ok := register(t, s, "JZZ", false)
	require.NoError(t, s.SetReceived(ctx, clerk, ok, mid, true))
	require.NoError(t, s.AcceptChecked(ctx, clerk, ok, "", "", false), "all received: no question")
}
