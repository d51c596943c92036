package kiosk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
)

// Helpers of the kiosk tests of the duty board, complaint results and
// 预公开, named board… so they never clash with other files' helpers.

var bgCtx = context.Background()

// boardRig is the kiosk on the sample catalog with a fixed clock.
func boardRig(t *testing.T) *rig {
	t.Helper()
	return newRigWith(t, kiosk.Options{}, sampleCatalog(t))
}

// boardSession is a session for the sample staff member named name: data
// checks the staff member and their role on every action, so the id is all
// a session needs.
func boardSession(t *testing.T, r *rig, name string) data.Session {
	t.Helper()
	cards, err := r.store.StaffCards(bgCtx)
	require.NoError(t, err)
	for _, c := range cards {
		if c.Name == name {
			return data.Session{StaffID: c.ID, Name: c.Name}
		}
	}
	t.Fatalf("no staff member %s", name)
	return data.Session{}
}

// boardText is every string drawn on the window, without line breaks.
func boardText(r *rig) string {
	var b strings.Builder
	for _, m := range trackTextTag.FindAllStringSubmatch(test.RenderToMarkup(r.win.Canvas()), -1) {
		b.WriteString(m[1])
	}
	return b.String()
}

// boardOpen opens the disclosure index and taps one of its duty/results/预公开 tiles.
func boardOpen(t *testing.T, r *rig, tile func(d *kiosk.Disclosure) *kiosk.Tile) {
	t.Helper()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d := current[*kiosk.Disclosure](t, r)
	require.NotNil(t, tile(d))
	test.Tap(tile(d))
}

// boardStaff sets the sample room's morning: window 1's A post 王丽娟 signed
// in then went out, its B post 赵磊 signed in; window 2's A post 陈晓燕 is on
// leave (with a private reason), its B post 孙婷 signed in.
func boardStaff(t *testing.T, r *rig) {
	t.Helper()
	a, b := boardSession(t, r, "王丽娟"), boardSession(t, r, "赵磊")
	leave, b2 := boardSession(t, r, "陈晓燕"), boardSession(t, r, "孙婷")
	for _, s := range []data.Session{a, b, b2} {
		_, err := r.store.SignIn(bgCtx, s)
		require.NoError(t, err)
	}
	require.NoError(t, r.store.SetWhereabouts(bgCtx, a, data.DutyOut, "到街道送材料", fixedNow.Add(90*time.Minute)))
	require.NoError(t, r.store.SetWhereabouts(bgCtx, leave, data.DutyLeave, "家中老人住院",
		time.Date(2026, 3, 6, 8, 30, 0, 0, data.China)))
}

func boardWindow(t *testing.T, d *kiosk.Duty, code string) *kiosk.DutyWindowCard {
	t.Helper()
	for _, w := range d.Windows {
		if w.Duty.Code == code {
			return w
		}
	}
	t.Fatalf("no window %s", code)
	return nil
}

func boardPerson(t *testing.T, d *kiosk.Duty, name string) *kiosk.DutyPerson {
	t.Helper()
	for _, p := range d.People {
		if p.Entry.Name == name {
			return p
		}
	}
	t.Fatalf("no person %s", name)
	return nil
}

func TestDutyBoardShowsBCoveringWhenAIsOut(t *testing.T) {
	r := boardRig(t)
	boardStaff(t, r)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.DutyTile })
	d := current[*kiosk.Duty](t, r)
	assert.Equal(t, "以下为09:30的在岗情况，每次打开本页时更新。", d.Status.Text)

	w1 := boardWindow(t, d, "1")
	assert.Equal(t, "1号窗口（社会保障窗口）", w1.Name.Text)
	assert.Equal(t, "赵磊", w1.Person.Text, "B covers")
	assert.Equal(t, "网格员", w1.Post.Text)
	assert.True(t, w1.Reason.Visible())
	assert.Equal(t, "A岗王丽娟外出办事，由B岗赵磊顶岗", w1.Reason.Text)

	w2 := boardWindow(t, d, "2")
	assert.Equal(t, "孙婷", w2.Person.Text)
	assert.Equal(t, "A岗陈晓燕请假，由B岗孙婷顶岗", w2.Reason.Text)

	w3 := boardWindow(t, d, "3")
	assert.Equal(t, "暂无人员在岗，请到其他窗口咨询", w3.Person.Text, "nobody signed in at window 3")
	assert.True(t, w3.Reason.Visible())
	assert.NotEmpty(t, w3.Reason.Text, "who is away, beside the icon")
	assert.NotContains(t, w3.Reason.Text, "暂无人员在岗", "the headline says it already")

	out := boardPerson(t, d, "王丽娟")
	assert.Equal(t, "外出办事", out.Status.Text)
	assert.Equal(t, "到街道送材料", out.Note.Text)
	assert.True(t, out.Note.Visible())
	assert.Equal(t, "预计11:00返回", out.Return.Text)
	assert.Contains(t, out.Where.Text, "1号窗口（社会保障窗口） · A岗")

	leave := boardPerson(t, d, "陈晓燕")
	assert.Equal(t, "请假", leave.Status.Text)
	assert.False(t, leave.Note.Visible())
	assert.Equal(t, "预计3月6日 08:30返回", leave.Return.Text)
	assert.Equal(t, "未签到", boardPerson(t, d, "张建华").Status.Text)
	assert.Equal(t, "在岗", boardPerson(t, d, "赵磊").Status.Text)

	drawn := boardText(r)
	assert.Contains(t, drawn, "A岗王丽娟外出办事，由B岗赵磊顶岗")
	assert.NotContains(t, drawn, "家中老人住院", "a leave's reason is never shown")
	assert.Contains(t, d.Speech(), "1号窗口（社会保障窗口）：赵磊（B岗）在岗。A岗王丽娟外出办事，由B岗赵磊顶岗。")
}

func TestDutyBoardRefreshesWhenShownAgain(t *testing.T) {
	r := boardRig(t)
	boardStaff(t, r)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.DutyTile })
	d := current[*kiosk.Duty](t, r)
	require.Equal(t, "赵磊", boardWindow(t, d, "1").Person.Text)

	// 王丽娟 comes back while the resident looks at something else.
	require.NoError(t, r.store.SetWhereabouts(bgCtx, boardSession(t, r, "王丽娟"), data.DutyOnDuty, "", time.Time{}))
	r.k.Nav.Push(kiosk.NewResults(r.k.Nav, r.store))
	r.k.Nav.Back()
	require.Same(t, d, current[*kiosk.Duty](t, r))
	w1 := boardWindow(t, d, "1")
	assert.Equal(t, "王丽娟", w1.Person.Text)
	assert.False(t, w1.Reason.Visible(), "A on duty: no reason needed")
	assert.Equal(t, "在岗", boardPerson(t, d, "王丽娟").Status.Text)
}

func TestDisclosureIndexHasDutyResultsPreviewTiles(t *testing.T) {
	r := boardRig(t)
	full := kiosk.NewDisclosure(r.k.Nav, r.store, r.store, kiosk.GuideOptions{})
	require.NotNil(t, full.DutyTile)
	require.NotNil(t, full.ResultsTile)
	require.NotNil(t, full.PreviewTile)
	assert.Equal(t, "今日在岗", full.DutyTile.Title)
	assert.Equal(t, "投诉处理结果", full.ResultsTile.Title)
	assert.Equal(t, "征求意见（预公开）", full.PreviewTile.Title)
}

// The disclosure index puts its nine tiles in three columns on a landscape
// screen wide enough, so 征求意见 shows without scrolling at 1920×1080.
func TestDisclosureIndexThreeColumnsOnLandscape(t *testing.T) {
	r := boardRig(t)
	r.win.Resize(fyne.NewSize(1920, 1080))
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d := current[*kiosk.Disclosure](t, r)
	require.NotNil(t, d.PreviewTile)
	xs := map[float32]bool{}
	for _, tl := range d.Tiles {
		xs[tl.Position().X] = true
	}
	xs[d.StaffTile.Position().X] = true
	assert.Len(t, xs, 3, "three columns at 1920×1080")
	assert.Less(t, d.PreviewTile.Position().Y+d.PreviewTile.Size().Height, float32(800),
		"the last tile is above the footer")
}

// The windows stand in two columns wherever two fit, elder mode at
// 1280×800 included (one column there left half the screen empty beside
// each card); elder mode on a portrait screen keeps one.
func TestDutyBoardWindowColumns(t *testing.T) {
	tests := map[string]struct {
		size  fyne.Size
		elder bool
		cols  int
	}{
		"Landscape":      {fyne.NewSize(1280, 800), false, 2},
		"LandscapeElder": {fyne.NewSize(1280, 800), true, 2},
		"Portrait":       {fyne.NewSize(1080, 1920), false, 2},
		"PortraitElder":  {fyne.NewSize(1080, 1920), true, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := boardRig(t)
			boardStaff(t, r)
			r.win.Resize(tc.size)
			r.k.SetElder(tc.elder)
			boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.DutyTile })
			d := current[*kiosk.Duty](t, r)
			require.NotEmpty(t, d.Windows)
			drv := fyne.CurrentApp().Driver()
			xs := map[float32]bool{}
			for _, w := range d.Windows {
				xs[drv.AbsolutePositionForObject(w.Name).X] = true
			}
			assert.Len(t, xs, tc.cols)
		})
	}
}
