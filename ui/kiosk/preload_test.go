package kiosk_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
)

// TestPreloadedHomeIsCompleteAtOnce: with what home shows read beforehand
// (Preload), the kiosk does no store work to build home, and home shows
// the center's name, today's hours and address at its first layout.
func TestPreloadedHomeIsCompleteAtOnce(t *testing.T) {
	app := test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	app.Settings().SetTheme(bmtheme.New(false))
	store := mustOpen(t, testCatalog(t))

	pre, err := kiosk.Preload(context.Background(), store, fixedNow)
	require.NoError(t, err)
	assert.Equal(t, "测试社区便民服务室", pre.Center.Name)
	require.NotNil(t, pre.Calendar)

	queued := 0
	timers := &fakeTimers{}
	k := kiosk.New(store, test.NewTempWindow(t, nil), kiosk.Options{
		Preloaded: pre,
		Now:       func() time.Time { return fixedNow },
		Run:       func(func()) { queued++ }, // never run: nothing may wait for it
		After:     timers.After,
	})
	w := test.NewTempWindow(t, k.Content())
	w.Resize(fyne.NewSize(1280, 800))

	assert.Zero(t, queued, "no store work to build home")
	assert.Equal(t, "测试社区便民服务室", k.Header.Name.Text)
	assert.Equal(t, "今日办公时间 08:30–12:00  14:30–17:30", k.Header.Hours.Text)
	assert.True(t, k.Home.Address.Visible())
	assert.Contains(t, k.Home.Address.Text, "测试路1号")
}
