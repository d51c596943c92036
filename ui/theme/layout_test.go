package theme

import (
	"bianmin/internal/shots"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screens are the three kiosk displays the layout must fit, in dp at
// scale 1.
var screens = map[string]fyne.Size{
	"1920x1080": fyne.NewSize(1920, 1080),
	"1280x800":  fyne.NewSize(1280, 800),
	"1080x1920": fyne.NewSize(1080, 1920),
}

// TestHomeTilesFit lays out a home screen shaped like the kiosk's (a banner,
// six tiles of the theme's tile size, a bottom bar of buttons) at each
// screen size in both modes, and checks that all six tiles are fully
// visible without scrolling.
//
// With BIANMIN_SHOTS set (make shots) each layout is saved as a PNG.
func TestHomeTilesFit(t *testing.T) {
	dir := shots.Dir(t, "theme")
	for mode, elder := range modes {
		for res, size := range screens {
			t.Run(mode+"/"+res, func(t *testing.T) {
				test.NewTempApp(t)
				th := New(elder)
				test.ApplyTheme(t, th)

				tiles, screen := sampleHome(th)
				w := test.NewTempWindow(t, screen)
				w.Resize(size)

				area := tiles.Size()
				for i, o := range tiles.Objects {
					end := o.Position().Add(o.Size())
					assert.LessOrEqual(t, end.X, area.Width, "tile %d right edge", i+1)
					assert.LessOrEqual(t, end.Y, area.Height, "tile %d bottom edge", i+1)
				}
				if dir != "" {
					savePNG(t, w, filepath.Join(dir, fmt.Sprintf("theme-%s-%s.png", mode, res)))
				}
			})
		}
	}
}

// sampleHome builds the sample screen and returns its tile grid too.
func sampleHome(th *Theme) (*fyne.Container, fyne.CanvasObject) {
	v := fynetheme.VariantLight
	banner := canvas.NewText("王益区示例便民服务室", th.Color(ColorNameOnAccent, v))
	banner.TextSize = th.Size(fynetheme.SizeNameHeadingText)
	top := container.NewStack(canvas.NewRectangle(th.Color(ColorNameAccent, v)),
		container.NewPadded(banner))

	tileSize := fyne.NewSize(th.Size(SizeNameTileWidth), th.Size(SizeNameTileHeight))
	var tiles []fyne.CanvasObject
	for i, name := range []string{"办事指南", "政务公开", "自助登记", "进度查询", "投诉建议", "服务评价"} {
		b := widget.NewButtonWithIcon(name, fynetheme.DocumentIcon(), nil)
		if i == 0 {
			b.Importance = widget.HighImportance
		}
		tiles = append(tiles, b)
	}
	grid := container.NewGridWrap(tileSize, tiles...)

	bar := container.NewHBox(widget.NewButtonWithIcon("返回", fynetheme.NavigateBackIcon(), nil),
		widget.NewButtonWithIcon("首页", fynetheme.HomeIcon(), nil),
		widget.NewButton("长辈模式", nil))
	return grid, container.NewBorder(top, bar, nil, nil, grid)
}

// TestSampleWidgets renders the widgets screens use most, so that a person
// can look at them (BIANMIN_SHOTS), and checks text was drawn.
func TestSampleWidgets(t *testing.T) {
	dir := shots.Dir(t, "theme")
	for mode, elder := range modes {
		t.Run(mode, func(t *testing.T) {
			test.NewTempApp(t)
			th := New(elder)
			test.ApplyTheme(t, th)
			w := test.NewTempWindow(t, sampleWidgets(th))
			w.Resize(fyne.NewSize(1280, 800))

			img := w.Canvas().Capture()
			assert.Greater(t, countInk(img, th.Color(fynetheme.ColorNameBackground, fynetheme.VariantLight)), 5000)
			if dir != "" {
				savePNG(t, w, filepath.Join(dir, fmt.Sprintf("widgets-%s.png", mode)))
			}
		})
	}
}

// sampleWidgets: status badges, a guide heading and text, an entry, a check,
// radio buttons, a select, a list and buttons of each importance.
func sampleWidgets(th *Theme) fyne.CanvasObject {
	v := fynetheme.VariantLight
	badge := func(text string, bg fyne.ThemeColorName) fyne.CanvasObject {
		l := canvas.NewText(text, th.Color(ColorNameOnStatus, v))
		l.TextSize = th.Size(fynetheme.SizeNameText)
		return container.NewStack(canvas.NewRectangle(th.Color(bg, v)), container.NewPadded(l))
	}
	badges := container.NewHBox(badge("已办结", ColorNameStatusOK), badge("即将到期", ColorNameStatusDueSoon),
		badge("已超期", ColorNameStatusOverdue), badge("办理中", ColorNameStatusInfo))
	entry := widget.NewEntry()
	entry.SetPlaceHolder("请输入姓名")
	form := container.NewVBox(badges,
		widget.NewRichTextFromMarkdown("## 居住证\n\n承诺期限 **5** 个工作日。Bold / 粗体 ABC 123"),
		entry, widget.NewCheck("我已阅读并同意", nil),
		widget.NewRadioGroup([]string{"男", "女"}, nil))
	form.Objects[len(form.Objects)-1].(*widget.RadioGroup).Horizontal = true

	list := widget.NewList(func() int { return 3 },
		func() fyne.CanvasObject { return widget.NewLabel("最低生活保障") },
		func(widget.ListItemID, fyne.CanvasObject) {})
	buttons := container.NewHBox(widget.NewButton("确定", nil), widget.NewButtonWithIcon("返回", fynetheme.NavigateBackIcon(), nil))
	buttons.Objects[0].(*widget.Button).Importance = widget.HighImportance
	form.Add(widget.NewSelect([]string{"居住证", "残疾人证"}, nil))
	form.Add(buttons)
	return container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(320, 3*th.Size(SizeNameTouchTarget)*1.1), list), form)
}

func savePNG(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, png.Encode(f, w.Canvas().Capture()))
}
