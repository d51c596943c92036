package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

// openGuide goes home → 办事指南 → search by name → the guide.
func openGuide(t *testing.T, r *rig, name string) *kiosk.Detail {
	t.Helper()
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, name)
	r.timers.Fire()
	require.NotEmpty(t, g.Results.Items, name)
	g.Results.List.Select(indexOf(t, g.Results.Items, name))
	d := current[*kiosk.Detail](t, r)
	require.Equal(t, name, d.Item.Name)
	return d
}

func indexOf(t *testing.T, items []data.ItemSummary, name string) int {
	t.Helper()
	for i, it := range items {
		if it.Name == name {
			return i
		}
	}
	t.Fatalf("%s not in %v", name, items)
	return -1
}

func tileTitled(t *testing.T, tiles []*kiosk.Tile, title string) *kiosk.Tile {
	t.Helper()
	for _, tile := range tiles {
		if tile.Title == title {
			return tile
		}
	}
	t.Fatalf("no tile %q", title)
	return nil
}

func TestHomeToGuidesToDetailAndBack(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	assert.Equal(t, "办事指南", r.k.TitleLabel.Text)
	assert.True(t, r.k.BackButton.Visible())
	assert.True(t, r.k.HomeButton.Visible())

	require.Len(t, g.CategoryTiles, 3)
	cat := tileTitled(t, g.CategoryTiles, "社会救助")
	assert.Equal(t, "共1项", cat.Subtitle)
	test.Tap(cat)

	c := current[*kiosk.Category](t, r)
	assert.Equal(t, "办事指南 · 社会救助", r.k.TitleLabel.Text)
	require.Len(t, c.Items.Items, 1)
	c.Items.List.Select(indexOf(t, c.Items.Items, "最低生活保障申请"))

	d := current[*kiosk.Detail](t, r)
	assert.Equal(t, "最低生活保障申请", d.Name.Text)
	assert.True(t, d.RegisterButton.Visible() && !d.RegisterButton.Disabled())
	text := r.text()
	for _, want := range []string{
		"最低生活保障申请", "示例", "联合办理", // name, sample badge, mode
		"承诺期限", "30个工作日", "法定期限", "到现场次数", "1次", "收费标准", "不收费", "收费依据：无",
		"申报条件", "家庭人均收入低于当地低保标准",
		"办事程序", "提出申请", "入户调查", "张榜公示", "审批发放",
		"申报材料", "1. 户口簿", "必需", "原件", "2. 收入证明", "可选", "复印件", "2份", "如有工作单位请提供",
		"特殊环节", "民主评议和公示7天", "不计入承诺期限",
		"办理结果", "低保证", "政策依据", "《社会救助暂行办法》",
		"办理窗口：2号窗口（民政事务窗口）", "配合窗口：1号窗口（社会保障窗口）", "咨询电话：0919-0000001",
	} {
		assert.Contains(t, text, want)
	}

	test.Tap(r.k.BackButton)
	current[*kiosk.Category](t, r)
	test.Tap(r.k.BackButton)
	current[*kiosk.Guides](t, r)
	test.Tap(r.k.HomeButton)
	current[*kiosk.Home](t, r)
	assert.Equal(t, 1, r.k.Nav.Depth())
	assert.False(t, r.k.BackButton.Visible())
}

func TestDetailOfAnImmediateUpperItem(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	openGuide(t, r, "城乡居民基本医疗保险参保登记")
	text := r.text()
	assert.Contains(t, text, "即办件，当场办结")
	assert.Contains(t, text, "直接办理")
	assert.NotContains(t, text, "示例", "only sample items carry the badge")

	openGuide(t, r, "居住证申领")
	text = r.text()
	assert.Contains(t, text, "上报部门：城区派出所")
	assert.Contains(t, text, "原件及复印件")
	assert.Contains(t, text, "咨询电话：0919-0000009", "the item's own phone")
	assert.Contains(t, text, "领取居住证\n3\n", "steps are numbered")
}

func TestSearchAsYouType(t *testing.T) {
	tests := map[string]struct {
		typed string
		want  []string
	}{
		"TwoCharacterWord": {"低保", []string{"最低生活保障申请"}},
		"PinyinInitials":   {"jzz", []string{"居住证申领"}},
		"FullPinyin":       {"yibao", []string{"城乡居民基本医疗保险参保登记"}},
		"OtherName":        {"暂住证", []string{"居住证申领"}},
		"Keyword":          {"居民", []string{"城乡居民基本医疗保险参保登记"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, kiosk.Options{})
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			g := current[*kiosk.Guides](t, r)
			test.Type(g.Search, tc.typed)
			assert.Empty(t, r.store.searches, "nothing searched while typing")
			r.timers.Fire()
			assert.Equal(t, []string{tc.typed}, r.store.searches, "one search after the pause")
			var got []string
			for _, it := range g.Results.Items {
				got = append(got, it.Name)
			}
			assert.Equal(t, tc.want, got)
			assert.True(t, g.Results.List.Visible())
			assert.Contains(t, g.Status.Text, "找到")
			for _, name := range tc.want {
				assert.Contains(t, r.text(), name, "the result is on screen")
			}
		})
	}
}

func TestSearchNotFoundHintsAtPinyin(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, "护照")
	r.timers.Fire()
	assert.Empty(t, g.Results.Items)
	assert.Contains(t, g.Status.Text, "未找到与“护照”相关的事项")
	assert.Contains(t, g.Status.Text, "jzz")
	assert.False(t, g.Results.View.Visible())

	g.Search.SetText("")
	assert.True(t, g.CategoryTiles[0].Visible(), "an empty box shows the categories again")
	assert.Contains(t, g.Status.Text, "请选择事项分类")
}

func TestLeavingCancelsAPendingSearch(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, "jzz")
	test.Tap(r.k.HomeButton)
	r.timers.Fire()
	assert.Empty(t, r.store.searches)
}
