package kiosk

import (
	"fmt"
	"image/color"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// plainIcon is a theme icon drawn in the theme's foreground colour, its
// coloured SVG made once per colour. Fyne colours a theme icon (parsing
// and writing its SVG) at every refresh of the image, and a button
// refreshes its icon two or three times as it is built and laid out; a page
// with a 修改 button per answer spent a third of its time there. Use it
// for buttons of medium or low importance only (a high-importance button
// recolours a theme icon for its primary background; this one it would
// not). A theme change (dark, elder mode) gives the new colour, and the
// name carries the colour so that Fyne's cache of drawn icons does not
// serve the old one.
type plainIcon struct {
	src   fyne.Resource
	color fyne.ThemeColorName

	mu      sync.Mutex
	col     color.Color
	name    string
	content []byte
}

func newPlainIcon(src fyne.Resource) fyne.Resource {
	return &plainIcon{src: src, color: theme.ColorNameForeground}
}

// newColoredIcon is src in the theme's colour c, coloured once per colour
// as newPlainIcon's.
func newColoredIcon(src fyne.Resource, c fyne.ThemeColorName) fyne.Resource {
	return &plainIcon{src: src, color: c}
}

func (p *plainIcon) update() {
	th := fyne.CurrentApp().Settings().Theme()
	c := th.Color(p.color, fyne.CurrentApp().Settings().ThemeVariant())
	if p.content != nil && p.col == c {
		return
	}
	// The themed resource coloured as Fyne would colour it.
	content := theme.NewColoredResource(p.src, p.color).Content()
	r, g, b, a := c.RGBA()
	base := strings.TrimSuffix(strings.TrimPrefix(p.src.Name(), "foreground_"), ".svg")
	p.col, p.content = c, content
	p.name = fmt.Sprintf("%s_%s-%02x%02x%02x%02x.svg", p.color, base, r>>8, g>>8, b>>8, a>>8)
}

// Name is part of fyne.Resource.
func (p *plainIcon) Name() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.update()
	return p.name
}

// Content is part of fyne.Resource.
func (p *plainIcon) Content() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.update()
	return p.content
}
