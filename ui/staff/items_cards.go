package staff

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cardParts are what a material card and an intake field card share: the
// number, the buttons that move and remove the card, its error lines and
// the card itself.
type cardParts struct {
	Up     *widget.Button
	Down   *widget.Button
	Remove *widget.Button

	heading *widget.Label
	errs    map[string]*widget.Label
	// fallback names the error line of a message for no line of its own.
	fallback string
	box      fyne.CanvasObject
}

// newCardParts makes the parts of a card; move and remove act on it, keys
// name its error lines, returned in a column in that order (the first is
// the fallback).
func newCardParts(d *Desk, move func(delta int), remove func(), keys ...string) (cardParts, fyne.CanvasObject) {
	c := cardParts{errs: map[string]*widget.Label{}, fallback: keys[0]}
	c.Up = widget.NewButtonWithIcon("", fynetheme.MoveUpIcon(), d.tap(func() { move(-1) }))
	c.Down = widget.NewButtonWithIcon("", fynetheme.MoveDownIcon(), d.tap(func() { move(1) }))
	c.Remove = widget.NewButtonWithIcon(lang.L("items.remove"), fynetheme.ContentRemoveIcon(), d.tap(remove))
	c.heading = widget.NewLabel("")
	c.heading.TextStyle = fyne.TextStyle{Bold: true}
	errs := container.NewVBox()
	for _, key := range keys {
		l := errorLine()
		c.errs[key] = l
		errs.Add(l)
	}
	return c, errs
}

func (c *cardParts) parts() *cardParts { return c }

// withButtons is a card's second line: a labelled input, then the buttons
// that move and remove the card.
func (c *cardParts) withButtons(labelKey string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(lang.L(labelKey)), container.NewHBox(c.Up, c.Down, c.Remove), o)
}

func (c *cardParts) clearErrors() {
	for _, l := range c.errs {
		setErrorLine(l, "")
	}
}

// fail shows msg under the card's input named sub (or under its first
// line).
func (c *cardParts) fail(sub, msg string) {
	if l, ok := c.errs[sub]; ok {
		setErrorLine(l, msg)
		return
	}
	setErrorLine(c.errs[c.fallback], msg)
}

// card is a material or an intake field card.
type card interface {
	comparable
	parts() *cardParts
}

// layoutCards shows the cards in box in order, numbered; the first cannot
// move up nor the last down.
func layoutCards[C card](box *fyne.Container, cards []C) {
	box.RemoveAll()
	for i, c := range cards {
		p := c.parts()
		p.heading.SetText(strconv.Itoa(i + 1))
		if i == 0 {
			p.Up.Disable()
		} else {
			p.Up.Enable()
		}
		if i == len(cards)-1 {
			p.Down.Disable()
		} else {
			p.Down.Enable()
		}
		box.Add(p.box)
	}
	box.Refresh()
}

// cardActions are what the buttons of card c do: move it among *cards and
// remove it from them, the cards laid out in box again after.
func cardActions[C card](box *fyne.Container, cards *[]C, c C) (move func(delta int), remove func()) {
	move = func(delta int) {
		if moveCard(*cards, c, delta) {
			layoutCards(box, *cards)
		}
	}
	remove = func() {
		*cards = removeCard(*cards, c)
		layoutCards(box, *cards)
	}
	return move, remove
}

// moveCard swaps c with its neighbour delta places away; false when there
// is none.
func moveCard[C comparable](cards []C, c C, delta int) bool {
	for i, x := range cards {
		if x == c {
			j := i + delta
			if j < 0 || j >= len(cards) {
				return false
			}
			cards[i], cards[j] = cards[j], cards[i]
			return true
		}
	}
	return false
}

// removeCard is cards without c.
func removeCard[C comparable](cards []C, c C) []C {
	for i, x := range cards {
		if x == c {
			return append(cards[:i:i], cards[i+1:]...)
		}
	}
	return cards
}
