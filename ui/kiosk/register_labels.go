package kiosk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/ui/internal/errline"
)

// The words of the self-registration screens: the step indicator, the red
// message under a field, and codes spaced out for reading.

// regProgress draws the step indicator's bar: one segment per step, the
// steps done and the current one in the primary colour.
func regProgress(n, total int) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	var segs []fyne.CanvasObject
	for i := 1; i <= total; i++ {
		r := canvas.NewRectangle(th.Color(fynetheme.ColorNameDisabled, v))
		if i <= n {
			r.FillColor = th.Color(fynetheme.ColorNamePrimary, v)
		}
		r.CornerRadius = 4
		segs = append(segs, r)
	}
	return container.New(&regSegments{height: 12}, segs...)
}

// regSegments lays its objects side by side in equal widths, a small gap
// apart, at a fixed height.
type regSegments struct{ height float32 }

func (l *regSegments) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) == 0 {
		return
	}
	gap := float32(6)
	w := (size.Width - gap*float32(len(objects)-1)) / float32(len(objects))
	for i, o := range objects {
		o.Move(fyne.NewPos(float32(i)*(w+gap), (size.Height-l.height)/2))
		o.Resize(fyne.NewSize(w, l.height))
	}
}

func (l *regSegments) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(objects))*12, l.height)
}

// regStepHeader is "第2步 / 共9步" and, beside it, the progress bar.
func regStepHeader(n, total int) fyne.CanvasObject {
	l := widget.NewLabel(lang.L("register.step", map[string]any{"N": n, "Total": total}))
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Importance = widget.HighImportance
	return compact(container.NewBorder(nil, nil, container.NewStack(l), nil, regProgress(n, total)))
}

// regErrorLabel is the message under a field: large, red, wrapped, with
// nothing shown while there is no message.
func regErrorLabel() *widget.Label {
	l := errline.New()
	l.SizeName = fynetheme.SizeNameSubHeadingText
	return l
}

// regSetError shows msg in l, or hides l for "" (setTrackError too).
func regSetError(l *widget.Label, msg string) { errline.Set(l, msg) }

// regSpaced puts a space between the characters of a code so that it reads
// one character at a time: "K7M3PQ" → "K 7 M 3 P Q".
func regSpaced(s string) string {
	return strings.Join(strings.Split(s, ""), " ")
}

// regReceiptNoText groups a receipt number for reading aloud:
// "WY-20260305-0001" → "WY - 2026 0305 - 0001". Lookups ignore spaces.
func regReceiptNoText(no string) string {
	parts := strings.Split(no, "-")
	if len(parts) == 3 && len(parts[1]) == 8 {
		parts[1] = parts[1][:4] + " " + parts[1][4:]
	}
	return strings.Join(parts, " - ")
}
