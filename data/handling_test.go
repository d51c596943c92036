package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// register registers a kiosk request for the test catalog's item code
// (JZZ 上报办理 10 days, DB 联合办理 30 days, YB 直接办理).
func register(t testing.TB, s *Store, code string, help bool) int64 {
	t.Helper()
	reg := Registration{ItemID: itemIDOf(t, s, code), Channel: ChannelKiosk, Name: "张小三", Phone: "13800138000",
		IDNumber: validID, Consent: true, NeedsHelp: help}
	switch code {
	case "DB":
		reg.Fields = map[string]string{"kind": "城市"}
	case "JZZ":
		reg.Fields = map[string]string{"months": "8"}
	}
	rc, err := s.Register(context.Background(), reg)
	require.NoError(t, err)
	return rc.RequestID
}

func materialIDs(t testing.TB, s *Store, code string) []int64 {
	t.Helper()
	it, err := s.Item(context.Background(), itemIDOf(t, s, code))
	require.NoError(t, err)
	var ids []int64
	for _, m := range it.Materials {
		ids = append(ids, m.ID)
	}
	return ids
}

func statusOf(t testing.TB, s *Store, id int64) Status {
	t.Helper()
	var st Status
	require.NoError(t, s.db.QueryRow(`SELECT status FROM requests WHERE id = ?`, id).Scan(&st))
	return st
}

func column[T any](t testing.TB, s *Store, id int64, col string) T {
	t.Helper()
	var v T
	require.NoError(t, s.db.QueryRow(`SELECT `+col+` FROM requests WHERE id = ?`, id).Scan(&v))
	return v
}

// windowID of the test catalog's window code.
func windowID(t testing.TB, s *Store, code string) int64 {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM windows WHERE code = ?`, code).Scan(&id))
	return id
}

// requestIn makes a request of item code in status st, handled by by.
func requestIn(t testing.TB, s *Store, by Session, code string, st Status) int64 {
	t.Helper()
	ctx := context.Background()
	id := register(t, s, code, false)
	accept := func() {
		require.NoError(t, s.Accept(ctx, by, id, "", ""))
	}
	switch st {
	case StatusSubmitted:
	case StatusAccepted:
		accept()
	case StatusWaiting:
		_, err := s.RequestSupplement(ctx, by, id, materialIDs(t, s, code)[:1], "", "")
		require.NoError(t, err)
	case StatusEscalated:
		accept()
		require.NoError(t, s.Escalate(ctx, by, id, "区人社局", time.Time{}, time.Time{}, ""))
	case StatusFinished:
		accept()
		if statusOf(t, s, id) == StatusFinished {
			break // 直接办理
		}
		if code == "DB" {
			require.NoError(t, s.JointPart(ctx, by, id, windowID(t, s, "1"), "已核实收入情况"))
		}
		if code == "JZZ" { // 上报办理: 上报 and its result first
			require.NoError(t, s.Escalate(ctx, by, id, "", time.Time{}, time.Time{}, ""))
			require.NoError(t, s.UpperResult(ctx, by, id, "已审批"))
		}
		require.NoError(t, s.Finish(ctx, by, id, "已办结", ReplyPhone))
	case StatusRefused:
		_, err := s.Refuse(ctx, by, id, "不符合申报条件", "")
		require.NoError(t, err)
	case StatusWithdrawn:
		require.NoError(t, s.Withdraw(ctx, by, id, "申请人已在其他地方办理"))
	}
	require.Equal(t, st, statusOf(t, s, id))
	return id
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestTransitions drives every action from every status through the store:
// the legal ones succeed and land where the table says, the illegal ones
// are refused with a Chinese message and ErrConflict, changing nothing.
func TestTransitions(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	admin := loginAs(t, s, "s1")
	w1 := windowID(t, s, "1")

	actions := map[Action]struct {
		item string
		do   func(id int64) error
	}{
		ActAccept: {"JZZ", func(id int64) error { return s.Accept(ctx, clerk, id, "", "") }},
		ActSupplement: {"JZZ", func(id int64) error {
			_, err := s.RequestSupplement(ctx, clerk, id, materialIDs(t, s, "JZZ"), "请带原件", "")
			return err
		}},
		ActComplete: {"JZZ", func(id int64) error { return s.MaterialsComplete(ctx, clerk, id) }},
		ActRefuse: {"JZZ", func(id int64) error {
			_, err := s.Refuse(ctx, clerk, id, "不符合申报条件", "")
			return err
		}},
		ActEscalate:    {"JZZ", func(id int64) error { return s.Escalate(ctx, clerk, id, "", time.Time{}, time.Time{}, "") }},
		ActUpperResult: {"JZZ", func(id int64) error { return s.UpperResult(ctx, clerk, id, "同意") }},
		ActHandOver:    {"JZZ", func(id int64) error { return s.HandOver(ctx, clerk, id, admin.StaffID, 0, "请跟进") }},
		ActJointPart:   {"DB", func(id int64) error { return s.JointPart(ctx, clerk, id, w1, "已核实收入情况") }},
		ActFinish: {"JZZ", func(id int64) error {
			if statusOf(t, s, id) == StatusAccepted { // 上报办理: 上报 and its result first
				require.NoError(t, s.Escalate(ctx, clerk, id, "", time.Time{}, time.Time{}, ""))
				require.NoError(t, s.UpperResult(ctx, clerk, id, "同意"))
			}
			return s.Finish(ctx, clerk, id, "已办结", ReplyInPerson)
		}},
		ActPause: {"JZZ", func(id int64) error {
			return s.PauseClock(ctx, clerk, id, "实地核查", fixedNow.AddDate(0, 0, 7))
		}},
		ActResume: {"JZZ", func(id int64) error {
			_ = s.PauseClock(ctx, clerk, id, "实地核查", fixedNow.AddDate(0, 0, 7)) // refused where resuming is too
			return s.ResumeClock(ctx, clerk, id, "")
		}},
		ActNote:     {"JZZ", func(id int64) error { return s.AddNote(ctx, clerk, id, "已电话联系申请人", true) }},
		ActWithdraw: {"JZZ", func(id int64) error { return s.Withdraw(ctx, clerk, id, "申请人不再需要") }},
	}
	require.Len(t, actions, len(Actions), "every action is exercised")
	for _, a := range Actions {
		act := actions[a]
		for _, from := range Statuses {
			want, legal := transitions[a][from]
			name := fmt.Sprintf("%s/%s", a, from)
			if legal {
				name += "/OK"
			} else {
				name += "/ErrState"
			}
			t.Run(name, func(t *testing.T) {
				id := requestIn(t, s, clerk, act.item, from)
				var events, audits int
				require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM request_events WHERE request_id = ?`, id).Scan(&events))
				require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&audits))
				err := act.do(id)
				var events2, audits2 int
				require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM request_events WHERE request_id = ?`, id).Scan(&events2))
				require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&audits2))
				if legal {
					require.NoError(t, err)
					assert.Equal(t, want, statusOf(t, s, id))
					assert.Greater(t, events2, events, "an event is written")
					assert.Greater(t, audits2, audits, "an audit row is written")
					return
				}
				require.Error(t, err)
				assert.True(t, errors.Is(err, ErrConflict), "%v", err)
				msg := Message(err)
				assert.True(t, hasHan(msg), msg)
				assert.Equal(t, from, statusOf(t, s, id), "nothing changed")
				assert.Equal(t, events, events2, "no event")
			})
		}
	}
}

func TestTransitionMessages(t *testing.T) {
	for name, tc := range map[string]struct {
		from Status
		a    Action
		msg  string
	}{
		"FinishRefused":       {StatusRefused, ActFinish, "该办件已作不予受理（不予办理）处理并结束，不能再办结。"},
		"AcceptTwice":         {StatusAccepted, ActAccept, "该办件已经受理，不能重复受理。"},
		"SupplementFinished":  {StatusFinished, ActSupplement, "该办件已办结，不能再要求补正材料。"},
		"FinishWaiting":       {StatusWaiting, ActFinish, "该办件正在等待补正材料，材料补齐后才能办结。"},
		"FinishEscalated":     {StatusEscalated, ActFinish, "该办件已上报，请先登记上级部门的审批结果，再办结。"},
		"FinishSubmitted":     {StatusSubmitted, ActFinish, "请先受理该办件，再办结。"},
		"EscalateTwice":       {StatusEscalated, ActEscalate, "该办件已经上报，请勿重复上报。"},
		"ResumeWithdrawn":     {StatusWithdrawn, ActResume, "该办件已撤回，不能再恢复计时。"},
		"CompleteAccepted":    {StatusAccepted, ActComplete, "该办件没有在等待补正材料，无需登记材料补齐。"},
		"SupplementEscalated": {StatusEscalated, ActSupplement, "该办件已上报上级部门，不能要求补正材料。"},
		"PauseSubmitted":      {StatusSubmitted, ActPause, "只有已受理、正在计时的办件才能暂停计时。"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Transition(tc.from, tc.a)
			assert.Equal(t, tc.msg, Message(err))
			assert.ErrorIs(t, err, ErrConflict)
			assert.ErrorIs(t, err, ErrInvalid)
		})
	}
	next, err := Transition(StatusSubmitted, ActAccept)
	require.NoError(t, err)
	assert.Equal(t, StatusAccepted, next)

	assert.Equal(t, []Action{ActAccept, ActSupplement, ActHandOver, ActNote, ActRefuse, ActWithdraw},
		AllowedActions(StatusSubmitted, ModePromise))
	assert.NotContains(t, AllowedActions(StatusAccepted, ModePromise), ActJointPart)
	assert.Contains(t, AllowedActions(StatusAccepted, ModeJoint), ActJointPart)
	assert.Equal(t, []Action{ActNote}, AllowedActions(StatusFinished, ModeJoint))
}

func TestChosenIDs(t *testing.T) {
	for name, tc := range map[string]struct {
		in   []int64
		want []int64
	}{
		"Distinct":     {[]int64{3, 1, 3, 2, 1}, []int64{1, 2, 3}},
		"NoRowIDs":     {[]int64{0, 5, -2, 4}, []int64{4, 5}},
		"NoneTicked":   {nil, nil},
		"OnlyNoRowIDs": {[]int64{0, -1}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			in := append([]int64(nil), tc.in...)
			got, err := chosenIDs("materials", in, "请勾选需要补正的材料（一次列全）。")
			assert.Equal(t, tc.in, in, "the caller's list is left as it was")
			if tc.want == nil {
				var ie *InvalidError
				require.ErrorAs(t, err, &ie)
				assert.Equal(t, InvalidError{Field: "materials", Msg: "请勾选需要补正的材料（一次列全）。"}, *ie)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestAcceptPromise(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	id := register(t, s, "DB", false)
	assert.Equal(t, windowID(t, s, "2"), column[int64](t, s, id, "window_id"), "lands in the lead window's queue")

	require.NoError(t, s.Accept(ctx, clerk, id, "", "老人行动不便，优先"))
	cal, err := s.Calendar(ctx)
	require.NoError(t, err)
	want := Day(cal.AddWorkdays(fixedNow, 30))
	assert.Equal(t, StatusAccepted, statusOf(t, s, id))
	assert.Equal(t, "2026-11-26", column[string](t, s, id, "clock_start_day"))
	assert.Equal(t, want, column[string](t, s, id, "due_day"))
	assert.Equal(t, clerk.StaffID, column[int64](t, s, id, "owner_id"))
	assert.Equal(t, clerk.StaffID, column[int64](t, s, id, "first_owner_id"))
	assert.Equal(t, formatTime(fixedNow), column[string](t, s, id, "accepted_at"))

	var parts []string
	require.NoError(t, collectDB(ctx, s.db, &parts, `SELECT w.code || ':' || p.role FROM request_parts p
		JOIN windows w ON w.id = p.window_id WHERE p.request_id = ? ORDER BY w.code`, id))
	assert.Equal(t, []string{"1:joint", "2:lead"}, parts)

	d, err := s.RequestDetail(ctx, id)
	require.NoError(t, err)
	require.Len(t, d.Events, 3)
	assert.Equal(t, EventAccepted, d.Events[1].Kind)
	assert.Equal(t, "联合办理，承诺于"+cnDay(want)+"前办结", d.Events[1].Note)
	assert.True(t, d.Events[1].Public)
	assert.Equal(t, "老人行动不便，优先", d.Events[2].Note)
	assert.False(t, d.Events[2].Public, "the staff's note is internal")

	tr, err := s.TrackByToken(ctx, d.Token)
	require.NoError(t, err)
	assert.Len(t, tr.Events, 2, "the resident sees the public part")
	assert.Equal(t, want, tr.DueDay)

	page, err := s.Audit(ctx, AuditFilter{Action: AuditAccept})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Equal(t, "办件 "+d.ReceiptNo, page.Entries[0].Target)
	assert.Equal(t, "李强", page.Entries[0].StaffName)
}

func TestAcceptModes(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")

	t.Run("Direct", func(t *testing.T) {
		id := register(t, s, "YB", false)
		require.NoError(t, s.Accept(ctx, clerk, id, "", ""))
		assert.Equal(t, StatusFinished, statusOf(t, s, id))
		assert.Equal(t, "当场办结", column[string](t, s, id, "result"))
		assert.Equal(t, "in_person", column[string](t, s, id, "reply_method"))
		assert.Equal(t, "2026-11-26", column[string](t, s, id, "due_day"))
		d, err := s.RequestDetail(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, []string{EventSubmitted, EventAccepted, EventFinished}, kinds(d.Events))
	})
	t.Run("DirectChosenWithResult", func(t *testing.T) {
		id := register(t, s, "JZZ", false)
		require.NoError(t, s.Accept(ctx, clerk, id, ModeDirect, "已当场出具证明"))
		assert.Equal(t, StatusFinished, statusOf(t, s, id))
		assert.Equal(t, "已当场出具证明", column[string](t, s, id, "result"))
	})
	t.Run("Assist", func(t *testing.T) {
		id := register(t, s, "JZZ", false)
		require.NoError(t, s.Accept(ctx, clerk, id, ModeAssist, ""))
		assert.Equal(t, "assist", column[string](t, s, id, "mode"))
		assert.True(t, column[bool](t, s, id, "needs_help"), "协助办理 comes first in the queue")
	})
	t.Run("Proxy", func(t *testing.T) {
		id := register(t, s, "JZZ", false)
		require.NoError(t, s.Accept(ctx, clerk, id, ModeProxy, ""))
		assert.True(t, column[bool](t, s, id, "proxy"))
	})
	t.Run("ErrJointWithoutWindows", func(t *testing.T) {
		id := register(t, s, "JZZ", false)
		err := s.Accept(ctx, clerk, id, ModeJoint, "")
		assert.Equal(t, "该事项没有设置配合窗口，不能选择联合办理，请改选其他办理方式。", Message(err))
		assert.Equal(t, StatusSubmitted, statusOf(t, s, id))
	})
	t.Run("ErrBadMode", func(t *testing.T) {
		id := register(t, s, "JZZ", false)
		assert.Equal(t, "mode", invalidOf(t, s.Accept(ctx, clerk, id, "fast", "")).Field)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		assert.ErrorIs(t, s.Accept(ctx, clerk, 987654, "", ""), ErrNotFound)
	})
}

func kinds(es []Event) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Kind)
	}
	return out
}
