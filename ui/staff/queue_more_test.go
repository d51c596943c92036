package staff_test

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

func TestQueueItemFilter(t *testing.T) {
	r := newRig(t, true)
	r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	q := r.d.Queue
	q.SetGroup(data.QueueOpen)
	f := q.Item
	assert.Equal(t, "全部事项", f.Label.Text)
	assert.False(t, f.Clear.Visible())

	// The picker searches: it lists nothing before anything is typed.
	test.Tap(f.Button)
	require.NotNil(t, f.Dialog)
	assert.Equal(t, 0, f.Results.Length())
	assert.Contains(t, f.Status.Text, "请输入事项名称")
	test.Type(f.Search, "养老")
	require.NotEmpty(t, f.Found)
	pick := -1
	for i, it := range f.Found {
		if it.Name == "城乡居民基本养老保险参保登记" {
			pick = i
		}
	}
	require.GreaterOrEqual(t, pick, 0, "found: %v", f.Found)
	assert.Contains(t, f.Status.Text, "找到")
	f.Results.Select(pick)
	assert.Nil(t, f.Dialog, "picking closes the picker")
	assert.Equal(t, "城乡居民基本养老保险参保登记（社会保障与就业）", f.Label.Text)
	assert.True(t, f.Clear.Visible())
	assert.NotZero(t, q.Filter.Item)
	require.NotEmpty(t, q.Rows)
	for _, row := range q.Rows {
		assert.Equal(t, "城乡居民基本养老保险参保登记", row.Row.Item)
	}
	// With the other filters.
	q.Mode.SetSelected(data.ModePromise.Label())
	assert.NotZero(t, q.Filter.Item)
	assert.Equal(t, data.ModePromise, q.Filter.Mode)
	for _, row := range q.Rows {
		assert.Equal(t, data.ModePromise, row.Row.Mode)
	}
	// The clear button beside the filter turns it off.
	test.Tap(f.Clear)
	assert.Zero(t, q.Filter.Item)
	assert.Equal(t, "全部事项", f.Label.Text)
	assert.False(t, f.Clear.Visible())

	// Nothing found is said plainly; 全部事项 in the picker closes it.
	test.Tap(f.Button)
	test.Type(f.Search, "没有这种事项")
	assert.Empty(t, f.Found)
	assert.Contains(t, f.Status.Text, "没有找到")
	test.Tap(f.All)
	assert.Nil(t, f.Dialog)
	assert.Zero(t, q.Filter.Item)

	// By name, as the picker finds it.
	q.SelectItem("城乡居民基本养老保险参保登记")
	assert.NotZero(t, q.Filter.Item)
	q.SelectItem("")
	assert.Zero(t, q.Filter.Item)
}

// TestQueueItemFilterIsVirtualised: with thousands of items, the picker
// builds rows only for what is in sight, not one per item found.
func TestQueueItemFilterIsVirtualised(t *testing.T) {
	r := newRig(t, true)
	_, err := r.s.AddSynthItems(context.Background(), 300, 3)
	require.NoError(t, err)
	r.login(t, "王丽娟", clerkPIN)
	f := r.d.Queue.Item
	test.Tap(f.Button)
	test.Type(f.Search, "合成示例")
	require.Len(t, f.Found, data.SearchLimit)
	assert.Equal(t, data.SearchLimit, f.Results.Length())
	markup := test.RenderToMarkup(r.w.Canvas())
	rows := 0
	for _, it := range f.Found {
		if strings.Contains(markup, ">"+it.Name+"（") {
			rows++
		}
	}
	assert.Positive(t, rows)
	assert.Less(t, rows, len(f.Found)/2, "only the rows in sight are built")
	f.Results.Select(len(f.Found) - 1) // the last one, out of sight at first
	assert.Equal(t, f.Found[len(f.Found)-1].ID, r.d.Queue.Filter.Item)
}

func TestQueueHelpFirstAndDense(t *testing.T) {
	r := newRig(t, true)
	// As on a real data file, the official holiday schedule is in (no
	// warning line above the tabs).
	require.NoError(t, r.s.PutCalendarDays(context.Background(), data.OfficialCalendarDays()))
	r.login(t, "王丽娟", clerkPIN)
	q := r.d.Queue
	q.SetGroup(data.QueueOpen)
	require.GreaterOrEqual(t, len(q.Rows), 8)
	helped := true
	for _, row := range q.Rows {
		if !row.Row.NeedsHelp {
			helped = false
			continue
		}
		assert.True(t, helped, "协助 requests come first: %s", row.Row.ReceiptNo)
		assert.Contains(t, row.Badges, "协助")
	}

	// At 1280×800, eight or more rows are whole above the fold, each still
	// a comfortable touch target.
	visible := 0
	for _, row := range q.Rows {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(row)
		if pos.Y+row.Size().Height <= r.w.Canvas().Size().Height {
			visible++
		}
		assert.GreaterOrEqual(t, row.Size().Height, float32(60))
	}
	assert.GreaterOrEqual(t, visible, 8)
	t.Logf("rows visible at 1280×800: %d", visible)
}

// TestQueueRequestShots writes the queue and request screens of this work
// as PNGs into $BIANMIN_SHOTS/staff-request (for looking at them).
func TestQueueRequestShots(t *testing.T) {
	dir := os.Getenv("BIANMIN_SHOTS")
	if dir == "" {
		t.Skip("set BIANMIN_SHOTS=DIR to write screenshots")
	}
	dir = filepath.Join(dir, "staff-request")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	r := newRig(t, true)
	shot := func(name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		require.NoError(t, err)
		defer f.Close()
		require.NoError(t, png.Encode(f, r.w.Canvas().Capture()))
	}
	rc := r.registerYL(t)
	r.login(t, "张建华", adminPIN)
	r.d.Queue.SetGroup(data.QueueOpen)
	shot("queue-open")
	r.d.Queue.SetGroup(data.QueueInProgress)
	shot("queue-progress")
	req := r.openNew(t, rc)
	shot("request")
	test.Tap(req.Actions[data.ActRefuse])
	shot("refuse")
	test.Tap(req.Form.Step.(*staff.RefuseForm).ManageReasons)
	shot("reasons-editor")
	test.Tap(req.Form.Step.(*staff.RefuseForm).Reasons.Close)
	test.Tap(req.Form.Cancel)
	r.accept(t, req, data.ModePromise)
	test.Tap(req.Actions[data.ActEscalate])
	shot("escalate")
	test.Tap(req.Form.Cancel)
	test.Tap(req.NoticesButton)
	shot("notices")
}

// TestQueuePagesAndClearFilters: the page label counts the pages, 下一页
// stops at the last; an empty filtered page says so where the rows would
// be and offers 清除筛选.
func TestQueuePagesAndClearFilters(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "张建华", adminPIN)
	q := r.d.Queue
	q.SetGroup(data.QueueFinished)
	n := q.Counts[data.QueueFinished]
	require.Greater(t, n, data.DefaultQueuePageSize)
	pages := (n + data.DefaultQueuePageSize - 1) / data.DefaultQueuePageSize
	assert.Equal(t, fmt.Sprintf("第1/%d页", pages), q.Page.Text)
	for range pages + 2 {
		if !q.Next.Disabled() {
			test.Tap(q.Next)
		}
	}
	assert.Equal(t, pages, q.Filter.Page, "下一页 stops at the last page")
	assert.True(t, q.Next.Disabled())
	assert.NotEmpty(t, q.Rows)

	// A window with nothing finished there: said plainly, with 清除筛选.
	empty := -1
	for i := 1; i < len(q.Window.Options); i++ {
		q.Window.SetSelectedIndex(i)
		if len(q.Rows) == 0 {
			empty = i
			break
		}
	}
	if empty < 0 {
		q.Mode.SetSelectedIndex(len(q.Mode.Options) - 1)
		q.SelectItem("城乡居民基本养老保险参保登记")
	}
	require.Empty(t, q.Rows)
	assert.Equal(t, "没有符合筛选条件的办件。", q.Status.Text)
	assert.True(t, q.Status.Visible())
	require.True(t, q.ClearFilters.Visible())
	test.Tap(q.ClearFilters)
	assert.Zero(t, q.Filter.Window)
	assert.Zero(t, q.Filter.Item)
	assert.Empty(t, string(q.Filter.Mode))
	assert.Equal(t, 0, q.Window.SelectedIndex())
	assert.NotEmpty(t, q.Rows)
	assert.False(t, q.ClearFilters.Visible())
	assert.False(t, q.Status.Visible())
}
