package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
)

func TestHomeMarkup(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	test.AssertRendersToMarkup(t, "home.xml", r.win.Canvas())
}

func TestHomeHasSixLargeTiles(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	require.Len(t, r.k.Home.Tiles, 6)
	for _, f := range kiosk.Features() {
		tile := r.k.Home.Tiles[f]
		require.NotNil(t, tile, f)
		assert.NotEmpty(t, tile.Title)
		assert.NotEmpty(t, tile.Subtitle)
		assert.NotNil(t, tile.Icon)
		assert.GreaterOrEqual(t, tile.Size().Width, float32(60), f)
		assert.GreaterOrEqual(t, tile.Size().Height, float32(60), f)
	}
	assert.False(t, r.k.BackButton.Visible(), "no 返回 on the home screen")
	assert.Contains(t, r.text(), "地址：测试路1号")
	assert.Contains(t, r.text(), "服务电话：0919-0000001")
}

// The kiosk builds every screen itself: each home tile opens its screen,
// none says that it is being prepared.
func TestEveryTileOpensItsScreen(t *testing.T) {
	for _, f := range kiosk.Features() {
		t.Run(string(f), func(t *testing.T) {
			r := newRig(t, kiosk.Options{})
			test.Tap(r.k.Home.Tiles[f])
			assert.Equal(t, 2, r.k.Nav.Depth(), "a screen of its own")
			assert.Nil(t, r.win.Canvas().Overlays().Top(), "no dialog")
			assert.NotContains(t, r.text(), "正在准备中")
		})
	}
}

// plugged is a plain screen a test pushes.
type plugged struct{ label *widget.Label }

func (p *plugged) Title() string              { return "自助登记" }
func (p *plugged) Content() fyne.CanvasObject { return p.label }

// The kiosk builds its own registration and notice printing: a guide's
// 我要登记 opens registration at the personal-information notice, and its
// 打印一次性告知单 without a printer says so.
func TestGuideButtonsOpenTheKiosksOwnFlows(t *testing.T) {
	r := newRig(t, kiosk.Options{})
	d := openGuide(t, r, "居住证申领")
	test.Tap(d.PrintButton)
	assert.Contains(t, r.text(), "一次性告知单")
	r.k.Reset()
	d = openGuide(t, r, "居住证申领")
	test.Tap(d.RegisterButton)
	current[*kiosk.RegisterStep](t, r)
	assert.Contains(t, r.text(), "个人信息保护告知")
}
