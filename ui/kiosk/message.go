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
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/locale"
)

// ShowMessage shows a short message in a dialog with one large button. The
// text wraps; the dialog is as wide as a comfortable reading line.
func (n *Nav) ShowMessage(title, text string) {
	msg := fitlabel.NewWrapped(text)
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

// errorText is what a resident reads when something could not be loaded:
// the store's own Chinese message for bad input, otherwise a polite general
// line (the details are for the log, not for the lobby). A hall's data
// server out of reach (PostgreSQL) says so calmly: try again later.
func errorText(err error) string {
	var inv *data.InvalidError
	if errors.As(err, &inv) {
		return locale.Message(inv)
	}
	if errors.Is(err, data.ErrNotFound) {
		return lang.L("kiosk.error.notFound")
	}
	if errors.Is(err, data.ErrUnreachable) {
		return locale.Message(err)
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
