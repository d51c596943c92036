package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// ElderSwitch is the part of the shell the home screen's 长辈模式 button
// uses; *Kiosk is one.
type ElderSwitch interface {
	Elder() bool
	SetElder(on bool)
}

// Home is the first screen: six large tiles filling the screen, and in the
// footer the address and phone and the 长辈模式 switch. The center's name,
// the date and time and today's office hours are in the header above it.
type Home struct {
	// Tiles holds the six tiles by feature.
	Tiles map[Feature]*Tile
	// Address and HelpLine are the footer's two lines: where the room is,
	// and the phone and where to ask for help.
	Address     *widget.Label
	HelpLine    *widget.Label
	ElderButton *widget.Button

	nav     *Nav
	elder   ElderSwitch
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

// homeIcon is a tile's picture, from Fyne's icon set.
func homeIcon(f Feature) fyne.Resource {
	switch f {
	case FeatureGuides:
		return fynetheme.FileTextIcon()
	case FeatureDisclosure:
		return fynetheme.InfoIcon()
	case FeatureRegister:
		return fynetheme.DocumentCreateIcon()
	case FeatureTrack:
		return fynetheme.SearchIcon()
	case FeatureComplain:
		return fynetheme.MailComposeIcon()
	case FeatureRate:
		return fynetheme.ConfirmIcon()
	}
	return fynetheme.InfoIcon()
}

// NewHome builds the home screen. Each tile opens its feature through the
// navigation registry, so screens plugged in later need no change here.
func NewHome(nav *Nav, elder ElderSwitch) *Home {
	h := &Home{Tiles: map[Feature]*Tile{}, nav: nav, elder: elder}
	grid := container.New(newGrid(0, 3, true))
	for _, f := range Features {
		f := f
		t := NewHomeTile(homeIcon(f), lang.L("kiosk.home."+string(f)), lang.L("kiosk.home."+string(f)+".sub"),
			func() { h.onTile(f) })
		h.Tiles[f] = t
		grid.Add(t)
	}
	h.Address = widget.NewLabel("")
	h.Address.Truncation = fyne.TextTruncateEllipsis
	h.Address.Hide()
	h.HelpLine = widget.NewLabel(lang.L("kiosk.footer.help"))
	h.HelpLine.Truncation = fyne.TextTruncateEllipsis
	h.ElderButton = widget.NewButtonWithIcon("", fynetheme.ZoomInIcon(), h.onElder)
	h.refreshElder()
	h.actions = container.NewBorder(nil, nil, nil, bigButton(h.ElderButton),
		container.NewVBox(layout.NewSpacer(), compact(container.NewVBox(h.Address, h.HelpLine)), layout.NewSpacer()))
	h.content = container.NewPadded(grid)
	return h
}

// SetCenter shows the center's address and phone in the footer.
func (h *Home) SetCenter(c data.Center) {
	if c.Address != "" {
		h.Address.SetText(lang.L("kiosk.footer.address", map[string]any{"Address": c.Address}))
		h.Address.Show()
	} else {
		h.Address.Hide()
	}
	if c.Phone != "" {
		h.HelpLine.SetText(lang.L("kiosk.footer.phone", map[string]any{"Phone": c.Phone}))
	} else {
		h.HelpLine.SetText(lang.L("kiosk.footer.help"))
	}
}

// Title is empty: the home screen has no title bar.
func (h *Home) Title() string { return "" }

// Content is part of Screen.
func (h *Home) Content() fyne.CanvasObject { return h.content }

// Actions puts the address, phone and 长辈模式 switch in the footer.
func (h *Home) Actions() fyne.CanvasObject { return h.actions }

func (h *Home) onTile(f Feature) { h.nav.Open(f) }

func (h *Home) onElder() {
	h.nav.Activity()
	h.elder.SetElder(!h.elder.Elder())
}

// refreshElder labels the switch with what a tap will do.
func (h *Home) refreshElder() {
	if h.elder.Elder() {
		h.ElderButton.SetText(lang.L("kiosk.home.elderOff"))
		h.ElderButton.SetIcon(fynetheme.ZoomOutIcon())
		h.ElderButton.Importance = widget.HighImportance
	} else {
		h.ElderButton.SetText(lang.L("kiosk.home.elderOn"))
		h.ElderButton.SetIcon(fynetheme.ZoomInIcon())
		h.ElderButton.Importance = widget.MediumImportance
	}
	h.ElderButton.Refresh()
}
