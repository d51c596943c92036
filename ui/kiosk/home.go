package kiosk

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	bmtheme "bianmin/ui/theme"
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
// Outside office hours a notice above the tiles says that the room is
// closed now, when it opens next, its hours and phone, and that the guides,
// disclosure and tracking still work.
//
// In elder mode the tiles' subtitles are the shorter elder wording
// (kiosk.home.*.sub.elder) and the footer drops the address and keeps the
// phone, so that the larger text is not cut off.
type Home struct {
	// Tiles holds the six tiles by feature.
	Tiles map[Feature]*Tile
	// Address and HelpLine are the footer's two lines: where the room is,
	// and the phone and where to ask for help.
	Address     *fitlabel.Label
	HelpLine    *fitlabel.Label
	ElderButton *widget.Button

	// Closed is the notice shown outside office hours: ClosedTitle
	// (现在是非办公时间) over ClosedText (next opening, hours, phone, what
	// still works, one line each).
	Closed      fyne.CanvasObject
	ClosedTitle *fitlabel.Label
	ClosedText  *fitlabel.Label

	nav      *Nav
	elder    ElderSwitch
	center   data.Center
	closedBg *canvas.Rectangle
	grid     *gridLayout
	// closedTexts are the notice's title and text, from the fullest to the
	// shortest; the layout shows the fullest that leaves the tiles their
	// room.
	closedTexts []closedText
	content     fyne.CanvasObject
	actions     fyne.CanvasObject
}

// homeTiles are the home screen's tiles in display order, each with its
// picture from Fyne's icon set (looked up when the tile is made, so that it
// follows the theme).
var homeTiles = []struct {
	feature Feature
	icon    func() fyne.Resource
}{
	{FeatureGuides, fynetheme.FileTextIcon},
	{FeatureDisclosure, fynetheme.InfoIcon},
	{FeatureRegister, fynetheme.DocumentCreateIcon},
	{FeatureTrack, fynetheme.SearchIcon},
	{FeatureComplain, fynetheme.MailComposeIcon},
	{FeatureRate, fynetheme.ConfirmIcon},
}

// Features lists the home tiles' features in display order.
func Features() []Feature {
	fs := make([]Feature, len(homeTiles))
	for i, t := range homeTiles {
		fs[i] = t.feature
	}
	return fs
}

// NewHome builds the home screen. Each tile opens its feature through the
// navigation registry, so screens plugged in later need no change here.
func NewHome(nav *Nav, elder ElderSwitch) *Home {
	h := &Home{Tiles: map[Feature]*Tile{}, nav: nav, elder: elder}
	h.grid = newGrid(0, 3, true)
	grid := container.New(h.grid)
	for _, ht := range homeTiles {
		f := ht.feature
		t := NewHomeTile(ht.icon(), tileTitle(f, elder.Elder()), tileSubtitle(f, elder.Elder()),
			func() { h.onTile(f) })
		h.Tiles[f] = t
		grid.Add(t)
	}
	h.buildClosed()
	h.Address = fitlabel.New("")
	h.Address.Hide()
	h.HelpLine = fitlabel.New(lang.L("kiosk.footer.help"))
	h.ElderButton = widget.NewButtonWithIcon("", fynetheme.ZoomInIcon(), h.onElder)
	h.actions = container.NewBorder(nil, nil, nil, bigButton(h.ElderButton),
		container.NewVBox(layout.NewSpacer(), container.NewVBox(bmtheme.Inset(h.Address, compactInset), bmtheme.Inset(h.HelpLine, compactInset)), layout.NewSpacer()))
	h.content = container.New(&homeLayout{h: h}, grid, h.Closed)
	h.refreshElder()
	return h
}

// tileTitle is a tile's title, in a shorter wording in elder mode where a
// language has one (English: the larger text cut "Public information" to
// "Public infor…").
func tileTitle(f Feature, elder bool) string {
	key := "kiosk.home." + string(f)
	if elder {
		return lang.X(key+".elder", lang.L(key))
	}
	return lang.L(key)
}

// tileSubtitle is a tile's subtitle, in the shorter elder wording in elder
// mode.
func tileSubtitle(f Feature, elder bool) string {
	key := "kiosk.home." + string(f) + ".sub"
	if elder {
		return lang.X(key+".elder", lang.L(key))
	}
	return lang.L(key)
}

// buildClosed makes the closed notice, hidden until the hours say so.
func (h *Home) buildClosed() {
	h.ClosedTitle = fitlabel.NewWrapped(lang.L("kiosk.hours.closedNow"))
	h.ClosedTitle.SizeName = fynetheme.SizeNameSubHeadingText
	h.ClosedTitle.Importance = widget.WarningImportance
	h.ClosedText = fitlabel.NewWrapped("")
	h.closedBg = canvas.NewRectangle(color.Transparent)
	icon := widget.NewIcon(fynetheme.HistoryIcon())
	body := container.NewBorder(nil, nil, container.NewCenter(icon), nil,
		compact(container.NewVBox(h.ClosedTitle, h.ClosedText)))
	h.Closed = container.NewStack(h.closedBg, container.NewPadded(body))
	h.Closed.Hide()
	h.restyle()
}

// restyle reads the notice's colours from the theme again.
func (h *Home) restyle() {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	h.closedBg.FillColor = th.Color(bmtheme.ColorNameCard, v)
	if isTransparent(h.closedBg.FillColor) {
		h.closedBg.FillColor = th.Color(fynetheme.ColorNameInputBackground, v)
	}
	h.closedBg.StrokeColor = th.Color(fynetheme.ColorNameWarning, v)
	h.closedBg.StrokeWidth = th.Size(fynetheme.SizeNameInputBorder) * 1.5
	h.closedBg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	h.closedBg.Refresh()
}

// SetCenter shows the center's address and phone in the footer.
func (h *Home) SetCenter(c data.Center) {
	h.center = c
	h.refreshFooter()
	h.refreshHours()
}

// refreshFooter writes the footer's lines for the mode: the address and
// the phone with where to ask for help, or in elder mode the phone alone.
func (h *Home) refreshFooter() {
	c, elder := h.center, h.elder.Elder()
	if c.Address != "" && !elder {
		h.Address.SetText(lang.L("kiosk.footer.address", map[string]any{"Address": c.Address}))
		h.Address.Show()
	} else {
		h.Address.Hide()
	}
	switch {
	case c.Phone != "" && elder:
		h.HelpLine.SetText(lang.L("kiosk.footer.phone.elder", map[string]any{"Phone": c.Phone}))
	case c.Phone != "":
		h.HelpLine.SetText(lang.L("kiosk.footer.phone", map[string]any{"Phone": c.Phone}))
	default:
		h.HelpLine.SetText(lang.L("kiosk.footer.help"))
	}
}

// refreshHours shows or hides the closed notice by the office hours now.
// The shell calls it with every tick of the clock; it changes the screen
// only when something changed.
func (h *Home) refreshHours() {
	open, next := h.nav.OpenNow()
	if open {
		if h.Closed.Visible() {
			h.Closed.Hide()
			h.content.Refresh()
		}
		return
	}
	title := lang.L("kiosk.hours.closedNow")
	lines := closedLines(h.nav.Center(), h.nav.Now(), next)
	texts := []closedText{{title, strings.Join(lines, "\n")}}
	if len(lines) > 2 { // when it opens, and what still works
		texts = append(texts, closedText{title, lines[0] + "\n" + lines[len(lines)-1]})
	}
	texts = append(texts, closedText{title, lines[0]},
		closedText{lang.L("kiosk.hours.closedNowShort", map[string]any{"Next": lines[0]}), ""})
	changed := !h.Closed.Visible() || !slices.Equal(texts, h.closedTexts)
	h.closedTexts = texts
	if !changed {
		return
	}
	h.showClosed(texts[0])
	h.Closed.Show()
	h.content.Refresh()
}

// closedText is one wording of the closed notice.
type closedText struct{ title, text string }

func (h *Home) showClosed(c closedText) {
	if h.ClosedTitle.Text != c.title {
		h.ClosedTitle.SetText(c.title)
	}
	if h.ClosedText.Text != c.text {
		h.ClosedText.SetText(c.text)
	}
	setVisible(h.ClosedText, c.text != "")
}

// fitClosed shows the fullest closed notice no taller than room at the
// given width; the shortest if none is.
func (h *Home) fitClosed(width, room float32) {
	for i, c := range h.closedTexts {
		h.showClosed(c)
		h.Closed.Resize(fyne.NewSize(width, h.Closed.MinSize().Height)) // wrapped text measures at its width
		if h.Closed.MinSize().Height <= room || i == len(h.closedTexts)-1 {
			return
		}
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

// refreshElder labels the switch with what a tap will do, and words the
// tiles and the footer for the mode.
func (h *Home) refreshElder() {
	for f, t := range h.Tiles {
		if title := tileTitle(f, h.elder.Elder()); t.Title != title {
			t.Title = title
			t.Refresh()
		}
		if sub := tileSubtitle(f, h.elder.Elder()); t.Subtitle != sub {
			t.Subtitle = sub
			t.Refresh()
		}
	}
	h.refreshFooter()
	h.restyle()
	// Set together and refreshed once (each of SetText and SetIcon would
	// refresh the button, decoding its icon again), and not at all while
	// the button was never drawn: its first drawing takes them as they are.
	b := h.ElderButton
	if h.elder.Elder() {
		b.Text, b.Icon, b.Importance = lang.L("kiosk.home.elderOff"), fynetheme.ZoomOutIcon(), widget.HighImportance
	} else {
		b.Text, b.Icon, b.Importance = lang.L("kiosk.home.elderOn"), fynetheme.ZoomInIcon(), widget.MediumImportance
	}
	if !b.Size().IsZero() {
		b.Refresh()
	}
}

// homeLayout lays out the home screen inside a theme padding: the closed
// notice, when shown, across the top at the height its text needs, and the
// tiles filling the rest. The notice says less (fitClosed) when saying it
// all would squeeze the tiles below their minimum (elder mode on a
// 1280×800 screen). Objects: the tile grid, the notice.
type homeLayout struct{ h *Home }

func (l *homeLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	grid, notice := objects[0], objects[1]
	pad := fynetheme.Padding()
	w := size.Width - 2*pad
	top := pad
	if notice.Visible() {
		l.h.fitClosed(w, size.Height-4*pad-l.gridMinHeight(grid, w))
		nh := notice.MinSize().Height
		notice.Move(fyne.NewPos(pad, pad))
		notice.Resize(fyne.NewSize(w, nh))
		top += nh + 2*pad
	}
	grid.Move(fyne.NewPos(pad, top))
	grid.Resize(fyne.NewSize(w, max(0, size.Height-top-pad)))
}

// gridMinHeight is the least height the tiles need at the given width: as
// many columns as fit (at most the grid's), each row a tile's minimum. The
// grid's own MinSize counts the columns of its last layout, which may be
// stale here.
func (l *homeLayout) gridMinHeight(grid fyne.CanvasObject, width float32) float32 {
	g := l.h.grid
	objs := visible(grid.(*fyne.Container).Objects)
	if len(objs) == 0 {
		return 0
	}
	cell, gap := g.cellMin(objs), g.gap()
	cols := max(1, min(g.maxCols, len(objs), int((width+gap)/(cell.Width+gap))))
	rows := (len(objs) + cols - 1) / cols
	return float32(rows)*cell.Height + float32(rows-1)*gap
}

// MinSize is the tiles' alone, in as many columns as the grid allows: the
// notice takes only the room there is (fitClosed). The grid's own MinSize
// counts the columns of its last layout, one before the first, which would
// ask for six rows and make a 1280×800 window grow past its screen.
func (l *homeLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := fynetheme.Padding()
	g := l.h.grid
	objs := visible(objects[0].(*fyne.Container).Objects)
	if len(objs) == 0 {
		return fyne.NewSize(2*pad, 2*pad)
	}
	cell, gap := g.cellMin(objs), g.gap()
	cols := max(1, min(g.maxCols, len(objs)))
	rows := (len(objs) + cols - 1) / cols
	return fyne.NewSize(float32(cols)*cell.Width+float32(cols-1)*gap+2*pad,
		float32(rows)*cell.Height+float32(rows-1)*gap+2*pad)
}
