package data

import (
	"cmp"
	"context"
	"slices"
)

// Closing a request: finished with the resident told (§五3), refused in
// writing (§三6, §七4), or withdrawn.

// Refusal is a written refusal as recorded: what the 不予受理/不予办理通知书
// prints (the remedy wording comes from the center profile).
type Refusal struct {
	Kind   string // 不予受理 (before acceptance) or 不予办理 (after)
	Reason string
	Basis  string
}

// Refuse closes the request with a written refusal: 不予受理 before it was
// accepted, 不予办理 after. reason is required; basis defaults to the
// guide's 政策依据.
func (s *Store) Refuse(ctx context.Context, by Session, requestID int64, reason, basis string) (Refusal, error) {
	var rf Refusal
	reason, errReason := need("reason", "不予受理的理由", reason, MaxReasonRunes, "请写明不予受理（不予办理）的理由，通知书将书面告知申请人。")
	basis, errBasis := text("basis", "依据", basis, MaxReasonRunes, false)
	if err := cmp.Or(errReason, errBasis); err != nil {
		return rf, err
	}
	err := s.apply(ctx, "refuse", by, requestID, ActRefuse, func(st *step) error {
		rf = WrittenRefusalRule(st.req.AcceptedAt != "", reason, basis, st.req.ItemBasis)
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ? WHERE id = ?`,
			StatusRefused, st.at, rf.Kind+"："+reason, st.req.ID); err != nil {
			return err
		}
		pub := rf.Kind + "：" + reason
		if rf.Basis != "" {
			pub += "（依据：" + rf.Basis + "）"
		}
		if err := st.event(EventRefused, true, pub, map[string]any{"kind": rf.Kind, "reason": reason, "basis": rf.Basis}); err != nil {
			return err
		}
		return st.audit(AuditRefuse, pub)
	})
	if err != nil {
		return Refusal{}, err
	}
	return rf, nil
}

// WrittenRefusalRule is the written refusal (§三6: 不符合条件不批准的事项，应当
// 书面告知，说明理由; §七4: 出具不予办理通知书): 不予受理 before the request was
// accepted, 不予办理 after; with the reason, and the basis given or else the
// guide's 政策依据 (itemBasis).
func WrittenRefusalRule(accepted bool, reason, basis, itemBasis string) Refusal {
	rf := Refusal{Kind: "不予受理", Reason: reason, Basis: basis}
	if accepted {
		rf.Kind = "不予办理"
	}
	if rf.Basis == "" {
		rf.Basis = itemBasis
	}
	return rf
}

// Finish closes an accepted request with its result and how the resident
// was told (回复反馈). A 联合办理 request is finished only by its lead window
// (or its owner) and only after every participating window's part is in.
func (s *Store) Finish(ctx context.Context, by Session, requestID int64, result string, reply ReplyMethod) error {
	result, err := need("result", "办理结果", result, MaxResultRunes, "请填写办理结果。")
	if err != nil {
		return err
	}
	if !slices.Contains(ReplyMethods, reply) {
		return Invalid("reply_method", "请选择告知申请人结果的方式（当面、电话或短信）。")
	}
	return s.apply(ctx, "finish", by, requestID, ActFinish, func(st *step) error {
		if st.req.Mode == ModeJoint {
			if err := st.checkJointDone(); err != nil {
				return err
			}
		}
		if err := st.checkUpperFinish(); err != nil {
			return err
		}
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ?, reply_method = ? WHERE id = ?`,
			StatusFinished, st.at, result, reply, st.req.ID); err != nil {
			return err
		}
		// A pause running past today ends with the request.
		if err := st.exec(`UPDATE clock_pauses SET to_day = ? WHERE request_id = ? AND (to_day = '' OR to_day > ?)
			AND from_day <= ?`, Day(st.now), st.req.ID, Day(st.now), Day(st.now)); err != nil {
			return err
		}
		pub := "办理结果：" + result + "（已" + reply.Label() + "申请人）"
		if err := st.event(EventFinished, true, pub, map[string]any{"reply_method": reply}); err != nil {
			return err
		}
		return st.audit(AuditFinish, pub)
	})
}

// Withdraw closes an open request at the applicant's wish, with the
// reason they gave.
func (s *Store) Withdraw(ctx context.Context, by Session, requestID int64, reason string) error {
	reason, err := need("reason", "撤回原因", reason, MaxReasonRunes, "请写明申请人撤回的原因。")
	if err != nil {
		return err
	}
	return s.apply(ctx, "withdraw", by, requestID, ActWithdraw, func(st *step) error {
		if err := st.exec(`UPDATE requests SET status = ?, finished_at = ?, result = ? WHERE id = ?`,
			StatusWithdrawn, st.at, "申请人撤回："+reason, st.req.ID); err != nil {
			return err
		}
		pub := "申请人撤回申请：" + reason
		if err := st.event(EventWithdrawn, true, pub, nil); err != nil {
			return err
		}
		return st.audit(AuditWithdraw, pub)
	})
}
