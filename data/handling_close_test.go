package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRefuse(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := register(t, s, "JZZ", false)

	_, err := s.Refuse(ctx, clerk, id, "  ", "")
	assert.Equal(t, "请写明不予受理（不予办理）的理由，通知书将书面告知申请人。", Message(err))
	rf, err := s.Refuse(ctx, clerk, id, "居住未满半年", "")
	require.NoError(t, err)
	assert.Equal(t, Refusal{Kind: "不予受理", Reason: "居住未满半年", Basis: "《居住证暂行条例》"}, rf)
	assert.Equal(t, StatusRefused, statusOf(t, s, id))
	assert.Equal(t, formatTime(fixedNow), column[string](t, s, id, "finished_at"))
	err = s.Finish(ctx, clerk, id, "已办结", ReplyPhone)
	assert.Equal(t, "该办件已作不予受理（不予办理）处理并结束，不能再办结。", Message(err))

	id2 := requestIn(t, s, clerk, "JZZ", StatusEscalated)
	rf, err = s.Refuse(ctx, clerk, id2, "上级部门审核不通过", "《居住证暂行条例》第二条")
	require.NoError(t, err)
	assert.Equal(t, "不予办理", rf.Kind)

	tr, err := s.TrackByToken(ctx, column[string](t, s, id2, "token"))
	require.NoError(t, err)
	assert.Equal(t, "不予办理：上级部门审核不通过（依据：《居住证暂行条例》第二条）", tr.Events[len(tr.Events)-1].Note)
}

func TestFinishInput(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	assert.Equal(t, "result", invalidOf(t, s.Finish(ctx, clerk, id, "", ReplyPhone)).Field)
	assert.Equal(t, "reply_method", invalidOf(t, s.Finish(ctx, clerk, id, "已办结", "email")).Field)
	assert.Equal(t, StatusAccepted, statusOf(t, s, id))
}

func TestWithdrawAndNote(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := requestIn(t, s, clerk, "JZZ", StatusFinished)
	require.NoError(t, s.AddNote(ctx, clerk, id, "回访：申请人表示满意", true), "notes after closing")
	assert.Equal(t, "note", invalidOf(t, s.AddNote(ctx, clerk, id, " ", true)).Field)
	id2 := register(t, s, "JZZ", false)
	assert.Equal(t, "reason", invalidOf(t, s.Withdraw(ctx, clerk, id2, "")).Field)
	require.NoError(t, s.Withdraw(ctx, clerk, id2, "申请人已在其他地方办理"))
	assert.Equal(t, StatusWithdrawn, statusOf(t, s, id2))
}

// TestRefusalInWritingNamesItsKindAndBasis: before acceptance a refusal is
// 不予受理, after it 不予办理; the basis defaults to the guide's.
func TestRefusalInWritingNamesItsKindAndBasis(t *testing.T) {
	tests := map[string]struct {
		accepted bool
		basis    string
		want     Refusal
	}{
		"BeforeAcceptance": {want: Refusal{Kind: "不予受理", Reason: "不符合条件", Basis: "《条例》"}},
		"AfterAcceptance":  {accepted: true, want: Refusal{Kind: "不予办理", Reason: "不符合条件", Basis: "《条例》"}},
		"OwnBasis":         {basis: "第三条", want: Refusal{Kind: "不予受理", Reason: "不符合条件", Basis: "第三条"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, WrittenRefusalRule(tc.accepted, "不符合条件", tc.basis, "《条例》"))
		})
	}
}
