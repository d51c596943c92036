package main

import (
	"context"
	"log"
	"net"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"bianmin/assets"
	"bianmin/cmd/bianmin/cli"
	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/speech"
	"bianmin/ui/staff"
	"bianmin/ui/theme"
	"bianmin/ui/web"
)

// appID is the reverse-DNS id of the app. It names no government domain.
const appID = "org.bianmin.kiosk"

// runGUI opens the kiosk window on the store and serves the phone status
// page, until the window closes or ctx ends.
func runGUI(ctx context.Context, s *data.Store, o cli.Options) error {
	if err := locale.Use(o.Lang); err != nil {
		return err
	}
	// FyneApp.toml's settings only reach a binary built by the fyne tool;
	// set them here so `go build` gives the same program.
	app.SetMetadata(fyne.AppMetadata{
		ID: appID, Name: "便民服务", Version: cli.Version, Build: 1,
		Icon:       fyne.NewStaticResource("icon.png", assets.Icon),
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(theme.New(false))
	a.Driver().SetDisableScreenBlanking(true)

	center, err := s.Center(ctx)
	if err != nil {
		return err
	}
	addrs, _ := net.InterfaceAddrs()
	base, reachable := cli.BaseURL(o.BaseURL, center.PublicBaseURL, o.Listen, addrs)
	if !reachable {
		log.Printf("bianmin: QR codes point to %s, which phones cannot reach; set --base-url", base)
	}

	w := a.NewWindow(lang.L("app.title"))
	// The tracker lives as long as the program: it holds the throttle that
	// slows down guessing of receipt codes across screens and idle resets.
	tr := kiosk.NewTracker(s, kiosk.TrackerOptions{BaseURL: base})
	reg := kiosk.RegisterConfig{Store: s, Printer: paper.Printer{Queue: o.Printer}, BaseURL: base, Scanner: tr.Scanner}
	features := tr.Features()
	features[kiosk.FeatureRegister] = kiosk.NewRegisterFeature(reg)

	// Staff mode: the same window, entered by holding the center's name for
	// three seconds; every exit (退出, the idle lock) signs out and puts the
	// kiosk back, reset.
	var k *kiosk.Kiosk
	desk := staff.New(s, w, staff.Options{Context: ctx, BaseURL: base, Printer: paper.Printer{Queue: o.Printer}})
	desk.OnExit = func() {
		w.SetContent(k.Content())
		k.SetKeyHandler(tr.ScanRouter(k.Nav))
		k.Reset()
		k.Start()
	}
	k = kiosk.New(s, w, kiosk.Options{
		Context:      ctx,
		Features:     features,
		RegisterItem: kiosk.NewRegisterItem(reg),
		PrintNotice:  kiosk.NewPrintNotice(reg),
		Speaker:      speech.New(),
		Scanner:      tr.Scanner,
		OnStaffRequest: func() {
			k.Stop()             // the kiosk's clock, idle reset and speech
			k.SetKeyHandler(nil) // scans and keys no longer drive the hidden kiosk
			w.SetContent(desk.Content())
			desk.Open()
		},
	})
	k.SetKeyHandler(tr.ScanRouter(k.Nav))
	w.SetContent(k.Content())
	if o.Windowed {
		w.Resize(fyne.NewSize(1280, 800))
	} else {
		w.SetFullScreen(true)
	}
	k.Start()
	defer k.Stop()

	if o.Listen != "" {
		go func() {
			if err := web.Serve(ctx, o.Listen, web.New(s, web.DefaultLimits)); err != nil {
				// The kiosk works without the phone page; say why it is off.
				log.Printf("bianmin: phone status page on %s is off: %v", o.Listen, err)
			}
		}()
	}
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	w.ShowAndRun()
	return nil
}
