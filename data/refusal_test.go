package data

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func reasonTexts(t *testing.T, s *Store) []string {
	t.Helper()
	rs, err := s.RefusalReasons(context.Background())
	require.NoError(t, err)
	var out []string
	for _, r := range rs {
		out = append(out, r.Text)
	}
	return out
}

func TestRefusalReasonsSeeded(t *testing.T) {
	s := seeded(t)
	got := reasonTexts(t, s)
	require.Len(t, got, 5, "a fresh store starts with a few common reasons")
	assert.Equal(t, "申请人不符合该事项规定的申请条件。", got[1])
}

func TestRefusalReasonsEdit(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := loginAs(t, s, "s1")
	clerk := loginAs(t, s, "s2")
	_, err := s.db.Exec(`DELETE FROM refusal_reasons`)
	require.NoError(t, err)

	a, err := s.AddRefusalReason(ctx, admin, "  申请人户籍不在本社区。 ")
	require.NoError(t, err)
	b, err := s.AddRefusalReason(ctx, admin, "申请材料与事实不符。")
	require.NoError(t, err)
	c, err := s.AddRefusalReason(ctx, admin, "不属于本事项的受理范围。")
	require.NoError(t, err)
	assert.Equal(t, []string{"申请人户籍不在本社区。", "申请材料与事实不符。", "不属于本事项的受理范围。"}, reasonTexts(t, s))

	for name, tc := range map[string]struct {
		do    func() error
		field string
		msg   string
	}{
		"ErrClerkAdds":    {func() error { _, err := s.AddRefusalReason(ctx, clerk, "理由"); return err }, "session", "只有管理员"},
		"ErrClerkEdits":   {func() error { return s.EditRefusalReason(ctx, clerk, a.ID, "理由") }, "session", "只有管理员"},
		"ErrClerkDeletes": {func() error { return s.DeleteRefusalReason(ctx, clerk, a.ID) }, "session", "只有管理员"},
		"ErrClerkMoves":   {func() error { return s.MoveRefusalReason(ctx, clerk, a.ID, 1) }, "session", "只有管理员"},
		"ErrEmpty":        {func() error { _, err := s.AddRefusalReason(ctx, admin, " \n "); return err }, "text", "请填写理由的内容。"},
		"ErrTooLong": {func() error {
			_, err := s.AddRefusalReason(ctx, admin, strings.Repeat("理", MaxReasonRunes+1))
			return err
		}, "text", "最多"},
		"ErrDuplicate":     {func() error { _, err := s.AddRefusalReason(ctx, admin, "申请材料与事实不符。"); return err }, "text", "已有相同"},
		"ErrEditDuplicate": {func() error { return s.EditRefusalReason(ctx, admin, a.ID, "申请材料与事实不符。") }, "text", "已有相同"},
		"ErrEditGone":      {func() error { return s.EditRefusalReason(ctx, admin, 987654, "理由") }, "id", "已被删除"},
		"ErrDeleteGone":    {func() error { return s.DeleteRefusalReason(ctx, admin, 987654) }, "id", "已被删除"},
		"ErrNoSession":     {func() error { return s.DeleteRefusalReason(ctx, Session{}, a.ID) }, "session", "请先登录"},
	} {
		t.Run(name, func(t *testing.T) {
			ie := invalidOf(t, tc.do())
			assert.Equal(t, tc.field, ie.Field)
			assert.Contains(t, ie.Msg, tc.msg)
		})
	}

	require.NoError(t, s.EditRefusalReason(ctx, admin, b.ID, "申请材料与实际情况不符。"))
	require.NoError(t, s.MoveRefusalReason(ctx, admin, c.ID, -1))
	require.NoError(t, s.MoveRefusalReason(ctx, admin, c.ID, -1))
	require.NoError(t, s.MoveRefusalReason(ctx, admin, c.ID, -1), "at the top it stays")
	assert.Equal(t, []string{"不属于本事项的受理范围。", "申请人户籍不在本社区。", "申请材料与实际情况不符。"}, reasonTexts(t, s))
	require.NoError(t, s.DeleteRefusalReason(ctx, admin, a.ID))
	assert.Equal(t, []string{"不属于本事项的受理范围。", "申请材料与实际情况不符。"}, reasonTexts(t, s))

	// Every change is audited, under registered actions with names.
	page, err := s.Audit(ctx, AuditFilter{Staff: admin.StaffID})
	require.NoError(t, err)
	counts := map[string]int{}
	for _, e := range page.Entries {
		counts[e.Action]++
	}
	assert.Equal(t, 3, counts[AuditRefusalReasonAdd])
	assert.Equal(t, 1, counts[AuditRefusalReasonEdit])
	assert.Equal(t, 2, counts[AuditRefusalReasonMove], "the move that changed nothing is not audited")
	assert.Equal(t, 1, counts[AuditRefusalReasonDelete])
	for _, a := range []string{AuditRefusalReasonAdd, AuditRefusalReasonEdit, AuditRefusalReasonDelete, AuditRefusalReasonMove} {
		assert.Contains(t, AuditActions(), a)
		assert.NotEqual(t, a, AuditLabel(a))
	}
}

func TestRefusalReasonsCap(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := loginAs(t, s, "s1")
	n := len(reasonTexts(t, s))
	for i := n; i < MaxRefusalReasons; i++ {
		_, err := s.AddRefusalReason(ctx, admin, "理由"+string(rune('甲'+i)))
		require.NoError(t, err)
	}
	_, err := s.AddRefusalReason(ctx, admin, "再多一条")
	assert.Contains(t, Message(err), "最多保存30条")
}
