package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// ItemFilter is the queue's item filter. A center may have thousands of
// items, so it is no dropdown of them all: a button naming the chosen
// item (全部事项 when none) opens a picker, where typing part of a
// name, its pinyin or initials lists the matching items in a virtualised
// list (only the rows in sight are built). Tapping one filters the queue
// by it; 全部事项 in the picker, or the clear button beside the filter,
// turns the filter off.
type ItemFilter struct {
	Button *widget.Button // opens the picker
	Label  *widget.Label  // on the button: the chosen item, or 全部事项
	Clear  *widget.Button // shown while an item is chosen
	Chosen data.ItemSummary

	// The picker, while open (Dialog non-nil).
	Dialog  *dialog.CustomDialog
	Search  *widget.Entry
	Status  *widget.Label
	Results *widget.List
	Found   []data.ItemSummary
	All     *widget.Button // 全部事项; nil in a required picker

	d         *Desk
	content   *fyne.Container
	onChanged func()
	seq       int // the latest search; older answers are dropped

	// none is the button's text while no item is chosen, title the
	// picker's; required pickers (walk-in intake) offer no 全部事项 and
	// no clear button: an item must be chosen.
	none, title string
	required    bool
}

func newItemFilter(d *Desk, onChanged func()) *ItemFilter {
	return newItemPicker(d, lang.L("staff.queue.allItems"), lang.L("staff.queue.itemPick.title"), false, onChanged)
}

// newItemPicker is the picker with its own texts; intake uses it
// (required) to choose the item being registered.
func newItemPicker(d *Desk, none, title string, required bool, onChanged func()) *ItemFilter {
	f := &ItemFilter{d: d, onChanged: onChanged, none: none, title: title, required: required}
	// An item's name can be long: the label on the button is cut short
	// with an ellipsis (a button's own text would spill over).
	f.Button = widget.NewButton("", d.tap(f.Open))
	f.Label = widget.NewLabel(none)
	f.Label.Truncation = fyne.TextTruncateEllipsis
	f.Clear = widget.NewButtonWithIcon("", fynetheme.ContentClearIcon(), d.tap(func() { f.Choose(data.ItemSummary{}) }))
	f.Clear.Hide()
	f.content = container.NewBorder(nil, nil, nil, f.Clear, container.NewStack(f.Button,
		container.NewBorder(nil, nil, bmtheme.NewIcon(fynetheme.SearchIcon()), nil, f.Label)))
	return f
}

// Content is the filter as it sits in the queue's row of filters.
func (f *ItemFilter) Content() fyne.CanvasObject { return f.content }

// Choose filters by it (ID 0: all items) and closes the picker.
func (f *ItemFilter) Choose(it data.ItemSummary) {
	f.close()
	if it.ID == f.Chosen.ID {
		return
	}
	f.set(it)
	if f.onChanged != nil {
		f.onChanged()
	}
}

// ChooseName chooses the item named name ("" for none), found with the
// item search as the picker finds it; nothing changes when no item has
// that name.
func (f *ItemFilter) ChooseName(name string) {
	if name == "" {
		f.Choose(data.ItemSummary{})
		return
	}
	st := f.d.store
	d := f.d
	d.async(func() func() {
		found, err := st.SearchItems(d.opts.Context, name)
		if err != nil {
			fyne.LogError("staff: item search", err)
			return nil
		}
		for _, it := range found {
			if it.Name == name {
				return func() { f.Choose(it) }
			}
		}
		return nil
	})
}

// set shows it as the choice without telling the queue.
func (f *ItemFilter) set(it data.ItemSummary) {
	f.Chosen = it
	if it.ID == 0 {
		f.Label.SetText(f.none)
		f.Clear.Hide()
	} else {
		f.Label.SetText(itemChoice(it))
		if !f.required {
			f.Clear.Show()
		}
	}
	f.content.Refresh() // lays the clear button out, or gives its room back
}

// Open shows the picker, its search box focused.
func (f *ItemFilter) Open() {
	f.close()
	f.Search = widget.NewEntry()
	f.Search.SetPlaceHolder(lang.L("staff.queue.itemPick.hint"))
	f.Search.OnChanged = func(q string) { f.d.Activity(); f.search(q) }
	f.Status = widget.NewLabel(lang.L("staff.queue.itemPick.hint"))
	f.Status.Wrapping = fyne.TextWrapWord
	f.Found = nil
	f.Results = widget.NewList(
		func() int { return len(f.Found) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(f.Found) {
				o.(*widget.Label).SetText(itemChoice(f.Found[id]))
			}
		})
	f.Results.OnSelected = func(id widget.ListItemID) {
		f.d.Activity()
		if id < len(f.Found) {
			f.Choose(f.Found[id])
		}
	}
	f.All = widget.NewButton(lang.L("staff.queue.allItems"), f.d.tap(func() { f.Choose(data.ItemSummary{}) }))
	cancel := widget.NewButton(lang.L("staff.form.cancel"), f.d.tap(f.close))
	buttons := container.NewHBox(f.All, cancel)
	if f.required {
		f.All = nil
		buttons = container.NewHBox(cancel)
	}
	body := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, bmtheme.NewIcon(fynetheme.SearchIcon()), nil, f.Search), f.Status),
		buttons, nil, nil, touch.List(f.Results))
	f.Dialog = dialog.NewCustomWithoutButtons(f.title, body, f.d.win)
	f.Dialog.Resize(fyne.NewSize(760, 600))
	f.Dialog.Show()
	f.d.win.Canvas().Focus(f.Search)
}

func (f *ItemFilter) close() {
	if f.Dialog != nil {
		f.Dialog.Hide()
		f.Dialog = nil
	}
}

// search looks q up off the UI goroutine and lists what it finds.
func (f *ItemFilter) search(q string) {
	f.seq++
	seq := f.seq
	if data.NormaliseQuery(q) == "" {
		f.show(q, nil, nil)
		return
	}
	st := f.d.store
	f.Status.SetText(lang.L("staff.queue.itemPick.searching"))
	f.d.async(func() func() {
		found, err := st.SearchItems(f.d.opts.Context, q)
		return func() {
			if seq == f.seq {
				f.show(q, found, err)
			}
		}
	})
}

func (f *ItemFilter) show(q string, found []data.ItemSummary, err error) {
	if f.Dialog == nil {
		return // closed meanwhile
	}
	f.Found = found
	f.Results.UnselectAll()
	f.Results.Refresh()
	f.Results.ScrollToTop()
	switch {
	case err != nil:
		fyne.LogError("staff: item search", err)
		f.Status.SetText(locale.Message(err))
	case data.NormaliseQuery(q) == "":
		f.Status.SetText(lang.L("staff.queue.itemPick.hint"))
	case len(found) == 0:
		f.Status.SetText(lang.L("staff.queue.itemPick.notFound", map[string]any{"Query": q}))
	default:
		f.Status.SetText(lang.L("staff.queue.itemPick.found", map[string]any{"N": len(found)}))
	}
}
