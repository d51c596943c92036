package kiosk_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	bmtheme "bianmin/ui/theme"
)

// wait moves the fake clock on by d and fires the timers due (the fake
// fires every pending timer; the kiosk's own checks decide from the clock).
func (r *rig) wait(d time.Duration) {
	*r.now = r.now.Add(d)
	r.timers.Fire()
}

// busyGuides opens 办事指南, types a search and switches elder mode on:
// state an idle reset must wipe.
func busyGuides(t *testing.T, r *rig) *kiosk.Guides {
	t.Helper()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, "低保")
	r.timers.Fire()
	r.k.SetElder(true)
	return g
}

func TestIdleAsksThenGoesHomeAndForgets(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	g := busyGuides(t, r)
	assert.Equal(t, 90*time.Second, r.k.Idle.Timeout(), "the profile's IdleSeconds")

	r.wait(89 * time.Second)
	assert.False(t, r.k.Idle.Showing(), "not yet")
	assert.Nil(t, r.win.Canvas().Overlays().Top())

	r.wait(2 * time.Second)
	require.True(t, r.k.Idle.Showing())
	text := r.text()
	assert.Contains(t, text, "是否继续使用？")
	assert.Contains(t, r.flat(), "10秒后将返回首页，您填写的内容将被清除。")
	assert.Equal(t, "继续", r.k.Idle.Continue.Text)
	assert.GreaterOrEqual(t, r.k.Idle.Continue.Size().Height, bmtheme.MinTouchTarget)

	r.wait(3 * time.Second)
	assert.Equal(t, "7秒后将返回首页，您填写的内容将被清除。", r.k.Idle.Countdown.Text)
	assert.Equal(t, "低保", g.Search.Text, "nothing is wiped during the countdown")

	r.wait(7 * time.Second)
	assert.False(t, r.k.Idle.Showing())
	assert.Nil(t, r.win.Canvas().Overlays().Top(), "no dialog left")
	assert.Equal(t, 1, r.k.Nav.Depth(), "home")
	assert.False(t, r.k.Elder(), "normal mode again")
	assert.False(t, bmtheme.IsElder(fyne.CurrentApp().Settings().Theme()))
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	assert.Empty(t, current[*kiosk.Guides](t, r).Search.Text, "what was typed is gone")

	// The idle timer runs on after a reset.
	r.wait(91 * time.Second)
	assert.True(t, r.k.Idle.Showing())
}

func TestIdleContinueKeepsEverything(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	g := busyGuides(t, r)
	r.wait(91 * time.Second)
	require.True(t, r.k.Idle.Showing())

	test.Tap(r.k.Idle.Continue)
	assert.False(t, r.k.Idle.Showing())
	assert.Nil(t, r.win.Canvas().Overlays().Top())
	r.wait(10 * time.Second)
	assert.Equal(t, 2, r.k.Nav.Depth())
	assert.Equal(t, "低保", g.Search.Text)
	assert.True(t, r.k.Elder())

	r.wait(60 * time.Second)
	assert.False(t, r.k.Idle.Showing(), "the wait starts again from 继续")
	r.wait(31 * time.Second)
	assert.True(t, r.k.Idle.Showing())
}

func TestTypingAnswersTheIdleQuestion(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	busyGuides(t, r)
	r.wait(91 * time.Second)
	require.True(t, r.k.Idle.Showing())
	test.TypeOnCanvas(r.win.Canvas(), "1")
	assert.False(t, r.k.Idle.Showing())
	assert.Equal(t, 2, r.k.Nav.Depth())
}

func TestActivityPostponesTheQuestion(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	busyGuides(t, r)
	area, ok := r.k.Content().(desktop.Cursorable)
	require.True(t, ok, "the content reports pointer moves")
	for i := 0; i < 5; i++ {
		r.wait(60 * time.Second)
		assert.Equal(t, desktop.DefaultCursor, area.Cursor(), "a pointer move over the kiosk")
		assert.Equal(t, *r.now, r.k.LastActivity())
	}
	assert.False(t, r.k.Idle.Showing(), "five minutes of use, never idle for 90 s")
	r.wait(91 * time.Second)
	assert.True(t, r.k.Idle.Showing())
}

func TestIdleAtHomeWithNothingToForgetStays(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	for i := 0; i < 10; i++ {
		r.wait(100 * time.Second)
	}
	assert.False(t, r.k.Idle.Showing())
	assert.Nil(t, r.win.Canvas().Overlays().Top())

	// A dialog left open on the home screen is something to clear.
	r.k.Nav.ShowMessage("温馨提示", "请到服务窗口办理。")
	require.NotNil(t, r.win.Canvas().Overlays().Top())
	r.wait(91 * time.Second)
	require.True(t, r.k.Idle.Showing())
	r.wait(10 * time.Second)
	assert.Nil(t, r.win.Canvas().Overlays().Top())
}

func TestIdleTimeout(t *testing.T) {
	tests := map[string]struct {
		profile int
		option  time.Duration
		want    time.Duration
	}{
		"Default":      {0, 0, 90 * time.Second},
		"FromProfile":  {300, 0, 300 * time.Second},
		"OptionWins":   {300, 45 * time.Second, 45 * time.Second},
		"NeverIfMinus": {300, -1, 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c := testCatalog(t)
			c.Center.IdleSeconds = tc.profile
			r := newRigWith(t, kiosk.Options{IdleTimeout: tc.option}, c)
			assert.Equal(t, tc.want, r.k.Idle.Timeout())
			r.k.Start()
			defer r.k.Stop()
			busyGuides(t, r)
			if tc.want == 0 {
				r.wait(time.Hour)
				assert.False(t, r.k.Idle.Showing())
				return
			}
			r.wait(tc.want - time.Second)
			assert.False(t, r.k.Idle.Showing())
			r.wait(2 * time.Second)
			assert.True(t, r.k.Idle.Showing())
		})
	}
}

func TestIdleNeedsStart(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	busyGuides(t, r)
	r.wait(time.Hour)
	assert.False(t, r.k.Idle.Showing(), "not started")

	r.k.Start()
	r.k.Stop()
	r.wait(time.Hour)
	assert.False(t, r.k.Idle.Showing(), "stopped")
}

func TestResetFromOutsideClosesTheQuestionAndRearms(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	busyGuides(t, r)
	r.wait(91 * time.Second)
	require.True(t, r.k.Idle.Showing())
	r.k.Reset() // staff mode closing, say
	assert.False(t, r.k.Idle.Showing())
	assert.Nil(t, r.win.Canvas().Overlays().Top())
	busyGuides(t, r)
	r.wait(91 * time.Second)
	assert.True(t, r.k.Idle.Showing(), "still watching")
}
