// Command bianmin is the 便民服务 kiosk and staff desk: one program, one
// data file. Without arguments it opens the resident kiosk (full screen);
// `bianmin catalog import|export` and `bianmin synth items|requests` work on
// the data file without a window. See package cli for the flags.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"bianmin/assets"
	"bianmin/cmd/bianmin/cli"
	"bianmin/cmd/internal/firstframe"
	_ "bianmin/cmd/internal/fynecache" // a left screen's textures go after 20 s, not a minute
)

func main() {
	firstframe.Start() // only when the environment asks: see package firstframe
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	seed := cli.Seed{Catalog: mustRead(assets.SampleCatalog), Files: assets.Sample}
	os.Exit(cli.Main(ctx, os.Args[1:], seed, runGUI, os.Stdout, os.Stderr))
}

func mustRead(name string) []byte {
	b, err := assets.Sample.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return b
}
