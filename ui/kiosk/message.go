package kiosk

import (
	"image/color"

	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
)

// ShowMessage shows a short message in a dialog with one large button. The
// text wraps; the dialog is as wide as a comfortable reading line.
func (n *Nav) ShowMessage(title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	msg.SizeName = fynetheme.SizeNameSubHeadingText
	width := float32(640)
	if w := n.win.Canvas().Size().Width - 120; w > 0 && w < width {
		width = w
	}
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(width, 0))
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.L("kiosk.dialog.ok"), fynetheme.ConfirmIcon(), func() {
		n.activity()
		d.Hide()
	})
	ok.Importance = widget.HighImportance
	body := container.NewVBox(container.NewStack(strut, msg), container.NewCenter(bigButton(ok)))
	d = dialog.NewCustomWithoutButtons(title, body, n.win)
	d.Show()
}

// pendingKeys are the message keys of the features that are not built yet.
var pendingKeys = map[Feature]string{
	FeatureGuides:     "kiosk.pending.generic",
	FeatureDisclosure: "kiosk.pending.generic",
	FeatureRegister:   "kiosk.pending.register",
	FeatureTrack:      "kiosk.pending.track",
	FeatureComplain:   "kiosk.pending.complain",
	FeatureRate:       "kiosk.pending.rate",
	featurePrint:      "kiosk.pending.print",
}

// featurePrint is the 打印一次性告知单 button of a guide, which says the same
// kind of thing as a tile when no printing is wired.
const featurePrint Feature = "print"

// ShowPending says politely that a function is being prepared and what the
// resident can do instead.
func (n *Nav) ShowPending(f Feature) {
	key, ok := pendingKeys[f]
	if !ok {
		key = "kiosk.pending.generic"
	}
	c := n.center
	n.ShowMessage(lang.L("kiosk.pending.title"), lang.L(key, map[string]any{
		"Phone":          c.Phone,
		"ComplaintPhone": c.ComplaintPhone,
	}))
}

// errorText is what a resident reads when something could not be loaded:
// the store's own Chinese message for bad input, otherwise a polite general
// line (the details are for the log, not for the lobby).
func errorText(err error) string {
	var inv *data.InvalidError
	if errors.As(err, &inv) {
		return inv.Msg
	}
	if errors.Is(err, data.ErrNotFound) {
		return lang.L("kiosk.error.notFound")
	}
	return lang.L("kiosk.error.load")
}

// ShowError tells the resident that something failed, in words they can
// act on, and logs the error.
func (n *Nav) ShowError(err error) {
	fyne.LogError("kiosk", err)
	n.failed(err)
	if n.blocked != nil {
		return
	}
	n.ShowMessage(lang.L("kiosk.error.title"), errorText(err))
}
