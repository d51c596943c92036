package kiosk_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	"bianmin/ui/theme/themetest"
)

// BenchmarkScreens builds and draws the kiosk's home screen (a new kiosk
// each time) and the guide list with 20 rows (home → 办事指南 → search),
// on a 1280×800 window with the test app's software painter. Reported:
//
//	p50-ms, p99-ms   building and drawing the screen once
//	heap-MB          live heap after the runs, less before them
//	fonts            font loads Fyne asked of the theme in the runs
//
// A theme override per row once cost +367 MB of heap for 20
// rows. Run with
//
//	go test ./ui/kiosk/ -run '^$' -bench Screens -benchtime 20x
func BenchmarkScreens(b *testing.B) {
	b.Run("Home", func(b *testing.B) {
		r := newRigWith(b, kiosk.Options{}, manyGuides(b, 20))
		fonts := themetest.Use(fyne.CurrentApp())
		themetest.Measure(b, fonts, func() {
			k := kiosk.New(r.store, r.win, kiosk.Options{Run: func(f func()) { f() }, After: r.timers.After})
			r.win.SetContent(k.Content())
			themetest.Draw(r.win)
		})
	})
	b.Run("GuideList20", func(b *testing.B) {
		r := newRigWith(b, kiosk.Options{}, manyGuides(b, 20))
		fonts := themetest.Use(fyne.CurrentApp())
		themetest.Measure(b, fonts, func() {
			r.k.Nav.Home()
			test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
			g := r.k.Nav.Current().(*kiosk.Guides)
			test.Type(g.Search, "测试事项")
			r.timers.Fire()
			require.Len(b, g.Results.Items, 20)
			themetest.Draw(r.win)
		})
	})
}
