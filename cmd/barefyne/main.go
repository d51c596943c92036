//go:build cgo

package main

import (
	"flag"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"bianmin/assets"
	"bianmin/cmd/internal/firstframe"
	"bianmin/ui/theme"
)

func main() {
	firstframe.Start()
	windowed := flag.Bool("windowed", false, "run in a 1280×800 window instead of full screen")
	flag.Parse()

	app.SetMetadata(fyne.AppMetadata{
		ID: "org.bianmin.barefyne", Name: "便民服务", Version: "0.1.0", Build: 1,
		Icon:       fyne.NewStaticResource("icon.png", assets.Icon),
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := app.NewWithID("org.bianmin.barefyne")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(theme.New(false))
	a.Driver().SetDisableScreenBlanking(true)

	w := a.NewWindow("便民服务")
	w.SetContent(widget.NewLabel("便民服务中心"))
	if *windowed {
		w.Resize(fyne.NewSize(1280, 800))
	} else {
		w.SetFullScreen(true)
	}
	firstframe.Watch(w, os.Stderr)
	w.ShowAndRun()
}
