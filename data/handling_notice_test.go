package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIssuedNoticesAndReprint(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	kinds := func(ns []IssuedNotice) []NoticeKind {
		var out []NoticeKind
		for _, n := range ns {
			out = append(out, n.Kind)
		}
		return out
	}

	// 承诺办理 (JZZ's mode is promise in the test catalog? accept explicitly),
	// finished: promise + finished.
	promised := register(t, s, "JZZ", false)
	require.NoError(t, s.Accept(ctx, clerk, promised, ModePromise, ""))
	require.NoError(t, s.Finish(ctx, clerk, promised, "已办结", ReplyPhone))
	// Two 补正 notices, then refused after acceptance: 不予办理.
	refused := register(t, s, "DB", false)
	mats := materialIDs(t, s, "DB")
	_, err := s.RequestSupplement(ctx, clerk, refused, mats[:1], "请带原件", "")
	require.NoError(t, err)
	_, err = s.RequestSupplement(ctx, clerk, refused, mats[:1], "", "")
	require.NoError(t, err)
	require.NoError(t, s.MaterialsComplete(ctx, clerk, refused))
	_, err = s.Refuse(ctx, clerk, refused, "家庭收入超过当地低保标准", "《社会救助暂行办法》第九条")
	require.NoError(t, err)
	fresh := register(t, s, "JZZ", false)

	for name, tc := range map[string]struct {
		id   int64
		want []NoticeKind
	}{
		"PromiseFinished":   {promised, []NoticeKind{NoticePromise, NoticeFinished}},
		"CorrectionRefusal": {refused, []NoticeKind{NoticeCorrection, NoticeCorrection, NoticeRefusal}},
		"None":              {fresh, nil},
	} {
		t.Run(name, func(t *testing.T) {
			ns, err := s.IssuedNotices(ctx, tc.id)
			require.NoError(t, err)
			assert.Equal(t, tc.want, kinds(ns))
		})
	}

	ns, err := s.IssuedNotices(ctx, refused)
	require.NoError(t, err)
	assert.Equal(t, "请带原件", ns[0].Supplement.Note)
	assert.Equal(t, Refusal{Kind: "不予办理", Reason: "家庭收入超过当地低保标准", Basis: "《社会救助暂行办法》第九条"}, ns[2].Refusal)
	assert.Equal(t, "不予办理通知书", ns[2].Title())

	n, err := s.ReprintNotice(ctx, clerk, refused, NoticeCorrection, ns[0].Supplement.ID)
	require.NoError(t, err)
	assert.Equal(t, ns[0].Supplement.ID, n.Supplement.ID)
	n, err = s.ReprintNotice(ctx, clerk, refused, NoticeRefusal, 0)
	require.NoError(t, err)
	assert.Equal(t, "家庭收入超过当地低保标准", n.Refusal.Reason)
	_, err = s.ReprintNotice(ctx, clerk, fresh, NoticeFinished, 0)
	assert.Equal(t, "该办件没有出具过办结通知单，无法补打。", Message(err))
	_, err = s.ReprintNotice(ctx, Session{}, refused, NoticeRefusal, 0)
	assert.Equal(t, "session", invalidOf(t, err).Field)
	_, err = s.IssuedNotices(ctx, 987654)
	assert.ErrorIs(t, err, ErrNotFound)

	page, err := s.Audit(ctx, AuditFilter{Action: AuditNoticeReprint})
	require.NoError(t, err)
	require.Len(t, page.Entries, 2, "each reprint is audited, the refused attempts are not")
	assert.Equal(t, "补打通知书", AuditLabel(AuditNoticeReprint))
}
