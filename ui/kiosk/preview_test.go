package kiosk_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/kiosk"
)

// boardDraft is the text of the draft put on preview.
const (
	boardDraftTitle = "便民服务室延时服务安排（征求意见稿）"
	boardDraftBody  = "一、工作日中午12:00至14:30安排一名工作人员值班。\n二、每月最后一个星期六上午开放半天。"
)

// boardPreview puts a new public draft on the kiosk for comment.
func boardPreview(t *testing.T, r *rig) {
	t.Helper()
	admin := boardSession(t, r, "张建华")
	_, err := r.store.SaveDraft(bgCtx, admin, data.DisclosureDraft{Code: "late-hours", Category: data.CatRules,
		Cadence: data.CadenceAdhoc, Title: boardDraftTitle, Body: boardDraftBody})
	require.NoError(t, err)
	_, err = r.store.Preview(bgCtx, admin, "late-hours")
	require.NoError(t, err)
}

// boardTypeHan types one Chinese character or word on the pinyin keyboard:
// the letters, then the candidate wanted.
func boardTypeHan(t *testing.T, kb *input.Keyboard, letters, want string) {
	t.Helper()
	for _, c := range letters {
		test.Tap(kb.Letter(c))
	}
	for i, c := range kb.Candidates() {
		if c == want {
			test.Tap(kb.Candidate(i))
			return
		}
	}
	t.Fatalf("%s not offered for %s: %v", want, letters, kb.Candidates())
}

// boardOpenComment goes from the disclosure index to the 我有意见 form of
// the draft.
func boardOpenComment(t *testing.T, r *rig) *kiosk.PreviewComment {
	t.Helper()
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	list := current[*kiosk.Previews](t, r)
	require.Len(t, list.Rows, 1)
	assert.Equal(t, boardDraftTitle, list.Rows[0].Title)
	assert.Equal(t, "2026年3月5日起征求意见 · 已收到0条意见", list.Rows[0].Subtitle)
	test.Tap(list.Rows[0])
	v := current[*kiosk.PreviewView](t, r)
	test.Tap(v.Comment)
	return current[*kiosk.PreviewComment](t, r)
}

func TestPreviewCommentTypedByTapsIsStored(t *testing.T) {
	r := boardRig(t)
	boardPreview(t, r)
	c := boardOpenComment(t, r)

	test.Tap(c.Body)
	require.Same(t, c.Body, c.Panel.Active(), "touching the field opens the keyboard")
	kb := c.Panel.Keyboard
	boardTypeHan(t, kb, "hao", "好")
	test.Tap(c.Submit)
	assert.Equal(t, "请把您的意见写得具体一些。", c.Message.Text, "data's message")
	assert.True(t, c.Message.Visible())
	assert.False(t, c.Done)

	test.Tap(c.Body)
	boardTypeHan(t, kb, "jian", "建")
	boardTypeHan(t, kb, "yi", "议")
	boardTypeHan(t, kb, "yanchang", "延长")
	assert.Equal(t, "好建议延长", c.Body.Text)
	assert.Equal(t, "已输入5字（至少2字，最多500字）", c.Count.Text)

	test.Tap(c.Contact)
	require.Same(t, c.Contact, c.Panel.Active(), "the contact gets the keypad")
	tapDigits(t, c.Panel.Keypad, "13800001234")
	test.Tap(c.Submit)

	assert.True(t, c.Done)
	assert.True(t, c.Thanks.Visible())
	assert.Nil(t, c.Panel.Active(), "the keyboard closed")
	assert.Contains(t, boardText(r), "感谢您的意见")

	comments, err := r.store.Comments(bgCtx, "late-hours")
	require.NoError(t, err)
	require.Len(t, comments, 1)
	assert.Equal(t, "好建议延长", comments[0].Body)
	assert.Equal(t, "13800001234", comments[0].Contact)

	// Back on the list, the count has moved.
	r.k.Nav.Back()
	r.k.Nav.Back()
	list := current[*kiosk.Previews](t, r)
	assert.Equal(t, "2026年3月5日起征求意见 · 已收到1条意见", list.Rows[0].Subtitle)
}

func TestPreviewCommentAfterPreviewEnded(t *testing.T) {
	r := boardRig(t)
	boardPreview(t, r)
	c := boardOpenComment(t, r)
	_, err := r.store.Publish(bgCtx, boardSession(t, r, "张建华"), "late-hours")
	require.NoError(t, err)
	test.Tap(c.Body)
	boardTypeHan(t, c.Panel.Keyboard, "jian", "建")
	boardTypeHan(t, c.Panel.Keyboard, "yi", "议")
	test.Tap(c.Submit)
	assert.False(t, c.Done)
	assert.True(t, c.Closed.Visible(), "the form gives way to the polite card")
	assert.Contains(t, c.ClosedText.Text, "该内容的征求意见已经结束，感谢您的关注。", "data's message")
	assert.Nil(t, c.Panel.Active(), "the keyboard closed")
}

func TestPreviewViewReadsInFull(t *testing.T) {
	r := boardRig(t)
	boardPreview(t, r)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	test.Tap(current[*kiosk.Previews](t, r).Rows[0])
	v := current[*kiosk.PreviewView](t, r)
	drawn := boardText(r)
	assert.Contains(t, drawn, "征求意见稿")
	assert.Contains(t, drawn, "二、每月最后一个星期六上午开放半天。")
	sp := v.Speech()
	assert.True(t, strings.HasPrefix(sp, "以下是征求意见稿："+boardDraftTitle), sp)
	assert.Contains(t, sp, boardDraftBody)
}

func TestPreviewNoneAndInternalNeverShown(t *testing.T) {
	r := boardRig(t)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	list := current[*kiosk.Previews](t, r)
	assert.Empty(t, list.Rows)
	assert.Equal(t, "目前没有正在征求意见的内容。", list.Status.Text)
}

// TestPreviewDutyResultsTranslations: both languages of board.*.json (the
// duty board, complaint results and 预公开) have the same keys, and every
// key those screens name exists.
func TestPreviewDutyResultsTranslations(t *testing.T) {
	read := func(name string) map[string]string {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
		require.NoError(t, err)
		var m map[string]string
		require.NoError(t, json.Unmarshal(b, &m))
		return m
	}
	zh, en := read("board.zh_Hans.json"), read("board.en.json")
	keys := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, keys(zh), keys(en))
	literal := regexp.MustCompile(`"(board\.[A-Za-z0-9_.]+)"`)
	for _, f := range []string{"dutyboard.go", "results.go", "preview.go"} {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") {
				assert.Contains(t, zh, m[1], "%s: %s", f, m[1])
			}
		}
	}
	for _, s := range append(data.DutyStatuses, data.DutyAbsent, data.DutySignedOut) {
		assert.Equal(t, s.Label(), zh["board.status."+string(s)], "the Chinese is data's label")
		assert.Contains(t, en, "board.status."+string(s))
	}
	for _, a := range []data.ComplaintAbout{data.AboutRequest, data.AboutWindow, data.AboutStaff, data.AboutOther} {
		assert.Contains(t, zh, "board.about."+string(a))
		assert.Contains(t, en, "board.about."+string(a))
	}
}

// In elder mode at 1280×800 the opinion form with its keys open slims the
// shell like the other keyed screens (it asked for 910 px of an 800 px
// screen, pushing the header off it), and its text wraps in the column
// beside the keys instead of running under them.
func TestPreviewCommentFitsBesideKeysInElderMode(t *testing.T) {
	r := boardRig(t)
	boardPreview(t, r)
	r.win.Resize(fyne.NewSize(1280, 800))
	r.k.SetElder(true)
	c := boardOpenComment(t, r)
	for _, e := range []*input.Entry{c.Body, c.Contact} {
		test.Tap(e)
		require.NotNil(t, c.Panel.Active())
		assert.True(t, r.k.Slim(), "the shell slims down while the keys are open")
		room := r.win.Canvas().Size().Height - 2*fynetheme.Padding()
		assert.LessOrEqual(t, r.k.Content().MinSize().Height, room, "shell, form and keys fit the height")
		fitsWidth(t, r.k, r.win, "opinion form with the keys")

		drv := fyne.CurrentApp().Driver()
		keysLeft := drv.AbsolutePositionForObject(c.Panel).X
		for name, o := range map[string]fyne.CanvasObject{"field": e, "count": c.Count} {
			right := drv.AbsolutePositionForObject(o).X + o.Size().Width
			assert.LessOrEqualf(t, right, keysLeft, "the %s stays left of the keys", name)
		}
	}
	r.k.Nav.Back()
	r.k.Content().MinSize()
	assert.False(t, r.k.Slim())
}
