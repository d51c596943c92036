package touch

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A multi-line text field scrolls its own text in a container.Scroll that
// Fyne's desktop driver gives no drags either (fyne-io/fyne#5755), and the
// field itself takes a mouse drag to select text: on a touchscreen a
// finger could not bring a long 办理结果 or comment's hidden lines into
// sight. A surface that finds such a field under a drag's start gives the
// drag to the field's text (when its text is longer than the field shows,
// along the drag's axis): the text follows the finger and glides after a
// flick, as a scroll does. A tap still reaches the field: it takes the
// focus and places the cursor where the finger lifted.
//
// Fields inside a scroll built here are covered as they are; Field covers
// one that lies in no such scroll.

// Field lets a finger scroll the text of the multi-line entry o (a
// widget.Entry, or a widget that embeds one) that lies in no scroll of
// this package; place the result where o would go.
func Field(o fyne.CanvasObject) fyne.CanvasObject {
	return over(o, noScroll{})
}

// fieldSurface is the surface that scrolls o's text, when o is a
// multi-line entry showing a scroll; nil otherwise. The surface is kept
// for the next drag on the same field (and so that a press stops its
// glide).
func (s *surface) fieldSurface(o fyne.CanvasObject) *surface {
	if _, ok := s.target.(fieldTarget); ok {
		return s // the field's own surface: it scrolls the text itself
	}
	sc := fieldScroll(o)
	if sc == nil {
		return nil
	}
	if s.field == nil || s.field.tree != o || s.field.target.(fieldTarget).s != sc {
		s.halt()
		s.field = &surface{target: fieldTarget{sc}, tree: o}
		s.field.ExtendBaseWidget(s.field)
	}
	return s.field
}

// fieldScroll is the scroll that shows the text of o, when o is a
// multi-line entry; nil otherwise.
func fieldScroll(o fyne.CanvasObject) *container.Scroll {
	e := entryOf(o)
	if e == nil || !e.MultiLine {
		return nil
	}
	if w, ok := o.(fyne.Widget); ok {
		return innerScroll(w)
	}
	return nil
}

// entryOf is the widget.Entry that o is or embeds (input.Entry,
// widget.SelectEntry), or nil.
func entryOf(o fyne.CanvasObject) *widget.Entry {
	if e, ok := o.(*widget.Entry); ok {
		return e
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("Entry")
	if !f.IsValid() || f.Type() != reflect.TypeFor[widget.Entry]() || !f.CanAddr() {
		return nil
	}
	return f.Addr().Interface().(*widget.Entry)
}

// fieldTarget is a field's text scroll: it scrolls along an axis only when
// the text is longer than the field along it.
type fieldTarget struct{ s *container.Scroll }

func (t fieldTarget) offset() fyne.Position    { return t.s.Offset }
func (t fieldTarget) scrollTo(p fyne.Position) { scrollTarget(t).scrollTo(p) }

func (t fieldTarget) scrolls(vertical bool) bool {
	if !scrollTarget(t).scrolls(vertical) {
		return false
	}
	if vertical {
		return t.s.Content.Size().Height > t.s.Size().Height
	}
	return t.s.Content.Size().Width > t.s.Size().Width
}

// noScroll is the target of a surface over something that does not
// scroll itself (Field): only what lies in it scrolls.
type noScroll struct{}

func (noScroll) offset() fyne.Position  { return fyne.Position{} }
func (noScroll) scrollTo(fyne.Position) {}
func (noScroll) scrolls(bool) bool      { return false }
