package kiosk_test

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	bmtheme "bianmin/ui/theme"
)

// textSize is the size the text drawn with the given content is rendered
// at on the window, from its markup (which leaves out the body size).
func textSize(t *testing.T, r *rig, text string) float32 {
	t.Helper()
	re := regexp.MustCompile(`<text[^>]*textSize="([0-9.]+)"[^>]*>` + regexp.QuoteMeta(text) + `</text>`)
	m := re.FindStringSubmatch(test.RenderToMarkup(r.win.Canvas()))
	require.NotNil(t, m, "no sized text %q", text)
	v, err := strconv.ParseFloat(m[1], 32)
	require.NoError(t, err)
	return float32(v)
}

func TestElderTextIsAtLeastOneAndAHalfTimes(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	th := func() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }
	body := th().Size(fynetheme.SizeNameText)
	tile := textSize(t, r, "办事指南")
	clock := textSize(t, r, "09:30")

	test.Tap(r.k.Home.ElderButton)
	require.True(t, r.k.Elder())
	assert.GreaterOrEqual(t, th().Size(fynetheme.SizeNameText), body*1.5, "body text")
	assert.GreaterOrEqual(t, textSize(t, r, "办事指南"), tile*1.5, "a tile's title as drawn")
	assert.GreaterOrEqual(t, textSize(t, r, "09:30"), clock*1.5, "the clock as drawn")

	d := openGuide(t, r, "居住证申领")
	assert.GreaterOrEqual(t, textSize(t, r, "居住证申领"), float32(34*1.5), "a guide's name")
	assert.GreaterOrEqual(t, d.Name.MinSize().Height, float32(34*1.5))
	assert.GreaterOrEqual(t, r.k.HomeButton.Size().Height, float32(72), "elder touch targets")
}

func TestElderWordingIsShorter(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	normal := map[kiosk.Feature]string{}
	for f, tile := range r.k.Home.Tiles {
		normal[f] = tile.Subtitle
	}
	assert.True(t, r.k.Home.Address.Visible())
	assert.Equal(t, "服务电话：0919-0000001　　如需帮助，请咨询窗口工作人员。", r.k.Home.HelpLine.Text)

	r.k.SetElder(true)
	for f, tile := range r.k.Home.Tiles {
		assert.NotEqual(t, normal[f], tile.Subtitle, f)
		assert.Less(t, len([]rune(tile.Subtitle)), len([]rune(normal[f])), f)
	}
	assert.Equal(t, "查条件、查材料、查流程", r.k.Home.Tiles[kiosk.FeatureGuides].Subtitle)
	assert.False(t, r.k.Home.Address.Visible(), "fewer lines in elder mode")
	assert.Equal(t, "服务电话：0919-0000001", r.k.Home.HelpLine.Text)
	r.win.Resize(fyne.NewSize(1080, 1920)) // tiles tall enough for a subtitle in elder mode
	assert.Contains(t, r.text(), "查条件、查材料、查流程")

	r.k.SetElder(false)
	for f, tile := range r.k.Home.Tiles {
		assert.Equal(t, normal[f], tile.Subtitle, f)
	}
	assert.True(t, r.k.Home.Address.Visible())
}

func TestElderKeysInBothLanguages(t *testing.T) {
	zh := readTranslations(t, "kiosk.zh_Hans.json")
	en := readTranslations(t, "kiosk.en.json")
	for _, f := range kiosk.Features() {
		key := "kiosk.home." + string(f) + ".sub.elder"
		assert.NotEmpty(t, zh[key], key)
		assert.NotEmpty(t, en[key], key)
	}
}

func TestIdleResetReturnsToNormalMode(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	r.k.Start()
	defer r.k.Stop()
	test.Tap(r.k.Home.ElderButton)
	openGuide(t, r, "居住证申领")
	r.wait(91 * time.Second)
	require.True(t, r.k.Idle.Showing())
	r.wait(10 * time.Second)
	assert.False(t, r.k.Elder())
	assert.False(t, bmtheme.IsElder(fyne.CurrentApp().Settings().Theme()))
	assert.Equal(t, "长辈模式", r.k.Home.ElderButton.Text)
	assert.Equal(t, "查看办事条件、所需材料和办理流程", r.k.Home.Tiles[kiosk.FeatureGuides].Subtitle)
	assert.True(t, r.k.Home.Address.Visible())
}
