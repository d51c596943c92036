package kiosk

import (
	"bytes"
	"image"
	_ "image/jpeg" // staff photos may be JPEG
	_ "image/png"  // or PNG
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// Staff is the staff page of 政务公开 (§一(一)1: name, photo, post and
// duties of every staff member) with each one's window and A/B post.
type Staff struct {
	Cards  []*StaffCard
	Status *widget.Label

	nav     *Nav
	store   DisclosureStore
	grid    *fyne.Container
	content fyne.CanvasObject
}

// NewStaff builds the page and starts loading the cards.
func NewStaff(nav *Nav, store DisclosureStore) *Staff {
	s := &Staff{nav: nav, store: store}
	s.Status = status(lang.L("kiosk.loading"))
	// A card is about 25 characters wide: one column on a portrait screen,
	// two or three on a landscape one, fewer in elder mode.
	s.grid = container.New(newGrid(fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameText)*25, 3, false))
	s.content = vscroll(container.NewVBox(s.Status, s.grid))
	s.load()
	return s
}

// Title is part of Screen.
func (s *Staff) Title() string {
	return lang.L("kiosk.home.disclosure") + " · " + lang.L("kiosk.disclosure.staff")
}

// Content is part of Screen.
func (s *Staff) Content() fyne.CanvasObject { return s.content }

func (s *Staff) load() {
	readThenShow(s.nav, nil, s.Status, "kiosk: staff", s.store.StaffCards, s.show)
}

func (s *Staff) show(cards []data.StaffCard) {
	s.Cards = showCards(s.grid, s.Status, cards, func(c data.StaffCard) (*StaffCard, fyne.CanvasObject) {
		card := newStaffCard(c)
		return card, card.content
	}, lang.L("kiosk.staff.none"), lang.L("kiosk.staff.intro"))
}

// StaffCard is one staff member's card.
type StaffCard struct {
	Card   data.StaffCard
	Photo  *canvas.Image
	Name   *widget.Label
	Post   *widget.Label
	Window *fitlabel.Label
	Duties *fitlabel.Label

	content fyne.CanvasObject
}

func newStaffCard(c data.StaffCard) *StaffCard {
	th := fyne.CurrentApp().Settings().Theme()
	sc := &StaffCard{Card: c}
	sc.Photo = canvas.NewImageFromResource(photoResource(c))
	sc.Photo.FillMode = canvas.ImageFillContain
	text := th.Size(fynetheme.SizeNameText)
	sc.Photo.SetMinSize(fyne.NewSize(text*6, text*7.5)) // a 4:5 portrait, grows in elder mode

	sc.Name = widget.NewLabel(c.Name)
	sc.Name.SizeName = fynetheme.SizeNameHeadingText
	sc.Post = widget.NewLabel(c.Post)
	sc.Post.SizeName = fynetheme.SizeNameSubHeadingText
	sc.Post.Wrapping = fyne.TextWrapWord
	sc.Window = para(staffWindowText(c))
	sc.Duties = para(lang.L("kiosk.staff.duties", map[string]any{"Duties": c.Duties}))
	if c.Duties == "" {
		sc.Duties.Hide()
	}

	info := compact(container.NewVBox(sc.Name, sc.Post, sc.Window, sc.Duties))
	photo := container.NewVBox(container.NewPadded(sc.Photo))
	sc.content = onCard(container.NewBorder(nil, nil, photo, nil, info))
	return sc
}

// staffWindowText is "1号窗口（社会保障窗口）· A岗".
func staffWindowText(c data.StaffCard) string {
	var w string
	if c.WindowCode != "" {
		w = windowText(c.WindowCode, map[string]string{c.WindowCode: c.WindowName})
	}
	var ab string
	switch c.AB {
	case "A":
		ab = lang.L("kiosk.staff.postA")
	case "B":
		ab = lang.L("kiosk.staff.postB")
	}
	switch {
	case w != "" && ab != "":
		return w + " · " + ab
	case w != "":
		return w
	case ab != "":
		return ab
	}
	return lang.L("kiosk.staff.noWindow")
}

// photoResource is the staff photo, or a plain person icon when there is no
// photo or it is not a picture Fyne can show.
func photoResource(c data.StaffCard) fyne.Resource {
	if len(c.Photo) > 0 {
		if _, _, err := image.DecodeConfig(bytes.NewReader(c.Photo)); err == nil {
			return fyne.NewStaticResource("staff-"+strconv.FormatInt(c.ID, 10), c.Photo)
		}
	}
	return fynetheme.NewPrimaryThemedResource(fynetheme.AccountIcon())
}
