package kiosk_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	"bianmin/ui/speech"
)

// The real Speaker is what main passes.
var _ kiosk.Speaker = (*speech.Speaker)(nil)

// fakeSpeaker records what it was asked to read; speaking says whether the
// current speech is still going on.
type fakeSpeaker struct {
	available bool
	spoken    []string
	stops     int
	speaking  bool
}

func (f *fakeSpeaker) Available() bool { return f.available }
func (f *fakeSpeaker) Speak(text string) {
	f.spoken = append(f.spoken, text)
	f.speaking = true
}
func (f *fakeSpeaker) Stop()          { f.stops++; f.speaking = false }
func (f *fakeSpeaker) Speaking() bool { return f.speaking }

// silentSpeaker cannot tell when it has finished.
type silentSpeaker struct{ spoken []string }

func (s *silentSpeaker) Available() bool   { return true }
func (s *silentSpeaker) Speak(text string) { s.spoken = append(s.spoken, text) }
func (s *silentSpeaker) Stop()             {}

func TestGuideSpeech(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	tests := map[string]struct {
		name string
		want string
	}{
		"OneMaterial": {"居住证申领",
			"居住证申领。申报条件：在本地居住半年以上。需要准备1项材料：第1项，居民身份证，必需，原件及复印件1份。" +
				"承诺期限：10个工作日。收费标准：不收费。"},
		"TwoMaterials": {"最低生活保障申请",
			"最低生活保障申请。申报条件：家庭人均收入低于当地低保标准。需要准备2项材料：第1项，户口簿，必需，原件1份；" +
				"第2项，收入证明，可选，复印件2份。承诺期限：30个工作日。收费标准：不收费。"},
		"OnTheSpot": {"城乡居民基本医疗保险参保登记",
			"城乡居民基本医疗保险参保登记。申报条件：未参加职工医保的城乡居民。需要准备1项材料：第1项，居民身份证，必需，原件1份。" +
				"承诺期限：即办件，当场办结。收费标准：不收费。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, openGuide(t, r, tc.name).Speech())
		})
	}
}

func TestGuideSpeechReadsListsAsSentences(t *testing.T) {
	c := testCatalog(t)
	c.Items[0].Conditions = "1.在本地居住半年以上；\n2、有合法稳定就业\n（3）连续就读。\n\n4. 年满1.5周岁"
	r := newRigWith(t, kiosk.Options{}, c)
	d := openGuide(t, r, "居住证申领")
	assert.Contains(t, d.Speech(), "申报条件：在本地居住半年以上；有合法稳定就业；连续就读；年满1.5周岁。")
}

func TestSpeakButtonReadsAndStops(t *testing.T) {
	sp := &fakeSpeaker{available: true}
	r := newRig(t, kiosk.Options{Speaker: sp})
	assert.NotContains(t, r.text(), "朗读", "the home screen is not read aloud")

	d := openGuide(t, r, "最低生活保障申请")
	assert.Contains(t, r.text(), "朗读")
	assert.GreaterOrEqual(t, r.k.SpeakButton.Size().Height, float32(60))
	test.Tap(r.k.SpeakButton)
	require.Len(t, sp.spoken, 1)
	assert.Equal(t, d.Speech(), sp.spoken[0])
	assert.True(t, r.k.Speaking())
	assert.Equal(t, "停止朗读", r.k.SpeakButton.Text)

	test.Tap(r.k.SpeakButton)
	assert.False(t, r.k.Speaking())
	assert.Equal(t, 1, sp.stops)
	assert.Equal(t, "朗读", r.k.SpeakButton.Text)
}

func TestLeavingTheScreenStopsSpeech(t *testing.T) {
	tests := map[string]func(r *rig){
		"Back":  func(r *rig) { test.Tap(r.k.BackButton) },
		"Home":  func(r *rig) { test.Tap(r.k.HomeButton) },
		"Reset": func(r *rig) { r.k.Reset() },
		"Stop":  func(r *rig) { r.k.Stop() },
		"Covered": func(r *rig) {
			r.k.Nav.Push(&plugged{widget.NewLabel("登记")})
		},
	}
	for name, leave := range tests {
		t.Run(name, func(t *testing.T) {
			sp := &fakeSpeaker{available: true}
			r := newRig(t, kiosk.Options{Speaker: sp})
			openGuide(t, r, "居住证申领")
			test.Tap(r.k.SpeakButton)
			require.True(t, sp.speaking)
			leave(r)
			assert.False(t, sp.speaking, "stopped")
			assert.False(t, r.k.Speaking())
			assert.Equal(t, "朗读", r.k.SpeakButton.Text)
		})
	}
}

func TestRetitleDoesNotStopSpeech(t *testing.T) {
	sp := &fakeSpeaker{available: true}
	r := newRig(t, kiosk.Options{Speaker: sp})
	d := openGuide(t, r, "居住证申领")
	test.Tap(r.k.SpeakButton)
	r.k.Nav.Retitle(d)
	assert.True(t, sp.speaking)
}

func TestSpeechEndingByItselfResetsTheButton(t *testing.T) {
	sp := &fakeSpeaker{available: true}
	r := newRig(t, kiosk.Options{Speaker: sp})
	openGuide(t, r, "居住证申领")
	test.Tap(r.k.SpeakButton)
	r.timers.Fire()
	assert.Equal(t, "停止朗读", r.k.SpeakButton.Text, "still reading")
	sp.speaking = false
	r.timers.Fire()
	assert.False(t, r.k.Speaking())
	assert.Equal(t, "朗读", r.k.SpeakButton.Text)
	test.Tap(r.k.SpeakButton)
	assert.Len(t, sp.spoken, 2, "a tap reads again")
}

func TestNoSpeakButtonWithoutSpeaker(t *testing.T) {
	tests := map[string]kiosk.Speaker{
		"None":        nil,
		"Unavailable": &fakeSpeaker{available: false},
	}
	for name, sp := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, kiosk.Options{Speaker: sp})
			openGuide(t, r, "居住证申领")
			assert.NotContains(t, r.text(), "朗读")
			test.Tap(r.k.SpeakButton) // even if it were reached, nothing breaks
			assert.False(t, r.k.Speaking())
		})
	}
}

// loadingScreen can be read aloud once it has loaded, which it has not.
type loadingScreen struct{ speech string }

func (l *loadingScreen) Title() string              { return "读取中" }
func (l *loadingScreen) Content() fyne.CanvasObject { return widget.NewLabel("正在读取") }
func (l *loadingScreen) Speech() string             { return l.speech }

func TestSpeakBeforeTheScreenLoadsDoesNothing(t *testing.T) {
	sp := &fakeSpeaker{available: true}
	r := newRig(t, kiosk.Options{Speaker: sp})
	s := &loadingScreen{}
	r.k.Nav.Push(s)
	assert.Contains(t, r.text(), "朗读", "any Speakable screen gets the button")
	test.Tap(r.k.SpeakButton)
	assert.Empty(t, sp.spoken)
	assert.False(t, r.k.Speaking())
	s.speech = "回执编号 WY20260305001"
	test.Tap(r.k.SpeakButton)
	assert.Equal(t, []string{"回执编号 WY20260305001"}, sp.spoken)
}

func TestNotIdleWhileReadingAloud(t *testing.T) {
	sp := &fakeSpeaker{available: true}
	r := newRig(t, kiosk.Options{Speaker: sp})
	r.k.Start()
	defer r.k.Stop()
	openGuide(t, r, "最低生活保障申请")
	test.Tap(r.k.SpeakButton)
	r.wait(100 * time.Second)
	r.wait(100 * time.Second)
	assert.False(t, r.k.Idle.Showing(), "listening is not idle")

	sp.speaking = false // the speech ends
	r.wait(time.Second)
	r.wait(89 * time.Second)
	assert.False(t, r.k.Idle.Showing(), "idle counts from the end of the speech")
	r.wait(2 * time.Second)
	assert.True(t, r.k.Idle.Showing())
	r.wait(10 * time.Second)
	assert.Equal(t, 1, r.k.Nav.Depth())
}

func TestASpeakerThatCannotTellDoesNotBlockTheIdleReset(t *testing.T) {
	sp := &silentSpeaker{}
	r := newRig(t, kiosk.Options{Speaker: sp})
	r.k.Start()
	defer r.k.Stop()
	openGuide(t, r, "居住证申领")
	test.Tap(r.k.SpeakButton)
	require.Len(t, sp.spoken, 1)
	r.wait(91 * time.Second)
	assert.True(t, r.k.Idle.Showing())
}

// TestSpeakWithTheRealSpeaker drives the shell with ui/speech's Speaker and
// a fake espeak-ng first on PATH that records its standard input.
func TestSpeakWithTheRealSpeaker(t *testing.T) {
	dir, bin := t.TempDir(), t.TempDir()
	stdin := filepath.Join(dir, "stdin")
	script := "#!/bin/sh\ncat > '" + stdin + ".part' && mv '" + stdin + ".part' '" + stdin + "'\nexec sleep 60\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, speech.Binary), []byte(script), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	sp := speech.New()
	require.True(t, sp.Available())
	r := newRig(t, kiosk.Options{Speaker: sp})
	d := openGuide(t, r, "居住证申领")
	test.Tap(r.k.SpeakButton)
	require.Eventually(t, func() bool { b, _ := os.ReadFile(stdin); return string(b) == d.Speech() },
		10*time.Second, 5*time.Millisecond)
	assert.True(t, sp.Speaking())
	test.Tap(r.k.HomeButton)
	assert.False(t, sp.Speaking())
	require.NoError(t, sp.Wait())
}

// TestFooterKeepsOneRowWhereHeightIsShort: 朗读 joins the footer without
// pushing it to two rows on a landscape screen (in elder mode on 1280×800
// it shrinks to its icon); on a portrait screen in elder mode the screen's
// buttons go in a row above 返回 and 首页.
func TestFooterKeepsOneRowWhereHeightIsShort(t *testing.T) {
	tests := map[string]struct {
		size    fyne.Size
		elder   bool
		oneRow  bool
		theWord bool // 朗读 is written out
	}{
		"Landscape":         {fyne.NewSize(1280, 800), false, true, true},
		"Wide":              {fyne.NewSize(1920, 1080), false, true, true},
		"Portrait":          {fyne.NewSize(1080, 1920), false, true, true},
		"ElderLandscape":    {fyne.NewSize(1280, 800), true, true, false},
		"ElderWide":         {fyne.NewSize(1920, 1080), true, true, true},
		"ElderPortraitRows": {fyne.NewSize(1080, 1920), true, false, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRigWith(t, kiosk.Options{Speaker: &fakeSpeaker{available: true}}, sampleCatalog(t))
			r.k.SetElder(tc.elder)
			r.win.Resize(tc.size)
			d := openGuide(t, r, "最低生活保障申请")
			r.win.Resize(tc.size)
			pos := func(o fyne.CanvasObject) fyne.Position {
				return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
			}
			assert.Equal(t, tc.oneRow, pos(r.k.BackButton).Y == pos(d.RegisterButton).Y)
			assert.Equal(t, tc.theWord, strings.Contains(r.text(), "朗读"))
			assert.LessOrEqual(t, pos(r.k.HomeButton).X+r.k.HomeButton.Size().Width, tc.size.Width, "nothing off screen")
		})
	}
}
