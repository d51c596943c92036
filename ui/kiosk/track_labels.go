package kiosk

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// The words and labels the tracking, complaint and rating screens share:
// the status banner, values to copy down, the error under a form, the step
// line, and dates in words.

// trackTheme reads the app's current theme and variant.
func trackTheme() (fyne.Theme, fyne.ThemeVariant) {
	return fyne.CurrentApp().Settings().Theme(), fyne.CurrentApp().Settings().ThemeVariant()
}

// trackBanner is a coloured band with large text in the status colour
// name: the status of a request or a complaint.
func trackBanner(text string, colour fyne.ThemeColorName) (fyne.CanvasObject, *canvas.Text) {
	th, _ := trackTheme()
	fill, fg := statusColours(colour)
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = th.Size(fynetheme.SizeNameInputRadius) * 1.5
	t := canvas.NewText(text, fg)
	t.TextSize = th.Size(fynetheme.SizeNameHeadingText)
	t.TextStyle.Bold = true
	pad := th.Size(fynetheme.SizeNamePadding)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(pad*1.5, pad*1.5, pad*2, pad*2), t)), t
}

// trackStatusColours are the colours of a request's status banner: done,
// waiting for the resident, closed without result; any other status is
// information (trackStatusColour).
var trackStatusColours = map[data.Status]fyne.ThemeColorName{
	data.StatusFinished: bmtheme.ColorNameStatusOK,
	data.StatusWaiting:  bmtheme.ColorNameStatusDueSoon,
	data.StatusRefused:  fynetheme.ColorNameDisabled, data.StatusWithdrawn: fynetheme.ColorNameDisabled,
}

func trackStatusColour(s data.Status) fyne.ThemeColorName {
	return lookup(trackStatusColours, s, bmtheme.ColorNameStatusInfo)
}

// lookup is k's value in table, or otherwise when table has none.
func lookup[K comparable, V any](table map[K]V, k K, otherwise V) V {
	if v, ok := table[k]; ok {
		return v
	}
	return otherwise
}

// statusText is a request's status in words (data's Chinese, translated
// for the English screen): 等待补充材料.
func statusText(s data.Status) string { return lang.X("track.status."+string(s), s.Label()) }

// complaintStatusText is a complaint's status in words: 已收到，等待处理.
func complaintStatusText(c data.ComplaintStatus) string {
	return lang.X("track.complaint.status."+c.Status, c.StatusLabel())
}

// trackBig is a value to copy down or read out: a receipt number, a query
// code. Selectable text is no use on a touchscreen, so it is a label.
func trackBig(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = fynetheme.SizeNameHeadingText
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// trackError is the label under a form for what went wrong, in the error
// colour. Empty, it takes no room.
func trackError() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// setTrackError shows msg in l, or hides l when msg is empty.
func setTrackError(l *widget.Label, msg string) {
	regSetError(l, msg)
	if msg != "" {
		touch.BringIntoView(l) // the answer to a tap, never below the fold
	}
}

// trackHead is the top of a step of a flow: the step line and the
// question, close together.
func trackHead(n, of int, what, title string) fyne.CanvasObject {
	return compact(container.NewVBox(trackStepText(n, of, what), heading(title)))
}

// trackStepText is the step line of a flow: "第2步，共5步：选择窗口".
func trackStepText(n, of int, what string) *widget.Label {
	l := widget.NewLabel(lang.L("track.step", map[string]any{"N": n, "Of": of, "What": what}))
	l.Importance = widget.HighImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// trackDay is a day from data ('2026-12-10') in words: 2026年12月10日.
// Empty is "", a day that does not parse is shown as it is.
func trackDay(day string) string {
	if day == "" {
		return ""
	}
	t, err := data.ParseDay(day)
	if err != nil {
		return day
	}
	return lang.L("track.date", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day()})
}

// trackDue is a request's promised date, or that it is set on acceptance.
func trackDue(day string) string {
	if s := trackDay(day); s != "" {
		return s
	}
	return lang.L("track.due.later")
}

// trackTime is a moment on a timeline: 2026年3月5日 09:30.
func trackTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(data.China)
	return lang.L("track.time", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day(),
		"Clock": t.Format("15:04")})
}
