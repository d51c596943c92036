package kiosk

import (
	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"bianmin/ui/input"
	"bianmin/ui/internal/stack"
)

// slimBelow is the height under which a landscape window counts as short:
// 1280×800 (and 1366×768) are, 1920×1080 is not.
const slimBelow = 1000

// keyed is a screen with a keyboard or keypad panel. While one of them is
// open on a short landscape window the shell slims down (Kiosk.Slim): the
// title bar goes (the screen's own heading or step indicator says where
// the resident is) and the header keeps one line, the center's name and
// the time, so that the field being filled keeps its room above or beside
// the keys, in elder mode too.
type keyed interface {
	keyPanels() []*input.Panel
}

func (g *Guides) keyPanels() []*input.Panel          { return []*input.Panel{g.Panel} }
func (p *RegisterPicker) keyPanels() []*input.Panel  { return []*input.Panel{p.Panel} }
func (s *RegisterStep) keyPanels() []*input.Panel    { return []*input.Panel{s.Panel} }
func (s *Rate) keyPanels() []*input.Panel            { return []*input.Panel{s.Panel} }
func (s *ComplainBody) keyPanels() []*input.Panel    { return []*input.Panel{s.Panel} }
func (s *ComplainContact) keyPanels() []*input.Panel { return []*input.Panel{s.Panel} }
func (s *Track) keyPanels() []*input.Panel           { return formPanels(s.Form) }
func (s *RateLookup) keyPanels() []*input.Panel      { return formPanels(s.Form) }
func (s *ComplainRequest) keyPanels() []*input.Panel { return formPanels(s.Form) }
func (c *PreviewComment) keyPanels() []*input.Panel  { return []*input.Panel{c.Panel} }

// revealer is a keyed screen that can scroll the field being filled into
// view again: the shell asks it to after slimming down or coming back,
// since the room above the keys changed after the screen scrolled.
type revealer interface {
	reveal()
}

func (s *RegisterStep) reveal() {
	if s.Panel != nil && s.Panel.Active() != nil && s.scroll != nil {
		input.ScrollIntoView(s.scroll, s.Panel.Active())
	}
}
func (s *Track) reveal()           { s.Form.keys.reveal() }
func (s *RateLookup) reveal()      { s.Form.keys.reveal() }
func (s *ComplainRequest) reveal() { s.Form.keys.reveal() }
func (s *Rate) reveal()            { s.keys.reveal() }
func (s *ComplainBody) reveal()    { s.keys.reveal() }
func (s *ComplainContact) reveal() { s.keys.reveal() }

func (c *PreviewComment) reveal() {
	if e := c.Panel.Active(); e != nil {
		input.ScrollIntoView(c.scroll, e)
	}
}

func (k *trackKeys) reveal() {
	if k == nil || k.Scroll == nil {
		return
	}
	if e := k.Panel.Active(); e != nil {
		input.ScrollIntoView(k.Scroll, e)
	}
}

func formPanels(f *LookupForm) []*input.Panel {
	if f == nil {
		return nil
	}
	return []*input.Panel{f.Panel}
}

// Slim reports whether the shell is slimmed down: a keyboard or keypad is
// open on the screen on top and the window is short and landscape.
func (k *Kiosk) Slim() bool {
	size := k.win.Canvas().Size()
	if size.Width <= size.Height || size.Height >= slimBelow {
		return false
	}
	s, ok := k.Nav.Current().(keyed)
	if !ok {
		return false
	}
	for _, p := range s.keyPanels() {
		if p != nil && p.Active() != nil {
			return true
		}
	}
	return false
}

// syncBars shows the title bar on every screen but home, unless the shell
// is slim, and the header's second line unless it is slim.
// When the shell changes, the window is laid out again and the screen on
// top scrolls its field into view.
func (k *Kiosk) syncBars() {
	slim := k.Slim()
	setVisible(k.titleBar, k.Nav.Depth() > 1 && !slim)
	k.Header.setCompact(slim)
	if slim == k.slim {
		return
	}
	k.slim = slim
	// The driver lays out the containers whose minimum size changed, but
	// may miss one when several change in the same frame: lay the whole
	// frame out again, then scroll the field into view.
	fyne.Do(func() {
		k.frame.Refresh()
		if r, ok := k.Nav.Current().(revealer); ok {
			r.reveal()
		}
	})
}

// topLayout stacks the header and the title bar like a VBox (a padding
// between them). Opening or
// closing a panel changes the panel's minimum size, and the driver then
// asks every container up the tree for its own: this layout's MinSize
// takes that moment to slim the shell down or bring it back, so no screen
// has to tell the shell. Objects: header, title bar.
type topLayout struct{ k *Kiosk }

func (l *topLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.k.syncBars()
	stack.Layout{Gap: fynetheme.Padding()}.Layout(objects, size)
}

func (l *topLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	l.k.syncBars()
	return stack.Layout{Gap: fynetheme.Padding()}.MinSize(objects)
}
