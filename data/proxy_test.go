package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// proxyRequest registers a request of the test catalog's item code and
// accepts it as 代为办理 (JZZ goes to 派出所; YB names no department).
func proxyRequest(t testing.TB, s *Store, by Session, code string) int64 {
	t.Helper()
	id := register(t, s, code, false)
	require.NoError(t, s.Accept(context.Background(), by, id, ModeProxy, ""))
	require.Equal(t, StatusAccepted, statusOf(t, s, id))
	return id
}

func TestProxyPending(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	a := proxyRequest(t, s, clerk, "JZZ")
	b := proxyRequest(t, s, clerk, "YB")
	proxyRequest(t, s, clerk, "JZZ")
	requestIn(t, s, clerk, "JZZ", StatusAccepted) // 上报办理, not proxy
	register(t, s, "JZZ", false)                  // not accepted

	deps, err := s.ProxyPending(ctx)
	require.NoError(t, err)
	require.Len(t, deps, 2)
	assert.Equal(t, "派出所", deps[0].Department)
	assert.Len(t, deps[0].Requests, 2)
	assert.Equal(t, a, deps[0].Requests[0].RequestID)
	assert.Equal(t, "张小三", deps[0].Requests[0].ApplicantName, "the upper department needs the full name")
	assert.Equal(t, "002X", deps[0].Requests[0].IDTail)
	assert.Equal(t, "", deps[1].Department, "no department named: last")
	assert.Equal(t, b, deps[1].Requests[0].RequestID)
}

// TestProxyBatchRefusals: a batch that includes one request it may not take
// is refused as a whole, with a message naming that request, and nothing
// changes.
func TestProxyBatchRefusals(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	inBatch := proxyRequest(t, s, clerk, "JZZ")
	_, err := s.CreateProxyBatch(ctx, clerk, "派出所", []int64{inBatch}, time.Time{}, "")
	require.NoError(t, err)
	finished := proxyRequest(t, s, clerk, "YB")
	require.NoError(t, s.Finish(ctx, clerk, finished, "已办结", ReplyPhone))

	tests := map[string]struct {
		dept  string
		other func() int64
		sent  time.Time
		want  string
	}{
		"ErrInBatch":      {"派出所", func() int64 { return inBatch }, time.Time{}, "已列入代办清单DB-20261126-01，不能重复报送"},
		"ErrFinished":     {"派出所", func() int64 { return finished }, time.Time{}, "已办结，不能再列入代办清单"},
		"ErrNotProxy":     {"派出所", func() int64 { return requestIn(t, s, clerk, "JZZ", StatusAccepted) }, time.Time{}, "不是代为办理"},
		"ErrOtherDept":    {"区民政局", func() int64 { return proxyRequest(t, s, clerk, "JZZ") }, time.Time{}, "应报送派出所，与本清单的报送部门（区民政局）不一致"},
		"ErrNotAccepted":  {"派出所", func() int64 { return register(t, s, "JZZ", false) }, time.Time{}, "请先受理该办件，再上报"},
		"ErrWaiting":      {"派出所", func() int64 { return requestIn(t, s, clerk, "JZZ", StatusWaiting) }, time.Time{}, "等待补正材料"},
		"ErrGone":         {"派出所", func() int64 { return 99999 }, time.Time{}, "已不存在"},
		"ErrTomorrow":     {"派出所", nil, fixedNow.AddDate(0, 0, 1), "报送日期不能晚于今天"},
		"ErrBeforeAccept": {"派出所", nil, fixedNow.AddDate(0, 0, -1), "报送日期不能早于受理日期"},
		"ErrNoDept":       {" ", nil, time.Time{}, "请填写报送的上级部门"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			good := proxyRequest(t, s, clerk, "JZZ")
			ids := []int64{good}
			if tc.other != nil {
				ids = append(ids, tc.other())
			}
			batches := count(t, s, "proxy_batches")
			events := count(t, s, "request_events")
			_, err := s.CreateProxyBatch(ctx, clerk, tc.dept, ids, tc.sent, "")
			require.Error(t, err)
			assert.Contains(t, Message(err), tc.want)
			assert.Equal(t, batches, count(t, s, "proxy_batches"), "no batch")
			assert.Equal(t, events, count(t, s, "request_events"), "no event")
			assert.Equal(t, StatusAccepted, statusOf(t, s, good), "the good request stays")
			assert.False(t, column[*int64](t, s, good, "batch_id") != nil, "not in a batch")
			// Leave it out of the later cases' way.
			require.NoError(t, s.Withdraw(ctx, clerk, good, "测试"))
		})
	}
	_, err = s.CreateProxyBatch(ctx, clerk, "派出所", nil, time.Time{}, "")
	assert.Equal(t, "请勾选要列入代办清单的办件。", Message(err))
}

func TestProxyBatchLifecycle(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	a := proxyRequest(t, s, clerk, "JZZ")
	b := proxyRequest(t, s, clerk, "JZZ")
	c := proxyRequest(t, s, clerk, "YB") // no department of its own: may go anywhere

	bt, err := s.CreateProxyBatch(ctx, clerk, "派出所", []int64{b, a, c, a}, fixedNow, "材料已装订成册")
	require.NoError(t, err)
	assert.Equal(t, "DB-20261126-01", bt.No)
	assert.Equal(t, "派出所", bt.Department)
	assert.Equal(t, "2026-11-26", bt.SentDay)
	assert.Equal(t, "李强", bt.StaffName)
	assert.Equal(t, 3, bt.Count)
	assert.Zero(t, bt.ResultsIn)
	require.Len(t, bt.Rows, 3)
	assert.Equal(t, "张小三", bt.Rows[0].ApplicantName)
	assert.Equal(t, 1, auditRows(t, s, AuditProxyBatch))
	assert.Equal(t, 3, auditRows(t, s, AuditEscalate))

	for _, id := range []int64{a, b, c} {
		d, err := s.RequestDetail(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, StatusEscalated, d.Status)
		assert.Equal(t, "派出所", d.UpperDepartment)
		assert.Equal(t, "2026-11-26", d.UpperSentDay)
		last := d.Events[len(d.Events)-2]
		assert.Equal(t, EventEscalated, last.Kind)
		assert.Equal(t, "2026年11月26日已由服务室统一报送派出所（代为办理）", last.Note)
		assert.True(t, last.Public)
		assert.False(t, d.Events[len(d.Events)-1].Public, "the batch note is internal")
	}
	pending, err := s.ProxyPending(ctx)
	require.NoError(t, err)
	assert.Empty(t, pending)

	// A second batch the same day numbers on.
	d := proxyRequest(t, s, clerk, "JZZ")
	b2, err := s.CreateProxyBatch(ctx, clerk, "派出所", []int64{d}, time.Time{}, "")
	require.NoError(t, err)
	assert.Equal(t, "DB-20261126-02", b2.No)

	// Results per request, then the applicants told.
	assert.Contains(t, Message(s.ProxyReportBack(ctx, clerk, a, "", ReplyPhone)), "尚未登记")
	require.NoError(t, s.ProxyResult(ctx, clerk, a, "已制证"))
	require.NoError(t, s.ProxyResult(ctx, clerk, b, "材料不全，退回"))
	assert.Contains(t, Message(s.ProxyResult(ctx, clerk, a, "再次登记")), "没有上报")
	require.NoError(t, s.ProxyReportBack(ctx, clerk, a, "", ReplyPhone))
	_, err = s.Refuse(ctx, clerk, b, "上级部门退回：材料不全", "")
	require.NoError(t, err)
	assert.Equal(t, "请填写上级部门的办理结果。", Message(s.ProxyResult(ctx, clerk, c, " ")))
	outside := proxyRequest(t, s, clerk, "JZZ")
	assert.Contains(t, Message(s.ProxyResult(ctx, clerk, outside, "x")), "不在任何代办清单中")

	got, err := s.ProxyBatch(ctx, bt.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, got.Count)
	assert.Equal(t, 2, got.ResultsIn)
	assert.Equal(t, 2, got.Closed)
	assert.Equal(t, 1, got.Told)
	byID := map[int64]ProxyBatchRow{}
	for _, r := range got.Rows {
		byID[r.RequestID] = r
	}
	assert.True(t, byID[a].Told)
	assert.Equal(t, "已制证", byID[a].UpperResult)
	assert.Equal(t, "已制证", byID[a].Result, "told the department's result")
	assert.Equal(t, ReplyPhone, byID[a].ReplyMethod)
	assert.True(t, byID[b].ResultIn)
	assert.False(t, byID[b].Told)
	assert.Equal(t, StatusRefused, byID[b].Status)
	assert.False(t, byID[c].ResultIn)

	da, err := s.RequestDetail(ctx, a)
	require.NoError(t, err)
	assert.Equal(t, []string{EventSubmitted, EventAccepted, EventEscalated, EventNote, EventUpperResult, EventFinished},
		kinds(da.Events))
	assert.Equal(t, StatusFinished, da.Status)

	// Open batches first.
	list, err := s.ProxyBatches(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, b2.ID, list[0].ID)
	require.NoError(t, s.ProxyResult(ctx, clerk, c, "已办理"))
	require.NoError(t, s.ProxyReportBack(ctx, clerk, c, "已办理，请来领取", ReplyInPerson))
	list, err = s.ProxyBatches(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int64{b2.ID, bt.ID}, []int64{list[0].ID, list[1].ID})
	assert.True(t, list[1].Done())
	assert.False(t, list[0].Done())

	require.NoError(t, s.ProxyListPrinted(ctx, clerk, bt.ID, true))
	assert.Equal(t, 1, auditRows(t, s, AuditProxyPrint))
	_, err = s.ProxyBatch(ctx, 9999)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, "打印代办清单", AuditLabel(AuditProxyPrint))
}
