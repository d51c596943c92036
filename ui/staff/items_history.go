package staff

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// ItemVersionStore reads an item's guide as it stood at a version.
type ItemVersionStore interface {
	ItemVersion(ctx context.Context, itemID int64, version int) (data.GuideVersion, error)
}

var _ ItemVersionStore = (*data.Store)(nil)

// ItemHistory is the 历史版本 dialog of the item editor: every version of
// the guide, read-only, newest first (requests registered under an older
// one keep it as their basis).
type ItemHistory struct {
	Version *touch.Select
	Text    *widget.Label
	dlg     dialog.Dialog
}

// OpenHistory shows the item's earlier guide versions. Nothing shows for an
// item not yet saved.
func (e *ItemEditor) OpenHistory() {
	st := e.s.a.store
	if e.Item.ID == 0 || e.Item.Version < 1 {
		return
	}
	d, it := e.s.a.d, e.Item
	h := &ItemHistory{Text: widget.NewLabel("")}
	h.Text.Wrapping = fyne.TextWrapWord
	var opts []string
	for v := it.Version; v >= 1; v-- {
		opts = append(opts, lang.L("items.history.version", map[string]any{"N": v}))
	}
	h.Version = touch.NewSelect(opts, func(string) {
		d.Activity()
		v := it.Version - h.Version.SelectedIndex()
		d.async(func() func() {
			g, err := st.ItemVersion(d.opts.Context, it.ID, v)
			return func() {
				if err != nil {
					h.Text.SetText(locale.Message(err))
					return
				}
				h.Text.SetText(lang.L("items.history.since", map[string]any{"Day": data.Day(g.At)}) + "\n\n" +
					guideText(g))
			}
		})
	})
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.L("items.history.pick")), nil, h.Version)
	h.dlg = dialog.NewCustom(lang.L("items.history.title", map[string]any{"Name": it.Name}),
		lang.L("staff.guide.close"), container.NewBorder(top, nil, nil, nil, touch.NewVScroll(h.Text)), d.win)
	h.dlg.Resize(fyne.NewSize(900, 680))
	e.History = h
	h.Version.SetSelectedIndex(0)
	h.dlg.Show()
}
