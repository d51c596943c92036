package staff_test

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper"
	"bianmin/ui/paper/papertest"
	"bianmin/ui/staff"
)

// ydzDept is the sample catalog's upper department of 老年人优待证办理（代办）.
const ydzDept = "王益区民政局（老龄工作部门，示例）"

// itemByCode finds a sample catalog item by its code.
func (r *rig) itemByCode(t *testing.T, code string) data.Item {
	t.Helper()
	ctx := context.Background()
	cats, err := r.s.Categories(ctx)
	require.NoError(t, err)
	for _, c := range cats {
		items, err := r.s.ItemsInCategory(ctx, c.Name)
		require.NoError(t, err)
		for _, s := range items {
			if s.Code == code {
				it, err := r.s.Item(ctx, s.ID)
				require.NoError(t, err)
				return it
			}
		}
	}
	t.Fatalf("no item %s in the sample catalog", code)
	return data.Item{}
}

// proxyYDZ registers a 老年人优待证办理（代办） for name, asking staff to act
// for them, and accepts it as 代为办理 through the store.
func (r *rig) proxyYDZ(t *testing.T, by data.Session, name string, seq int) data.Receipt {
	t.Helper()
	ctx := context.Background()
	it := r.itemByCode(t, "YDZ")
	rc, err := r.s.Register(ctx, data.Registration{ItemID: it.ID, Channel: data.ChannelWindow, Name: name,
		Phone: "13900139000", IDNumber: validID("19500301", seq),
		Fields:  map[string]string{"birth_date": "1950-03-01", "residence": "本区户籍"},
		Brought: []int64{it.Materials[0].ID, it.Materials[1].ID}, Consent: true, Proxy: true})
	require.NoError(t, err)
	require.NoError(t, r.s.Accept(ctx, by, rc.RequestID, data.ModeProxy, ""))
	return rc
}

// flakyPrinter fails its first job, then records like recPrinter.
type flakyPrinter struct {
	mu    sync.Mutex
	calls int
	jobs  [][]byte
}

func (p *flakyPrinter) Print(_ context.Context, pdf []byte, _ string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	if p.calls == 1 {
		return "", &paper.PrintError{Queue: "test", Kind: paper.ErrPrinterStopped}
	}
	p.jobs = append(p.jobs, pdf)
	return "job", nil
}

func proxyGroup(t *testing.T, p *staff.ProxyBatches, dept string) *staff.ProxyGroup {
	t.Helper()
	for _, g := range p.Groups {
		if g.Department == dept {
			return g
		}
	}
	t.Fatalf("no group for %s", dept)
	return nil
}

func proxyLine(t *testing.T, p *staff.ProxyBatches, id int64) *staff.ProxyLine {
	t.Helper()
	require.NotNil(t, p.Batch)
	for _, l := range p.Batch.Lines {
		if l.Row.RequestID == id {
			return l
		}
	}
	t.Fatalf("request %d not in the open batch", id)
	return nil
}

// TestProxyBatchByTaps: a clerk ticks two proxy requests, makes the batch
// (its list prints with both numbers and the department), records each
// result and tells each applicant; both requests end finished with an
// honest timeline.
func TestProxyBatchByTaps(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	sess := r.login(t, "王丽娟", clerkPIN)
	a := r.proxyYDZ(t, sess, "张秀英", 11)
	b := r.proxyYDZ(t, sess, "李桂芳", 12)
	c := r.proxyYDZ(t, sess, "王淑珍", 13) // stays behind

	test.Tap(r.d.AdminButton)
	r.d.Admin.Show(staff.SectionProxy)
	p := r.d.Admin.Proxy
	require.NotNil(t, p)
	assert.Equal(t, staff.ProxyTabPending, p.Tab)
	g := proxyGroup(t, p, ydzDept)
	assert.True(t, g.Create.Disabled(), "nothing ticked")
	for _, pk := range g.Picks {
		if pk.Request.RequestID == a.RequestID || pk.Request.RequestID == b.RequestID {
			pk.Check.SetChecked(true)
		}
	}
	assert.Equal(t, "报送部门："+ydzDept+"（3 件，已选 2 件）", g.Title.Text)
	assert.False(t, g.Create.Disabled())
	test.Tap(g.Create)
	require.NotNil(t, p.Form)
	assert.Equal(t, ydzDept, p.Department.Text)
	assert.Equal(t, "2026-03-05", p.SentDay.Text)
	p.SentDay.SetText("明天")
	test.Tap(p.Form.Submit)
	assert.Equal(t, "报送日期格式不正确，请按“2026-03-20”的格式填写。", p.Form.Error.Text)
	p.SentDay.SetText("2026-03-06")
	test.Tap(p.Form.Submit)
	assert.Equal(t, "报送日期不能晚于今天。", p.Form.Error.Text, "the store's message")
	assert.True(t, p.Form.Open())
	p.SentDay.SetText("2026-03-05")
	p.Note.SetText("原件随附，请核对")
	test.Tap(p.Form.Submit)
	require.False(t, p.Form.Open(), p.Form.Error.Text)

	// The batch is open and its list printed.
	require.NotNil(t, p.Batch)
	assert.Equal(t, "DB-20260305-01", p.Batch.Batch.No)
	assert.Contains(t, p.Notice.Text, "DB-20260305-01")
	require.Len(t, r.printer.Jobs, 1)
	assert.Equal(t, "A4", r.printer.Media[0])
	assert.Equal(t, "清单已打印（09:30）", p.Batch.PrintStatus.Text)
	{
		flat := papertest.Words(t, r.printer.Jobs[0])
		for _, w := range []string{"代办事项清单", "DB-20260305-01", ydzDept, a.ReceiptNo, b.ReceiptNo, "张秀英", "李桂芳",
			"2件", "原件随附，请核对", "代办人（签字）", "接收单位（盖章）"} {
			assert.Contains(t, flat, w)
		}
		assert.NotContains(t, flat, c.ReceiptNo)
		assert.NotContains(t, flat, validID("19500301", 11), "no whole ID number")
	}

	// Results, then the applicants told.
	for _, rc := range []data.Receipt{a, b} {
		l := proxyLine(t, p, rc.RequestID)
		assert.True(t, l.Told.Disabled(), "nothing to tell yet")
		test.Tap(l.Result)
		p.Result.SetText("已审核通过，优待证已制作")
		test.Tap(p.Form.Submit)
		require.False(t, p.Form.Open(), p.Form.Error.Text)
		l = proxyLine(t, p, rc.RequestID)
		assert.Equal(t, "结果已回，待告知", l.State.Text)
		assert.True(t, l.Result.Disabled())
		test.Tap(l.Told)
		assert.Equal(t, "已审核通过，优待证已制作", p.Result.Text, "the department's result by default")
		test.Tap(p.Form.Submit)
		assert.Equal(t, "请选择告知申请人结果的方式（当面、电话或短信）。", p.Form.Error.Text)
		p.ReplyMethod.SetSelected(data.ReplyPhone.Label())
		test.Tap(p.Form.Submit)
		require.False(t, p.Form.Open(), p.Form.Error.Text)
		l = proxyLine(t, p, rc.RequestID)
		assert.Equal(t, "已办结", l.State.Text)
		assert.Equal(t, "电话告知", l.Told.Text)
	}
	assert.Equal(t, 2, p.Batch.Batch.Told)

	for _, rc := range []data.Receipt{a, b} {
		det, err := r.s.RequestDetail(ctx, rc.RequestID)
		require.NoError(t, err)
		assert.Equal(t, data.StatusFinished, det.Status)
		assert.Equal(t, data.ReplyPhone, det.ReplyMethod)
		var kinds, public []string
		for _, e := range det.Events {
			kinds = append(kinds, e.Kind)
			if e.Public {
				public = append(public, e.Note)
			}
		}
		assert.Equal(t, []string{data.EventSubmitted, data.EventAccepted, data.EventEscalated, data.EventNote,
			data.EventUpperResult, data.EventFinished}, kinds)
		assert.Contains(t, public, "2026年3月5日已由服务室统一报送"+ydzDept+"（代为办理）")
		assert.Contains(t, public, "办理结果：已审核通过，优待证已制作（已电话告知申请人）")
	}
	det, err := r.s.RequestDetail(ctx, c.RequestID)
	require.NoError(t, err)
	assert.Equal(t, data.StatusAccepted, det.Status, "the request left unticked stays")

	// 已报送 lists the batch, done.
	test.Tap(p.Batch.Back)
	assert.Equal(t, staff.ProxyTabSent, p.Tab)
	require.NotEmpty(t, p.Sent)
	assert.Equal(t, []string{"DB-20260305-01\n报送日期 2026-03-05", ydzDept + "\n经办人 王丽娟",
		"共 2 件\n结果已回 2 件，已告知 2 件"}, p.Sent[0].Texts())
	// 补打 from the batch.
	test.Tap(p.Sent[0].Open)
	require.NotNil(t, p.Batch)
	test.Tap(p.Batch.Reprint)
	assert.Len(t, r.printer.Jobs, 2)
	// Tapping a request number opens it in the desk.
	test.Tap(proxyLine(t, p, a.RequestID).Open)
	require.NotNil(t, r.d.Request)
}

// TestProxyPrintRetry: a printer that fails says so, and 重新打印 prints.
func TestProxyPrintRetry(t *testing.T) {
	r := newRig(t, true)
	fp := &flakyPrinter{}
	r.rebuild(t, staff.SectionProxy, staff.Options{Printer: fp})
	sess, _ := r.d.Session()
	a := r.proxyYDZ(t, sess, "张秀英", 21)
	p := r.d.Admin.Proxy
	require.NotNil(t, p)
	p.Reload()
	g := proxyGroup(t, p, ydzDept)
	for _, pk := range g.Picks {
		if pk.Request.RequestID == a.RequestID {
			pk.Check.SetChecked(true)
		}
	}
	test.Tap(g.Create)
	test.Tap(p.Form.Submit)
	require.NotNil(t, p.Batch)
	assert.Equal(t, "打印机已暂停（可能缺纸或卡纸），未能打印。请处理后再点打印。", p.Batch.PrintStatus.Text, "said to staff")
	assert.Equal(t, "重新打印", p.Batch.Reprint.Text)
	test.Tap(p.Batch.Reprint)
	assert.Len(t, fp.jobs, 1)
	assert.Equal(t, "补打清单", p.Batch.Reprint.Text)
}
