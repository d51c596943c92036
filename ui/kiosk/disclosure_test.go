package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

func TestHomeToDisclosureToStaffCard(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d := current[*kiosk.Disclosure](t, r)
	assert.Equal(t, "政务公开", r.k.TitleLabel.Text)
	require.Len(t, d.Tiles, len(data.PublicCategories))
	assert.Equal(t, "管理制度与服务承诺", d.Tiles[data.CatRules].Title)
	assert.Contains(t, d.Tiles[data.CatRules].Subtitle, "共1项")
	assert.Contains(t, d.Tiles[data.CatOther].Subtitle, "共0项")
	assert.NotContains(t, d.Tiles[data.CatGuide].Subtitle, "共0项", "办事公开 links to the guides")

	test.Tap(d.StaffTile)
	s := current[*kiosk.Staff](t, r)
	require.Len(t, s.Cards, 2)
	first := s.Cards[0]
	assert.Equal(t, "王芳", first.Name.Text)
	assert.Equal(t, "社保专干", first.Post.Text)
	assert.Equal(t, "1号窗口（社会保障窗口） · A岗", first.Window.Text)
	assert.Equal(t, "岗位职责：负责社会保障业务受理", first.Duties.Text)
	require.NotNil(t, first.Photo.Resource)
	assert.Equal(t, "李强", s.Cards[1].Name.Text)
	assert.Contains(t, s.Cards[1].Window.Text, "B岗")
	text := r.text()
	assert.Contains(t, text, "王芳")
	assert.Contains(t, text, "AB岗")

	test.Tap(r.k.BackButton)
	current[*kiosk.Disclosure](t, r)
}

func TestNoticeReadableInFullWithHistory(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d := current[*kiosk.Disclosure](t, r)
	test.Tap(d.Tiles[data.CatRules])
	l := current[*kiosk.NoticeList](t, r)
	require.Len(t, l.Rows, 1)
	test.Tap(l.Rows[0])
	v := current[*kiosk.NoticeView](t, r)
	assert.Contains(t, v.Text(), "方便监督的原则")
	assert.Len(t, v.Body, 2, "one label per paragraph")
	assert.Contains(t, v.Meta.Text, "2026年2月5日")
	assert.Contains(t, v.Meta.Text, "第2版")
	assert.NotNil(t, v.Scroll)

	test.Tap(v.HistoryButton)
	a := current[*kiosk.Archive](t, r)
	require.Len(t, a.Rows, 1)
	test.Tap(a.Rows[0])
	old := current[*kiosk.NoticeView](t, r)
	assert.Equal(t, "旧的管理制度全文", old.Text())
	assert.Contains(t, r.text(), "历史版本，已由新版本代替")
}

func TestComplaintPageShowsChannels(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatComplaint])
	l := current[*kiosk.NoticeList](t, r)
	require.NotNil(t, l.Channels)
	text := r.text()
	for _, want := range []string{"投诉与监督渠道", "投诉电话：0919-0000002", "举报电话：0919-0000003",
		"举报箱：服务室门口左侧", "10个工作日", "投诉处理结果"} {
		assert.Contains(t, text, want)
	}
}

func TestOrgAndGuideCategoriesLinkOn(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatOrg])
	l := current[*kiosk.NoticeList](t, r)
	require.NotNil(t, l.StaffTile)
	test.Tap(l.StaffTile)
	current[*kiosk.Staff](t, r)

	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatGuide])
	l = current[*kiosk.NoticeList](t, r)
	assert.NotContains(t, r.text(), "本类暂无公开内容", "the page holds the link to the guides")
	require.NotNil(t, l.GuidesTile)
	test.Tap(l.GuidesTile)
	current[*kiosk.Guides](t, r)

	// A plain category with nothing published says so.
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	test.Tap(current[*kiosk.Disclosure](t, r).Tiles[data.CatOther])
	current[*kiosk.NoticeList](t, r)
	assert.Contains(t, r.text(), "本类暂无公开内容")
}

// TestInternalNeverShown walks every resident disclosure screen and reads
// all the text drawn on it: the internal items' titles and bodies never
// appear.
func TestInternalNeverShown(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	seen := 0
	check := func(where string) {
		t.Helper()
		seen++
		text := r.text()
		for _, secret := range []string{internalTitle, internalBody, appraisalTitle} {
			assert.NotContains(t, text, secret, where)
		}
	}
	check("home")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d := current[*kiosk.Disclosure](t, r)
	check("disclosure index")
	for _, n := range d.Notices {
		assert.False(t, n.Category.Internal(), n.Title)
	}
	for _, c := range data.PublicCategories {
		test.Tap(d.Tiles[c])
		l := current[*kiosk.NoticeList](t, r)
		check(string(c))
		for i := range l.Rows {
			test.Tap(l.Rows[i])
			v := current[*kiosk.NoticeView](t, r)
			check(string(c) + ": " + v.TitleLabel.Text)
			test.Tap(v.HistoryButton)
			check(string(c) + ": history")
			r.k.Reset()
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			d = current[*kiosk.Disclosure](t, r)
			test.Tap(d.Tiles[c])
			l = current[*kiosk.NoticeList](t, r)
		}
		test.Tap(r.k.BackButton)
	}
	test.Tap(d.StaffTile)
	check("staff")
	assert.Greater(t, seen, 8)

	// Searching the guides for the internal words finds nothing either.
	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, "廉洁")
	r.timers.Fire()
	assert.Empty(t, g.Results.Items)
	check("guide search")
}

// The disclosure index takes as many columns as its tiles fit: elder mode
// at 1280×800 needs two, or its nine tiles stand in one column that shows
// barely two at a time; a portrait screen in elder mode keeps one wide
// column. The introduction scrolls with the tiles, leaving them the height.
func TestDisclosureIndexColumns(t *testing.T) {
	tests := map[string]struct {
		size  fyne.Size
		elder bool
		cols  int
	}{
		"Landscape":      {fyne.NewSize(1280, 800), false, 3},
		"LandscapeElder": {fyne.NewSize(1280, 800), true, 2},
		"Portrait":       {fyne.NewSize(1080, 1920), false, 2},
		"PortraitElder":  {fyne.NewSize(1080, 1920), true, 1},
		"WideElder":      {fyne.NewSize(1920, 1080), true, 3},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := boardRig(t)
			r.win.Resize(tc.size)
			r.k.SetElder(tc.elder)
			test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
			d := current[*kiosk.Disclosure](t, r)
			xs := map[float32]bool{d.StaffTile.Position().X: true}
			for _, tl := range d.Tiles {
				xs[tl.Position().X] = true
			}
			assert.Len(t, xs, tc.cols)
			_, scrolls := d.Content().(*container.Scroll)
			assert.True(t, scrolls, "the introduction scrolls with the tiles")
		})
	}
}
