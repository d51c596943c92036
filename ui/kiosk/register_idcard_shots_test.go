//go:build shots

package kiosk_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"github.com/stretchr/testify/require"

	"bianmin/internal/shots"
)

// TestRegisterIDCardScreenshots renders the name step with the card
// prompt and the card's confirmation at 1280×800 and 1080×1920, in normal
// and elder mode, with a simulated reader. make shots runs it.
func TestRegisterIDCardScreenshots(t *testing.T) {
	dir := shots.Need(t, "")
	for _, elder := range []bool{false, true} {
		for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1080, Height: 1920}} {
			mode := "normal"
			if elder {
				mode = "elder"
			}
			name := fmt.Sprintf("%s-%.0fx%.0f", mode, size.Width, size.Height)
			t.Run(name, func(t *testing.T) {
				sim := newSim(t)
				r := newCardRig(t, sim)
				r.k.SetElder(elder)
				r.win.Resize(size)
				shot := func(screen string) {
					t.Helper()
					f, err := os.Create(filepath.Join(dir, fmt.Sprintf("register-idcard-%s-%s.png", name, screen)))
					require.NoError(t, err)
					defer f.Close()
					c := software.NewCanvas()
					c.SetContent(r.k.Content())
					c.Resize(size)
					require.NoError(t, png.Encode(f, c.Capture()))
					r.win.SetContent(r.k.Content())
					r.win.Resize(size)
				}
				r.ready(t)
				r.toName(t)
				shot("name")
				sim.Place(regCard)
				r.confirmScreen(t)
				shot("confirm")
			})
		}
	}
}
