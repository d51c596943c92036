package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	bmtheme "bianmin/ui/theme"
)

// newPlainIcon is a theme icon in the foreground colour as a ready picture
// (bmtheme.PictureIcon): Fyne would decode its SVG at every refresh of the
// button, two or three times as a screen is built and laid out; a page with
// a 修改 button per answer spent a third of its time there. Use it for
// buttons of medium or low importance that are never disabled (Fyne greys
// and recolours only SVG icons).
func newPlainIcon(src fyne.Resource) fyne.Resource {
	return bmtheme.PictureIcon(src, theme.ColorNameForeground)
}
